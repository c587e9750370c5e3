import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Paragraph } from 'suomifi-ui-components';
import { ClosingTime } from '../../components/ClosingTime';
import { PageHeading } from '../../components/PageHeading';
import { PhaseTag } from '../../components/StatusTag';
import { formatEuros } from '../../format';
import { localized, useLang } from '../../lang';
import { useApplications, useCalls } from '../applicant/queries';

/** The officer's start: the calls they run, newest first, with how many applications each has. */
export function OfficerCallsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const calls = useCalls();
  const applications = useApplications();
  const count = (callId: string, submitted: boolean) =>
    (applications.data ?? []).filter((a) => a.callId === callId && (!submitted || a.submittedVersion !== null)).length;
  const sorted = [...(calls.data ?? [])].sort((a, b) => b.closesAt.localeCompare(a.closesAt));
  return (
    <>
      <PageHeading title={t('officer.calls.title')}>{t('officer.calls.title')}</PageHeading>
      <Paragraph className="lead">{t('officer.calls.intro')}</Paragraph>
      <p>
        <Link to="/officer/calls/new" className="button-link">
          {t('officer.calls.new')}
        </Link>
      </p>
      {calls.isPending && <p>{t('common.loading')}</p>}
      {calls.isSuccess && sorted.length === 0 && <p>{t('officer.calls.none')}</p>}
      <ul className="card-list">
        {sorted.map((c) => (
          <li key={c.id} className="card">
            <Link to="/officer/calls/$callId" params={{ callId: c.id }} className="card-link">
              {localized(c.title, lang)}
            </Link>
            <p className="meta">
              <PhaseTag phase={c.phase} /> · <ClosingTime call={c} /> · {t('calls.budget')}: {formatEuros(c.totalBudget, lang)}
            </p>
            <p className="meta">
              {t('officer.calls.counts', { all: count(c.id, false), submitted: count(c.id, true) })}
              {c.status === 'draft' && (
                <>
                  {' · '}
                  <Link to="/officer/calls/$callId/edit" params={{ callId: c.id }} className="link">
                    {t('officer.calls.edit')}
                  </Link>
                </>
              )}
            </p>
          </li>
        ))}
      </ul>
    </>
  );
}
