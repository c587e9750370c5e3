import fc from 'fast-check';
import { planAssignments, scoreErrors, weightedScore } from './review.rules';

const criteria = [
  { key: 'competence_based', weight: 3, maxScore: 5 },
  { key: 'customers', weight: 2, maxScore: 5 },
  { key: 'partnerships', weight: 2, maxScore: 10 },
];

describe('review scores', () => {
  it('accepts every criterion scored within its range', () => {
    expect(scoreErrors({ competence_based: 0, customers: 5, partnerships: 10 }, criteria)).toEqual([]);
  });

  it('names unknown, missing, fractional and out-of-range scores', () => {
    const errors = scoreErrors({ competence_based: 6, customers: 2.5, bogus: 1 }, criteria);
    expect(errors.map((e) => e.field)).toEqual(['scores.bogus', 'scores.competence_based', 'scores.customers', 'scores.partnerships']);
  });

  it('weights each criterion by weight × score / maxScore on a 0–100 scale', () => {
    // (3·4/5 + 2·3/5 + 2·7/10) / 7 × 100 = (2.4 + 1.2 + 1.4) / 7 × 100 = 71.428…
    expect(weightedScore({ competence_based: 4, customers: 3, partnerships: 7 }, criteria)).toBeCloseTo(71.4286, 4);
    expect(weightedScore({ competence_based: 5, customers: 5, partnerships: 10 }, criteria)).toBe(100);
    expect(weightedScore({ competence_based: 0, customers: 0, partnerships: 0 }, criteria)).toBe(0);
  });
});

describe('automatic assignment', () => {
  it('never assigns a reviewer of the lead or a member organisation, nor a conflicted one', () => {
    const plan = planAssignments({
      applications: [
        { id: 'a1', organizationIds: ['orgA', 'orgB'] },
        { id: 'a2', organizationIds: ['orgC'] },
      ],
      reviewers: [
        { id: 'r1', organizationId: 'orgA' },
        { id: 'r2', organizationId: 'oph' },
        { id: 'r3', organizationId: 'oph' },
        { id: 'r4', organizationId: 'orgB' },
      ],
      existing: [],
      conflicts: [{ applicationId: 'a2', reviewerId: 'r2' }],
      perApplication: 2,
    });
    expect(plan).toContainEqual({ applicationId: 'a1', reviewerId: 'r2' });
    expect(plan).toContainEqual({ applicationId: 'a1', reviewerId: 'r3' });
    expect(
      plan
        .filter((p) => p.applicationId === 'a2')
        .map((p) => p.reviewerId)
        .sort(),
    ).toEqual(['r1', 'r4']);
  });

  it('keeps existing assignments and fills only what is missing', () => {
    const plan = planAssignments({
      applications: [{ id: 'a1', organizationIds: [] }],
      reviewers: ['r1', 'r2', 'r3'].map((id) => ({ id, organizationId: 'oph' })),
      existing: [{ applicationId: 'a1', reviewerId: 'r3' }],
      conflicts: [],
      perApplication: 2,
    });
    expect(plan).toEqual([{ applicationId: 'a1', reviewerId: 'r1' }]);
  });

  it('balances loads within one when nothing excludes anyone, and never assigns twice', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 1, max: 8 }),
        fc.integer({ min: 1, max: 4 }),
        (apps, reviewers, per) => {
          const plan = planAssignments({
            applications: Array.from({ length: apps }, (_, i) => ({ id: `a${String(i).padStart(2, '0')}`, organizationIds: [`org${i}`] })),
            reviewers: Array.from({ length: reviewers }, (_, i) => ({ id: `r${i}`, organizationId: 'oph' })),
            existing: [],
            conflicts: [],
            perApplication: per,
          });
          const loads = Array.from({ length: reviewers }, (_, i) => plan.filter((p) => p.reviewerId === `r${i}`).length);
          expect(Math.max(...loads) - Math.min(...loads)).toBeLessThanOrEqual(1);
          expect(plan).toHaveLength(apps * Math.min(per, reviewers));
          expect(new Set(plan.map((p) => `${p.applicationId}/${p.reviewerId}`)).size).toBe(plan.length);
        },
      ),
      { numRuns: 200 },
    );
  });
});
