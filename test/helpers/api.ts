import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import { DataSource } from 'typeorm';
import { createApi } from '../../src/app.factory';
import { IdentityService } from '../../src/identity/identity.service';

export interface TestApi {
  app: NestFastifyApplication;
  db: DataSource;
  http: () => ReturnType<typeof request>;
  close: () => Promise<void>;
}

/** What the factories need of an API: an HTTP client for it (in-process, or a real process behind a load balancer). */
export type HttpApi = Pick<TestApi, 'http'>;

/** The real API, built as production builds it, listening on an ephemeral port. */
export async function startTestApi(): Promise<TestApi> {
  const app = await createApi();
  await app.init();
  await app.getHttpAdapter().getInstance().ready();
  const db = app.get<DataSource>(getDataSourceToken());
  const server = app.getHttpServer();
  return { app, db, http: () => request(server), close: () => app.close() };
}

/** Empties every table (but the migrations log) and recreates the bootstrap admin. */
export async function resetDatabase(api: TestApi): Promise<void> {
  const tables: { tablename: string }[] = await api.db.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations'`,
  );
  // A worker of this suite may still be finishing a job of the last test; its locks can deadlock
  // with the TRUNCATE, which PostgreSQL resolves by failing one side: try again.
  for (let attempt = 1; ; attempt += 1) {
    try {
      await api.db.query(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(', ')} RESTART IDENTITY CASCADE`);
      break;
    } catch (e) {
      if ((e as { driverError?: { code?: string } }).driverError?.code !== '40P01' || attempt >= 5) throw e;
      await new Promise((r) => setTimeout(r, 100 * attempt));
    }
  }
  await api.app.get(IdentityService).ensureAdmin();
}

/** Runs `fn` with some environment variables set, for apps that must see other settings. */
export async function withEnv<T>(vars: Record<string, string | undefined>, fn: () => Promise<T>): Promise<T> {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  for (const [k, v] of Object.entries(vars)) if (v === undefined) delete process.env[k];
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
