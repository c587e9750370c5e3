import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import { Env } from '../config/env.schema';

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
        genReqId: (req: IncomingMessage) => {
          const given = req.headers['x-request-id'];
          return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
        },
        serializers: {
          req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
        },
        quietReqLogger: true,
      },
    }),
  });
