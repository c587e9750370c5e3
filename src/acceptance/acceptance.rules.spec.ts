import { acceptanceReminderAt, answerVerdict, freeRoom, reserveList, silenceAccepts } from './acceptance.rules';

const due = new Date('2019-02-15T22:00:00Z');
const before = new Date(due.getTime() - 1);
const funded = (status: 'pending' | 'accepted' | 'refused') => ({ outcome: 'funded', status, dueAt: due });

describe('answering a grant', () => {
  it('takes either answer while pending, before the deadline', () => {
    expect(answerVerdict(funded('pending'), 'accept', before)).toEqual({ ok: true, change: true });
    expect(answerVerdict(funded('pending'), 'refuse', before)).toEqual({ ok: true, change: true });
  });

  it('is late at the deadline instant and after, whatever was answered', () => {
    for (const status of ['pending', 'accepted', 'refused'] as const) {
      for (const answer of ['accept', 'refuse'] as const) {
        expect(answerVerdict(funded(status), answer, due)).toMatchObject({ ok: false, code: 'DEADLINE_PASSED' });
      }
    }
  });

  it('repeats the same answer without change and refuses turning one into the other', () => {
    expect(answerVerdict(funded('accepted'), 'accept', before)).toEqual({ ok: true, change: false });
    expect(answerVerdict(funded('accepted'), 'refuse', before)).toMatchObject({ ok: false, code: 'INVALID_STATE' });
    expect(answerVerdict(funded('refused'), 'accept', before)).toMatchObject({ ok: false, code: 'INVALID_STATE' });
  });

  it('has nothing to answer on a rejected or unpublished decision', () => {
    expect(answerVerdict({ outcome: 'rejected', status: 'pending', dueAt: null }, 'accept', before)).toMatchObject({
      code: 'INVALID_STATE',
    });
    expect(answerVerdict({ outcome: 'funded', status: 'pending', dueAt: null }, 'accept', before)).toMatchObject({ code: 'INVALID_STATE' });
  });
});

describe('silence', () => {
  it('accepts a pending grant from the deadline instant on, nothing else', () => {
    expect(silenceAccepts({ status: 'pending', dueAt: due }, before)).toBe(false);
    expect(silenceAccepts({ status: 'pending', dueAt: due }, due)).toBe(true);
    expect(silenceAccepts({ status: 'refused', dueAt: due }, due)).toBe(false);
    expect(silenceAccepts({ status: 'accepted', dueAt: due }, due)).toBe(false);
    expect(silenceAccepts({ status: 'pending', dueAt: null }, due)).toBe(false);
  });

  it('reminds three days before, unless that was before the notification', () => {
    expect(acceptanceReminderAt(due, new Date('2019-02-01T10:00:00Z'))).toEqual(new Date('2019-02-12T22:00:00Z'));
    expect(acceptanceReminderAt(due, new Date('2019-02-13T10:00:00Z'))).toBeUndefined();
  });
});

describe('the reserve', () => {
  const caps = {
    maxFunded: new Map([
      ['network', 2],
      ['coordination', 1],
    ]),
    totalBudget: 1_000,
  };

  it('frees the room of what is granted, counting each grant once', () => {
    const room = freeRoom(caps, [
      { category: 'network', grantedAmount: 300 },
      { category: 'coordination', grantedAmount: 100 },
    ]);
    expect(room).toEqual({
      slots: new Map([
        ['network', 1],
        ['coordination', 0],
      ]),
      budget: 600,
    });
  });

  it('keeps the ranking order and lists only the unfunded, not refused, that fit a free slot and the budget', () => {
    const c = (
      applicationId: string,
      category: string,
      requestedAmount: number,
      extra: Partial<{ funded: boolean; refused: boolean }> = {},
    ) => ({
      applicationId,
      category,
      requestedAmount,
      funded: false,
      refused: false,
      ...extra,
    });
    const ranked = [
      c('funded', 'network', 300, { funded: true }),
      c('refused', 'network', 100, { refused: true }),
      c('second', 'network', 600),
      c('first', 'network', 200),
      c('too-big', 'network', 601),
      c('full-category', 'coordination', 50),
    ];
    const room = {
      slots: new Map([
        ['network', 1],
        ['coordination', 0],
      ]),
      budget: 600,
    };
    expect(reserveList(ranked, room).map((r) => r.applicationId)).toEqual(['second', 'first']);
    expect(reserveList(ranked, { slots: new Map([['network', 0]]), budget: 600 })).toEqual([]);
  });
});
