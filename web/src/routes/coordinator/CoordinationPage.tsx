import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, InlineAlert, Paragraph } from 'suomifi-ui-components';
import { ApiError } from '../../api/client';
import { CSV, download, XLSX } from '../../api/download';
import { PhaseTag } from '../../components/StatusTag';
import { formatEuros } from '../../format';
import { localized, useLang } from '../../lang';
import { useCall, useCalls } from '../applicant/queries';
import { AnnouncementForm } from './AnnouncementForm';
import { coordinatedCalls } from './coordination';
import { CoordinatorHead } from './CoordinatorHead';
import { useCoordinatedProjects, useOverview, type Overview } from './queries';

/**
 * The coordinator's start: the calls whose projects they coordinate and, for the chosen call (the
 * first when none is chosen), its overview — projects, members, reports due and overdue, practices
 * and granted money — and an announcement to every project.
 */
export function CoordinationPage() {
  const { callId: chosen } = useParams({ strict: false }) as { callId?: string };
  const { t } = useTranslation();
  const lang = useLang();
  const projects = useCoordinatedProjects();
  const calls = useCalls();
  const mine = coordinatedCalls(projects.data ?? []);
  const callId = chosen ?? mine[0]?.callId;
  const call = useCall(callId);
  const overview = useOverview(callId);
  const titleOf = (id: string) => {
    const c = calls.data?.find((x) => x.id === id);
    return c ? localized(c.title, lang) : '…';
  };
  return (
    <>
      <CoordinatorHead title={t('coordinator.title')} />
      <Paragraph className="lead">{t('coordinator.intro')}</Paragraph>
      <section aria-labelledby="calls-heading" className="section">
        <Heading variant="h2" id="calls-heading">
          {t('coordinator.calls')}
        </Heading>
        {projects.isPending && <p>{t('common.loading')}</p>}
        {projects.isError && <p role="alert">{t('errors.network')}</p>}
        {projects.isSuccess && mine.length === 0 && <p>{t('coordinator.noCalls')}</p>}
        <ul className="card-list">
          {mine.map((c) => (
            <li key={c.callId} className={`card${c.callId === callId ? ' card-selected' : ''}`}>
              <Link
                to="/coordination/calls/$callId"
                params={{ callId: c.callId }}
                className="card-link"
                aria-current={c.callId === callId ? 'true' : undefined}
              >
                {titleOf(c.callId)}
              </Link>
              <p className="meta">
                {t('coordinator.callCounts', { count: c.projects })} · {t('coordinator.granted')}: {formatEuros(c.grantedAmount, lang)}
              </p>
            </li>
          ))}
        </ul>
      </section>
      {callId && (
        <section aria-labelledby="overview-heading" className="section">
          <Heading variant="h2" id="overview-heading">
            {t('coordinator.overviewOf', { call: titleOf(callId) })}
          </Heading>
          {call.data && (
            <p className="meta">
              <PhaseTag phase={call.data.phase} />
            </p>
          )}
          {overview.isPending && <p>{t('common.loading')}</p>}
          {overview.isError && (
            <p role="alert">
              {overview.error instanceof ApiError && [403, 404].includes(overview.error.problem.status)
                ? t('coordinator.notYourCall')
                : t('errors.network')}
            </p>
          )}
          {overview.data && (
            <>
              <OverviewTable overview={overview.data} categoryTitle={(k) => call.data?.categories.find((c) => c.key === k)?.title ?? k} />
              <CsvButton callId={callId} />
            </>
          )}
        </section>
      )}
      {callId && <AnnouncementForm callId={callId} />}
    </>
  );
}

