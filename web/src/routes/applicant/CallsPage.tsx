import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Heading, Paragraph } from 'suomifi-ui-components';
import type { Call } from '../../api/types';
import { ClosingTime } from '../../components/ClosingTime';
import { Countdown } from '../../components/Countdown';
import { PageHeading } from '../../components/PageHeading';
import { PhaseTag } from '../../components/StatusTag';
import { formatDateTime, formatEuros } from '../../format';
import { localized, useLang } from '../../lang';
import { useCalls } from './queries';

export function CallsPage() {
  const { t } = useTranslation();
  const calls = useCalls();
  const all = calls.data ?? [];
  const byClose = (a: Call, b: Call) => a.closesAt.localeCompare(b.closesAt);
  const open = all.filter((c) => c.phase === 'open').sort(byClose);
  const upcoming = all.filter((c) => c.phase === 'upcoming').sort((a, b) => a.opensAt.localeCompare(b.opensAt));
  const past = all.filter((c) => c.phase === 'closed' || c.phase === 'decided').sort((a, b) => byClose(b, a));
  return (
    <>
      <PageHeading title={t('calls.title')}>{t('calls.title')}</PageHeading>
      <Paragraph className="lead">{t('calls.intro')}</Paragraph>
      {calls.isPending && <p>{t('common.loading')}</p>}
      <CallSection id="open" title={t('calls.open')} empty={t('calls.noneOpen')} calls={open} loaded={calls.isSuccess} />
      <CallSection id="upcoming" title={t('calls.upcoming')} empty={t('calls.noneUpcoming')} calls={upcoming} loaded={calls.isSuccess} />
      {past.length > 0 && <CallSection id="past" title={t('calls.past')} empty="" calls={past} loaded={calls.isSuccess} />}
    </>
  );
}

function CallSection({ id, title, empty, calls, loaded }: { id: string; title: string; empty: string; calls: Call[]; loaded: boolean }) {
  const { t } = useTranslation();
  const lang = useLang();
  return (
    <section aria-labelledby={`calls-${id}`} className="section">
      <Heading variant="h2" id={`calls-${id}`}>
        {title}
      </Heading>
      {loaded && calls.length === 0 && <p>{empty}</p>}
      <ul className="card-list">
        {calls.map((c) => (
          <li key={c.id} className="card">
            <Link to="/calls/$callId" params={{ callId: c.id }} className="card-link">
              {localized(c.title, lang)}
            </Link>
            <p className="meta">
              <PhaseTag phase={c.phase} /> · {t('calls.budget')}: {formatEuros(c.totalBudget, lang)}
            </p>
            <p className="meta">
              {c.phase === 'upcoming' && <>{t('calls.opensAt', { time: formatDateTime(c.opensAt, lang) })} · </>}
              <ClosingTime call={c} />
              {c.phase === 'open' && (
                <>
                  {' · '}
                  <Countdown deadline={c.closesAt} />
                </>
              )}
            </p>
          </li>
        ))}
      </ul>
    </section>
  );
}
