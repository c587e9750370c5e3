import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Heading, Paragraph } from 'suomifi-ui-components';
import type { Application, ApplicationStatus, Call } from '../../api/types';
import { ClosingTime } from '../../components/ClosingTime';
import { Countdown } from '../../components/Countdown';
import { PageHeading } from '../../components/PageHeading';
import { ApplicationStatusTag } from '../../components/StatusTag';
import { formatDateTime, formatEuros } from '../../format';
import { localized, useLang } from '../../lang';
import { useApplications, useCalls } from './queries';

const ORDER: ApplicationStatus[] = ['draft', 'submitted', 'in_review', 'funded', 'rejected', 'withdrawn', 'expired'];

export function HomePage() {
  const { t } = useTranslation();
  const lang = useLang();
  const applications = useApplications();
  const calls = useCalls();
  const callById = new Map((calls.data ?? []).map((c) => [c.id, c]));
  // The lead organisation's applications and those it is a member of: the API lists what the caller may see.
  const mine = applications.data ?? [];
  const groups = ORDER.map((status) => ({ status, items: mine.filter((a) => a.status === status) })).filter((g) => g.items.length > 0);
  const open = (calls.data ?? []).filter((c) => c.phase === 'open');
  return (
    <>
      <PageHeading title={t('home.title')}>{t('home.title')}</PageHeading>
      <Paragraph className="lead">{t('home.intro')}</Paragraph>

      <section aria-labelledby="open-calls-heading" className="section">
        <Heading variant="h2" id="open-calls-heading">
          {t('home.openCalls')}
        </Heading>
        {calls.isSuccess && open.length === 0 && <p>{t('calls.noneOpen')}</p>}
        <ul className="card-list">
          {open.map((c) => (
            <li key={c.id} className="card">
              <Link to="/calls/$callId" params={{ callId: c.id }} className="card-link">
                {localized(c.title, lang)}
              </Link>
              <p className="meta">
                <ClosingTime call={c} /> · <Countdown deadline={c.closesAt} />
              </p>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="my-applications-heading" className="section">
        <Heading variant="h2" id="my-applications-heading">
          {t('home.myApplications')}
        </Heading>
        {applications.isPending && <p>{t('common.loading')}</p>}
        {applications.isSuccess && mine.length === 0 && <p>{t('home.noApplications')}</p>}
        {groups.map((g) => (
          <section key={g.status} aria-labelledby={`group-${g.status}`} className="status-group">
            <Heading variant="h3" id={`group-${g.status}`}>
              {t(`statusGroup.${g.status}`)} ({g.items.length})
            </Heading>
            <ul className="card-list">
              {g.items.map((a) => (
                <ApplicationCard key={a.id} application={a} call={callById.get(a.callId)} />
              ))}
            </ul>
          </section>
        ))}
      </section>
    </>
  );
}

function ApplicationCard({ application: a, call }: { application: Application; call?: Call }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <li className="card">
      <Link to="/applications/$applicationId" params={{ applicationId: a.id }} className="card-link">
        {a.title || t('application.untitled')}
      </Link>
      <p className="meta">
        <ApplicationStatusTag status={a.status} />
        {call && <> · {localized(call.title, lang)}</>}
      </p>
      <p className="meta">
        {t('application.requested')}: {formatEuros(a.requestedAmount ?? 0, lang)} ·{' '}
        {t('application.updatedAt', { time: formatDateTime(a.updatedAt, lang) })}
        {a.hasUnsubmittedChanges && a.status === 'submitted' && <> · {t('application.unsubmittedChanges')}</>}
      </p>
    </li>
  );
}
