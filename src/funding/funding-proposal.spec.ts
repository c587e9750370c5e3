import fc from 'fast-check';
import { FundingProposal, ProposalCandidate, ProposalInput, ProposalReason, proposeFunding } from './funding-proposal';

const EUR = 100; // cents
const T0 = Date.parse('2025-03-01T12:00:00Z');

function app(
  applicationId: string,
  category: string,
  score: number,
  requestedEuros: number,
  extra: Partial<ProposalCandidate> = {},
): ProposalCandidate {
  return {
    applicationId,
    category,
    score,
    requestedAmount: requestedEuros * EUR,
    reviewCount: 3,
    submittedAt: new Date(T0),
    ...extra,
  };
}

function reasons(result: FundingProposal): Record<string, ProposalReason> {
  return Object.fromEntries(result.explanation.map((line) => [line.applicationId, line.reason]));
}

function line(result: FundingProposal, id: string) {
  const found = result.explanation.find((l) => l.applicationId === id);
  if (!found) throw new Error(`no explanation for ${id}`);
  return found;
}

describe('proposeFunding', () => {
  it('solves the real call shape: 7 network projects + 2 coordination, 4 M€, caps 6 and 1', () => {
    const input: ProposalInput = {
      totalBudget: 400_000_000,
      requiredReviews: 3,
      categories: [
        { key: 'network_project', maxFunded: 6 },
        { key: 'coordination', maxFunded: 1 },
      ],
      candidates: [
        app('N1', 'network_project', 91.5, 700_000),
        app('N2', 'network_project', 89, 650_000),
        app('N3', 'network_project', 87.25, 600_000),
        app('N4', 'network_project', 85, 720_000),
        app('N5', 'network_project', 82.5, 500_000),
        app('N6', 'network_project', 80, 560_000),
        app('N7', 'network_project', 78.75, 450_000),
        app('C1', 'coordination', 86, 300_000),
        app('C2', 'coordination', 81, 250_000),
      ],
    };
    // Hand check. All seven network projects cost 4 180 k€ and score 594.0, so six
    // of them = all minus one, plus at most one coordination application:
    //   minus N6 (560 k€): 3 620 k€ + C1 300 k€ = 3 920 k€ <= 4 000 k€ -> 514.0 + 86 = 600.0
    //   minus N7 (450 k€): 3 730 k€ + C1 = 4 030 k€ (too much); + C2 = 3 980 k€ -> 515.25 + 81 = 596.25
    //   minus N5: 3 680 + 300 = 3 980 -> 511.5 + 86 = 597.5; minus N4: 509 + 86 = 595.0
    //   minus N3/N2/N1: 592.75 / 591.0 / 588.5; five network projects at most 435.25 + 86.
    // So the unique optimum funds everything except N6 and C2.
    const result = proposeFunding(input);
    expect(result.selected).toEqual(['N1', 'N2', 'N3', 'C1', 'N4', 'N5', 'N7']);
    expect(result.totalScore).toBe(600);
    expect(result.totalGranted).toBe(392_000_000);
    expect(result.explanation.map((l) => l.applicationId)).toEqual(['N1', 'N2', 'N3', 'C1', 'N4', 'N5', 'C2', 'N6', 'N7']);
    // N6 outscores the selected N7, so the full category is not the whole story: the budget trade is.
    expect(line(result, 'N6')).toMatchObject({ selected: false, reason: 'lower_score' });
    expect(line(result, 'N6').detail).toContain('network_project is full (6 of 6)');
    expect(line(result, 'C2')).toMatchObject({ selected: false, reason: 'category_cap' });
    expect(line(result, 'C2').detail).toBe(
      'Category coordination is full (1 of 1) with applications scored at least as high; the lowest selected score there is 86 vs 81.',
    );
    expect(line(result, 'N7')).toMatchObject({ selected: true, reason: 'selected' });
    expect(line(result, 'N7').detail).toContain('450\u00a0000,00\u00a0€');
  });

  it('beats greedy-by-score when the budget binds', () => {
    const input: ProposalInput = {
      totalBudget: 1_000_000 * EUR,
      requiredReviews: 2,
      categories: [{ key: 'network_project', maxFunded: 3 }],
      candidates: [
        app('A', 'network_project', 90, 600_000),
        app('B', 'network_project', 85, 500_000),
        app('C', 'network_project', 84, 500_000),
      ],
    };
    // Greedy takes A (90) and then nothing else fits; B + C scores 169.
    const result = proposeFunding(input);
    expect(result.selected).toEqual(['B', 'C']);
    expect(result.totalScore).toBe(169);
    expect(result.totalGranted).toBe(1_000_000 * EUR);
    expect(line(result, 'A')).toEqual({
      applicationId: 'A',
      selected: false,
      reason: 'budget',
      detail: 'Requested 600\u00a0000,00\u00a0€ exceeds the remaining budget of 0,00\u00a0€.',
    });
  });

  it('excludes applications with missing reviews, however well they score', () => {
    const result = proposeFunding({
      totalBudget: 10_000_000,
      requiredReviews: 3,
      categories: [{ key: 'network_project', maxFunded: 6 }],
      candidates: [
        app('top', 'network_project', 99, 10_000, { reviewCount: 2 }),
        app('ok', 'network_project', 70, 10_000, { reviewCount: 3 }),
        app('more', 'network_project', 60, 10_000, { reviewCount: 4 }),
      ],
    });
    expect(result.selected).toEqual(['ok', 'more']);
    expect(line(result, 'top')).toEqual({
      applicationId: 'top',
      selected: false,
      reason: 'missing_reviews',
      detail: 'Has 2 of the 3 required reviews.',
    });
  });

  it('explains category_cap, budget, lower_score and missing_reviews on one constructed call', () => {
    const k = 1_000 * EUR; // amounts below in thousands of euros
    const input: ProposalInput = {
      totalBudget: 100 * k,
      requiredReviews: 2,
      categories: [
        { key: 'network', maxFunded: 2 },
        { key: 'coordination', maxFunded: 1 },
        { key: 'study', maxFunded: 1 },
      ],
      candidates: [
        app('N1', 'network', 90, 45_000),
        app('N2', 'network', 85, 40_000),
        app('N3', 'network', 80, 10_000),
        app('C1', 'coordination', 88, 50_000),
        app('C2', 'coordination', 50, 5_000),
        app('S1', 'study', 20, 1_000),
        app('M1', 'network', 99, 1_000, { reviewCount: 1 }),
      ],
    };
    // Best: N2 + N3 + C1 = 100 k€ exactly, 253 points. Alternatives: N1 + N2 + C2 + S1 = 245,
    // N1 + N3 + C1 is 105 k€, N2 + N3 + C1 + S1 is 101 k€.
    const result = proposeFunding(input);
    expect(result.selected).toEqual(['C1', 'N2', 'N3']);
    expect(result.totalScore).toBe(253);
    expect(reasons(result)).toEqual({
      M1: 'missing_reviews',
      N1: 'lower_score', // network is full, but with lower-scored (cheaper) applications
      C1: 'selected',
      N2: 'selected',
      N3: 'selected',
      C2: 'category_cap', // coordination is full with C1, scored higher
      S1: 'budget', // study has room but nothing is left of the budget
    });
    expect(line(result, 'S1').detail).toBe('Requested 1\u00a0000,00\u00a0€ exceeds the remaining budget of 0,00\u00a0€.');
    expect(line(result, 'N1').detail).toContain('scored as low as 80 instead of this one (90)');
    expect(result.explanation.map((l) => l.applicationId)).toEqual(['M1', 'N1', 'C1', 'N2', 'N3', 'C2', 'S1']);
  });

  it('never selects an application of a category that is not part of the call', () => {
    const result = proposeFunding({
      totalBudget: 1_000_000,
      requiredReviews: 0,
      categories: [{ key: 'network', maxFunded: 1 }],
      candidates: [app('X', 'mystery', 95, 100), app('Y', 'network', 50, 100)],
    });
    expect(result.selected).toEqual(['Y']);
    expect(line(result, 'X')).toMatchObject({ reason: 'category_cap', detail: 'Category mystery is not part of this call.' });
  });

  it('breaks ties between equally scored subsets towards the better-ranked applications', () => {
    // {A} and {B, C} both total 10; A ranks first, so {A} wins.
    const single = proposeFunding({
      totalBudget: 10 * EUR,
      requiredReviews: 0,
      categories: [{ key: 'k', maxFunded: 3 }],
      candidates: [app('C', 'k', 4, 5), app('B', 'k', 6, 5), app('A', 'k', 10, 10)],
    });
    expect(single.selected).toEqual(['A']);
    expect(reasons(single)).toEqual({ A: 'selected', B: 'budget', C: 'budget' });

    // Equal scores: the earlier submission, then the smaller id, ranks first.
    const at = (minutes: number) => new Date(T0 + minutes * 60_000);
    const equal = proposeFunding({
      totalBudget: 20 * EUR,
      requiredReviews: 0,
      categories: [{ key: 'k', maxFunded: 2 }],
      candidates: [
        app('late', 'k', 80, 10, { submittedAt: at(5) }),
        app('b', 'k', 80, 10, { submittedAt: at(1).toISOString() }),
        app('a', 'k', 80, 10, { submittedAt: at(1) }),
      ],
    });
    expect(equal.selected).toEqual(['a', 'b']);
    expect(line(equal, 'late').reason).toBe('category_cap');
  });

  it('treats scores equal after scaling to millionths as ties (no float noise)', () => {
    const result = proposeFunding({
      totalBudget: 2 * EUR,
      requiredReviews: 0,
      categories: [{ key: 'k', maxFunded: 2 }],
      // 0.1 + 0.2 !== 0.3 in floating point, but X + Y ties Z exactly here, so Z (ranked first by id) wins.
      candidates: [app('X', 'k', 0.1, 1), app('Y', 'k', 0.2, 1), app('Z', 'k', 0.3, 2)],
    });
    expect(result.selected).toEqual(['Z']);
    expect(result.totalScore).toBe(0.3);
  });

  it('funds a zero-scored application when it still fits (documented tie-break consequence)', () => {
    const result = proposeFunding({
      totalBudget: 10 * EUR,
      requiredReviews: 1,
      categories: [{ key: 'k', maxFunded: 2 }],
      candidates: [app('good', 'k', 75, 5), app('zero', 'k', 0, 5)],
    });
    expect(result.selected).toEqual(['good', 'zero']);
  });

  it('handles an empty call and a zero budget', () => {
    expect(proposeFunding({ totalBudget: 0, requiredReviews: 2, categories: [], candidates: [] })).toEqual({
      selected: [],
      totalScore: 0,
      totalGranted: 0,
      explanation: [],
      optimal: true,
      upperBound: 0,
      gapPercent: 0,
    });
    const broke = proposeFunding({
      totalBudget: 0,
      requiredReviews: 0,
      categories: [
        { key: 'k', maxFunded: 0 },
        { key: 'm', maxFunded: 1 },
      ],
      candidates: [app('A', 'k', 50, 1), app('B', 'm', 40, 1)],
    });
    expect(broke.selected).toEqual([]);
    expect(reasons(broke)).toEqual({ A: 'category_cap', B: 'budget' });
    expect(line(broke, 'A').detail).toBe('Category k funds no applications in this call (0 of 0).');
  });

  it('rejects input that would make the result ill-defined', () => {
    const base: ProposalInput = {
      totalBudget: 100,
      requiredReviews: 1,
      categories: [{ key: 'k', maxFunded: 1 }],
      candidates: [app('A', 'k', 50, 1)],
    };
    expect(() => proposeFunding({ ...base, totalBudget: 10.5 })).toThrow(RangeError);
    expect(() => proposeFunding({ ...base, candidates: [app('A', 'k', 50, 1), app('A', 'k', 40, 1)] })).toThrow(/Duplicate applicationId/);
    expect(() => proposeFunding({ ...base, candidates: [{ ...app('A', 'k', 50, 1), requestedAmount: 0 }] })).toThrow(RangeError);
    expect(() => proposeFunding({ ...base, candidates: [app('A', 'k', Number.NaN, 1)] })).toThrow(RangeError);
    expect(() => proposeFunding({ ...base, candidates: [app('A', 'k', 50, 1, { submittedAt: 'not a date' })] })).toThrow(RangeError);
    expect(() => proposeFunding({ ...base, categories: [{ key: 'k', maxFunded: -1 }] })).toThrow(RangeError);
  });
});

