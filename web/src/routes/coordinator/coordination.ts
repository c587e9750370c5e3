/**
 * The coordinator's room's pure rules: which calls a coordinator follows, which reports wait for
 * them, and the practice search's query. No React, no fetching: tested in coordination.test.ts.
 */

export const REPORT_TYPES = ['interim', 'final'] as const;
export type ReportType = (typeof REPORT_TYPES)[number];
export const PARTNERSHIP_LEVELS = ['everyday', 'development', 'strategic'] as const;
export const PRACTICE_STATUSES = ['in_progress', 'completed'] as const;
export type ReportStatus = 'due' | 'submitted' | 'accepted' | 'returned' | 'overdue';

export interface ProjectLike {
  id: string;
  callId: string;
  grantedAmount: number;
}

export interface CoordinatedCall {
  callId: string;
  projects: number;
  grantedAmount: number;
}

/** The calls whose projects the coordinator follows, each with its projects and money, in the order first met. */
export function coordinatedCalls(projects: readonly ProjectLike[]): CoordinatedCall[] {
  const byCall = new Map<string, CoordinatedCall>();
  for (const p of projects) {
    const c = byCall.get(p.callId) ?? { callId: p.callId, projects: 0, grantedAmount: 0 };
    c.projects += 1;
    c.grantedAmount += p.grantedAmount;
    byCall.set(p.callId, c);
  }
  return [...byCall.values()];
}

export interface ReportLike {
  type: string;
  status: ReportStatus;
  dueAt: string;
}

/** A report that the coordinator has to read now: submitted and not yet accepted or returned. */
export function awaitsReview(report: Pick<ReportLike, 'status'>): boolean {
  return report.status === 'submitted';
}

/**
 * A report whose time has run out without a text: marked overdue by the worker, or still due
 * (or returned) after its due date before the worker has got to it.
 */
export function isOverdue(report: ReportLike, now: number): boolean {
  if (report.status === 'overdue') return true;
  return (report.status === 'due' || report.status === 'returned') && new Date(report.dueAt).getTime() < now;
}

/** Reports in the order they fall due, the interim before the final on the same day. */
export function byDueDate<T extends ReportLike>(reports: readonly T[]): T[] {
  const order = (t: string) => REPORT_TYPES.indexOf(t as ReportType);
  return [...reports].sort((a, b) => a.dueAt.localeCompare(b.dueAt) || order(a.type) - order(b.type));
}

export function isReportType(value: string): value is ReportType {
  return (REPORT_TYPES as readonly string[]).includes(value);
}

export interface PracticeFilters {
  q: string;
  level: string;
  organizationId: string;
  status: string;
}

export interface PracticeQuery {
  q?: string;
  level?: 'everyday' | 'development' | 'strategic';
  status?: 'in_progress' | 'completed';
  organizationId?: string;
  limit: number;
}

/** The query of GET /api/practices for the filters as chosen: empty ones left out, the words trimmed. */
export function practiceQuery(filters: PracticeFilters, limit = 50): PracticeQuery {
  const query: PracticeQuery = { limit };
  const q = filters.q.trim().replace(/\s+/g, ' ');
  if (q) query.q = q;
  if ((PARTNERSHIP_LEVELS as readonly string[]).includes(filters.level)) query.level = filters.level as PracticeQuery['level'];
  if ((PRACTICE_STATUSES as readonly string[]).includes(filters.status)) query.status = filters.status as PracticeQuery['status'];
  if (filters.organizationId) query.organizationId = filters.organizationId;
  return query;
}

/** What a returned report needs: a comment saying what to fix. Accepting needs none. */
export function reviewError(outcome: 'accepted' | 'returned', comment: string): 'commentRequired' | null {
  return outcome === 'returned' && comment.trim() === '' ? 'commentRequired' : null;
}
