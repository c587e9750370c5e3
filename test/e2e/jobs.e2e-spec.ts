import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { reminderAt } from '../../src/calls/call.rules';
import { Reconciler } from '../../src/jobs/reconciler.service';
import { jobId, QUEUE } from '../../src/jobs/queues';
import { bullConnection, redisOptions } from '../../src/jobs/redis';
import { draftApplication, openCall } from '../factories/call.factory';
import { adminToken, createOrg, createUser } from '../factories/identity.factory';
import { resetDatabase, startTestApi, TestApi, withEnv } from '../helpers/api';
import { ScratchRedis } from '../helpers/redis-server';
import { recordingSmtp } from '../helpers/smtp';
import { startTestWorker, waitFor } from '../helpers/worker';

describe('reminders before closing', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let calls: Queue;

  beforeAll(async () => {
    api = await startTestApi();
    worker = await startTestWorker();
    calls = new Queue(QUEUE.calls, {
      connection: bullConnection(redisOptions(process.env.REDIS_URL as string)),
      prefix: process.env.QUEUE_PREFIX,
    });
  });
  afterAll(async () => {
    await calls.close();
    await worker.close();
    await api.close();
  });

  it('reminds each organisation with unsubmitted drafts once, in its language, and schedules the next reminder', async () => {
    await resetDatabase(api);
    const admin = await adminToken(api);
    const fi = await createOrg(api, admin, { name: 'Turun ammatti-instituutti', language: 'fi' });
    const sv = await createOrg(api, admin, { name: 'Yrkesinstitutet Prakticum', language: 'sv' });
    const done = await createOrg(api, admin, { name: 'Valmis Oy' });
    const [fiUser, svUser, doneUser] = await Promise.all([fi, sv, done].map((o) => createUser(api, admin, o.id, ['applicant'])));
    const call = await openCall(api, admin, 60_000);
    await draftApplication(api, fiUser.token, call.id);
    await draftApplication(api, fiUser.token, call.id);
    await draftApplication(api, svUser.token, call.id);
    const submitted = await draftApplication(api, doneUser.token, call.id);
    await api.http().post(`/api/applications/${submitted.id}/submit`).set('authorization', `Bearer ${doneUser.token}`).expect(200);

    // Published a month ago, closing in three days: the 7-day reminder is overdue, the 1-day one ahead.
    await api.db.query(
      `UPDATE calls SET opens_at = now() - interval '40 days', published_at = now() - interval '30 days', closes_at = now() + interval '3 days' WHERE id = $1`,
      [call.id],
    );
    const reconciler = worker.get(Reconciler);
    const first = await reconciler.run();
    expect(first.reminded).toBe(1);
    const second = await reconciler.run();
    expect(second.reminded).toBe(0);

    const reminders: { recipient_organization_id: string; subject: string; body: string }[] = await api.db.query(
      `SELECT recipient_organization_id, subject, body FROM notifications WHERE kind = 'call_reminder' ORDER BY subject`,
    );
    expect(reminders).toHaveLength(2);
    const toFi = reminders.find((r) => r.recipient_organization_id === fi.id);
    const toSv = reminders.find((r) => r.recipient_organization_id === sv.id);
    expect(toFi?.subject).toMatch(/^Muistutus: haku/);
    expect(toFi?.body).toMatch(/2 lähettämätöntä hakemusta/);
    expect(toSv?.subject).toMatch(/^Påminnelse/);

    const [row] = await api.db.query('SELECT closes_at, timezone FROM calls WHERE id = $1', [call.id]);
    expect(await calls.getJob(jobId.callReminder(call.id, 1, reminderAt(row.closes_at, row.timezone, 1)))).toBeDefined();
    expect(await calls.getJob(jobId.closeCall(call.id, row.closes_at))).toBeDefined();
  });
});

describe('mail server down', () => {
  it('keeps notifications pending while the SMTP server is down and sends them when it returns', async () => {
    const port = 2526;
    await withEnv({ SMTP_URL: `smtp://127.0.0.1:${port}` }, async () => {
      const api = await startTestApi();
      const worker = await startTestWorker();
      const received: string[] = [];
      const smtp = recordingSmtp(received);
      try {
        await resetDatabase(api);
        const admin = await adminToken(api);
        const org = await createOrg(api, admin);
        const user = await createUser(api, admin, org.id, ['applicant']);
        const call = await openCall(api, admin, 60_000);
        const app = await draftApplication(api, user.token, call.id);
        await api.http().post(`/api/applications/${app.id}/submit`).set('authorization', `Bearer ${user.token}`).expect(200);

        const failed = await waitFor('a failed delivery attempt', async () => {
          const [n] = await api.db.query(`SELECT status, attempts, last_error FROM notifications WHERE kind = 'application_submitted'`);
          return n && n.attempts > 0 ? n : undefined;
        });
        expect(failed.status).toBe('pending');
        expect(failed.last_error).toMatch(/ECONNREFUSED|connect/i);

        await new Promise<void>((r) => smtp.listen(port, '127.0.0.1', r));
        await waitFor(
          'the retry to deliver',
          async () => {
            const [n] = await api.db.query(`SELECT status FROM notifications WHERE kind = 'application_submitted'`);
            return n.status === 'sent';
          },
          30_000,
        );
        expect(received).toHaveLength(1);
        expect(received[0]).toContain(user.email);
      } finally {
        await new Promise<void>((r) => smtp.close(() => r()));
        await worker.close();
        await api.close();
      }
    });
  }, 60_000);
});

