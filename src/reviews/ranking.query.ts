import { EntityManager } from 'typeorm';
import type { XlsxColumn } from '../common/xlsx';

export interface RankingRow {
  applicationId: string;
  title: string;
  organizationName: string;
  category: string;
  score: number | null;
  /** 0–100: the application's mean reviewer-standardised score, min–max scaled over the call (see below). */
  normalizedScore: number | null;
  reviewCount: number;
  spread: number | null;
  /** At least two reviews and `spread` ≥ the call's disagreementThreshold. */
  disagreement: boolean;
  requestedAmount: number;
  submittedAt: Date;
  rank: number;
}

/**
 * The ranking of a call's reviewed applications per category, computed in the database: each
 * submitted review's Σ(weight × score / maxScore) / Σ(weight), averaged over an application's
 * reviews, on a 0–100 scale, with the spread between its reviewers. Ties go to the earlier final
 * submission (then the id, so the order is total).
 *
 * normalizedScore: each review's weighted score is standardised over its reviewer's submitted
 * reviews in the call, z = (s − mean) / σ (population σ; z = 0 when the reviewer has one review
 * or gives every application the same score — σ below 1e-9 counts as 0, since equal scores summed
 * in float8 in a different order can differ in the last bit — so no NaN and no ±1 out of rounding), so a harsh and a lenient reviewer become
 * comparable. The z of an application's reviews are averaged, and that mean z̄ is put on 0–100 by
 * min–max over the call's reviewed applications: 100 × (z̄ − min) / (max − min), 50 for all when
 * max = min. It ranks nothing: the order stays by `score`.
 *
 * Plan: the weights are normalised once in `crit` (six rows), so each review is one hash-aggregate
 * over its score rows joined to the submitted reviews of the call (index `reviews_call_idx`); the
 * per-reviewer mean and σ are one window pass over those ~15 000 rows sorted by reviewer, and the
 * min–max one more window over the applications. Everything is float8, not numeric.
 */
export async function ranking(m: EntityManager, callId: string, category?: string): Promise<RankingRow[]> {
  const rows: Record<string, unknown>[] = await m.query(
    `WITH crit AS (
            SELECT key, (weight / sum(weight) OVER ())::float8 / max_score AS w FROM call_criteria WHERE call_id = $1),
          per_review AS (
            SELECT s.application_id, s.reviewer_id, sum(c.w * s.score) AS s
              FROM review_scores s
              JOIN reviews r ON r.application_id = s.application_id AND r.reviewer_id = s.reviewer_id
              JOIN crit c ON c.key = s.criterion_key
             WHERE s.call_id = $1 AND r.call_id = $1 AND r.status = 'submitted'
             GROUP BY s.application_id, s.reviewer_id),
          standardised AS (
            SELECT application_id, s,
                   CASE WHEN coalesce(stddev_pop(s) OVER w, 0) < 1e-9 THEN 0
                        ELSE (s - avg(s) OVER w) / stddev_pop(s) OVER w END AS z
              FROM per_review WINDOW w AS (PARTITION BY reviewer_id)),
          per_application AS (
            SELECT application_id, avg(s) * 100 AS score, count(*)::int AS review_count, (max(s) - min(s)) * 100 AS spread,
                   avg(z) AS z
              FROM standardised GROUP BY application_id),
          scaled AS (
            SELECT application_id, score, review_count, spread,
                   CASE WHEN max(z) OVER () - min(z) OVER () < 1e-9 THEN 50
                        ELSE 100 * (z - min(z) OVER ()) / (max(z) OVER () - min(z) OVER ()) END AS normalized
              FROM per_application)
     SELECT a.id, a.title, o.name AS organization_name, a.category, round(p.score::numeric, 4)::float8 AS score,
            round(p.normalized::numeric, 4)::float8 AS normalized_score,
            coalesce(p.review_count, 0) AS review_count, round(p.spread::numeric, 4)::float8 AS spread,
            coalesce(p.review_count >= 2 AND round(p.spread::numeric, 4) >= cl.disagreement_threshold, false) AS disagreement,
            a.requested_amount, a.submitted_at,
            row_number() OVER (PARTITION BY a.category ORDER BY p.score DESC NULLS LAST, a.submitted_at, a.id)::int AS rank
       FROM applications a
       JOIN calls cl ON cl.id = a.call_id
       JOIN organizations o ON o.id = a.lead_organization_id
       LEFT JOIN scaled p ON p.application_id = a.id
      WHERE a.call_id = $1 AND a.status IN ('in_review', 'funded', 'rejected') AND ($2::text IS NULL OR a.category = $2)
      ORDER BY a.category, rank`,
    [callId, category ?? null],
  );
  return rows.map((r) => ({
    applicationId: r.id as string,
    title: r.title as string,
    organizationName: r.organization_name as string,
    category: r.category as string,
    score: r.score as number | null,
    normalizedScore: r.normalized_score as number | null,
    reviewCount: r.review_count as number,
    spread: r.spread as number | null,
    disagreement: r.disagreement as boolean,
    requestedAmount: Number(r.requested_amount),
    submittedAt: r.submitted_at as Date,
    rank: r.rank as number,
  }));
}

/** The ranking's spreadsheet columns, CSV and XLSX alike. */
export const RANKING_COLUMNS: XlsxColumn<RankingRow>[] = [
  { key: 'rank', kind: 'integer' },
  { key: 'category' },
  { key: 'applicationId' },
  { key: 'title' },
  { key: 'organizationName' },
  { key: 'score', kind: 'decimal' },
  { key: 'normalizedScore', kind: 'decimal' },
  { key: 'reviewCount', kind: 'integer' },
  { key: 'spread', kind: 'decimal' },
  { key: 'disagreement', kind: 'boolean' },
  { key: 'requestedAmount', kind: 'euros' },
];
