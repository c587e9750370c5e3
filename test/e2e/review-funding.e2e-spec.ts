import { INestApplicationContext } from '@nestjs/common';
import { applicationBody, callBody, openCall } from '../factories/call.factory';
import { adminToken, createOrg, createUser, OrgFixture, UserFixture } from '../factories/identity.factory';
import { resetDatabase, startTestApi, TestApi } from '../helpers/api';
import { startTestWorker, waitFor } from '../helpers/worker';

/** Each reviewer's scores for [competence_based, customers, partnerships, network] (weights 3, 2, 2, 1; max 5). */
type Triple = [number[], number[], number[]];
const uniform = (a: number, b: number, c: number): Triple => [
  [a, a, a, a],
  [b, b, b, b],
  [c, c, c, c],
];

interface Fixture {
  key: string;
  category: 'network_project' | 'coordination';
  requested: number;
  scores: Triple;
  /** Hand-computed: mean over reviewers of Σ(w·s/5)/Σw × 100. */
  expected: number;
  spread: number;
}

// The real call's shape: seven regional network projects and two coordination applications.
const FIXTURES: Fixture[] = [
  { key: 'n0', category: 'network_project', requested: 70_000_000, scores: uniform(5, 5, 4), expected: 93.3333, spread: 20 },
  { key: 'n1', category: 'network_project', requested: 60_000_000, scores: uniform(5, 4, 4), expected: 86.6667, spread: 20 },
  // (15+6+8+2)·2.5 = 77.5; 4·20 = 80; (9+10+10+5)·2.5 = 85 → 80.8333, spread 7.5
  {
    key: 'n2',
    category: 'network_project',
    requested: 60_000_000,
    scores: [
      [5, 3, 4, 2],
      [4, 4, 4, 4],
      [3, 5, 5, 5],
    ],
    expected: 80.8333,
    spread: 7.5,
  },
  { key: 'n3', category: 'network_project', requested: 60_000_000, scores: uniform(4, 4, 3), expected: 73.3333, spread: 20 },
  { key: 'n4', category: 'network_project', requested: 60_000_000, scores: uniform(3, 3, 3), expected: 60, spread: 0 },
  { key: 'n5', category: 'network_project', requested: 60_000_000, scores: uniform(3, 3, 3), expected: 60, spread: 0 },
  { key: 'n6', category: 'network_project', requested: 60_000_000, scores: uniform(2, 3, 2), expected: 46.6667, spread: 20 },
  { key: 'c0', category: 'coordination', requested: 38_000_000, scores: uniform(4, 4, 4), expected: 80, spread: 0 },
  { key: 'c1', category: 'coordination', requested: 38_000_000, scores: uniform(5, 4, 5), expected: 93.3333, spread: 20 },
];
const CRITERIA = ['competence_based', 'customers', 'partnerships', 'network'];

