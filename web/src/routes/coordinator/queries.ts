import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { practiceQuery, type PracticeFilters, type ReportType } from './coordination';

type Schemas = components['schemas'];
export type Project = Schemas['ProjectView'];
export type ProjectDetail = Schemas['ProjectDetailView'];
export type ProjectReport = ProjectDetail['reports'][number];
export type Report = Schemas['ReportView'];
export type Practice = Schemas['PracticeView'];
export type Overview = Schemas['OverviewView'];
export type OverviewRow = Overview['projects'][number];
export type AnnouncementResult = Schemas['AnnouncementResult'];

/** The coordinator's data: the projects they coordinate, a call's overview, a project, a report, practices. */
export function useCoordinatedProjects() {
  return useQuery({
    queryKey: ['network-projects', 'coordinated'],
    queryFn: async () => (await unwrap(api.GET('/api/network-projects', { params: { query: {} } }))) as Project[],
  });
}

export function useOverview(callId: string | undefined) {
  return useQuery({
    queryKey: ['coordination', callId],
    queryFn: () => unwrap(api.GET('/api/calls/{id}/coordination', { params: { path: { id: callId as string } } })) as Promise<Overview>,
    enabled: !!callId,
  });
}

export function useProject(projectId: string) {
  return useQuery({
    queryKey: ['network-project', projectId],
    queryFn: () => unwrap(api.GET('/api/network-projects/{id}', { params: { path: { id: projectId } } })),
  });
}

export function useReport(projectId: string, type: ReportType) {
  return useQuery({
    queryKey: ['report', projectId, type],
    queryFn: () => unwrap(api.GET('/api/network-projects/{id}/reports/{type}', { params: { path: { id: projectId, type } } })),
  });
}

export function usePractices(filters: PracticeFilters) {
  const query = practiceQuery(filters);
  return useQuery({
    queryKey: ['practices', query],
    queryFn: () => unwrap(api.GET('/api/practices', { params: { query } })),
    placeholderData: (previous) => previous,
  });
}