/* ------------------------------------------------------------------------ */
/* Properties against independent reference solvers                          */
/* ------------------------------------------------------------------------ */

interface Instance {
  input: ProposalInput;
  /** Scores in integer quarter points, by application id (scores are q / 4, exact in binary). */
  quarter: Map<string, number>;
}

const smallInstance: fc.Arbitrary<Instance> = fc
  .record({
    categoryCount: fc.integer({ min: 1, max: 3 }),
    caps: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 3, maxLength: 3 }),
    budget: fc.integer({ min: 0, max: 40 }),
    required: fc.integer({ min: 0, max: 2 }),
    apps: fc.array(
      fc.record({
        cat: fc.integer({ min: 0, max: 3 }), // an index >= categoryCount is an unknown category
        quarter: fc.integer({ min: 0, max: 12 }), // few distinct scores: many ties
        cost: fc.integer({ min: 1, max: 12 }), // few distinct costs: many ties
        reviews: fc.integer({ min: 0, max: 3 }),
        minute: fc.integer({ min: 0, max: 3 }), // submission-time ties too
      }),
      { maxLength: 12 },
    ),
  })
  .map(({ categoryCount, caps, budget, required, apps }) => {
    const quarter = new Map<string, number>();
    const candidates = apps.map((a, i): ProposalCandidate => {
      const id = `a${i}`;
      quarter.set(id, a.quarter);
      const when = new Date(T0 + a.minute * 60_000);
      return {
        applicationId: id,
        category: `c${a.cat}`,
        score: a.quarter / 4,
        requestedAmount: a.cost * 1_000,
        reviewCount: a.reviews,
        submittedAt: i % 2 === 0 ? when : when.toISOString(), // both accepted forms
      };
    });
    return {
      quarter,
      input: {
        totalBudget: budget * 1_000,
        requiredReviews: required,
        categories: caps.slice(0, categoryCount).map((maxFunded, c) => ({ key: `c${c}`, maxFunded })),
        candidates,
      },
    };
  });