describe('review, ranking and funding decisions on the real call’s shape', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let admin: string;
  let orgs: OrgFixture[];
  let applicants: UserFixture[];
  let reviewers: UserFixture[];
  let callId: string;
  const ids = new Map<string, string>();

  const as = (token: string) => ({
    get: (url: string) => api.http().get(url).set('authorization', `Bearer ${token}`),
    post: (url: string, body: object = {}) => api.http().post(url).set('authorization', `Bearer ${token}`).send(body),
    put: (url: string, body: object) => api.http().put(url).set('authorization', `Bearer ${token}`).send(body),
  });
  const scoresOf = (values: number[]) => Object.fromEntries(CRITERIA.map((k, i) => [k, values[i]]));

  beforeAll(async () => {
    api = await startTestApi();
    worker = await startTestWorker();
    await resetDatabase(api);
    admin = await adminToken(api);
    const oph = await createOrg(api, admin, { name: 'Opetushallitus', kind: 'authority' });
    orgs = [];
    applicants = [];
    for (const f of FIXTURES) {
      const org = await createOrg(api, admin, { name: `Järjestäjä ${f.key}`, language: f.key === 'n6' ? 'sv' : 'fi' });
      orgs.push(org);
      applicants.push(await createUser(api, admin, org.id, ['applicant']));
    }
    reviewers = [];
    for (let i = 0; i < 3; i += 1) reviewers.push(await createUser(api, admin, oph.id, ['reviewer']));

    callId = (await openCall(api, admin, 4_000)).id;
    for (const [i, f] of FIXTURES.entries()) {
      const res = await as(applicants[i].token)
        .post(
          `/api/calls/${callId}/applications`,
          applicationBody({
            category: f.category,
            title: `Hanke ${f.key} – Pääkaupunkiseutu & Åboland`,
            requestedAmount: f.requested,
            selfFinancingAmount: 10_000_000,
            budget: [{ item: 'Kaikki kulut', amount: f.requested + 10_000_000 }],
            memberOrganizationIds: f.key === 'n1' ? [orgs[0].id] : [],
          }),
        )
        .expect(201);
      ids.set(f.key, res.body.id);
      await as(applicants[i].token).post(`/api/applications/${res.body.id}/submit`).expect(200);
    }
    await waitFor(
      'the call to close',
      async () => (await api.db.query('SELECT closed_at FROM calls WHERE id = $1', [callId]))[0].closed_at,
      10_000,
    );
  }, 60_000);
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  it('refuses a reviewer from the application’s own organisation with CONFLICT_OF_INTEREST', async () => {
    const insider = await createUser(api, admin, orgs[0].id, ['reviewer']);
    for (const key of ['n0', 'n1']) {
      // n0 is led by orgs[0]; n1 has orgs[0] as a member
      const res = await as(admin)
        .post(`/api/calls/${callId}/assignments`, { applicationId: ids.get(key), reviewerId: insider.id })
        .expect(409);
      expect(res.body.code).toBe('CONFLICT_OF_INTEREST');
    }
    await api.db.query('DELETE FROM users WHERE id = $1', [insider.id]);
  });

  it('assigns three reviewers to every application automatically, loads balanced', async () => {
    const res = await as(admin).post(`/api/calls/${callId}/assignments/auto`).expect(200);
    expect(res.body).toEqual({ created: 27 });
    const again = await as(admin).post(`/api/calls/${callId}/assignments/auto`).expect(200);
    expect(again.body).toEqual({ created: 0 });
    for (const r of reviewers) {
      const mine = await as(r.token).get('/api/reviews').expect(200);
      expect(mine.body).toHaveLength(9);
      expect(mine.body[0]).toEqual({
        applicationId: expect.any(String),
        callId,
        title: expect.any(String),
        reviewStatus: 'not_started',
        reviewsDueAt: null,
        overdue: false,
      });
    }
  });

  it('lets an assigned reviewer read the application, but not score unknown or missing criteria', async () => {
    const r = reviewers[0];
    await as(r.token)
      .get(`/api/applications/${ids.get('n0')}`)
      .expect(200);
    const bad = await as(r.token)
      .put(`/api/applications/${ids.get('n0')}/review`, { scores: { competence_based: 6, bogus: 1 }, comment: '' })
      .expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
      'scores.bogus',
      'scores.competence_based',
      'scores.customers',
      'scores.network',
      'scores.partnerships',
    ]);
  });

  it('hides other reviewers’ scores until the reviewer has submitted their own, and applicants see none', async () => {
    const app = ids.get('n0') as string;
    const [r0, r1] = reviewers;
    await as(r0.token)
      .put(`/api/applications/${app}/review`, { scores: scoresOf(FIXTURES[0].scores[0]), comment: 'Erinomainen.' })
      .expect(200);
    await as(r0.token).post(`/api/applications/${app}/review/submit`).expect(200);
    await as(r1.token)
      .put(`/api/applications/${app}/review`, { scores: scoresOf(FIXTURES[0].scores[1]), comment: 'Hyvä.' })
      .expect(200);
    const before = await as(r1.token).get(`/api/applications/${app}/reviews`).expect(200);
    expect(before.body.map((v: { reviewerId: string }) => v.reviewerId)).toEqual([r1.id]);
    await as(r1.token).post(`/api/applications/${app}/review/submit`).expect(200);
    const after = await as(r1.token).get(`/api/applications/${app}/reviews`).expect(200);
    expect(after.body.map((v: { reviewerId: string }) => v.reviewerId).sort()).toEqual([r0.id, r1.id].sort());
    const asApplicant = await as(applicants[0].token).get(`/api/applications/${app}/reviews`).expect(403);
    expect(asApplicant.body.code).toBe('FORBIDDEN');
  });

  it('locks a submitted review until an admin reopens it', async () => {
    const app = ids.get('n0') as string;
    const r0 = reviewers[0];
    const locked = await as(r0.token)
      .put(`/api/applications/${app}/review`, { scores: scoresOf([1, 1, 1, 1]), comment: '' })
      .expect(409);
    expect(locked.body.code).toBe('INVALID_STATE');
    await as(admin).post(`/api/applications/${app}/reviews/${r0.id}/reopen`).expect(200);
    await as(r0.token)
      .put(`/api/applications/${app}/review`, { scores: scoresOf(FIXTURES[0].scores[0]), comment: 'Erinomainen, tarkistettu.' })
      .expect(200);
    await as(r0.token).post(`/api/applications/${app}/review/submit`).expect(200);
  });

  it('refuses a reviewer who is not assigned (403) and records a declared conflict, after which assigning them is refused', async () => {
    const outsider = await createUser(api, admin, (await createOrg(api, admin, { kind: 'authority' })).id, ['reviewer']);
    const res = await as(outsider.token)
      .put(`/api/applications/${ids.get('n1')}/review`, { scores: scoresOf([1, 1, 1, 1]), comment: '' })
      .expect(403);
    expect(res.body.code).toBe('FORBIDDEN');
    await as(outsider.token)
      .get(`/api/applications/${ids.get('n1')}`)
      .expect(404);

    await as(admin)
      .post(`/api/calls/${callId}/assignments`, { applicationId: ids.get('n1'), reviewerId: outsider.id })
      .expect(201);
    await as(outsider.token)
      .post(`/api/applications/${ids.get('n1')}/conflict`, { reason: 'Entinen työnantaja.' })
      .expect(200);
    const mine = await as(outsider.token).get('/api/reviews').expect(200);
    expect(mine.body).toEqual([]);
    const again = await as(admin)
      .post(`/api/calls/${callId}/assignments`, { applicationId: ids.get('n1'), reviewerId: outsider.id })
      .expect(409);
    expect(again.body.code).toBe('CONFLICT_OF_INTEREST');
  });

  it('ranks by the hand-computed weighted scores, ties to the earlier submission, also as CSV', async () => {
    for (const [i, f] of FIXTURES.entries()) {
      for (const [j, r] of reviewers.entries()) {
        if (f.key === 'n0' && j < 2) continue; // submitted above
        await as(r.token)
          .put(`/api/applications/${ids.get(f.key)}/review`, { scores: scoresOf(f.scores[j]), comment: `Arvio ${i}/${j}` })
          .expect(200);
        await as(r.token)
          .post(`/api/applications/${ids.get(f.key)}/review/submit`)
          .expect(200);
      }
    }
    const res = await as(admin).get(`/api/calls/${callId}/ranking?category=network_project`).expect(200);
    expect(
      res.body.map((r: { applicationId: string; score: number; reviewCount: number; spread: number; rank: number }) => [
        r.applicationId,
        r.score,
        r.reviewCount,
        r.spread,
        r.rank,
      ]),
    ).toEqual(
      ['n0', 'n1', 'n2', 'n3', 'n4', 'n5', 'n6'].map((key, i) => {
        const f = FIXTURES.find((x) => x.key === key) as Fixture;
        return [ids.get(key), f.expected, 3, f.spread, i + 1];
      }),
    );
    expect(res.body[0]).toMatchObject({
      title: 'Hanke n0 – Pääkaupunkiseutu & Åboland',
      organizationName: 'Järjestäjä n0',
      requestedAmount: 70_000_000,
    });

    const csv = await as(admin)
      .get(`/api/calls/${callId}/ranking`)
      .set('accept', 'text/csv')
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    const body = csv.body as Buffer;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = body.toString('utf8').slice(1).trim().split('\r\n');
    expect(lines[0]).toBe(
      'rank;category;applicationId;title;organizationName;score;normalizedScore;reviewCount;spread;disagreement;requestedAmount (€)',
    );
    expect(lines).toHaveLength(10);
    const cells = lines[1].split(';');
    expect([...cells.slice(0, 6), ...cells.slice(7)]).toEqual([
      '1',
      'coordination',
      ids.get('c1'),
      'Hanke c1 – Pääkaupunkiseutu & Åboland',
      'Järjestäjä c1',
      '93,3333',
      '3',
      '20',
      'false',
      '380000,00',
    ]);
    const c1 = (await as(admin).get(`/api/calls/${callId}/ranking?category=coordination`).expect(200)).body[0];
    expect(cells[6]).toBe(String(c1.normalizedScore).replace('.', ','));
  });

  it('proposes the exact optimum under the six-project cap and the budget, not the greedy choice', async () => {
    const res = await as(admin).get(`/api/calls/${callId}/funding-proposal`).expect(200);
    // Greedy takes n0 (the best, 70 M€) and then cannot afford a coordinator; the optimum leaves n0 out.
    expect([...res.body.selected].sort()).toEqual(['n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'c1'].map((k) => ids.get(k)).sort());
    expect(res.body.totalGranted).toBe(6 * 60_000_000 + 38_000_000);
    expect(res.body.totalScore).toBeCloseTo(500.8333, 3);
    const line = (key: string) => res.body.explanation.find((l: { applicationId: string }) => l.applicationId === ids.get(key));
    expect(line('n0')).toMatchObject({ selected: false });
    expect(line('c0')).toMatchObject({ selected: false, reason: 'category_cap' });
  });

  it('funds the top six network projects; the seventh and a second coordination hit CAP_REACHED, the budget BUDGET_EXCEEDED', async () => {
    const decide = (key: string, body: object) => as(admin).post(`/api/applications/${ids.get(key)}/decision`, body);
    for (const key of ['n0', 'n1', 'n2', 'n3', 'n4', 'n5']) {
      const f = FIXTURES.find((x) => x.key === key) as Fixture;
      await decide(key, { outcome: 'funded', grantedAmount: f.requested, rationale: 'Korkea pistemäärä.' }).expect(200);
    }
    const seventh = await decide('n6', { outcome: 'funded', grantedAmount: 1_000_000, rationale: 'Yritys.' }).expect(409);
    expect(seventh.body).toMatchObject({ code: 'CAP_REACHED', category: 'network_project', maxFunded: 6 });

    const over = await decide('c1', { outcome: 'funded', grantedAmount: 38_000_000, rationale: 'Koordinaattori.' }).expect(409);
    expect(over.body.code).toBe('BUDGET_EXCEEDED');
    await decide('c1', { outcome: 'funded', grantedAmount: 30_000_000, rationale: 'Koordinaattori, supistettu budjetti.' }).expect(200);
    const second = await decide('c0', { outcome: 'funded', grantedAmount: 1_000_000, rationale: 'Toinen koordinaattori.' }).expect(409);
    expect(second.body.code).toBe('CAP_REACHED');
    const tooMuch = await decide('n6', { outcome: 'rejected', grantedAmount: 5, rationale: 'x' }).expect(400);
    expect(tooMuch.body.errors[0].field).toBe('grantedAmount');
    const above = await decide('n5', { outcome: 'funded', grantedAmount: 60_000_001, rationale: 'x' }).expect(400);
    expect(above.body.errors[0].field).toBe('grantedAmount');

    const [{ funded, granted }] = await api.db.query(
      `SELECT count(*)::int AS funded, sum(granted_amount)::bigint AS granted FROM decisions WHERE call_id = $1 AND outcome = 'funded'`,
      [callId],
    );
    expect(funded).toBe(7);
    expect(Number(granted)).toBe(400_000_000);
  });

  it('publishes once every application has a decision: applicants told in their language, one network project per funded application', async () => {
    const early = await as(admin).post(`/api/calls/${callId}/decisions/publish`).expect(409);
    expect(early.body.code).toBe('INVALID_STATE');
    for (const key of ['n6', 'c0']) {
      await as(admin)
        .post(`/api/applications/${ids.get(key)}/decision`, { outcome: 'rejected', rationale: 'Muita heikompi.' })
        .expect(200);
    }
    const first = await as(admin).post(`/api/calls/${callId}/decisions/publish`).expect(200);
    expect(first.body).toMatchObject({ callId, funded: 7, rejected: 2 });
    const second = await as(admin).post(`/api/calls/${callId}/decisions/publish`).expect(200);
    expect(second.body.decidedAt).toBe(first.body.decidedAt);

    const projects = await waitFor('the network projects', async () => {
      const rows: { application_id: string; coordinator_organization_id: string; granted_amount: string }[] = await api.db.query(
        'SELECT application_id, coordinator_organization_id, granted_amount FROM network_projects WHERE call_id = $1',
        [callId],
      );
      return rows.length === 7 ? rows : undefined;
    });
    const coordinatorOrg = orgs[FIXTURES.findIndex((f) => f.key === 'c1')].id;
    expect(projects.every((p) => p.coordinator_organization_id === coordinatorOrg)).toBe(true);
    const members = await api.db.query(
      `SELECT m.organization_id, m.role FROM network_project_members m JOIN network_projects p ON p.id = m.project_id WHERE p.application_id = $1 ORDER BY m.role`,
      [ids.get('n1')],
    );
    expect(members).toEqual([
      { organization_id: orgs[1].id, role: 'lead' },
      { organization_id: orgs[0].id, role: 'member' },
    ]);
    const call = await as(admin).get(`/api/calls/${callId}`).expect(200);
    expect(call.body.phase).toBe('decided');
    const status = await as(applicants[6].token)
      .get(`/api/applications/${ids.get('n6')}`)
      .expect(200);
    expect(status.body.status).toBe('rejected');
    const note = await waitFor('the Swedish rejection', async () => {
      const res = await as(applicants[6].token).get('/api/notifications').expect(200);
      return res.body.find((n: { kind: string }) => n.kind === 'decision_rejected');
    });
    expect(note.subject).toMatch(/^Negativt beslut/);
    // Published decisions no longer change; a rejected application can still be funded from the reserve, but only within the caps.
    const change = await as(admin)
      .post(`/api/applications/${ids.get('n1')}/decision`, { outcome: 'rejected', rationale: 'x' })
      .expect(409);
    expect(change.body.code).toBe('INVALID_STATE');
    const reserve = await as(admin)
      .post(`/api/applications/${ids.get('n6')}/decision`, { outcome: 'funded', grantedAmount: 1, rationale: 'x' })
      .expect(409);
    expect(reserve.body.code).toBe('CAP_REACHED');
  });
});

