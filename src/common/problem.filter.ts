import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { ThrottlerException } from '@nestjs/throttler';
import type { FastifyReply } from 'fastify';
import {
  QueryFailedError,
  QueryRunnerAlreadyReleasedError,
  QueryRunnerProviderAlreadyReleasedError,
  TransactionNotStartedError,
} from 'typeorm';
import { Problem, ProblemCode } from './problem';

const CODE_BY_STATUS: Record<number, ProblemCode> = {
  400: 'VALIDATION_FAILED',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  409: 'INVALID_STATE',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  429: 'RATE_LIMITED',
  503: 'SERVICE_UNAVAILABLE',
};

interface PgError {
  code?: string;
  detail?: string;
  column?: string;
}

/** Connection-level failures: the database is away, not the request wrong. */
const UNAVAILABLE = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  '57P01',
  '57P02',
  '57P03',
  '53300',
  '08006',
  '08003',
  '08001',
]);

function fromDatabase(err: PgError): Problem | undefined {
  switch (err.code) {
    case '23505': {
      const column = /\(([^)]+)\)=/.exec(err.detail ?? '')?.[1];
      const field = column?.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
      // The constraint's name is the schema's business, not the caller's: the field says enough.
      return new Problem(
        409,
        'DUPLICATE',
        field ? `A record with this ${field} already exists` : 'Duplicate record',
        field ? { field } : {},
      );
    }
    case '23503':
      return new Problem(409, 'INVALID_REFERENCE', 'A referenced record does not exist or is still in use');
    case '23514':
    case '23502':
    case '22P02':
    case '22003':
    case '22007':
    case '22008':
    case '22001':
    case '22021':
    case '22P05':
      return new Problem(400, 'VALIDATION_FAILED', `Invalid value${err.column ? ` for ${err.column}` : ''}`);
    case '40001':
    case '40P01':
      return new Problem(503, 'SERVICE_UNAVAILABLE', 'Concurrent update, please retry', {});
    default:
      return err.code && UNAVAILABLE.has(err.code) ? unavailable() : undefined;
  }
}

/**
 * A connection that died mid-request (server restart, pg_terminate_backend, network): pg reports
 * it in several shapes, and TypeORM then refuses the released query runner. All mean "retry".
 */
function connectionLost(exception: unknown): boolean {
  if (
    exception instanceof QueryRunnerProviderAlreadyReleasedError ||
    exception instanceof QueryRunnerAlreadyReleasedError ||
    exception instanceof TransactionNotStartedError
  ) {
    return true;
  }
  return /terminating connection|Connection terminated|connection timeout|timeout exceeded when trying to connect|Client has encountered a connection error|Cannot use a pool after calling end/i.test(
    String((exception as Error).message),
  );
}

function unavailable(): Problem {
  return new Problem(503, 'SERVICE_UNAVAILABLE', 'The database is not reachable right now, please retry');
}

function fromHttp(exception: HttpException): Problem {
  const status = exception.getStatus();
  const code = exception instanceof ThrottlerException ? 'RATE_LIMITED' : (CODE_BY_STATUS[status] ?? 'INTERNAL_ERROR');
  return new Problem(status, code, exception.message);
}

interface FastifyishError {
  statusCode?: number;
  code?: string;
  message?: string;
}

/** The size limits a 413 names. */
export interface SizeLimits {
  bodyBytes: number;
  fileBytes: number;
}

/** A body or file over its limit, from fastify or multipart directly or as Nest's HttpException wrapping it. */
function tooLarge(exception: unknown, limits: SizeLimits): Problem | undefined {
  const status = exception instanceof HttpException ? exception.getStatus() : (exception as FastifyishError | null)?.statusCode;
  if (status !== 413) return undefined;
  const err = (exception instanceof HttpException ? exception.cause : exception) as FastifyishError | undefined;
  const file = err?.code === 'FST_REQ_FILE_TOO_LARGE';
  const limit = file ? limits.fileBytes : limits.bodyBytes;
  return new Problem(413, 'PAYLOAD_TOO_LARGE', `The ${file ? 'file' : 'request body'} is larger than the limit of ${limit} bytes`, {
    limitBytes: limit,
  });
}

/** Errors raised by fastify itself before a handler runs (bad JSON, body too large, wrong media type). */
function fromFastify(err: FastifyishError): Problem | undefined {
  if (typeof err.statusCode !== 'number' || err.statusCode < 400 || err.statusCode >= 500) return undefined;
  const code = CODE_BY_STATUS[err.statusCode] ?? 'VALIDATION_FAILED';
  return new Problem(err.statusCode, code, err.message ?? 'Bad request');
}

/** Turns any thrown value into a problem+json response with a stable code. */
export function toProblem(exception: unknown, limits: SizeLimits): Problem {
  if (exception instanceof Problem) return exception;
  const large = tooLarge(exception, limits);
  if (large) return large;
  if (exception instanceof HttpException) return fromHttp(exception);
  if (exception instanceof QueryFailedError) {
    const db = fromDatabase((exception.driverError as PgError | undefined) ?? (exception as PgError));
    if (db) return db;
  }
  const asPg = exception as PgError;
  if (asPg && typeof asPg === 'object') {
    const db = asPg.code ? fromDatabase(asPg) : undefined;
    if (db) return db;
    if (connectionLost(exception)) return unavailable();
    const fastify = fromFastify(exception as FastifyishError);
    if (fastify) return fastify;
  }
  return internal();
}

function internal(): Problem {
  return new Problem(500, 'INTERNAL_ERROR', 'Something went wrong on our side; it has been logged');
}

export function sendProblem(reply: FastifyReply, problem: Problem): void {
  void reply.status(problem.getStatus()).header('content-type', 'application/problem+json; charset=utf-8').send(problem.body());
}

@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  constructor(private readonly limits: SizeLimits) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const problem = toProblem(exception, this.limits);
    if (problem.getStatus() >= 500) {
      this.logger.error(exception instanceof Error ? (exception.stack ?? exception.message) : String(exception));
    }
    if (host.getType() !== 'http') return;
    sendProblem(host.switchToHttp().getResponse<FastifyReply>(), problem);
  }
}
