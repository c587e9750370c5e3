import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { Env } from '../config/env.schema';
import { redisOptions } from './redis';

/** Connection failures: expected while Redis is away, said once by the watch rather than by every client. */
const CONNECTION_ERROR = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ETIMEDOUT|ECONNRESET|Connection is closed|Stream isn't writeable/;

export function isConnectionError(error: Error): boolean {
  return CONNECTION_ERROR.test(error.message) || CONNECTION_ERROR.test(String((error as { code?: unknown }).code ?? ''));
}

/** host:port of a redis:// URL, never its password. */
export function redisAddress(url: string): string {
  const o = redisOptions(url);
  return `${o.host}:${o.port}/${o.db ?? 0}`;
}

export function redisDownMessage(url: string): string {
  return (
    `Redis does not answer at ${redisAddress(url)} (REDIS_URL). Until it does: no call is closed by its job, ` +
    'no e-mail is sent, no reminder goes out and login limits are counted by each process alone; the worker makes up what was missed once Redis is back. ' +
    'Deadlines and funding caps still hold (the database enforces them). Get Redis running there: with Docker, ' +
    '`docker compose up -d redis`; on Debian or Ubuntu, `sudo apt-get install redis-server`, or `bash scripts/run-local.sh`.'
  );
}

/** Shared by every watch in the process (the API and the worker run in one under `npm start`). */
let reportedDown = false;

/**
 * One small connection per process that says, once, when Redis cannot be reached (at start or
 * later) and what that means, and once when it answers again. The queues' and processors' own
 * connection errors stay quiet (isConnectionError); the health endpoint reports the same.
 */
@Injectable()
export class RedisWatch implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('Redis');
  private client?: Redis;

  constructor(private readonly env: Env) {}

  async onModuleInit(): Promise<void> {
    const url = this.env.REDIS_URL;
    this.client = new Redis({
      ...redisOptions(url),
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      connectTimeout: 2_000,
      retryStrategy: (times) => Math.min(times * 500, 5_000),
    });
    this.client.on('error', (e: Error) => {
      if (reportedDown || !isConnectionError(e)) return;
      reportedDown = true;
      this.logger.warn(redisDownMessage(url));
    });
    this.client.on('ready', () => {
      if (!reportedDown) return;
      reportedDown = false;
      this.logger.log(`Redis answers again at ${redisAddress(url)}: jobs, e-mail and reminders resume`);
    });
    await this.client.connect().catch(() => undefined);
  }

  onModuleDestroy(): void {
    this.client?.disconnect();
  }
}