function OverviewTable({ overview, categoryTitle }: { overview: Overview; categoryTitle: (key: string) => string }) {
  const { t } = useTranslation();
  const lang = useLang();
  const { totals } = overview;
  const figures = [
    { key: 'projects', value: String(totals.projects) },
    { key: 'members', value: String(totals.membersCount) },
    { key: 'reportsDue', value: String(totals.reportsDue) },
    { key: 'reportsSubmitted', value: String(totals.reportsSubmitted), attention: totals.reportsSubmitted > 0 },
    { key: 'reportsOverdue', value: String(totals.reportsOverdue), alert: totals.reportsOverdue > 0 },
    { key: 'practices', value: String(totals.practicesCount) },
    { key: 'granted', value: formatEuros(totals.grantedAmount, lang), wide: true },
  ];
  return (
    <>
      <ul className="figures" aria-label={t('coordinator.totals')}>
        {figures.map((f) => (
          <li
            key={f.key}
            className={
              [f.alert && 'figure-alert', f.attention && 'figure-attention', f.wide && 'figure-wide'].filter(Boolean).join(' ') || undefined
            }
          >
            <span className="figure-value">{f.value}</span> {t(`coordinator.figure.${f.key}`)}
          </li>
        ))}
      </ul>
      {overview.projects.length === 0 ? (
        <p>{t('coordinator.noProjects')}</p>
      ) : (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">{t('coordinator.projects')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('coordinator.col.project')}</th>
                <th scope="col">{t('coordinator.col.lead')}</th>
                <th scope="col" className="num">
                  {t('coordinator.col.members')}
                </th>
                <th scope="col" className="num">
                  {t('coordinator.col.reportsDue')}
                </th>
                <th scope="col" className="num">
                  {t('coordinator.col.reportsSubmitted')}
                </th>
                <th scope="col" className="num">
                  {t('coordinator.col.reportsOverdue')}
                </th>
                <th scope="col" className="num">
                  {t('coordinator.col.practices')}
                </th>
                <th scope="col" className="num">
                  {t('coordinator.col.granted')}
                </th>
              </tr>
            </thead>
            <tbody>
              {overview.projects.map((p) => (
                <tr key={p.projectId}>
                  <th scope="row">
                    <Link to="/coordination/projects/$projectId" params={{ projectId: p.projectId }} className="link">
                      {p.name}
                    </Link>
                    <span className="meta cell-meta">
                      {categoryTitle(p.category)}
                      {p.status === 'completed' && ` · ${t('coordinator.completed')}`}
                    </span>
                  </th>
                  <td>{p.leadOrganizationName}</td>
                  <td className="num">{p.membersCount}</td>
                  <td className="num">{p.reportsDue}</td>
                  <td className="num">{p.reportsSubmitted > 0 ? <strong>{p.reportsSubmitted}</strong> : 0}</td>
                  <td className="num">{p.reportsOverdue > 0 ? <strong className="flag">{p.reportsOverdue}</strong> : 0}</td>
                  <td className="num">{p.practicesCount}</td>
                  <td className="num">{formatEuros(p.grantedAmount, lang)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={2}>
                  {t('coordinator.total', { count: totals.projects })}
                </th>
                <td className="num">{totals.membersCount}</td>
                <td className="num">{totals.reportsDue}</td>
                <td className="num">{totals.reportsSubmitted}</td>
                <td className="num">{totals.reportsOverdue}</td>
                <td className="num">{totals.practicesCount}</td>
                <td className="num">{formatEuros(totals.grantedAmount, lang)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
    </>
  );
}

/** The overview as XLSX (numbers as numbers, euros formatted) or as the Finnish-dialect CSV the API gives for `Accept: text/csv`. */
function CsvButton({ callId }: { callId: string }) {
  const { t } = useTranslation();
  const [failed, setFailed] = useState(false);
  return (
    <div className="button-row">
      <Button
        type="button"
        variant="secondary"
        onClick={() => {
          setFailed(false);
          download(`/api/calls/${callId}/coordination`, XLSX, `koordinointi-${callId}.xlsx`).catch(() => setFailed(true));
        }}
      >
        {t('coordinator.xlsx')}
      </Button>
      <Button
        type="button"
        variant="secondary"
        onClick={() => {
          setFailed(false);
          download(`/api/calls/${callId}/coordination`, CSV, `koordinointi-${callId}.csv`).catch(() => setFailed(true));
        }}
      >
        {t('coordinator.csv')}
      </Button>
      {failed && (
        <InlineAlert status="error" role="alert">
          {t('coordinator.csvFailed')}
        </InlineAlert>
      )}
    </div>
  );
}
