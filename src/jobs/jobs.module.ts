import { BullModule } from '@nestjs/bullmq';
import { DynamicModule, Module } from '@nestjs/common';
import { Env } from '../config/env.schema';
import { QUEUE } from './queues';
import { bullConnection, producerConnection, workerConnection } from './redis';
import { JobScheduler } from './job-scheduler';
import { RedisWatch } from './redis-watch';

/**
 * BullMQ on Redis. The API only produces jobs and must fail fast when Redis is down; the worker
 * consumes them and keeps retrying its connection.
 */
@Module({})
export class JobsModule {
  static forRole(role: 'producer' | 'worker'): DynamicModule {
    return {
      module: JobsModule,
      global: true,
      imports: [
        BullModule.forRootAsync({
          inject: [Env],
          useFactory: (env: Env) => ({
            connection: bullConnection(role === 'producer' ? producerConnection(env.REDIS_URL) : workerConnection(env.REDIS_URL)),
            prefix: env.QUEUE_PREFIX,
            defaultJobOptions: { removeOnComplete: 1_000, removeOnFail: 5_000 },
          }),
        }),
        BullModule.registerQueue(...Object.values(QUEUE).map((name) => ({ name }))),
      ],
      providers: [JobScheduler, RedisWatch],
      exports: [BullModule, JobScheduler],
    };
  }
}
