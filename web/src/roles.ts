import type { Role } from './api/types';
import { getSession } from './session';

/**
 * Each role's room: where its work starts and what its main navigation holds. The shell (the
 * home redirect, the role switcher, the main nav) reads only this table, so a room adds its
 * entry here and nothing else.
 */
export interface NavItem {
  to: string;
  /** i18n key of the link text */
  label: string;
  /** the link is the current page for these path prefixes (the start path itself when empty) */
  matches?: string[];
}

export interface RoleRoom {
  start: string;
  nav: NavItem[];
}

export const ROOMS: Record<Role, RoleRoom> = {
  applicant: {
    start: '/',
    nav: [
      { to: '/', label: 'nav.home' },
      { to: '/calls', label: 'nav.calls', matches: ['/calls'] },
    ],
  },
  reviewer: { start: '/reviews', nav: [{ to: '/reviews', label: 'nav.reviews', matches: ['/reviews'] }] },
  admin: {
    start: '/officer',
    nav: [
      { to: '/officer', label: 'nav.officerCalls', matches: ['/officer'] },
      { to: '/admin/users', label: 'accounts.nav.users', matches: ['/admin/users'] },
      { to: '/admin/organizations', label: 'accounts.nav.organizations', matches: ['/admin/organizations'] },
    ],
  },
  coordinator: { start: '/coordination', nav: [{ to: '/coordination', label: 'nav.coordination', matches: ['/coordination'] }] },
};

/** The role a user with several starts in: the work they were given before their own applications. */
const PRECEDENCE: Role[] = ['admin', 'reviewer', 'coordinator', 'applicant'];

const KEY = 'avustus.role';

let chosen: string | null = (() => {
  try {
    return sessionStorage.getItem(KEY);
  } catch {
    return null;
  }
})();

/** The roles of the signed-in user, most specific first. */
export function userRoles(roles: readonly Role[]): Role[] {
  return PRECEDENCE.filter((r) => roles.includes(r));
}

/** The role the tab works in: the one chosen in the switcher (kept for the tab), else the first. */
export function activeRole(): Role | null {
  const session = getSession();
  if (!session) return null;
  const roles = userRoles(session.user.roles);
  return roles.find((r) => r === chosen) ?? roles[0] ?? null;
}

const listeners = new Set<() => void>();

export function setActiveRole(role: Role): void {
  chosen = role;
  try {
    sessionStorage.setItem(KEY, role);
  } catch {
    // Storage refused: the choice lasts until the page is reloaded.
  }
  listeners.forEach((l) => l());
}

export function clearActiveRole(): void {
  chosen = null;
  try {
    sessionStorage.removeItem(KEY);
  } catch {
    // Nothing stored.
  }
}

export function subscribeRole(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** The navigation item is the page at `pathname`. */
export function isCurrent(item: NavItem, pathname: string): boolean {
  return item.matches ? item.matches.some((m) => pathname === m || pathname.startsWith(`${m}/`)) : pathname === item.to;
}

/** Where the active role's work starts. */
export function roleStart(): string {
  const role = activeRole();
  return role ? ROOMS[role].start : '/';
}
