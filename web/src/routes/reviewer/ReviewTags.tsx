import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format';
import { useLang } from '../../lang';
import { dueState, type ReviewStatus } from './review-model';
import './reviewer.css';

/** A review's progress as a tag: not started, draft or submitted. */
export function ReviewStatusTag({ status }: { status: ReviewStatus }) {
  const { t } = useTranslation();
  return <span className={`status-tag review-${status}`}>{t(`reviewer.status.${status}`)}</span>;
}

/** When the call's reviews are due, in Helsinki time; a date gone by is said so in words, not only in colour. */
export function DueDate({ dueAt, status }: { dueAt: string | null | undefined; status: ReviewStatus }) {
  const { t } = useTranslation();
  const lang = useLang();
  const state = dueState(dueAt, Date.now());
  if (!dueAt || state === 'none') return <span>{t('reviewer.due.none')}</span>;
  const time = formatDateTime(dueAt, lang);
  if (state === 'past' && status !== 'submitted')
    return (
      <span className="due-late">
        <span className="status-tag review-late">{t('reviewer.due.lateTag')}</span> {t('reviewer.due.was', { time })}
      </span>
    );
  if (state === 'past') return <span>{t('reviewer.due.was', { time })}</span>;
  return <span className={state === 'soon' && status !== 'submitted' ? 'due-soon' : undefined}>{t('reviewer.due.by', { time })}</span>;
}
