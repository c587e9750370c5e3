import 'reflect-metadata';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Logger } from 'nestjs-pino';
import { createApi } from './app.factory';
import { exitGracefully } from './common/shutdown';
import { Env } from './config/env.schema';
import { failStartup } from './common/startup';

export async function startApi(): Promise<NestFastifyApplication> {
  const app = await createApi();
  const host = '0.0.0.0';
  await app.listen({ port: app.get(Env).PORT, host });
  const { port } = app.getHttpServer().address() as { port: number };
  app.get(Logger).log(`Avustus API listening on http://${host}:${port}`, 'Main');
  return app;
}

if (require.main === module) {
  startApi()
    .then((app) => exitGracefully([app], app.get(Env).SHUTDOWN_TIMEOUT_MS))
    .catch(failStartup);
}
