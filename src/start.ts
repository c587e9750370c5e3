import 'reflect-metadata';
import { startApi } from './main';
import { startWorker } from './worker';

/** Single-machine mode: the API and the worker in one process. Scale out by running main and worker separately. */
Promise.all([startWorker(), startApi()]).catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
