/**
 * The reviewer's room without React: how near a call's review due date is, which criteria a
 * draft still lacks, the scores to send, the others' reviews to show and the order of the
 * assignments. Pure, so that it is tested on its own.
 */

export type ReviewStatus = 'not_started' | 'draft' | 'submitted';

/** `none`: the call sets no due date; `soon`: under three days left; `past`: the due date has gone by. */
export type DueState = 'none' | 'open' | 'soon' | 'past';

export const SOON_MS = 3 * 24 * 60 * 60_000;

export function dueState(dueAt: string | null | undefined, now: number): DueState {
  if (!dueAt) return 'none';
  const left = new Date(dueAt).getTime() - now;
  if (Number.isNaN(left)) return 'none';
  if (left <= 0) return 'past';
  return left < SOON_MS ? 'soon' : 'open';
}

/** A review that is not submitted by its due date is late; a submitted one never is. */
export function isLate(status: ReviewStatus, dueAt: string | null | undefined, now: number): boolean {
  return status !== 'submitted' && dueState(dueAt, now) === 'past';
}

export interface CriterionLike {
  key: string;
  maxScore: number;
}

/** A draft's scores as the form holds them: a criterion not yet chosen is null. */
export type DraftScores = Record<string, number | null>;

/** The draft the form starts from: the saved scores, the criteria without one left unchosen. */
export function initialScores(criteria: CriterionLike[], saved: Record<string, number> | undefined): DraftScores {
  return Object.fromEntries(criteria.map((c) => [c.key, saved && Number.isInteger(saved[c.key]) ? saved[c.key] : null]));
}

/** The criteria (in the call's order) that have no score from 0 to their maximum yet. */
export function missingCriteria<C extends CriterionLike>(criteria: C[], scores: DraftScores): C[] {
  return criteria.filter((c) => {
    const v = scores[c.key];
    return v === null || v === undefined || !Number.isInteger(v) || v < 0 || v > c.maxScore;
  });
}

/** The body's `scores` for PUT /review: every criterion scored, or null while one is missing. */
export function toScores(criteria: CriterionLike[], scores: DraftScores): Record<string, number> | null {
  if (missingCriteria(criteria, scores).length > 0) return null;
  return Object.fromEntries(criteria.map((c) => [c.key, scores[c.key] as number]));
}

/** The element id of a criterion's first option, which a problem's `scores.<key>` field points at. */
export function scoreFieldId(key: string): string {
  return `score-${key}`;
}

/** A problem+json field (`scores.partnerships`, `comment`) as the id of the control on the review page. */
export function reviewFieldId(field: string): string {
  const m = /^scores\.(.+)$/.exec(field);
  return m ? scoreFieldId(m[1]) : field;
}

export interface ReviewLike {
  reviewerId: string;
  status: 'draft' | 'submitted';
  submittedAt?: string | null;
}

/** One's own review and the others' submitted ones; the others only once one's own is submitted. */
export function splitReviews<R extends ReviewLike>(reviews: R[], myId: string): { mine: R | undefined; others: R[] } {
  const mine = reviews.find((r) => r.reviewerId === myId);
  const others =
    mine?.status === 'submitted'
      ? reviews
          .filter((r) => r.reviewerId !== myId && r.status === 'submitted')
          .sort((a, b) => (a.submittedAt ?? '').localeCompare(b.submittedAt ?? '') || a.reviewerId.localeCompare(b.reviewerId))
      : [];
  return { mine, others };
}

export interface AssignmentLike {
  title: string;
  reviewStatus: ReviewStatus;
  dueAt?: string | null;
}

const STATUS_ORDER: Record<ReviewStatus, number> = { draft: 0, not_started: 1, submitted: 2 };

/** The work first: unfinished reviews before submitted ones, the earliest due date first, then by title. */
export function sortAssignments<A extends AssignmentLike>(rows: A[]): A[] {
  const due = (a: A) => (a.dueAt ? new Date(a.dueAt).getTime() : Number.POSITIVE_INFINITY);
  return [...rows].sort((a, b) => {
    const done = Number(a.reviewStatus === 'submitted') - Number(b.reviewStatus === 'submitted');
    if (done !== 0) return done;
    const [da, db] = [due(a), due(b)];
    if (da !== db) return da < db ? -1 : 1;
    return STATUS_ORDER[a.reviewStatus] - STATUS_ORDER[b.reviewStatus] || a.title.localeCompare(b.title, 'fi');
  });
}

/** How many assignments are in each state. */
export function progressCounts(rows: { reviewStatus: ReviewStatus }[]): Record<ReviewStatus, number> {
  const counts: Record<ReviewStatus, number> = { not_started: 0, draft: 0, submitted: 0 };
  for (const r of rows) counts[r.reviewStatus] += 1;
  return counts;
}

/**
 * The i18n key saying in the reviewer's language why the API refused a save, a submit or a
 * conflict (the API words its `detail` in English); null when only the server's words are left.
 */
export function refusalKey(problem: { status: number; code?: string }): string | null {
  if (problem.code === 'INVALID_STATE') return 'reviewer.refusal.invalidState';
  if (problem.code === 'FORBIDDEN' || problem.status === 403) return 'reviewer.refusal.notAssigned';
  if (problem.code === 'NOT_FOUND' || problem.status === 404) return 'reviewer.refusal.notAssigned';
  if (problem.status >= 500) return 'errors.saveFailed';
  return null;
}
