import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { explainDatabaseError, StartupError } from '../common/startup';
import type { Env } from '../config/env.schema';
import { dataSourceOptions } from './data-source.options';

/** Any fixed number: every process that migrates takes this advisory lock first. */
const MIGRATION_LOCK = 7_346_021;

/**
 * Runs pending migrations with an advisory lock held, so several API and worker processes
 * starting together on one database migrate it once, one after another.
 */
export async function migrateWithLock(dataSource: DataSource, databaseUrl: string): Promise<string[]> {
  const lock = new Client({ connectionString: databaseUrl, application_name: 'avustus-migrate' });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const ran = await dataSource.runMigrations({ transaction: 'each' });
    return ran.map((m) => m.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.end();
  }
}

/**
 * Creates the database named in the URL when it does not exist (development and tests). Where the
 * role may not create databases this is a no-op, and connecting will say what is missing.
 */
export async function ensureDatabaseIfPossible(databaseUrl: string): Promise<void> {
  await ensureDatabase(databaseUrl).catch(() => undefined);
}

export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  url.pathname = '/postgres';
  const admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    const found = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    if (found.rowCount === 0) {
      await admin.query(`CREATE DATABASE "${name.replace(/"/g, '""')}"`).catch((e: { code?: string }) => {
        if (e.code !== '42P04') throw e; // created meanwhile by another process
      });
    }
  } finally {
    await admin.end();
  }
}

/**
 * What every process does before its modules start (their start-up hooks read the schema):
 * create the database if it is missing and possible, then apply pending migrations under the lock.
 * A PostgreSQL that cannot be reached or used is a StartupError saying so in one line.
 */
export async function prepareDatabase(env: Pick<Env, 'DATABASE_URL' | 'DB_POOL_SIZE'>): Promise<string[]> {
  await ensureDatabaseIfPossible(env.DATABASE_URL);
  const options = dataSourceOptions(env);
  const db = new DataSource({ ...options, extra: { ...options.extra, max: 2 } });
  try {
    await db.initialize();
  } catch (e) {
    const explained = explainDatabaseError(env.DATABASE_URL, e);
    throw explained ? new StartupError(explained) : e;
  }
  try {
    return await migrateWithLock(db, env.DATABASE_URL);
  } finally {
    await db.destroy();
  }
}
