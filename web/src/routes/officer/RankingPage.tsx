import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button, Heading, InlineAlert } from 'suomifi-ui-components';
import { CSV, download, XLSX } from '../../api/download';
import { formatEuros } from '../../format';
import { useLang } from '../../lang';
import { CallHead } from './CallNav';
import { ProposalSection } from './ProposalSection';
import { useOfficerCall, useRanking } from './queries';
import { formatScore } from './score';

/** The ranking per category with names, scores, spread and disagreement flags; XLSX and CSV; the proposal. */
export function RankingPage() {
  const { callId } = useParams({ strict: false }) as { callId: string };
  const { t } = useTranslation();
  const lang = useLang();
  const call = useOfficerCall(callId);
  const ranking = useRanking(callId);
  const [downloadError, setDownloadError] = useState<string | null>(null);
  if (!call.data) return <p>{call.isError ? t('errors.network') : t('common.loading')}</p>;
  const rows = ranking.data ?? [];
  const get = (accept: string, ext: string) => {
    setDownloadError(null);
    download(`/api/calls/${callId}/ranking`, accept, `ranking-${callId}.${ext}`).catch(() =>
      setDownloadError(t('officer.ranking.downloadFailed')),
    );
  };
  return (
    <>
      <CallHead call={call.data} page={t('officer.tabs.ranking')} />
      <div className="button-row">
        <Button type="button" variant="secondary" onClick={() => get(XLSX, 'xlsx')}>
          {t('officer.ranking.xlsx')}
        </Button>
        <Button type="button" variant="secondary" onClick={() => get(CSV, 'csv')}>
          {t('officer.ranking.csv')}
        </Button>
      </div>
      {downloadError && (
        <InlineAlert status="error" role="alert">
          {downloadError}
        </InlineAlert>
      )}
      {ranking.isSuccess && rows.length === 0 && <p>{t('officer.ranking.none')}</p>}
      {call.data.categories.map((c) => {
        const inCategory = rows.filter((r) => r.category === c.key).sort((a, b) => a.rank - b.rank);
        if (inCategory.length === 0) return null;
        return (
          <section key={c.key} aria-labelledby={`ranking-${c.key}`} className="section">
            <Heading variant="h2" id={`ranking-${c.key}`}>
              {c.title}
            </Heading>
            <div className="table-wrap">
              <table className="data-table">
                <caption className="visually-hidden">{t('officer.ranking.caption', { category: c.title })}</caption>
                <thead>
                  <tr>
                    <th scope="col" className="num">
                      {t('officer.ranking.rank')}
                    </th>
                    <th scope="col">{t('officer.applications.title')}</th>
                    <th scope="col">{t('officer.applications.organization')}</th>
                    <th scope="col" className="num">
                      {t('officer.ranking.score')}
                    </th>
                    <th scope="col" className="num">
                      {t('officer.ranking.normalized')}
                    </th>
                    <th scope="col" className="num">
                      {t('officer.ranking.spread')}
                    </th>
                    <th scope="col" className="num">
                      {t('officer.ranking.reviews')}
                    </th>
                    <th scope="col" className="num">
                      {t('officer.applications.requested')}
                    </th>
                    <th scope="col">{t('officer.ranking.flag')}</th>
                  </tr>
                </thead>
                <tbody>
                  {inCategory.map((r) => (
                    <tr key={r.applicationId} className={r.disagreement ? 'row-flagged' : undefined}>
                      <td className="num">{r.rank}</td>
                      <td>
                        <Link to="/officer/applications/$applicationId" params={{ applicationId: r.applicationId }} className="link">
                          {r.title}
                        </Link>
                      </td>
                      <td>{r.organizationName}</td>
                      <td className="num">{formatScore(r.score, lang)}</td>
                      <td className="num">{formatScore(r.normalizedScore, lang)}</td>
                      <td className="num">{formatScore(r.spread, lang)}</td>
                      <td className="num">{r.reviewCount}</td>
                      <td className="num">{formatEuros(r.requestedAmount, lang)}</td>
                      <td>{r.disagreement ? <span className="flag">⚠ {t('officer.ranking.disagreement')}</span> : ''}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        );
      })}
      <ProposalSection call={call.data} ranking={rows} />
    </>
  );
}
