import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, InlineAlert } from 'suomifi-ui-components';
import { CSV, download, XLSX } from '../../api/download';
import type { Application, ApplicationStatus } from '../../api/types';
import { SelectField } from '../../components/form/SelectField';
import { ApplicationStatusTag } from '../../components/StatusTag';
import { formatDateTime, formatEuros } from '../../format';
import { useLang } from '../../lang';
import { useApplications, useOrganizations } from '../applicant/queries';
import { CallHead } from './CallNav';
import { useOfficerCall } from './queries';

const STATUSES: ApplicationStatus[] = ['draft', 'submitted', 'in_review', 'funded', 'rejected', 'withdrawn', 'expired'];
const SORTS = ['submittedAt', 'title', 'organization', 'requestedAmount'] as const;
type Sort = (typeof SORTS)[number];

/** A call's applications with filters by state and category, sorted as the officer chooses. */
export function CallApplicationsPage() {
  const { callId } = useParams({ strict: false }) as { callId: string };
  const { t } = useTranslation();
  const lang = useLang();
  const call = useOfficerCall(callId);
  const applications = useApplications(callId);
  const organizations = useOrganizations();
  const [status, setStatus] = useState('');
  const [category, setCategory] = useState('');
  const [sort, setSort] = useState<Sort>('submittedAt');
  const [downloadFailed, setDownloadFailed] = useState(false);
  if (!call.data) return <p>{call.isError ? t('errors.network') : t('common.loading')}</p>;
  const orgName = (id: string) => organizations.data?.find((o) => o.id === id)?.name ?? '…';
  const compare: Record<Sort, (a: Application, b: Application) => number> = {
    submittedAt: (a, b) => (a.submittedAt ?? a.updatedAt).localeCompare(b.submittedAt ?? b.updatedAt),
    title: (a, b) => a.title.localeCompare(b.title, lang),
    organization: (a, b) => orgName(a.leadOrganizationId).localeCompare(orgName(b.leadOrganizationId), lang),
    requestedAmount: (a, b) => (b.requestedAmount ?? 0) - (a.requestedAmount ?? 0),
  };
  const rows = (applications.data ?? [])
    .filter((a) => (!status || a.status === status) && (!category || a.category === category))
    .sort(compare[sort]);
  const categoryTitle = (key: string) => call.data.categories.find((c) => c.key === key)?.title ?? key;
  const get = (accept: string, ext: string) => {
    setDownloadFailed(false);
    download(`/api/applications?callId=${callId}&limit=1000`, accept, `hakemukset-${callId}.${ext}`).catch(() => setDownloadFailed(true));
  };
  return (
    <>
      <CallHead call={call.data} page={t('officer.tabs.applications')} />
      <div className="button-row">
        <Button type="button" variant="secondary" onClick={() => get(XLSX, 'xlsx')}>
          {t('officer.applications.xlsx')}
        </Button>
        <Button type="button" variant="secondary" onClick={() => get(CSV, 'csv')}>
          {t('officer.applications.csv')}
        </Button>
      </div>
      {downloadFailed && (
        <InlineAlert status="error" role="alert">
          {t('officer.ranking.downloadFailed')}
        </InlineAlert>
      )}
      <div className="filters" role="group" aria-label={t('officer.applications.filters')}>
        <SelectField
          id="filter-status"
          label={t('officer.applications.status')}
          value={status}
          onChange={setStatus}
          options={[{ value: '', label: t('officer.applications.all') }, ...STATUSES.map((s) => ({ value: s, label: t(`status.${s}`) }))]}
        />
        <SelectField
          id="filter-category"
          label={t('officer.applications.category')}
          value={category}
          onChange={setCategory}
          options={[
            { value: '', label: t('officer.applications.all') },
            ...call.data.categories.map((c) => ({ value: c.key, label: c.title })),
          ]}
        />
        <SelectField
          id="sort"
          label={t('officer.applications.sort')}
          value={sort}
          onChange={(v) => setSort(v as Sort)}
          options={SORTS.map((s) => ({ value: s, label: t(`officer.applications.sortBy.${s}`) }))}
        />
      </div>
      <p aria-live="polite">{t('officer.applications.count', { count: rows.length })}</p>
      <div className="table-wrap">
        <table className="data-table">
          <caption className="visually-hidden">{t('officer.tabs.applications')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('officer.applications.title')}</th>
              <th scope="col">{t('officer.applications.organization')}</th>
              <th scope="col">{t('officer.applications.category')}</th>
              <th scope="col">{t('officer.applications.status')}</th>
              <th scope="col" className="num">
                {t('officer.applications.requested')}
              </th>
              <th scope="col">{t('officer.applications.submittedAt')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((a) => (
              <tr key={a.id}>
                <td>
                  <Link to="/officer/applications/$applicationId" params={{ applicationId: a.id }} className="link">
                    {a.title || t('application.untitled')}
                  </Link>
                </td>
                <td>{orgName(a.leadOrganizationId)}</td>
                <td>{categoryTitle(a.category)}</td>
                <td>
                  <ApplicationStatusTag status={a.status} />
                </td>
                <td className="num">{formatEuros(a.requestedAmount ?? 0, lang)}</td>
                <td>{a.submittedAt ? formatDateTime(a.submittedAt, lang) : '–'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
