import { ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from '../helpers/balancer';
import { ScratchPostgres } from '../helpers/scratch-postgres';
import { ScratchRedis } from '../helpers/redis-server';

const ROOT = join(__dirname, '..', '..');

interface Run {
  proc: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** A built entry point (`npm start` runs dist/src/start.js) with the test settings plus `env`. */
function run(entry: 'start' | 'main' | 'worker', env: Record<string, string>): Run {
  const proc = spawn(process.execPath, [join(ROOT, 'dist', 'src', `${entry}.js`)], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  proc.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return { proc, output: () => out, exited };
}

async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const STACK_LINE = /^\s+at /m;

describe('a process whose PostgreSQL is missing', () => {
  it.each(['start', 'main', 'worker'] as const)(
    '%s exits 1 with one line naming DATABASE_URL, the address and how to get PostgreSQL',
    async (entry) => {
      const port = await freePort();
      const url = `postgres://postgres:secret@127.0.0.1:${port}/avustus`;
      const p = run(entry, { DATABASE_URL: url });
      expect(await p.exited).toBe(1);
      const lines = p.output().trim().split('\n');
      expect(lines).toEqual([
        `Avustus cannot start: PostgreSQL does not answer at 127.0.0.1:${port} (DATABASE_URL=postgres://postgres:***@127.0.0.1:${port}/avustus). ` +
          'Get PostgreSQL running there: with Docker, `docker compose up -d postgres`; on Debian or Ubuntu, `sudo apt-get install postgresql` ' +
          '(it starts at once; `sudo pg_ctlcluster <version> main start` starts a stopped one), or `bash scripts/run-local.sh`, ' +
          'which installs and starts PostgreSQL and Redis and then Avustus.',
      ]);
      expect(p.output()).not.toMatch(STACK_LINE);
      expect(p.output()).not.toContain('secret');
    },
  );

  it('says plainly when PostgreSQL refuses the password', async () => {
    const port = await freePort();
    const pg = new ScratchPostgres(port, 'right-password');
    pg.start();
    try {
      const p = run('main', { DATABASE_URL: `postgres://postgres:wrong-password@127.0.0.1:${port}/avustus` });
      expect(await p.exited).toBe(1);
      expect(p.output().trim()).toBe(
        `Avustus cannot start: PostgreSQL at 127.0.0.1:${port} refused user "postgres" (password authentication failed for user "postgres"). ` +
          `Check the user and password in DATABASE_URL=postgres://postgres:***@127.0.0.1:${port}/avustus, or allow that user in the server's pg_hba.conf.`,
      );
      expect(p.output()).not.toContain('wrong-password');
    } finally {
      pg.stop();
    }
  }, 60_000);

  it('says plainly when the database is missing and the user may not create it', async () => {
    const admin = new Client({ connectionString: process.env.DATABASE_URL });
    await admin.connect();
    try {
      await admin.query('DROP ROLE IF EXISTS avustus_no_createdb');
      await admin.query('CREATE ROLE avustus_no_createdb LOGIN NOCREATEDB');
      const p = run('main', { DATABASE_URL: 'postgres://avustus_no_createdb@127.0.0.1:5432/avustus_never_created' });
      expect(await p.exited).toBe(1);
      expect(p.output().trim()).toBe(
        'Avustus cannot start: the database "avustus_never_created" does not exist at 127.0.0.1:5432 and user "avustus_no_createdb" may not create it. ' +
          'Create it (`createdb -h 127.0.0.1 -p 5432 -U postgres avustus_never_created`) or point ' +
          'DATABASE_URL=postgres://avustus_no_createdb@127.0.0.1:5432/avustus_never_created at one that exists.',
      );
    } finally {
      await admin.query('DROP ROLE IF EXISTS avustus_no_createdb');
      await admin.end();
    }
  });
});

describe('a process whose Redis is missing', () => {
  it('starts, says once what does not run until Redis is back, serves, and says once when it is back', async () => {
    const redisPort = await freePort();
    const port = await freePort();
    const p = run('start', { REDIS_URL: `redis://127.0.0.1:${redisPort}/0`, PORT: String(port) });
    const redis = new ScratchRedis(redisPort);
    try {
      await until('the API to listen', () => p.output().includes(`Avustus API listening on http://0.0.0.0:${port}`));
      const health = await fetch(`http://127.0.0.1:${port}/api/health`);
      expect(health.status).toBe(503);
      expect(((await health.json()) as { down: string[] }).down).toEqual(['redis']);
      const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@avustus.test', password: 'admin-password' }),
      });
      expect(login.status).toBe(200);
      // Several reconnect rounds of every queue and processor pass meanwhile.
      await new Promise((r) => setTimeout(r, 3_000));
      const redisLines = p
        .output()
        .split('\n')
        .filter((l) => /Redis|ECONNREFUSED/.test(l));
      expect(redisLines).toHaveLength(1);
      expect(redisLines[0]).toContain(
        `Redis does not answer at 127.0.0.1:${redisPort}/0 (REDIS_URL). Until it does: no call is closed by its job, no e-mail is sent, no reminder goes out and login limits are counted by each process alone; ` +
          'the worker makes up what was missed once Redis is back. Deadlines and funding caps still hold (the database enforces them).',
      );
      await redis.start();
      await until('Redis to be seen again', () => p.output().includes(`Redis answers again at 127.0.0.1:${redisPort}/0`), 15_000);
      await until('health to be green', async () => (await fetch(`http://127.0.0.1:${port}/api/health`)).status === 200, 15_000);
    } finally {
      p.proc.kill('SIGKILL');
      await p.exited;
      await redis.stop();
    }
  }, 60_000);
});
