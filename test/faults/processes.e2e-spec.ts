import { Client } from 'pg';
import { draftApplication, openCall } from '../factories/call.factory';
import { adminToken, createOrg, createUser, UserFixture } from '../factories/identity.factory';
import { resetDatabase, startTestApi, TestApi } from '../helpers/api';
import { holdLock, waitingOnLock } from '../helpers/locks';
import { buildService, startService } from '../helpers/processes';
import { startTestWorker, waitFor } from '../helpers/worker';

/** Holds a row lock in its own transaction, as an in-flight request would, until released. */
describe('faults with real processes', () => {
  let api: TestApi;
  let admin: string;
  let applicant: UserFixture;

  beforeAll(async () => {
    buildService();
    api = await startTestApi();
  }, 120_000);
  beforeEach(async () => {
    await resetDatabase(api);
    admin = await adminToken(api);
    const org = await createOrg(api, admin);
    applicant = await createUser(api, admin, org.id, ['applicant']);
  });
  afterAll(() => api.close());

  it('a worker killed with SIGKILL while closing a call: another worker finishes it, with one effect', async () => {
    const call = await openCall(api, admin, 1_500);
    const submitted = await draftApplication(api, applicant.token, call.id);
    await draftApplication(api, applicant.token, call.id);
    await api.http().post(`/api/applications/${submitted.id}/submit`).set('authorization', `Bearer ${applicant.token}`).expect(200);

    // An in-flight submit's key-share lock keeps the closing job waiting, mid-job.
    const blocker = await holdLock('SELECT 1 FROM calls WHERE id = $1 FOR KEY SHARE', [call.id]);
    try {
      const doomed = await startService('worker');
      try {
        await waitFor(
          'the closing job to be waiting on the call',
          () => waitingOnLock(api, 'FROM calls WHERE id = $1 FOR UPDATE').then((n) => n > 0),
          15_000,
        );
      } finally {
        doomed.proc.kill('SIGKILL');
      }
      expect(await doomed.exited).toBeNull();
    } finally {
      await blocker.release();
    }
    const [stillOpen] = await api.db.query('SELECT closed_at FROM calls WHERE id = $1', [call.id]);
    expect(stillOpen.closed_at).toBeNull();

    const survivor = await startTestWorker(); // reconciles at start
    try {
      const [closed] = await api.db.query('SELECT closed_at FROM calls WHERE id = $1', [call.id]);
      expect(closed.closed_at).not.toBeNull();
      const statuses = await api.db.query(`SELECT status, count(*)::int AS n FROM applications GROUP BY status ORDER BY status`);
      expect(statuses).toEqual([
        { status: 'expired', n: 1 },
        { status: 'in_review', n: 1 },
      ]);
      const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'call.close'`);
      expect(n).toBe(1);
      const kinds = await api.db.query(
        `SELECT kind, count(*)::int AS n FROM notifications WHERE kind <> 'application_submitted' GROUP BY kind ORDER BY kind`,
      );
      expect(kinds).toEqual([
        { kind: 'application_expired', n: 1 },
        { kind: 'application_in_review', n: 1 },
        { kind: 'call_closed_summary', n: 1 },
      ]);
    } finally {
      await survivor.close();
    }
  }, 60_000);

  it('SIGTERM to a worker lets the running job finish before it exits', async () => {
    const call = await openCall(api, admin, 1_500);
    await draftApplication(api, applicant.token, call.id);
    const blocker = await holdLock('SELECT 1 FROM calls WHERE id = $1 FOR KEY SHARE', [call.id]);
    let released = false;
    const worker = await startService('worker').catch(async (e) => {
      await blocker.release();
      throw e;
    });
    try {
      await waitFor(
        'the closing job to be waiting on the call',
        () => waitingOnLock(api, 'FROM calls WHERE id = $1 FOR UPDATE').then((n) => n > 0),
        15_000,
      );
      worker.proc.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
      expect(worker.proc.exitCode).toBeNull(); // still finishing its job
      await blocker.release();
      released = true;
      await worker.exited;
    } finally {
      if (!released) await blocker.release();
      worker.proc.kill('SIGKILL');
    }
    const [closed] = await api.db.query('SELECT closed_at FROM calls WHERE id = $1', [call.id]);
    expect(closed.closed_at).not.toBeNull();
  }, 60_000);

  it('SIGTERM to the API finishes the request in flight, refuses new ones with 503, and exits cleanly', async () => {
    const port = 3391;
    const call = await openCall(api, admin, 60_000);
    const app = await draftApplication(api, applicant.token, call.id);
    const server = await startService('api', { PORT: String(port), SHUTDOWN_TIMEOUT_MS: '8000' });
    const blocker = await holdLock('SELECT 1 FROM applications WHERE id = $1 FOR UPDATE', [app.id]);
    let released = false;
    const inFlight = fetch(`http://127.0.0.1:${port}/api/applications/${app.id}/submit`, {
      method: 'POST',
      headers: { authorization: `Bearer ${applicant.token}` },
    });
    try {
      await waitFor(
        'the submit to be waiting on the application',
        () => waitingOnLock(api, 'UPDATE applications a').then((n) => n > 0),
        10_000,
      );
      server.proc.kill('SIGTERM');
      await new Promise((r) => setTimeout(r, 300));
      const refused = await fetch(`http://127.0.0.1:${port}/api/health`, { signal: AbortSignal.timeout(3000) }).catch(() => undefined);
      expect(refused === undefined || refused.status === 503).toBe(true);
      await blocker.release();
      released = true;
      const res = await inFlight;
      expect(res.status).toBe(200);
      expect(((await res.json()) as { status: string }).status).toBe('submitted');
      expect(await server.exited).toBe(0);
    } finally {
      if (!released) await blocker.release();
      server.proc.kill('SIGKILL');
    }
  }, 60_000);
});

