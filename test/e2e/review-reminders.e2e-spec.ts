import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JOB, jobId, QUEUE } from '../../src/jobs/queues';
import { Reconciler } from '../../src/jobs/reconciler.service';
import { bullConnection, redisOptions } from '../../src/jobs/redis';
import { ReviewRemindersService } from '../../src/reviews/review-reminders.service';
import { reviewReminderAt } from '../../src/reviews/review-reminders.rules';
import { applicationBody, openCall } from '../factories/call.factory';
import { adminToken, createOrg, createUser, UserFixture } from '../factories/identity.factory';
import { resetDatabase, startTestApi, TestApi } from '../helpers/api';
import { startTestWorker } from '../helpers/worker';

const SCORES = { competence_based: 4, customers: 3, partnerships: 4, network: 2 };
const HOUR = 3_600_000;

/**
 * The reviewer workflow of API.md v2 over HTTP: assignments notify the reviewer in their language,
 * the call's reviewsDueAt drives reminders (3 days and 1 day before, 09:00 Helsinki) to reviewers with
 * unsubmitted reviews, and the officer sees overdue reviews on the call's assignments.
 */
describe('reviewer notices, reminders and overdue reviews', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let reviews: Queue;
  let admin: string;
  let fiReviewer: UserFixture;
  let svReviewer: UserFixture;
  let enReviewer: UserFixture;
  let callId: string;
  const apps: string[] = [];

  const as = (token: string) => ({
    get: (url: string) => api.http().get(url).set('authorization', `Bearer ${token}`),
    post: (url: string, body: object = {}) => api.http().post(url).set('authorization', `Bearer ${token}`).send(body),
    put: (url: string, body: object) => api.http().put(url).set('authorization', `Bearer ${token}`).send(body),
    patch: (url: string, body: object) => api.http().patch(url).set('authorization', `Bearer ${token}`).send(body),
  });
  const notificationsOf = async (user: UserFixture, kind: string) =>
    ((await as(user.token).get('/api/notifications').expect(200)).body as { kind: string; subject: string; body: string }[]).filter(
      (n) => n.kind === kind,
    );
  const reviewJob = (daysBefore: number, dueAt: Date) =>
    reviews.getJob(jobId.reviewReminder(callId, daysBefore, reviewReminderAt(dueAt, 'Europe/Helsinki', daysBefore)));

  beforeAll(async () => {
    api = await startTestApi();
    worker = await startTestWorker();
    reviews = new Queue(QUEUE.reviews, {
      connection: bullConnection(redisOptions(process.env.REDIS_URL as string)),
      prefix: process.env.QUEUE_PREFIX,
    });
    await resetDatabase(api);
    admin = await adminToken(api);
    fiReviewer = await createUser(
      api,
      admin,
      (await createOrg(api, admin, { name: 'Opetushallitus', kind: 'authority', language: 'fi' })).id,
      ['reviewer'],
    );
    svReviewer = await createUser(
      api,
      admin,
      (await createOrg(api, admin, { name: 'Svenska Arbetsgruppen', kind: 'authority', language: 'sv' })).id,
      ['reviewer'],
    );
    enReviewer = await createUser(
      api,
      admin,
      (await createOrg(api, admin, { name: 'Review Partners', kind: 'authority', language: 'en' })).id,
      ['reviewer'],
    );
    const call = await openCall(api, admin, 60_000, { reviewsPerApplication: 2 });
    callId = call.id;
    for (const title of ['Hanke Aalto', 'Hanke Björkö', 'Hanke Cedar']) {
      const org = await createOrg(api, admin, { name: `Järjestäjä ${title}` });
      const applicant = await createUser(api, admin, org.id, ['applicant']);
      const res = await as(applicant.token).post(`/api/calls/${callId}/applications`, applicationBody({ title })).expect(201);
      await as(applicant.token).post(`/api/applications/${res.body.id}/submit`).expect(200);
      apps.push(res.body.id);
    }
    // Closed now by the reconciler (as if its closing time had come), not after a race with the clock.
    await api.db.query(`UPDATE calls SET closes_at = now() - interval '1 second' WHERE id = $1`, [callId]);
    await worker.get(Reconciler).run();
  }, 60_000);
  afterAll(async () => {
    await reviews.close();
    await worker.close();
    await api.close();
  });

  it('notifies a reviewer assigned by hand, in the language of their organisation, naming the application and the due date', async () => {
    const dueAt = '2031-03-14T16:00:00+02:00';
    await as(admin).patch(`/api/calls/${callId}`, { reviewsDueAt: dueAt }).expect(200);
    await as(admin).post(`/api/calls/${callId}/assignments`, { applicationId: apps[1], reviewerId: svReviewer.id }).expect(201);
    const [notice, ...more] = await notificationsOf(svReviewer, 'review_assigned');
    expect(more).toEqual([]);
    expect(notice.subject).toMatch(/^En ansökan att bedöma: Ledning av kompetensbasering/);
    expect(notice.body).toContain('- Hanke Björkö');
    expect(notice.body).toContain('senast 14.3.2031 kl. 16.00');
    expect(await notificationsOf(fiReviewer, 'review_assigned')).toEqual([]);
  });

  it('notifies each reviewer once of an automatic assignment, with all of their new applications', async () => {
    const res = await as(admin).post(`/api/calls/${callId}/assignments/auto`).expect(200);
    expect(res.body.created).toBe(5); // 3 applications × 2 reviewers, one already assigned by hand
    const listing = (await as(admin).get(`/api/calls/${callId}/assignments`).expect(200)).body as {
      reviewerId: string;
      applicationId: string;
    }[];
    expect(listing).toHaveLength(6);
    const countOf = (u: UserFixture) => listing.filter((a) => a.reviewerId === u.id).length;

    const [fi] = await notificationsOf(fiReviewer, 'review_assigned');
    const [en] = await notificationsOf(enReviewer, 'review_assigned');
    const sv = await notificationsOf(svReviewer, 'review_assigned');
    expect(fi.subject).toMatch(
      countOf(fiReviewer) === 1 ? /^Arvioitavaksi hakemus:/ : new RegExp(`^Arvioitavaksi ${countOf(fiReviewer)} hakemusta:`),
    );
    expect(fi.body).toContain('viimeistään 14.3.2031 klo 16.00');
    expect(en.subject).toMatch(/to review: Osaamisperusteisuuden/);
    expect(en.body).toContain('due 14.3.2031 at 16:00');
    // The hand-made assignment's message and, if auto-assignment gave them more, one more.
    expect(sv).toHaveLength(countOf(svReviewer) > 1 ? 2 : 1);
    const notified = listing.filter((a) => a.reviewerId === fiReviewer.id).map((a) => a.applicationId);
    const titles = ['Hanke Aalto', 'Hanke Björkö', 'Hanke Cedar'].filter((_, i) => notified.includes(apps[i]));
    for (const t of titles) expect(fi.body).toContain(`- ${t}`);
  });

  it('queues the reminders at 09:00 Helsinki 3 days and 1 day before reviewsDueAt, and moves them with it', async () => {
    const first = new Date('2031-03-14T14:00:00Z');
    const three = await reviewJob(3, first);
    expect(three?.name).toBe(JOB.reviewReminder);
    expect(three?.data).toEqual({ callId, daysBefore: 3 });
    expect(three?.id).toBe(`review-reminder-${callId}-3d-${Date.parse('2031-03-11T07:00:00Z')}`);
    expect((three?.timestamp ?? 0) + (three?.opts.delay ?? 0)).toBe(Date.parse('2031-03-11T07:00:00Z'));
    expect(await reviewJob(1, first)).toBeDefined();

    // Moved later (into summer time): the old jobs are gone, the new ones at 09:00 EEST.
    const moved = new Date('2031-04-04T09:00:00Z');
    await as(admin).patch(`/api/calls/${callId}`, { reviewsDueAt: moved.toISOString() }).expect(200);
    expect(await reviewJob(3, first)).toBeUndefined();
    expect(await reviewJob(1, first)).toBeUndefined();
    const one = await reviewJob(1, moved);
    expect(one?.id).toBe(`review-reminder-${callId}-1d-${Date.parse('2031-04-03T06:00:00Z')}`);
    expect(await reviewJob(3, moved)).toBeDefined();

    // Cleared: none left.
    await as(admin).patch(`/api/calls/${callId}`, { reviewsDueAt: null }).expect(200);
    expect(await reviewJob(3, moved)).toBeUndefined();
    expect(await reviewJob(1, moved)).toBeUndefined();
  });

  it('reminds only the reviewers with unsubmitted reviews, in their language, once however often the reminder runs', async () => {
    // The fi reviewer submits everything they have; the others leave theirs unsubmitted.
    const mine = (await as(fiReviewer.token).get('/api/reviews').expect(200)).body as { applicationId: string }[];
    for (const a of mine) {
      await as(fiReviewer.token).put(`/api/applications/${a.applicationId}/review`, { scores: SCORES, comment: 'Hyvä.' }).expect(200);
      await as(fiReviewer.token).post(`/api/applications/${a.applicationId}/review/submit`).expect(200);
    }
    // Due in two hours: whatever the time of day, the 1-day reminder (09:00 the day before the due day) has come.
    const dueAt = new Date(Date.now() + 2 * HOUR);
    await as(admin).patch(`/api/calls/${callId}`, { reviewsDueAt: dueAt.toISOString() }).expect(200);
    const reminders = worker.get(ReviewRemindersService);
    expect(await reminders.remind(callId, 3)).toBe('not-due'); // superseded by the 1-day one
    // Twice at once and once more (the worker's periodic reconcile may also be running it): one is sent.
    const results = await Promise.all([reminders.remind(callId, 1), reminders.remind(callId, 1)]);
    results.push(await reminders.remind(callId, 1));
    expect(results.filter((r) => r === 'sent').length).toBeLessThanOrEqual(1);
    expect(results.filter((r) => r !== 'sent')).toEqual(expect.arrayContaining(['already-sent', 'already-sent']));
    expect(results.every((r) => r === 'sent' || r === 'already-sent')).toBe(true);

    const [sv, ...svMore] = await notificationsOf(svReviewer, 'review_reminder');
    const [en, ...enMore] = await notificationsOf(enReviewer, 'review_reminder');
    expect([svMore, enMore]).toEqual([[], []]);
    expect(sv.subject).toMatch(/^Påminnelse: bedömningarna i "Ledning av kompetensbasering/);
    expect(en.subject).toMatch(/^Reminder: reviews for "Osaamisperusteisuuden/);
    const svCount = ((await as(svReviewer.token).get('/api/reviews').expect(200)).body as unknown[]).length;
    expect(sv.body).toContain(svCount === 1 ? 'en bedömning' : `${svCount} bedömningar`);
    expect(await notificationsOf(fiReviewer, 'review_reminder')).toEqual([]);
    const rows = await api.db.query(`SELECT count(*)::int AS n FROM notifications WHERE kind = 'review_reminder'`);
    expect(rows[0].n).toBe(2);
  });

  it('shows the officer which reviews are overdue once reviewsDueAt has passed, and the reviewer their due date', async () => {
    const before = (await as(admin).get(`/api/calls/${callId}/assignments`).expect(200)).body as { overdue: boolean }[];
    expect(before.every((a) => a.overdue === false)).toBe(true);

    const past = new Date(Date.now() - 60_000);
    await as(admin).patch(`/api/calls/${callId}`, { reviewsDueAt: past.toISOString() }).expect(200);
    const after = (await as(admin).get(`/api/calls/${callId}/assignments`).expect(200)).body as {
      reviewerId: string;
      reviewerName: string;
      title: string;
      reviewStatus: string;
      reviewsDueAt: string;
      overdue: boolean;
    }[];
    expect(after).toHaveLength(6);
    for (const a of after) {
      expect(a.overdue).toBe(a.reviewStatus !== 'submitted');
      expect(a.reviewsDueAt).toBe(past.toISOString());
      expect(a.title).toMatch(/^Hanke /);
      expect(a.reviewerName).toEqual(expect.any(String));
    }
    expect(after.filter((a) => a.reviewerId === fiReviewer.id).every((a) => a.reviewStatus === 'submitted' && !a.overdue)).toBe(true);
    expect(after.filter((a) => a.overdue).length).toBe(after.filter((a) => a.reviewerId !== fiReviewer.id).length);

    const own = (await as(enReviewer.token).get('/api/reviews').expect(200)).body as { reviewsDueAt: string; overdue: boolean }[];
    expect(own.length).toBeGreaterThan(0);
    expect(own.every((a) => a.overdue && a.reviewsDueAt === past.toISOString())).toBe(true);
    // No reminder once the reviews are due.
    expect(await worker.get(ReviewRemindersService).remind(callId, 1)).toBe('not-due');
  });

  it('lists a call’s assignments for admins only, and 404 for an unknown call', async () => {
    await as(fiReviewer.token).get(`/api/calls/${callId}/assignments`).expect(403);
    const missing = await as(admin).get('/api/calls/00000000-0000-4000-8000-000000000000/assignments').expect(404);
    expect(missing.body.code).toBe('NOT_FOUND');
  });
});
