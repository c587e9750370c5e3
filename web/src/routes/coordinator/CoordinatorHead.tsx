import { Link, useRouterState } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeading } from '../../components/PageHeading';
import './coordinator.css';

const TABS = [
  { to: '/coordination', label: 'coordinator.tabs.overview' },
  { to: '/coordination/practices', label: 'coordinator.tabs.practices' },
] as const;

/**
 * A page head in the coordinator's room: the breadcrumb (when the page is below another), the
 * page's h1 and the room's two pages, the overview and the practice search.
 */
export function CoordinatorHead({
  title,
  kicker,
  crumbs = [],
}: {
  title: string;
  kicker?: string;
  crumbs?: { label: string; link: ReactNode }[];
}) {
  const { t } = useTranslation();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  return (
    <>
      <nav aria-label={t('coordinator.tabs.label')} className="sub-nav">
        <ul>
          {TABS.map((tab) => {
            // The overview's section holds the call, project and report pages; the tab is the page only on /coordination.
            const inSection = tab.to === '/coordination' ? !pathname.startsWith('/coordination/practices') : pathname.startsWith(tab.to);
            return (
              <li key={tab.to}>
                <Link
                  to={tab.to}
                  activeOptions={{ exact: true }}
                  className={`nav-link${inSection ? ' section-current' : ''}`}
                  aria-current={pathname === tab.to ? 'page' : undefined}
                >
                  {t(tab.label)}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
      {crumbs.length > 0 && (
        <nav aria-label={t('nav.breadcrumb')} className="breadcrumb">
          {crumbs.map((c, i) => (
            <span key={c.label}>
              {i > 0 && ' › '}
              {c.link}
            </span>
          ))}
        </nav>
      )}
      <PageHeading title={kicker ? `${kicker}: ${title}` : title}>
        {kicker && <span className="heading-kicker">{kicker}</span>} {title}
      </PageHeading>
    </>
  );
}

/** A report's state as a tag, in the colours of the application states (due grey, submitted blue, accepted green). */
export function ReportStatusTag({ status, overdue }: { status: string; overdue?: boolean }) {
  const { t } = useTranslation();
  const shown = overdue && status !== 'overdue' ? 'overdue' : status;
  return <span className={`status-tag report-${shown}`}>{t(`coordinator.reportStatus.${shown}`)}</span>;
}
