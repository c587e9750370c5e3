import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Heading } from 'suomifi-ui-components';
import { formatDate, formatDateTime, formatEuros } from '../../format';
import { localized, useLang } from '../../lang';
import { useCall, useOrganizations } from '../applicant/queries';
import { awaitsReview, byDueDate, isOverdue } from './coordination';
import { CoordinatorHead, ReportStatusTag } from './CoordinatorHead';
import { useProject } from './queries';

/** A network project as its coordinator follows it: members, reports with their state and due date, practices. */
export function ProjectPage() {
  const { projectId } = useParams({ strict: false }) as { projectId: string };
  const { t } = useTranslation();
  const lang = useLang();
  const project = useProject(projectId);
  const call = useCall(project.data?.callId);
  const organizations = useOrganizations();
  if (!project.data)
    return <p role={project.isError ? 'alert' : undefined}>{project.isError ? t('errors.loadFailed') : t('common.loading')}</p>;
  const p = project.data;
  const org = (id: string) => organizations.data?.find((o) => o.id === id);
  const now = Date.now();
  const callTitle = call.data ? localized(call.data.title, lang) : '…';
  const category = call.data?.categories.find((c) => c.key === p.category)?.title ?? p.category;
  const members = [p.leadOrganizationId, ...p.memberOrganizationIds.filter((id) => id !== p.leadOrganizationId)];
  return (
    <>
      <CoordinatorHead
        title={p.name}
        kicker={t('coordinator.project.kicker')}
        crumbs={[
          {
            label: callTitle,
            link: (
              <Link to="/coordination/calls/$callId" params={{ callId: p.callId }}>
                {callTitle}
              </Link>
            ),
          },
        ]}
      />
      <dl className="facts">
        <div>
          <dt>{t('coordinator.col.category')}</dt>
          <dd>{category}</dd>
        </div>
        <div>
          <dt>{t('coordinator.col.granted')}</dt>
          <dd>{formatEuros(p.grantedAmount, lang)}</dd>
        </div>
        <div>
          <dt>{t('coordinator.project.period')}</dt>
          <dd>
            {p.periodStart ? formatDate(p.periodStart, lang) : '–'} – {p.periodEnd ? formatDate(p.periodEnd, lang) : '–'}
          </dd>
        </div>
        <div>
          <dt>{t('coordinator.project.status')}</dt>
          <dd>{t(`coordinator.projectStatus.${p.status}`)}</dd>
        </div>
      </dl>

      <section aria-labelledby="members-heading" className="section">
        <Heading variant="h2" id="members-heading">
          {t('coordinator.project.members', { count: members.length })}
        </Heading>
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">{t('coordinator.project.members', { count: members.length })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('coordinator.project.organization')}</th>
                <th scope="col">{t('coordinator.project.municipality')}</th>
                <th scope="col">{t('coordinator.project.role')}</th>
              </tr>
            </thead>
            <tbody>
              {members.map((id) => (
                <tr key={id}>
                  <th scope="row">{org(id)?.name ?? '…'}</th>
                  <td>{org(id)?.municipality ?? '–'}</td>
                  <td>{id === p.leadOrganizationId ? t('coordinator.project.lead') : t('coordinator.project.member')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <section aria-labelledby="reports-heading" className="section">
        <Heading variant="h2" id="reports-heading">
          {t('coordinator.project.reports')}
        </Heading>
        {p.reports.length === 0 ? (
          <p>{t('coordinator.project.noReports')}</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table">
              <caption className="visually-hidden">{t('coordinator.project.reports')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('coordinator.project.reportType')}</th>
                  <th scope="col">{t('coordinator.project.state')}</th>
                  <th scope="col">{t('coordinator.project.dueAt')}</th>
                  <th scope="col">{t('coordinator.project.submittedAt')}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t('coordinator.project.actions')}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {byDueDate(p.reports).map((r) => (
                  <tr key={r.type}>
                    <th scope="row">{t(`coordinator.reportType.${r.type}`)}</th>
                    <td>
                      <ReportStatusTag status={r.status} overdue={isOverdue(r, now)} />
                      {r.late && <span className="meta"> · {t('coordinator.report.late')}</span>}
                    </td>
                    <td>{formatDateTime(r.dueAt, lang)}</td>
                    <td>{r.submittedAt ? formatDateTime(r.submittedAt, lang) : '–'}</td>
                    <td>
                      {r.submittedAt && (
                        <Link
                          to="/coordination/projects/$projectId/reports/$type"
                          params={{ projectId: p.id, type: r.type }}
                          className="link"
                        >
                          {awaitsReview(r)
                            ? t('coordinator.project.review', { report: t(`coordinator.reportType.${r.type}`) })
                            : t('coordinator.project.read', { report: t(`coordinator.reportType.${r.type}`) })}
                        </Link>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <section aria-labelledby="practices-heading" className="section">
        <Heading variant="h2" id="practices-heading">
          {t('coordinator.project.practices', { count: p.practices.length })}
        </Heading>
        {p.practices.length === 0 ? (
          <p>{t('coordinator.project.noPractices')}</p>
        ) : (
          <div className="table-wrap">
            <table className="data-table">
              <caption className="visually-hidden">{t('coordinator.project.practices', { count: p.practices.length })}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('coordinator.practices.practice')}</th>
                  <th scope="col">{t('coordinator.practices.organization')}</th>
                  <th scope="col">{t('coordinator.practices.level')}</th>
                  <th scope="col">{t('coordinator.practices.status')}</th>
                  <th scope="col">{t('coordinator.practices.updatedAt')}</th>
                </tr>
              </thead>
              <tbody>
                {p.practices.map((pr) => (
                  <tr key={pr.id}>
                    <th scope="row">{pr.title}</th>
                    <td>{org(pr.organizationId)?.name ?? '…'}</td>
                    <td>{t(`coordinator.level.${pr.partnershipLevel}`)}</td>
                    <td>{t(`coordinator.practiceStatus.${pr.status}`)}</td>
                    <td>{formatDateTime(pr.updatedAt, lang)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <p>
          <Link to="/coordination/practices" className="link">
            {t('coordinator.project.searchPractices')}
          </Link>
        </p>
      </section>
    </>
  );
}
