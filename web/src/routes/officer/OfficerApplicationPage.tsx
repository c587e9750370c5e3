import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { Heading } from 'suomifi-ui-components';
import { api, unwrap } from '../../api/client';
import { PageHeading } from '../../components/PageHeading';
import { ApplicationStatusTag } from '../../components/StatusTag';
import { formatDate, formatDateTimeSeconds, formatEuros } from '../../format';
import { localized, useLang } from '../../lang';
import { useOrganizations } from '../applicant/queries';
import { useOfficerCall, useReviews, useUsers, useVersions } from './queries';
import { versionChanges, type VersionContent } from './version-diff';

/** An application as the officer reads it: its content, organisations, reviews and what changed between versions. */
export function OfficerApplicationPage() {
  const { applicationId } = useParams({ strict: false }) as { applicationId: string };
  const { t } = useTranslation();
  const lang = useLang();
  const application = useQuery({
    queryKey: ['application', applicationId],
    queryFn: () => unwrap(api.GET('/api/applications/{id}', { params: { path: { id: applicationId } } })),
  });
  const a = application.data;
  const call = useOfficerCall(a?.callId ?? '');
  const organizations = useOrganizations();
  const reviews = useReviews(applicationId);
  const versions = useVersions(applicationId);
  const users = useUsers();
  if (!a) return <p>{application.isError ? t('errors.network') : t('common.loading')}</p>;
  const orgName = (id: string) => organizations.data?.find((o) => o.id === id)?.name ?? '…';
  const criteria = call.data?.criteria ?? [];
  const sortedVersions = [...(versions.data ?? [])].sort((x, y) => x.version - y.version);
  return (
    <>
      <nav aria-label={t('nav.breadcrumb')} className="breadcrumb">
        <Link to="/officer">{t('officer.calls.title')}</Link>
        {call.data && (
          <>
            {' › '}
            <Link to="/officer/calls/$callId" params={{ callId: a.callId }}>
              {localized(call.data.title, lang)}
            </Link>
          </>
        )}
      </nav>
      <PageHeading title={a.title || t('application.untitled')}>{a.title || t('application.untitled')}</PageHeading>
      <p className="meta">
        <ApplicationStatusTag status={a.status} />
        {a.submittedAt && <> · {t('officer.application.submittedAt', { time: formatDateTimeSeconds(a.submittedAt, lang) })}</>}
      </p>

      <section aria-labelledby="content-heading" className="section">
        <Heading variant="h2" id="content-heading">
          {t('officer.application.content')}
        </Heading>
        <dl className="facts">
          <div>
            <dt>{t('officer.application.lead')}</dt>
            <dd>{orgName(a.leadOrganizationId)}</dd>
          </div>
          <div>
            <dt>{t('officer.application.members')}</dt>
            <dd>{a.memberOrganizationIds.map(orgName).join(', ') || '–'}</dd>
          </div>
          <div>
            <dt>{t('officer.applications.category')}</dt>
            <dd>{call.data?.categories.find((c) => c.key === a.category)?.title ?? a.category}</dd>
          </div>
          <div>
            <dt>{t('officer.applications.requested')}</dt>
            <dd>{formatEuros(a.requestedAmount ?? 0, lang)}</dd>
          </div>
          <div>
            <dt>{t('officer.application.selfFinancing')}</dt>
            <dd>{formatEuros(a.selfFinancingAmount ?? 0, lang)}</dd>
          </div>
          <div>
            <dt>{t('officer.application.period')}</dt>
            <dd>
              {a.projectStart ? formatDate(a.projectStart, lang) : '–'} – {a.projectEnd ? formatDate(a.projectEnd, lang) : '–'}
            </dd>
          </div>
        </dl>
        <Heading variant="h3">{t('officer.application.summary')}</Heading>
        <p className="prose">{a.summary || '–'}</p>
        <Heading variant="h3">{t('officer.application.partners')}</Heading>
        <ul className="plain-list">
          {a.partners.map((p, i) => (
            <li key={i}>
              {p.name} ({t(`partnerKind.${p.kind}`)})
            </li>
          ))}
        </ul>
        <Heading variant="h3">{t('officer.application.budget')}</Heading>
        <ul className="plain-list">
          {a.budget.map((b, i) => (
            <li key={i}>
              {b.item}: {formatEuros(b.amount, lang)}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="reviews-heading" className="section">
        <Heading variant="h2" id="reviews-heading">
          {t('officer.application.reviews')}
        </Heading>
        {reviews.isSuccess && reviews.data.length === 0 && <p>{t('officer.application.noReviews')}</p>}
        <ul className="card-list">
          {(reviews.data ?? []).map((r) => (
            <li key={r.reviewerId} className="card">
              <p className="card-title">
                {users.data?.find((u) => u.id === r.reviewerId)?.name ?? t('officer.application.reviewer')} ·{' '}
                {t(r.status === 'submitted' ? 'officer.application.reviewSubmitted' : 'officer.application.reviewDraft')} ·{' '}
                {t('officer.application.weighted', { score: r.weightedScore.toLocaleString(lang, { maximumFractionDigits: 1 }) })}
              </p>
              <ul className="plain-list">
                {criteria.map((c) => (
                  <li key={c.key}>
                    {c.title}: {r.scores[c.key] ?? '–'} / {c.maxScore}
                  </li>
                ))}
              </ul>
              {r.comment && <p className="prose">{r.comment}</p>}
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="versions-heading" className="section">
        <Heading variant="h2" id="versions-heading">
          {t('officer.application.versions')}
        </Heading>
        {sortedVersions.length === 0 && <p>{t('officer.application.noVersions')}</p>}
        {sortedVersions.map((v, i) => {
          const previous = sortedVersions[i - 1];
          const changes = previous ? versionChanges(previous.content as VersionContent, v.content as VersionContent, lang, orgName) : [];
          return (
            <section key={v.version} aria-labelledby={`version-${v.version}`} className="version">
              <Heading variant="h3" id={`version-${v.version}`}>
                {t('versions.item', { version: v.version, time: formatDateTimeSeconds(v.submittedAt, lang) })}
              </Heading>
              {!previous && <p>{t('officer.application.firstVersion')}</p>}
              {previous && changes.length === 0 && <p>{t('officer.application.noChanges')}</p>}
              {changes.length > 0 && (
                <table className="data-table">
                  <caption className="visually-hidden">{t('officer.application.changesFrom', { version: previous.version })}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('officer.application.field')}</th>
                      <th scope="col">{t('officer.application.before', { version: previous.version })}</th>
                      <th scope="col">{t('officer.application.after', { version: v.version })}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {changes.map((c) => (
                      <tr key={c.field}>
                        <th scope="row">{t(`officer.application.fields.${c.field}`)}</th>
                        <td>
                          <del>{c.before}</del>
                        </td>
                        <td>
                          <ins>{c.after}</ins>
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              )}
            </section>
          );
        })}
      </section>
    </>
  );
}
