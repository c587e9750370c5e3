import { EntityManager } from 'typeorm';
import { CsvColumn, toCsv } from '../common/csv';

export interface RankingRow {
  applicationId: string;
  title: string;
  organizationName: string;
  category: string;
  score: number | null;
  reviewCount: number;
  spread: number | null;
  requestedAmount: number;
  submittedAt: Date;
  rank: number;
}

/**
 * The ranking of a call's reviewed applications per category, computed in the database: each
 * submitted review's Σ(weight × score / maxScore) / Σ(weight), averaged over an application's
 * reviews, on a 0–100 scale, with the spread between its reviewers. Ties go to the earlier final
 * submission (then the id, so the order is total).
 */
export async function ranking(m: EntityManager, callId: string, category?: string): Promise<RankingRow[]> {
  const rows: Record<string, unknown>[] = await m.query(
    `WITH crit AS (SELECT key, weight, max_score FROM call_criteria WHERE call_id = $1),
          per_review AS (
            SELECT s.application_id, s.reviewer_id,
                   sum(c.weight * s.score / c.max_score) / (SELECT sum(weight) FROM crit) AS s
              FROM review_scores s
              JOIN reviews r ON r.application_id = s.application_id AND r.reviewer_id = s.reviewer_id AND r.status = 'submitted'
              JOIN crit c ON c.key = s.criterion_key
             WHERE s.call_id = $1
             GROUP BY s.application_id, s.reviewer_id),
          per_application AS (
            SELECT application_id, avg(s) * 100 AS score, count(*)::int AS review_count, (max(s) - min(s)) * 100 AS spread
              FROM per_review GROUP BY application_id)
     SELECT a.id, a.title, o.name AS organization_name, a.category, round(p.score, 4) AS score,
            coalesce(p.review_count, 0) AS review_count, round(p.spread, 4) AS spread, a.requested_amount, a.submitted_at,
            row_number() OVER (PARTITION BY a.category ORDER BY p.score DESC NULLS LAST, a.submitted_at, a.id)::int AS rank
       FROM applications a
       JOIN organizations o ON o.id = a.lead_organization_id
       LEFT JOIN per_application p ON p.application_id = a.id
      WHERE a.call_id = $1 AND a.status IN ('in_review', 'funded', 'rejected') AND ($2::text IS NULL OR a.category = $2)
      ORDER BY a.category, rank`,
    [callId, category ?? null],
  );
  return rows.map((r) => ({
    applicationId: r.id as string,
    title: r.title as string,
    organizationName: r.organization_name as string,
    category: r.category as string,
    score: r.score === null ? null : Number(r.score),
    reviewCount: r.review_count as number,
    spread: r.spread === null ? null : Number(r.spread),
    requestedAmount: Number(r.requested_amount),
    submittedAt: r.submitted_at as Date,
    rank: r.rank as number,
  }));
}

const CSV_COLUMNS: CsvColumn<RankingRow>[] = [
  'rank',
  'category',
  'applicationId',
  'title',
  'organizationName',
  'score',
  'reviewCount',
  'spread',
  { key: 'requestedAmount', euros: true },
];

export function rankingCsv(rows: RankingRow[]): string {
  return toCsv(CSV_COLUMNS, rows);
}
