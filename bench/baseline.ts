import { performance } from 'node:perf_hooks';
import { Pool, PoolClient } from 'pg';
import type { DraftApplication } from './setup';
import { forEachConcurrent, percentile } from './stats';

/**
 * The database work of one submit, issued straight through `pg`: the statements of
 * ApplicationsService.submit (src/applications/applications.service.ts), copied verbatim where
 * they are SQL and reduced to the same values where the service computes them in TypeScript.
 * What is left out is exactly what the API adds on top of the database: HTTP, JSON, validation,
 * the JWT, Nest/TypeORM, the submit rules and the Redis enqueue after commit.
 *
 * Keep in step with the service: lockForChange, writeBeforeDeadline, the version insert, audit()
 * and enqueueNotifications(). (The response is built from the locked row and the UPDATE's
 * RETURNING, so there is no read after the writes.)
 */

const LOCK_CALL = `SELECT c.id FROM calls c WHERE c.id = (SELECT a.call_id FROM applications a WHERE a.id = $1) FOR KEY SHARE`;

const VISIBLE_TO = `(a.lead_organization_id = $2
  OR EXISTS (SELECT 1 FROM application_members vm WHERE vm.application_id = a.id AND vm.organization_id = $2)
  OR EXISTS (SELECT 1 FROM review_assignments va WHERE va.application_id = a.id AND va.reviewer_id = $3))`;

const LOCK_APPLICATION = `SELECT a.*, coalesce((SELECT array_agg(x.organization_id ORDER BY x.organization_id) FROM application_members x WHERE x.application_id = a.id), '{}') AS member_ids,
              clock_timestamp() >= c.closes_at OR c.closed_at IS NOT NULL AS call_closed,
              clock_timestamp() < c.opens_at AS call_not_yet_open,
              c.title AS call_title, c.timezone AS call_timezone, c.eligible_kinds, c.min_self_financing_percent,
              (SELECT json_agg(json_build_object('key', k.key, 'maxAmount', k.max_amount)) FROM call_categories k WHERE k.call_id = c.id) AS call_categories,
              o.kind AS lead_kind, o.language AS lead_language,
              ${VISIBLE_TO} AS visible
         FROM applications a
         JOIN calls c ON c.id = a.call_id
         JOIN organizations o ON o.id = a.lead_organization_id
        WHERE a.id = $1
          FOR UPDATE OF a`;

const STILL_OPEN = `EXISTS (SELECT 1 FROM calls c WHERE c.id = a.call_id AND now_.at < c.closes_at AND c.closed_at IS NULL)`;

const SUBMIT_UPDATE = `WITH now_ AS (SELECT clock_timestamp() AS at) UPDATE applications a SET status = 'submitted', submitted_at = now_.at, first_submitted_at = coalesce(first_submitted_at, now_.at),
                submitted_version = version, has_unsubmitted_changes = false, updated_at = now()
           FROM now_ WHERE a.id = $1 AND ${STILL_OPEN} RETURNING a.submitted_at, a.first_submitted_at, a.updated_at`;

const INSERT_VERSION = `INSERT INTO application_versions (application_id, version, content, submitted_at, submitted_by)
         VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (application_id, version) DO UPDATE SET submitted_at = EXCLUDED.submitted_at, submitted_by = EXCLUDED.submitted_by`;

const INSERT_AUDIT = `INSERT INTO audit_events (actor_id, action, entity, entity_id, before, after)
     VALUES ($1, $2, $3, $4, $5, $6)`;

const INSERT_NOTIFICATIONS = `INSERT INTO notifications (recipient_user_id, recipient_organization_id, kind, subject, body, language, dedupe_key)
     SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
     ON CONFLICT (dedupe_key) DO NOTHING
     RETURNING id`;

/** The statement list, for the report: what "the same database work" means. */
export const BASELINE_STATEMENTS = [
  'START TRANSACTION',
  'lock call FOR KEY SHARE',
  'select application … FOR UPDATE OF a',
  'UPDATE … WHERE still open (deadline)',
  'INSERT application_versions',
  'INSERT audit_events',
  'INSERT notifications (outbox)',
  'COMMIT',
];

type Row = Record<string, unknown>;

