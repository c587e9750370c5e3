import { DateTime } from 'luxon';
import { REMINDER_HOUR } from '../calls/call.rules';

/** Days before a call's `reviewsDueAt` on which reviewers with unsubmitted reviews are reminded. */
export const REVIEW_REMINDER_DAYS = [3, 1] as const;

export interface ReviewReminder {
  daysBefore: number;
  at: Date;
}

/**
 * When the "N days before the reviews are due" reminder goes out: REMINDER_HOUR (09:00) local
 * time, in the call's time zone, on the calendar day N days before the due day. A due time at
 * local midnight is the end of the day before, as the ministry writes it ("18.1.2027 klo 24.00"),
 * so its reminders count back from that day, not from the next one.
 */
export function reviewReminderAt(dueAt: Date, zone: string, daysBefore: number): Date {
  const local = DateTime.fromJSDate(dueAt, { zone });
  const dueDay = local.equals(local.startOf('day')) ? local.minus({ days: 1 }) : local;
  return dueDay.startOf('day').minus({ days: daysBefore }).set({ hour: REMINDER_HOUR }).toJSDate();
}

/**
 * The reminders for reviews due at `dueAt` that fall before it and, when `from` is given, not before
 * `from` (those already in the past are skipped when scheduling). Ordered earliest first.
 */
export function reviewReminders(dueAt: Date, zone: string, from?: Date): ReviewReminder[] {
  return REVIEW_REMINDER_DAYS.map((daysBefore) => ({ daysBefore, at: reviewReminderAt(dueAt, zone, daysBefore) })).filter(
    (r) => r.at.getTime() < dueAt.getTime() && (from === undefined || r.at.getTime() >= from.getTime()),
  );
}

/**
 * The one reminder that is due at `now`: the latest whose time has come, while the reviews are not
 * yet due. A reminder whose job ran late, after the next one's time, is superseded by that one, so a
 * reviewer never gets the 3-day and the 1-day reminder at once.
 */
export function currentReviewReminder(dueAt: Date, zone: string, now: Date): ReviewReminder | undefined {
  if (now.getTime() >= dueAt.getTime()) return undefined;
  return reviewReminders(dueAt, zone)
    .filter((r) => r.at.getTime() <= now.getTime())
    .sort((a, b) => b.at.getTime() - a.at.getTime())[0];
}
