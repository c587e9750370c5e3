import { euros } from '../notifications/templates';

/**
 * Funding proposal for a grant call: which ranked applications to fund.
 *
 * Problem (exact, not greedy): among the eligible applications
 * (reviewCount >= requiredReviews) pick the subset that maximises the sum of
 * scores such that
 *   - for every category, the number picked is at most its maxFunded, and
 *   - the sum of requested amounts is at most the total budget.
 *
 * Scores are compared as integers: every score is converted to millionths of
 * a point with Math.round(score * 1e6) (see SCORE_SCALE), so equal-looking
 * decimals such as 0.1 + 0.2 and 0.3 are really equal and the optimum is
 * decided without any epsilon. All money is integer euro cents.
 *
 * Rank order (used for tie-breaks, the `selected` list and the explanation):
 * scaled score descending, then earlier submittedAt, then applicationId in
 * ascending UTF-16 code-unit order (plain `<`, not locale dependent).
 *
 * Tie-break among subsets with the same (maximal) total score: write each
 * subset as a 0/1 vector over the applications in rank order; the proposal is
 * the lexicographically greatest vector. In words: fund the best-ranked
 * application whenever some optimal subset funds it, then, with that fixed,
 * the next best-ranked one, and so on. A consequence is that an optimal subset
 * never leaves out an application that would still fit (budget and category
 * room) - even one with score 0 - because adding it keeps the total and makes
 * the vector greater.
 *
 * Algorithm (details at `solveExact`):
 *  1. Exact reductions. Drop applications that cannot be in the proposal: too
 *     expensive, no category room, or dominated (maxFunded better-ranked
 *     applications of the same category cost no more). Then fix applications
 *     in or out with Lagrangian reduced-cost tests against a total known to be
 *     reachable (from greedy + local-search heuristics and a short probing
 *     search); each fixing provably holds for every optimal subset.
 *  2. Depth-first branch and bound over the remaining core that visits subsets
 *     in exactly the tie-break order, so the first subset reaching the optimum
 *     is the answer. Bounds: the Lagrangian relaxation of the budget (with the
 *     category counts), a cardinality bound for tie-heavy data, and the exact
 *     best last pick; totals are multiples of the gcd of the scores, which
 *     sharpens every test.
 * The result is the exact optimum (`optimal: true`) unless a `deadline` is
 * given and the search reaches it first. The problem is NP-hard (a knapsack),
 * so the worst case is exponential; it shows when scores are (nearly) a linear
 * function of the requested amounts. At the deadline the search stops and the
 * best subset it has seen is returned with `optimal: false`: the exact
 * search's best when it has reached the heuristics' total, else the best
 * heuristic subset. Either way the caps hold.
 *
 * This module is pure: no I/O and no framework imports.
 */

export interface ProposalCategory {
  key: string;
  maxFunded: number;
}

export interface ProposalCandidate {
  applicationId: string;
  category: string;
  /** Weighted review average on a 0-100 scale; decimals allowed. */
  score: number;
  /** Integer euro cents, > 0. */
  requestedAmount: number;
  reviewCount: number;
  /** Final submission time; earlier wins ties on equal score. */
  submittedAt: Date | string;
}

export interface ProposalInput {
  /** Integer euro cents, >= 0. */
  totalBudget: number;
  requiredReviews: number;
  categories: ProposalCategory[];
  candidates: ProposalCandidate[];
}

export type ProposalReason = 'selected' | 'missing_reviews' | 'category_cap' | 'budget' | 'lower_score';

export interface ProposalLine {
  applicationId: string;
  selected: boolean;
  reason: ProposalReason;
  detail: string;
}

export interface FundingProposal {
  /** Selected application ids in rank order. */
  selected: string[];
  /** Sum of the selected scores, computed from the scaled integers (so no float drift). */
  totalScore: number;
  /** Sum of the selected requested amounts, in cents. */
  totalGranted: number;
  /** One line per input application, in rank order. */
  explanation: ProposalLine[];
  /** False when the time limit stopped the search: the best subset found, not proven the optimum. */
  optimal: boolean;
  /**
   * A proven upper bound on the optimal total score (>= totalScore; equal when optimal): the
   * LP relaxation under both caps (the Lagrangian dual of the budget with the category counts),
   * rounded down to the scores' common grain.
   */
  upperBound: number;
  /** 100 * (upperBound - totalScore) / upperBound; 0 when optimal (or when upperBound is 0). */
  gapPercent: number;
}

export interface ProposalOptions {
  /** Epoch milliseconds (Date.now()) at which the search stops with the best subset found so far. */
  deadline?: number;
}

/** Scores are handled internally as integers in units of 1 / SCORE_SCALE points. */
export const SCORE_SCALE = 1_000_000;

interface RankedCandidate {
  candidate: ProposalCandidate;
  /** Math.round(score * SCORE_SCALE). */
  scaled: number;
  /** submittedAt in epoch milliseconds. */
  time: number;
  eligible: boolean;
  /** Index into input.categories, or -1 when the category is not part of the call. */
  categoryIndex: number;
}

