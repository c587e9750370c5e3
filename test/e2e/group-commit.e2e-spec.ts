import { ApplicationsService } from '../../src/applications/applications.service';
import { deadlineLockArgs } from '../../src/calls/deadline-lock';
import { BatchStats } from '../../src/database/batcher';
import { draftApplication, openCall } from '../factories/call.factory';
import { adminToken, createOrg, createUser, UserFixture } from '../factories/identity.factory';
import { resetDatabase, startTestApi, TestApi } from '../helpers/api';
import { holdLock, waitingOnLock } from '../helpers/locks';
import { waitFor } from '../helpers/worker';

/**
 * Submits that meet at the database are written by one statement (database/batcher.ts). These
 * tests hold the call's deadline lock exclusively, as the closing job would, so that the writes
 * pile up behind it and go out in batches once it is let go.
 */
describe('submits committed together (group commit)', () => {
  let api: TestApi;
  let admin: string;
  let users: UserFixture[];
  let callId: string;

  beforeAll(async () => {
    api = await startTestApi();
  });
  beforeEach(async () => {
    await resetDatabase(api);
    admin = await adminToken(api);
    const orgs = await Promise.all([0, 1, 2, 3].map((i) => createOrg(api, admin, { name: `Koulutuskuntayhtymä ${i}` })));
    users = await Promise.all(orgs.map((o) => createUser(api, admin, o.id, ['applicant'])));
    callId = (await openCall(api, admin, 120_000)).id;
  });
  afterAll(() => api.close());

  const submit = (token: string, id: string) => api.http().post(`/api/applications/${id}/submit`).set('authorization', `Bearer ${token}`);
  const writes = (): BatchStats => ({ ...api.app.get(ApplicationsService).submitBatches.writes });

  /** Sends the submits while the deadline lock is held, lets it go once they all wait, and returns the answers. */
  async function rush(submits: { token: string; id: string }[]) {
    const blocker = await holdLock(`SELECT pg_advisory_xact_lock(${deadlineLockArgs('$1')})`, [callId]);
    let released = false;
    try {
      const answers = Promise.all(
        submits.map((s) => submit(s.token, s.id).then((res) => ({ id: s.id, status: res.status, body: res.body }))),
      );
      await waitFor('the first writes to wait for the lock', async () => (await waitingOnLock(api, 'pg_advisory_xact_lock_shared')) > 0);
      await new Promise((r) => setTimeout(r, 200)); // the rest of the requests arrive and queue
      await blocker.release();
      released = true;
      return await answers;
    } finally {
      if (!released) await blocker.release();
    }
  }

  async function stored(ids: string[]) {
    return api.db.query(
      `SELECT a.id, a.status, a.version, a.submitted_at,
              (SELECT count(*)::int FROM application_versions v WHERE v.application_id = a.id) AS versions,
              (SELECT count(*)::int FROM audit_events e WHERE e.entity_id = a.id::text AND e.action LIKE 'application.%submit') AS audits,
              (SELECT count(*)::int FROM notifications n WHERE n.dedupe_key LIKE 'application_submitted-' || a.id || '-%') AS notices
         FROM applications a WHERE a.id = ANY($1::uuid[]) ORDER BY a.id`,
      [ids],
    ) as Promise<
      { id: string; status: string; version: number; submitted_at: Date | null; versions: number; audits: number; notices: number }[]
    >;
  }

  it('writes many submits in few statements, each whole, and the same application five times over one at a time', async () => {
    const apps: { token: string; id: string }[] = [];
    for (const user of users) {
      for (let i = 0; i < 10; i++) apps.push({ token: user.token, id: (await draftApplication(api, user.token, callId)).id });
    }
    const twice = apps[7];
    const before = writes();

    const answers = await rush([...apps, twice, twice, twice, twice]);

    expect(answers.filter((a) => a.status !== 200)).toEqual([]);
    for (const a of answers) expect(a.body).toMatchObject({ id: a.id, status: 'submitted', submittedVersion: 1 });
    const after = writes();
    expect(after.entries - before.entries).toBeGreaterThanOrEqual(apps.length + 4);
    expect(after.statements - before.statements).toBeLessThan(apps.length);
    expect(after.largest).toBeGreaterThan(1);

    const rows = await stored(apps.map((a) => a.id));
    expect(rows).toHaveLength(apps.length);
    for (const row of rows) {
      expect(row).toMatchObject({ status: 'submitted', version: 1, versions: 1, notices: 1 });
      // One submit, and four re-submits of the application sent five times: each its own audit event.
      expect(row.audits).toBe(row.id === twice.id ? 5 : 1);
    }
  });

  it('runs a batch the database refuses again submit by submit: only the refused one fails, and it wrote nothing', async () => {
    const apps: { token: string; id: string }[] = [];
    for (const user of users) {
      for (let i = 0; i < 5; i++) apps.push({ token: user.token, id: (await draftApplication(api, user.token, callId)).id });
    }
    const refused = apps[apps.length - 1];
    await api.db.query(`CREATE FUNCTION test_refuse_version() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.application_id = '${refused.id}' THEN RAISE EXCEPTION 'refused by the test'; END IF;
        RETURN NEW;
      END $$`);
    await api.db.query(
      `CREATE TRIGGER test_refuse_version BEFORE INSERT ON application_versions FOR EACH ROW EXECUTE FUNCTION test_refuse_version()`,
    );
    try {
      const before = writes();
      const answers = await rush(apps);

      expect(writes().rolledBack).toBeGreaterThan(before.rolledBack);
      const failed = answers.filter((a) => a.status !== 200);
      expect(failed.map((a) => a.id)).toEqual([refused.id]);
      expect(failed[0].status).toBe(500);
      expect(failed[0].body).toMatchObject({ status: 500, code: 'INTERNAL_ERROR' });

      const rows = await stored(apps.map((a) => a.id));
      for (const row of rows) {
        if (row.id === refused.id) expect(row).toMatchObject({ status: 'draft', submitted_at: null, versions: 0, audits: 0, notices: 0 });
        else expect(row).toMatchObject({ status: 'submitted', versions: 1, audits: 1, notices: 1 });
      }
    } finally {
      await api.db.query('DROP TRIGGER IF EXISTS test_refuse_version ON application_versions');
      await api.db.query('DROP FUNCTION IF EXISTS test_refuse_version()');
    }
  });
});
