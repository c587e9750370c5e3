import type { FieldError } from '../common/problem';

export interface Criterion {
  key: string;
  weight: number;
  maxScore: number;
}

/** Every criterion scored once, as an integer from 0 to its maximum; nothing else. Pure. */
export function scoreErrors(scores: Record<string, unknown>, criteria: Criterion[]): FieldError[] {
  const errors: FieldError[] = [];
  for (const key of Object.keys(scores)) {
    if (!criteria.some((c) => c.key === key)) errors.push({ field: `scores.${key}`, message: `the call has no criterion ${key}` });
  }
  for (const c of criteria) {
    const value = scores[c.key];
    if (value === undefined) errors.push({ field: `scores.${c.key}`, message: `criterion ${c.key} must be scored` });
    else if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > c.maxScore) {
      errors.push({ field: `scores.${c.key}`, message: `${c.key} must be an integer from 0 to ${c.maxScore}` });
    }
  }
  return errors;
}

/**
 * One review's weighted score on a 0–100 scale: Σ(weight × score / maxScore) / Σ(weight) × 100.
 * The ranking query computes the same in SQL; this is its reference.
 */
export function weightedScore(scores: Record<string, number>, criteria: Criterion[]): number {
  const totalWeight = criteria.reduce((s, c) => s + c.weight, 0);
  return (criteria.reduce((s, c) => s + (c.weight * (scores[c.key] ?? 0)) / c.maxScore, 0) / totalWeight) * 100;
}

export interface AssignmentInput {
  /** Applications in review, each with the organisations a reviewer must not belong to. */
  applications: { id: string; organizationIds: string[] }[];
  reviewers: { id: string; organizationId: string }[];
  /** Assignments that already exist (application → reviewers). */
  existing: { applicationId: string; reviewerId: string }[];
  /** Declared conflicts (application → reviewer). */
  conflicts: { applicationId: string; reviewerId: string }[];
  perApplication: number;
}

/**
 * Gives every application up to `perApplication` reviewers, never one from its lead or member
 * organisations nor one with a declared conflict, always choosing the least-loaded eligible
 * reviewer (ties by id). Applications with the fewest eligible reviewers go first, so that the
 * scarce reviewers are not used up elsewhere. Loads end within one of each other wherever the
 * exclusions allow. Pure and deterministic.
 */
export function planAssignments(input: AssignmentInput): { applicationId: string; reviewerId: string }[] {
  const load = new Map(input.reviewers.map((r) => [r.id, 0]));
  const assigned = new Map<string, Set<string>>();
  for (const e of input.existing) {
    if (load.has(e.reviewerId)) load.set(e.reviewerId, (load.get(e.reviewerId) ?? 0) + 1);
    if (!assigned.has(e.applicationId)) assigned.set(e.applicationId, new Set());
    assigned.get(e.applicationId)?.add(e.reviewerId);
  }
  const conflicted = new Set(input.conflicts.map((c) => `${c.applicationId}/${c.reviewerId}`));
  const eligible = (app: { id: string; organizationIds: string[] }) =>
    input.reviewers.filter(
      (r) => !app.organizationIds.includes(r.organizationId) && !conflicted.has(`${app.id}/${r.id}`) && !assigned.get(app.id)?.has(r.id),
    );

  const order = [...input.applications].sort((a, b) => eligible(a).length - eligible(b).length || a.id.localeCompare(b.id));
  const plan: { applicationId: string; reviewerId: string }[] = [];
  for (const app of order) {
    const need = input.perApplication - (assigned.get(app.id)?.size ?? 0);
    if (need <= 0) continue;
    const chosen = eligible(app)
      .sort((a, b) => (load.get(a.id) ?? 0) - (load.get(b.id) ?? 0) || a.id.localeCompare(b.id))
      .slice(0, need);
    for (const r of chosen) {
      plan.push({ applicationId: app.id, reviewerId: r.id });
      load.set(r.id, (load.get(r.id) ?? 0) + 1);
    }
  }
  return plan;
}
