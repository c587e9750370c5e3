import { EntityManager } from 'typeorm';
import { CallView } from './dto/call.dto';

/** The phase in SQL, from the database clock: the same rule as `callPhase`. */
export const PHASE_SQL = `CASE
  WHEN c.status = 'draft' THEN 'draft'
  WHEN c.decided_at IS NOT NULL THEN 'decided'
  WHEN c.closed_at IS NOT NULL OR now() >= c.closes_at THEN 'closed'
  WHEN now() < c.opens_at THEN 'upcoming'
  ELSE 'open' END`;

const SELECT_CALL = `
  SELECT c.id, c.title, c.description, c.opens_at, c.closes_at, c.timezone, c.total_budget,
         c.reviews_per_application, c.eligible_kinds, c.min_self_financing_percent, c.reports_due,
         c.reviews_due_at, c.disagreement_threshold, c.acceptance_days, c.payment_plan, c.case_number_prefix, c.status, c.published_at, c.closed_at, c.decided_at, c.created_at, c.updated_at,
         ${PHASE_SQL} AS phase,
         (SELECT coalesce(json_agg(json_build_object('key', k.key, 'title', k.title, 'maxFunded', k.max_funded,
                 'maxAmount', k.max_amount) ORDER BY k.position), '[]') FROM call_categories k WHERE k.call_id = c.id) AS categories,
         (SELECT coalesce(json_agg(json_build_object('key', k.key, 'title', k.title, 'weight', k.weight,
                 'maxScore', k.max_score) ORDER BY k.position), '[]') FROM call_criteria k WHERE k.call_id = c.id) AS criteria
    FROM calls c`;

type Row = Record<string, unknown>;

function toView(r: Row): CallView {
  return {
    id: r.id as string,
    title: r.title as CallView['title'],
    description: r.description as CallView['description'],
    opensAt: r.opens_at as Date,
    closesAt: r.closes_at as Date,
    timezone: r.timezone as string,
    totalBudget: Number(r.total_budget),
    categories: (r.categories as CallView['categories']).map((k) => ({
      ...k,
      maxAmount: k.maxAmount === null ? null : Number(k.maxAmount),
    })),
    criteria: (r.criteria as CallView['criteria']).map((k) => ({ ...k, weight: Number(k.weight) })),
    reviewsPerApplication: r.reviews_per_application as number,
    eligibleKinds: r.eligible_kinds as CallView['eligibleKinds'],
    minSelfFinancingPercent: r.min_self_financing_percent === null ? null : Number(r.min_self_financing_percent),
    reportsDue: r.reports_due as CallView['reportsDue'],
    reviewsDueAt: r.reviews_due_at as Date | null,
    disagreementThreshold: Number(r.disagreement_threshold),
    acceptanceDays: r.acceptance_days as number,
    paymentPlan: r.payment_plan as CallView['paymentPlan'],
    caseNumberPrefix: r.case_number_prefix as string | null,
    status: r.status as CallView['status'],
    phase: r.phase as CallView['phase'],
    publishedAt: r.published_at as Date | null,
    closedAt: r.closed_at as Date | null,
    decidedAt: r.decided_at as Date | null,
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at as Date,
  };
}

export async function findCall(m: EntityManager, id: string): Promise<CallView | undefined> {
  const rows: Row[] = await m.query(`${SELECT_CALL} WHERE c.id = $1`, [id]);
  return rows[0] ? toView(rows[0]) : undefined;
}

export async function listCalls(m: EntityManager, publishedOnly: boolean): Promise<CallView[]> {
  const rows: Row[] = await m.query(
    `${SELECT_CALL} ${publishedOnly ? `WHERE c.status = 'published'` : ''} ORDER BY c.closes_at DESC, c.id`,
  );
  return rows.map(toView);
}
