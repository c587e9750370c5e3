import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { AcceptanceJobsService } from '../../src/acceptance/acceptance-jobs.service';
import { JobScheduler } from '../../src/jobs/job-scheduler';
import { jobId, QUEUE } from '../../src/jobs/queues';
import { bullConnection, redisOptions } from '../../src/jobs/redis';
import { Reconciler } from '../../src/jobs/reconciler.service';
import { openCall } from '../factories/call.factory';
import { adminToken, createOrg, createUser, UserFixture } from '../factories/identity.factory';
import { resetDatabase, startTestApi, TestApi } from '../helpers/api';
import { startTestWorker, waitFor } from '../helpers/worker';

const CRITERIA = ['competence_based', 'customers', 'partnerships', 'network'];
type Key = 'A' | 'B' | 'C' | 'D' | 'E' | 'K';

/**
 * After publication: the lead accepts or refuses its grant before the deadline, silence accepts
 * at the deadline, a refusal frees the slot and the money, and the reserve is funded in its place
 * with both caps holding. The call: 1 000 000 €, two network projects and one coordinator.
 */
describe('acceptance, refusal and the reserve', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let decisionsQueue: Queue;
  let admin: string;
  let secondAdmin: UserFixture;
  let callId: string;
  const app = {} as Record<Key, string>;
  const lead = {} as Record<Key, UserFixture>;
  let outsider: UserFixture;

  const as = (token: string) => ({
    get: (url: string) => api.http().get(url).set('authorization', `Bearer ${token}`),
    post: (url: string, body: object = {}) => api.http().post(url).set('authorization', `Bearer ${token}`).send(body),
  });
  const grant = async (key: Key) =>
    (
      await api.db.query(
        `SELECT grant_status, acceptance_due_at, notified_at, accepted_by_silence, refusal_reason FROM decisions WHERE application_id = $1`,
        [app[key]],
      )
    )[0];
  const caps = async () =>
    (
      await api.db.query(
        `SELECT count(*) FILTER (WHERE category = 'network_project')::int AS network, coalesce(sum(granted_amount), 0)::bigint AS granted
           FROM decisions WHERE call_id = $1 AND outcome = 'funded' AND grant_status <> 'refused'`,
        [callId],
      )
    )[0];

  beforeAll(async () => {
    api = await startTestApi();
    worker = await startTestWorker();
    decisionsQueue = new Queue(QUEUE.decisions, {
      connection: bullConnection(redisOptions(process.env.REDIS_URL as string)),
      prefix: process.env.QUEUE_PREFIX,
    });
    await resetDatabase(api);
    admin = await adminToken(api);
    const oph = await createOrg(api, admin, { name: 'Opetushallitus', kind: 'authority' });
    secondAdmin = await createUser(api, admin, oph.id, ['admin']);
    outsider = await createUser(api, admin, (await createOrg(api, admin, { name: 'Ulkopuolinen' })).id, ['applicant']);
    callId = (
      await openCall(api, admin, 60_000, {
        totalBudget: 100_000_000,
        categories: [
          { key: 'network_project', title: 'Alueellinen verkostohanke', maxFunded: 2 },
          { key: 'coordination', title: 'Koordinaatio', maxFunded: 1 },
        ],
      })
    ).id;
    await api.db.query(`UPDATE calls SET closes_at = now() - interval '1 second', closed_at = now() WHERE id = $1`, [callId]);
    // D was submitted before C but scores lower: the reserve follows the ranking, not the submission order.
    const plan: [Key, string, number, number, string][] = [
      ['A', 'network_project', 30_000_000, 5, 'fi'],
      ['B', 'network_project', 30_000_000, 4, 'sv'],
      ['D', 'network_project', 20_000_000, 2, 'fi'],
      ['C', 'network_project', 20_000_000, 3, 'fi'],
      ['E', 'network_project', 90_000_000, 1, 'fi'],
      ['K', 'coordination', 10_000_000, 4, 'fi'],
    ];
    const reviewer = await createUser(api, admin, oph.id, ['reviewer']);
    for (const [i, [key, category, requested, score, language]] of plan.entries()) {
      const org = await createOrg(api, admin, { name: `Järjestäjä ${key}`, language });
      lead[key] = await createUser(api, admin, org.id, ['applicant']);
      const [{ id }] = await api.db.query(
        `INSERT INTO applications (call_id, category, lead_organization_id, title, summary, requested_amount, status, submitted_at, submitted_version)
         VALUES ($1, $2, $3, $4, 'Tiivistelmä', $5, 'in_review', now() - ($6 || ' hours')::interval, 1) RETURNING id`,
        [callId, category, org.id, `Hanke ${key}`, requested, String(20 - i)],
      );
      app[key] = id;
      await api.db.query(`INSERT INTO review_assignments (application_id, reviewer_id, call_id) VALUES ($1, $2, $3)`, [
        id,
        reviewer.id,
        callId,
      ]);
      await api.db.query(
        `INSERT INTO reviews (application_id, reviewer_id, call_id, status, submitted_at) VALUES ($1, $2, $3, 'submitted', now())`,
        [id, reviewer.id, callId],
      );
      await api.db.query(
        `INSERT INTO review_scores (application_id, reviewer_id, call_id, criterion_key, score) SELECT $1, $2, $3, k, $4 FROM unnest($5::text[]) k`,
        [id, reviewer.id, callId, score, CRITERIA],
      );
    }
    const decide = (key: Key, body: object) => as(admin).post(`/api/applications/${app[key]}/decision`, body).expect(200);
    await decide('A', { outcome: 'funded', grantedAmount: 30_000_000, rationale: 'Vahva.' });
    await decide('B', { outcome: 'funded', grantedAmount: 30_000_000, rationale: { fi: 'Vahva.', sv: 'Stark.' } });
    await decide('K', { outcome: 'funded', grantedAmount: 10_000_000, rationale: 'Koordinaatio.' });
    for (const key of ['C', 'D', 'E'] as const) await decide(key, { outcome: 'rejected', rationale: 'Kiintiö täynnä.' });
    await as(admin).post(`/api/calls/${callId}/decisions/publish`).expect(200);
    await waitFor(
      'the published decisions to be applied',
      async () =>
        (await api.db.query(`SELECT count(*)::int AS n FROM decision_documents WHERE call_id = $1`, [callId]))[0].n === 6 &&
        (await api.db.query(`SELECT count(*)::int AS n FROM network_projects WHERE call_id = $1`, [callId]))[0].n === 3,
      15_000,
    );
  }, 90_000);
  afterAll(async () => {
    await decisionsQueue?.close();
    await worker?.close();
    await api?.close();
  });

  it('schedules acceptance by silence for every funded grant when the documents are issued, with a deterministic job id', async () => {
    for (const key of ['A', 'B', 'K'] as const) {
      const g = await grant(key);
      expect(g.grant_status).toBe('pending');
      // Added right after the publication's transaction commits.
      const job = await waitFor('the silence job', () => decisionsQueue.getJob(jobId.acceptBySilence(app[key], g.acceptance_due_at)));
      expect(job).toMatchObject({ name: 'accept-by-silence', data: { applicationId: app[key] } });
      expect(job.opts.delay).toBeGreaterThan(13 * 86_400_000);
    }
    const decisions = await as(admin).get(`/api/calls/${callId}/decisions`).expect(200);
    const byApp = new Map(decisions.body.map((d: { applicationId: string }) => [d.applicationId, d]));
    expect(byApp.get(app.A)).toMatchObject({
      grantStatus: 'pending',
      grantAnsweredAt: null,
      acceptedBySilence: false,
      refusalReason: null,
    });
    expect(byApp.get(app.C)).toMatchObject({ grantStatus: null });
  });

  it('lists no reserve while both network-project slots are taken', async () => {
    const reserve = await as(admin).get(`/api/calls/${callId}/reserve`).expect(200);
    expect(reserve.body).toEqual([]);
  });

  it('accepts within the deadline (again: no change); only the lead’s applicants may; the other answer is then refused', async () => {
    await as(outsider.token).post(`/api/applications/${app.A}/grant/accept`).expect(404);
    const notLead = await as(lead.B.token).post(`/api/applications/${app.A}/grant/accept`).expect(404);
    expect(notLead.body.code).toBe('NOT_FOUND');
    await as(admin).post(`/api/applications/${app.A}/grant/accept`).expect(403);

    const res = await as(lead.A.token).post(`/api/applications/${app.A}/grant/accept`).expect(200);
    expect(res.body).toMatchObject({ applicationId: app.A, grantStatus: 'accepted', acceptedBySilence: false, refusalReason: null });
    expect(new Date(res.body.answeredAt).getTime()).toBeLessThan(new Date(res.body.acceptanceDueAt).getTime());
    const again = await as(lead.A.token).post(`/api/applications/${app.A}/grant/accept`).expect(200);
    expect(again.body.answeredAt).toBe(res.body.answeredAt);
    const refuse = await as(lead.A.token).post(`/api/applications/${app.A}/grant/refuse`, { reason: 'Mielenmuutos.' }).expect(409);
    expect(refuse.body.code).toBe('INVALID_STATE');
    expect((await grant('A')).grant_status).toBe('accepted');

    const notes: { kind: string; recipient_organization_id: string | null; recipient_user_id: string | null; subject: string }[] =
      await api.db.query(
        `SELECT kind, recipient_organization_id, recipient_user_id, subject FROM notifications WHERE kind = 'grant_accepted'`,
      );
    expect(notes).toHaveLength(3); // the lead organisation and the two officers
    expect(notes.find((n) => n.recipient_organization_id === lead.A.organizationId)?.subject).toBe('Avustus vastaanotettu: Hanke A');
    expect(notes.filter((n) => n.recipient_user_id).map((n) => n.recipient_user_id)).toContain(secondAdmin.id);
  });

  it('refuses with a reason: the slot and the money are free at once, the project goes, the officers are told in their language', async () => {
    const noReason = await as(lead.B.token).post(`/api/applications/${app.B}/grant/refuse`, {}).expect(400);
    expect(noReason.body.code).toBe('VALIDATION_FAILED');
    expect(noReason.body.errors.map((e: { field: string }) => e.field)).toEqual(['reason']);
    expect(await caps()).toEqual({ network: 2, granted: '70000000' });

    const res = await as(lead.B.token).post(`/api/applications/${app.B}/grant/refuse`, { reason: 'Kumppanit vetäytyivät.' }).expect(200);
    expect(res.body).toMatchObject({ grantStatus: 'refused', refusalReason: 'Kumppanit vetäytyivät.' });
    expect(await caps()).toEqual({ network: 1, granted: '40000000' });
    const decisions = await as(admin).get(`/api/calls/${callId}/decisions`).expect(200);
    expect(decisions.body.find((d: { applicationId: string }) => d.applicationId === app.B)).toMatchObject({
      outcome: 'funded',
      grantStatus: 'refused',
      refusalReason: 'Kumppanit vetäytyivät.',
    });
    expect(await api.db.query('SELECT id FROM network_projects WHERE application_id = $1', [app.B])).toEqual([]);
    const accept = await as(lead.B.token).post(`/api/applications/${app.B}/grant/accept`).expect(409);
    expect(accept.body.code).toBe('INVALID_STATE');

    const notes: { recipient_organization_id: string | null; recipient_user_id: string | null; subject: string; body: string }[] =
      await api.db.query(
        `SELECT recipient_organization_id, recipient_user_id, subject, body FROM notifications WHERE kind = 'grant_refused'`,
      );
    expect(notes).toHaveLength(3);
    const toLead = notes.find((n) => n.recipient_organization_id === lead.B.organizationId);
    expect(toLead?.subject).toBe('Understödet har avböjts: Hanke B');
    expect(notes.find((n) => n.recipient_user_id === secondAdmin.id)?.body).toContain('Perustelu: Kumppanit vetäytyivät.');
  });

  it('lists the reserve in ranking order: what fits the freed slot and the remaining budget', async () => {
    const reserve = await as(admin).get(`/api/calls/${callId}/reserve`).expect(200);
    // C outranks D (submitted later); E asks 900 000 € of the 600 000 € left; the coordination slot is taken.
    expect(reserve.body.map((r: { applicationId: string }) => r.applicationId)).toEqual([app.C, app.D]);
    expect(reserve.body[0]).toMatchObject({
      category: 'network_project',
      freeSlots: 1,
      remainingBudget: 60_000_000,
      requestedAmount: 20_000_000,
    });
    expect(reserve.body[0].rank).toBeLessThan(reserve.body[1].rank);
    await as(lead.C.token).get(`/api/calls/${callId}/reserve`).expect(403);
  });

  it('RACE: two officers fund two reserve applications for one freed slot at once: exactly one wins, the other gets CAP_REACHED', async () => {
    const [c, d] = await Promise.all([
      as(admin).post(`/api/applications/${app.C}/decision`, { outcome: 'funded', grantedAmount: 20_000_000, rationale: 'Varasijalta.' }),
      as(secondAdmin.token).post(`/api/applications/${app.D}/decision`, {
        outcome: 'funded',
        grantedAmount: 20_000_000,
        rationale: 'Varasijalta.',
      }),
    ]);
    expect([c.status, d.status].sort()).toEqual([200, 409]);
    const lost = c.status === 409 ? c : d;
    expect(lost.body.code).toBe('CAP_REACHED');
    const won = c.status === 200 ? c : d;
    const winner = won === c ? 'C' : 'D';
    expect(won.body).toMatchObject({ outcome: 'funded', grantedAmount: 20_000_000, grantStatus: 'pending' });
    expect(await caps()).toEqual({ network: 2, granted: '60000000' });
    expect((await as(admin).get(`/api/calls/${callId}/reserve`).expect(200)).body).toEqual([]);

    // The winner is funded as publishing would have done it: its project, a new document version, its own deadline and job.
    const [application] = await api.db.query('SELECT status FROM applications WHERE id = $1', [app[winner]]);
    expect(application.status).toBe('funded');
    expect(await api.db.query('SELECT id FROM network_projects WHERE application_id = $1', [app[winner]])).toHaveLength(1);
    const docs = await as(lead[winner].token).get(`/api/applications/${app[winner]}/decision-documents`).expect(200);
    expect(docs.body.map((x: { version: number }) => x.version)).toEqual([2, 1]);
    const g = await grant(winner);
    expect(g.acceptance_due_at.getTime()).toBeGreaterThan(Date.now());
    expect(await decisionsQueue.getJob(jobId.acceptBySilence(app[winner], g.acceptance_due_at))).toBeDefined();
    // A decision on anything else stays closed once published.
    const other = await as(admin).post(`/api/applications/${app.A}/decision`, { outcome: 'rejected', rationale: 'Muutos.' }).expect(409);
    expect(other.body.code).toBe('INVALID_STATE');
  });

  it('refuses both answers after the deadline with 409 DEADLINE_PASSED, writing nothing', async () => {
    await api.db.query(`UPDATE decisions SET acceptance_due_at = now() - interval '1 second' WHERE application_id = $1`, [app.K]);
    const accept = await as(lead.K.token).post(`/api/applications/${app.K}/grant/accept`).expect(409);
    expect(accept.body.code).toBe('DEADLINE_PASSED');
    const refuse = await as(lead.K.token).post(`/api/applications/${app.K}/grant/refuse`, { reason: 'Myöhässä.' }).expect(409);
    expect(refuse.body.code).toBe('DEADLINE_PASSED');
    expect(await grant('K')).toMatchObject({ grant_status: 'pending', refusal_reason: null });
    // An accepted grant is no different: after the deadline the answer is late.
    await api.db.query(`UPDATE decisions SET acceptance_due_at = now() - interval '1 second' WHERE application_id = $1`, [app.A]);
    expect((await as(lead.A.token).post(`/api/applications/${app.A}/grant/accept`).expect(409)).body.code).toBe('DEADLINE_PASSED');
  });

  it('accepts by silence through the queued job at the deadline; running it again accepts once', async () => {
    const g = await grant('K');
    await worker.get(JobScheduler).scheduleAcceptanceJobs(app.K, g.acceptance_due_at, g.notified_at);
    await waitFor('the silence job', async () => (await grant('K')).grant_status === 'accepted');
    expect(await grant('K')).toMatchObject({ grant_status: 'accepted', accepted_by_silence: true });
    const jobs = worker.get(AcceptanceJobsService);
    expect(await Promise.all([jobs.acceptBySilence(app.K), jobs.acceptBySilence(app.K)])).toEqual(['already-done', 'already-done']);
    const notes = await api.db.query(
      `SELECT recipient_organization_id, subject FROM notifications WHERE kind = 'grant_accepted_by_silence'`,
    );
    expect(notes).toEqual([{ recipient_organization_id: lead.K.organizationId, subject: 'Avustus katsottu vastaanotetuksi: Hanke K' }]);
    const audits = await api.db.query(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'grant.accept_by_silence' AND entity_id = $1`,
      [app.K],
    );
    expect(audits[0].n).toBe(1);
  });

  it('two silence jobs racing on one pending grant accept it once', async () => {
    const winner = (
      await api.db.query(`SELECT application_id FROM decisions WHERE call_id = $1 AND outcome = 'funded' AND grant_status = 'pending'`, [
        callId,
      ])
    )[0].application_id as string;
    await api.db.query(`UPDATE decisions SET acceptance_due_at = now() - interval '1 second' WHERE application_id = $1`, [winner]);
    const jobs = worker.get(AcceptanceJobsService);
    const results = await Promise.all([jobs.acceptBySilence(winner), jobs.acceptBySilence(winner)]);
    expect(results.sort()).toEqual(['already-done', 'done']);
    const [{ n }] = await api.db.query(
      `SELECT count(*)::int AS n FROM notifications WHERE kind = 'grant_accepted_by_silence' AND dedupe_key = $1`,
      [`grant-accepted-by-silence-${winner}`],
    );
    expect(n).toBe(1);
  });

  it('the reconciler adds again an acceptance job Redis lost, and accepts at once a grant whose deadline passed while it was lost', async () => {
    // A fresh pending grant, as the reserve funding or publishing leaves it, its job then flushed from Redis.
    await api.db.query(
      `UPDATE decisions SET grant_status = 'pending', grant_answered_at = NULL, grant_answered_by = NULL, accepted_by_silence = false,
              notified_at = now(), acceptance_due_at = now() + interval '10 days' WHERE application_id = $1`,
      [app.A],
    );
    const g = await grant('A');
    const id = jobId.acceptBySilence(app.A, g.acceptance_due_at);
    await decisionsQueue.remove(id);
    expect(await decisionsQueue.getJob(id)).toBeUndefined();
    await worker.get(Reconciler).run();
    const job = await decisionsQueue.getJob(id);
    expect(job?.name).toBe('accept-by-silence');
    expect(job?.data).toEqual({ applicationId: app.A });
    expect((await grant('A')).grant_status).toBe('pending');

    // Its reminder's time (3 days before the deadline) passes while Redis has nothing: the next passes remind once.
    await api.db.query(
      `UPDATE decisions SET notified_at = now() - interval '13 days', acceptance_due_at = now() + interval '1 day' WHERE application_id = $1`,
      [app.A],
    );
    await worker.get(Reconciler).run();
    await worker.get(Reconciler).run();
    const reminders = await api.db.query(
      `SELECT recipient_organization_id, subject FROM notifications WHERE kind = 'acceptance_deadline_near'`,
    );
    expect(reminders).toHaveLength(1);
    expect(reminders[0]).toMatchObject({ recipient_organization_id: lead.A.organizationId });
    expect(reminders[0].subject).toMatch(/^Muistutus: ilmoita avustuksen vastaanottamisesta \d+\.\d+\.\d{4} mennessä: Hanke A$/);

    // Its deadline passes while Redis has nothing: the next pass accepts it.
    await decisionsQueue.remove(jobId.acceptBySilence(app.A, (await grant('A')).acceptance_due_at));
    await api.db.query(`UPDATE decisions SET acceptance_due_at = now() - interval '1 second' WHERE application_id = $1`, [app.A]);
    await worker.get(Reconciler).run();
    expect(await grant('A')).toMatchObject({ grant_status: 'accepted', accepted_by_silence: true });
  });
});