/** 'YYYY-MM-DD' of a date column, as the service's dateOnly() makes it. */
function dateOnly(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string') return value.slice(0, 10);
  const d = value as Date;
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/** The snapshot the service stores as the version's content (see content() in the service). */
function contentOf(r: Row): Record<string, unknown> {
  return {
    category: r.category,
    title: r.title,
    summary: r.summary,
    requestedAmount: Number(r.requested_amount),
    selfFinancingAmount: Number(r.self_financing_amount),
    projectStart: dateOnly(r.project_start),
    projectEnd: dateOnly(r.project_end),
    memberOrganizationIds: r.member_ids,
    partners: r.partners,
    budget: r.budget,
  };
}

/**
 * Unnamed statements are what TypeORM sends: parsed and planned on every execution. Named ones are
 * prepared once per connection; the `prepared` variant shows what that would save the database.
 */
function statement(prepared: boolean, name: string, text: string, values: unknown[]): { name?: string; text: string; values: unknown[] } {
  return prepared ? { name: `bench_${name}`, text, values } : { text, values };
}

async function submitOnce(client: PoolClient, app: DraftApplication, prepared: boolean): Promise<void> {
  const { id, applicant } = app;
  const q = (name: string, text: string, values: unknown[]) => client.query(statement(prepared, name, text, values));
  await client.query('START TRANSACTION'); // what TypeORM's transaction() sends
  try {
    const call = await q('lock_call', LOCK_CALL, [id]);
    if (call.rowCount === 0) throw new Error(`no call for application ${id}`);
    const { rows } = await q('lock_application', LOCK_APPLICATION, [id, applicant.organizationId, applicant.userId]);
    const r = rows[0] as Row;
    if (!r || r.call_closed) throw new Error(`application ${id} cannot be submitted`);
    const updated = await q('submit_update', SUBMIT_UPDATE, [id]);
    if (updated.rowCount === 0) throw new Error('CALL_CLOSED');
    const submittedAt = (updated.rows[0] as Row).submitted_at as Date;
    await q('insert_version', INSERT_VERSION, [id, r.version, JSON.stringify(contentOf(r)), submittedAt, applicant.userId]);
    await q('insert_audit', INSERT_AUDIT, [
      applicant.userId,
      'application.submit',
      'application',
      id,
      JSON.stringify({ status: r.status }),
      JSON.stringify({ status: 'submitted', version: r.version }),
    ]);
    // Same shape and about the same length as templates.applicationSubmitted in Finnish.
    const callTitle = (r.call_title as { fi: string }).fi;
    await q('insert_notifications', INSERT_NOTIFICATIONS, [
      [null],
      [r.lead_organization_id],
      ['application_submitted'],
      [`Hakemus vastaanotettu: ${r.title as string}`],
      [`Hakemus "${r.title as string}" hakuun "${callTitle}" on vastaanotettu ${submittedAt.toISOString()}.`],
      [r.lead_language],
      [`application_submitted-${id}-${r.version as number}`],
    ]);
    await client.query('COMMIT');
  } catch (e) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw e;
  }
}

export interface BaselineResult {
  poolSize: number;
  prepared: boolean;
  perSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

/** Submits every application with `poolSize` connections and as many concurrent workers. */
/** Called right before and after the timed part, while every connection is open (for CPU sampling). */
export interface TimedHooks {
  started(): void;
  finished(): void;
}

export async function runBaseline(
  databaseUrl: string,
  poolSize: number,
  apps: DraftApplication[],
  prepared = false,
  hooks?: TimedHooks,
): Promise<BaselineResult> {
  const pool = new Pool({ connectionString: databaseUrl, max: poolSize, application_name: 'avustus-bench-baseline' });
  try {
    // Open every connection first: connecting is not part of a submit.
    const warm = await Promise.all(Array.from({ length: poolSize }, () => pool.connect()));
    warm.forEach((c) => c.release());

    const latencies: number[] = [];
    let errors = 0;
    hooks?.started();
    const started = performance.now();
    await forEachConcurrent(apps, poolSize, async (app) => {
      const t0 = performance.now();
      const client = await pool.connect();
      try {
        await submitOnce(client, app, prepared);
        latencies.push(performance.now() - t0);
      } catch {
        errors++;
      } finally {
        client.release();
      }
    });
    const seconds = (performance.now() - started) / 1000;
    hooks?.finished();
    return {
      poolSize,
      prepared,
      perSec: latencies.length / seconds,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      errors,
    };
  } finally {
    await pool.end();
  }
}
