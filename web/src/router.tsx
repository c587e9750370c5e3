import { createRootRoute, createRoute, createRouter, lazyRouteComponent, redirect } from '@tanstack/react-router';
import { markNavigation } from './components/announcer';
import { Layout, NotFound, PendingPage } from './components/Layout';
import { getSession } from './session';

/**
 * Every page is its own chunk, loaded when first visited: the sign-in page carries the shell
 * and the sign-in form only.
 */
const root = createRootRoute({ component: Layout, notFoundComponent: NotFound });

const signIn = createRoute({
  getParentRoute: () => root,
  path: '/login',
  validateSearch: (search: Record<string, unknown>): { redirect?: string } =>
    typeof search.redirect === 'string' && search.redirect.startsWith('/') ? { redirect: search.redirect } : {},
  component: lazyRouteComponent(() => import('./routes/common/SignInPage'), 'SignInPage'),
});

const accessibility = createRoute({
  getParentRoute: () => root,
  path: '/accessibility',
  component: lazyRouteComponent(() => import('./routes/common/AccessibilityPage'), 'AccessibilityPage'),
});

const signedIn = createRoute({
  getParentRoute: () => root,
  id: 'signed-in',
  beforeLoad: ({ location }) => {
    if (!getSession()) throw redirect({ to: '/login', search: { redirect: location.href } });
  },
});

const home = createRoute({
  getParentRoute: () => signedIn,
  path: '/',
  component: lazyRouteComponent(() => import('./routes/applicant/HomePage'), 'HomePage'),
});

const calls = createRoute({
  getParentRoute: () => signedIn,
  path: '/calls',
  component: lazyRouteComponent(() => import('./routes/applicant/CallsPage'), 'CallsPage'),
});

const call = createRoute({
  getParentRoute: () => signedIn,
  path: '/calls/$callId',
  component: lazyRouteComponent(() => import('./routes/applicant/CallPage'), 'CallPage'),
});

const application = createRoute({
  getParentRoute: () => signedIn,
  path: '/applications/$applicationId',
  component: lazyRouteComponent(() => import('./routes/applicant/ApplicationPage'), 'ApplicationPage'),
});

const notifications = createRoute({
  getParentRoute: () => signedIn,
  path: '/notifications',
  component: lazyRouteComponent(() => import('./routes/common/NotificationsPage'), 'NotificationsPage'),
});

export const router = createRouter({
  routeTree: root.addChildren([signIn, accessibility, signedIn.addChildren([home, calls, call, application, notifications])]),
  defaultPendingComponent: PendingPage,
  defaultPreload: 'intent',
  scrollRestoration: true,
});

router.subscribe('onBeforeNavigate', ({ fromLocation, toLocation }) => {
  if (fromLocation && fromLocation.pathname !== toLocation.pathname) markNavigation();
});