describe('PostgreSQL connections killed during submits', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
    await resetDatabase(api);
  });
  afterAll(() => api.close());

  it('answers 503 (never 500), leaves no half-written application, and recovers without a restart', async () => {
    const admin = await adminToken(api);
    const org = await createOrg(api, admin);
    const user = await createUser(api, admin, org.id, ['applicant']);
    const call = await openCall(api, admin, 120_000);
    const apps = await Promise.all(Array.from({ length: 80 }, () => draftApplication(api, user.token, call.id)));

    const killer = new Client({ connectionString: process.env.DATABASE_URL, application_name: 'test-killer' });
    await killer.connect();
    let killing = true;
    let killed = 0;
    const loop = (async () => {
      while (killing) {
        const res = await killer.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'avustus' AND datname = current_database()`,
        );
        killed += res.rowCount ?? 0;
        await new Promise((r) => setTimeout(r, 15));
      }
    })();
    const answers = [];
    for (let i = 0; i < apps.length; i += 10) {
      const batch = apps.slice(i, i + 10);
      answers.push(
        ...(await Promise.all(
          batch.map((a) => api.http().post(`/api/applications/${a.id}/submit`).set('authorization', `Bearer ${user.token}`)),
        )),
      );
    }
    killing = false;
    await loop;
    await killer.end();

    expect(killed).toBeGreaterThan(0);
    expect(answers.filter((r) => r.status !== 200 && r.status !== 503).map((r) => [r.status, r.body])).toEqual([]);
    expect(answers.filter((r) => r.status === 503).every((r) => r.body.code === 'SERVICE_UNAVAILABLE')).toBe(true);

    // Whatever happened, an application is either fully submitted (with its version) or untouched.
    const rows: { status: string; submitted_at: Date | null; versions: number; audits: number }[] = await api.db.query(
      `SELECT a.status, a.submitted_at,
              (SELECT count(*)::int FROM application_versions v WHERE v.application_id = a.id) AS versions,
              (SELECT count(*)::int FROM audit_events e WHERE e.entity_id = a.id::text AND e.action = 'application.submit') AS audits
         FROM applications a WHERE a.call_id = $1`,
      [call.id],
    );
    for (const r of rows) {
      if (r.status === 'submitted') expect([r.versions, r.audits, r.submitted_at !== null]).toEqual([1, 1, true]);
      else expect([r.status, r.versions, r.audits, r.submitted_at]).toEqual(['draft', 0, 0, null]);
    }
    const accepted = answers.filter((r) => r.status === 200).length;
    expect(rows.filter((r) => r.status === 'submitted').length).toBeGreaterThanOrEqual(accepted);

    // Recovered: the drafts left over can be submitted now.
    for (const a of apps) {
      const res = await api.http().post(`/api/applications/${a.id}/submit`).set('authorization', `Bearer ${user.token}`);
      expect(res.status).toBe(200);
    }
  }, 60_000);
});
