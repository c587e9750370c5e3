import { useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useEffect, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { Button, Heading, InlineAlert, RadioButton, RadioButtonGroup, Textarea } from 'suomifi-ui-components';
import { ApiError, api, unwrap } from '../../api/client';
import type { Application, Call, Review } from '../../api/types';
import { announce } from '../../components/announcer';
import { ErrorSummary, type SummaryItem } from '../../components/ErrorSummary';
import { useSession } from '../../components/Layout';
import { PageHeading } from '../../components/PageHeading';
import { formatDate, formatDateTime, formatEuros, formatTime, locale, type Lang } from '../../format';
import { localized, useLang } from '../../lang';
import { useCall, useOrganizations } from '../applicant/queries';
import { DueDate, ReviewStatusTag } from './ReviewTags';
import { useApplication, useApplicationReviews } from './queries';
import {
  initialScores,
  missingCriteria,
  refusalKey,
  reviewFieldId,
  scoreFieldId,
  splitReviews,
  toScores,
  type DraftScores,
  type ReviewStatus,
} from './review-model';
import './reviewer.css';

type Criterion = Call['criteria'][number];

/** Why the API refused, in the reviewer's language where the refusal is known, else in the server's words. */
function problemText(e: unknown, t: TFunction): string {
  if (!(e instanceof ApiError)) return t('errors.network');
  const key = refusalKey(e.problem);
  return key ? t(key) : (e.problem.detail ?? e.message);
}

function score(value: number, lang: Lang): string {
  return value.toLocaleString(locale(lang), { maximumFractionDigits: 1 });
}

/** The review of one assigned application: its content (read-only) beside the criteria, each scored with a radio group. */
export function ReviewPage() {
  const { applicationId } = useParams({ strict: false }) as { applicationId: string };
  const { t } = useTranslation();
  const lang = useLang();
  const session = useSession();
  const application = useApplication(applicationId);
  const call = useCall(application.data?.callId);
  const reviews = useApplicationReviews(applicationId);
  const [conflictDeclared, setConflictDeclared] = useState(false);
  const title = application.data ? application.data.title || t('application.untitled') : t('reviewer.review.title');
  const myId = session?.user.id ?? '';
  const { mine, others } = splitReviews(reviews.data ?? [], myId);
  const status: ReviewStatus = mine?.status ?? 'not_started';
  return (
    <>
      <nav aria-label={t('nav.breadcrumb')} className="breadcrumb">
        <Link to="/reviews" className="link">
          {t('reviewer.assignments.title')}
        </Link>
      </nav>
      <PageHeading title={title}>{title}</PageHeading>
      {application.isError || call.isError || reviews.isError ? (
        <InlineAlert status="error">{t('reviewer.review.loadFailed')}</InlineAlert>
      ) : conflictDeclared ? (
        <InlineAlert status="neutral" role="status" labelText={t('reviewer.conflict.doneTitle')}>
          {t('reviewer.conflict.done')}{' '}
          <Link to="/reviews" className="link">
            {t('reviewer.review.back')}
          </Link>
        </InlineAlert>
      ) : !application.data || !call.data || !reviews.data ? (
        <p>{t('common.loading')}</p>
      ) : (
        <>
          <p className="meta">
            {localized(call.data.title, lang)} · <ReviewStatusTag status={status} /> ·{' '}
            <DueDate dueAt={call.data.reviewsDueAt} status={status} />
          </p>
          <div className="review-layout">
            <ApplicationContent application={application.data} call={call.data} />
            <section aria-labelledby="review-heading" className="review-form">
              <Heading variant="h2" id="review-heading">
                {t('reviewer.review.yourReview')}
              </Heading>
              {application.data.status !== 'in_review' && mine?.status !== 'submitted' && (
                <InlineAlert status="warning">{t('reviewer.review.notInReview')}</InlineAlert>
              )}
              {mine?.status === 'submitted' ? (
                <SubmittedReviews mine={mine} others={others} criteria={call.data.criteria} />
              ) : (
                <ReviewForm
                  applicationId={applicationId}
                  criteria={call.data.criteria}
                  saved={mine}
                  disabled={application.data.status !== 'in_review'}
                />
              )}
            </section>
          </div>
          {application.data.status === 'in_review' && mine?.status !== 'submitted' && (
            <ConflictSection applicationId={applicationId} onDeclared={() => setConflictDeclared(true)} />
          )}
        </>
      )}
    </>
  );
}

/** What the applicant sent, read-only: organisations, category, money, period, summary, partners and budget. */
function ApplicationContent({ application: a, call }: { application: Application; call: Call }) {
  const { t } = useTranslation();
  const lang = useLang();
  const organizations = useOrganizations();
  const orgName = (id: string) => organizations.data?.find((o) => o.id === id)?.name ?? '…';
  return (
    <section aria-labelledby="application-heading" className="review-application">
      <Heading variant="h2" id="application-heading">
        {t('reviewer.review.application')}
      </Heading>
      <dl className="facts">
        <div>
          <dt>{t('reviewer.review.lead')}</dt>
          <dd>{orgName(a.leadOrganizationId)}</dd>
        </div>
        <div>
          <dt>{t('reviewer.review.members')}</dt>
          <dd>{a.memberOrganizationIds.map(orgName).join(', ') || '–'}</dd>
        </div>
        <div>
          <dt>{t('reviewer.review.category')}</dt>
          <dd>{call.categories.find((c) => c.key === a.category)?.title ?? a.category}</dd>
        </div>
        <div>
          <dt>{t('reviewer.review.requested')}</dt>
          <dd>{formatEuros(a.requestedAmount ?? 0, lang)}</dd>
        </div>
        <div>
          <dt>{t('reviewer.review.selfFinancing')}</dt>
          <dd>{formatEuros(a.selfFinancingAmount ?? 0, lang)}</dd>
        </div>
        <div>
          <dt>{t('reviewer.review.period')}</dt>
          <dd>
            {a.projectStart ? formatDate(a.projectStart, lang) : '–'} – {a.projectEnd ? formatDate(a.projectEnd, lang) : '–'}
          </dd>
        </div>
      </dl>
      <Heading variant="h3">{t('reviewer.review.summary')}</Heading>
      <p className="review-comment">{a.summary || '–'}</p>
      <Heading variant="h3">{t('reviewer.review.partners')}</Heading>
      {a.partners.length === 0 ? (
        <p>–</p>
      ) : (
        <ul className="plain-list">
          {a.partners.map((p, i) => (
            <li key={i}>
              {p.name} ({t(`partnerKind.${p.kind}`)})
            </li>
          ))}
        </ul>
      )}
      <Heading variant="h3">{t('reviewer.review.budget')}</Heading>
      {a.budget.length === 0 ? (
        <p>–</p>
      ) : (
        <ul className="plain-list">
          {a.budget.map((b, i) => (
            <li key={i}>
              {b.item}: {formatEuros(b.amount, lang)}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The criteria as radio groups, a comment, save draft and submit (after a confirmation). */
function ReviewForm({
  applicationId,
  criteria,
  saved,
  disabled,
}: {
  applicationId: string;
  criteria: Criterion[];
  saved: Review | undefined;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  const lang = useLang();
  const queries = useQueryClient();
  const [scores, setScores] = useState<DraftScores>(() => initialScores(criteria, saved?.scores));
  const [comment, setComment] = useState(saved?.comment ?? '');
  const [errors, setErrors] = useState<Map<string, string>>(new Map());
  const [attempt, setAttempt] = useState(0);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ kind: 'ok' | 'error'; text: string } | null>(null);
  const yes = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) yes.current?.focus();
  }, [confirming]);

  const criterionTitle = (key: string) => criteria.find((c) => c.key === key)?.title ?? key;
  const summary: SummaryItem[] = [...errors.entries()].map(([field, text]) => {
    const key = /^score-(.+)$/.exec(field)?.[1];
    return { field, text: key ? `${criterionTitle(key)}: ${text}` : `${t(`reviewer.review.fields.${field}`, field)}: ${text}` };
  });

  /** Every criterion scored, else the errors shown and false. */
  function check(): boolean {
    const missing = missingCriteria(criteria, scores);
    if (missing.length === 0) return true;
    setErrors(new Map(missing.map((c) => [scoreFieldId(c.key), t('reviewer.review.choose', { max: c.maxScore })])));
    setAttempt((n) => n + 1);
    return false;
  }

  function fail(e: unknown) {
    if (e instanceof ApiError && e.problem.errors?.length) {
      setErrors(
        new Map(
          e.problem.errors.map((fe) => {
            const id = reviewFieldId(fe.field);
            const key = /^score-(.+)$/.exec(id)?.[1];
            const c = criteria.find((x) => x.key === key);
            return [id, c ? t('reviewer.review.choose', { max: c.maxScore }) : fe.message];
          }),
        ),
      );
      setAttempt((n) => n + 1);
    } else setOutcome({ kind: 'error', text: problemText(e, t) });
  }

  async function put(): Promise<void> {
    const review = await unwrap(
      api.PUT('/api/applications/{id}/review', {
        params: { path: { id: applicationId } },
        body: { scores: toScores(criteria, scores) ?? {}, comment },
      }),
    );
    // The stored draft is what the page opens with next time.
    queries.setQueryData<Review[]>(['reviews', applicationId], (list) => [
      ...(list ?? []).filter((r) => r.reviewerId !== review.reviewerId),
      review,
    ]);
  }

  async function saveDraft() {
    setOutcome(null);
    if (!check()) return;
    setErrors(new Map());
    setBusy(true);
    try {
      await put();
      // Said by the status alert (role="status") it appears in.
      setOutcome({ kind: 'ok', text: t('reviewer.review.saved', { time: formatTime(new Date(), lang) }) });
      await queries.invalidateQueries({ queryKey: ['my-assignments'] });
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  }

  function askSubmit() {
    setOutcome(null);
    if (!check()) return;
    setErrors(new Map());
    setConfirming(true);
  }

  async function submit() {
    setBusy(true);
    try {
      await put();
      await unwrap(api.POST('/api/applications/{id}/review/submit', { params: { path: { id: applicationId } } }));
      announce(t('reviewer.review.submittedNow'));
      await Promise.all([
        queries.invalidateQueries({ queryKey: ['reviews', applicationId] }),
        queries.invalidateQueries({ queryKey: ['my-assignments'] }),
      ]);
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
      setConfirming(false);
    }
  }

  return (
    <form
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void saveDraft();
      }}
    >
      <p>{t('reviewer.review.instructions')}</p>
      <ErrorSummary items={summary} focusKey={attempt} title={t('reviewer.review.errorSummary', { count: summary.length })} />
      {criteria.map((c) => {
        const error = errors.get(scoreFieldId(c.key));
        const value = scores[c.key];
        return (
          <RadioButtonGroup
            key={c.key}
            name={`score-${c.key}`}
            id={`group-${c.key}`}
            className="review-scale"
            labelText={c.title}
            groupHintText={t('reviewer.review.scaleHint', { max: c.maxScore, weight: score(c.weight, lang) })}
            value={value === null || value === undefined ? '' : String(value)}
            onChange={(v) => {
              setScores((s) => ({ ...s, [c.key]: Number(v) }));
              setErrors((m) => {
                if (!m.has(scoreFieldId(c.key))) return m;
                const next = new Map(m);
                next.delete(scoreFieldId(c.key));
                return next;
              });
            }}
            groupStatus={error ? 'error' : 'default'}
            groupStatusText={error}
          >
            {Array.from({ length: c.maxScore + 1 }, (_, n) => (
              <RadioButton key={n} value={String(n)} id={n === 0 ? scoreFieldId(c.key) : `score-${c.key}-${n}`} disabled={disabled || busy}>
                {String(n)}
              </RadioButton>
            ))}
          </RadioButtonGroup>
        );
      })}
      <Textarea
        id="comment"
        labelText={t('reviewer.review.comment')}
        hintText={t('reviewer.review.commentHint')}
        optionalText={t('reviewer.review.optional')}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        status={errors.has('comment') ? 'error' : 'default'}
        statusText={errors.get('comment')}
        disabled={disabled || busy}
        maxLength={20_000}
        fullWidth
      />
      {confirming ? (
        <div role="alertdialog" aria-labelledby="submit-review-confirm" className="confirm-box">
          <p id="submit-review-confirm">{t('reviewer.review.submitConfirm')}</p>
          <Button type="button" ref={yes} onClick={() => void submit()} disabled={busy}>
            {t('reviewer.review.submitYes')}
          </Button>
          <Button type="button" variant="secondary" onClick={() => setConfirming(false)} disabled={busy}>
            {t('reviewer.review.cancel')}
          </Button>
        </div>
      ) : (
        <div className="form-actions">
          <Button type="submit" variant="secondary" disabled={disabled || busy}>
            {t('reviewer.review.saveDraft')}
          </Button>
          <Button type="button" onClick={askSubmit} disabled={disabled || busy}>
            {t('reviewer.review.submit')}
          </Button>
        </div>
      )}
      {saved?.status === 'draft' && !outcome && <p className="meta">{t('reviewer.review.draftSaved')}</p>}
      {outcome && (
        <InlineAlert status={outcome.kind === 'ok' ? 'neutral' : 'error'} role={outcome.kind === 'ok' ? 'status' : 'alert'}>
          {outcome.text}
        </InlineAlert>
      )}
    </form>
  );
}

/** After one's own submit: one's review locked, beside the other reviewers' submitted scores. */
function SubmittedReviews({ mine, others, criteria }: { mine: Review; others: Review[]; criteria: Criterion[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const columns = [
    { review: mine, name: t('reviewer.review.mine') },
    ...others.map((r, i) => ({ review: r, name: t('reviewer.review.other', { n: i + 1 }) })),
  ];
  return (
    <>
      <InlineAlert status="neutral" labelText={t('reviewer.review.lockedTitle')}>
        {mine.submittedAt ? t('reviewer.review.lockedAt', { time: formatDateTime(mine.submittedAt, lang) }) : t('reviewer.review.locked')}
      </InlineAlert>
      <div className="table-wrap">
        <table className="data-table">
          <caption>{t('reviewer.review.scoresCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('reviewer.review.criterion')}</th>
              {columns.map((c) => (
                <th scope="col" className="num" key={c.review.reviewerId}>
                  {c.name}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {criteria.map((c) => (
              <tr key={c.key}>
                <th scope="row">{c.title}</th>
                {columns.map((col) => (
                  <td className="num" key={col.review.reviewerId}>
                    {col.review.scores[c.key] ?? '–'} / {c.maxScore}
                  </td>
                ))}
              </tr>
            ))}
            <tr>
              <th scope="row">{t('reviewer.review.weighted')}</th>
              {columns.map((col) => (
                <td className="num" key={col.review.reviewerId}>
                  <strong>{score(col.review.weightedScore, lang)}</strong>
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      {others.length === 0 && <p>{t('reviewer.review.noOthers')}</p>}
      <Heading variant="h3">{t('reviewer.review.comments')}</Heading>
      <dl className="review-comments">
        {columns.map((col) => (
          <div key={col.review.reviewerId}>
            <dt>{col.name}</dt>
            <dd className="review-comment">{col.review.comment || '–'}</dd>
          </div>
        ))}
      </dl>
    </>
  );
}

/** Declaring a conflict of interest: with a reason; the assignment is then removed. */
function ConflictSection({ applicationId, onDeclared }: { applicationId: string; onDeclared: () => void }) {
  const { t } = useTranslation();
  const queries = useQueryClient();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const field = useRef<HTMLTextAreaElement>(null);
  useEffect(() => {
    if (open) field.current?.focus();
  }, [open]);

  async function declare() {
    setFailure(null);
    if (reason.trim() === '') {
      setError(t('reviewer.conflict.reasonRequired'));
      field.current?.focus();
      return;
    }
    setError(null);
    setBusy(true);
    try {
      await unwrap(
        api.POST('/api/applications/{id}/conflict', { params: { path: { id: applicationId } }, body: { reason: reason.trim() } }),
      );
      onDeclared();
      await queries.invalidateQueries({ queryKey: ['my-assignments'] });
    } catch (e) {
      const fieldError = e instanceof ApiError ? e.problem.errors?.find((fe) => fe.field === 'reason') : undefined;
      if (fieldError) setError(fieldError.message);
      else setFailure(problemText(e, t));
    } finally {
      setBusy(false);
    }
  }

  return (
    <section aria-labelledby="conflict-heading" className="section">
      <Heading variant="h2" id="conflict-heading">
        {t('reviewer.conflict.title')}
      </Heading>
      <p>{t('reviewer.conflict.intro')}</p>
      {open ? (
        <div className="narrow">
          <Textarea
            id="reason"
            ref={field}
            labelText={t('reviewer.conflict.reason')}
            hintText={t('reviewer.conflict.reasonHint')}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            status={error ? 'error' : 'default'}
            statusText={error ?? undefined}
            maxLength={2_000}
            fullWidth
          />
          <div className="form-actions">
            <Button type="button" onClick={() => void declare()} disabled={busy}>
              {t('reviewer.conflict.confirm')}
            </Button>
            <Button type="button" variant="secondary" onClick={() => setOpen(false)} disabled={busy}>
              {t('reviewer.review.cancel')}
            </Button>
          </div>
        </div>
      ) : (
        <Button type="button" variant="secondary" onClick={() => setOpen(true)}>
          {t('reviewer.conflict.open')}
        </Button>
      )}
      {failure && (
        <InlineAlert status="error" role="alert">
          {failure}
        </InlineAlert>
      )}
    </section>
  );
}
