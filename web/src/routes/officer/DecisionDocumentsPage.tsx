import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { InlineAlert } from 'suomifi-ui-components';
import { api, unwrap } from '../../api/client';
import { formatDateTime } from '../../format';
import { useLang } from '../../lang';
import { DocumentDownloads } from '../applicant/DecisionSection';
import { useApplications, useOrganizations } from '../applicant/queries';
import { CallHead } from './CallNav';
import { useOfficerCall } from './queries';
import './documents.css';

/** The call's issued decision documents, every version, by case number: what each is, its hash, and its PDF and HTML. */
export function DecisionDocumentsPage() {
  const { callId } = useParams({ strict: false }) as { callId: string };
  const { t } = useTranslation();
  const lang = useLang();
  const call = useOfficerCall(callId);
  const documents = useQuery({
    queryKey: ['call-decision-documents', callId],
    queryFn: () => unwrap(api.GET('/api/calls/{id}/decision-documents', { params: { path: { id: callId } } })),
  });
  const applications = useApplications(callId);
  const organizations = useOrganizations();
  if (!call.data) return <p>{call.isError ? t('errors.network') : t('common.loading')}</p>;
  const application = (id: string) => applications.data?.find((a) => a.id === id);
  const orgName = (id: string | undefined) => (id && organizations.data?.find((o) => o.id === id)?.name) || '…';
  const rows = documents.data ?? [];
  return (
    <>
      <CallHead call={call.data} page={t('officer.tabs.documents')} />
      <p>{t('officer.documents.intro')}</p>
      {documents.isError ? (
        <InlineAlert status="error">{t('errors.loadFailed')}</InlineAlert>
      ) : !documents.data ? (
        <p>{t('common.loading')}</p>
      ) : rows.length === 0 ? (
        <p>{t('officer.documents.none')}</p>
      ) : (
        <>
          <p>{t('officer.documents.count', { count: rows.length })}</p>
          <div className="table-wrap">
            <table className="data-table">
              <caption className="visually-hidden">{t('officer.documents.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('officer.documents.caseNumber')}</th>
                  <th scope="col">{t('officer.applications.title')}</th>
                  <th scope="col">{t('officer.applications.organization')}</th>
                  <th scope="col">{t('officer.documents.language')}</th>
                  <th scope="col" className="num">
                    {t('officer.documents.version')}
                  </th>
                  <th scope="col">{t('officer.documents.issued')}</th>
                  <th scope="col">{t('officer.documents.sha256')}</th>
                  <th scope="col">{t('officer.documents.download')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((doc) => {
                  const app = application(doc.applicationId);
                  const title = app ? app.title || t('application.untitled') : '…';
                  return (
                    <tr key={doc.id}>
                      <td className="nowrap">{doc.caseNumber}</td>
                      <td>
                        <Link to="/officer/applications/$applicationId" params={{ applicationId: doc.applicationId }} className="link">
                          {title}
                        </Link>
                        {doc.correctionReason && (
                          <div className="meta">{t('officer.documents.correction', { reason: doc.correctionReason })}</div>
                        )}
                      </td>
                      <td>{orgName(app?.leadOrganizationId)}</td>
                      <td>{t(`officer.documents.languages.${doc.language}`)}</td>
                      <td className="num">{doc.version}</td>
                      <td className="nowrap">{formatDateTime(doc.createdAt, lang)}</td>
                      <td>
                        <code className="hash" title={doc.sha256}>
                          <span aria-hidden="true">{doc.sha256.slice(0, 12)}…</span>
                          <span className="visually-hidden">{t('officer.documents.hashStart', { hash: doc.sha256.slice(0, 12) })}</span>
                        </code>
                      </td>
                      <td>
                        <DocumentDownloads
                          compact
                          doc={doc}
                          label={t('officer.documents.label', { caseNumber: doc.caseNumber, version: doc.version, title })}
                        />
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
