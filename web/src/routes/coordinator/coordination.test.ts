import { describe, expect, it } from 'vitest';
import { awaitsReview, byDueDate, coordinatedCalls, isOverdue, isReportType, practiceQuery, reviewError } from './coordination';

describe('coordinatedCalls', () => {
  it('groups the projects by call with their count and granted money, in the order met', () => {
    expect(
      coordinatedCalls([
        { id: 'p1', callId: 'b', grantedAmount: 50_000_000 },
        { id: 'p2', callId: 'a', grantedAmount: 10_000 },
        { id: 'p3', callId: 'b', grantedAmount: 25_000_050 },
      ]),
    ).toEqual([
      { callId: 'b', projects: 2, grantedAmount: 75_000_050 },
      { callId: 'a', projects: 1, grantedAmount: 10_000 },
    ]);
    expect(coordinatedCalls([])).toEqual([]);
  });
});

describe('reports', () => {
  const now = Date.parse('2019-06-01T12:00:00Z');

  it('counts a due or returned report past its date as overdue, a submitted or accepted one never', () => {
    expect(isOverdue({ type: 'interim', status: 'due', dueAt: '2019-05-31T20:59:59Z' }, now)).toBe(true);
    expect(isOverdue({ type: 'interim', status: 'returned', dueAt: '2019-05-31T20:59:59Z' }, now)).toBe(true);
    expect(isOverdue({ type: 'interim', status: 'due', dueAt: '2019-06-30T20:59:59Z' }, now)).toBe(false);
    expect(isOverdue({ type: 'interim', status: 'overdue', dueAt: '2019-06-30T20:59:59Z' }, now)).toBe(true);
    expect(isOverdue({ type: 'final', status: 'submitted', dueAt: '2019-01-01T00:00:00Z' }, now)).toBe(false);
    expect(isOverdue({ type: 'final', status: 'accepted', dueAt: '2019-01-01T00:00:00Z' }, now)).toBe(false);
  });

  it('waits for the coordinator only on a submitted report', () => {
    expect(awaitsReview({ status: 'submitted' })).toBe(true);
    expect(['due', 'accepted', 'returned', 'overdue'].map((s) => awaitsReview({ status: s as 'due' }))).toEqual([
      false,
      false,
      false,
      false,
    ]);
  });

  it('orders reports by due date, the interim first on the same day', () => {
    const sorted = byDueDate([
      { type: 'final', status: 'due' as const, dueAt: '2020-12-31T21:59:59Z' },
      { type: 'final', status: 'due' as const, dueAt: '2019-12-31T21:59:59Z' },
      { type: 'interim', status: 'due' as const, dueAt: '2019-12-31T21:59:59Z' },
    ]);
    expect(sorted.map((r) => `${r.type} ${r.dueAt.slice(0, 4)}`)).toEqual(['interim 2019', 'final 2019', 'final 2020']);
  });

  it('knows the report types of the path', () => {
    expect(isReportType('interim')).toBe(true);
    expect(isReportType('final')).toBe(true);
    expect(isReportType('annual')).toBe(false);
  });

  it('asks for a comment when a report is returned, not when it is accepted', () => {
    expect(reviewError('returned', '  ')).toBe('commentRequired');
    expect(reviewError('returned', 'Lisää tulokset.')).toBeNull();
    expect(reviewError('accepted', '')).toBeNull();
  });
});

describe('practiceQuery', () => {
  it('leaves out empty filters and trims the words', () => {
    expect(practiceQuery({ q: '  strateginen   kumppanuus ', level: '', organizationId: '', status: '' })).toEqual({
      q: 'strateginen kumppanuus',
      limit: 50,
    });
  });

  it('passes a known level and status and the organisation', () => {
    expect(practiceQuery({ q: '', level: 'strategic', organizationId: 'org-1', status: 'completed' }, 20)).toEqual({
      level: 'strategic',
      status: 'completed',
      organizationId: 'org-1',
      limit: 20,
    });
  });

  it('drops a level or status the API does not know instead of sending a 400', () => {
    expect(practiceQuery({ q: '', level: 'cosmic', organizationId: '', status: 'paused' })).toEqual({ limit: 50 });
  });
});
