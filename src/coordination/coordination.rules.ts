import { reminderAt } from '../calls/call.rules';

/** Days before a report's due date on which its lead organisation is reminded. */
export const REPORT_REMINDER_DAYS = [14, 3] as const;

/** Reminders for a report due at `dueAt`, in the call's time zone, that are still ahead of `from`. */
export function reportReminders(dueAt: Date, zone: string): { daysBefore: number; at: Date }[] {
  return REPORT_REMINDER_DAYS.map((daysBefore) => ({ daysBefore, at: reminderAt(dueAt, zone, daysBefore) })).filter(
    (r) => r.at.getTime() < dueAt.getTime(),
  );
}

/**
 * A tsquery (for to_tsquery('finnish', …)) that finds inflected Finnish forms: the snowball
 * stemmer leaves "kumppanuus" and "kumppanuuksia" different, so each longer word also matches as a
 * prefix without its last two letters ("kumppanu:*"), or without "-nen" for the -nen words that
 * inflect as -se- ("strateginen" → "strategi:*" finds "strategisessa"). Words are ANDed; anything
 * but letters and digits is dropped, so the result is always a valid query. Null for an empty search.
 */
export function finnishSearchQuery(text: string): string | null {
  const words = (text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []).slice(0, 12);
  if (words.length === 0) return null;
  return words.map((w) => (w.length >= 7 ? `(${w} | ${w.slice(0, w.endsWith('nen') ? -3 : -2)}:*)` : `${w}:*`)).join(' & ');
}
