import { INestApplicationContext } from '@nestjs/common';
import { CallClosingService } from '../../src/calls/call-closing.service';
import { Reconciler } from '../../src/jobs/reconciler.service';
import { draftApplication, openCall } from '../factories/call.factory';
import { adminToken, createOrg, createUser, UserFixture } from '../factories/identity.factory';
import { resetDatabase, startTestApi, TestApi } from '../helpers/api';
import { holdLock, waitingOnLock } from '../helpers/locks';
import { startTestWorker, waitFor } from '../helpers/worker';

const sleepUntil = (at: number) => new Promise((r) => setTimeout(r, Math.max(0, at - Date.now())));

describe('the exact deadline, enforced in the database and acted on by the worker', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let admin: string;
  let applicant: UserFixture;

  beforeAll(async () => {
    api = await startTestApi();
    worker = await startTestWorker();
  });
  beforeEach(async () => {
    await resetDatabase(api);
    admin = await adminToken(api);
    const org = await createOrg(api, admin, { name: 'Turun ammatti-instituutti' });
    applicant = await createUser(api, admin, org.id, ['applicant']);
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  const submit = (token: string, id: string) => api.http().post(`/api/applications/${id}/submit`).set('authorization', `Bearer ${token}`);

  it('accepts submits before closesAt, refuses them after with CALL_CLOSED, and closes the call within a second', async () => {
    const call = await openCall(api, admin, 2_500);
    const early = await draftApplication(api, applicant.token, call.id);
    const late = await draftApplication(api, applicant.token, call.id);
    const forgotten = await draftApplication(api, applicant.token, call.id);

    const ok = await submit(applicant.token, early.id).expect(200);
    expect(new Date(ok.body.submittedAt).getTime()).toBeLessThan(new Date(call.closesAt).getTime());

    await sleepUntil(new Date(call.closesAt).getTime() + 20);
    const refused = await submit(applicant.token, late.id).expect(409);
    expect(refused.body).toMatchObject({ status: 409, code: 'CALL_CLOSED' });
    const edit = await api
      .http()
      .patch(`/api/applications/${early.id}`)
      .set('authorization', `Bearer ${applicant.token}`)
      .send({ version: 1, title: 'Myöhästynyt muutos' })
      .expect(409);
    expect(edit.body.code).toBe('CALL_CLOSED');

    const closed = await waitFor('the call to close', async () => {
      const res = await api.http().get(`/api/calls/${call.id}`).set('authorization', `Bearer ${admin}`).expect(200);
      return res.body.closedAt ? res.body : undefined;
    });
    expect(closed.phase).toBe('closed');
    const lag = new Date(closed.closedAt).getTime() - new Date(call.closesAt).getTime();
    expect(lag).toBeGreaterThanOrEqual(0);
    expect(lag).toBeLessThan(1_000);

    const statuses = await api.db.query('SELECT id, status, title FROM applications ORDER BY created_at');
    expect(statuses.map((a: { id: string; status: string }) => [a.id, a.status])).toEqual([
      [early.id, 'in_review'],
      [late.id, 'expired'],
      [forgotten.id, 'expired'],
    ]);
    expect(statuses[0].title).not.toBe('Myöhästynyt muutos');

    const kinds = await waitFor('the closing notifications to go out', async () => {
      const rows: { kind: string; status: string }[] = await api.db.query(
        `SELECT kind, status FROM notifications WHERE kind <> 'application_submitted' ORDER BY kind`,
      );
      return rows.length === 4 && rows.every((r) => r.status === 'sent') ? rows.map((r) => r.kind) : undefined;
    });
    expect(kinds).toEqual(['application_expired', 'application_expired', 'application_in_review', 'call_closed_summary']);
  });

  it('counts the last submitted version when edits after submit were never re-submitted', async () => {
    const call = await openCall(api, admin, 1_500);
    const member = await createOrg(api, admin, { name: 'Salon seudun ammattiopisto' });
    const app = await draftApplication(api, applicant.token, call.id, { memberOrganizationIds: [member.id] });
    await submit(applicant.token, app.id).expect(200);
    await api
      .http()
      .patch(`/api/applications/${app.id}`)
      .set('authorization', `Bearer ${applicant.token}`)
      .send({ version: 1, title: 'Keskeneräinen muutos', requestedAmount: 1, memberOrganizationIds: [] })
      .expect(200);
    await waitFor(
      'the call to close',
      async () => (await api.db.query('SELECT closed_at FROM calls WHERE id = $1', [call.id]))[0].closed_at,
    );
    const [row] = await api.db.query('SELECT status, title, requested_amount, has_unsubmitted_changes FROM applications WHERE id = $1', [
      app.id,
    ]);
    expect(row).toEqual({
      status: 'in_review',
      title: 'Kumppanuuksien johtaminen Varsinais-Suomessa',
      requested_amount: '60000000',
      has_unsubmitted_changes: false,
    });
    const members = await api.db.query('SELECT organization_id FROM application_members WHERE application_id = $1', [app.id]);
    expect(members).toEqual([{ organization_id: member.id }]);
  });

  it('closes once however often the closing runs, and an early run does nothing', async () => {
    const call = await openCall(api, admin, 60_000);
    const closing = worker.get(CallClosingService);
    expect(await closing.close(call.id)).toBe('not-due');
    await api.db.query(`UPDATE calls SET closes_at = now() - interval '1 second', opens_at = now() - interval '1 hour' WHERE id = $1`, [
      call.id,
    ]);
    const [first, second, pass] = await Promise.all([closing.close(call.id), closing.close(call.id), worker.get(Reconciler).run()]);
    // Whichever of the three (or the worker's own schedule) gets there first closes it; the rest find it closed.
    const closures = [first, second].filter((r) => r === 'closed').length + pass.closed;
    expect(closures).toBeLessThanOrEqual(1);
    expect([first, second].every((r) => r === 'closed' || r === 'already-closed')).toBe(true);
    const audits = await api.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'call.close' AND entity_id = $1`, [
      call.id,
    ]);
    expect(audits[0].n).toBe(1);
    const summaries = await api.db.query(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'call_closed_summary'`);
    expect(summaries[0].n).toBe(1);
  });

  it('a submit still being written when the call falls due lands, and the closing waits for it and moves it to review', async () => {
    const call = await openCall(api, admin, 2_000);
    const closesAt = new Date(call.closesAt).getTime();
    const app = await draftApplication(api, applicant.token, call.id);
    // Holding the application's row stops the submit inside its write, after the deadline check.
    const blocker = await holdLock('SELECT 1 FROM applications WHERE id = $1 FOR UPDATE', [app.id]);
    let released = false;
    try {
      const inFlight = submit(applicant.token, app.id).then((res) => res);
      await waitFor('the submit to wait inside its write', async () => (await waitingOnLock(api, 'UPDATE applications a')) > 0);
      await sleepUntil(closesAt + 50);
      const closing = worker.get(CallClosingService).close(call.id);
      // The closing (this one or the worker's own job) must now wait for the submit in flight.
      await waitFor('the closing to wait', async () => (await waitingOnLock(api)) >= 2);
      await blocker.release();
      released = true;

      expect((await inFlight).status).toBe(200);
      expect(['closed', 'already-closed']).toContain(await closing);
      const [row] = await api.db.query('SELECT status, submitted_at FROM applications WHERE id = $1', [app.id]);
      expect(row.status).toBe('in_review');
      expect(row.submitted_at.getTime()).toBeLessThan(closesAt);
    } finally {
      if (!released) await blocker.release();
    }
  });

  it('200 concurrent submits straddling closesAt: every 200 is stored before the deadline, every 409 changed nothing, none lost', async () => {
    const orgs = await Promise.all(Array.from({ length: 10 }, (_, i) => createOrg(api, admin, { name: `Järjestäjä ${i}` })));
    const users = await Promise.all(orgs.map((o) => createUser(api, admin, o.id, ['applicant'])));
    const call = await openCall(api, admin, 6_000);
    // Drafts straight into the database: creating 200 over HTTP on a loaded machine could outlast the call.
    const apps: { id: string; token: string }[] = [];
    for (const user of users) {
      const rows: { id: string }[] = await api.db.query(
        `INSERT INTO applications (call_id, category, lead_organization_id, title, summary, requested_amount, self_financing_amount,
                                   project_start, project_end, partners, budget)
         SELECT $1, 'network_project', $2, 'Hanke ' || g, 'Tiivistelmä', 60000000, 10000000, '2019-01-01', '2020-12-31', '[]',
                '[{"item":"Kulut","amount":70000000}]'
           FROM generate_series(1, 20) g RETURNING id`,
        [call.id, user.organizationId],
      );
      apps.push(...rows.map((r) => ({ id: r.id, token: user.token })));
    }
    const closesAt = new Date(call.closesAt).getTime();
    await sleepUntil(closesAt - 150);
    const answers = await Promise.all(
      apps.map(async (a, i) => {
        await sleepUntil(closesAt - 150 + i * 1.5);
        const res = await submit(a.token, a.id);
        return { id: a.id, status: res.status, code: res.body.code as string | undefined, detail: res.body.detail as string | undefined };
      }),
    );

    const accepted = answers.filter((a) => a.status === 200);
    const refused = answers.filter((a) => a.status === 409);
    expect(answers.filter((a) => a.status !== 200 && a.status !== 409)).toEqual([]);
    expect(accepted.length).toBeGreaterThan(0);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused.every((r) => r.code === 'CALL_CLOSED')).toBe(true);

    await waitFor(
      'the call to close',
      async () => (await api.db.query('SELECT closed_at FROM calls WHERE id = $1', [call.id]))[0].closed_at,
    );
    const rows: { id: string; status: string; submitted_at: Date | null; versions: number }[] = await api.db.query(
      `SELECT a.id, a.status, a.submitted_at, (SELECT count(*)::int FROM application_versions v WHERE v.application_id = a.id) AS versions
         FROM applications a WHERE a.call_id = $1`,
      [call.id],
    );
    const byId = new Map(rows.map((r) => [r.id, r]));
    for (const a of accepted) {
      const row = byId.get(a.id);
      expect(row?.status).toBe('in_review');
      expect(row?.submitted_at?.getTime()).toBeLessThan(closesAt);
      expect(row?.versions).toBe(1);
    }
    for (const r of refused) expect(byId.get(r.id)).toMatchObject({ status: 'expired', submitted_at: null, versions: 0 });
  }, 60_000);
});
