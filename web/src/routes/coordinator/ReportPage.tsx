import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, InlineAlert, Textarea } from 'suomifi-ui-components';
import { ApiError, api, unwrap } from '../../api/client';
import { formatDateTime } from '../../format';
import { useLang } from '../../lang';
import { awaitsReview, isOverdue, isReportType, reviewError, type ReportType } from './coordination';
import { CoordinatorHead, ReportStatusTag } from './CoordinatorHead';
import { useProject, useReport } from './queries';

/** The texts a report's fields are known by; any other field is shown under its own name. */
const KNOWN_FIELDS = ['summary', 'results', 'activities', 'finances', 'challenges', 'nextSteps'];

/** A submitted report read by the coordinator, who accepts it or returns it with a comment. */
export function ReportPage() {
  const { projectId, type } = useParams({ strict: false }) as { projectId: string; type: string };
  const { t } = useTranslation();
  if (!isReportType(type)) return <p role="alert">{t('coordinator.report.noSuchType')}</p>;
  return <Report projectId={projectId} type={type} />;
}

function Report({ projectId, type }: { projectId: string; type: ReportType }) {
  const { t } = useTranslation();
  const lang = useLang();
  const queries = useQueryClient();
  const project = useProject(projectId);
  const report = useReport(projectId, type);
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState<string | undefined>();
  const review = useMutation({
    mutationFn: (outcome: 'accepted' | 'returned') =>
      unwrap(
        api.POST('/api/network-projects/{id}/reports/{type}/review', {
          params: { path: { id: projectId, type } },
          body: { outcome, ...(comment.trim() ? { comment: comment.trim() } : {}) },
        }),
      ),
    onSuccess: async (updated) => {
      queries.setQueryData(['report', projectId, type], updated);
      await queries.invalidateQueries({ queryKey: ['network-project', projectId] });
      await queries.invalidateQueries({ queryKey: ['coordination'] });
    },
  });

  const reportName = t(`coordinator.reportType.${type}`);
  const projectName = project.data?.name ?? '…';
  const head = (
    <CoordinatorHead
      title={projectName}
      kicker={reportName}
      crumbs={[
        {
          label: projectName,
          link: (
            <Link to="/coordination/projects/$projectId" params={{ projectId }}>
              {projectName}
            </Link>
          ),
        },
      ]}
    />
  );
  if (!report.data)
    return (
      <>
        {head}
        <p role={report.isError ? 'alert' : undefined}>
          {report.isError ? (report.error instanceof ApiError ? report.error.message : t('errors.loadFailed')) : t('common.loading')}
        </p>
      </>
    );
  const r = report.data;
  const fields = Object.entries(r.content ?? {}).sort(
    ([a], [b]) => (KNOWN_FIELDS.indexOf(a) + 1 || 99) - (KNOWN_FIELDS.indexOf(b) + 1 || 99),
  );
  const label = (key: string) => (KNOWN_FIELDS.includes(key) ? t(`coordinator.reportField.${key}`) : key);

  function decide(outcome: 'accepted' | 'returned') {
    const problem = reviewError(outcome, comment);
    setCommentError(problem ? t(`coordinator.report.${problem}`) : undefined);
    if (problem) {
      document.getElementById('review-comment')?.focus();
      return;
    }
    review.mutate(outcome);
  }

  return (
    <>
      {head}
      <dl className="facts">
        <div>
          <dt>{t('coordinator.project.state')}</dt>
          <dd>
            <ReportStatusTag status={r.status} overdue={isOverdue(r, Date.now())} />
          </dd>
        </div>
        <div>
          <dt>{t('coordinator.project.dueAt')}</dt>
          <dd>{formatDateTime(r.dueAt, lang)}</dd>
        </div>
        <div>
          <dt>{t('coordinator.project.submittedAt')}</dt>
          <dd>
            {r.submittedAt ? formatDateTime(r.submittedAt, lang) : '–'}
            {r.late && <> · {t('coordinator.report.late')}</>}
          </dd>
        </div>
        {r.reviewedAt && (
          <div>
            <dt>{t('coordinator.report.reviewedAt')}</dt>
            <dd>{formatDateTime(r.reviewedAt, lang)}</dd>
          </div>
        )}
      </dl>

      <section aria-labelledby="report-text-heading" className="section">
        <Heading variant="h2" id="report-text-heading">
          {t('coordinator.report.text')}
        </Heading>
        {fields.length === 0 ? (
          <p>{t('coordinator.report.empty')}</p>
        ) : (
          <dl className="report-text">
            {fields.map(([key, text]) => (
              <div key={key}>
                <dt>{label(key)}</dt>
                <dd>{text}</dd>
              </div>
            ))}
          </dl>
        )}
        {r.attachmentName && <p>{t('coordinator.report.attachment', { name: r.attachmentName })}</p>}
      </section>

      <section aria-labelledby="review-heading" className="section">
        <Heading variant="h2" id="review-heading">
          {t('coordinator.report.reviewTitle')}
        </Heading>
        {awaitsReview(r) ? (
          <>
            <Textarea
              id="review-comment"
              labelText={t('coordinator.report.comment')}
              hintText={t('coordinator.report.commentHint')}
              value={comment}
              onChange={(e) => setComment(e.target.value)}
              status={commentError ? 'error' : 'default'}
              statusText={commentError}
              rows={4}
              fullWidth
            />
            <div className="button-row">
              <Button type="button" onClick={() => decide('accepted')} disabled={review.isPending}>
                {t('coordinator.report.accept')}
              </Button>
              <Button type="button" variant="secondary" onClick={() => decide('returned')} disabled={review.isPending}>
                {t('coordinator.report.return')}
              </Button>
            </div>
          </>
        ) : (
          <p>{t(`coordinator.report.notReviewable.${r.status}`)}</p>
        )}
        {r.reviewComment && (
          <p>
            <strong>{t('coordinator.report.givenComment')}</strong> {r.reviewComment}
          </p>
        )}
        <div aria-live="polite">
          {review.isSuccess && (
            <InlineAlert status="neutral">
              {t(`coordinator.report.done.${review.data.status === 'accepted' ? 'accepted' : 'returned'}`)}
            </InlineAlert>
          )}
        </div>
        {review.isError && (
          <InlineAlert status="error" role="alert">
            {review.error instanceof ApiError && review.error.code === 'INVALID_STATE'
              ? t('coordinator.report.invalidState')
              : review.error instanceof ApiError
                ? review.error.message
                : t('errors.network')}
          </InlineAlert>
        )}
      </section>
    </>
  );
}
