import { Queue } from 'bullmq';
import { jobId, QUEUE } from '../../src/jobs/queues';
import { bullConnection, redisOptions } from '../../src/jobs/redis';
import { callBody, openCall } from '../factories/call.factory';
import { adminToken, createOrg, createUser } from '../factories/identity.factory';
import { resetDatabase, startTestApi, TestApi } from '../helpers/api';

describe('calls', () => {
  let api: TestApi;
  let admin: string;
  let calls: Queue;

  beforeAll(async () => {
    api = await startTestApi();
    calls = new Queue(QUEUE.calls, {
      connection: bullConnection(redisOptions(process.env.REDIS_URL as string)),
      prefix: process.env.QUEUE_PREFIX,
    });
  });
  beforeEach(async () => {
    await resetDatabase(api);
    admin = await adminToken(api);
  });
  afterAll(async () => {
    await calls.close();
    await api.close();
  });

  const post = (token: string, body: unknown) =>
    api
      .http()
      .post('/api/calls')
      .set('authorization', `Bearer ${token}`)
      .send(body as object);

  it('creates the 2018 call as a draft with its categories, criteria and budget in cents', async () => {
    const res = await post(admin, callBody()).expect(201);
    expect(res.body).toMatchObject({
      status: 'draft',
      phase: 'draft',
      totalBudget: 400_000_000,
      timezone: 'Europe/Helsinki',
      closesAt: '2018-11-21T21:59:59.000Z',
      categories: [
        { key: 'network_project', maxFunded: 6, maxAmount: null },
        { key: 'coordination', maxFunded: 1, maxAmount: null },
      ],
      closedAt: null,
    });
    expect(res.body.criteria.map((c: { key: string; weight: number }) => [c.key, c.weight])).toEqual([
      ['competence_based', 3],
      ['customers', 2],
      ['partnerships', 2],
      ['network', 1],
    ]);
    const audit = await api.db.query(`SELECT action FROM audit_events WHERE entity = 'call' AND entity_id = $1`, [res.body.id]);
    expect(audit).toEqual([{ action: 'call.create' }]);
  });

  it('refuses a call without a Finnish title, with duplicate keys, or closing before it opens', async () => {
    const noFi = await post(admin, callBody({ title: { sv: 'Bara svenska' } })).expect(400);
    expect(noFi.body.errors.map((e: { field: string }) => e.field)).toContain('title.fi');
    const dup = await post(
      admin,
      callBody({
        categories: [
          { key: 'a', title: 'A', maxFunded: 1 },
          { key: 'a', title: 'B', maxFunded: 2 },
        ],
      }),
    ).expect(400);
    expect(dup.body.errors).toEqual([{ field: 'categories.1.key', message: 'duplicate key a' }]);
    const order = await post(admin, callBody({ opensAt: '2018-11-22T00:00:00Z' })).expect(400);
    expect(order.body.errors).toEqual([{ field: 'closesAt', message: 'closesAt must be after opensAt' }]);
    const noOffset = await post(admin, callBody({ closesAt: '2018-11-21T23:59:59' })).expect(400);
    expect(noOffset.body.errors.map((e: { field: string }) => e.field)).toEqual(['closesAt']);
    const [{ count }] = await api.db.query('SELECT count(*)::int AS count FROM calls');
    expect(count).toBe(0);
  });

  it('lets only admins create calls and shows applicants published calls only', async () => {
    const org = await createOrg(api, admin);
    const applicant = await createUser(api, admin, org.id, ['applicant']);
    await post(applicant.token, callBody()).expect(403);
    const draft = await post(admin, callBody()).expect(201);
    const open = await openCall(api, admin, 60_000);
    const list = await api.http().get('/api/calls').set('authorization', `Bearer ${applicant.token}`).expect(200);
    expect(list.body.map((c: { id: string }) => c.id)).toEqual([open.id]);
    expect(list.body[0].phase).toBe('open');
    await api.http().get(`/api/calls/${draft.body.id}`).set('authorization', `Bearer ${applicant.token}`).expect(404);
    const all = await api.http().get('/api/calls').set('authorization', `Bearer ${admin}`).expect(200);
    expect(all.body).toHaveLength(2);
  });

  it('edits a draft freely, including its categories', async () => {
    const draft = await post(admin, callBody()).expect(201);
    const res = await api
      .http()
      .patch(`/api/calls/${draft.body.id}`)
      .set('authorization', `Bearer ${admin}`)
      .send({
        totalBudget: 350_000_000,
        categories: [{ key: 'network_project', title: 'Verkostohanke', maxFunded: 5, maxAmount: 90_000_000 }],
      })
      .expect(200);
    expect(res.body).toMatchObject({
      totalBudget: 350_000_000,
      categories: [{ key: 'network_project', maxFunded: 5, maxAmount: 90_000_000 }],
    });
  });

  it('derives upcoming and open from the database clock', async () => {
    const created = await post(
      admin,
      callBody({ opensAt: new Date(Date.now() + 60_000).toISOString(), closesAt: new Date(Date.now() + 120_000).toISOString() }),
    ).expect(201);
    const published = await api.http().post(`/api/calls/${created.body.id}/publish`).set('authorization', `Bearer ${admin}`).expect(200);
    expect(published.body).toMatchObject({ status: 'published', phase: 'upcoming' });
  });

  it('schedules the closing job at publish and moves it when closesAt moves later', async () => {
    const call = await openCall(api, admin, 60_000);
    const first = new Date(call.closesAt);
    expect(await calls.getJob(jobId.closeCall(call.id, first))).toBeDefined();

    const later = new Date(first.getTime() + 3_600_000);
    const res = await api
      .http()
      .patch(`/api/calls/${call.id}`)
      .set('authorization', `Bearer ${admin}`)
      .send({ closesAt: later.toISOString() })
      .expect(200);
    expect(res.body.closesAt).toBe(later.toISOString());
    expect(await calls.getJob(jobId.closeCall(call.id, first))).toBeUndefined();
    const moved = await calls.getJob(jobId.closeCall(call.id, later));
    expect(moved?.data).toEqual({ callId: call.id });
    expect(Math.abs((moved?.timestamp ?? 0) + (moved?.delay ?? 0) - later.getTime())).toBeLessThan(1_000);
  });

  it('refuses to move closesAt earlier, to change other fields once published, or to move it once closed', async () => {
    const call = await openCall(api, admin, 60_000);
    const earlier = await api
      .http()
      .patch(`/api/calls/${call.id}`)
      .set('authorization', `Bearer ${admin}`)
      .send({ closesAt: new Date(Date.now() + 30_000).toISOString() })
      .expect(400);
    expect(earlier.body.errors[0].field).toBe('closesAt');
    const budget = await api
      .http()
      .patch(`/api/calls/${call.id}`)
      .set('authorization', `Bearer ${admin}`)
      .send({ totalBudget: 1 })
      .expect(409);
    expect(budget.body.code).toBe('INVALID_STATE');

    const closed = await openCall(api, admin, 300);
    await new Promise((r) => setTimeout(r, 400));
    const late = await api
      .http()
      .patch(`/api/calls/${closed.id}`)
      .set('authorization', `Bearer ${admin}`)
      .send({ closesAt: new Date(Date.now() + 60_000).toISOString() })
      .expect(409);
    expect(late.body.code).toBe('CALL_CLOSED');
    const [{ closes_at }] = await api.db.query('SELECT closes_at FROM calls WHERE id = $1', [closed.id]);
    expect(closes_at.toISOString()).toBe(new Date(closed.closesAt).toISOString());
  });

  it('publishing twice is one publication', async () => {
    const draft = await post(
      admin,
      callBody({ opensAt: new Date().toISOString(), closesAt: new Date(Date.now() + 60_000).toISOString() }),
    ).expect(201);
    const a = await api.http().post(`/api/calls/${draft.body.id}/publish`).set('authorization', `Bearer ${admin}`).expect(200);
    const b = await api.http().post(`/api/calls/${draft.body.id}/publish`).set('authorization', `Bearer ${admin}`).expect(200);
    expect(b.body.publishedAt).toBe(a.body.publishedAt);
    const audit = await api.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'call.publish'`);
    expect(audit[0].n).toBe(1);
  });

  it('refuses to publish a call whose closesAt has passed', async () => {
    const draft = await post(admin, callBody()).expect(201);
    const res = await api.http().post(`/api/calls/${draft.body.id}/publish`).set('authorization', `Bearer ${admin}`).expect(409);
    expect(res.body.code).toBe('INVALID_STATE');
  });
});
