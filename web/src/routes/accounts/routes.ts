import { createRoute, lazyRouteComponent } from '@tanstack/react-router';
import { root, signedIn } from '../tree';

/**
 * Accounts: the forgotten-password pages (public, beside sign-in), the password change (anyone
 * signed in) and the administration of users and organisations (admins; the API refuses others).
 */
const forgotPassword = createRoute({
  getParentRoute: () => root,
  path: '/forgot-password',
  component: lazyRouteComponent(() => import('./ForgotPasswordPage'), 'ForgotPasswordPage'),
});

const resetPassword = createRoute({
  getParentRoute: () => root,
  path: '/password-reset',
  validateSearch: (search: Record<string, unknown>): { token?: string } =>
    typeof search.token === 'string' && search.token ? { token: search.token } : {},
  component: lazyRouteComponent(() => import('./ResetPasswordPage'), 'ResetPasswordPage'),
});

const changePassword = createRoute({
  getParentRoute: () => signedIn,
  path: '/account/password',
  component: lazyRouteComponent(() => import('./ChangePasswordPage'), 'ChangePasswordPage'),
});

const users = createRoute({
  getParentRoute: () => signedIn,
  path: '/admin/users',
  component: lazyRouteComponent(() => import('./UsersPage'), 'UsersPage'),
});

const user = createRoute({
  getParentRoute: () => signedIn,
  path: '/admin/users/$userId',
  component: lazyRouteComponent(() => import('./UserEditPage'), 'UserEditPage'),
});

const organizations = createRoute({
  getParentRoute: () => signedIn,
  path: '/admin/organizations',
  component: lazyRouteComponent(() => import('./OrganizationsPage'), 'OrganizationsPage'),
});

const organization = createRoute({
  getParentRoute: () => signedIn,
  path: '/admin/organizations/$organizationId',
  component: lazyRouteComponent(() => import('./OrganizationEditPage'), 'OrganizationEditPage'),
});

export const accountPublicRoutes = [forgotPassword, resetPassword];
export const accountRoutes = [changePassword, users, user, organizations, organization];