export function proposeFunding(input: ProposalInput, options: ProposalOptions = {}): FundingProposal {
  validate(input);

  const categoryIndex = new Map<string, number>();
  input.categories.forEach((category, index) => categoryIndex.set(category.key, index));
  const caps = input.categories.map((category) => category.maxFunded);

  const ranked: RankedCandidate[] = input.candidates.map((candidate) => ({
    candidate,
    scaled: Math.round(candidate.score * SCORE_SCALE),
    time: toTime(candidate.submittedAt),
    eligible: candidate.reviewCount >= input.requiredReviews,
    categoryIndex: categoryIndex.get(candidate.category) ?? -1,
  }));
  ranked.sort(compareRank);

  // Only these can ever be funded. A negative score can never be part of an
  // optimum (dropping it raises the total), and an application dearer than the
  // whole budget can never fit, so neither is handed to the solver.
  const solverPositions: number[] = [];
  const solverItems: SolverItem[] = [];
  ranked.forEach((entry, position) => {
    if (
      entry.eligible &&
      entry.categoryIndex >= 0 &&
      caps[entry.categoryIndex] > 0 &&
      entry.scaled >= 0 &&
      entry.candidate.requestedAmount <= input.totalBudget
    ) {
      solverPositions.push(position);
      solverItems.push({
        score: entry.scaled,
        cost: entry.candidate.requestedAmount,
        category: entry.categoryIndex,
      });
    }
  });

  const isSelected = new Array<boolean>(ranked.length).fill(false);
  const solution = solveExact(solverItems, caps, input.totalBudget, options.deadline ?? Infinity);
  for (const chosen of solution.chosen) {
    isSelected[solverPositions[chosen]] = true;
  }

  // Aggregates of the selection, needed by the explanation.
  const selectedCount = new Array<number>(caps.length).fill(0);
  const lowestSelected = new Array<number>(caps.length).fill(Infinity);
  let totalScaled = 0;
  let totalGranted = 0;
  const selected: string[] = [];
  ranked.forEach((entry, position) => {
    if (!isSelected[position]) return;
    selected.push(entry.candidate.applicationId);
    totalScaled += entry.scaled;
    totalGranted += entry.candidate.requestedAmount;
    selectedCount[entry.categoryIndex] += 1;
    lowestSelected[entry.categoryIndex] = Math.min(lowestSelected[entry.categoryIndex], entry.scaled);
  });
  const remainingBudget = input.totalBudget - totalGranted;

  const explanation = ranked.map((entry, position): ProposalLine => {
    const { applicationId, category, requestedAmount, reviewCount } = entry.candidate;
    const line = (selectedFlag: boolean, reason: ProposalReason, detail: string): ProposalLine => ({
      applicationId,
      selected: selectedFlag,
      reason,
      detail,
    });
    const score = formatScore(entry.scaled);

    if (isSelected[position]) {
      const c = entry.categoryIndex;
      return line(
        true,
        'selected',
        `Selected in category ${category} (${selectedCount[c]} of ${caps[c]} funded) with score ${score}, granting ${euros(requestedAmount, 'fi')}.`,
      );
    }
    if (!entry.eligible) {
      return line(false, 'missing_reviews', `Has ${reviewCount} of the ${input.requiredReviews} required reviews.`);
    }
    const c = entry.categoryIndex;
    if (c < 0) {
      return line(false, 'category_cap', `Category ${category} is not part of this call.`);
    }
    const cap = caps[c];
    if (cap === 0) {
      return line(false, 'category_cap', `Category ${category} funds no applications in this call (0 of 0).`);
    }
    const full = selectedCount[c] >= cap;
    if (full && lowestSelected[c] >= entry.scaled) {
      return line(
        false,
        'category_cap',
        `Category ${category} is full (${selectedCount[c]} of ${cap}) with applications scored at least as high; the lowest selected score there is ${formatScore(lowestSelected[c])} vs ${score}.`,
      );
    }
    if (!full && requestedAmount > remainingBudget) {
      return line(
        false,
        'budget',
        `Requested ${euros(requestedAmount, 'fi')} exceeds the remaining budget of ${euros(remainingBudget, 'fi')}.`,
      );
    }
    if (full) {
      return line(
        false,
        'lower_score',
        `Category ${category} is full (${selectedCount[c]} of ${cap}); funding cheaper applications scored as low as ${formatScore(lowestSelected[c])} instead of this one (${score}) gives a higher total score within the budget.`,
      );
    }
    // Only reachable with a negative score: everything else that fits would
    // have been added (see the tie-break rule in the header).
    return line(false, 'lower_score', `Score ${score} is negative, so funding it would lower the total score.`);
  });

  // The bound holds for the optimum; the found total is reachable, so it can never be lower.
  const boundScaled = solution.optimal ? totalScaled : Math.max(solution.upperBound, totalScaled);
  const gapPercent = boundScaled > 0 ? (100 * (boundScaled - totalScaled)) / boundScaled : 0;
  return {
    selected,
    totalScore: totalScaled / SCORE_SCALE,
    totalGranted,
    explanation,
    optimal: solution.optimal || boundScaled === totalScaled,
    upperBound: boundScaled / SCORE_SCALE,
    gapPercent,
  };
}

/* ------------------------------------------------------------------------ */
/* Ranking and input checks                                                  */
/* ------------------------------------------------------------------------ */

function compareRank(a: RankedCandidate, b: RankedCandidate): number {
  if (a.scaled !== b.scaled) return b.scaled - a.scaled;
  if (a.time !== b.time) return a.time - b.time;
  const x = a.candidate.applicationId;
  const y = b.candidate.applicationId;
  return x < y ? -1 : x > y ? 1 : 0;
}

function toTime(value: Date | string): number {
  return value instanceof Date ? value.getTime() : new Date(value).getTime();
}

/** Throws on input that would make the optimum ill-defined; never "repairs" data silently. */
function validate(input: ProposalInput): void {
  if (!Number.isSafeInteger(input.totalBudget) || input.totalBudget < 0) {
    throw new RangeError(`totalBudget must be a non-negative integer number of cents, got ${input.totalBudget}`);
  }
  if (!Number.isFinite(input.requiredReviews)) {
    throw new RangeError(`requiredReviews must be a finite number, got ${input.requiredReviews}`);
  }
  const keys = new Set<string>();
  for (const category of input.categories) {
    if (keys.has(category.key)) throw new RangeError(`Duplicate category key ${category.key}`);
    keys.add(category.key);
    if (!Number.isSafeInteger(category.maxFunded) || category.maxFunded < 0) {
      throw new RangeError(`maxFunded of ${category.key} must be a non-negative integer, got ${category.maxFunded}`);
    }
  }
  const ids = new Set<string>();
  let scoreMass = 0;
  for (const candidate of input.candidates) {
    const id = candidate.applicationId;
    if (ids.has(id)) throw new RangeError(`Duplicate applicationId ${id}`);
    ids.add(id);
    if (!Number.isFinite(candidate.score)) throw new RangeError(`Score of ${id} must be finite, got ${candidate.score}`);
    if (!Number.isSafeInteger(candidate.requestedAmount) || candidate.requestedAmount <= 0) {
      throw new RangeError(`requestedAmount of ${id} must be a positive integer number of cents, got ${candidate.requestedAmount}`);
    }
    if (!Number.isFinite(candidate.reviewCount)) {
      throw new RangeError(`reviewCount of ${id} must be a finite number, got ${candidate.reviewCount}`);
    }
    if (Number.isNaN(toTime(candidate.submittedAt))) {
      throw new RangeError(`submittedAt of ${id} is not a valid date`);
    }
    scoreMass += Math.abs(Math.round(candidate.score * SCORE_SCALE));
  }
  // Keeps every sum of scaled scores an exact integer in a double, with room
  // to spare for the bound arithmetic in the solver.
  if (scoreMass > Number.MAX_SAFE_INTEGER / 1024) {
    throw new RangeError('Scores are too large to be summed exactly');
  }
}

