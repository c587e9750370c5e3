import { resolve } from 'node:path';

/** Everything the benchmark can be told from the environment, read once. */
export interface BenchConfig {
  /** Repository root: the child processes run `node dist/src/*.js` from here. */
  root: string;
  databaseUrl: string;
  /** Same server, database `postgres`: used to drop and recreate the bench database. */
  maintenanceUrl: string;
  databaseName: string;
  redisUrl: string;
  queuePrefix: string;
  /** Preferred API port; another free one is taken when it is busy. */
  port: number;
  jwtSecret: string;
  adminEmail: string;
  adminPassword: string;
  /** Applications submitted in the deadline rush, and in each SQL baseline round. */
  n: number;
  warmup: number;
  concurrency: number;
  poolSizes: number[];
  baselineGroup: number;
  rankingApplications: number;
  reviewsPerApplication: number;
  timedRuns: number;
  /** BENCH_CLIENT=node submits the rush through node:http instead of the lean client, to compare. */
  rushClient: 'lean' | 'node';
  /** BENCH_WORKER=0 leaves the worker out, to see what it costs the API. */
  withWorker: boolean;
  /** Passed to the API (and worker) unchanged; the defaults are the service's own defaults except LOG_LEVEL. */
  apiLogLevel: string;
  apiDbPoolSize?: string;
  /** Extra node flags for the API process only, e.g. `--prof` to see where its CPU goes. */
  apiNodeArgs: string[];
  /** The same for the worker. */
  workerNodeArgs: string[];
  seed: number;
}

function int(name: string, fallback: number, min = 1): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min} (got ${raw})`);
  return value;
}

export function loadBenchConfig(): BenchConfig {
  const databaseUrl = process.env.BENCH_DATABASE_URL || 'postgres://postgres@127.0.0.1:5432/avustus_bench';
  const url = new URL(databaseUrl);
  const databaseName = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!/^[A-Za-z0-9_]+$/.test(databaseName)) throw new Error(`BENCH_DATABASE_URL names an unusual database: ${databaseName}`);
  // Dropping the database must never hit the service's own databases by accident.
  if (!databaseName.includes('bench')) throw new Error(`refusing to drop ${databaseName}: the bench database name must contain "bench"`);
  url.pathname = '/postgres';

  return {
    // Compiled to dist/bench/bench.js: the repository is two levels up.
    root: resolve(__dirname, '..', '..'),
    databaseUrl,
    maintenanceUrl: url.toString(),
    databaseName,
    redisUrl: process.env.BENCH_REDIS_URL || 'redis://127.0.0.1:6379/2',
    queuePrefix: process.env.BENCH_QUEUE_PREFIX || 'avustus-bench',
    port: int('BENCH_PORT', 3300),
    jwtSecret: 'avustus-bench-jwt-secret-not-for-production',
    adminEmail: 'admin@bench.local',
    adminPassword: 'bench-password',
    n: int('BENCH_N', 2000),
    // Enough submits for V8 to optimise the hot path, as in a service that has run all day: with a
    // few hundred, the first half of the rush still ran half-compiled code at half the speed.
    warmup: int('BENCH_WARMUP', 3000),
    concurrency: int('BENCH_CONCURRENCY', 100),
    poolSizes: (process.env.BENCH_POOL_SIZES || '4,8,16,32').split(',').map((s) => {
      const v = Number(s.trim());
      if (!Number.isInteger(v) || v < 1) throw new Error(`BENCH_POOL_SIZES: bad entry ${s}`);
      return v;
    }),
    // Submits per statement in the grouped SQL baseline.
    baselineGroup: int('BENCH_BASELINE_GROUP', 20),
    rankingApplications: int('BENCH_RANKING_N', 5000),
    reviewsPerApplication: 3,
    timedRuns: int('BENCH_RUNS', 5),
    rushClient: process.env.BENCH_CLIENT === 'node' ? 'node' : 'lean',
    withWorker: process.env.BENCH_WORKER !== '0',
    apiLogLevel: process.env.BENCH_LOG_LEVEL || 'warn',
    apiDbPoolSize: process.env.BENCH_DB_POOL_SIZE || undefined,
    apiNodeArgs: (process.env.BENCH_API_NODE_ARGS || '').split(' ').filter((a) => a.length > 0),
    workerNodeArgs: (process.env.BENCH_WORKER_NODE_ARGS || '').split(' ').filter((a) => a.length > 0),
    seed: int('BENCH_SEED', 20181121),
  };
}
