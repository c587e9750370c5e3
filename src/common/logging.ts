import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { Env } from '../config/env.schema';

/**
 * The id of a request in the logs: the caller's x-request-id when it is a plain token, else a
 * new UUID. Given to fastify (app.factory.ts); pino-http takes the id fastify has set.
 */
export function requestId(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
}

/** Never logged, wherever they appear in a logged object. */
export const REDACT = [
  'req.headers.authorization',
  'req.headers.cookie',
  '*.password',
  '*.passwordHash',
  '*.accessToken',
  'password',
  'passwordHash',
  'accessToken',
];

/**
 * Structured JSON logs naming the process's service; each request line carries its id (taken
 * from x-request-id when sent). The service name is a base binding, written once, rather than
 * pino-http's customProps, which built two more child loggers per request.
 */
export const loggerModule = (service: 'avustus-api' | 'avustus-worker') =>
  LoggerModule.forRootAsync({
    inject: [Env],
    useFactory: (env: Env) => ({
      pinoHttp: {
        level: env.LOG_LEVEL,
        base: { pid: process.pid, hostname: hostname(), service },
        redact: { paths: REDACT, censor: '[redacted]' },
        serializers: {
          req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        },
        quietReqLogger: true,
        // Request lines are written at info; above that level pino-http would only listen to
        // every response's end to throw the line away.
        autoLogging: ['info', 'debug', 'trace'].includes(env.LOG_LEVEL),
      },
    }),
  });
