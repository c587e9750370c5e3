import 'reflect-metadata';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { loadEnv } from '../../src/config/env.schema';
import { dataSourceOptions } from '../../src/database/data-source.options';
import { ensureDatabase, migrateWithLock } from '../../src/database/migrate';
import { redisOptions } from '../../src/jobs/redis';

/** Once per run: a fresh test database migrated from nothing, and the test keys gone from Redis. */
export default async function globalSetup(): Promise<void> {
  require('./env');
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
