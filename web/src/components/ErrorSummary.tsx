import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

export interface SummaryItem {
  field: string;
  text: string;
}

/**
 * The errors of a form at its top, each a link to its field; it takes the focus when it
 * appears so that the applicant hears how many things to fix. `title` words it for another form
 * than the application (a review).
 */
export function ErrorSummary({ items, focusKey, title }: { items: SummaryItem[]; focusKey: number; title?: string }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (items.length > 0) ref.current?.focus();
    // Focus again on every new attempt (focusKey), not on each change of the list.
  }, [focusKey]);
  if (items.length === 0) return null;
  return (
    <div className="error-summary" role="region" aria-labelledby="error-summary-heading">
      <h2 id="error-summary-heading" ref={ref} tabIndex={-1}>
        {title ?? t('errors.summary', { count: items.length })}
      </h2>
      <ul>
        {items.map((item) => (
          <li key={item.field}>
            <a
              href={`#${item.field}`}
              onClick={(e) => {
                e.preventDefault();
                const el = document.getElementById(item.field);
                el?.focus();
                el?.scrollIntoView?.({ block: 'center' });
              }}
            >
              {item.text}
            </a>
          </li>
        ))}
      </ul>
    </div>
  );
}
