import { performance } from 'node:perf_hooks';
import { Pool, PoolClient } from 'pg';
import { content, toApplicationView } from '../src/applications/applications.service';
import { SUBMIT_READ, SUBMIT_WRITE } from '../src/applications/submit.statements';
import { columnsOf } from '../src/database/batcher';
import { SESSION_OPTIONS } from '../src/database/data-source.options';
import type { NamedStatement } from '../src/database/statements';
import type { DraftApplication } from './setup';
import { forEachConcurrent, percentile } from './stats';

/**
 * The database work of one submit, issued straight through `pg`: the very statements of
 * ApplicationsService.submit (imported from src/applications/submit.statements.ts), with the
 * values the service computes in TypeScript reduced to the same values. What is left out is
 * exactly what the API adds on top of the database: HTTP, JSON, validation, the JWT, Nest, the
 * submit rules, the message template and the outbox signal to Redis after the write.
 *
 * Like the service, no explicit transaction: a lock-free read, then one atomic write. The
 * baseline proper sends each submit on its own, the work per submit as a plain client would send
 * it. The service commits the submits that meet at the database together (group commit, see
 * src/database/batcher.ts); a grouped variant sends fixed groups the same way, to show what the
 * database alone does when given that work in groups.
 */

/** The statement list, for the report: what "the same database work" means. */
export const BASELINE_STATEMENTS = [
  'read application, call, lead organisation, visibility, clock (no lock)',
  'one statement: shared deadline lock, deadline check, UPDATE, INSERT version, audit, outbox',
];

type Row = Record<string, unknown>;

/**
 * Named statements are what the service sends: prepared once per connection. Unnamed ones are
 * parsed and planned on every execution; that variant shows what preparing saves the database.
 * The statements take a batch of submits, a column per parameter (one element per submit).
 */
function query(prepared: boolean, s: NamedStatement, columns: unknown[][]): { name?: string; text: string; values: unknown[] } {
  return prepared ? { name: s.name, text: s.text, values: columns } : { text: s.text, values: columns };
}

/** The submits of `apps` in one read and one write: one submit alone, or a group as the service's group commit sends it. */
async function submitGroup(client: PoolClient, apps: DraftApplication[], prepared: boolean): Promise<void> {
  const { rows } = await client.query(
    query(prepared, SUBMIT_READ, columnsOf(apps.map((a) => [a.id, a.applicant.organizationId, a.applicant.userId]))),
  );
  const writes = apps.map((app, at) => {
    const { id, applicant } = app;
    const r = (rows as Row[]).find((row) => row.i === at + 1);
    if (!r || r.call_closed || !r.visible) throw new Error(`application ${id} cannot be submitted`);
    const receivedAt = r.now_at as Date;
    // Same shape and about the same length as templates.applicationSubmitted in Finnish.
    const callTitle = (r.call_title as { fi: string }).fi;
    return [
      id,
      r.call_id,
      r.version,
      r.status,
      receivedAt,
      JSON.stringify(content(toApplicationView(r))),
      applicant.userId,
      'application.submit',
      JSON.stringify({ status: r.status }),
      JSON.stringify({ status: 'submitted', version: r.version }),
      r.lead_organization_id,
      `Hakemus vastaanotettu: ${r.title as string}`,
      `Hakemus "${r.title as string}" hakuun "${callTitle}" on vastaanotettu ${receivedAt.toISOString()}.`,
      r.lead_language,
      `application_submitted-${id}-${r.version as number}`,
    ];
  });
  const written = await client.query(query(prepared, SUBMIT_WRITE, columnsOf(writes)));
  if (written.rowCount !== apps.length) throw new Error(`${apps.length - (written.rowCount ?? 0)} of ${apps.length} submits not written`);
}

export interface BaselineMode {
  /** Named (prepared) statements, as the service sends them. */
  prepared: boolean;
  /** Submits per statement: 1 is the plain per-submit baseline, more is a group commit. */
  group: number;
}

export interface BaselineResult extends BaselineMode {
  poolSize: number;
  perSec: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
}

/** Called right before and after the timed part, while every connection is open (for CPU sampling). */
export interface TimedHooks {
  started(): void;
  finished(): void;
}

/** Submits every application with `poolSize` connections and as many concurrent workers, `mode.group` per statement. */
export async function runBaseline(
  databaseUrl: string,
  poolSize: number,
  apps: DraftApplication[],
  mode: BaselineMode,
  hooks?: TimedHooks,
): Promise<BaselineResult> {
  const pool = new Pool({
    connectionString: databaseUrl,
    max: poolSize,
    application_name: 'avustus-bench-baseline',
    options: SESSION_OPTIONS,
  });
  try {
    // Open every connection first: connecting is not part of a submit.
    const warm = await Promise.all(Array.from({ length: poolSize }, () => pool.connect()));
    warm.forEach((c) => c.release());

    const groups: DraftApplication[][] = [];
    for (let at = 0; at < apps.length; at += mode.group) groups.push(apps.slice(at, at + mode.group));
    const latencies: number[] = [];
    let errors = 0;
    hooks?.started();
    const started = performance.now();
    await forEachConcurrent(groups, poolSize, async (group) => {
      const t0 = performance.now();
      const client = await pool.connect();
      try {
        await submitGroup(client, group, mode.prepared);
        const ms = performance.now() - t0;
        for (let k = 0; k < group.length; k++) latencies.push(ms);
      } catch {
        errors += group.length;
      } finally {
        client.release();
      }
    });
    const seconds = (performance.now() - started) / 1000;
    hooks?.finished();
    return {
      poolSize,
      ...mode,
      perSec: latencies.length / seconds,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      errors,
    };
  } finally {
    await pool.end();
  }
}
