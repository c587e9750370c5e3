/**
 * What a process says when it cannot start because a service it needs is missing: one line that
 * names the setting, the address tried and how to get the service, instead of a stack trace.
 */
export class StartupError extends Error {
  override readonly name = 'StartupError';
}

/** host:port/database and the user of a postgres:// URL, never its password. */
export function databaseAddress(databaseUrl: string): { where: string; database: string; user: string; shown: string } {
  const url = new URL(databaseUrl);
  const where = `${url.hostname || 'localhost'}:${url.port || '5432'}`;
  const database = decodeURIComponent(url.pathname.replace(/^\//, '')) || 'postgres';
  const user = decodeURIComponent(url.username) || 'postgres';
  if (url.password) url.password = '***';
  return { where, database, user, shown: url.toString() };
}

/** The error codes of a connection failure, including those inside an AggregateError (one per address tried). */
function codes(error: unknown): string[] {
  if (typeof error !== 'object' || error === null) return [];
  const e = error as { code?: unknown; errors?: unknown[] };
  const own = typeof e.code === 'string' ? [e.code] : [];
  return [...own, ...(Array.isArray(e.errors) ? e.errors.flatMap(codes) : [])];
}

const UNREACHABLE = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ECONNRESET'];
const GET_POSTGRES =
  'Get PostgreSQL running there: with Docker, `docker compose up -d postgres`; on Debian or Ubuntu, ' +
  '`sudo apt-get install postgresql` (it starts at once; `sudo pg_ctlcluster <version> main start` starts a stopped one), ' +
  'or `bash scripts/run-local.sh`, which installs and starts PostgreSQL and Redis and then Avustus.';

/** The one line for a failure to reach or use PostgreSQL, or undefined when the error is something else. */
export function explainDatabaseError(databaseUrl: string, error: unknown): string | undefined {
  const { where, database, user, shown } = databaseAddress(databaseUrl);
  const found = codes(error);
  const message = error instanceof Error ? error.message : String(error);
  if (found.some((c) => UNREACHABLE.includes(c)) || /timeout expired|Connection terminated/i.test(message)) {
    return `Avustus cannot start: PostgreSQL does not answer at ${where} (DATABASE_URL=${shown}). ${GET_POSTGRES}`;
  }
  if (found.includes('28P01') || found.includes('28000')) {
    return (
      `Avustus cannot start: PostgreSQL at ${where} refused user "${user}" (${message}). ` +
      `Check the user and password in DATABASE_URL=${shown}, or allow that user in the server's pg_hba.conf.`
    );
  }
  if (found.includes('3D000')) {
    return (
      `Avustus cannot start: the database "${database}" does not exist at ${where} and user "${user}" may not create it. ` +
      `Create it (\`createdb -h ${where.split(':')[0]} -p ${where.split(':')[1]} -U postgres ${database}\`) or point DATABASE_URL=${shown} at one that exists.`
    );
  }
  return undefined;
}

/** The end of a process that could not start: the one line for a known cause, the error itself otherwise. */
export function failStartup(error: unknown): never {
  console.error(error instanceof StartupError ? error.message : error);
  process.exit(1);
}
