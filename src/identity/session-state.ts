import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { Env } from '../config/env.schema';
import { producerConnection } from '../jobs/redis';

/** How long an API process may answer from Redis before reading the database again (s). */
const CACHE_SECONDS = 3600;
const INACTIVE = 'off';

/**
 * Whether a token's session still holds, checked on every authenticated request on every API
 * process: the token carries the user's session version (`sv`) at sign-in, and the user's current
 * version (or "deactivated") is kept in Redis, filled from the database when missing. Sign-out,
 * deactivation, a change of roles and a password reset raise the version in the database and then
 * write it to Redis before they answer, so the very next request, through any process, is refused.
 * While Redis cannot be reached, each request reads the database instead: slower, never laxer.
 */
@Injectable()
export class SessionState implements OnModuleDestroy {
  private readonly logger = new Logger(SessionState.name);
  private readonly redis: Redis;
  private readonly prefix: string;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    env: Env,
  ) {
    this.redis = new Redis({ ...producerConnection(env.REDIS_URL), lazyConnect: true });
    this.redis.on('error', () => undefined); // RedisWatch says once that Redis is away
    this.prefix = `${env.QUEUE_PREFIX}:session:`;
  }

  async onModuleDestroy(): Promise<void> {
    this.redis.disconnect();
  }

  /** True when the user is active and `version` is their current session version. */
  async isCurrent(userId: string, version: number): Promise<boolean> {
    let state: string | null;
    try {
      state = await this.redis.get(this.prefix + userId);
    } catch {
      return (await this.fromDatabase(userId, false)) === String(version);
    }
    if (state === null) state = await this.fromDatabase(userId, true);
    return state === String(version);
  }

  /** The user's state after a committed change (call it after the commit, before answering). */
  async changed(userId: string, version: number, active: boolean): Promise<void> {
    try {
      await this.redis.set(this.prefix + userId, active ? String(version) : INACTIVE, 'EX', CACHE_SECONDS);
    } catch (error) {
      // Redis away: every process reads the database until it is back; drop what may be stale then.
      this.logger.warn(`Could not record the session change of user ${userId} in Redis (${(error as Error).message})`);
      await this.redis.del(this.prefix + userId).catch(() => undefined);
    }
  }

  private async fromDatabase(userId: string, cache: boolean): Promise<string> {
    const [row]: { session_version: number; active: boolean }[] = await this.db.query(
      'SELECT session_version, active FROM users WHERE id = $1',
      [userId],
    );
    const state = !row ? INACTIVE : row.active ? String(row.session_version) : INACTIVE;
    // NX: a change written meanwhile (changed() overwrites) must not be replaced by this older read.
    if (cache) await this.redis.set(this.prefix + userId, state, 'EX', CACHE_SECONDS, 'NX').catch(() => undefined);
    return state;
  }
}
