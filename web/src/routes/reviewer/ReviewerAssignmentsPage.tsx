import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { InlineAlert, Paragraph } from 'suomifi-ui-components';
import { PageHeading } from '../../components/PageHeading';
import { localized, useLang } from '../../lang';
import { useApplications, useCalls, useOrganizations } from '../applicant/queries';
import { useMyAssignments } from './queries';
import { progressCounts, sortAssignments } from './review-model';
import { DueDate, ReviewStatusTag } from './ReviewTags';
import './reviewer.css';

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
