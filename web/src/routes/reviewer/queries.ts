import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

/** The reviewer's data: their assignments, an application and its reviews (their own, and the others' after theirs). */
export function useMyAssignments() {
  return useQuery({ queryKey: ['my-assignments'], queryFn: () => unwrap(api.GET('/api/reviews')) });
}

export function useApplication(id: string) {
  return useQuery({
    queryKey: ['application', id],
    queryFn: () => unwrap(api.GET('/api/applications/{id}', { params: { path: { id } } })),
    retry: false,
  });
}

export function useApplicationReviews(applicationId: string) {
  return useQuery({
    queryKey: ['reviews', applicationId],
    queryFn: () => unwrap(api.GET('/api/applications/{id}/reviews', { params: { path: { id: applicationId } } })),
    retry: false,
    // The form holds what is being scored; the stored reviews are read again after a submit.
    refetchOnWindowFocus: false,
  });
}
