import Redis from 'ioredis';
import { Client } from 'pg';
import type { Response } from 'supertest';
import { ensureDatabase } from '../../src/database/migrate';
import { redisOptions } from '../../src/jobs/redis';
import type { TestApi } from '../helpers/api';

/**
 * Jest may run the security suites in parallel workers. Each suite therefore works in a database
 * and under a BullMQ key prefix of its own, derived from the test ones (TEST_DATABASE_URL, the
 * test prefix), so that one suite's reset or worker never touches another's world. Call at the
 * top of a suite file, before anything reads the environment.
 */
export function isolateSuite(name: string): void {
  const url = new URL(process.env.DATABASE_URL as string);
  url.pathname = `${url.pathname}_${name}`;
  process.env.DATABASE_URL = url.toString();
  process.env.QUEUE_PREFIX = `${process.env.QUEUE_PREFIX}-${name}`;
}

/** What the global set-up does for the shared test database, for this suite's own one: created, emptied, keys gone. */
export async function freshSuiteStores(): Promise<void> {
  const url = process.env.DATABASE_URL as string;
  await ensureDatabase(url);
  const db = new Client({ connectionString: url });
  await db.connect();
  try {
    await db.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  } finally {
    await db.end();
  }
  const redis = new Redis(redisOptions(process.env.REDIS_URL as string));
  try {
    const keys = await redis.keys(`${process.env.QUEUE_PREFIX}:*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface Route {
  method: Method;
  /** The OpenAPI path, e.g. `/api/applications/{id}/review`. */
  path: string;
  /** `METHOD path`, the key of the expectation tables. */
  key: string;
  /** Takes a JSON body (multipart routes are MULTIPART_ROUTES). */
  hasBody: boolean;
  /** Roles named by the route's 403 response (`only for: …`, written by @Roles); empty when any signed-in user may call it. */
  roles: string[];
}

interface OpenApiOperation {
  requestBody?: { content?: Record<string, unknown> };
  responses?: Record<string, { description?: string }>;
}

/** Every route of the OpenAPI document the service serves. */
export async function openApiRoutes(api: TestApi): Promise<Route[]> {
  const res = await api.http().get('/api/docs-json').expect(200);
  const paths = res.body.paths as Record<string, Record<string, OpenApiOperation>>;
  const routes: Route[] = [];
  for (const [path, operations] of Object.entries(paths)) {
    for (const [method, op] of Object.entries(operations)) {
      if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
      const only = /only for: ([a-z, ]+)/.exec(op.responses?.['403']?.description ?? '');
      routes.push({
        method: method as Method,
        path,
        key: `${method.toUpperCase()} ${path}`,
        hasBody: op.requestBody?.content?.['application/json'] !== undefined,
        roles: only ? only[1].split(', ') : [],
      });
    }
  }
  return routes;
}

/**
 * Every `METHOD /path` the HTTP server has registered under /api (from fastify's own route tree,
 * path parameters written the OpenAPI way), without HEAD and the documentation's static files.
 * The web UI's public files and its history fallback outside /api are test/ui/serving's.
 */
export function registeredRoutes(api: TestApi): string[] {
  const tree: string = api.app.getHttpAdapter().getInstance().printRoutes({ commonPrefix: false });
  const stack: string[] = [];
  const keys: string[] = [];
  for (const line of tree.split('\n')) {
    const m = /^((?:│ {3}| {4})*)(?:├── |└── )(.*?)(?: \(([^)]*)\))?$/.exec(line);
    if (!m) continue;
    stack.length = m[1].length / 4;
    stack.push(m[2]);
    const path = stack.join('').replace(/:(\w+)/g, '{$1}');
    for (const method of (m[3] ?? '').split(', ').filter(Boolean)) {
      if (method !== 'HEAD' && path.startsWith('/api') && !path.startsWith('/api/docs')) keys.push(`${method} ${path}`);
    }
  }
  return keys;
}

/** The path with each `{param}` replaced; a parameter nobody knows how to fill is an error naming it. */
export function fillPath(path: string, params: Record<string, string | undefined>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name];
    if (!value) throw new Error(`No value for {${name}} in ${path}`);
    return value;
  });
}

export interface Call {
  method: Method;
  url: string;
  token?: string;
  /** A JSON value, sent as JSON. */
  body?: unknown;
  /** Sent verbatim as application/json (for keys JSON.stringify cannot write, like an own `__proto__`). */
  raw?: string;
  /** Sends a small file as multipart/form-data field `file`. */
  multipart?: boolean;
  headers?: Record<string, string>;
}

export function send(api: TestApi, call: Call): Promise<Response> {
  let req = api.http()[call.method](call.url);
  if (call.token) req = req.set('authorization', `Bearer ${call.token}`);
  for (const [k, v] of Object.entries(call.headers ?? {})) req = req.set(k, v);
  if (call.multipart)
    return req.attach('file', Buffer.from('tunnusluku,arvo\nosallistujat,42\n'), { filename: 'liite.csv', contentType: 'text/csv' });
  if (call.raw !== undefined) return req.set('content-type', 'application/json').send(call.raw);
  if (call.body !== undefined && call.method !== 'get') return req.send(call.body as object);
  return req;
}

/** Why a response is not RFC 9457 problem+json with a stable code and its own status, or undefined when it is. */
export function problemFault(res: Response): string | undefined {
  if (!/^application\/problem\+json/.test(String(res.headers['content-type']))) return `content-type ${res.headers['content-type']}`;
  const body = res.body as { status?: unknown; code?: unknown; title?: unknown };
  if (body.status !== res.status) return `body.status ${String(body.status)} ≠ ${res.status}`;
  if (typeof body.code !== 'string' || !/^[A-Z_]+$/.test(body.code)) return `code ${String(body.code)}`;
  if (typeof body.title !== 'string') return 'no title';
  return undefined;
}

/**
 * A cheap fingerprint of every table: its row count and an md5 over its rows in a stable order.
 * Two equal fingerprints mean nothing was written (audit events and notifications included).
 */
export class Fingerprint {
  private constructor(
    private readonly api: TestApi,
    private readonly sql: string,
  ) {}

  static async of(api: TestApi): Promise<Fingerprint> {
    const tables: { tablename: string }[] = await api.db.query(
      `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations' ORDER BY tablename`,
    );
    const sql = tables
      .map(
        ({ tablename: t }) =>
          `SELECT '${t}' AS t, count(*)::int AS n, md5(coalesce(string_agg(x::text, E'\\n' ORDER BY x::text), '')) AS h FROM "${t}" x`,
      )
      .join(' UNION ALL ');
    return new Fingerprint(api, sql);
  }

  async take(): Promise<Record<string, string>> {
    const rows: { t: string; n: number; h: string }[] = await this.api.db.query(this.sql);
    return Object.fromEntries(rows.map((r) => [r.t, `${r.n}:${r.h}`]));
  }

  /** The tables whose fingerprint differs. */
  static changed(before: Record<string, string>, after: Record<string, string>): string[] {
    return Object.keys({ ...before, ...after }).filter((t) => before[t] !== after[t]);
  }
}

export function short(value: unknown, max = 300): string {
  // JSON escapes control characters (a null byte would make the report binary).
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text;
}
