import { Client } from 'pg';
import type { TestApi } from './api';

/** Takes a lock in a transaction of its own connection and keeps it until release(). */
export async function holdLock(sql: string, params: unknown[]): Promise<{ release: () => Promise<void> }> {
  const client = new Client({ connectionString: process.env.DATABASE_URL, application_name: 'test-blocker' });
  await client.connect();
  await client.query('BEGIN');
  await client.query(sql, params);
  return {
    release: async () => {
      await client.query('COMMIT');
      await client.end();
    },
  };
}

/** How many of the service's statements matching `pattern` (ILIKE) are waiting for a lock right now. */
export async function waitingOnLock(api: TestApi, pattern = ''): Promise<number> {
  const [row] = await api.db.query(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND application_name = 'avustus' AND query ILIKE $1`,
    [`%${pattern}%`],
  );
  return (row as { n: number }).n;
}
