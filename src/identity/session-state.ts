import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { Env } from '../config/env.schema';
import { producerConnection } from '../jobs/redis';

/** How long an API process may answer from Redis before reading the database again (s). */
const CACHE_SECONDS = 3600;
const INACTIVE = 'off';
/** The per-user request limit counts in fixed windows of this length. */
export const RATE_WINDOW_SECONDS = 60;

/** What one authenticated request may do: whether its session holds, and the user's request budget. */
export interface Admission {
  current: boolean;
  /** Requests left in this window (never below 0); undefined while Redis cannot count. */
  remaining?: number;
  /** Seconds until the window starts over. */
  resetSeconds: number;
  /** Past the limit: refuse with 429. */
  limited: boolean;
}

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

  readonly limit: number;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    env: Env,
  ) {
    this.limit = env.USER_RATE_LIMIT;
    // Connected from the start (not lazily): with no offline queue, a command sent while still
    // connecting fails, and the first requests of a process would go to the database.
    // Auto-pipelined: the commands of every request in one event-loop turn go out in one write and
    // come back in one read, so a rush of submits costs the process a wake-up per turn, not per request.
    this.redis = new Redis({ ...producerConnection(env.REDIS_URL), enableAutoPipelining: true });
    this.redis.on('error', () => undefined); // RedisWatch says once that Redis is away
    this.prefix = `${env.QUEUE_PREFIX}:session:`;
  }

  async onModuleDestroy(): Promise<void> {
    this.redis.disconnect();
  }

  /**
   * One round trip to Redis for each authenticated request: the session's state and the user's
   * count in this minute's window (a fixed window, `<prefix>:rate:<user>:<window>`), so the
   * per-user limit holds across every API process. While Redis is away nothing is counted.
   */
  async admit(userId: string, version: number, nowMs: number): Promise<Admission> {
    const window = Math.floor(nowMs / 1000 / RATE_WINDOW_SECONDS);
    const resetSeconds = Math.max(1, (window + 1) * RATE_WINDOW_SECONDS - Math.floor(nowMs / 1000));
    const rateKey = `${this.prefix}rate:${userId}:${window}`;
    let replies: [Error | null, unknown][] | null;
    try {
      // Not MULTI: plain commands, so auto-pipelining can join them with other requests'. The
      // window's key gets its expiry with its first count only.
      replies = await Promise.all([this.redis.get(this.prefix + userId), this.redis.incr(rateKey)]).then(
        (values) => values.map((v) => [null, v] as [Error | null, unknown]),
        () => null,
      );
      if (replies?.[1][1] === 1) this.redis.expire(rateKey, RATE_WINDOW_SECONDS + 1).catch(() => undefined);
    } catch {
      replies = null;
    }
    if (!replies || replies.some(([error]) => error)) {
      return { current: (await this.fromDatabase(userId, false)) === String(version), resetSeconds, limited: false };
    }
    const state = (replies[0][1] as string | null) ?? (await this.fromDatabase(userId, true));
    const count = Number(replies[1][1]);
    return { current: state === String(version), remaining: Math.max(0, this.limit - count), resetSeconds, limited: count > this.limit };
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
