import { useQueryClient } from '@tanstack/react-query';
import { useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, InlineAlert } from 'suomifi-ui-components';
import { ApiError, api, unwrap } from '../../api/client';
import { SelectField } from '../../components/form/SelectField';
import { useApplications } from '../applicant/queries';
import { CallHead } from './CallNav';
import { useAssignments, useOfficerCall, useUsers } from './queries';

type Outcome = { kind: 'ok' | 'error'; text: string } | null;

/** Reviewer assignment for a call: automatic and by hand, conflicts said in words, loads and progress. */
export function AssignmentsPage() {
  const { callId } = useParams({ strict: false }) as { callId: string };
  const { t } = useTranslation();
  const queries = useQueryClient();
  const call = useOfficerCall(callId);
  const applications = useApplications(callId);
  const users = useUsers();
  const assignments = useAssignments(callId);
  const [autoOutcome, setAutoOutcome] = useState<Outcome>(null);
  const [handOutcome, setHandOutcome] = useState<Outcome>(null);
  const [applicationId, setApplicationId] = useState('');
  const [reviewerId, setReviewerId] = useState('');
  const [busy, setBusy] = useState(false);
  if (!call.data) return <p>{call.isError ? t('errors.network') : t('common.loading')}</p>;

  const submitted = (applications.data ?? []).filter((a) => a.submittedVersion !== null && a.status !== 'withdrawn');
  const reviewers = (users.data ?? []).filter((u) => u.roles.includes('reviewer'));
  const rows = assignments.data ?? [];
  const problemText = (e: unknown) =>
    e instanceof ApiError && e.code === 'CONFLICT_OF_INTEREST'
      ? t('officer.assign.conflict')
      : e instanceof ApiError && e.problem.status === 409
        ? t('officer.assign.refused', { detail: e.problem.detail ?? '' })
        : t('errors.network');
  const refresh = () => queries.invalidateQueries({ queryKey: ['assignments', callId] });

  async function auto() {
    setBusy(true);
    try {
      const result = await unwrap(api.POST('/api/calls/{id}/assignments/auto', { params: { path: { id: callId } } }));
      setAutoOutcome({ kind: 'ok', text: t('officer.assign.autoDone', { count: result.created }) });
      await refresh();
    } catch (e) {
      setAutoOutcome({ kind: 'error', text: problemText(e) });
    } finally {
      setBusy(false);
    }
  }

  async function byHand() {
    if (!applicationId || !reviewerId) {
      setHandOutcome({ kind: 'error', text: t('officer.assign.pickBoth') });
      return;
    }
    setBusy(true);
    try {
      await unwrap(api.POST('/api/calls/{id}/assignments', { params: { path: { id: callId } }, body: { applicationId, reviewerId } }));
      setHandOutcome({ kind: 'ok', text: t('officer.assign.handDone') });
      await refresh();
    } catch (e) {
      setHandOutcome({ kind: 'error', text: problemText(e) });
    } finally {
      setBusy(false);
    }
  }

  const reviewerName = (id: string) => reviewers.find((r) => r.id === id)?.name ?? users.data?.find((u) => u.id === id)?.name ?? id;
  const title = (id: string) => submitted.find((a) => a.id === id)?.title ?? id;
  return (
    <>
      <CallHead call={call.data} page={t('officer.tabs.assignments')} />
      <section aria-labelledby="auto-heading" className="section">
        <Heading variant="h2" id="auto-heading">
          {t('officer.assign.autoTitle')}
        </Heading>
        <p>{t('officer.assign.autoIntro', { count: call.data.reviewsPerApplication })}</p>
        <Button type="button" onClick={() => void auto()} disabled={busy} aria-describedby={autoOutcome ? 'auto-outcome' : undefined}>
          {t('officer.assign.auto')}
        </Button>
        {autoOutcome && (
          <div id="auto-outcome" role={autoOutcome.kind === 'ok' ? 'status' : 'alert'}>
            <InlineAlert status={autoOutcome.kind === 'ok' ? 'neutral' : 'error'}>{autoOutcome.text}</InlineAlert>
          </div>
        )}
      </section>

      <section aria-labelledby="hand-heading" className="section">
        <Heading variant="h2" id="hand-heading">
          {t('officer.assign.handTitle')}
        </Heading>
        <div className="two-columns">
          <SelectField
            id="assign-application"
            label={t('officer.assign.application')}
            value={applicationId}
            onChange={setApplicationId}
            options={[{ value: '', label: t('officer.assign.choose') }, ...submitted.map((a) => ({ value: a.id, label: a.title }))]}
          />
          <SelectField
            id="assign-reviewer"
            label={t('officer.assign.reviewer')}
            value={reviewerId}
            onChange={setReviewerId}
            options={[{ value: '', label: t('officer.assign.choose') }, ...reviewers.map((r) => ({ value: r.id, label: r.name }))]}
          />
        </div>
        <Button
          type="button"
          variant="secondary"
          onClick={() => void byHand()}
          disabled={busy}
          aria-describedby={handOutcome ? 'hand-outcome' : undefined}
        >
          {t('officer.assign.assign')}
        </Button>
        {handOutcome && (
          <div id="hand-outcome" role={handOutcome.kind === 'ok' ? 'status' : 'alert'}>
            <InlineAlert status={handOutcome.kind === 'ok' ? 'neutral' : 'error'}>{handOutcome.text}</InlineAlert>
          </div>
        )}
      </section>

      {assignments.data !== null && (
        <section aria-labelledby="loads-heading" className="section">
          <Heading variant="h2" id="loads-heading">
            {t('officer.assign.loadsTitle')}
          </Heading>
          <div className="table-wrap">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t('officer.assign.reviewer')}</th>
                  <th scope="col" className="num">
                    {t('officer.assign.load')}
                  </th>
                  <th scope="col" className="num">
                    {t('officer.assign.done')}
                  </th>
                  <th scope="col" className="num">
                    {t('officer.assign.overdue')}
                  </th>
                </tr>
              </thead>
              <tbody>
                {[...new Set(rows.map((r) => r.reviewerId))].map((id) => {
                  const mine = rows.filter((r) => r.reviewerId === id);
                  return (
                    <tr key={id}>
                      <td>{reviewerName(id)}</td>
                      <td className="num">{mine.length}</td>
                      <td className="num">{mine.filter((r) => r.reviewStatus === 'submitted').length}</td>
                      <td className="num">{mine.filter((r) => r.overdue).length}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
          <Heading variant="h3">{t('officer.assign.listTitle')}</Heading>
          <ul className="plain-list">
            {rows.map((r) => (
              <li key={`${r.applicationId}-${r.reviewerId}`}>
                {title(r.applicationId)} – {reviewerName(r.reviewerId)}: {t(`officer.assign.progress.${r.reviewStatus ?? 'not_started'}`)}
                {r.overdue && <strong> · {t('officer.assign.isOverdue')}</strong>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
