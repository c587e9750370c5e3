import { DateTime } from 'luxon';
import { seed } from '../../src/seed/seed';
import { login } from '../factories/identity.factory';
import { resetDatabase, startTestApi, TestApi } from '../helpers/api';

describe('npm run seed', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
    await resetDatabase(api);
  });
  afterAll(() => api.close());

  it('leaves a call in every phase: the 2018 call decided with running projects, a call in review, the Kuntaliitto network to join, an open call with drafts; twice is once', async () => {
    await seed(api.db);
    await seed(api.db);
    const token = await login(api, 'paivi.lehtinen@tai.demo', 'demo-password');
    const calls = await api.http().get('/api/calls').set('authorization', `Bearer ${token}`).expect(200);
    expect(calls.body.map((c: { phase: string }) => c.phase).sort()).toEqual(['closed', 'decided', 'decided', 'open']);
    const c2018 = calls.body.find((c: { totalBudget: number }) => c.totalBudget === 400_000_000);
    expect(c2018).toMatchObject({ totalBudget: 400_000_000, closesAt: '2018-11-21T22:00:00.000Z', timezone: 'Europe/Helsinki' });
    expect(c2018.categories.map((k: { key: string; maxFunded: number }) => [k.key, k.maxFunded])).toEqual([
      ['network_project', 6],
      ['coordination', 1],
    ]);
    expect(c2018.phase).toBe('decided');
    const counts = await api.db.query(
      `SELECT category, status, count(*)::int AS n FROM applications WHERE call_id = $1 GROUP BY 1, 2 ORDER BY 1, 2`,
      [c2018.id],
    );
    expect(counts).toEqual([
      { category: 'coordination', status: 'funded', n: 1 },
      { category: 'coordination', status: 'rejected', n: 1 },
      { category: 'network_project', status: 'funded', n: 6 },
      { category: 'network_project', status: 'rejected', n: 1 },
    ]);
    const [{ granted }] = await api.db.query(`SELECT sum(granted_amount)::bigint AS granted FROM decisions WHERE call_id = $1`, [c2018.id]);
    expect(Number(granted)).toBeLessThanOrEqual(400_000_000);
    const [{ projects }] = await api.db.query(`SELECT count(*)::int AS projects FROM network_projects WHERE call_id = $1`, [c2018.id]);
    expect(projects).toBe(7);
    const [{ reviews }] = await api.db.query(`SELECT count(*)::int AS reviews FROM reviews WHERE call_id = $1 AND status = 'submitted'`, [
      c2018.id,
    ]);
    expect(reviews).toBe(27);
    const practices = await api.http().get('/api/practices?q=kumppanuus').set('authorization', `Bearer ${token}`).expect(200);
    expect(practices.body.map((p: { title: string }) => p.title)).toEqual(['Työelämäkumppanuuksien kehittäminen eri tasoilla']);
    const late = await api.db.query(`SELECT count(*)::int AS n FROM applications WHERE call_id = $1 AND submitted_at >= $2`, [
      c2018.id,
      c2018.closesAt,
    ]);
    expect(late[0].n).toBe(0);
    const running = await api.db.query(
      `SELECT p.status, p.coordinator_organization_id IS NOT NULL AS coordinated,
              (SELECT count(*)::int FROM project_reports r WHERE r.project_id = p.id AND r.status = 'due' AND r.due_at > now()) AS due
         FROM network_projects p WHERE p.call_id = $1`,
      [c2018.id],
    );
    expect(
      running.every((p: { status: string; coordinated: boolean; due: number }) => p.status === 'active' && p.coordinated && p.due === 2),
    ).toBe(true);

    const inReview = calls.body.find((c: { phase: string }) => c.phase === 'closed');
    const [review] = await api.db.query(
      `SELECT (SELECT count(*)::int FROM applications WHERE call_id = $1 AND status = 'in_review') AS applications,
              (SELECT count(*)::int FROM review_assignments WHERE call_id = $1) AS assignments,
              (SELECT count(*)::int FROM reviews WHERE call_id = $1 AND status = 'submitted') AS submitted,
              (SELECT count(*)::int FROM reviews WHERE call_id = $1 AND status = 'draft') AS drafts`,
      [inReview.id],
    );
    // One reviewer done (4 / 4 submitted), the other half-way (2 submitted, 1 draft, 1 not started).
    expect(review).toEqual({ applications: 4, assignments: 8, submitted: 6, drafts: 1 });
    const perReviewer = await api.db.query(
      `SELECT count(*) FILTER (WHERE r.status = 'submitted')::int AS submitted, count(r.status)::int AS started
         FROM review_assignments a LEFT JOIN reviews r ON r.application_id = a.application_id AND r.reviewer_id = a.reviewer_id
        WHERE a.call_id = $1 GROUP BY a.reviewer_id ORDER BY 1 DESC`,
      [inReview.id],
    );
    expect(perReviewer).toEqual([
      { submitted: 4, started: 4 },
      { submitted: 2, started: 3 },
    ]);
    // Reviews are due three days after seeding (the calendar day in Helsinki time).
    const adminToken = await login(api, 'marjatta.saisa@okm.demo', 'demo-password');
    const reviewCall = await api.http().get(`/api/calls/${inReview.id}`).set('authorization', `Bearer ${adminToken}`).expect(200);
    const due = DateTime.fromISO(reviewCall.body.reviewsDueAt, { zone: 'Europe/Helsinki' });
    expect(due.toISODate()).toBe(DateTime.now().setZone('Europe/Helsinki').plus({ days: 3 }).toISODate());
    expect(new Date(reviewCall.body.reviewsDueAt).getTime()).toBeGreaterThan(Date.now());
    // One application on which the reviewers disagree: the ranking flags it, and only it.
    const ranking = await api.http().get(`/api/calls/${inReview.id}/ranking`).set('authorization', `Bearer ${adminToken}`).expect(200);
    const flagged = ranking.body.filter((r: { disagreement: boolean }) => r.disagreement);
    expect(flagged).toHaveLength(1);
    expect(flagged[0]).toMatchObject({ title: 'Työllisyyden kuntakokeilusta pysyvään asiakkuustyöhön Espoon seudulla', reviewCount: 2 });
    expect(flagged[0].spread).toBeGreaterThanOrEqual(reviewCall.body.disagreementThreshold);

    const open = calls.body.find((c: { phase: string }) => c.phase === 'open');
    const [{ drafts }] = await api.db.query(`SELECT count(*)::int AS drafts FROM applications WHERE call_id = $1 AND status = 'draft'`, [
      open.id,
    ]);
    expect(drafts).toBe(2);

    const joinable = await api.http().get('/api/network-projects?joinable=true').set('authorization', `Bearer ${token}`).expect(200);
    const kuntaliitto = joinable.body.find((p: { lead: { name: string } }) => p.lead.name === 'Suomen Kuntaliitto ry');
    expect(kuntaliitto).toMatchObject({
      periodStart: '2024-01-01',
      periodEnd: '2026-12-31',
      members: expect.arrayContaining([
        expect.objectContaining({ name: 'Turun kaupunki' }),
        expect.objectContaining({ name: 'Koulutuskeskus Salpaus' }),
      ]),
    });
    await api
      .http()
      .post(`/api/network-projects/${kuntaliitto.id}/join-requests`)
      .set('authorization', `Bearer ${token}`)
      .send({ message: 'Turun ammatti-instituutti haluaa mukaan.' })
      .expect(201);

    const mine = await api.http().get('/api/applications').set('authorization', `Bearer ${token}`).expect(200);
    expect(mine.body.map((a: { title: string }) => a.title)).toEqual(['Kumppanuuksien johtaminen Varsinais-Suomessa']);
  });
});
