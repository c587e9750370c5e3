import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

export function useCalls() {
  return useQuery({ queryKey: ['calls'], queryFn: () => unwrap(api.GET('/api/calls')) });
}

export function useCall(id: string | undefined) {
  return useQuery({
    queryKey: ['call', id],
    queryFn: () => unwrap(api.GET('/api/calls/{id}', { params: { path: { id: id as string } } })),
    enabled: !!id,
  });
}

export function useApplications(callId?: string) {
  return useQuery({
    queryKey: ['applications', callId ?? 'all'],
    queryFn: () => unwrap(api.GET('/api/applications', { params: { query: { callId, limit: 1000 } } })),
  });
}

export function useOrganizations() {
  return useQuery({ queryKey: ['organizations'], queryFn: () => unwrap(api.GET('/api/organizations')), staleTime: 5 * 60_000 });
}
