import type { Lang } from '../../format';
import { locale } from '../../format';

/** A 0–100 score with one decimal the Finnish way (`72,5`), or a dash without one. */
export function formatScore(score: number | null | undefined, lang: Lang): string {
  return score === null || score === undefined
    ? '–'
    : new Intl.NumberFormat(locale(lang), { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(score);
}
