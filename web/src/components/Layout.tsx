import { useQuery } from '@tanstack/react-query';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { LanguageMenu, LanguageMenuItem, LoadingSpinner, SkipLink } from 'suomifi-ui-components';
import { api, unwrap } from '../api/client';
import type { Role } from '../api/types';
import type { Lang } from '../format';
import { chooseLanguage, LANGS } from '../i18n';
import { useLang } from '../lang';
import { activeRole, clearActiveRole, isCurrent, ROOMS, setActiveRole, subscribeRole, userRoles } from '../roles';
import { getSession, setSession, subscribeSession, type Session } from '../session';
import { PageHeading } from './PageHeading';

export function useSession(): Session | null {
  return useSyncExternalStore(subscribeSession, getSession);
}

/** The role the tab works in (the switcher's choice, else the user's first). */
export function useActiveRole(): Role | null {
  useSession();
  return useSyncExternalStore(subscribeRole, activeRole);
}

/** For a user with several roles: which one they work in now; the page moves to that role's start. */
function RoleSwitcher({ roles, active }: { roles: Role[]; active: Role }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <div className="role-switch">
      <label htmlFor="role-switch">{t('nav.role')}</label>
      <select
        id="role-switch"
        value={active}
        onChange={(e) => {
          const role = e.target.value as Role;
          setActiveRole(role);
          void navigate({ to: ROOMS[role].start });
        }}
      >
        {roles.map((r) => (
          <option key={r} value={r}>
            {t(`roles.${r}`)}
          </option>
        ))}
      </select>
    </div>
  );
}

const LANG_NAMES: Record<Lang, string> = { fi: 'Suomeksi (FI)', sv: 'På svenska (SV)', en: 'In English (EN)' };

function LanguageChooser() {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <LanguageMenu buttonText={LANG_NAMES[lang]} aria-label={t('language.menu', { current: LANG_NAMES[lang] })} className="language-menu">
      {LANGS.map((l) => (
        <LanguageMenuItem key={l} lang={l} selected={l === lang} onSelect={() => void chooseLanguage(l)}>
          {LANG_NAMES[l]}
        </LanguageMenuItem>
      ))}
    </LanguageMenu>
  );
}

/** The unread notifications of the user, polled every minute. */
export function useNotifications(enabled: boolean) {
  return useQuery({
    queryKey: ['notifications'],
    queryFn: () => unwrap(api.GET('/api/notifications', { params: { query: { limit: 100 } } })),
    enabled,
    refetchInterval: 60_000,
  });
}

/**
 * Sign-out: the API ends the session (every token of the user, on every API process) before the
 * tab forgets it; a sign-out the API cannot be told of (no network) still forgets it here.
 */
async function signOut(): Promise<void> {
  await api.POST('/api/auth/logout').catch(() => undefined);
  clearActiveRole();
  setSession(null);
}

function UserBar({ session }: { session: Session }) {
  const { t } = useTranslation();
  const org = useQuery({
    queryKey: ['organization', session.user.organizationId],
    queryFn: () => unwrap(api.GET('/api/organizations/{id}', { params: { path: { id: session.user.organizationId } } })),
    staleTime: 10 * 60_000,
  });
  const roles = userRoles(session.user.roles);
  const active = useActiveRole() ?? roles[0];
  const pathname = useRouterState({ select: (st) => st.location.pathname });
  return (
    <div className="user-bar">
      <p className="user-identity">
        <span className="user-name">{session.user.name}</span>
        <span className="user-org">
          {org.data?.name ?? '…'} · {t(`roles.${active}`)}
        </span>
        <Link to="/account/password" className="user-link" aria-current={pathname === '/account/password' ? 'page' : undefined}>
          {t('accounts.nav.password')}
        </Link>
      </p>
      {roles.length > 1 && <RoleSwitcher roles={roles} active={active} />}
      <button type="button" className="header-button" onClick={() => void signOut()}>
        {t('nav.signOut')}
      </button>
    </div>
  );
}

function NotificationsLink({ current }: { current: boolean }) {
  const { t } = useTranslation();
  const notifications = useNotifications(true);
  const unread = notifications.data?.filter((n) => n.readAt === null).length ?? 0;
  return (
    <Link to="/notifications" className="nav-link" aria-current={current ? 'page' : undefined}>
      {t('nav.notifications')}
      {unread > 0 && (
        <>
          <span className="badge" aria-hidden="true">
            {unread}
          </span>
          <span className="visually-hidden">, {t('notifications.unread', { count: unread })}</span>
        </>
      )}
    </Link>
  );
}

export function Layout() {
  const { t } = useTranslation();
  const session = useSession();
  const role = useActiveRole();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  return (
    <div className="app">
      <SkipLink href="#main">{t('nav.skip')}</SkipLink>
      <header className="app-header">
        <div className="header-top">
          <div className="brand">
            <Link to={role ? ROOMS[role].start : '/'} className="brand-name">
              {t('app.name')}
            </Link>
            <span className="brand-tagline">{t('app.tagline')}</span>
          </div>
          <div className="header-tools">
            <LanguageChooser />
            {session && <UserBar session={session} />}
          </div>
        </div>
        {session && (
          <nav aria-label={t('nav.main')} className="main-nav">
            <ul>
              {(role ? ROOMS[role].nav : []).map((item) => (
                <li key={item.to}>
                  <Link to={item.to} className="nav-link" aria-current={isCurrent(item, pathname) ? 'page' : undefined}>
                    {t(item.label)}
                  </Link>
                </li>
              ))}
              <li>
                <NotificationsLink current={pathname === '/notifications'} />
              </li>
            </ul>
          </nav>
        )}
      </header>
      <main id="main" tabIndex={-1}>
        <Outlet />
      </main>
      <footer className="app-footer">
        <p>{t('app.footer')}</p>
        <Link to="/accessibility" className="footer-link">
          {t('accessibility.link')}
        </Link>
      </footer>
    </div>
  );
}

export function PendingPage() {
  const { t } = useTranslation();
  return <LoadingSpinner status="loading" text={t('common.loading')} textAlign="right" />;
}

export function NotFound() {
  const { t } = useTranslation();
  return (
    <>
      <PageHeading title={t('notFound.title')}>{t('notFound.title')}</PageHeading>
      <p>{t('notFound.text')}</p>
      <Link to="/" className="link">
        {t('notFound.home')}
      </Link>
    </>
  );
}
