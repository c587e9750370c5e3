import { callPhase, callShapeErrors, reminderAt, remindersFor } from './call.rules';

const base = {
  status: 'published' as const,
  opensAt: new Date('2018-10-22T06:00:00Z'),
  closesAt: new Date('2018-11-21T21:59:59Z'),
  closedAt: null,
  decidedAt: null,
};

describe('call phase', () => {
  it('is draft until published, whatever the time', () => {
    expect(callPhase({ ...base, status: 'draft' }, new Date('2018-11-01T00:00:00Z'))).toBe('draft');
  });

  it('moves upcoming → open at opensAt → closed at closesAt exactly', () => {
    expect(callPhase(base, new Date('2018-10-22T05:59:59.999Z'))).toBe('upcoming');
    expect(callPhase(base, new Date('2018-10-22T06:00:00Z'))).toBe('open');
    expect(callPhase(base, new Date('2018-11-21T21:59:58.999Z'))).toBe('open');
    expect(callPhase(base, new Date('2018-11-21T21:59:59Z'))).toBe('closed');
  });

  it('is closed once the closing job has run and decided once decisions are published', () => {
    expect(callPhase({ ...base, closedAt: new Date('2018-11-21T22:00:00Z') }, new Date('2018-11-21T22:00:00Z'))).toBe('closed');
    expect(callPhase({ ...base, closedAt: new Date(), decidedAt: new Date() }, new Date('2019-01-01T00:00:00Z'))).toBe('decided');
  });
});

describe('reminders', () => {
  it('go out at 09:00 Helsinki time 7 and 1 days before the closing day', () => {
    const closes = new Date('2018-11-21T21:59:59Z'); // 21.11.2018 23:59:59 EET
    expect(reminderAt(closes, 'Europe/Helsinki', 7).toISOString()).toBe('2018-11-14T07:00:00.000Z');
    expect(reminderAt(closes, 'Europe/Helsinki', 1).toISOString()).toBe('2018-11-20T07:00:00.000Z');
  });

  it('keep local time across the change from summer time', () => {
    const closes = new Date('2019-10-29T10:00:00Z'); // Tuesday 29.10.2019 12:00 EET; DST ended 27.10
    expect(reminderAt(closes, 'Europe/Helsinki', 7).toISOString()).toBe('2019-10-22T06:00:00.000Z'); // 09:00 EEST
  });

  it('fall on weekends too', () => {
    const closes = new Date('2019-12-13T15:00:00Z'); // Friday 13.12.2019
    const at = reminderAt(closes, 'Europe/Helsinki', 7);
    expect(at.toISOString()).toBe('2019-12-06T07:00:00.000Z'); // Friday: Independence Day, still sent
    expect(reminderAt(new Date('2019-12-16T10:00:00Z'), 'Europe/Helsinki', 1).getUTCDay()).toBe(0); // Sunday
  });

  it('are skipped when their time was already past at publication', () => {
    const closes = new Date('2018-11-21T21:59:59Z');
    expect(remindersFor(closes, 'Europe/Helsinki', new Date('2018-11-01T00:00:00Z')).map((r) => r.daysBefore)).toEqual([7, 1]);
    expect(remindersFor(closes, 'Europe/Helsinki', new Date('2018-11-18T00:00:00Z')).map((r) => r.daysBefore)).toEqual([1]);
    expect(remindersFor(closes, 'Europe/Helsinki', new Date('2018-11-21T12:00:00Z'))).toEqual([]);
  });
});

describe('call shape', () => {
  it('names duplicate category and criterion keys and a closing before opening', () => {
    const errors = callShapeErrors({
      opensAt: '2018-11-22T00:00:00Z',
      closesAt: '2018-11-21T00:00:00Z',
      categories: [{ key: 'a' }, { key: 'a' }],
      criteria: [{ key: 'x' }, { key: 'y' }, { key: 'x' }],
      reportsDue: [{ type: 'final' }, { type: 'final' }],
    });
    expect(errors.map((e) => e.field)).toEqual(['categories.1.key', 'criteria.2.key', 'reportsDue.1.key', 'closesAt']);
  });

  it('accepts a well-formed call', () => {
    expect(
      callShapeErrors({
        opensAt: '2018-10-22T00:00:00Z',
        closesAt: '2018-11-21T00:00:00Z',
        categories: [{ key: 'a' }],
        criteria: [{ key: 'x' }],
      }),
    ).toEqual([]);
  });
});
