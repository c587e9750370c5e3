import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { INestApplicationContext } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { exitGracefully } from './common/shutdown';
import { Env, loadEnv } from './config/env.schema';
import { prepareDatabase } from './database/migrate';
import { WorkerModule } from './worker.module';
import { failStartup } from './common/startup';

export async function startWorker(): Promise<INestApplicationContext> {
  await prepareDatabase(loadEnv());
  const app = await NestFactory.createApplicationContext(WorkerModule, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  // Readiness marker for container health checks (the worker has no HTTP port).
  writeFileSync(join(tmpdir(), 'avustus-worker-ready'), String(process.pid));
  app.get(Logger).log('Worker started');
  return app;
}

if (require.main === module) {
  startWorker()
    .then((app) => exitGracefully([app], app.get(Env).SHUTDOWN_TIMEOUT_MS))
    .catch(failStartup);
}