/** Rank order as documented: score desc, then earlier submission, then id (code-unit order). */
function rankOrder(input: ProposalInput): ProposalCandidate[] {
  const time = (c: ProposalCandidate) => new Date(c.submittedAt).getTime();
  return [...input.candidates].sort(
    (a, b) =>
      b.score - a.score || time(a) - time(b) || (a.applicationId < b.applicationId ? -1 : a.applicationId > b.applicationId ? 1 : 0),
  );
}

/** Every subset; the best total, ties going to the lexicographically greatest 0/1 vector in rank order. */
function bruteForce({ input, quarter }: Instance): { ids: string[]; quarters: number } {
  const ranked = rankOrder(input);
  const caps = new Map(input.categories.map((c) => [c.key, c.maxFunded]));
  const n = ranked.length;
  let best = -1;
  let bestMask = 0;
  for (let mask = 0; mask < 1 << n; mask++) {
    // Bit n-1-i stands for rank position i, so a larger mask is a lexicographically greater vector.
    let total = 0;
    let cost = 0;
    const used = new Map<string, number>();
    let ok = true;
    for (let i = 0; i < n && ok; i++) {
      if (!(mask & (1 << (n - 1 - i)))) continue;
      const c = ranked[i];
      const count = (used.get(c.category) ?? 0) + 1;
      used.set(c.category, count);
      ok = c.reviewCount >= input.requiredReviews && count <= (caps.get(c.category) ?? 0);
      cost += c.requestedAmount;
      total += quarter.get(c.applicationId) as number;
    }
    if (!ok || cost > input.totalBudget) continue;
    if (total > best || (total === best && mask > bestMask)) {
      best = total;
      bestMask = mask;
    }
  }
  return { ids: ranked.filter((_, i) => bestMask & (1 << (n - 1 - i))).map((c) => c.applicationId), quarters: best };
}