describe('normalised scores: a harsh and a lenient reviewer become comparable', () => {
  let api: TestApi;
  let admin: string;
  let callId: string;
  const app: Record<'A' | 'B' | 'C', string> = { A: '', B: '', C: '' };

  beforeAll(async () => {
    api = await startTestApi();
    await resetDatabase(api);
    admin = await adminToken(api);
    const org = await createOrg(api, admin, { name: 'Normitus Oy' });
    const authority = await createOrg(api, admin, { name: 'Virasto', kind: 'authority' });
    const call = await openCall(api, admin, 60_000);
    callId = call.id;
    await api.db.query(`UPDATE calls SET closes_at = now() - interval '1 second', closed_at = now() WHERE id = $1`, [callId]);
    for (const [i, key] of (['A', 'B', 'C'] as const).entries()) {
      const [{ id }] = await api.db.query(
        `INSERT INTO applications (call_id, category, lead_organization_id, title, summary, requested_amount, status, submitted_at, submitted_version)
         VALUES ($1, 'network_project', $2, $3, 'Tiivistelmä', 50000000, 'in_review', now() - ($4 || ' hours')::interval, 1) RETURNING id`,
        [callId, org.id, `Hanke ${key}`, String(10 - i)],
      );
      app[key] = id;
    }
    const reviewer = async () => (await createUser(api, admin, authority.id, ['reviewer'])).id;
    // Every criterion gets the same score, so a review's weighted score is score / 5.
    const harsh = await reviewer();
    const lenient = await reviewer();
    const single = await reviewer();
    const flat = await reviewer();
    const reviews: [string, 'A' | 'B' | 'C', number][] = [
      [harsh, 'A', 3],
      [harsh, 'B', 1],
      [harsh, 'C', 2],
      [lenient, 'A', 5],
      [lenient, 'B', 3],
      [lenient, 'C', 4],
      [single, 'A', 1],
      [flat, 'B', 2],
      [flat, 'C', 2],
    ];
    for (const [r, key, score] of reviews) {
      await api.db.query(`INSERT INTO review_assignments (application_id, reviewer_id, call_id) VALUES ($1, $2, $3)`, [
        app[key],
        r,
        callId,
      ]);
      await api.db.query(
        `INSERT INTO reviews (application_id, reviewer_id, call_id, status, submitted_at) VALUES ($1, $2, $3, 'submitted', now())`,
        [app[key], r, callId],
      );
      await api.db.query(
        `INSERT INTO review_scores (application_id, reviewer_id, call_id, criterion_key, score)
         SELECT $1, $2, $3, k, $4 FROM unnest($5::text[]) k`,
        [app[key], r, callId, score, CRITERIA],
      );
    }
    // A draft review counts for nothing.
    const drafter = await reviewer();
    await api.db.query(`INSERT INTO review_assignments (application_id, reviewer_id, call_id) VALUES ($1, $2, $3)`, [
      app.A,
      drafter,
      callId,
    ]);
    await api.db.query(`INSERT INTO reviews (application_id, reviewer_id, call_id) VALUES ($1, $2, $3)`, [app.A, drafter, callId]);
    await api.db.query(
      `INSERT INTO review_scores (application_id, reviewer_id, call_id, criterion_key, score) SELECT $1, $2, $3, k, 0 FROM unnest($4::text[]) k`,
      [app.A, drafter, callId, CRITERIA],
    );
  });
  afterAll(() => api.close());

  it('stores reviewsDueAt and disagreementThreshold on the call, also once published, refusing a threshold outside 0–100', async () => {
    const auth = { authorization: `Bearer ${admin}` };
    const before = await api.http().get(`/api/calls/${callId}`).set(auth).expect(200);
    expect(before.body).toMatchObject({ reviewsDueAt: null, disagreementThreshold: 25 });
    const bad = await api.http().patch(`/api/calls/${callId}`).set(auth).send({ disagreementThreshold: 101 }).expect(400);
    expect(bad.body.errors.map((e: { field: string }) => e.field)).toEqual(['disagreementThreshold']);
    const noOffset = await api.http().patch(`/api/calls/${callId}`).set(auth).send({ reviewsDueAt: '2030-01-01T12:00:00' }).expect(400);
    expect(noOffset.body.errors.map((e: { field: string }) => e.field)).toEqual(['reviewsDueAt']);
    const res = await api
      .http()
      .patch(`/api/calls/${callId}`)
      .set(auth)
      .send({ reviewsDueAt: '2030-01-15T16:00:00+02:00', disagreementThreshold: 50 })
      .expect(200);
    expect(res.body).toMatchObject({ reviewsDueAt: '2030-01-15T14:00:00.000Z', disagreementThreshold: 50 });
    const created = await api
      .http()
      .post('/api/calls')
      .set(auth)
      .send(callBody({ reviewsDueAt: '2019-01-15T16:00:00+02:00', disagreementThreshold: 12.5 }))
      .expect(201);
    expect(created.body).toMatchObject({ reviewsDueAt: '2019-01-15T14:00:00.000Z', disagreementThreshold: 12.5 });
  });

  it('gives normalizedScore as computed by hand, with no NaN for a one-review or zero-variance reviewer', async () => {
    // Weighted scores s: harsh A .6 B .2 C .4 (mean .4, σ √(.08/3)), lenient A 1 B .6 C .8 (mean .8, same σ),
    // so with k = .2/σ = √1.5: harsh z = +k, −k, 0 and lenient z = +k, −k, 0. The single-review reviewer (A)
    // and the flat one (B, C both .4) give z = 0. Mean z: A (k + k + 0)/3 = 2k/3, B (−k − k + 0)/3 = −2k/3,
    // C 0. Min–max over the call: A 100, B 0, C 50.
    // Scores: A (.6 + 1 + .2)/3 = 60, spread 80; B (.2 + .6 + .4)/3 = 40, spread 40; C (.4 + .8 + .4)/3 = 53.3333, spread 40.
    // With the call's threshold at 50 (set above) only A's reviewers disagree.
    const res = await api.http().get(`/api/calls/${callId}/ranking`).set('authorization', `Bearer ${admin}`).expect(200);
    expect(
      res.body.map((r: Record<string, unknown>) => [
        r.applicationId,
        r.score,
        r.normalizedScore,
        r.spread,
        r.disagreement,
        r.reviewCount,
        r.rank,
      ]),
    ).toEqual([
      [app.A, 60, 100, 80, true, 3, 1],
      [app.C, 53.3333, 50, 40, false, 3, 2],
      [app.B, 40, 0, 40, false, 3, 3],
    ]);
  });
});