function formatScore(scaled: number): string {
  return String(scaled / SCORE_SCALE);
}

/* ------------------------------------------------------------------------ */
/* Exact solver                                                              */
/* ------------------------------------------------------------------------ */

interface SolverItem {
  /** Scaled integer score, >= 0. */
  score: number;
  /** Integer cents, 0 < cost <= budget. */
  cost: number;
  /** Index into caps; caps[category] >= 1. */
  category: number;
}

/** A (sub)problem: items in rank order, categories numbered 0..K-1. */
interface Problem {
  score: Float64Array;
  cost: Float64Array;
  cat: Int32Array;
  /** Remaining slots per category. */
  cap: number[];
  budget: number;
}

/** Reduction rounds before handing the remaining core to the search (more rounds only ever help speed). */
const MAX_REDUCTION_ROUNDS = 30;

/**
 * Multipliers of the core problem's best Lagrange multiplier used for node
 * bounds in the search. Any multiplier >= 0 gives a valid bound, so this only
 * affects speed; a spread keeps the bound tight for branches that used their
 * budget faster or slower than their category slots.
 */
const LAMBDA_FACTORS = [1, 0.9, 1.1, 0.75, 1.3, 0.5, 1.7, 2.5];

/** Memory guard for the search tables (about 8 bytes per cell and multiplier). */
const MAX_TABLE_CELLS = 1 << 23;

/**
 * Returns the indices (ascending) of the lexicographically greatest subset of
 * maximal total score, `items` being given in rank order.
 *
 * 1. Reduce. Repeatedly (a) drop items that cannot be in the answer: too
 *    expensive, no category slots, or dominated (see `undominated`); (b) get a
 *    good achievable total `target` from heuristics (only the value is used);
 *    (c) fix items by Lagrangian reduced-cost tests (see `lagrangianFixing`):
 *    an item is fixed out (in) when even its best completion with it forced in
 *    (out) provably stays below `target`. Every fixing holds for *all* optimal
 *    subsets, so the tie-break is unaffected. Dominance is safe too: among the
 *    subsets reaching `target`, the lexicographically greatest contains no
 *    dominated item, so `target` stays reachable.
 * 2. Probe: a short search in "relaxation order" (see `probeValue`) usually
 *    finds the optimum's value; if it beats `target`, reduce again with it.
 * 3. Search the remaining core exactly with `lexSearch`.
 */