/** Checks feasibility and that every explanation line follows the documented rules. */
function checkInvariants(input: ProposalInput, result: FundingProposal): void {
  const ranked = rankOrder(input);
  const byId = new Map(input.candidates.map((c) => [c.applicationId, c]));
  const caps = new Map(input.categories.map((c) => [c.key, c.maxFunded]));
  const chosen = result.selected.map((id) => byId.get(id) as ProposalCandidate);

  expect(result.selected).toEqual(ranked.filter((c) => result.selected.includes(c.applicationId)).map((c) => c.applicationId));
  expect(result.explanation.map((l) => l.applicationId)).toEqual(ranked.map((c) => c.applicationId));
  const granted = chosen.reduce((sum, c) => sum + c.requestedAmount, 0);
  expect(result.totalGranted).toBe(granted);
  expect(granted).toBeLessThanOrEqual(input.totalBudget);

  const count = new Map<string, number>();
  const lowest = new Map<string, number>();
  for (const c of chosen) {
    expect(c.reviewCount).toBeGreaterThanOrEqual(input.requiredReviews);
    count.set(c.category, (count.get(c.category) ?? 0) + 1);
    lowest.set(c.category, Math.min(lowest.get(c.category) ?? Infinity, c.score));
  }
  for (const [category, n] of count) expect(n).toBeLessThanOrEqual(caps.get(category) ?? 0);

  for (const l of result.explanation) {
    const c = byId.get(l.applicationId) as ProposalCandidate;
    expect(l.detail.length).toBeGreaterThan(0);
    let expected: ProposalReason;
    if (result.selected.includes(c.applicationId)) expected = 'selected';
    else if (c.reviewCount < input.requiredReviews) expected = 'missing_reviews';
    else if (!caps.has(c.category)) expected = 'category_cap';
    else {
      const full = (count.get(c.category) ?? 0) >= (caps.get(c.category) as number);
      if (full && (lowest.get(c.category) ?? Infinity) >= c.score) expected = 'category_cap';
      else if (!full && c.requestedAmount > input.totalBudget - granted) expected = 'budget';
      else expected = 'lower_score';
    }
    expect(l.reason).toBe(expected);
    expect(l.selected).toBe(expected === 'selected');
  }
}