describe('Redis down', () => {
  it('still accepts submits before and refuses them after the deadline; when Redis returns the call closes and notifications go out', async () => {
    const redis = new ScratchRedis(6392);
    await redis.start();
    await withEnv({ REDIS_URL: redis.url, RECONCILE_EVERY_MS: '500' }, async () => {
      const api = await startTestApi();
      const worker = await startTestWorker();
      try {
        await resetDatabase(api);
        const admin = await adminToken(api);
        const org = await createOrg(api, admin);
        const user = await createUser(api, admin, org.id, ['applicant']);
        const call = await openCall(api, admin, 3_000);
        const early = await draftApplication(api, user.token, call.id);
        const late = await draftApplication(api, user.token, call.id);

        await redis.stop();
        await api.http().post(`/api/applications/${early.id}/submit`).set('authorization', `Bearer ${user.token}`).expect(200);
        await new Promise((r) => setTimeout(r, new Date(call.closesAt).getTime() - Date.now() + 50));
        const refused = await api
          .http()
          .post(`/api/applications/${late.id}/submit`)
          .set('authorization', `Bearer ${user.token}`)
          .expect(409);
        expect(refused.body.code).toBe('CALL_CLOSED');
        await new Promise((r) => setTimeout(r, 1_000));
        const [stillOpen] = await api.db.query('SELECT closed_at FROM calls WHERE id = $1', [call.id]);
        expect(stillOpen.closed_at).toBeNull();

        await redis.start(); // empty: the delayed closing job and the schedule are gone
        await waitFor(
          'the reconciler to close the call',
          async () => (await api.db.query('SELECT closed_at FROM calls WHERE id = $1', [call.id]))[0].closed_at,
          15_000,
        );
        const statuses = await api.db.query('SELECT id, status FROM applications ORDER BY created_at');
        expect(statuses).toEqual([
          { id: early.id, status: 'in_review' },
          { id: late.id, status: 'expired' },
        ]);
        await waitFor(
          'every notification to be delivered',
          async () => {
            const rows: { status: string }[] = await api.db.query('SELECT status FROM notifications');
            return rows.length === 4 && rows.every((r) => r.status === 'sent');
          },
          20_000,
        );
      } finally {
        await worker.close();
        await api.close();
        await redis.stop();
      }
    });
  }, 60_000);
});

describe('a notification the mail server refuses', () => {
  it('stays pending with its error while the rest of the outbox goes out', async () => {
    const port = 2527;
    await withEnv({ SMTP_URL: `smtp://127.0.0.1:${port}` }, async () => {
      const api = await startTestApi();
      const worker = await startTestWorker();
      const received: string[] = [];
      let refused = '';
      const smtp = recordingSmtp(received, (address) => address === refused);
      await new Promise<void>((r) => smtp.listen(port, '127.0.0.1', r));
      try {
        await resetDatabase(api);
        const admin = await adminToken(api);
        const call = await openCall(api, admin, 60_000);
        const users = [];
        for (let i = 0; i < 5; i++) users.push(await createUser(api, admin, (await createOrg(api, admin)).id, ['applicant']));
        refused = users[0].email;
        // The refused one is the oldest in the outbox: the others must not wait behind it.
        for (const user of users) {
          const app = await draftApplication(api, user.token, call.id);
          await api.http().post(`/api/applications/${app.id}/submit`).set('authorization', `Bearer ${user.token}`).expect(200);
        }

        const rows = await waitFor('every notification but the refused one to be sent', async () => {
          const all: { status: string; recipient_organization_id: string; attempts: number; last_error: string | null }[] =
            await api.db.query(`SELECT status, recipient_organization_id, attempts, last_error FROM notifications`);
          return all.filter((n) => n.status === 'sent').length === 4 && all.some((n) => n.attempts > 0 && n.status === 'pending')
            ? all
            : undefined;
        });
        const stuck = rows.find((n) => n.status === 'pending');
        expect(stuck?.recipient_organization_id).toBe(users[0].organizationId);
        expect(stuck?.last_error).toMatch(/mailbox unavailable/);
        expect(received).toHaveLength(4);
        for (const user of users.slice(1)) expect(received.some((m) => m.includes(user.email))).toBe(true);
      } finally {
        await new Promise<void>((r) => smtp.close(() => r()));
        await worker.close();
        await api.close();
      }
    });
  }, 60_000);
});
