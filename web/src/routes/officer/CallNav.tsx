import { Link, useRouterState } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import type { OfficerCall } from '../../api/types';
import { ClosingTime } from '../../components/ClosingTime';
import { PageHeading } from '../../components/PageHeading';
import { PhaseTag } from '../../components/StatusTag';
import { localized, useLang } from '../../lang';

const TABS = [
  { to: '/officer/calls/$callId', label: 'officer.tabs.applications' },
  { to: '/officer/calls/$callId/assignments', label: 'officer.tabs.assignments' },
  { to: '/officer/calls/$callId/ranking', label: 'officer.tabs.ranking' },
  { to: '/officer/calls/$callId/decisions', label: 'officer.tabs.decisions' },
  { to: '/officer/calls/$callId/decision-documents', label: 'officer.tabs.documents' },
  { to: '/officer/calls/$callId/reserve', label: 'officer.tabs.reserve' },
] as const;

/** A call's page head in the officer's room: breadcrumb, the page's h1, the call's phase and its pages. */
export function CallHead({ call, page }: { call: OfficerCall; page: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const pathname = useRouterState({ select: (s) => s.location.pathname });
  const title = `${page}: ${localized(call.title, lang)}`;
  return (
    <>
      <nav aria-label={t('nav.breadcrumb')} className="breadcrumb">
        <Link to="/officer">{t('officer.calls.title')}</Link>
      </nav>
      <PageHeading title={title}>
        <span className="heading-kicker">{page}</span> {localized(call.title, lang)}
      </PageHeading>
      <p className="meta">
        <PhaseTag phase={call.phase} /> · <ClosingTime call={call} />
        {call.status === 'draft' && (
          <>
            {' · '}
            <Link to="/officer/calls/$callId/edit" params={{ callId: call.id }} className="link">
              {t('officer.calls.edit')}
            </Link>
          </>
        )}
      </p>
      <nav aria-label={t('officer.tabs.label')} className="sub-nav">
        <ul>
          {TABS.map((tab) => {
            const href = tab.to.replace('$callId', call.id);
            return (
              <li key={tab.to}>
                <Link
                  to={tab.to}
                  params={{ callId: call.id }}
                  activeOptions={{ exact: true }}
                  className="nav-link"
                  aria-current={pathname === href ? 'page' : undefined}
                >
                  {t(tab.label)}
                </Link>
              </li>
            );
          })}
        </ul>
      </nav>
    </>
  );
}
