import { describe, expect, it } from 'vitest';
import {
  dueState,
  initialScores,
  isLate,
  missingCriteria,
  progressCounts,
  refusalKey,
  reviewFieldId,
  sortAssignments,
  splitReviews,
  toScores,
} from './review-model';

const NOW = Date.parse('2026-12-04T12:00:00Z');
const CRITERIA = [
  { key: 'competence_based', maxScore: 5 },
  { key: 'partnerships', maxScore: 3 },
];

describe('dueState', () => {
  it('says none without a due date, past at and after it, soon under three days before and open before that', () => {
    expect(dueState(null, NOW)).toBe('none');
    expect(dueState(undefined, NOW)).toBe('none');
    expect(dueState('not a date', NOW)).toBe('none');
    expect(dueState('2026-12-04T12:00:00Z', NOW)).toBe('past');
    expect(dueState('2026-12-01T21:59:00Z', NOW)).toBe('past');
    expect(dueState('2026-12-04T12:00:01Z', NOW)).toBe('soon');
    expect(dueState('2026-12-07T11:59:59Z', NOW)).toBe('soon');
    expect(dueState('2026-12-07T12:00:00Z', NOW)).toBe('open');
  });

  it('counts a review late only when it is not submitted and its due date has passed', () => {
    expect(isLate('draft', '2026-12-01T00:00:00Z', NOW)).toBe(true);
    expect(isLate('not_started', '2026-12-01T00:00:00Z', NOW)).toBe(true);
    expect(isLate('submitted', '2026-12-01T00:00:00Z', NOW)).toBe(false);
    expect(isLate('draft', '2026-12-10T00:00:00Z', NOW)).toBe(false);
    expect(isLate('draft', null, NOW)).toBe(false);
  });
});

describe('the scores of a draft', () => {
  it('starts from the saved scores, leaving the criteria without one unchosen', () => {
    expect(initialScores(CRITERIA, undefined)).toEqual({ competence_based: null, partnerships: null });
    expect(initialScores(CRITERIA, { competence_based: 0, other: 4 })).toEqual({ competence_based: 0, partnerships: null });
  });

  it('lists the criteria still to score in the call’s order, 0 counting as a score', () => {
    expect(missingCriteria(CRITERIA, { competence_based: null, partnerships: null }).map((c) => c.key)).toEqual([
      'competence_based',
      'partnerships',
    ]);
    expect(missingCriteria(CRITERIA, { competence_based: 0, partnerships: 4 }).map((c) => c.key)).toEqual(['partnerships']);
    expect(missingCriteria(CRITERIA, { competence_based: 5, partnerships: 3 })).toEqual([]);
  });

  it('gives the body’s scores only when every criterion is scored', () => {
    expect(toScores(CRITERIA, { competence_based: 4, partnerships: null })).toBeNull();
    expect(toScores(CRITERIA, { competence_based: 4, partnerships: 0, stray: 2 })).toEqual({ competence_based: 4, partnerships: 0 });
  });

  it('points a problem’s scores.<key> at the criterion’s first option and other fields at themselves', () => {
    expect(reviewFieldId('scores.partnerships')).toBe('score-partnerships');
    expect(reviewFieldId('comment')).toBe('comment');
  });
});

describe('splitReviews', () => {
  const reviews = [
    { reviewerId: 'b', status: 'submitted' as const, submittedAt: '2026-12-03T10:00:00Z' },
    { reviewerId: 'me', status: 'draft' as const, submittedAt: null },
    { reviewerId: 'c', status: 'draft' as const, submittedAt: null },
    { reviewerId: 'a', status: 'submitted' as const, submittedAt: '2026-12-02T10:00:00Z' },
  ];

  it('shows nobody else’s review while one’s own is a draft or missing', () => {
    expect(splitReviews(reviews, 'me')).toEqual({ mine: reviews[1], others: [] });
    expect(splitReviews(reviews, 'nobody')).toEqual({ mine: undefined, others: [] });
  });

  it('shows the others’ submitted reviews, earliest first, once one’s own is submitted', () => {
    const submitted = reviews.map((r) => (r.reviewerId === 'me' ? { ...r, status: 'submitted' as const } : r));
    const { mine, others } = splitReviews(submitted, 'me');
    expect(mine?.reviewerId).toBe('me');
    expect(others.map((r) => r.reviewerId)).toEqual(['a', 'b']);
  });
});

describe('the assignments', () => {
  it('puts unfinished work first, the earliest due date first, drafts before untouched ones, then by title', () => {
    const rows = [
      { title: 'Valmis', reviewStatus: 'submitted' as const, dueAt: '2026-12-01T00:00:00Z' },
      { title: 'Ö myöhemmin', reviewStatus: 'not_started' as const, dueAt: '2026-12-20T00:00:00Z' },
      { title: 'Ei eräpäivää', reviewStatus: 'draft' as const, dueAt: null },
      { title: 'B aloittamatta', reviewStatus: 'not_started' as const, dueAt: '2026-12-10T00:00:00Z' },
      { title: 'A luonnos', reviewStatus: 'draft' as const, dueAt: '2026-12-10T00:00:00Z' },
      { title: 'Aa ei eräpäivää', reviewStatus: 'draft' as const, dueAt: null },
    ];
    expect(sortAssignments(rows).map((r) => r.title)).toEqual([
      'A luonnos',
      'B aloittamatta',
      'Ö myöhemmin',
      'Aa ei eräpäivää',
      'Ei eräpäivää',
      'Valmis',
    ]);
  });

  it('counts the assignments in each state', () => {
    expect(progressCounts([{ reviewStatus: 'draft' }, { reviewStatus: 'submitted' }, { reviewStatus: 'submitted' }])).toEqual({
      not_started: 0,
      draft: 1,
      submitted: 2,
    });
  });
});

describe('refusalKey', () => {
  it('says the known refusals in the reviewer’s language and leaves the rest to the server’s words', () => {
    expect(refusalKey({ status: 409, code: 'INVALID_STATE' })).toBe('reviewer.refusal.invalidState');
    expect(refusalKey({ status: 403, code: 'FORBIDDEN' })).toBe('reviewer.refusal.notAssigned');
    expect(refusalKey({ status: 404, code: 'NOT_FOUND' })).toBe('reviewer.refusal.notAssigned');
    expect(refusalKey({ status: 503 })).toBe('errors.saveFailed');
    expect(refusalKey({ status: 400, code: 'VALIDATION_FAILED' })).toBeNull();
  });
});
