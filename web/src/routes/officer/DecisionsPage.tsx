import { useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, InlineAlert } from 'suomifi-ui-components';
import { ApiError, api, unwrap } from '../../api/client';
import { formatEuros } from '../../format';
import { useLang } from '../../lang';
import { CallHead } from './CallNav';
import { DecisionRow } from './DecisionRow';
import { useDecisions, useOfficerCall, useRanking } from './queries';

/** Decisions for a call: fund or reject each application, the caps and the budget shown live; publish. */
export function DecisionsPage() {
  const { callId } = useParams({ strict: false }) as { callId: string };
  const { t } = useTranslation();
  const lang = useLang();
  const queries = useQueryClient();
  const call = useOfficerCall(callId);
  const ranking = useRanking(callId);
  const decisions = useDecisions(callId);
  const [confirming, setConfirming] = useState(false);
  const [publishOutcome, setPublishOutcome] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  if (!call.data) return <p>{call.isError ? t('errors.network') : t('common.loading')}</p>;
  const c = call.data;
  const all = decisions.data ?? [];
  // A refused grant holds neither its slot nor its money.
  const funded = all.filter((d) => d.outcome === 'funded' && d.grantStatus !== 'refused');
  const used = funded.reduce((sum, d) => sum + (d.grantedAmount ?? 0), 0);
  const published = c.phase === 'decided';
  const refresh = async () => {
    await queries.invalidateQueries({ queryKey: ['decisions', callId] });
  };

  async function publish() {
    try {
      const result = await unwrap(api.POST('/api/calls/{id}/decisions/publish', { params: { path: { id: callId } } }));
      setPublishOutcome({ kind: 'ok', text: t('officer.decisions.publishedNow', { funded: result.funded, rejected: result.rejected }) });
      await queries.invalidateQueries({ queryKey: ['call', callId] });
    } catch (e) {
      setPublishOutcome({ kind: 'error', text: e instanceof ApiError ? (e.problem.detail ?? e.message) : t('errors.network') });
    } finally {
      setConfirming(false);
    }
  }

  return (
    <>
      <CallHead call={c} page={t('officer.tabs.decisions')} />
      <section aria-labelledby="caps-heading" className="section caps" aria-live="polite">
        <Heading variant="h2" id="caps-heading">
          {t('officer.decisions.caps')}
        </Heading>
        <ul className="plain-list caps-list">
          {c.categories.map((cat) => (
            <li key={cat.key}>
              {t('officer.decisions.capLine', {
                category: cat.title,
                funded: funded.filter((d) => d.category === cat.key).length,
                max: cat.maxFunded,
              })}
            </li>
          ))}
          <li>
            {t('officer.decisions.budgetLine', {
              used: formatEuros(used, lang),
              left: formatEuros(c.totalBudget - used, lang),
              total: formatEuros(c.totalBudget, lang),
            })}
          </li>
        </ul>
      </section>
      {c.categories.map((cat) => {
        const rows = (ranking.data ?? []).filter((r) => r.category === cat.key).sort((a, b) => a.rank - b.rank);
        if (rows.length === 0) return null;
        return (
          <section key={cat.key} aria-labelledby={`decide-${cat.key}`} className="section">
            <Heading variant="h2" id={`decide-${cat.key}`}>
              {cat.title}
            </Heading>
            <ul className="card-list">
              {rows.map((r) => (
                <DecisionRow
                  key={r.applicationId}
                  row={r}
                  decision={all.find((d) => d.applicationId === r.applicationId)}
                  categoryTitle={cat.title}
                  published={published}
                  onDecided={refresh}
                />
              ))}
            </ul>
          </section>
        );
      })}
      <section aria-labelledby="publish-heading" className="section">
        <Heading variant="h2" id="publish-heading">
          {t('officer.decisions.publishTitle')}
        </Heading>
        {published ? (
          <p>{t('officer.decisions.alreadyPublished')}</p>
        ) : confirming ? (
          <div role="alertdialog" aria-labelledby="publish-decisions-confirm" className="confirm-box">
            <p id="publish-decisions-confirm">
              {t('officer.decisions.publishConfirm', { funded: funded.length, rejected: all.length - funded.length })}
            </p>
            <Button type="button" onClick={() => void publish()}>
              {t('officer.decisions.publishYes')}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setConfirming(false)}>
              {t('officer.cancel')}
            </Button>
          </div>
        ) : (
          <Button type="button" onClick={() => setConfirming(true)}>
            {t('officer.decisions.publish')}
          </Button>
        )}
        {publishOutcome && (
          <InlineAlert status={publishOutcome.kind === 'ok' ? 'neutral' : 'error'} role={publishOutcome.kind === 'ok' ? 'status' : 'alert'}>
            {publishOutcome.text}
          </InlineAlert>
        )}
      </section>
    </>
  );
}
