import { useQueryClient } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, InlineAlert } from 'suomifi-ui-components';
import { ApiError, api, unwrap } from '../../api/client';
import type { Decision } from '../../api/types';
import { TextField } from '../../components/form/TextField';
import { formatClosingTime, formatDateTime, formatEuros } from '../../format';
import { useLang } from '../../lang';

/** The clock, read again every 30 seconds, so that the buttons go when the deadline passes. */
function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = window.setInterval(() => setNow(Date.now()), 30_000);
    return () => window.clearInterval(id);
  }, []);
  return now;
}

/** Whole days left until `dueAt` (the first instant after the deadline), never below 0. */
export function daysLeft(dueAt: string, now: number): number {
  return Math.max(0, Math.floor((new Date(dueAt).getTime() - now) / 86_400_000));
}

/** The words for a refused answer. */
function answerRefusal(e: unknown, t: TFunction, due: string): string {
  if (e instanceof ApiError) {
    if (e.code === 'DEADLINE_PASSED') return t('applicant.grant.deadlinePassed', { time: due });
    if (e.code === 'INVALID_STATE') return t('applicant.grant.alreadyAnswered');
    if (e.problem.status === 403) return t('applicant.grant.notLead');
    if (e.problem.errors?.length) return e.problem.errors.map((f) => f.message).join(' ');
    if (e.problem.detail) return e.problem.detail;
  }
  return t('errors.network');
}

type Step = 'idle' | 'accept' | 'refuse';

/**
 * The lead organisation's answer to a funded grant: days left until the acceptance deadline,
 * accept or refuse (with a reason), each confirmed; once answered, the answer; after the
 * deadline no buttons, since silence has accepted.
 */
export function GrantAnswer({ decision, applicationId }: { decision: Decision; applicationId: string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const queries = useQueryClient();
  const now = useNow();
  const [step, setStep] = useState<Step>('idle');
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const dueAt = decision.acceptanceDueAt;
  if (!dueAt || !decision.grantStatus) return null;
  const due = formatClosingTime(dueAt, lang);
  const passed = now >= new Date(dueAt).getTime();
  const amount = formatEuros(decision.grantedAmount ?? 0, lang);

  async function answer(kind: 'accept' | 'refuse') {
    if (kind === 'refuse' && !reason.trim()) {
      setReasonError(t('applicant.grant.reasonMissing'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const view =
        kind === 'accept'
          ? await unwrap(api.POST('/api/applications/{id}/grant/accept', { params: { path: { id: applicationId } } }))
          : await unwrap(
              api.POST('/api/applications/{id}/grant/refuse', { params: { path: { id: applicationId } }, body: { reason: reason.trim() } }),
            );
      queries.setQueryData<Decision>(['decision', applicationId], (old) =>
        old
          ? {
              ...old,
              grantStatus: view.grantStatus,
              grantAnsweredAt: view.answeredAt,
              acceptedBySilence: view.acceptedBySilence,
              refusalReason: view.refusalReason,
            }
          : old,
      );
      setStep('idle');
      await queries.invalidateQueries({ queryKey: ['decision', applicationId] });
    } catch (e) {
      setError(answerRefusal(e, t, due));
      // The stored answer (silence, or another person's) is shown once read again.
      if (e instanceof ApiError && e.problem.status === 409) void queries.invalidateQueries({ queryKey: ['decision', applicationId] });
    } finally {
      setBusy(false);
    }
  }

  const answeredAt = decision.grantAnsweredAt ? formatDateTime(decision.grantAnsweredAt, lang) : '';
  let state: ReactNode;
  if (decision.grantStatus === 'accepted') {
    state = (
      <p className="grant-state grant-accepted" data-testid="grant-state">
        {decision.acceptedBySilence
          ? t('applicant.grant.acceptedBySilence', { time: due })
          : t('applicant.grant.accepted', { time: answeredAt })}
      </p>
    );
  } else if (decision.grantStatus === 'refused') {
    state = (
      <div className="grant-state grant-refused" data-testid="grant-state">
        <p>{t('applicant.grant.refused', { time: answeredAt })}</p>
        {decision.refusalReason && (
          <p>
            <strong>{t('applicant.grant.reasonGiven')}</strong> <span className="decision-text">{decision.refusalReason}</span>
          </p>
        )}
      </div>
    );
  } else if (passed) {
    state = (
      <p className="grant-state" data-testid="grant-state">
        {t('applicant.grant.silencePending', { time: due })}
      </p>
    );
  }

  const left = daysLeft(dueAt, now);
  return (
    <section aria-labelledby="grant-heading" className="grant-answer">
      <Heading variant="h3" id="grant-heading" className="decision-subheading">
        {t('applicant.grant.title')}
      </Heading>
      {state}
      {decision.grantStatus === 'pending' && !passed && (
        <>
          <p data-testid="grant-days-left">
            <strong>
              {left > 0 ? t('applicant.grant.daysLeft', { count: left, time: due }) : t('applicant.grant.underDay', { time: due })}
            </strong>
          </p>
          <p>{t('applicant.grant.silenceNote')}</p>
          {step === 'idle' && (
            <div className="button-row">
              <Button type="button" onClick={() => (setStep('accept'), setError(null))}>
                {t('applicant.grant.accept')}
              </Button>
              <Button type="button" variant="secondary" onClick={() => (setStep('refuse'), setError(null))}>
                {t('applicant.grant.refuse')}
              </Button>
            </div>
          )}
          {step === 'accept' && (
            <div role="alertdialog" aria-labelledby="grant-accept-confirm" className="confirm-box">
              <p id="grant-accept-confirm">{t('applicant.grant.acceptConfirm', { amount })}</p>
              <Button type="button" onClick={() => void answer('accept')} disabled={busy}>
                {t('applicant.grant.acceptYes')}
              </Button>
              <Button type="button" variant="secondary" onClick={() => setStep('idle')} disabled={busy}>
                {t('applicant.grant.cancel')}
              </Button>
            </div>
          )}
          {step === 'refuse' && (
            <div role="alertdialog" aria-labelledby="grant-refuse-confirm" className="confirm-box grant-refuse-box">
              <p id="grant-refuse-confirm">{t('applicant.grant.refuseConfirm', { amount })}</p>
              <div className="grant-reason">
                <TextField
                  id="grant-refusal-reason"
                  label={t('applicant.grant.reason')}
                  hint={t('applicant.grant.reasonHint')}
                  multiline
                  value={reason}
                  onChange={(v) => (setReason(v), setReasonError(undefined))}
                  error={reasonError}
                />
              </div>
              <Button type="button" onClick={() => void answer('refuse')} disabled={busy}>
                {t('applicant.grant.refuseYes')}
              </Button>
              <Button type="button" variant="secondary" onClick={() => setStep('idle')} disabled={busy}>
                {t('applicant.grant.cancel')}
              </Button>
            </div>
          )}
        </>
      )}
      {error && (
        <div role="alert" className="beside-button">
          <InlineAlert status="error">{error}</InlineAlert>
        </div>
      )}
    </section>
  );
}
