import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { signedIn } from '../tree';

/** The reviewer's room: the applications assigned to them and the review of each. */
const assignments = createRoute({
  getParentRoute: () => signedIn,
  path: '/reviews',
  component: lazyRouteComponent(() => import('./ReviewerAssignmentsPage'), 'ReviewerAssignmentsPage'),
});

const review = createRoute({
  getParentRoute: () => signedIn,
  path: '/reviews/$applicationId',
  component: lazyRouteComponent(() => import('./ReviewPage'), 'ReviewPage'),
});

export const reviewerRoutes = [assignments, review];
