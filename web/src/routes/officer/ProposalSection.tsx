import { useTranslation } from 'react-i18next';
import { Heading, InlineAlert } from 'suomifi-ui-components';
import type { OfficerCall, RankingRow } from '../../api/types';
import { formatEuros, locale } from '../../format';
import { useLang } from '../../lang';
import { useProposal } from './queries';
import { formatScore } from './score';

/** The funding proposal: what the caps and the budget allow at most, each application's reason in words. */
export function ProposalSection({ call, ranking }: { call: OfficerCall; ranking: RankingRow[] }) {
  const { t } = useTranslation();
  const lang = useLang();
  const proposal = useProposal(call.id);
  const p = proposal.data;
  const row = (id: string) => ranking.find((r) => r.applicationId === id);
  const categoryTitle = (key: string | undefined) => call.categories.find((c) => c.key === key)?.title ?? key ?? '';
  const gap = (value: number) => new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 3 }).format(value);
  return (
    <section aria-labelledby="proposal-heading" className="section">
      <Heading variant="h2" id="proposal-heading">
        {t('officer.proposal.title')}
      </Heading>
      {proposal.isError && <p>{t('errors.network')}</p>}
      {p && (
        <>
          <p>
            {t('officer.proposal.summary', {
              count: p.selected.length,
              total: formatEuros(p.totalGranted, lang),
              budget: formatEuros(call.totalBudget, lang),
              score: formatScore(p.totalScore, lang),
            })}
          </p>
          {p.optimal ? (
            <p>{t('officer.proposal.optimal')}</p>
          ) : (
            <InlineAlert status="warning">
              {t('officer.proposal.notOptimal')}
              {p.gapPercent !== undefined && <> {t('officer.proposal.gap', { gap: gap(p.gapPercent) })}</>}
              {p.upperBound !== undefined && <> {t('officer.proposal.upperBound', { bound: formatScore(p.upperBound, lang) })}</>}
            </InlineAlert>
          )}
          <ul className="card-list">
            {p.explanation.map((line) => {
              const r = row(line.applicationId);
              return (
                <li key={line.applicationId} className={line.selected ? 'card card-selected' : 'card'}>
                  <p className="card-title">
                    {line.selected ? '✓ ' : '– '}
                    {r?.title ?? line.applicationId}
                    {r && <> · {r.organizationName}</>}
                  </p>
                  <p className="meta">
                    {categoryTitle(r?.category)} · {t(`officer.proposal.reason.${line.reason}`)}
                  </p>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
