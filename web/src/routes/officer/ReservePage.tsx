import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, InlineAlert } from 'suomifi-ui-components';
import { ApiError, api, unwrap } from '../../api/client';
import type { Decision, OfficerCall } from '../../api/types';
import { TextField } from '../../components/form/TextField';
import { formatClosingTime, formatEuros } from '../../format';
import { useLang } from '../../lang';
import { CallHead } from './CallNav';
import { useDecisions, useOfficerCall, useReserve, type ReserveRow } from './queries';
import { formatScore } from './score';
import './reserve.css';

/** The words for a refused funding, beside the button that caused it. */
function fundingRefusal(e: unknown, t: TFunction, category: string): string {
  if (e instanceof ApiError) {
    if (e.code === 'CAP_REACHED') return t('officer.reserve.capReached', { category });
    if (e.code === 'BUDGET_EXCEEDED') return t('officer.reserve.budgetExceeded');
    if (e.code === 'INVALID_STATE') return t('officer.reserve.invalidState');
    if (e.problem.errors?.length) return e.problem.errors.map((f) => f.message).join(' ');
    if (e.problem.detail) return e.problem.detail;
  }
  return t('errors.network');
}

/**
 * The room under the caps as the decisions have it now: per category the slots not taken by a
 * funded grant that is not refused, and the budget less those grants.
 */
export function freeRoom(call: Pick<OfficerCall, 'categories' | 'totalBudget'>, decisions: Decision[]) {
  const holding = decisions.filter((d) => d.outcome === 'funded' && d.grantStatus !== 'refused');
  return {
    slots: call.categories.map((c) => ({
      key: c.key,
      title: c.title,
      max: c.maxFunded,
      free: c.maxFunded - holding.filter((d) => d.category === c.key).length,
    })),
    budget: call.totalBudget - holding.reduce((sum, d) => sum + (d.grantedAmount ?? 0), 0),
  };
}

type Outcome = { applicationId: string; kind: 'ok' | 'error'; text: string };

