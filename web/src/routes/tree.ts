import { createRootRoute, createRoute, redirect } from '@tanstack/react-router';
import { Layout, NotFound } from '../components/Layout';
import { roleStart } from '../roles';
import { getSession } from '../session';

/**
 * The two routes every page hangs from: the root (the shell) and the signed-in gate. Each role's
 * pages are declared in their own room (`routes/<room>/routes.ts`) under these, so the rooms grow
 * without touching one another.
 */
export const root = createRootRoute({ component: Layout, notFoundComponent: NotFound });

export const signedIn = createRoute({
  getParentRoute: () => root,
  id: 'signed-in',
  beforeLoad: ({ location }) => {
    if (!getSession()) throw redirect({ to: '/login', search: { redirect: location.href } });
  },
});

/** `/` is the applicant's home; a user working in another role is taken to that role's start. */
export function toRoleHome(): void {
  const start = roleStart();
  if (start !== '/') throw redirect({ to: start });
}
