import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { signedIn, toRoleHome } from '../tree';

/** The applicant's room: home, calls, a call, an application. */
const home = createRoute({
  getParentRoute: () => signedIn,
  path: '/',
  beforeLoad: toRoleHome,
  component: lazyRouteComponent(() => import('./HomePage'), 'HomePage'),
});

const calls = createRoute({
  getParentRoute: () => signedIn,
  path: '/calls',
  component: lazyRouteComponent(() => import('./CallsPage'), 'CallsPage'),
});

const call = createRoute({
  getParentRoute: () => signedIn,
  path: '/calls/$callId',
  component: lazyRouteComponent(() => import('./CallPage'), 'CallPage'),
});

const application = createRoute({
  getParentRoute: () => signedIn,
  path: '/applications/$applicationId',
  component: lazyRouteComponent(() => import('./ApplicationPage'), 'ApplicationPage'),
});

export const applicantRoutes = [home, calls, call, application];
