import 'reflect-metadata';
import { exitGracefully } from './common/shutdown';
import { failStartup } from './common/startup';
import { Env, loadEnv } from './config/env.schema';
import { prepareDatabase } from './database/migrate';
import { startApi } from './main';
import { startWorker } from './worker';

/**
 * Single-machine mode: the API and the worker in one process. Scale out by running main and worker
 * separately. The database is checked (and migrated) once first, so a missing PostgreSQL is said once.
 */
prepareDatabase(loadEnv())
  .then(() => Promise.all([startWorker(), startApi()]))
  .then(([worker, api]) => exitGracefully([api, worker], api.get(Env).SHUTDOWN_TIMEOUT_MS))
  .catch(failStartup);
