import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { Env } from '../config/env.schema';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/**
 * Session settings of every pooled connection. The named statements (statements.ts) take a batch
 * of rows as arrays; with the default plan cache mode the database would plan them again at every
 * execution (a plan for the arrays' actual length looks cheaper than the generic one), which
 * costs more than running them. Their generic plans are the ones wanted (index scans by id), and
 * only named statements have cached plans at all, so the setting touches nothing else.
 */
export const SESSION_OPTIONS = '-c plan_cache_mode=force_generic_plan';

/**
 * One definition of the database connection, shared by the app, the worker, the TypeORM CLI
 * and the tests. The schema changes only through migrations: `synchronize` stays off.
 */
export function dataSourceOptions(env: Pick<Env, 'DATABASE_URL' | 'DB_POOL_SIZE'>): DataSourceOptions {
  return {
    type: 'postgres',
    url: env.DATABASE_URL,
    entities: [join(__dirname, '..', '**', '*.entity.{ts,js}')],
    migrations: [join(__dirname, '..', '..', 'migrations', '*.{ts,js}')],
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    namingStrategy: new SnakeNamingStrategy(),
    extra: {
      max: env.DB_POOL_SIZE,
      // A connection that cannot be had quickly is an outage, not a reason to queue forever.
      connectionTimeoutMillis: 5_000,
      application_name: 'avustus',
      options: SESSION_OPTIONS,
    },
  };
}