describe('proposeFunding properties', () => {
  it('matches a brute-force optimum, including the tie-break, on small instances', () => {
    fc.assert(
      fc.property(smallInstance, (instance) => {
        const result = proposeFunding(instance.input);
        const reference = bruteForce(instance);
        expect(result.totalScore).toBe(reference.quarters / 4);
        expect(result.selected).toEqual(reference.ids);
        checkInvariants(instance.input, result);
      }),
      { numRuns: 400 },
    );
  });

  it('answers an upper bound never below the brute-force optimum, with the gap it implies', () => {
    // Scores in thousandths as well as quarters, so the bound's rounding to the grain is exercised.
    const thousandths = smallInstance.chain((instance) =>
      fc.array(fc.integer({ min: 0, max: 100_000 }), { minLength: 12, maxLength: 12 }).map((marks): Instance => {
        const quarter = new Map<string, number>();
        const candidates = instance.input.candidates.map((c, i) => {
          quarter.set(c.applicationId, marks[i]);
          return { ...c, score: marks[i] / 1000 };
        });
        return { quarter, input: { ...instance.input, candidates } };
      }),
    );
    for (const [arbitrary, unit] of [
      [smallInstance, 4],
      [thousandths, 1000],
    ] as const) {
      fc.assert(
        fc.property(arbitrary, (instance) => {
          const result = proposeFunding(instance.input);
          const optimum = bruteForce(instance).quarters / unit;
          expect(result.upperBound).toBeGreaterThanOrEqual(optimum - 1e-9);
          expect(result.upperBound).toBeGreaterThanOrEqual(result.totalScore);
          const gap = result.upperBound > 0 ? (100 * (result.upperBound - result.totalScore)) / result.upperBound : 0;
          expect(result.gapPercent).toBeCloseTo(gap, 9);
          if (result.optimal) expect(result.gapPercent).toBe(0);
        }),
        { numRuns: 300 },
      );
    }
  });

  it('gives the same answer for any order of the input', () => {
    fc.assert(
      fc.property(smallInstance, fc.array(fc.double({ noNaN: true }), { minLength: 12, maxLength: 12 }), (instance, keys) => {
        const shuffled = instance.input.candidates
          .map((candidate, i) => ({ candidate, key: keys[i] }))
          .sort((a, b) => a.key - b.key)
          .map((x) => x.candidate);
        expect(proposeFunding({ ...instance.input, candidates: shuffled })).toEqual(proposeFunding(instance.input));
      }),
      { numRuns: 200 },
    );
  });

  // Larger instances than brute force can handle, with small integer prices so that a
  // dynamic programme over (slots left per category, budget left) gives the exact optimum
  // and, walking forward in rank order, the lexicographically greatest optimal subset.
  it('matches a dynamic-programming optimum and tie-break on instances with up to 80 candidates', () => {
    const instance = fc.record({
      caps: fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 3 })),
      budget: fc.integer({ min: 0, max: 150 }),
      maxQuarter: fc.constantFrom(8, 60, 400), // from very many ties to few
      apps: fc.array(
        fc.record({
          second: fc.boolean(),
          quarter: fc.nat(),
          cost: fc.integer({ min: 1, max: 40 }),
        }),
        { maxLength: 80 },
      ),
    });
    fc.assert(
      fc.property(instance, ({ caps, budget, maxQuarter, apps }) => {
        const input: ProposalInput = {
          totalBudget: budget * 100,
          requiredReviews: 0,
          categories: [
            { key: 'p', maxFunded: caps[0] },
            { key: 'q', maxFunded: caps[1] },
          ],
          candidates: apps.map((a, i) => ({
            applicationId: `x${String(i).padStart(3, '0')}`,
            category: a.second ? 'q' : 'p',
            score: (a.quarter % (maxQuarter + 1)) / 4,
            requestedAmount: a.cost * 100,
            reviewCount: 0,
            submittedAt: new Date(T0),
          })),
        };
        const ranked = rankOrder(input);
        const n = ranked.length;
        // best[i * S + state]: best quarter total from ranked[i..] within state = (slots of p,
        // slots of q, budget left in units of 100 cents).
        const S = (caps[0] + 1) * (caps[1] + 1) * (budget + 1);
        const state = (i: number, j: number, w: number) => (i * (caps[1] + 1) + j) * (budget + 1) + w;
        const best = new Float64Array((n + 1) * S);
        const take = (k: number, i: number, j: number, w: number): number => {
          const c = ranked[k];
          const cost = c.requestedAmount / 100;
          const [pi, pj] = c.category === 'q' ? [i, j - 1] : [i - 1, j];
          return pi < 0 || pj < 0 || cost > w ? -1 : state(pi, pj, w - cost);
        };
        for (let k = n - 1; k >= 0; k--) {
          const quarters = ranked[k].score * 4;
          for (let i = 0; i <= caps[0]; i++) {
            for (let j = 0; j <= caps[1]; j++) {
              for (let w = 0; w <= budget; w++) {
                const here = state(i, j, w);
                const next = take(k, i, j, w);
                const skip = best[(k + 1) * S + here];
                best[k * S + here] = next < 0 ? skip : Math.max(skip, quarters + best[(k + 1) * S + next]);
              }
            }
          }
        }
        // Walk forward taking every application that keeps the optimum reachable.
        const expected: string[] = [];
        let [slotsP, slotsQ, left] = [caps[0], caps[1], budget];
        for (let k = 0; k < n; k++) {
          const at = state(slotsP, slotsQ, left);
          const next = take(k, slotsP, slotsQ, left);
          if (next >= 0 && ranked[k].score * 4 + best[(k + 1) * S + next] === best[k * S + at]) {
            expected.push(ranked[k].applicationId);
            if (ranked[k].category === 'q') slotsQ -= 1;
            else slotsP -= 1;
            left -= ranked[k].requestedAmount / 100;
          }
        }
        const result = proposeFunding(input);
        expect(result.totalScore).toBe(best[state(caps[0], caps[1], budget)] / 4);
        expect(result.selected).toEqual(expected);
        checkInvariants(input, result);
      }),
      { numRuns: 150 },
    );
  });

  it('solves the large call shape exactly (450 + 50 candidates, caps 6 and 1, binding budget)', () => {
    // Prices are whole thousands of euros so that a dynamic programme can check the optimum.
    let seed = 20250301;
    const random = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (const scoreOf of [
      () => Math.round((60 + random() * 35) * 100) / 100, // two decimals
      () => 70 + Math.floor(random() * 21), // whole points: many ties
    ]) {
      const candidates = Array.from({ length: 500 }, (_, i): ProposalCandidate => {
        const network = i < 450;
        const thousands = network ? 300 + Math.floor(random() * 500) : 100 + Math.floor(random() * 300);
        return {
          applicationId: `app-${i}`,
          category: network ? 'network_project' : 'coordination',
          score: scoreOf(),
          requestedAmount: thousands * 1_000 * EUR,
          reviewCount: 3,
          submittedAt: new Date(T0 + Math.floor(random() * 1e9)),
        };
      });
      const input: ProposalInput = {
        totalBudget: 3_300_000 * EUR,
        requiredReviews: 3,
        categories: [
          { key: 'network_project', maxFunded: 6 },
          { key: 'coordination', maxFunded: 1 },
        ],
        candidates,
      };
      const budget = 3_300;
      // best[(i * 2 + j) * (budget + 1) + w]: best total in hundredths with i network
      // projects, j coordination applications and cost w (thousands of euros).
      const best = new Float64Array(7 * 2 * (budget + 1)).fill(-Infinity);
      best[0] = 0;
      for (const c of candidates) {
        const cost = c.requestedAmount / (1_000 * EUR);
        const scaled = Math.round(c.score * 100);
        for (let i = 6; i >= 0; i--) {
          for (let j = 1; j >= 0; j--) {
            const [pi, pj] = c.category === 'coordination' ? [i, j - 1] : [i - 1, j];
            if (pi < 0 || pj < 0) continue;
            const to = (i * 2 + j) * (budget + 1);
            const from = (pi * 2 + pj) * (budget + 1) - cost;
            for (let w = budget; w >= cost; w--) {
              if (best[from + w] + scaled > best[to + w]) best[to + w] = best[from + w] + scaled;
            }
          }
        }
      }
      const result = proposeFunding(input);
      expect(Math.round(result.totalScore * 100)).toBe(best.reduce((m, v) => (v > m ? v : m), -Infinity));
      checkInvariants(input, result);
      expect(proposeFunding({ ...input, candidates: [...candidates].reverse() })).toEqual(result);
    }
  });
});

