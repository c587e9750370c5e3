import { DateTime } from 'luxon';
import type { FieldError } from '../common/problem';
import type { CallPhase } from './dto/call.dto';

/** Days before closing on which organisations with unsubmitted drafts are reminded. */
export const REMINDER_DAYS = [7, 1] as const;
/** Local time of day at which reminders go out, in the call's time zone. */
export const REMINDER_HOUR = 9;

export interface CallFacts {
  status: 'draft' | 'published';
  opensAt: Date;
  closesAt: Date;
  closedAt: Date | null;
  decidedAt: Date | null;
}

/** The phase of a call at `now` (which must come from the database clock). */
export function callPhase(call: CallFacts, now: Date): CallPhase {
  if (call.status === 'draft') return 'draft';
  if (call.decidedAt) return 'decided';
  if (call.closedAt || now.getTime() >= call.closesAt.getTime()) return 'closed';
  if (now.getTime() < call.opensAt.getTime()) return 'upcoming';
  return 'open';
}

/**
 * When the "N days before closing" reminder goes out: REMINDER_HOUR local time on the calendar day
 * N days before the closing day, in the call's time zone (so daylight-saving changes in between
 * do not shift it), on whatever day of the week that is.
 */
export function reminderAt(closesAt: Date, zone: string, daysBefore: number): Date {
  return DateTime.fromJSDate(closesAt, { zone }).startOf('day').minus({ days: daysBefore }).set({ hour: REMINDER_HOUR }).toJSDate();
}

/** Which reminders a call gets: those whose time falls after publication and before closing. */
export function remindersFor(closesAt: Date, zone: string, publishedAt: Date): { daysBefore: number; at: Date }[] {
  return REMINDER_DAYS.map((daysBefore) => ({ daysBefore, at: reminderAt(closesAt, zone, daysBefore) })).filter(
    (r) => r.at.getTime() >= publishedAt.getTime() && r.at.getTime() < closesAt.getTime(),
  );
}

interface Keyed {
  key: string;
}

function duplicates(items: Keyed[] | undefined, field: string): FieldError[] {
  if (!items) return [];
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  items.forEach((item, i) => {
    if (seen.has(item.key)) errors.push({ field: `${field}.${i}.key`, message: `duplicate key ${item.key}` });
    seen.add(item.key);
  });
  return errors;
}

/** Rules across fields of a call that field validation cannot express. */
export function callShapeErrors(call: {
  opensAt?: string | Date;
  closesAt?: string | Date;
  categories?: Keyed[];
  criteria?: Keyed[];
  reportsDue?: { type: string }[];
}): FieldError[] {
  const errors = [...duplicates(call.categories, 'categories'), ...duplicates(call.criteria, 'criteria')];
  if (call.reportsDue)
    errors.push(
      ...duplicates(
        call.reportsDue.map((r) => ({ key: r.type })),
        'reportsDue',
      ),
    );
  if (call.opensAt && call.closesAt && new Date(call.closesAt).getTime() <= new Date(call.opensAt).getTime()) {
    errors.push({ field: 'closesAt', message: 'closesAt must be after opensAt' });
  }
  return errors;
}