describe('the six-project cap under concurrency', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
    await resetDatabase(api);
  });
  afterAll(() => api.close());

  it('50 concurrent funded decisions in a category capped at 6: exactly 6 succeed, 44 get CAP_REACHED, none 5xx', async () => {
    const admin = await adminToken(api);
    const org = await createOrg(api, admin);
    const call = await openCall(api, admin, 60_000, { totalBudget: 10_000_000_000 });
    await api.db.query(`UPDATE calls SET closes_at = now() - interval '1 second', closed_at = now() WHERE id = $1`, [call.id]);
    const apps: { id: string }[] = await api.db.query(
      `INSERT INTO applications (call_id, category, lead_organization_id, title, summary, requested_amount, status, submitted_at, submitted_version)
       SELECT $1, 'network_project', $2, 'Hanke ' || g, 'Tiivistelmä', 50000000, 'in_review', now() - interval '1 day', 1 FROM generate_series(1, 50) g
       RETURNING id`,
      [call.id, org.id],
    );
    const answers = await Promise.all(
      apps.map((a) =>
        api
          .http()
          .post(`/api/applications/${a.id}/decision`)
          .set('authorization', `Bearer ${admin}`)
          .send({ outcome: 'funded', grantedAmount: 50_000_000, rationale: 'Kilpajuoksu.' }),
      ),
    );
    expect(answers.filter((r) => r.status >= 500)).toEqual([]);
    expect(answers.filter((r) => r.status === 200)).toHaveLength(6);
    const refused = answers.filter((r) => r.status === 409);
    expect(refused).toHaveLength(44);
    expect(refused.every((r) => r.body.code === 'CAP_REACHED')).toBe(true);
    const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM decisions WHERE call_id = $1 AND outcome = 'funded'`, [call.id]);
    expect(n).toBe(6);
  });
});
