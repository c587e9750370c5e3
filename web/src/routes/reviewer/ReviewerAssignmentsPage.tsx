import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { InlineAlert, Paragraph } from 'suomifi-ui-components';
import { PageHeading } from '../../components/PageHeading';
import { formatDateTime } from '../../format';
import { localized, useLang } from '../../lang';
import { useApplications, useCalls, useOrganizations } from '../applicant/queries';
import { useMyAssignments } from './queries';
import { dueState, progressCounts, sortAssignments, type ReviewStatus } from './review-model';
import './reviewer.css';

/** A review's progress as a tag: not started, draft or submitted. */
export function ReviewStatusTag({ status }: { status: ReviewStatus }) {
  const { t } = useTranslation();
  return <span className={`status-tag review-${status}`}>{t(`reviewer.status.${status}`)}</span>;
}

/** When the call's reviews are due, in Helsinki time; a date gone by is said so in words, not only in colour. */
export function DueDate({ dueAt, status }: { dueAt: string | null | undefined; status: ReviewStatus }) {
  const { t } = useTranslation();
  const lang = useLang();
  const state = dueState(dueAt, Date.now());
  if (!dueAt || state === 'none') return <span>{t('reviewer.due.none')}</span>;
  const time = formatDateTime(dueAt, lang);
  if (state === 'past' && status !== 'submitted')
    return (
      <span className="due-late">
        <span className="status-tag review-late">{t('reviewer.due.lateTag')}</span> {t('reviewer.due.was', { time })}
      </span>
    );
  if (state === 'past') return <span>{t('reviewer.due.was', { time })}</span>;
  return <span className={state === 'soon' && status !== 'submitted' ? 'due-soon' : undefined}>{t('reviewer.due.by', { time })}</span>;
}

/** The reviewer's start: the applications assigned to them, the unfinished first, with the call's review due date. */
export function ReviewerAssignmentsPage() {
  const { t } = useTranslation();
  const lang = useLang();
  const assignments = useMyAssignments();
  const calls = useCalls();
  const applications = useApplications();
  const organizations = useOrganizations();
  const callOf = (id: string) => calls.data?.find((c) => c.id === id);
  const orgName = (applicationId: string) => {
    const lead = applications.data?.find((a) => a.id === applicationId)?.leadOrganizationId;
    return organizations.data?.find((o) => o.id === lead)?.name ?? '…';
  };
  const rows = sortAssignments((assignments.data ?? []).map((a) => ({ ...a, dueAt: callOf(a.callId)?.reviewsDueAt ?? null })));
  const counts = progressCounts(rows);
  return (
    <>
      <PageHeading title={t('reviewer.assignments.title')}>{t('reviewer.assignments.title')}</PageHeading>
      <Paragraph className="lead">{t('reviewer.assignments.intro')}</Paragraph>
      {assignments.isError && <InlineAlert status="error">{t('errors.loadFailed')}</InlineAlert>}
      {assignments.isPending && <p>{t('common.loading')}</p>}
      {assignments.isSuccess && rows.length === 0 && <p>{t('reviewer.assignments.none')}</p>}
      {rows.length > 0 && (
        <>
          <p aria-live="polite">
            {t('reviewer.assignments.counts', {
              count: rows.length,
              submitted: counts.submitted,
              draft: counts.draft,
              notStarted: counts.not_started,
            })}
          </p>
          <div className="table-wrap">
            <table className="data-table">
              <caption className="visually-hidden">{t('reviewer.assignments.title')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('reviewer.assignments.application')}</th>
                  <th scope="col">{t('reviewer.assignments.organization')}</th>
                  <th scope="col">{t('reviewer.assignments.call')}</th>
                  <th scope="col">{t('reviewer.assignments.progress')}</th>
                  <th scope="col">{t('reviewer.assignments.due')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((a) => {
                  const call = callOf(a.callId);
                  return (
                    <tr key={a.applicationId}>
                      <td>
                        <Link to="/reviews/$applicationId" params={{ applicationId: a.applicationId }} className="link">
                          {a.title || t('application.untitled')}
                        </Link>
                      </td>
                      <td>{orgName(a.applicationId)}</td>
                      <td>{call ? localized(call.title, lang) : '…'}</td>
                      <td>
                        <ReviewStatusTag status={a.reviewStatus} />
                      </td>
                      <td>
                        <DueDate dueAt={a.dueAt} status={a.reviewStatus} />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}
    </>
  );
}
