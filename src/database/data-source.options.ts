import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { Env } from '../config/env.schema';
import { SnakeNamingStrategy } from './snake-naming.strategy';

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
    },
  };
}
