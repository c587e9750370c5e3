import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { HealthIndicatorResult, HealthIndicatorService } from '@nestjs/terminus';
import Redis from 'ioredis';
import { Env } from '../config/env.schema';
import { producerConnection } from '../jobs/redis';

@Injectable()
export class RedisHealthIndicator implements OnModuleDestroy {
  private readonly client: Redis;

  constructor(
    env: Env,
    private readonly indicator: HealthIndicatorService,
  ) {
    this.client = new Redis({ ...producerConnection(env.REDIS_URL), lazyConnect: true });
    this.client.on('error', () => undefined); // reported through the check, not the log
  }

  async check(key = 'redis'): Promise<HealthIndicatorResult> {
    const check = this.indicator.check(key);
    try {
      if (this.client.status === 'wait') await this.client.connect();
      const answer = await Promise.race([
        this.client.ping(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 1_000).unref()),
      ]);
      return answer === 'PONG' ? check.up() : check.down({ message: `unexpected answer ${answer}` });
    } catch (e) {
      return check.down({ message: `Redis does not answer: ${(e as Error).message}` });
    }
  }

  onModuleDestroy(): void {
    this.client.disconnect();
  }
}
