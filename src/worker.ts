import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { loadEnv } from './config/env.schema';
import { prepareDatabase } from './database/migrate';
import { WorkerModule } from './worker.module';

export async function startWorker(): Promise<void> {
  await prepareDatabase(loadEnv());
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  // Readiness marker for container health checks (the worker has no HTTP port).
  writeFileSync(join(tmpdir(), 'avustus-worker-ready'), String(process.pid));
  app.get(Logger).log('Worker started');
}

if (require.main === module) {
  startWorker().catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
}
