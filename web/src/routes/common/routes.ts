import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { root, signedIn } from '../tree';

/** Pages of everyone: sign-in and the accessibility statement (public), notifications (signed in). */
const signIn = createRoute({
  getParentRoute: () => root,
  path: '/login',
  validateSearch: (search: Record<string, unknown>): { redirect?: string } =>
    typeof search.redirect === 'string' && search.redirect.startsWith('/') ? { redirect: search.redirect } : {},
  component: lazyRouteComponent(() => import('./SignInPage'), 'SignInPage'),
});

const accessibility = createRoute({
  getParentRoute: () => root,
  path: '/accessibility',
  component: lazyRouteComponent(() => import('./AccessibilityPage'), 'AccessibilityPage'),
});

const notifications = createRoute({
  getParentRoute: () => signedIn,
  path: '/notifications',
  component: lazyRouteComponent(() => import('./NotificationsPage'), 'NotificationsPage'),
});

export const publicRoutes = [signIn, accessibility];
export const commonRoutes = [notifications];
