import { acceptanceDeadline, caseNumber, paymentPlanErrors, paymentSchedule } from './decision.rules';

describe('payment schedule', () => {
  it('splits 60/40 to the cent, the last instalment taking the remainder', () => {
    expect(
      paymentSchedule(25_000_001, [
        { share: 60, trigger: 'acceptance' },
        { share: 40, trigger: 'interim_report_accepted' },
      ]).map((i) => i.amount),
    ).toEqual([15_000_000, 10_000_001]);
  });

  it('splits thirds so that the instalments sum to the grant exactly', () => {
    const plan = [
      { share: 33.33, trigger: 'acceptance' as const },
      { share: 33.33, trigger: 'interim_report_accepted' as const },
      { share: 33.34, trigger: 'final_report_accepted' as const },
    ];
    const schedule = paymentSchedule(100_00, plan);
    expect(schedule.map((i) => i.amount)).toEqual([33_33, 33_33, 33_34]);
    for (const granted of [1, 7, 99, 12_345_679, 400_000_000, Number.MAX_SAFE_INTEGER]) {
      const s = paymentSchedule(granted, plan);
      expect(s.reduce((sum, i) => BigInt(sum) + BigInt(i.amount), 0n)).toBe(BigInt(granted));
      expect(s.every((i) => Number.isInteger(i.amount) && i.amount >= 0)).toBe(true);
    }
    expect(paymentSchedule(1, plan).map((i) => i.amount)).toEqual([0, 0, 1]);
  });

  it('is one instalment of the whole grant by default', () => {
    expect(paymentSchedule(30_000_000, [{ share: 100, trigger: 'acceptance' }])).toEqual([
      { number: 1, share: 100, trigger: 'acceptance', amount: 30_000_000 },
    ]);
  });

  it('refuses shares that do not sum to 100, naming paymentPlan', () => {
    expect(paymentPlanErrors([{ share: 60, trigger: 'acceptance' }])).toEqual([
      { field: 'paymentPlan', message: expect.stringContaining('sum to 60') },
    ]);
    expect(
      paymentPlanErrors([
        { share: 33.33, trigger: 'acceptance' },
        { share: 33.33, trigger: 'acceptance' },
        { share: 33.33, trigger: 'acceptance' },
      ]),
    ).toHaveLength(1);
    expect(
      paymentPlanErrors([
        { share: 0.1, trigger: 'acceptance' },
        { share: 99.9, trigger: 'final_report_accepted' },
      ]),
    ).toEqual([]);
    expect(paymentPlanErrors(undefined)).toEqual([]);
  });
});

describe('case numbers', () => {
  it('put the running number, padded to three digits, after the prefix', () => {
    expect(caseNumber('OKM/2018/', 7, 2018)).toBe('OKM/2018/007');
    expect(caseNumber('OKM-18', 12, 2018)).toBe('OKM-18-012');
    expect(caseNumber('VN/1234/2018-', 1234, 2018)).toBe('VN/1234/2018-1234');
  });

  it('use AVUSTUS/<year>/ when the call has no prefix', () => {
    expect(caseNumber(null, 1, 2019)).toBe('AVUSTUS/2019/001');
  });
});

describe('acceptance deadline', () => {
  it('ends with the day that is acceptanceDays after the day of notification, in the call’s zone', () => {
    // Notified 10.12.2018 at 14.05 Helsinki time: 14 days → the last day is 24.12.2018, late from 25.12 00.00.
    const d = acceptanceDeadline(new Date('2018-12-10T12:05:00Z'), 14, 'Europe/Helsinki');
    expect(d.lastDay).toBe('2018-12-24');
    expect(d.endsAt.toISOString()).toBe('2018-12-24T22:00:00.000Z');
  });

  it('counts the Helsinki calendar day even when UTC has another date', () => {
    // 23.30 UTC on 9.12 is already 10.12 at 01.30 in Helsinki.
    expect(acceptanceDeadline(new Date('2018-12-09T23:30:00Z'), 14, 'Europe/Helsinki').lastDay).toBe('2018-12-24');
  });

  it('keeps local midnight across a daylight-saving change', () => {
    // Notified 20.3.2019; 14 days later is 3.4.2019, after Finland moved to UTC+3 on 31.3.
    const d = acceptanceDeadline(new Date('2019-03-20T10:00:00Z'), 14, 'Europe/Helsinki');
    expect(d.lastDay).toBe('2019-04-03');
    expect(d.endsAt.toISOString()).toBe('2019-04-03T21:00:00.000Z');
  });
});
