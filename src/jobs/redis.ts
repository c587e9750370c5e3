import type { RedisOptions } from 'ioredis';
import type { ConnectionOptions } from 'bullmq';

/** ioredis options from a redis:// URL. */
export function redisOptions(url: string): RedisOptions {
  const u = new URL(url);
  const db = u.pathname && u.pathname !== '/' ? Number(u.pathname.slice(1)) : 0;
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 6379,
    username: u.username ? decodeURIComponent(u.username) : undefined,
    password: u.password ? decodeURIComponent(u.password) : undefined,
    db: Number.isFinite(db) ? db : 0,
    tls: u.protocol === 'rediss:' ? {} : undefined,
  };
}

/**
 * Producers (the API) fail fast while Redis is down instead of piling commands up in memory;
 * the database outbox and the reconciler make up for what could not be queued.
 */
export function producerConnection(url: string): RedisOptions {
  return { ...redisOptions(url), enableOfflineQueue: false, maxRetriesPerRequest: 1, connectTimeout: 2_000 };
}

/** Workers block on Redis and must keep retrying; BullMQ requires maxRetriesPerRequest: null. */
export function workerConnection(url: string): RedisOptions {
  return { ...redisOptions(url), maxRetriesPerRequest: null, enableOfflineQueue: true };
}

/** BullMQ's own option type differs from ioredis' in details only (retryStrategy's signature). */
export function bullConnection(options: RedisOptions): ConnectionOptions {
  return options as ConnectionOptions;
}
