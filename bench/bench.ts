/**
 * Benchmark of the submit path at the deadline, against a plain-SQL baseline, plus start-up time,
 * memory, and the ranking and funding proposal of a large closed call.
 *
 *   npm run build && node dist/bench/bench.js
 *
 * Uses its own database (dropped and recreated) and its own Redis db and key prefix; spawns the API
 * and the worker as `node dist/src/main.js` / `node dist/src/worker.js`. The last line on stdout is
 * one JSON object; the table and progress go to stderr. Exits non-zero only when it cannot set up
 * or run, never because a target was missed. Environment: see bench/config.ts (BENCH_*).
 */
import { mkdtempSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { JwtService } from '@nestjs/jwt';
import { Pool } from 'pg';
import { Env } from '../src/config/env.schema';
import { BASELINE_STATEMENTS, BaselineMode, BaselineResult, runBaseline } from './baseline';
import { BenchConfig, loadBenchConfig } from './config';
import { CpuSampler, CpuSplit } from './cpu';
import { expectStatus, HttpClient, HttpResult } from './http';
import { LeanHttpClient } from './lean-http';
import {
  currentRssMb,
  freePort,
  killAllNow,
  peakRssMb,
  Service,
  spawnService,
  stopAll,
  stopService,
  waitForFile,
  waitForHealth,
} from './processes';
import { missedTargets, printTable, TARGETS } from './report';
import {
  Applicant,
  callBody,
  CRITERIA_KEYS,
  DraftApplication,
  insertDrafts,
  insertOrganizations,
  insertReviewedApplications,
  insertUsers,
  lockBenchRun,
  resetDatabase,
  resetRedis,
} from './setup';
import { forEachConcurrent, median, percentile, round } from './stats';

const benchStarted = performance.now();
const LOG_DIR = join(tmpdir(), 'avustus-bench-logs');

function log(message: string): void {
  process.stderr.write(`[bench ${((performance.now() - benchStarted) / 1000).toFixed(1).padStart(5)} s] ${message}\n`);
}

// ---------------------------------------------------------------------------------------------
// The running system
// ---------------------------------------------------------------------------------------------

interface Stack {
  cfg: BenchConfig;
  env: Record<string, string>;
  client: HttpClient;
  /** What the rush submits through: the lean client, or node:http with BENCH_CLIENT=node. */
  rushClient: { post(path: string, token: string): Promise<HttpResult>; close(): void };
  api: Service;
  worker?: Service;
  /** The processes whose CPU the sampler counts by name (the rush through two APIs adds its second one). */
  services: Service[];
  cpu: CpuSampler;
  /** The bench's own connections, for set-up and checks. */
  db: Pool;
  startMs: number;
  rssMbAfterStart: number;
  workerStartMs?: number;
}

/** The services' environment: only what the bench decides, so nothing from the shell leaks in. */
function serviceEnv(cfg: BenchConfig, port: number): Record<string, string> {
  const env: Record<string, string> = {
    NODE_ENV: 'production',
    DATABASE_URL: cfg.databaseUrl,
    REDIS_URL: cfg.redisUrl,
    QUEUE_PREFIX: cfg.queuePrefix,
    PORT: String(port),
    LOG_LEVEL: cfg.apiLogLevel,
    JWT_SECRET: cfg.jwtSecret,
    ADMIN_EMAIL: cfg.adminEmail,
    ADMIN_PASSWORD: cfg.adminPassword,
    // The bench logs in once, but a low limit would make a rerun against a warm process flaky.
    LOGIN_RATE_LIMIT: '100000',
  };
  if (cfg.apiDbPoolSize) env.DB_POOL_SIZE = cfg.apiDbPoolSize;
  return env;
}

/** Empty database and queues, then the API (which migrates the database itself) and the worker. */
async function startStack(cfg: BenchConfig): Promise<Stack> {
  await resetDatabase(cfg);
  const staleKeys = await resetRedis(cfg);
  log(`recreated database ${cfg.databaseName}; removed ${staleKeys} old Redis keys under ${cfg.queuePrefix}:`);

  const port = await freePort(cfg.port);
  const client = new HttpClient(`http://127.0.0.1:${port}`, cfg.concurrency);
  const env = serviceEnv(cfg, port);
  const api = spawnService('api', cfg.root, 'dist/src/main.js', env, LOG_DIR, cfg.apiNodeArgs);
  const startMs = await waitForHealth(api, client);
  const rssMbAfterStart = round(currentRssMb(api.pid), 1);
  log(`API healthy on port ${port} after ${Math.round(startMs)} ms (pid ${api.pid}, ${rssMbAfterStart} MB resident)`);

  // Started after the API so that startMs is the API's alone (the worker would migrate too).
  let worker: Service | undefined;
  let workerStartMs: number | undefined;
  if (cfg.withWorker) {
    // Its own TMPDIR: the worker writes its readiness marker there, which tells us it is up and
    // keeps it away from the marker of any other worker on this machine.
    const workerTmp = mkdtempSync(join(tmpdir(), 'avustus-bench-worker-'));
    worker = spawnService('worker', cfg.root, 'dist/src/worker.js', { ...env, TMPDIR: workerTmp }, LOG_DIR, cfg.workerNodeArgs);
    workerStartMs = await waitForFile(worker, join(workerTmp, 'avustus-worker-ready'));
    log(`worker ready after ${Math.round(workerStartMs)} ms (pid ${worker.pid})`);
  }
  const services = [api, ...(worker ? [worker] : [])];
  const cpu = new CpuSampler(cfg.databaseName, () => services.map((s) => ({ name: s.name, pid: s.pid })));
  const db = new Pool({ connectionString: cfg.databaseUrl, max: 4, application_name: 'avustus-bench-setup' });
  const rushClient =
    cfg.rushClient === 'node'
      ? { post: (path: string, token: string) => client.post(path, undefined, token), close: () => undefined }
      : new LeanHttpClient('127.0.0.1', port, cfg.concurrency);
  return { cfg, env, client, rushClient, api, worker, services, cpu, db, startMs, rssMbAfterStart, workerStartMs };
}

// ---------------------------------------------------------------------------------------------
// Test data
// ---------------------------------------------------------------------------------------------

interface World {
  adminToken: string;
  adminId: string;
  organizations: string[];
  applicants: Applicant[];
  reviewers: string[];
  /** Access token per applicant user id. */
  tokens: Map<string, string>;
  warmupApps: DraftApplication[];
  rushApps: DraftApplication[];
  /** A fresh set of drafts per baseline pool size, and one each for the unnamed-statement and grouped variants. */
  baselineSets: Map<number, DraftApplication[]>;
  unnamedSet: DraftApplication[];
  groupedSet: DraftApplication[];
  /** Warm-up and rush drafts of the same rush through two API processes. */
  twoApisWarmupApps: DraftApplication[];
  twoApisRushApps: DraftApplication[];
}

/** Signs access tokens exactly as IdentityService.login does: tokenClaims(actor), HS256, same secret. */
function tokenSigner(cfg: BenchConfig): (user: Applicant, roles: string[]) => string {
  const jwt = new JwtService({ secret: cfg.jwtSecret, signOptions: { algorithm: 'HS256', expiresIn: 8 * 3600 } });
  return (user, roles) => jwt.sign({ sub: user.userId, email: user.email, roles, org: user.organizationId });
}

async function createPublishedCall(client: HttpClient, adminToken: string, body: Record<string, unknown>): Promise<string> {
  const created = await client.post('/api/calls', body, adminToken);
  expectStatus(created, 201, 'POST /api/calls');
  const id = (created.body as { id: string }).id;
  expectStatus(await client.post(`/api/calls/${id}/publish`, undefined, adminToken), 200, 'POST /api/calls/:id/publish');
  return id;
}

/** Organisations, users and the open call with every draft the rush and the baseline submit. */
async function prepareWorld({ cfg, client, db }: Stack): Promise<World> {
  const login = await client.post('/api/auth/login', { email: cfg.adminEmail, password: cfg.adminPassword });
  expectStatus(login, 200, 'POST /api/auth/login');
  const adminToken = (login.body as { accessToken: string }).accessToken;
  const [admin] = (await db.query('SELECT id, organization_id FROM users WHERE email = $1', [cfg.adminEmail])).rows as {
    id: string;
    organization_id: string;
  }[];

  const organizations = await insertOrganizations(db, Math.max(cfg.n, cfg.warmup));
  const applicants = await insertUsers(db, 'applicant', ['applicant'], organizations);
  const reviewerOrgs = Array.from({ length: 30 }, () => admin.organization_id);
  const reviewers = (await insertUsers(db, 'reviewer', ['reviewer'], reviewerOrgs)).map((r) => r.userId);
  const sign = tokenSigner(cfg);
  const tokens = new Map(applicants.map((a) => [a.userId, sign(a, ['applicant'])]));

  const callId = await createPublishedCall(
    client,
    adminToken,
    callBody('Bench: määräaikaruuhka', new Date(Date.now() + 3600_000), 400_000_000),
  );
  const drafts = (count: number, seed: number) => insertDrafts(db, callId, applicants.slice(0, count), organizations, cfg.seed + seed);
  const warmupApps = await drafts(cfg.warmup, 0);
  const rushApps = await drafts(cfg.n, 1);
  const baselineSets = new Map<number, DraftApplication[]>();
  for (const [i, size] of cfg.poolSizes.entries()) baselineSets.set(size, await drafts(cfg.n, 2 + i));
  const unnamedSet = await drafts(cfg.n, 50);
  const groupedSet = await drafts(cfg.n, 51);
  const twoApisWarmupApps = await drafts(cfg.warmup, 52);
  const twoApisRushApps = await drafts(cfg.n, 53);
  // Planner statistics as a live database would have them, rather than racing autovacuum.
  await db.query('ANALYZE');
  const total = 2 * (warmupApps.length + rushApps.length) + (cfg.poolSizes.length + 2) * cfg.n;
  log(`set up ${organizations.length} organisations and ${total} drafts in call ${callId}`);
  return {
    adminToken,
    adminId: admin.id,
    organizations,
    applicants,
    reviewers,
    tokens,
    warmupApps,
    rushApps,
    baselineSets,
    unnamedSet,
    groupedSet,
    twoApisWarmupApps,
    twoApisRushApps,
  };
}

// ---------------------------------------------------------------------------------------------
// Deadline rush
// ---------------------------------------------------------------------------------------------

interface SubmitRun {
  latencies: number[];
  statuses: Record<string, number>;
  seconds: number;
  firstError?: string;
}

/** POST …/submit for every application, `concurrency` at a time, each as its own applicant. */
async function submitAll(
  client: Stack['rushClient'],
  apps: DraftApplication[],
  tokens: Map<string, string>,
  concurrency: number,
): Promise<SubmitRun> {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let firstError: string | undefined;
  const started = performance.now();
  await forEachConcurrent(apps, concurrency, async (app) => {
    let status: string;
    try {
      const r = await client.post(`/api/applications/${app.id}/submit`, tokens.get(app.applicant.userId) ?? '');
      latencies.push(r.ms);
      status = String(r.status);
      // A 200 counts only with the submitted application in its body.
      const body = r.body as { id?: string; status?: string } | undefined;
      if (r.status === 200 && (body?.id !== app.id || body.status !== 'submitted')) status = 'bad-body';
      if (status !== '200') firstError ??= `${r.status} ${JSON.stringify(r.body).slice(0, 300)}`;
    } catch (e) {
      status = 'network';
      firstError ??= (e as Error).message;
    }
    statuses[status] = (statuses[status] ?? 0) + 1;
  });
  return { latencies, statuses, seconds: (performance.now() - started) / 1000, firstError };
}

/** Waits until the worker has delivered every notification in the outbox; ms waited, or undefined on timeout. */
async function waitForOutboxDrained(db: Pool, timeoutMs: number): Promise<number | undefined> {
  const started = performance.now();
  while (performance.now() - started < timeoutMs) {
    const { rows } = await db.query(`SELECT count(*)::int AS pending FROM notifications WHERE status = 'pending'`);
    if ((rows[0] as { pending: number }).pending === 0) return performance.now() - started;
    await sleep(100);
  }
  return undefined;
}

interface RushResult {
  run: SubmitRun;
  ok: number;
  submitsPerSec: number;
  cpu: CpuSplit;
  /** VmHWM right after the rush: the peak since start, which may have been reached before it. */
  rssMb: number;
  /** VmRSS right after the rush. */
  rssMbAfterRush: number;
  submittedInDatabase: number;
  notificationsDrainMs?: number;
}

async function deadlineRush(stack: Stack, world: World): Promise<RushResult> {
  const { cfg, rushClient: client, cpu, db, api, worker } = stack;

  // Warm-up, not counted: JIT, connection pools and plan caches as a running service has them.
  const warm = await submitAll(client, world.warmupApps, world.tokens, cfg.concurrency);
  if (!warm.statuses['200']) throw new Error(`every warm-up submit failed, the bench data or tokens are wrong: ${warm.firstError}`);
  if (warm.firstError) log(`warm-up had errors: ${JSON.stringify(warm.statuses)}; first: ${warm.firstError}`);
  if (worker) await waitForOutboxDrained(db, 30_000); // start the rush on a quiet system
  log(`warm-up: ${world.warmupApps.length} submits at ${round(world.warmupApps.length / warm.seconds, 0)}/s`);

  const before = cpu.snapshot();
  const run = await submitAll(client, world.rushApps, world.tokens, cfg.concurrency);
  const split = cpu.split(before, cpu.snapshot());
  const rssMb = round(peakRssMb(api.pid), 1);
  const rssMbAfterRush = round(currentRssMb(api.pid), 1);
  const ok = run.statuses['200'] ?? 0;
  const submitsPerSec = round(ok / run.seconds, 1);
  log(
    `rush: ${ok}/${world.rushApps.length} ok in ${run.seconds.toFixed(2)} s = ${submitsPerSec}/s; statuses ${JSON.stringify(run.statuses)}`,
  );
  if (run.firstError) log(`first rush error: ${run.firstError}`);

  // Every 200 must be in the database: a fast answer that lost the write would be no result.
  const { rows } = await db.query(
    `SELECT count(*)::int AS submitted FROM applications WHERE id = ANY($1::uuid[]) AND status = 'submitted'`,
    [world.rushApps.map((a) => a.id)],
  );
  const submittedInDatabase = (rows[0] as { submitted: number }).submitted;

  // The worker delivers the rush's notifications partly after it; the baseline waits for that, so
  // it measures the database alone.
  let notificationsDrainMs: number | undefined;
  if (worker) {
    notificationsDrainMs = await waitForOutboxDrained(db, 90_000);
    log(
      `outbox ${notificationsDrainMs === undefined ? 'not drained within 90 s' : `drained ${Math.round(notificationsDrainMs)} ms after the rush`}`,
    );
  }
  return { run, ok, submitsPerSec, cpu: split, rssMb, rssMbAfterRush, submittedInDatabase, notificationsDrainMs };
}

interface TwoApisResult {
  run: SubmitRun;
  ok: number;
  submitsPerSec: number;
  cpu: CpuSplit;
}

/**
 * The same rush through two API processes on the same PostgreSQL and Redis, the connections split
 * between them (as a round-robin balancer would, without its cost on these two cores). The second
 * process is started and warmed up like the first, and stopped afterwards.
 */
async function twoApisRush(stack: Stack, world: World): Promise<TwoApisResult> {
  const { cfg, cpu, db, worker } = stack;
  const port = await freePort(cfg.port + 1);
  const second = spawnService('api-2', cfg.root, 'dist/src/main.js', { ...stack.env, PORT: String(port) }, LOG_DIR, cfg.apiNodeArgs);
  const probe = new HttpClient(`http://127.0.0.1:${port}`, 1);
  try {
    await waitForHealth(second, probe);
    const half = Math.max(1, Math.floor(cfg.concurrency / 2));
    const clients = [new LeanHttpClient('127.0.0.1', Number(stack.env.PORT), half), new LeanHttpClient('127.0.0.1', port, half)];
    let turn = 0;
    const both = {
      post: (path: string, token: string) => clients[turn++ % 2].post(path, token),
      close: () => clients.forEach((c) => c.close()),
    };
    try {
      const warm = await submitAll(both, world.twoApisWarmupApps, world.tokens, cfg.concurrency);
      if (warm.firstError) log(`two-API warm-up had errors: ${JSON.stringify(warm.statuses)}; first: ${warm.firstError}`);
      if (worker) await waitForOutboxDrained(db, 30_000);
      stack.services.push({ ...second, name: 'api' });
      const before = cpu.snapshot();
      const run = await submitAll(both, world.twoApisRushApps, world.tokens, cfg.concurrency);
      const split = cpu.split(before, cpu.snapshot());
      const ok = run.statuses['200'] ?? 0;
      const submitsPerSec = round(ok / run.seconds, 1);
      log(`rush through two API processes: ${ok}/${world.twoApisRushApps.length} ok in ${run.seconds.toFixed(2)} s = ${submitsPerSec}/s`);
      if (worker) await waitForOutboxDrained(db, 90_000);
      return { run, ok, submitsPerSec, cpu: split };
    } finally {
      both.close();
    }
  } finally {
    probe.close();
    stack.services.splice(
      stack.services.findIndex((s) => s.pid === second.pid),
      1,
    );
    await stopService(second);
  }
}

// ---------------------------------------------------------------------------------------------
// SQL baseline
// ---------------------------------------------------------------------------------------------

interface MeasuredBaseline extends BaselineResult {
  /** PostgreSQL CPU per transaction: unlike throughput it hardly depends on what else the machine does. */
  pgCpuMsPerTx: number;
  otherCpuPercent: number;
}

async function measuredBaseline(
  { cfg, cpu }: Stack,
  size: number,
  apps: DraftApplication[],
  mode: BaselineMode,
): Promise<MeasuredBaseline> {
  let before = cpu.snapshot();
  let after = before;
  // Sampled while the baseline's connections are still open: a backend that has exited takes its CPU time with it.
  const r = await runBaseline(cfg.databaseUrl, size, apps, mode, {
    started: () => (before = cpu.snapshot()),
    finished: () => (after = cpu.snapshot()),
  });
  const used = cpu.split(before, after);
  const pgCpuMsPerTx = round(((used.seconds.postgres ?? 0) * 1000) / Math.max(1, apps.length - r.errors), 2);
  const variant = !mode.prepared ? ' (unnamed statements)' : mode.group > 1 ? ` (groups of ${mode.group})` : '';
  const label = `SQL baseline${variant}, pool ${size}`;
  log(
    `${label}: ${round(r.perSec, 0)} submits/s, p99 ${round(r.p99Ms, 1)} ms, PostgreSQL ${pgCpuMsPerTx} ms CPU/submit, errors ${r.errors}`,
  );
  return { ...r, pgCpuMsPerTx, otherCpuPercent: used.percentOfMachine.other ?? 0 };
}

interface SqlBaselines {
  byPool: MeasuredBaseline[];
  best: MeasuredBaseline;
  unnamed: MeasuredBaseline;
  grouped: MeasuredBaseline;
}

async function sqlBaseline(stack: Stack, world: World): Promise<SqlBaselines> {
  // Named (prepared) statements, as the service sends them.
  const byPool: MeasuredBaseline[] = [];
  for (const size of stack.cfg.poolSizes) {
    byPool.push(await measuredBaseline(stack, size, world.baselineSets.get(size) ?? [], { prepared: true, group: 1 }));
  }
  const best = byPool.reduce((a, b) => (b.perSec > a.perSec ? b : a));
  // Not part of the ratio: how much of the database's work planning would be without names, and
  // what it does with the same work in groups, as the service's group commit sends it.
  const unnamed = await measuredBaseline(stack, best.poolSize, world.unnamedSet, { prepared: false, group: 1 });
  const grouped = await measuredBaseline(stack, best.poolSize, world.groupedSet, { prepared: true, group: stack.cfg.baselineGroup });
  return { byPool, best, unnamed, grouped };
}

// ---------------------------------------------------------------------------------------------
// Ranking and funding proposal
// ---------------------------------------------------------------------------------------------

interface Timed {
  medianMs: number;
  runsMs: number[];
  status: number;
  body: unknown;
}

/**
 * Median of `runs` timed GETs after `warmups` untimed ones. Stops early once `budgetMs` is spent,
 * so a pathological endpoint cannot blow the whole run's time limit (the runs done still count).
 */
async function timeGet(client: HttpClient, path: string, token: string, runs: number, warmups: number, budgetMs: number): Promise<Timed> {
  const started = performance.now();
  let last = await client.get(path, token);
  for (let i = 1; i < warmups; i++) last = await client.get(path, token);
  if (last.status !== 200) throw new Error(`GET ${path} answered ${last.status}: ${JSON.stringify(last.body).slice(0, 300)}`);
  const runsMs: number[] = [];
  for (let i = 0; i < runs && performance.now() - started < budgetMs; i++) {
    last = await client.get(path, token);
    runsMs.push(round(last.ms, 1));
  }
  return { medianMs: median(runsMs), runsMs, status: last.status, body: last.body };
}

interface RankingResult {
  ranking: Timed;
  proposal: Timed;
  rankedRows: number;
}

/** A closed call (6 criteria, two capped categories, a budget that binds) with every review in. */
async function rankingAndProposal({ cfg, client, db }: Stack, world: World): Promise<RankingResult> {
  const callId = await createPublishedCall(
    client,
    world.adminToken,
    callBody('Bench: arviointi', new Date(Date.now() + 3600_000), 200_000_000),
  );
  // Published through the API (only an open call can be), then closed as the closing job would leave it.
  const { rows } = await db.query(
    `UPDATE calls SET closes_at = now() - interval '1 minute', closed_at = now() WHERE id = $1 RETURNING closed_at`,
    [callId],
  );
  await insertReviewedApplications(db, callId, world.applicants, world.organizations, world.reviewers, world.adminId, {
    count: cfg.rankingApplications,
    reviewsPerApplication: cfg.reviewsPerApplication,
    seed: cfg.seed + 100,
    closedAt: (rows[0] as { closed_at: Date }).closed_at,
  });
  await db.query('ANALYZE');
  log(
    `ranking call ${callId}: ${cfg.rankingApplications} applications × ${cfg.reviewsPerApplication} reviews × ${CRITERIA_KEYS.length} criteria`,
  );

  const ranking = await timeGet(client, `/api/calls/${callId}/ranking`, world.adminToken, cfg.timedRuns, 1, 30_000);
  const rankedRows = Array.isArray(ranking.body) ? ranking.body.length : 0;
  log(`ranking: median ${ranking.medianMs} ms of ${JSON.stringify(ranking.runsMs)} (${rankedRows} rows)`);
  const proposal = await timeGet(client, `/api/calls/${callId}/funding-proposal`, world.adminToken, cfg.timedRuns, 1, 45_000);
  const selected = (proposal.body as { selected?: string[] }).selected?.length;
  log(`proposal: median ${proposal.medianMs} ms of ${JSON.stringify(proposal.runsMs)} (selected ${selected})`);
  return { ranking, proposal, rankedRows };
}

/** Start-up with nothing to migrate, as on a deploy or scale-out; stops the first API to free the port. */
async function restartApi({ cfg, env, client, api }: Stack): Promise<number> {
  await stopService(api);
  const again = spawnService('api-restart', cfg.root, 'dist/src/main.js', env, LOG_DIR, cfg.apiNodeArgs);
  const ms = await waitForHealth(again, client);
  await stopService(again);
  log(`API restart (nothing to migrate): healthy after ${Math.round(ms)} ms`);
  return ms;
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

function perSubmitMs(split: CpuSplit, component: string, count: number): number {
  return round(((split.seconds[component] ?? 0) * 1000) / Math.max(1, count), 2);
}

function buildResult(
  stack: Stack,
  rush: RushResult,
  twoApis: TwoApisResult,
  sql: SqlBaselines,
  ranked: RankingResult,
  restartMs: number,
  rssMbAtEnd: number,
): Record<string, unknown> {
  const { cfg } = stack;
  const sqlBaselinePerSec = round(sql.best.perSec, 1);
  const proposal = ranked.proposal.body as { selected?: string[]; totalGranted?: number };
  const result: Record<string, unknown> = {
    // The figures asked for, in this order.
    submitsPerSec: rush.submitsPerSec,
    p50Ms: round(percentile(rush.run.latencies, 50), 1),
    p95Ms: round(percentile(rush.run.latencies, 95), 1),
    p99Ms: round(percentile(rush.run.latencies, 99), 1),
    errors: cfg.n - rush.ok,
    sqlBaselinePerSec,
    apiToSqlRatio: round(rush.submitsPerSec / sqlBaselinePerSec, 3),
    rssMb: rush.rssMb,
    startMs: Math.round(stack.startMs),
    rankingMs: ranked.ranking.medianMs,
    proposalMs: ranked.proposal.medianMs,
    submitsPerSecTwoApis: twoApis.submitsPerSec,
    p99MsTwoApis: round(percentile(twoApis.run.latencies, 99), 1),
    errorsTwoApis: cfg.n - twoApis.ok,
    twoApisToOneRatio: round(twoApis.submitsPerSec / rush.submitsPerSec, 3),
    n: cfg.n,
    // Detail.
    concurrency: cfg.concurrency,
    errorsByStatus: Object.fromEntries(Object.entries(rush.run.statuses).filter(([s]) => s !== '200')),
    maxMs: round(Math.max(...rush.run.latencies), 1),
    rushSeconds: round(rush.run.seconds, 2),
    submittedInDatabase: rush.submittedInDatabase,
    sqlBaselineByPool: Object.fromEntries(
      sql.byPool.map((b) => [
        b.poolSize,
        {
          perSec: round(b.perSec, 1),
          p50Ms: round(b.p50Ms, 2),
          p99Ms: round(b.p99Ms, 2),
          pgCpuMsPerTx: b.pgCpuMsPerTx,
          otherCpuPercent: b.otherCpuPercent,
          errors: b.errors,
        },
      ]),
    ),
    sqlBaselineStatements: BASELINE_STATEMENTS.length,
    sqlBaselinePgCpuMsPerTx: sql.best.pgCpuMsPerTx,
    sqlUnnamedPerSec: round(sql.unnamed.perSec, 1),
    sqlUnnamedPgCpuMsPerTx: sql.unnamed.pgCpuMsPerTx,
    sqlGroupedPerSec: round(sql.grouped.perSec, 1),
    sqlGroupedPgCpuMsPerSubmit: sql.grouped.pgCpuMsPerTx,
    sqlGroupSize: sql.grouped.group,
    apiToGroupedSqlRatio: round(rush.submitsPerSec / sql.grouped.perSec, 3),
    apiCpuMsPerSubmit: perSubmitMs(rush.cpu, 'api', rush.ok),
    apiCpuMsPerSubmitTwoApis: perSubmitMs(twoApis.cpu, 'api', twoApis.ok),
    postgresCpuMsPerSubmitTwoApis: perSubmitMs(twoApis.cpu, 'postgres', twoApis.ok),
    rushTwoApisCpuPercentOfMachine: twoApis.cpu.percentOfMachine,
    postgresCpuMsPerSubmit: perSubmitMs(rush.cpu, 'postgres', rush.ok),
    workerCpuMsPerSubmit: perSubmitMs(rush.cpu, 'worker', rush.ok),
    redisCpuMsPerSubmit: perSubmitMs(rush.cpu, 'redis', rush.ok),
    rushCpuPercentOfMachine: rush.cpu.percentOfMachine,
    rssMbAfterStart: stack.rssMbAfterStart,
    rssMbAfterRush: rush.rssMbAfterRush,
    rssMbAtEnd,
    restartMs: Math.round(restartMs),
    workerStartMs: stack.workerStartMs === undefined ? null : Math.round(stack.workerStartMs),
    notificationsDrainMs: rush.notificationsDrainMs === undefined ? null : Math.round(rush.notificationsDrainMs),
    rankingRunsMs: ranked.ranking.runsMs,
    rankingRows: ranked.rankedRows,
    proposalRunsMs: ranked.proposal.runsMs,
    proposalSelected: proposal.selected?.length ?? null,
    proposalTotalGranted: proposal.totalGranted ?? null,
    worker: cfg.withWorker,
    loadGenerator: cfg.rushClient === 'node' ? 'node:http' : 'lean keep-alive client (bench/lean-http.ts)',
    apiLogLevel: cfg.apiLogLevel,
    apiDbPoolSize: Number(cfg.apiDbPoolSize ?? new Env().DB_POOL_SIZE),
    cpus: cpus().length,
  };
  result.targetsMissed = missedTargets(result);
  result.targets = Object.fromEntries(
    TARGETS.filter((t) => t.target !== undefined).map((t) => [t.key, `${t.kind === 'min' ? '>=' : '<='} ${t.target}`]),
  );
  result.benchSeconds = round((performance.now() - benchStarted) / 1000, 1);
  return result;
}

function explanationLines(result: Record<string, unknown>, rush: RushResult, sql: SqlBaselines): string[] {
  const share = rush.cpu.percentOfMachine;
  const cpuLine = Object.entries(share)
    .sort((a, b) => b[1] - a[1])
    .map(([k, v]) => `${k} ${v}%`)
    .join(', ');
  const lines = [
    `SQL baseline by pool size: ${sql.byPool.map((b) => `${b.poolSize} → ${round(b.perSec, 0)}/s`).join(', ')}; ` +
      `unnamed statements at ${sql.best.poolSize}: ${round(sql.unnamed.perSec, 0)}/s; ` +
      `groups of ${sql.grouped.group} at ${sql.best.poolSize}: ${round(sql.grouped.perSec, 0)} submits/s`,
    `CPU per submit in the rush: API ${result.apiCpuMsPerSubmit} ms, PostgreSQL ${result.postgresCpuMsPerSubmit} ms, worker ${result.workerCpuMsPerSubmit} ms, ` +
      `Redis ${result.redisCpuMsPerSubmit} ms (baseline: PostgreSQL ${sql.best.pgCpuMsPerTx} ms/submit, ${sql.unnamed.pgCpuMsPerTx} unnamed)`,
    `CPU during the rush (share of all ${result.cpus} cores): ${cpuLine}`,
    `worker: ${result.worker ? `on; outbox drained ${result.notificationsDrainMs ?? '>90000'} ms after the rush` : 'off (BENCH_WORKER=0)'}; ` +
      `RSS ${result.rssMbAfterStart} MB after start, ${result.rssMbAfterRush} MB after the rush (peak ${result.rssMb}); restart without migrations ${result.restartMs} ms`,
  ];
  if ((share.other ?? 0) > 15) {
    lines.push(
      `WARNING: ${share.other} % of the machine's CPU went to other processes during the rush: throughput and latency are understated.`,
    );
  }
  return lines;
}

// ---------------------------------------------------------------------------------------------

async function main(): Promise<void> {
  const cfg = loadBenchConfig();
  log(
    `N=${cfg.n}, warm-up ${cfg.warmup}, concurrency ${cfg.concurrency}, database ${cfg.databaseName}, worker ${cfg.withWorker ? 'on' : 'off'}`,
  );
  // Two runs at once would drop the database under each other.
  const lock = await lockBenchRun(cfg, 240_000, () => log(`another bench run is using ${cfg.databaseName}; waiting for it to finish`));
  runLock = lock;
  const stack = await startStack(cfg);
  try {
    const world = await prepareWorld(stack);
    const rush = await deadlineRush(stack, world);
    const twoApis = await twoApisRush(stack, world);
    const sql = await sqlBaseline(stack, world);
    const ranked = await rankingAndProposal(stack, world);
    const rssMbAtEnd = round(peakRssMb(stack.api.pid), 1);
    const restartMs = await restartApi(stack);

    const result = buildResult(stack, rush, twoApis, sql, ranked, restartMs, rssMbAtEnd);
    printTable(result, explanationLines(result, rush, sql));
    process.stdout.write(`${JSON.stringify(result)}\n`);
  } finally {
    stack.client.close();
    stack.rushClient.close();
    await stack.db.end().catch(() => undefined);
    await stopAll();
    await lock.end().catch(() => undefined);
  }
}

/** The run lock's connection, also closed when setting up fails, so the next run need not wait. */
let runLock: { end(): Promise<void> } | undefined;

process.on('exit', killAllNow);
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    log(`${signal}: stopping the services`);
    void stopAll().finally(() => process.exit(130));
  });
}

main().catch(async (e: unknown) => {
  log(`failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  await stopAll().catch(() => undefined);
  await runLock?.end().catch(() => undefined);
  process.exit(1);
});
