import { plainToInstance, Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsInt, IsOptional, IsString, IsUrl, Max, Min, MinLength, validateSync } from 'class-validator';

/** Every setting the processes read, validated once at start-up. A bad value stops the process. */
export class Env {
  @IsIn(['development', 'production', 'test'])
  NODE_ENV: 'development' | 'production' | 'test' = 'development';

  @IsString()
  @MinLength(1)
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/avustus';

  @IsString()
  @MinLength(1)
  REDIS_URL = 'redis://127.0.0.1:6379/0';

  /** Prefix of every BullMQ key, so several deployments (or the tests) can share one Redis. */
  @IsString()
  @MinLength(1)
  QUEUE_PREFIX = 'avustus';

  @IsString()
  @MinLength(16, { message: 'JWT_SECRET must be at least 16 characters' })
  JWT_SECRET = 'development-only-secret-change-me';

  @IsString()
  JWT_EXPIRES_IN = '8h';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  /**
   * The address users open the service at, e.g. `https://avustus.example.fi`. An https address
   * means the service is served over TLS (by itself or a proxy in front), and only then do
   * browsers get told to upgrade insecure requests. Unset: served over plain http.
   */
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'PUBLIC_URL must be an http:// or https:// address' },
  )
  PUBLIC_URL?: string;

  @IsString()
  ADMIN_EMAIL = 'admin@avustus.local';

  @IsString()
  @MinLength(8, { message: 'ADMIN_PASSWORD must be at least 8 characters' })
  ADMIN_PASSWORD = 'admin-password';

  @IsOptional()
  @IsString()
  SMTP_URL?: string;

  @IsString()
  MAIL_FROM = 'Avustus <no-reply@avustus.local>';

  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  @Max(200)
  DB_POOL_SIZE = 12;

  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
  LOG_LEVEL = 'info';

  /**
   * Trust X-Forwarded-For from a load balancer (for the client address the login limit counts).
   * Off by default: without a proxy in front, a client could claim any address.
   */
  @Transform(({ value }) => value === true || value === 'true' || value === '1')
  @IsBoolean()
  TRUST_PROXY = false;

  /** Login attempts allowed per minute per client address, counted in Redis across every API process. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  LOGIN_RATE_LIMIT = 10;

  /** Login attempts allowed per minute for one account (e-mail), from any address. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  LOGIN_ACCOUNT_RATE_LIMIT = 10;

  /**
   * Requests allowed per minute for one signed-in user on the authenticated routes, counted in
   * Redis across every API process. Generous: an applicant saving and submitting at a deadline
   * makes a few requests a minute, a browser page at most a dozen.
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1)
  USER_RATE_LIMIT = 1200;

  /** Largest report attachment accepted, in bytes (stored in the database). */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(1024)
  @Max(100 * 1024 * 1024)
  REPORT_ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024;

  /** How long (ms) a process may take to finish work in flight after SIGTERM before it exits anyway. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(100)
  SHUTDOWN_TIMEOUT_MS = 25_000;

  /**
   * How long (ms) the funding proposal may search before it answers with the best proposal found
   * (`optimal: false`). It runs on a worker thread, so the process keeps serving meanwhile.
   */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(100)
  @Max(10 * 60_000)
  PROPOSAL_TIME_LIMIT_MS = 20_000;

  /** How often (ms) the worker looks in the database for overdue work Redis may have lost. */
  @Transform(({ value }) => Number(value))
  @IsInt()
  @Min(200)
  RECONCILE_EVERY_MS = 30_000;
}

export function validateEnv(raw: Record<string, unknown>): Env {
  const defined = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ''));
  const env = plainToInstance(Env, defined, { exposeDefaultValues: true });
  const errors = validateSync(env, { skipMissingProperties: false });
  if (errors.length > 0) {
    const lines = errors.map((e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`);
    throw new Error(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  return env;
}

/** Whether users reach the service over https (PUBLIC_URL says so). */
export function servedOverTls(env: Pick<Env, 'PUBLIC_URL'>): boolean {
  return env.PUBLIC_URL?.toLowerCase().startsWith('https://') ?? false;
}

/** The settings as read from process.env, validated, for code that runs outside Nest's DI (CLI, data source). */
export function loadEnv(): Env {
  return validateEnv(process.env);
}
