import { queryOptions, useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

/**
 * The applicant's queries, each defined once: the pages read them with the hooks below, and the
 * routes' loaders (routes.ts) start them as soon as the route is matched, so that a page's data
 * is on its way while its chunk is still loading.
 */
export const callsQuery = () => queryOptions({ queryKey: ['calls'], queryFn: () => unwrap(api.GET('/api/calls')) });

export const callQuery = (id: string | undefined) =>
  queryOptions({
    queryKey: ['call', id],
    queryFn: () => unwrap(api.GET('/api/calls/{id}', { params: { path: { id: id as string } } })),
    enabled: !!id,
  });

export const applicationsQuery = (callId?: string) =>
  queryOptions({
    queryKey: ['applications', callId ?? 'all'],
    queryFn: () => unwrap(api.GET('/api/applications', { params: { query: { callId, limit: 1000 } } })),
  });

export const applicationQuery = (id: string) =>
  queryOptions({
    queryKey: ['application', id],
    queryFn: () => unwrap(api.GET('/api/applications/{id}', { params: { path: { id } } })),
    // The form owns what is typed; the stored copy is read again only on demand (a conflict).
    staleTime: Infinity,
    refetchOnWindowFocus: false,
  });

export const organizationsQuery = () =>
  queryOptions({ queryKey: ['organizations'], queryFn: () => unwrap(api.GET('/api/organizations')), staleTime: 5 * 60_000 });

export function useCalls() {
  return useQuery(callsQuery());
}

export function useCall(id: string | undefined) {
  return useQuery(callQuery(id));
}

export function useApplications(callId?: string) {
  return useQuery(applicationsQuery(callId));
}

export function useApplication(id: string) {
  return useQuery(applicationQuery(id));
}

export function useOrganizations() {
  return useQuery(organizationsQuery());
}
