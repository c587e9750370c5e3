import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { queryClient } from '../../queryClient';
import { getSession } from '../../session';
import { signedIn, toRoleHome } from '../tree';
import { applicationQuery, applicationsQuery, callQuery, callsQuery, organizationsQuery } from './queries';

/**
 * The applicant's room: home, calls, a call, an application. Each route's loader starts its page's
 * queries the moment the route is matched, so the data and the page's chunk load side by side
 * (not the chunk, then the data it asks for). The loaders do not wait for them: the page shows its
 * heading at once and its own loading and error states, as on an in-app navigation.
 */
function prefetch(...started: (() => Promise<unknown>)[]): void {
  if (getSession()) for (const start of started) void start();
}

const home = createRoute({
  getParentRoute: () => signedIn,
  path: '/',
  beforeLoad: toRoleHome,
  loader: () =>
    prefetch(
      () => queryClient.prefetchQuery(applicationsQuery()),
      () => queryClient.prefetchQuery(callsQuery()),
    ),
  component: lazyRouteComponent(() => import('./HomePage'), 'HomePage'),
});

const calls = createRoute({
  getParentRoute: () => signedIn,
  path: '/calls',
  loader: () => prefetch(() => queryClient.prefetchQuery(callsQuery())),
  component: lazyRouteComponent(() => import('./CallsPage'), 'CallsPage'),
});

const call = createRoute({
  getParentRoute: () => signedIn,
  path: '/calls/$callId',
  loader: ({ params }) =>
    prefetch(
      () => queryClient.prefetchQuery(callQuery(params.callId)),
      () => queryClient.prefetchQuery(applicationsQuery(params.callId)),
    ),
  component: lazyRouteComponent(() => import('./CallPage'), 'CallPage'),
});

const application = createRoute({
  getParentRoute: () => signedIn,
  path: '/applications/$applicationId',
  loader: ({ params }) =>
    prefetch(
      // The call is known once the application is: asked for as soon as it arrives.
      () =>
        queryClient
          .fetchQuery(applicationQuery(params.applicationId))
          .then((a) => queryClient.prefetchQuery(callQuery(a.callId)))
          .catch(() => undefined), // the page shows the failure from its own query
      () => queryClient.prefetchQuery(organizationsQuery()),
    ),
  component: lazyRouteComponent(() => import('./ApplicationPage'), 'ApplicationPage'),
});

export const applicantRoutes = [home, calls, call, application];
