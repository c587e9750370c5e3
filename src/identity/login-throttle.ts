import { ExecutionContext, Injectable, Logger, Module, OnModuleDestroy } from '@nestjs/common';
import { ThrottlerGuard, ThrottlerLimitDetail, ThrottlerStorage, ThrottlerStorageService } from '@nestjs/throttler';
import type { ThrottlerStorageRecord } from '@nestjs/throttler/dist/throttler-storage-record.interface';
import type { FastifyReply } from 'fastify';
import Redis from 'ioredis';
import { Env } from '../config/env.schema';
import { producerConnection } from '../jobs/redis';
import { isConnectionError } from '../jobs/redis-watch';

/**
 * One attempt, atomically: count it in the window (KEYS[1], expiring after ttl ms) and block the
 * tracker for blockDuration ms (KEYS[2]) once the count passes the limit. Returns hits, the
 * window's remaining ms, 1 when blocked, and the block's remaining ms.
 */
const INCREMENT = `
local blocked = redis.call('PTTL', KEYS[2])
local hits = redis.call('INCR', KEYS[1])
if hits == 1 then redis.call('PEXPIRE', KEYS[1], ARGV[1]) end
local left = redis.call('PTTL', KEYS[1])
if blocked > 0 then return {hits, left, 1, blocked} end
if hits > tonumber(ARGV[2]) then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  return {hits, left, 1, tonumber(ARGV[3])}
end
return {hits, left, 0, 0}`;

/**
 * Login attempts counted in Redis, so a limit holds across every API process behind a load
 * balancer. While Redis cannot be reached, each process counts on its own (the throttler's
 * in-memory storage) rather than refusing every login or letting every attempt through.
 */
@Injectable()
export class RedisThrottlerStorage implements ThrottlerStorage, OnModuleDestroy {
  private readonly logger = new Logger(RedisThrottlerStorage.name);
  private readonly redis: Redis;
  private readonly local = new ThrottlerStorageService();
  private readonly prefix: string;

  constructor(env: Env) {
    this.redis = new Redis({ ...producerConnection(env.REDIS_URL), lazyConnect: true });
    this.redis.on('error', () => undefined); // reported per attempt below
    this.prefix = `${env.QUEUE_PREFIX}:throttle:`;
  }

  async increment(key: string, ttl: number, limit: number, blockDuration: number, throttlerName: string): Promise<ThrottlerStorageRecord> {
    try {
      if (this.redis.status === 'wait') await this.redis.connect();
      const base = `${this.prefix}${throttlerName}:${key}`;
      const [hits, leftMs, blocked, blockMs] = (await this.redis.eval(
        INCREMENT,
        2,
        base,
        `${base}:blocked`,
        ttl,
        limit,
        blockDuration,
      )) as number[];
      return {
        totalHits: hits,
        timeToExpire: Math.ceil(leftMs / 1000),
        isBlocked: blocked === 1,
        timeToBlockExpire: Math.ceil(blockMs / 1000),
      };
    } catch (e) {
      // A lost connection is said once for the process by RedisWatch; anything else here.
      if (!isConnectionError(e as Error)) this.logger.warn(`login limit counted in this process only: ${(e as Error).message}`);
      return this.local.increment(key, ttl, limit, blockDuration, throttlerName);
    }
  }

  onModuleDestroy(): void {
    this.local.onApplicationShutdown();
    this.redis.disconnect();
  }
}

/** Per account: the e-mail address tried, whatever the address it comes from. */
export function accountTracker(req: Record<string, unknown>): Promise<string> {
  const body = req.body as { email?: unknown } | undefined;
  return Promise.resolve(typeof body?.email === 'string' ? body.email.trim().toLowerCase() : '');
}

/** The throttler guard for login; a refusal carries a plain `Retry-After` (seconds) whichever limit refused it. */
@Injectable()
export class LoginThrottlerGuard extends ThrottlerGuard {
  protected override async throwThrottlingException(context: ExecutionContext, detail: ThrottlerLimitDetail): Promise<void> {
    const res = context.switchToHttp().getResponse<FastifyReply>();
    res.header('Retry-After', String(Math.max(1, detail.timeToBlockExpire)));
    return super.throwThrottlingException(context, detail);
  }
}

/** Provides the storage to the throttler's configuration, so its Redis connection closes with the app. */
@Module({ providers: [RedisThrottlerStorage], exports: [RedisThrottlerStorage] })
export class LoginThrottleStorageModule {}