/** 300 applications whose scores are nearly proportional to their amounts, half the money available: a hard knapsack. */
function hardInstance(): ProposalInput {
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  const candidates = Array.from({ length: 300 }, (_, i): ProposalCandidate => {
    const euros = 20_000 + Math.floor(random() * 480_000);
    return app(`hard-${i}`, 'network_project', Math.round((euros / 5_000 + random() * 0.01) * 1_000) / 1_000, euros, {
      submittedAt: new Date(T0 + i),
    });
  });
  const total = candidates.reduce((sum, c) => sum + c.requestedAmount, 0);
  return { totalBudget: Math.floor(total / 2), requiredReviews: 3, categories: [{ key: 'network_project', maxFunded: 300 }], candidates };
}

describe('proposeFunding with a deadline', () => {
  it('stops a hard search at the deadline with the best proposal found, optimal false, both caps holding', () => {
    const input = hardInstance();
    const result = proposeFunding(input, { deadline: Date.now() });
    expect(result.optimal).toBe(false);
    checkInvariants(input, result);
    // At least as good as funding in rank order while it fits.
    let left = input.totalBudget;
    let greedy = 0;
    for (const c of rankOrder(input)) {
      if (c.requestedAmount <= left) {
        left -= c.requestedAmount;
        greedy += c.score;
      }
    }
    expect(result.totalScore).toBeGreaterThanOrEqual(greedy - 1e-6);
  });

  it('reports optimal true when the search ends before the deadline', () => {
    const input: ProposalInput = {
      totalBudget: 1_000 * EUR,
      requiredReviews: 3,
      categories: [{ key: 'network_project', maxFunded: 2 }],
      candidates: [app('a', 'network_project', 80, 600), app('b', 'network_project', 70, 500), app('c', 'network_project', 60, 400)],
    };
    const result = proposeFunding(input, { deadline: Date.now() + 60_000 });
    expect(result).toEqual(proposeFunding(input));
    expect(result.optimal).toBe(true);
    expect(result.selected).toEqual(['a', 'c']);
  });
});