function solveExact(
  items: readonly SolverItem[],
  caps: readonly number[],
  budget: number,
  deadline: number,
): { chosen: number[]; optimal: boolean; upperBound: number } {
  const denseOf = new Map<number, number>();
  const cap: number[] = [];
  const count = items.length;
  let problem: Problem = {
    score: new Float64Array(count),
    cost: new Float64Array(count),
    cat: new Int32Array(count),
    cap,
    budget,
  };
  items.forEach((item, t) => {
    let c = denseOf.get(item.category);
    if (c === undefined) {
      c = cap.length;
      denseOf.set(item.category, c);
      cap.push(caps[item.category]);
    }
    problem.score[t] = item.score;
    problem.cost[t] = item.cost;
    problem.cat[t] = c;
  });

  // Every total is a multiple of grain, the gcd of the scaled scores (1e6 when
  // all scores are whole points): the search uses it to prune harder.
  let grain = 0;
  for (const item of items) grain = gcd(grain, item.score);
  grain = Math.max(grain, 1);

  let ids = rankOrder(count); // problem index -> index into items
  const forced: number[] = []; // fixed in, as indices into items
  // A total that some subset of the current problem reaches (so its optimum is
  // at least this); all fixings are relative to it.
  let target = 0;

  const reduce = (): void => {
    for (let round = 0; ; round++) {
      const keep = undominated(problem);
      if (keep.length < problem.score.length) {
        problem = restrict(problem, keep, problem.cap, problem.budget);
        ids = keep.map((t) => ids[t]);
      }
      if (problem.score.length === 0 || round === MAX_REDUCTION_ROUNDS) return;
      const lists = makeTopLists(problem);
      const { low, high } = lambdaRange(problem, lists);
      // Later rounds see a smaller problem with the same optimum; the first
      // round's heuristic value is nearly always as good, so save the time.
      if (round === 0) target = Math.max(target, heuristicValue(problem, high, lists));

      const { fixedIn, fixedOut } = lagrangianFixing(problem, target, (low + high) / 2, lists);
      if (fixedIn.length === 0 && fixedOut.length === 0) return;
      const drop = new Uint8Array(problem.score.length);
      const nextCap = [...problem.cap];
      let nextBudget = problem.budget;
      for (const t of fixedIn) {
        drop[t] = 1;
        forced.push(ids[t]);
        nextCap[problem.cat[t]] -= 1;
        nextBudget -= problem.cost[t];
        target -= problem.score[t];
      }
      for (const t of fixedOut) drop[t] = 1;
      if (nextBudget < 0 || nextCap.some((slots) => slots < 0)) {
        throw new Error('funding-proposal: inconsistent reduction (this is a bug)');
      }
      const rest: number[] = [];
      for (let t = 0; t < drop.length; t++) if (!drop[t]) rest.push(t);
      problem = restrict(problem, rest, nextCap, nextBudget);
      ids = rest.map((t) => ids[t]);
    }
  };

  reduce();
  // A better target lets the reduced-cost tests fix more items.
  for (let probes = 0; probes < MAX_PROBES; probes++) {
    const probed = probeValue(problem, target, grain);
    if (probed <= target) break;
    target = probed;
    reduce();
  }

  // Upper bound on the optimum: every fixing above holds for all optimal
  // subsets, so the optimum is the forced items' score plus the core's optimum,
  // which is at most its relaxation bound.
  let forcedScore = 0;
  for (const t of forced) forcedScore += items[t].score;
  const upperBound = forcedScore + relaxationBound(problem, grain);

  // The search finds the lexicographically first subset reaching target and
  // keeps improving from there, so it ends at the lexicographically first optimum.
  const search = lexSearch(problem, target, grain, { maxNodes: Infinity, deadline });
  let picks = search.picks;
  if (picks === null) {
    if (!search.stopped) throw new Error('funding-proposal: search found no subset reaching a known total (this is a bug)');
    const lists = makeTopLists(problem);
    picks = heuristicSelection(problem, lambdaRange(problem, lists).high, lists);
  }
  return { chosen: [...forced, ...picks.map((t) => ids[t])].sort((a, b) => a - b), optimal: !search.stopped, upperBound };
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

function rankOrder(n: number): number[] {
  return Array.from({ length: n }, (_, t) => t);
}

function restrict(problem: Problem, keep: readonly number[], cap: number[], budget: number): Problem {
  const score = new Float64Array(keep.length);
  const cost = new Float64Array(keep.length);
  const cat = new Int32Array(keep.length);
  keep.forEach((t, k) => {
    score[k] = problem.score[t];
    cost[k] = problem.cost[t];
    cat[k] = problem.cat[t];
  });
  return { score, cost, cat, cap, budget };
}

/**
 * Items that may still be in the answer. Dropped: items dearer than the
 * budget, items of categories without slots, and dominated items. If at least
 * cap[c] better-ranked items of the same category cost no more than item j, j
 * is in no lexicographically greatest optimum: a subset with j misses one of
 * them (it has at most cap[c] - 1 other slots in c), and swapping j for it
 * keeps within the budget, does not lower the score and makes the 0/1 vector
 * greater. Implemented by keeping, per category, the cap[c] smallest costs seen
 * so far in rank order.
 */
function undominated(problem: Problem): number[] {
  const cheapest: number[][] = problem.cap.map(() => []);
  const keep: number[] = [];
  for (let t = 0; t < problem.score.length; t++) {
    const c = problem.cat[t];
    const slots = problem.cap[c];
    const itemCost = problem.cost[t];
    const list = cheapest[c];
    if (slots <= 0 || itemCost > problem.budget) continue;
    if (list.length === slots && list[slots - 1] <= itemCost) continue;
    insertSorted(list, itemCost, slots, (a, b) => a < b);
    keep.push(t);
  }
  return keep;
}

/** Inserts into a list sorted by `before`, keeping at most `limit` entries; ties go after existing ones. */
function insertSorted<T>(list: T[], value: T, limit: number, before: (a: T, b: T) => boolean): void {
  let k = list.length;
  list.push(value);
  while (k > 0 && before(value, list[k - 1])) {
    list[k] = list[k - 1];
    k -= 1;
  }
  list[k] = value;
  if (list.length > limit) list.pop();
}

/* Lagrangian relaxation of the budget --------------------------------------
 *
 * For any lambda >= 0 and any feasible subset X,
 *   score(X) = sum_X (score - lambda * cost) + lambda * cost(X)
 *           <= sum_c (sum of the cap[c] largest positive values of
 *                     score - lambda * cost in category c) + lambda * budget.
 * The right-hand side g(lambda) is convex and piecewise linear in lambda; its
 * minimum equals the LP-relaxation bound. Any lambda gives a valid bound, so
 * floating-point inaccuracy in choosing lambda only costs speed.
 */

/**
 * Per category, the cap[c] + 1 largest positive values of score - lambda * cost
 * (descending; ties keep rank order), in flat buffers reused across calls:
 * category c uses slots offset[c] .. offset[c] + cap[c]. The first cap[c]
 * entries form the relaxation's choice; entry cap[c] is the best runner-up.
 */
interface TopLists {
  offset: Int32Array;
  length: Int32Array;
  item: Int32Array;
  value: Float64Array;
}

function makeTopLists(problem: Problem): TopLists {
  const K = problem.cap.length;
  const offset = new Int32Array(K + 1);
  for (let c = 0; c < K; c++) offset[c + 1] = offset[c] + Math.max(problem.cap[c], 0) + 1;
  return { offset, length: new Int32Array(K), item: new Int32Array(offset[K]), value: new Float64Array(offset[K]) };
}

function fillTopLists(problem: Problem, lambda: number, lists: TopLists): void {
  const { offset, length, item, value } = lists;
  length.fill(0);
  for (let t = 0; t < problem.score.length; t++) {
    const v = problem.score[t] - lambda * problem.cost[t];
    if (v <= 0) continue;
    const c = problem.cat[t];
    const b = offset[c];
    const limit = offset[c + 1] - b;
    if (length[c] === limit && v <= value[b + limit - 1]) continue;
    let k = Math.min(length[c], limit - 1);
    while (k > 0 && value[b + k - 1] < v) {
      value[b + k] = value[b + k - 1];
      item[b + k] = item[b + k - 1];
      k -= 1;
    }
    value[b + k] = v;
    item[b + k] = t;
    if (length[c] < limit) length[c] += 1;
  }
}

/** Budget left over by the relaxation's choice at lambda: the slope of g. */
function relaxationSlack(problem: Problem, lambda: number, lists: TopLists): number {
  fillTopLists(problem, lambda, lists);
  let used = 0;
  for (let c = 0; c < problem.cap.length; c++) {
    const b = lists.offset[c];
    for (let k = 0; k < Math.min(lists.length[c], problem.cap[c]); k++) used += problem.cost[lists.item[b + k]];
  }
  return problem.budget - used;
}

/**
 * Brackets the minimiser of g by bisection on its slope: at `low` the
 * relaxation overspends (unless low = high = 0), at `high` it fits the budget.
 */
function lambdaRange(problem: Problem, lists: TopLists): { low: number; high: number } {
  if (relaxationSlack(problem, 0, lists) >= 0) return { low: 0, high: 0 }; // budget does not bind
  let low = 0;
  let high = 0;
  for (let t = 0; t < problem.score.length; t++) high = Math.max(high, problem.score[t] / problem.cost[t]);
  for (let iteration = 0; iteration < 40; iteration++) {
    const mid = (low + high) / 2;
    if (relaxationSlack(problem, mid, lists) < 0) low = mid;
    else high = mid;
  }
  return { low, high };
}

/**
 * A proven upper bound on the optimum of `problem`: min over lambda of g(lambda)
 * (the LP relaxation under both caps, as g's minimum equals it), evaluated at
 * the bisection's end points and middle and at 0; any lambda >= 0 is valid, so
 * the bisection's precision only affects tightness. Totals are multiples of
 * `grain`, so the bound is rounded down to one after allowing for rounding
 * errors of the floating-point sums.
 */
function relaxationBound(problem: Problem, grain: number): number {
  const n = problem.score.length;
  if (n === 0) return 0;
  const lists = makeTopLists(problem);
  const { low, high } = lambdaRange(problem, lists);
  let magnitude = 0;
  for (let t = 0; t < n; t++) magnitude += problem.score[t] + high * problem.cost[t];
  magnitude += high * problem.budget;
  let best = Infinity;
  for (const lambda of [0, low, (low + high) / 2, high]) {
    fillTopLists(problem, lambda, lists);
    let g = lambda * problem.budget;
    for (let c = 0; c < problem.cap.length; c++) {
      const b = lists.offset[c];
      for (let k = 0; k < Math.min(lists.length[c], problem.cap[c]); k++) g += lists.value[b + k];
    }
    best = Math.min(best, g);
  }
  return Math.floor((best + floatSlack(n + problem.cap.length, magnitude)) / grain) * grain;
}

/**
 * Upper bound on the rounding error of the floating-point Lagrangian sums:
 * `terms` additions of values up to `magnitude`, with a generous factor. The
 * 0.5 keeps decisions on the safe side of an integer boundary.
 */
function floatSlack(terms: number, magnitude: number): number {
  return 0.5 + 8 * (terms + 64) * Number.EPSILON * magnitude;
}

/**
 * Reduced-cost fixing. With the relaxation at lambda: forcing an item that
 * the relaxation takes out of the subset replaces it by the category's
 * runner-up; forcing a left-out item in replaces the category's weakest
 * choice. If that bound is below `target` (a total known to be reachable), no
 * optimal subset can make that choice, so the item is fixed the other way.
 */
function lagrangianFixing(problem: Problem, target: number, lambda: number, lists: TopLists): { fixedIn: number[]; fixedOut: number[] } {
  fillTopLists(problem, lambda, lists);
  const n = problem.score.length;
  const K = problem.cap.length;
  const taken = new Uint8Array(n);
  let bound = lambda * problem.budget;
  let magnitude = lambda * problem.budget;
  const weakest = new Float64Array(K);
  const runnerUp = new Float64Array(K);
  for (let c = 0; c < K; c++) {
    const b = lists.offset[c];
    const slots = problem.cap[c];
    const length = lists.length[c];
    for (let k = 0; k < Math.min(length, slots); k++) {
      taken[lists.item[b + k]] = 1;
      bound += lists.value[b + k];
    }
    weakest[c] = slots > 0 && length >= slots ? lists.value[b + slots - 1] : 0;
    runnerUp[c] = length > slots ? lists.value[b + slots] : 0;
  }
  for (let t = 0; t < n; t++) magnitude += problem.score[t] + lambda * problem.cost[t];
  const limit = target - floatSlack(n + K, magnitude);

  const fixedIn: number[] = [];
  const fixedOut: number[] = [];
  for (let t = 0; t < n; t++) {
    const c = problem.cat[t];
    const value = problem.score[t] - lambda * problem.cost[t];
    if (taken[t]) {
      if (bound - value + runnerUp[c] < limit) fixedIn.push(t);
    } else if (bound - weakest[c] + value < limit) {
      fixedOut.push(t);
    }
  }
  return { fixedIn, fixedOut };
}

/* Heuristic lower bound ---------------------------------------------------- */

/**
 * A total some subset reaches: the best of greedy-by-rank, greedy-by-density
 * and the relaxation's feasible choice filled up greedily, then improved by
 * add / one-for-one swap moves. Only its value is used (it sharpens pruning);
 * it never decides the answer.
 */
function heuristicValue(problem: Problem, lambdaHigh: number, lists: TopLists): number {
  return heuristicSelection(problem, lambdaHigh, lists).reduce((total, t) => total + problem.score[t], 0);
}

/** The best of the heuristic starts, as indices into the problem. */
function heuristicSelection(problem: Problem, lambdaHigh: number, lists: TopLists): number[] {
  const n = problem.score.length;
  const ratio = new Float64Array(n);
  for (let t = 0; t < n; t++) ratio[t] = problem.score[t] / problem.cost[t];
  const density = rankOrder(n).sort((a, b) => ratio[b] - ratio[a] || a - b);
  const relaxed = new Uint8Array(n);
  fillTopLists(problem, lambdaHigh, lists);
  for (let c = 0; c < problem.cap.length; c++) {
    for (let k = 0; k < Math.min(lists.length[c], problem.cap[c]); k++) relaxed[lists.item[lists.offset[c] + k]] = 1;
  }
  const starts: [Uint8Array, number[]][] = [
    [new Uint8Array(n), rankOrder(n)],
    [new Uint8Array(n), density],
    [relaxed, rankOrder(n)],
  ];
  let best = -1;
  let bestChosen: Uint8Array = new Uint8Array(n);
  for (const [chosen, order] of starts) {
    fillGreedily(problem, chosen, order);
    const total = improveBySwaps(problem, chosen);
    if (total > best) {
      best = total;
      bestChosen = chosen;
    }
  }
  return rankOrder(n).filter((t) => bestChosen[t] === 1);
}

/** Adds items in the given order whenever they fit; returns the resulting total. */
function fillGreedily(problem: Problem, chosen: Uint8Array, order: readonly number[]): number {
  const slots = [...problem.cap];
  let left = problem.budget;
  let total = 0;
  for (let t = 0; t < chosen.length; t++) {
    if (chosen[t]) {
      slots[problem.cat[t]] -= 1;
      left -= problem.cost[t];
      total += problem.score[t];
    }
  }
  for (const t of order) {
    if (!chosen[t] && slots[problem.cat[t]] > 0 && problem.cost[t] <= left) {
      chosen[t] = 1;
      slots[problem.cat[t]] -= 1;
      left -= problem.cost[t];
      total += problem.score[t];
    }
  }
  return total;
}

/** Local search: add any item that fits, or swap in an item for the chosen one giving the largest gain. */
function improveBySwaps(problem: Problem, chosen: Uint8Array): number {
  const { score, cost, cat } = problem;
  const slots = [...problem.cap];
  let left = problem.budget;
  let total = 0;
  for (let t = 0; t < chosen.length; t++) {
    if (chosen[t]) {
      slots[cat[t]] -= 1;
      left -= cost[t];
      total += score[t];
    }
  }
  for (let pass = 0, improved = true; improved && pass < 100; pass++) {
    improved = false;
    const members: number[] = [];
    let lowest = Infinity;
    for (let t = 0; t < chosen.length; t++) {
      if (chosen[t]) {
        members.push(t);
        lowest = Math.min(lowest, score[t]);
      }
    }
    for (let j = 0; j < chosen.length; j++) {
      if (chosen[j]) continue;
      const c = cat[j];
      if (slots[c] > 0 && cost[j] <= left) {
        chosen[j] = 1;
        slots[c] -= 1;
        left -= cost[j];
        total += score[j];
        improved = true;
        continue;
      }
      if (score[j] <= lowest) continue; // no swap can gain (heuristic: `lowest` is from the start of the pass)
      let out = -1;
      let gain = 0;
      for (const i of members) {
        if (!chosen[i] || (cat[i] !== c && slots[c] === 0) || cost[j] - cost[i] > left) continue;
        if (score[j] - score[i] > gain) {
          gain = score[j] - score[i];
          out = i;
        }
      }
      if (out >= 0) {
        chosen[out] = 0;
        chosen[j] = 1;
        slots[cat[out]] += 1;
        slots[c] -= 1;
        left += cost[out] - cost[j];
        total += gain;
        members[members.indexOf(out)] = j;
        improved = true;
      }
    }
  }
  return total;
}

/* Exact search ------------------------------------------------------------- */

interface SearchLimit {
  /** Node expansions allowed (a probe); Infinity for the exact search. */
  maxNodes: number;
  /** Epoch milliseconds at which the search stops; Infinity for none. */
  deadline?: number;
}

/** How often (in loop turns) the search looks at the clock. */
const CLOCK_EVERY = 4096;

/** Nodes a probe may expand; it only looks for a better `target`, never decides the answer. */
const PROBE_NODES = 4000;
const MAX_PROBES = 3;

/**
 * A quick, node-limited run of the search with items ordered by reduced value
 * score - lambda * cost (the order in which the relaxation likes them), which
 * finds near-optimal totals much sooner than rank order. Returns the best
 * total it saw (at least `target`).
 */
function probeValue(problem: Problem, target: number, grain: number): number {
  const n = problem.score.length;
  if (n === 0) return target;
  const { low, high } = lambdaRange(problem, makeTopLists(problem));
  const lambda = (low + high) / 2;
  const reduced = (t: number): number => problem.score[t] - lambda * problem.cost[t];
  const order = rankOrder(n).sort((a, b) => reduced(b) - reduced(a) || a - b);
  const { picks } = lexSearch(restrict(problem, order, problem.cap, problem.budget), target, grain, { maxNodes: PROBE_NODES }, false);
  if (picks === null) return target;
  return Math.max(
    target,
    picks.reduce((sum, k) => sum + problem.score[order[k]], 0),
  );
}

/**
 * Depth-first branch and bound. Returns the lexicographically first subset
 * (0/1 vector over rank order, greater first) among those with the largest
 * total, provided that total is at least `atLeast`; null otherwise. Indices
 * are ascending. All totals are multiples of `grain` (the gcd of the scores),
 * so a branch is pruned as soon as it provably cannot reach best + grain.
 *
 * Search tree: a node is a partial selection whose last pick is at position
 * d - 1; its children pick the next item j >= d (j ascending), and the node's
 * own set ("pick nothing more") is considered after all children. This visits
 * subsets in decreasing lexicographic order of their 0/1 vectors, so keeping
 * only strictly better totals yields the lexicographically greatest optimum.
 * Items that do not fit (budget, category slots) are skipped with per-category
 * segment trees, and a child with a single pick left is completed directly:
 * in rank order the first item that fits is the best one.
 *
 * With `rankOrdered` false, items may be in any order (used by `probeValue` to
 * find good totals quickly): the rank-order shortcuts are off. The search stops
 * after `limit.maxNodes` expansions or at `limit.deadline`, returning the best
 * subset seen with `stopped` set.
 *
 * Two upper bounds for a node whose remaining choices are positions >= j,
 * with remaining slots r_c and budget R (both only shrink as j advances, so
 * once a bound fails no later j can succeed):
 *  - Lagrangian: g restricted to those items, minimised over a few fixed
 *    lambdas. Its inner sums are tabulated for every lambda, category, suffix
 *    start and r_c, so it costs O(#lambdas) and is updated incrementally
 *    while j advances. Tight when scores and prices trade off.
 *  - Cardinality: k = the most items that still fit (cheapest first within
 *    the slots, which is exact for this partition-matroid structure), and
 *    then the k best scores within the slots. Exact when scores tie, which is
 *    where the Lagrangian bound is weakest (it is off by a fraction of an item).
 */
function lexSearch(
  problem: Problem,
  atLeast: number,
  grain: number,
  limit: SearchLimit,
  rankOrdered = true,
): { picks: number[] | null; stopped: boolean } {
  const { score, cost, cat, budget } = problem;
  // In probe mode items are not in rank order, so the shortcuts that rely on
  // "earlier = higher score" are off.
  let nodesLeft = limit.maxNodes;
  const deadline = limit.deadline ?? Infinity;
  let stopped = false;
  let turns = 0;
  const n = score.length;
  const K = problem.cap.length;

  const catPos = new Int32Array(n); // position of an item within its category
  const size = new Array<number>(K).fill(0);
  for (let t = 0; t < n; t++) catPos[t] = size[cat[t]]++;
  const members: number[][] = size.map(() => []);
  for (let t = 0; t < n; t++) members[cat[t]].push(t);
  // Effective slots: no subset holds more items of a category than its
  // cheapest ones that fit the budget together. This also bounds the tables.
  const cap = problem.cap.map((slots, c) => {
    const costs = members[c].map((t) => cost[t]).sort((a, b) => a - b);
    let fit = 0;
    for (let spent = 0; fit < costs.length && spent + costs[fit] <= budget; fit++) spent += costs[fit];
    return Math.max(0, Math.min(slots, fit));
  });

  // Table sizes grow with items x slots; refuse (loudly) rather than exhaust memory on
  // instances far beyond any grant call, and use fewer multipliers for big ones.
  let cells = (n + 1) * K;
  for (let c = 0; c < K; c++) cells += (size[c] + 1) * (cap[c] + 1);
  if (cells > MAX_TABLE_CELLS) {
    throw new RangeError(`funding-proposal: instance too large for the exact solver (${cells} table cells)`);
  }
  const { low, high } = lambdaRange(problem, makeTopLists(problem));
  const rootLambda = (low + high) / 2;
  const factors = LAMBDA_FACTORS.slice(0, Math.max(1, Math.floor(MAX_TABLE_CELLS / cells) - 1));
  const lambdas = rootLambda > 0 ? [0, ...factors.map((f) => f * rootLambda)] : [0];
  const L = lambdas.length;

  // top[at(c, p, r) + l] = sum of the r largest positive values of
  // score - lambdas[l] * cost among items p.. of category c.
  const base = new Array<number>(K);
  let tableSize = 0;
  for (let c = 0; c < K; c++) {
    base[c] = tableSize;
    tableSize += (size[c] + 1) * (cap[c] + 1) * L;
  }
  const top = new Float64Array(tableSize);
  const at = (c: number, p: number, r: number): number => base[c] + (p * (cap[c] + 1) + r) * L;
  for (let c = 0; c < K; c++) {
    for (let l = 0; l < L; l++) {
      const best: number[] = []; // descending, at most cap[c] positive values
      for (let p = size[c] - 1; p >= 0; p--) {
        const t = members[c][p];
        const value = score[t] - lambdas[l] * cost[t];
        if (value > 0 && cap[c] > 0) insertSorted(best, value, cap[c], (a, b) => a > b);
        let sum = 0;
        for (let r = 1; r <= cap[c]; r++) {
          if (r <= best.length) sum += best[r - 1];
          top[at(c, p, r) + l] = sum;
        }
      }
      // Row p = size[c] and column r = 0 stay 0.
    }
  }

  // cheap[cheapAt(c, p) + k] = (k+1)-th smallest cost among items p.. of
  // category c (Infinity if none), for k < cap[c].
  const cheapBase = new Array<number>(K);
  let cheapSize = 0;
  for (let c = 0; c < K; c++) {
    cheapBase[c] = cheapSize;
    cheapSize += (size[c] + 1) * cap[c];
  }
  const cheap = new Float64Array(cheapSize).fill(Infinity);
  const cheapAt = (c: number, p: number): number => cheapBase[c] + p * cap[c];
  for (let c = 0; c < K; c++) {
    const smallest: number[] = [];
    for (let p = size[c] - 1; p >= 0; p--) {
      if (cap[c] > 0) insertSorted(smallest, cost[members[c][p]], cap[c], (a, b) => a < b);
      smallest.forEach((value, k) => (cheap[cheapAt(c, p) + k] = value));
    }
  }
  // firstAt[j * K + c] = position within category c of its first item at or after j.
  const firstAt = new Int32Array((n + 1) * K);
  for (let j = 0; j < n; j++) {
    firstAt.copyWithin((j + 1) * K, j * K, (j + 1) * K);
    firstAt[(j + 1) * K + cat[j]] += 1;
  }

  // Per category, a min-segment tree over costs (by position in the category)
  // to find the first item at or after a position that fits a budget.
  const segLeaves = new Array<number>(K);
  const segBase = new Array<number>(K);
  let segSize = 0;
  for (let c = 0; c < K; c++) {
    let leaves = 1;
    while (leaves < size[c]) leaves *= 2;
    segLeaves[c] = leaves;
    segBase[c] = segSize;
    segSize += 2 * leaves;
  }
  const seg = new Float64Array(segSize).fill(Infinity);
  for (let c = 0; c < K; c++) {
    const b = segBase[c];
    const leaves = segLeaves[c];
    members[c].forEach((t, q) => (seg[b + leaves + q] = cost[t]));
    for (let i = leaves - 1; i >= 1; i--) seg[b + i] = Math.min(seg[b + 2 * i], seg[b + 2 * i + 1]);
  }
  /** Position within category c of the first item at position >= q costing <= limit, or -1. */
  const firstFit = (c: number, q: number, limit: number): number => {
    if (q >= size[c]) return -1;
    const b = segBase[c];
    const leaves = segLeaves[c];
    let i = q + leaves;
    // Walk right along the boundary until a subtree holds a fitting item...
    while (seg[b + i] > limit) {
      while (i & 1) i >>= 1; // climb while a right child
      if (i === 0) return -1; // passed the root
      i += 1;
    }
    // ...then descend to its leftmost fitting leaf.
    while (i < leaves) {
      i *= 2;
      if (seg[b + i] > limit) i += 1;
    }
    return i - leaves;
  };
  /**
   * The best single item at positions >= j that fits budget r in a category
   * with a free slot (per `remaining`): items are in rank order, i.e. by
   * descending score, so it is the earliest fitting one. -1 if none.
   */
  const bestLastPick = (j: number, r: number): number => {
    let found = -1;
    for (let c = 0; c < K; c++) {
      if (remaining[c] === 0) continue;
      const q = firstFit(c, firstAt[j * K + c], r);
      if (q >= 0 && (found < 0 || members[c][q] < found)) found = members[c][q];
    }
    return found;
  };

  // Float safety: lambda > 0 bounds are floating point; prune only when
  // bound <= best + grain - slack, which still proves that no completion
  // reaches best + grain. The lambda = 0 and cardinality bounds are exact.
  let maxDepth = 0;
  let magnitude = lambdas[L - 1] * budget;
  for (let c = 0; c < K; c++) {
    maxDepth += cap[c];
    for (let l = 0; l < L; l++) magnitude = Math.max(magnitude, top[at(c, 0, cap[c]) + l] * K + lambdas[l] * budget);
  }
  const slack = floatSlack(n * (maxDepth + 2) + 16 * (K + n), magnitude);

  // Search state; depth = number of picks <= maxDepth.
  const next = new Int32Array(maxDepth + 1); // next position to try at each depth
  const nodeScore = new Float64Array(maxDepth + 1);
  const nodeBudget = new Float64Array(maxDepth + 1);
  const sums = new Float64Array((maxDepth + 1) * L); // sum_c top(c, p_c(next), r_c) per lambda
  const picks = new Int32Array(maxDepth);
  const remaining = Int32Array.from(cap);
  const heads = new Int32Array(K);
  let best = atLeast - grain;
  let bestPicks: number[] | null = null;

  const lagrangianBound = (depth: number, s: number, r: number): number => {
    let min = Infinity;
    const offset = depth * L;
    for (let l = 0; l < L; l++) {
      const v = lambdas[l] * r + sums[offset + l];
      if (v < min) min = v;
    }
    return s + min;
  };

  // Uses `remaining` as the slots; exact integer arithmetic.
  // `slotsTotal` = sum of `remaining`: once that many items fit, the bound is
  // the lambda = 0 bound, which has already been checked, so give up early.
  const cardinalityBound = (j: number, s: number, r: number, slotsTotal: number): number => {
    const row = j * K;
    heads.fill(0);
    let k = 0;
    let left = r;
    for (;;) {
      if (k === slotsTotal) return Infinity;
      let pick = -1;
      let pickCost = left;
      for (let c = 0; c < K; c++) {
        if (heads[c] >= remaining[c]) continue;
        const v = cheap[cheapAt(c, firstAt[row + c]) + heads[c]];
        if (v <= pickCost) {
          pick = c;
          pickCost = v;
        }
      }
      if (pick < 0) break;
      left -= pickCost;
      heads[pick] += 1;
      k += 1;
    }
    heads.fill(0);
    let total = s;
    for (; k > 0; k--) {
      let pick = -1;
      let pickScore = -1;
      for (let c = 0; c < K; c++) {
        const p = firstAt[row + c] + heads[c];
        if (heads[c] >= remaining[c] || p >= size[c]) continue;
        if (score[members[c][p]] > pickScore) {
          pick = c;
          pickScore = score[members[c][p]];
        }
      }
      if (pick < 0) break;
      total += pickScore;
      heads[pick] += 1;
    }
    return total;
  };

  // The cardinality bound costs O(k * K) per call and only pays off when
  // scores tie a lot; keep calling it while at least 1 in 8 calls prunes,
  // otherwise only every 16th time (to notice when it starts paying again).
  // This only affects speed: every bound is valid.
  let cardinalityCalls = 0;
  let cardinalityPrunes = 0;
  let cardinalityTick = 0;
  const cardinalityPays = (): boolean => {
    cardinalityTick += 1;
    if (cardinalityPrunes * 8 >= cardinalityCalls - 32 || cardinalityTick % 16 === 0) {
      cardinalityCalls += 1;
      return true;
    }
    return false;
  };

  /** Sets sums[offset + l] for the items at positions >= j and the current `remaining`. */
  const suffixSums = (j: number, offset: number): void => {
    for (let l = 0; l < L; l++) sums[offset + l] = 0;
    if (j >= n) return;
    for (let c = 0; c < K; c++) {
      const row = at(c, firstAt[j * K + c], remaining[c]);
      for (let l = 0; l < L; l++) sums[offset + l] += top[row + l];
    }
  };
  /** First position >= j with a free slot in its category and cost <= r, or n. */
  const nextFit = (j: number, r: number): number => {
    const last = bestLastPick(j, r);
    return last < 0 ? n : last;
  };

  suffixSums(0, 0);
  nodeBudget[0] = budget;
  let depth = 0;
  let slotsLeft = maxDepth; // sum of remaining

  for (;;) {
    if (++turns % CLOCK_EVERY === 0 && !stopped && Date.now() >= deadline) {
      stopped = true;
      nodesLeft = 0;
    }
    const s = nodeScore[depth];
    const r = nodeBudget[depth];
    const offset = depth * L;
    let descended = false;
    // Probe budget spent or deadline reached: stop trying children; the
    // unwinding below still records the sets on the current path.
    let j = nodesLeft > 0 ? next[depth] : n;
    if (slotsLeft <= 1 && rankOrdered) {
      // Only reached at the root: deeper nodes with one slot are evaluated directly below.
      const last = slotsLeft === 1 ? bestLastPick(j, r) : -1;
      if (last >= 0 && s + score[last] > best) {
        best = s + score[last];
        bestPicks = [...picks.subarray(0, depth), last];
      }
      j = n;
    }
    while (j < n) {
      // Skip to the next item that fits (a slot in its category, cost <= r).
      if (remaining[cat[j]] === 0 || cost[j] > r) {
        const fit = nextFit(j, r);
        if (fit - j <= K) {
          for (; j < fit; j++) {
            const slots = remaining[cat[j]];
            if (slots === 0) continue; // table columns r = 0 are zero: sums are unchanged
            const here = at(cat[j], catPos[j], slots);
            const after = here + L * (cap[cat[j]] + 1);
            for (let l = 0; l < L; l++) sums[offset + l] += top[after + l] - top[here + l];
          }
        } else {
          j = fit;
          suffixSums(j, offset);
        }
        if (j >= n) break;
      }
      const c = cat[j];
      const slots = remaining[c];
      const p = catPos[j];
      const here = at(c, p, slots);
      const after = at(c, p + 1, slots);
      if (lagrangianBound(depth, s, r) <= best + grain - slack) break; // and so for every later j
      // Child "pick j": one slot fewer in c, positions < j + 1 decided.
      const childOffset = offset + L;
      const reduced = at(c, p + 1, slots - 1);
      for (let l = 0; l < L; l++) sums[childOffset + l] = sums[offset + l] - top[here + l] + top[reduced + l];
      for (let l = 0; l < L; l++) sums[offset + l] += top[after + l] - top[here + l];
      const picked = j;
      j += 1;
      const childScore = s + score[picked];
      const childBudget = r - cost[picked];
      // A child's bound covers its own set too, so skipping it loses nothing.
      if (lagrangianBound(depth + 1, childScore, childBudget) <= best + grain - slack) continue;
      remaining[c] -= 1;
      if (slotsLeft === 2 && rankOrdered) {
        // The child has one pick left: its best completion is known exactly.
        const last = bestLastPick(j, childBudget);
        remaining[c] += 1;
        const value = last >= 0 ? childScore + score[last] : childScore;
        if (value > best) {
          best = value;
          bestPicks = [...picks.subarray(0, depth), picked, ...(last >= 0 ? [last] : [])];
        }
        continue;
      }
      if (rankOrdered && cardinalityPays() && cardinalityBound(j, childScore, childBudget, slotsLeft - 1) <= best) {
        cardinalityPrunes += 1;
        remaining[c] += 1;
        if (cardinalityBound(j, s, r, slotsLeft) <= best) break; // no later child can do better
        continue;
      }
      next[depth] = j;
      picks[depth] = picked;
      slotsLeft -= 1;
      depth += 1;
      next[depth] = j;
      nodeScore[depth] = childScore;
      nodeBudget[depth] = childBudget;
      descended = true;
      nodesLeft -= 1;
      break;
    }
    if (descended) continue;

    // All children done: now the node's own set (lexicographically after them).
    if (s > best) {
      best = s;
      bestPicks = Array.from(picks.subarray(0, depth));
    }
    if (depth === 0) break;
    depth -= 1;
    remaining[cat[picks[depth]]] += 1;
    slotsLeft += 1;
  }
  return { picks: bestPicks, stopped: stopped || nodesLeft <= 0 };
}
