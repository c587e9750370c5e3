import { INestApplicationContext } from '@nestjs/common';
import { Queue, QueueEvents } from 'bullmq';
import Redis from 'ioredis';
import { JOB, jobId, QUEUE } from '../../src/jobs/queues';
import { bullConnection, redisOptions } from '../../src/jobs/redis';
import { currentReviewReminder, reviewReminders } from '../../src/reviews/review-reminders.rules';
import { applicationBody, openCall } from '../factories/call.factory';
import { adminToken, createOrg, createUser, UserFixture } from '../factories/identity.factory';
import { resetDatabase, startTestApi, TestApi, withEnv } from '../helpers/api';
import { holdLock, waitingOnLock } from '../helpers/locks';
import { startService } from '../helpers/processes';
import { startTestWorker, waitFor } from '../helpers/worker';

const DAY = 86_400_000;

/**
 * Reviewer reminders when things go wrong: Redis losing the delayed jobs (FLUSH), the worker
 * restarting or killed in the middle of a reminder, and a reminder job running twice.
 */
describe('reviewer reminders through Redis losses and worker restarts', () => {
  let api: TestApi;
  let admin: string;
  let reviewer: UserFixture;
  let callId: string;
  let reviews: Queue;
  let redis: Redis;

  const as = (token: string) => ({
    get: (url: string) => api.http().get(url).set('authorization', `Bearer ${token}`),
    post: (url: string, body: object = {}) => api.http().post(url).set('authorization', `Bearer ${token}`).send(body),
    patch: (url: string, body: object) => api.http().patch(url).set('authorization', `Bearer ${token}`).send(body),
  });
  /** Everything the queues hold is gone: delayed jobs, the reconcile schedule. */
  const flushQueues = async () => {
    const keys = await redis.keys(`${process.env.QUEUE_PREFIX}:*`);
    if (keys.length > 0) await redis.del(...keys);
  };
  const dueAtOfCall = async (): Promise<Date> =>
    (await api.db.query('SELECT reviews_due_at FROM calls WHERE id = $1', [callId]))[0].reviews_due_at;
  const queuedReminders = async () => {
    const dueAt = await dueAtOfCall();
    const ids = reviewReminders(dueAt, 'Europe/Helsinki', new Date()).map((r) => jobId.reviewReminder(callId, r.daysBefore, r.at));
    const jobs = await Promise.all(ids.map((id) => reviews.getJob(id)));
    return { ids, present: jobs.filter((j) => j !== undefined).map((j) => j?.id) };
  };
  const reminderCount = async (): Promise<number> =>
    (
      await api.db.query(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'review_reminder' AND recipient_user_id = $1`, [
        reviewer.id,
      ])
    )[0].n;

  beforeEach(async () => {
    api = await startTestApi();
    redis = new Redis(redisOptions(process.env.REDIS_URL as string));
    reviews = new Queue(QUEUE.reviews, {
      connection: bullConnection(redisOptions(process.env.REDIS_URL as string)),
      prefix: process.env.QUEUE_PREFIX,
    });
    await resetDatabase(api);
    await flushQueues();
    admin = await adminToken(api);
    reviewer = await createUser(api, admin, (await createOrg(api, admin, { name: 'Opetushallitus', kind: 'authority' })).id, ['reviewer']);
    const org = await createOrg(api, admin);
    const applicant = await createUser(api, admin, org.id, ['applicant']);
    callId = (await openCall(api, admin, 60_000, { reviewsPerApplication: 1 })).id;
    const app = await as(applicant.token).post(`/api/calls/${callId}/applications`, applicationBody()).expect(201);
    await as(applicant.token).post(`/api/applications/${app.body.id}/submit`).expect(200);
    // Closed by the start-up reconcile of a short-lived worker, as if its closing time had come.
    await api.db.query(`UPDATE calls SET closes_at = now() - interval '1 second' WHERE id = $1`, [callId]);
    const closer = await startTestWorker();
    await closer.close();
    await as(admin).post(`/api/calls/${callId}/assignments`, { applicationId: app.body.id, reviewerId: reviewer.id }).expect(201);
  }, 60_000);
  afterEach(async () => {
    await reviews.close();
    redis.disconnect();
    await api.close();
  });

  it('survive a Redis FLUSH while the worker runs and again across a worker restart: the reconciler queues them again', async () => {
    await withEnv({ RECONCILE_EVERY_MS: '400' }, async () => {
      let worker: INestApplicationContext = await startTestWorker();
      try {
        await as(admin)
          .patch(`/api/calls/${callId}`, { reviewsDueAt: new Date(Date.now() + 10 * DAY).toISOString() })
          .expect(200);
        const scheduled = await queuedReminders();
        expect(scheduled.ids).toHaveLength(2);
        expect(scheduled.present).toEqual(scheduled.ids);

        await flushQueues();
        expect((await queuedReminders()).present).toEqual([]);
        // The watchdog notices no reconcile ran, reinstalls the schedule, and the pass queues the reminders again.
        await waitFor('the reconciler to queue the reminders again', async () => (await queuedReminders()).present.length === 2, 15_000);
        expect((await queuedReminders()).present).toEqual(scheduled.ids);

        // Lost again while no worker runs; the next worker's start-up pass puts them back.
        await worker.close();
        await flushQueues();
        worker = await startTestWorker();
        expect((await queuedReminders()).present).toEqual(scheduled.ids);
        const job = await reviews.getJob(scheduled.ids[0]);
        expect(job?.data).toEqual({ callId, daysBefore: 3 });
        expect(await reminderCount()).toBe(0); // none of them is due yet
      } finally {
        await worker.close();
      }
    });
  }, 60_000);

  it('a reminder due while the worker was down and Redis empty goes out once at restart, and its job run twice sends nothing more', async () => {
    // Due in two hours: the 1-day reminder's time has come, whatever the time of day; its job is lost.
    await api.db.query(`UPDATE calls SET reviews_due_at = now() + interval '2 hours' WHERE id = $1`, [callId]);
    await flushQueues();
    const worker = await startTestWorker(); // reconciles at start
    const events = new QueueEvents(QUEUE.reviews, {
      connection: bullConnection(redisOptions(process.env.REDIS_URL as string)),
      prefix: process.env.QUEUE_PREFIX,
    });
    try {
      expect(await reminderCount()).toBe(1);
      const [note] = await api.db.query(`SELECT subject, dedupe_key FROM notifications WHERE kind = 'review_reminder'`);
      expect(note.subject).toMatch(/^Muistutus: arvioinnit haussa/);
      const dueAt = await dueAtOfCall();
      const current = currentReviewReminder(dueAt, 'Europe/Helsinki', new Date());
      expect(current?.daysBefore).toBe(1);
      expect(note.dedupe_key).toBe(`review_reminder-${callId}-1d-${dueAt.getTime()}-${reviewer.id}`);

      // The same job (its deterministic id) run by BullMQ twice more, as after a stalled worker.
      await events.waitUntilReady();
      for (let i = 0; i < 2; i += 1) {
        const job = await reviews.add(
          JOB.reviewReminder,
          { callId, daysBefore: 1 },
          { jobId: jobId.reviewReminder(callId, 1, current?.at as Date), removeOnComplete: true },
        );
        expect(await job.waitUntilFinished(events, 10_000)).toBe('already-sent');
      }
      expect(await reminderCount()).toBe(1);
      await waitFor(
        'the reminder to be delivered',
        async () => (await api.db.query(`SELECT status FROM notifications WHERE kind = 'review_reminder'`))[0].status === 'sent',
        15_000,
      );
    } finally {
      await events.close();
      await worker.close();
    }
  }, 60_000);

  it('a worker killed with SIGKILL in the middle of a reminder: the next one sends it, once', async () => {
    await api.db.query(`UPDATE calls SET reviews_due_at = now() + interval '2 hours' WHERE id = $1`, [callId]);
    await flushQueues();
    // An officer's transaction moving the due date holds the call row; the reminder waits on it, mid-job.
    const blocker = await holdLock('SELECT 1 FROM calls WHERE id = $1 FOR UPDATE', [callId]);
    try {
      const doomed = await startService('worker');
      try {
        await waitFor(
          'the reminder to be waiting on the call',
          () => waitingOnLock(api, 'reviews_due_at, timezone, status, decided_at').then((n) => n > 0),
          15_000,
        );
      } finally {
        doomed.proc.kill('SIGKILL');
      }
      expect(await doomed.exited).toBeNull();
    } finally {
      await blocker.release();
    }
    expect(await reminderCount()).toBe(0);
    const survivor = await startTestWorker();
    try {
      expect(await reminderCount()).toBe(1);
      const [{ n }] = await api.db.query(
        `SELECT count(*)::int AS n FROM call_milestones WHERE call_id = $1 AND kind LIKE 'review-reminder-%'`,
        [callId],
      );
      expect(n).toBe(1);
    } finally {
      await survivor.close();
    }
  }, 60_000);
});
