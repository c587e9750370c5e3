import 'reflect-metadata';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { loadEnv } from '../../src/config/env.schema';
import { dataSourceOptions } from '../../src/database/data-source.options';
import { ensureDatabase, migrateWithLock } from '../../src/database/migrate';
import { redisOptions } from '../../src/jobs/redis';
import { buildService } from './processes';

/** Once per run: the service built, a fresh test database migrated from nothing, and the test keys gone from Redis. */
export default async function globalSetup(): Promise<void> {
  require('./env');
  // The compiled service, for the suites that run real processes and for the worker threads
  // (funding proposals) that the in-process API starts: built once per run, from the sources under test.
  if (!process.env.AVUSTUS_TEST_BUILT) {
    buildService();
    process.env.AVUSTUS_TEST_BUILT = '1';
  }
  const env = loadEnv();
  await ensureDatabase(env.DATABASE_URL);
  const db = new DataSource(dataSourceOptions(env));
  await db.initialize();
  try {
    await db.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
    await migrateWithLock(db, env.DATABASE_URL);
  } finally {
    await db.destroy();
  }
  const redis = new Redis(redisOptions(env.REDIS_URL));
  try {
    const keys = await redis.keys(`${env.QUEUE_PREFIX}:*`);
    if (keys.length > 0) await redis.del(...keys);
  } finally {
    redis.disconnect();
  }
}
