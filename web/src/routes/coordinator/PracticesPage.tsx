import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Paragraph, SearchInput } from 'suomifi-ui-components';
import { SelectField } from '../../components/form/SelectField';
import { formatDateTime } from '../../format';
import { useLang } from '../../lang';
import { useOrganizations } from '../applicant/queries';
import { PARTNERSHIP_LEVELS, PRACTICE_STATUSES, type PracticeFilters } from './coordination';
import { CoordinatorHead } from './CoordinatorHead';
import { usePractices, type Practice } from './queries';

/**
 * The practice search across every project: Finnish full-text search (so "kumppanuus" finds
 * "kumppanuuksien"), best matches first, narrowed by partnership level, organisation and state.
 */
export function PracticesPage() {
  const { t } = useTranslation();
  const organizations = useOrganizations();
  const [words, setWords] = useState('');
  const [filters, setFilters] = useState<PracticeFilters>({ q: '', level: '', organizationId: '', status: '' });
  const practices = usePractices(filters);
  const set = (key: keyof PracticeFilters) => (value: string) => setFilters((f) => ({ ...f, [key]: value }));
  const all = { value: '', label: t('coordinator.practices.all') };
  const rows = practices.data ?? [];
  return (
    <>
      <CoordinatorHead title={t('coordinator.practices.title')} />
      <Paragraph className="lead">{t('coordinator.practices.intro')}</Paragraph>
      <form
        role="search"
        aria-label={t('coordinator.practices.title')}
        onSubmit={(e) => {
          e.preventDefault();
          set('q')(words);
        }}
      >
        <div className="search-row">
          <SearchInput
            id="practice-search"
            labelText={t('coordinator.practices.search')}
            searchButtonLabel={t('coordinator.practices.searchButton')}
            clearButtonLabel={t('coordinator.practices.clear')}
            visualPlaceholder={t('coordinator.practices.placeholder')}
            value={words}
            onChange={(v) => {
              setWords(v);
              // Clearing the words (the clear button or emptying the field) shows every practice again.
              if (!v.trim()) set('q')('');
            }}
            onSearch={(v) => set('q')(v)}
            fullWidth
          />
        </div>
        <div className="filters" role="group" aria-label={t('coordinator.practices.filters')}>
          <SelectField
            id="filter-level"
            label={t('coordinator.practices.level')}
            value={filters.level}
            onChange={set('level')}
            options={[all, ...PARTNERSHIP_LEVELS.map((l) => ({ value: l, label: t(`coordinator.level.${l}`) }))]}
          />
          <SelectField
            id="filter-organization"
            label={t('coordinator.practices.organization')}
            value={filters.organizationId}
            onChange={set('organizationId')}
            options={[all, ...(organizations.data ?? []).map((o) => ({ value: o.id, label: o.name }))]}
          />
          <SelectField
            id="filter-status"
            label={t('coordinator.practices.status')}
            value={filters.status}
            onChange={set('status')}
            options={[all, ...PRACTICE_STATUSES.map((s) => ({ value: s, label: t(`coordinator.practiceStatus.${s}`) }))]}
          />
        </div>
      </form>
      <p aria-live="polite" className="section">
        {practices.isPending
          ? t('common.loading')
          : practices.isError
            ? t('errors.loadFailed')
            : filters.q.trim()
              ? t('coordinator.practices.foundFor', { count: rows.length, q: filters.q.trim() })
              : t('coordinator.practices.found', { count: rows.length })}
      </p>
      <ul className="card-list">
        {rows.map((p) => (
          <PracticeCard key={p.id} practice={p} />
        ))}
      </ul>
    </>
  );
}

function PracticeCard({ practice: p }: { practice: Practice }) {
  const { t } = useTranslation();
  const lang = useLang();
  const id = `practice-${p.id}`;
  return (
    <li className="card practice-card">
      <article aria-labelledby={id}>
        <h3 id={id} className="card-title">
          {p.title}
        </h3>
        <p className="meta">
          {p.organizationName} · {t(`coordinator.level.${p.partnershipLevel}`)} · {t(`coordinator.practiceStatus.${p.status}`)} ·{' '}
          {t('coordinator.practices.updated', { time: formatDateTime(p.updatedAt, lang) })}
        </p>
        <dl>
          <dt>{t('coordinator.practices.needs')}</dt>
          <dd>{p.needs}</dd>
          <dt>{t('coordinator.practices.solution')}</dt>
          <dd>{p.solution}</dd>
          <dt>{t('coordinator.practices.results')}</dt>
          <dd>{p.results}</dd>
          {p.contacts.length > 0 && (
            <>
              <dt>{t('coordinator.practices.contacts')}</dt>
              <dd>
                {p.contacts.map((c, i) => (
                  <span key={`${c.name}-${i}`}>
                    {i > 0 && '; '}
                    {c.name}
                    {c.title && `, ${c.title}`}
                    {c.email && (
                      <>
                        {' '}
                        <a href={`mailto:${c.email}`} className="link">
                          {c.email}
                        </a>
                      </>
                    )}
                  </span>
                ))}
              </dd>
            </>
          )}
        </dl>
      </article>
    </li>
  );
}
