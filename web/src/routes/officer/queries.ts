import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import type { FundingProposal, OfficerCall, RankingRow } from '../../api/types';

/** The officer's data: a call, its ranking, proposal, decisions, reviewers and assignments. */
export function useOfficerCall(id: string) {
  return useQuery({
    queryKey: ['call', id],
    queryFn: async () => (await unwrap(api.GET('/api/calls/{id}', { params: { path: { id } } }))) as OfficerCall,
    enabled: !!id,
  });
}

export function useRanking(callId: string) {
  return useQuery({
    queryKey: ['ranking', callId],
    queryFn: async () => (await unwrap(api.GET('/api/calls/{id}/ranking', { params: { path: { id: callId } } }))) as RankingRow[],
  });
}

export function useProposal(callId: string) {
  return useQuery({
    queryKey: ['proposal', callId],
    queryFn: async () =>
      (await unwrap(api.GET('/api/calls/{id}/funding-proposal', { params: { path: { id: callId } } }))) as FundingProposal,
  });
}

export function useDecisions(callId: string) {
  return useQuery({
    queryKey: ['decisions', callId],
    queryFn: () => unwrap(api.GET('/api/calls/{id}/decisions', { params: { path: { id: callId } } })),
  });
}

/** One application of the reserve list (GET /api/calls/:id/reserve). */
export type ReserveRow = components['schemas']['ReserveRowView'];

/** The reserve: in ranking order, the unfunded applications that fit a free slot and the remaining budget. */
export function useReserve(callId: string) {
  return useQuery({
    queryKey: ['reserve', callId],
    queryFn: () => unwrap(api.GET('/api/calls/{id}/reserve', { params: { path: { id: callId } } })),
  });
}

export function useUsers() {
  return useQuery({ queryKey: ['users'], queryFn: () => unwrap(api.GET('/api/users')), staleTime: 60_000 });
}

export function useReviews(applicationId: string) {
  return useQuery({
    queryKey: ['reviews', applicationId],
    queryFn: () => unwrap(api.GET('/api/applications/{id}/reviews', { params: { path: { id: applicationId } } })),
  });
}

export function useVersions(applicationId: string) {
  return useQuery({
    queryKey: ['versions', applicationId],
    queryFn: () => unwrap(api.GET('/api/applications/{id}/versions', { params: { path: { id: applicationId } } })),
  });
}

/** One reviewer's assignment as GET /api/calls/:id/assignments lists it (API.md v2). */
export interface AssignmentRow {
  applicationId: string;
  reviewerId: string;
  reviewStatus?: 'not_started' | 'draft' | 'submitted';
  overdue?: boolean;
}

/**
 * The call's assignments with their progress. The listing is v2 (staff-api); an API without it
 * answers 404, and the page then shows what it can without loads.
 */
export function useAssignments(callId: string) {
  return useQuery({
    queryKey: ['assignments', callId],
    queryFn: async (): Promise<AssignmentRow[] | null> => {
      const { data, response } = await api.GET('/api/calls/{id}/assignments' as never, { params: { path: { id: callId } } } as never);
      if (response.status === 404 || response.status === 405) return null;
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const body = data as unknown as AssignmentRow[] | { assignments: AssignmentRow[] };
      return Array.isArray(body) ? body : body.assignments;
    },
  });
}
