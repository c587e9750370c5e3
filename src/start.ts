import 'reflect-metadata';
import { exitGracefully } from './common/shutdown';
import { Env } from './config/env.schema';
import { startApi } from './main';
import { startWorker } from './worker';

/** Single-machine mode: the API and the worker in one process. Scale out by running main and worker separately. */
Promise.all([startWorker(), startApi()])
  .then(([worker, api]) => exitGracefully([api, worker], api.get(Env).SHUTDOWN_TIMEOUT_MS))
  .catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
