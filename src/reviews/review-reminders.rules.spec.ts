import { currentReviewReminder, reviewReminderAt, reviewReminders } from './review-reminders.rules';

const HELSINKI = 'Europe/Helsinki';

describe('reviewer reminders', () => {
  // Reviews due Friday 18.1.2019 16:00 EET (14:00 UTC).
  const due = new Date('2019-01-18T14:00:00Z');

  it('go out at 09:00 Helsinki time 3 days and 1 day before the due day', () => {
    expect(reviewReminderAt(due, HELSINKI, 3).toISOString()).toBe('2019-01-15T07:00:00.000Z');
    expect(reviewReminderAt(due, HELSINKI, 1).toISOString()).toBe('2019-01-17T07:00:00.000Z');
    expect(reviewReminders(due, HELSINKI)).toEqual([
      { daysBefore: 3, at: new Date('2019-01-15T07:00:00Z') },
      { daysBefore: 1, at: new Date('2019-01-17T07:00:00Z') },
    ]);
  });

  it('keep 09:00 local time in summer time and across its end', () => {
    // Due Tuesday 29.10.2019 12:00 EET; summer time ended on Sunday 27.10.
    const autumn = new Date('2019-10-29T10:00:00Z');
    expect(reviewReminderAt(autumn, HELSINKI, 3).toISOString()).toBe('2019-10-26T06:00:00.000Z'); // 09:00 EEST
    expect(reviewReminderAt(autumn, HELSINKI, 1).toISOString()).toBe('2019-10-28T07:00:00.000Z'); // 09:00 EET
  });

  it('count from the day before when the reviews are due at midnight ("klo 24.00")', () => {
    const midnight = new Date('2019-01-18T22:00:00Z'); // 19.1.2019 00:00 EET = 18.1.2019 klo 24.00
    expect(reviewReminderAt(midnight, HELSINKI, 1).toISOString()).toBe('2019-01-17T07:00:00.000Z');
    expect(reviewReminderAt(midnight, HELSINKI, 3).toISOString()).toBe('2019-01-15T07:00:00.000Z');
  });

  it('follow the call’s own time zone', () => {
    expect(reviewReminderAt(due, 'UTC', 1).toISOString()).toBe('2019-01-17T09:00:00.000Z');
  });

  it('skip those already in the past, and those not before the due time', () => {
    expect(reviewReminders(due, HELSINKI, new Date('2019-01-15T06:59:59Z')).map((r) => r.daysBefore)).toEqual([3, 1]);
    expect(reviewReminders(due, HELSINKI, new Date('2019-01-15T07:00:01Z')).map((r) => r.daysBefore)).toEqual([1]);
    expect(reviewReminders(due, HELSINKI, new Date('2019-01-17T12:00:00Z'))).toEqual([]);
    // Due at 08:00 on the day after: the 1-day reminder (09:00 the day before) is still before it.
    const early = new Date('2019-01-18T06:00:00Z');
    expect(reviewReminders(early, HELSINKI).map((r) => r.daysBefore)).toEqual([3, 1]);
  });

  it('send only the latest reminder whose time has come, and none once the reviews are due', () => {
    expect(currentReviewReminder(due, HELSINKI, new Date('2019-01-15T06:59:59Z'))).toBeUndefined();
    expect(currentReviewReminder(due, HELSINKI, new Date('2019-01-15T07:00:00Z'))?.daysBefore).toBe(3);
    expect(currentReviewReminder(due, HELSINKI, new Date('2019-01-16T20:00:00Z'))?.daysBefore).toBe(3);
    expect(currentReviewReminder(due, HELSINKI, new Date('2019-01-17T07:00:00Z'))?.daysBefore).toBe(1);
    expect(currentReviewReminder(due, HELSINKI, new Date('2019-01-18T13:59:59Z'))?.daysBefore).toBe(1);
    expect(currentReviewReminder(due, HELSINKI, due)).toBeUndefined();
  });
});
