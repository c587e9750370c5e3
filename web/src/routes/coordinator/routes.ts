import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { signedIn } from '../tree';

/** The coordinator's room: their calls' overviews, project pages, report review, practice search, announcements. */
const start = createRoute({
  getParentRoute: () => signedIn,
  path: '/coordination',
  component: lazyRouteComponent(() => import('./CoordinationPage'), 'CoordinationPage'),
});

const call = createRoute({
  getParentRoute: () => signedIn,
  path: '/coordination/calls/$callId',
  component: lazyRouteComponent(() => import('./CoordinationPage'), 'CoordinationPage'),
});

const project = createRoute({
  getParentRoute: () => signedIn,
  path: '/coordination/projects/$projectId',
  component: lazyRouteComponent(() => import('./ProjectPage'), 'ProjectPage'),
});

const report = createRoute({
  getParentRoute: () => signedIn,
  path: '/coordination/projects/$projectId/reports/$type',
  component: lazyRouteComponent(() => import('./ReportPage'), 'ReportPage'),
});

const practices = createRoute({
  getParentRoute: () => signedIn,
  path: '/coordination/practices',
  component: lazyRouteComponent(() => import('./PracticesPage'), 'PracticesPage'),
});

export const coordinatorRoutes = [start, call, project, report, practices];