/** The reserve list of a call: free slots and money, the applications that fit, in ranking order, each fundable. */
export function ReservePage() {
  const { callId } = useParams({ strict: false }) as { callId: string };
  const { t } = useTranslation();
  const lang = useLang();
  const queries = useQueryClient();
  const call = useOfficerCall(callId);
  const decisions = useDecisions(callId);
  const reserve = useReserve(callId);
  const [confirming, setConfirming] = useState<string | null>(null);
  const [rationale, setRationale] = useState('');
  const [rationaleError, setRationaleError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  if (!call.data) return <p>{call.isError ? t('errors.network') : t('common.loading')}</p>;
  const c = call.data;
  const published = c.phase === 'decided';
  const room = freeRoom(c, decisions.data ?? []);
  const rows = reserve.data ?? [];
  const categoryTitle = (key: string) => c.categories.find((cat) => cat.key === key)?.title ?? key;
  const refusedCount = (decisions.data ?? []).filter((d) => d.grantStatus === 'refused').length;

  function ask(row: ReserveRow) {
    setConfirming(row.applicationId);
    setRationale(t('officer.reserve.defaultRationale'));
    setRationaleError(undefined);
    setOutcome(null);
  }

  async function fund(row: ReserveRow) {
    if (!rationale.trim()) {
      setRationaleError(t('officer.reserve.rationaleMissing'));
      return;
    }
    setBusy(true);
    setOutcome(null);
    try {
      const decision = await unwrap(
        api.POST('/api/applications/{id}/decision', {
          params: { path: { id: row.applicationId } },
          body: { outcome: 'funded', grantedAmount: row.requestedAmount, rationale: { fi: rationale.trim() } },
        }),
      );
      setConfirming(null);
      setOutcome({
        applicationId: row.applicationId,
        kind: 'ok',
        text: t('officer.reserve.funded', {
          title: row.title,
          amount: formatEuros(row.requestedAmount, lang),
          due: decision.acceptanceDueAt ? formatClosingTime(decision.acceptanceDueAt, lang) : '–',
        }),
      });
      await Promise.all([
        queries.invalidateQueries({ queryKey: ['reserve', callId] }),
        queries.invalidateQueries({ queryKey: ['decisions', callId] }),
      ]);
    } catch (e) {
      setConfirming(null);
      setOutcome({ applicationId: row.applicationId, kind: 'error', text: fundingRefusal(e, t, categoryTitle(row.category)) });
      // The room is read again; the list stays as it is so that the refusal stays beside its row.
      void queries.invalidateQueries({ queryKey: ['decisions', callId] });
    } finally {
      setBusy(false);
    }
  }

  const outcomeAlert = (o: Outcome, id?: string) => (
    <div id={id} role={o.kind === 'ok' ? 'status' : 'alert'} className="beside-button">
      <InlineAlert status={o.kind === 'ok' ? 'neutral' : 'error'}>{o.text}</InlineAlert>
    </div>
  );
  const outcomeInList = outcome && rows.some((r) => r.applicationId === outcome.applicationId);

  return (
    <>
      <CallHead call={c} page={t('officer.tabs.reserve')} />
      <p className="lead-text">{t('officer.reserve.intro')}</p>
      <section aria-labelledby="reserve-room-heading" className="section caps" aria-live="polite">
        <Heading variant="h2" id="reserve-room-heading">
          {t('officer.reserve.room')}
        </Heading>
        <ul className="plain-list caps-list" data-testid="reserve-room">
          {room.slots.map((s) => (
            <li key={s.key}>{t('officer.reserve.slotLine', { category: s.title, count: Math.max(0, s.free), max: s.max })}</li>
          ))}
          <li>{t('officer.reserve.budgetLine', { left: formatEuros(room.budget, lang), total: formatEuros(c.totalBudget, lang) })}</li>
          <li>{t('officer.reserve.refusedLine', { count: refusedCount })}</li>
        </ul>
      </section>
      <section aria-labelledby="reserve-list-heading" className="section">
        <Heading variant="h2" id="reserve-list-heading">
          {t('officer.reserve.list')}
        </Heading>
        {!published && <p>{t('officer.reserve.notPublished')}</p>}
        <div className="button-row">
          <Button type="button" variant="secondary" onClick={() => (setOutcome(null), void reserve.refetch(), void decisions.refetch())}>
            {t('officer.reserve.refresh')}
          </Button>
        </div>
        {outcome && !outcomeInList && outcomeAlert(outcome)}
        {reserve.isError ? (
          <InlineAlert status="error">{t('errors.loadFailed')}</InlineAlert>
        ) : !reserve.data ? (
          <p>{t('common.loading')}</p>
        ) : rows.length === 0 ? (
          <p>{t('officer.reserve.none')}</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table reserve-table">
              <caption className="visually-hidden">{t('officer.reserve.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col" className="num">
                    {t('officer.reserve.position')}
                  </th>
                  <th scope="col">{t('officer.applications.organization')}</th>
                  <th scope="col">{t('officer.applications.title')}</th>
                  <th scope="col">{t('officer.applications.category')}</th>
                  <th scope="col" className="num">
                    {t('officer.ranking.score')}
                  </th>
                  <th scope="col" className="num">
                    {t('officer.applications.requested')}
                  </th>
                  <th scope="col">{t('officer.reserve.action')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r, i) => {
                  const open = confirming === r.applicationId;
                  const mine = outcome?.applicationId === r.applicationId ? outcome : null;
                  return (
                    <Fragment key={r.applicationId}>
                      <tr>
                        <td className="num">{i + 1}</td>
                        <td>{r.organizationName}</td>
                        <td>
                          <Link to="/officer/applications/$applicationId" params={{ applicationId: r.applicationId }} className="link">
                            {r.title}
                          </Link>
                        </td>
                        <td>
                          {categoryTitle(r.category)}
                          <span className="meta-inline"> · {t('officer.reserve.rankInCategory', { rank: r.rank })}</span>
                        </td>
                        <td className="num">{formatScore(r.score, lang)}</td>
                        <td className="num nowrap">{formatEuros(r.requestedAmount, lang)}</td>
                        <td className="reserve-action">
                          {published && (
                            <Button
                              type="button"
                              onClick={() => ask(r)}
                              disabled={busy || open}
                              aria-label={t('officer.reserve.fundLabel', { title: r.title })}
                              aria-describedby={mine ? `${r.applicationId}-fund-outcome` : undefined}
                            >
                              {t('officer.reserve.fund')}
                            </Button>
                          )}
                          {mine && outcomeAlert(mine, `${r.applicationId}-fund-outcome`)}
                        </td>
                      </tr>
                      {open && (
                        <tr className="reserve-confirm-row">
                          <td colSpan={7}>
                            <div role="alertdialog" aria-labelledby={`${r.applicationId}-confirm`} className="confirm-box">
                              <p id={`${r.applicationId}-confirm`}>
                                {t('officer.reserve.confirm', {
                                  title: r.title,
                                  organization: r.organizationName,
                                  amount: formatEuros(r.requestedAmount, lang),
                                })}
                              </p>
                              <div className="reserve-rationale">
                                <TextField
                                  id={`${r.applicationId}-rationale`}
                                  label={t('officer.reserve.rationale')}
                                  multiline
                                  value={rationale}
                                  onChange={(v) => (setRationale(v), setRationaleError(undefined))}
                                  error={rationaleError}
                                />
                              </div>
                              <Button type="button" onClick={() => void fund(r)} disabled={busy}>
                                {t('officer.reserve.fundYes')}
                              </Button>
                              <Button type="button" variant="secondary" onClick={() => setConfirming(null)} disabled={busy}>
                                {t('officer.cancel')}
                              </Button>
                            </div>
                          </td>
                        </tr>
                      )}
                    </Fragment>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </>
  );
}
