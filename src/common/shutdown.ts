import { INestApplication, INestApplicationContext, Logger } from '@nestjs/common';

/**
 * SIGTERM/SIGINT: let work in flight finish (HTTP requests, the running job), close connections,
 * exit 0. If closing takes longer than `timeoutMs`, exit 1 rather than hang forever.
 */
export function exitGracefully(apps: INestApplicationContext[], timeoutMs: number): void {
  const logger = new Logger('Shutdown');
  let closing = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal}: finishing work in flight`);
    // A keep-alive connection that finished its last request after close() began would otherwise
    // hold the HTTP server open; close such connections as they fall idle.
    const idle = setInterval(() => {
      for (const app of apps) {
        const server = (app as Partial<INestApplication>).getHttpServer?.() as { closeIdleConnections?: () => void } | undefined;
        server?.closeIdleConnections?.();
      }
    }, 100);
    idle.unref();
    setTimeout(() => {
      logger.error(`Still closing after ${timeoutMs} ms; exiting anyway`);
      process.exit(1);
    }, timeoutMs).unref();
    // One after another: the HTTP API first, so no new work starts while the worker finishes its own.
    apps
      .reduce<Promise<void>>((done, app) => done.then(() => app.close()), Promise.resolve())
      .then(
        () => process.exit(0),
        (e: Error) => {
          logger.error(`Shutdown failed: ${e.message}`);
          process.exit(1);
        },
      );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
