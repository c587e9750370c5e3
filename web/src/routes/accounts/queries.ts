import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';

/** Every user (admins only). */
export function useUsers() {
  return useQuery({ queryKey: ['admin', 'users'], queryFn: () => unwrap(api.GET('/api/users')) });
}

/** Every organisation, by name. */
export function useOrganizations() {
  return useQuery({ queryKey: ['admin', 'organizations'], queryFn: () => unwrap(api.GET('/api/organizations')) });
}
