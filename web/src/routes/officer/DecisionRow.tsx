import { useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Button, InlineAlert } from 'suomifi-ui-components';
import { ApiError, api, unwrap } from '../../api/client';
import type { Decision, RankingRow } from '../../api/types';
import { EuroField } from '../../components/form/EuroField';
import { TextField } from '../../components/form/TextField';
import { formatClosingTime, formatEuros } from '../../format';
import { useLang } from '../../lang';
import { formatScore } from './score';

/** The words for a refusal of a decision, beside the button that caused it. */
function refusal(e: unknown, t: TFunction, category: string): string {
  if (e instanceof ApiError) {
    if (e.code === 'CAP_REACHED') return t('officer.decisions.capReached', { category });
    if (e.code === 'BUDGET_EXCEEDED') return t('officer.decisions.budgetExceeded');
    if (e.problem.errors?.length) return e.problem.errors.map((f) => f.message).join(' ');
    if (e.problem.detail) return e.problem.detail;
  }
  return t('errors.network');
}

/** One application's decision: fund with the granted amount, or reject, each with its rationale. */
export function DecisionRow({
  row,
  decision,
  categoryTitle,
  published,
  onDecided,
}: {
  row: RankingRow;
  decision: Decision | undefined;
  categoryTitle: string;
  published: boolean;
  onDecided: () => Promise<void>;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const id = row.applicationId;
  const [amount, setAmount] = useState<number | null>(decision?.grantedAmount ?? row.requestedAmount);
  const [rationale, setRationale] = useState(decision?.rationale ?? '');
  const [error, setError] = useState<{ on: 'funded' | 'rejected'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const amountError =
    amount !== null && Number.isNaN(amount)
      ? t('officer.decisions.amountInvalid')
      : amount !== null && amount > row.requestedAmount
        ? t('officer.decisions.amountTooBig')
        : undefined;

  async function decide(outcome: 'funded' | 'rejected') {
    if (!rationale.trim()) {
      setError({ on: outcome, text: t('officer.decisions.rationaleMissing') });
      return;
    }
    if (outcome === 'funded' && (amount === null || amountError)) {
      setError({ on: outcome, text: amountError ?? t('officer.decisions.amountMissing') });
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await unwrap(
        api.POST('/api/applications/{id}/decision', {
          params: { path: { id } },
          body:
            outcome === 'funded'
              ? { outcome, grantedAmount: amount ?? 0, rationale: rationale.trim() }
              : { outcome, rationale: rationale.trim() },
        }),
      );
      await onDecided();
    } catch (e) {
      setError({ on: outcome, text: refusal(e, t, categoryTitle) });
    } finally {
      setBusy(false);
    }
  }

  const errorFor = (on: 'funded' | 'rejected') =>
    error?.on === on ? (
      <div id={`${id}-${on}-error`} role="alert" className="beside-button">
        <InlineAlert status="error">{error.text}</InlineAlert>
      </div>
    ) : null;

  return (
    <li className="card decision-card">
      <p className="card-title">
        {row.rank}. {row.title} · {row.organizationName}
      </p>
      <p className="meta">
        {t('officer.ranking.score')} {formatScore(row.score, lang)} · {t('officer.applications.requested')}{' '}
        {formatEuros(row.requestedAmount, lang)}
      </p>
      {decision && (
        <p className={`decision-state decision-${decision.outcome}`}>
          {decision.outcome === 'funded'
            ? t('officer.decisions.isFunded', { amount: formatEuros(decision.grantedAmount ?? 0, lang) })
            : t('officer.decisions.isRejected')}
        </p>
      )}
      {decision?.grantStatus && (
        <p className={`grant-status grant-status-${decision.grantStatus}`} data-testid="grant-status">
          {t(`officer.decisions.grant.${decision.grantStatus}`)}
          {decision.grantStatus === 'accepted' && decision.acceptedBySilence && ` (${t('officer.decisions.grant.bySilence')})`}
          {decision.grantStatus === 'pending' &&
            decision.acceptanceDueAt &&
            ` · ${t('officer.decisions.grant.dueAt', { time: formatClosingTime(decision.acceptanceDueAt, lang) })}`}
          {decision.grantStatus === 'refused' && decision.refusalReason && (
            <>
              {' · '}
              {t('officer.decisions.grant.reason', { reason: decision.refusalReason })}
            </>
          )}
        </p>
      )}
      {!published && (
        <fieldset className="form-fieldset">
          <legend className="visually-hidden">{t('officer.decisions.legend', { title: row.title })}</legend>
          <div className="two-columns">
            <EuroField id={`${id}-amount`} label={t('officer.decisions.amount')} cents={amount} onChange={setAmount} error={amountError} />
            <TextField
              id={`${id}-rationale`}
              label={t('officer.decisions.rationale')}
              multiline
              value={rationale}
              onChange={setRationale}
            />
          </div>
          <div className="button-row">
            <span>
              <Button
                type="button"
                onClick={() => void decide('funded')}
                disabled={busy}
                aria-describedby={error?.on === 'funded' ? `${id}-funded-error` : undefined}
              >
                {t('officer.decisions.fund', { title: row.title })}
              </Button>
              {errorFor('funded')}
            </span>
            <span>
              <Button
                type="button"
                variant="secondary"
                onClick={() => void decide('rejected')}
                disabled={busy}
                aria-describedby={error?.on === 'rejected' ? `${id}-rejected-error` : undefined}
              >
                {t('officer.decisions.reject', { title: row.title })}
              </Button>
              {errorFor('rejected')}
            </span>
          </div>
        </fieldset>
      )}
    </li>
  );
}
