import { performance } from 'node:perf_hooks';
import { Pool, PoolClient } from 'pg';
import { content, toApplicationView } from '../src/applications/applications.service';
import { SUBMIT_READ, SUBMIT_WRITE } from '../src/applications/submit.statements';
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
 * Like the service, no explicit transaction: a lock-free read, then one atomic write. Unlike the
 * service, which commits the submits that meet at the database together (group commit, see
 * src/database/batcher.ts), each submit goes out on its own: the work per submit as a plain
 * client would send it.
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
 */
function query(prepared: boolean, s: NamedStatement, values: unknown[]): { name?: string; text: string; values: unknown[] } {
  // The statements take a batch of submits, a column per parameter: here always a batch of one.
  const columns = values.map((v) => [v]);
  return prepared ? { name: s.name, text: s.text, values: columns } : { text: s.text, values: columns };
}

async function submitOnce(client: PoolClient, app: DraftApplication, prepared: boolean): Promise<void> {
  const { id, applicant } = app;
  const { rows } = await client.query(query(prepared, SUBMIT_READ, [id, applicant.organizationId, applicant.userId]));
  const r = rows[0] as Row;
  if (!r || r.call_closed || !r.visible) throw new Error(`application ${id} cannot be submitted`);
  const receivedAt = r.now_at as Date;
  // Same shape and about the same length as templates.applicationSubmitted in Finnish.
  const callTitle = (r.call_title as { fi: string }).fi;
  const written = await client.query(
    query(prepared, SUBMIT_WRITE, [
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
    ]),
  );
  if (written.rowCount === 0) throw new Error(`application ${id}: nothing written`);
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
