import { INestApplicationContext } from '@nestjs/common';
import { Queue } from 'bullmq';
import { Reconciler } from '../../src/jobs/reconciler.service';
import { jobId, QUEUE } from '../../src/jobs/queues';
import { bullConnection, redisOptions } from '../../src/jobs/redis';
import { ReportJobsService } from '../../src/coordination/report-jobs.service';
import { applicationBody, openCall } from '../factories/call.factory';
import { adminToken, createOrg, createUser, OrgFixture, UserFixture } from '../factories/identity.factory';
import { resetDatabase, startTestApi, TestApi } from '../helpers/api';
import { startTestWorker, waitFor } from '../helpers/worker';

/** The Turku practice card of seeds/004. */
const TURKU_PRACTICE = {
  title: 'Työelämäkumppanuuksien kehittäminen eri tasoilla',
  partnershipLevel: 'strategic',
  needs:
    'Kehittämistyön perustaa tehtiin valtakunnallisissa Parasta hankkeissa. Tavoitteena oli luoda mallia työelämäyhteistyölle, jossa tunnistetaan eritasoiset työelämän tarpeet ja vastataan niihin erilaisilla kumppanuuksilla.',
  solution:
    'Henkilöstöstä ja sidosryhmistä koottiin työpajoja, joissa tutustuttiin kumppanuusmalliin: arjen kumppanuus, kehittämiskumppanuus ja strateginen kumppanuus.',
  results:
    'Strategisessa kumppanuudessa työpaikka ja oppilaitos miettivät yhdessä työpaikan kehittämis- ja tulevaisuustarpeita. Mallia on levitetty uusille aloille.',
  status: 'completed',
  contacts: [{ name: 'Päivi Lehtinen', title: 'rehtori', email: 'paivi.lehtinen@turku.fi' }],
};

describe('network-project coordination, from published decisions to the coordinator’s overview', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let admin: string;
  let leads: { org: OrgFixture; user: UserFixture }[];
  let coordinatorOrg: OrgFixture;
  let coordinator: UserFixture;
  let outsider: UserFixture;
  let callId: string;
  let projects: { id: string; leadOrganizationId: string; category: string; name: string }[];

  const as = (token: string) => ({
    get: (url: string) => api.http().get(url).set('authorization', `Bearer ${token}`),
    post: (url: string, body: object = {}) => api.http().post(url).set('authorization', `Bearer ${token}`).send(body),
    patch: (url: string, body: object) => api.http().patch(url).set('authorization', `Bearer ${token}`).send(body),
  });
  const projectOf = (i: number) => projects.find((p) => p.leadOrganizationId === leads[i].org.id) as (typeof projects)[number];

  beforeAll(async () => {
    api = await startTestApi();
    worker = await startTestWorker();
    await resetDatabase(api);
    admin = await adminToken(api);
    const turku = await createOrg(api, admin, { name: 'Turun kaupunki', kind: 'municipality' });
    leads = [];
    for (let i = 0; i < 6; i += 1) {
      const org = await createOrg(api, admin, { name: i === 0 ? 'Turun ammatti-instituutti' : `Verkostojärjestäjä ${i}` });
      leads.push({ org, user: await createUser(api, admin, org.id, ['applicant']) });
    }
    coordinatorOrg = await createOrg(api, admin, { name: 'Koulutuskeskus Salpaus' });
    const coordinatorApplicant = await createUser(api, admin, coordinatorOrg.id, ['applicant']);
    coordinator = await createUser(api, admin, coordinatorOrg.id, ['coordinator']);
    const outsiderOrg = await createOrg(api, admin, { name: 'Suomen Kuntaliitto ry', kind: 'third_sector' });
    outsider = await createUser(api, admin, outsiderOrg.id, ['applicant']);

    callId = (
      await openCall(api, admin, 3_000, {
        reportsDue: [
          { type: 'interim', dueAt: new Date(Date.now() + 30 * 86_400_000).toISOString() },
          { type: 'final', dueAt: new Date(Date.now() + 730 * 86_400_000).toISOString() },
        ],
      })
    ).id;
    const submitters = [
      ...leads.map((l) => ({ user: l.user, category: 'network_project' })),
      { user: coordinatorApplicant, category: 'coordination' },
    ];
    const appIds: string[] = [];
    for (const [i, s] of submitters.entries()) {
      const res = await as(s.user.token)
        .post(
          `/api/calls/${callId}/applications`,
          applicationBody({
            category: s.category,
            title: s.category === 'coordination' ? 'Verkostohankkeiden koordinaatio' : `Verkostohanke ${i}`,
            requestedAmount: 50_000_000,
            selfFinancingAmount: 10_000_000,
            budget: [{ item: 'Kulut', amount: 60_000_000 }],
            memberOrganizationIds: i === 0 ? [turku.id] : [],
          }),
        )
        .expect(201);
      appIds.push(res.body.id);
      await as(s.user.token).post(`/api/applications/${res.body.id}/submit`).expect(200);
    }
    await waitFor(
      'the call to close',
      async () => (await api.db.query('SELECT closed_at FROM calls WHERE id = $1', [callId]))[0].closed_at,
      10_000,
    );
    for (const id of appIds)
      await as(admin)
        .post(`/api/applications/${id}/decision`, { outcome: 'funded', grantedAmount: 50_000_000, rationale: 'Rahoitetaan.' })
        .expect(200);
    await as(admin).post(`/api/calls/${callId}/decisions/publish`).expect(200);
    projects = await waitFor('seven network projects', async () => {
      const res = await as(admin).get(`/api/network-projects?callId=${callId}`).expect(200);
      return res.body.length === 7 ? res.body : undefined;
    });
  }, 60_000);
  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  it('creates six network projects plus the coordinator’s, each owing an interim and a final report', async () => {
    expect(projects.filter((p) => p.category === 'network_project')).toHaveLength(6);
    expect(projects.filter((p) => p.category === 'coordination')).toHaveLength(1);
    const mine = await as(coordinator.token).get(`/api/network-projects?callId=${callId}`).expect(200);
    expect(mine.body).toHaveLength(7);
    const one = await as(leads[0].user.token)
      .get(`/api/network-projects/${projectOf(0).id}`)
      .expect(200);
    expect(one.body).toMatchObject({ coordinatorOrganizationId: coordinatorOrg.id, grantedAmount: 50_000_000, status: 'active' });
    expect(one.body.memberOrganizationIds).toHaveLength(1);
    expect(one.body.reports.map((r: { type: string; status: string }) => [r.type, r.status])).toEqual([
      ['interim', 'due'],
      ['final', 'due'],
    ]);
    const theirs = await as(leads[1].user.token).get(`/api/network-projects`).expect(200);
    expect(theirs.body.map((p: { id: string }) => p.id)).toEqual([projectOf(1).id]);
  });

  it('lets an organisation ask to join a running project; the lead approves; a member can leave', async () => {
    const project = projectOf(0);
    const asked = await as(outsider.token)
      .post(`/api/network-projects/${project.id}/join-requests`, { message: 'Haluamme mukaan.' })
      .expect(201);
    const twice = await as(outsider.token).post(`/api/network-projects/${project.id}/join-requests`, {}).expect(409);
    expect(twice.body.code).toBe('DUPLICATE');
    await as(leads[1].user.token).post(`/api/network-projects/${project.id}/join-requests/${asked.body.id}/approve`).expect(403);
    const approved = await as(leads[0].user.token)
      .post(`/api/network-projects/${project.id}/join-requests/${asked.body.id}/approve`)
      .expect(200);
    expect(approved.body.status).toBe('approved');
    const now = await as(outsider.token).get(`/api/network-projects/${project.id}`).expect(200);
    expect(now.body.memberOrganizationIds).toContain(outsider.organizationId);
    const audit = await api.db.query(`SELECT action FROM audit_events WHERE entity = 'network_project' AND entity_id = $1 ORDER BY id`, [
      project.id,
    ]);
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['project.join_request', 'project.join_approve']);
    await as(outsider.token).post(`/api/network-projects/${project.id}/leave`).expect(200);
    await as(outsider.token).get(`/api/network-projects/${project.id}`).expect(403);
  });

  it('shows any signed-in user the running projects’ public cards to find one to join, and an organisation search', async () => {
    const cards = await as(outsider.token).get('/api/network-projects?joinable=true').expect(200);
    expect(cards.body).toHaveLength(7);
    const card = cards.body.find((c: { id: string }) => c.id === projectOf(1).id);
    expect(card).toMatchObject({
      name: projectOf(1).name,
      lead: { id: leads[1].org.id, name: 'Verkostojärjestäjä 1' },
      members: [],
      call: { id: callId, title: { fi: 'Osaamisperusteisuuden, asiakkuuksien ja kumppanuuksien johtaminen' } },
      periodStart: '2019-01-01',
      periodEnd: '2020-12-31',
      ownOrganizationIn: false,
    });
    const own = await as(leads[1].user.token).get('/api/network-projects?joinable=true').expect(200);
    expect(own.body.find((c: { id: string }) => c.id === projectOf(1).id).ownOrganizationIn).toBe(true);
    const bad = await as(outsider.token).get('/api/network-projects?joinable=maybe').expect(400);
    expect(bad.body.errors[0].field).toBe('joinable');

    const found = await as(outsider.token)
      .get(`/api/organizations?q=${encodeURIComponent('salpaus')}`)
      .expect(200);
    expect(found.body.map((o: { id: string }) => o.id)).toEqual([coordinatorOrg.id]);
    const byId = await as(outsider.token).get(`/api/organizations?q=${coordinatorOrg.businessId}`).expect(200);
    expect(byId.body.map((o: { id: string }) => o.id)).toEqual([coordinatorOrg.id]);
  });

  it('tells the lead of a join request and the requester of the answer, each in their language', async () => {
    const swedishOrg = await createOrg(api, admin, { name: 'Yrkesinstitutet Prakticum', language: 'sv' });
    const swedish = await createUser(api, admin, swedishOrg.id, ['applicant']);
    const project = projectOf(2);
    const asked = await as(swedish.token)
      .post(`/api/network-projects/${project.id}/join-requests`, { message: 'Vi vill delta.' })
      .expect(201);
    const leadNotes = await as(leads[2].user.token).get('/api/notifications').expect(200);
    expect(leadNotes.body).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          kind: 'join_requested',
          subject: `Liittymispyyntö verkostohankkeeseen ${project.name}`,
          body: expect.stringContaining('Yrkesinstitutet Prakticum pyytää päästä mukaan'),
        }),
      ]),
    );
    await as(leads[2].user.token).post(`/api/network-projects/${project.id}/join-requests/${asked.body.id}/decline`).expect(200);
    const answer = await as(swedish.token).get('/api/notifications').expect(200);
    expect(answer.body).toEqual([
      expect.objectContaining({ kind: 'join_declined', subject: `Begäran om anslutning avslagen: ${project.name}` }),
    ]);
  });

  it('keeps outsiders out of a project’s reports and practices (403)', async () => {
    const project = projectOf(0);
    const read = await as(outsider.token).get(`/api/network-projects/${project.id}/reports/interim`).expect(403);
    expect(read.body.code).toBe('FORBIDDEN');
    await as(outsider.token).post(`/api/network-projects/${project.id}/practices`, TURKU_PRACTICE).expect(403);
    await as(leads[1].user.token)
      .post(`/api/network-projects/${project.id}/reports/interim`, { content: { summary: 'x' } })
      .expect(403);
  });

  it('takes an interim report from the lead, with an attachment, and the coordinator accepts it', async () => {
    const project = projectOf(1);
    const lead = leads[1].user;
    const submitted = await as(lead.token)
      .post(`/api/network-projects/${project.id}/reports/interim`, {
        content: { summary: 'Hanke eteni suunnitellusti.', results: 'Kolme toimintamallia pilotoitu.' },
      })
      .expect(200);
    expect(submitted.body).toMatchObject({ type: 'interim', status: 'submitted', late: false });
    await api
      .http()
      .post(`/api/network-projects/${project.id}/reports/interim/attachment`)
      .set('authorization', `Bearer ${lead.token}`)
      .attach('file', Buffer.from('väliselvitys,liite\n1,2\n'), { filename: 'väliselvitys.csv', contentType: 'text/csv' })
      .expect(200);
    const file = await as(coordinator.token).get(`/api/network-projects/${project.id}/reports/interim/attachment`).expect(200);
    expect(file.text ?? file.body.toString()).toContain('väliselvitys,liite');
    await as(lead.token).post(`/api/network-projects/${project.id}/reports/interim/review`, { outcome: 'accepted' }).expect(403);
    const accepted = await as(coordinator.token)
      .post(`/api/network-projects/${project.id}/reports/interim/review`, { outcome: 'accepted', comment: 'Kiitos.' })
      .expect(200);
    expect(accepted.body.status).toBe('accepted');
    // Read back whole, as the review returned it.
    const read = await as(lead.token).get(`/api/network-projects/${project.id}/reports/interim`).expect(200);
    expect(read.body).toEqual(accepted.body);
    expect(read.body).toMatchObject({ projectId: project.id, attachmentName: 'väliselvitys.csv', reviewComment: 'Kiitos.' });
  });

  it('marks a report overdue by a real-time job when its due date passes; running it again changes nothing', async () => {
    const project = projectOf(2);
    const due = new Date(Date.now() + 1_500);
    await as(admin).patch(`/api/network-projects/${project.id}/reports/interim`, { dueAt: due.toISOString() }).expect(200);
    const report = await waitFor(
      'the overdue job',
      async () => {
        const res = await as(leads[2].user.token).get(`/api/network-projects/${project.id}/reports/interim`).expect(200);
        return res.body.status === 'overdue' ? res.body : undefined;
      },
      10_000,
    );
    const [{ overdue_at }] = await api.db.query('SELECT overdue_at FROM project_reports WHERE id = $1', [report.id]);
    expect(overdue_at.getTime() - due.getTime()).toBeLessThan(1_000);
    expect(await worker.get(ReportJobsService).markOverdue(report.id)).toBe('already-done');
    const notes = await api.db.query(
      `SELECT recipient_organization_id FROM notifications WHERE kind = 'report_overdue' ORDER BY recipient_organization_id`,
    );
    expect(notes.map((n: { recipient_organization_id: string }) => n.recipient_organization_id).sort()).toEqual(
      [leads[2].org.id, coordinatorOrg.id].sort(),
    );
  });

  it('reminds the lead once before the due date, and survives Redis losing the report jobs and a worker restart', async () => {
    const project = projectOf(3);
    const [report] = await api.db.query(`SELECT id FROM project_reports WHERE project_id = $1 AND type = 'interim'`, [project.id]);
    // Due in two days: the 3-day reminder (09:00 Helsinki three days before) is already due.
    await api.db.query(`UPDATE project_reports SET due_at = now() + interval '2 days' WHERE id = $1`, [report.id]);
    const reconciler = worker.get(Reconciler);
    await reconciler.run();
    await reconciler.run();
    // This report's reminders only: the reconciler's periodic pass (a repeatable job any test worker
    // may take) can also remind of another report whose reminder time has passed, e.g. the one the
    // overdue test made due in 1.5 s.
    const reminders = await api.db.query(
      `SELECT dedupe_key FROM notifications WHERE kind = 'report_reminder' AND dedupe_key LIKE 'report_reminder-' || $1 || '-%'`,
      [report.id],
    );
    expect(reminders).toHaveLength(1);
    expect(reminders[0].dedupe_key).toMatch(new RegExp(`^report_reminder-${report.id}-3d-`));

    const reports = new Queue(QUEUE.reports, {
      connection: bullConnection(redisOptions(process.env.REDIS_URL as string)),
      prefix: process.env.QUEUE_PREFIX,
    });
    try {
      await reports.obliterate({ force: true });
      await worker.close();
      const [other] = await api.db.query(`SELECT id FROM project_reports WHERE project_id = $1 AND type = 'interim'`, [projectOf(4).id]);
      await api.db.query(`UPDATE project_reports SET due_at = now() - interval '1 second' WHERE id = $1`, [other.id]);
      worker = await startTestWorker(); // reconciles at start
      const [row] = await api.db.query('SELECT status FROM project_reports WHERE id = $1', [other.id]);
      expect(row.status).toBe('overdue');
      const [again] = await api.db.query('SELECT due_at FROM project_reports WHERE id = $1', [report.id]);
      expect(await reports.getJob(jobId.reportOverdue(report.id, again.due_at))).toBeDefined();
    } finally {
      await reports.close();
    }
  });

  it('publishes a Turku-style strategic practice that a search for "kumppanuus" finds', async () => {
    const project = projectOf(0);
    const created = await as(leads[0].user.token).post(`/api/network-projects/${project.id}/practices`, TURKU_PRACTICE).expect(201);
    expect(created.body).toMatchObject({
      organizationId: leads[0].org.id,
      partnershipLevel: 'strategic',
      organizationName: 'Turun ammatti-instituutti',
    });
    await as(leads[1].user.token)
      .post(`/api/network-projects/${projectOf(1).id}/practices`, {
        ...TURKU_PRACTICE,
        title: 'Opiskelijapalaute',
        partnershipLevel: 'everyday',
        needs: 'Palaute',
        solution: 'Kysely',
        results: 'Parempi ohjaus',
      })
      .expect(201);

    const found = await as(outsider.token).get('/api/practices?q=kumppanuus').expect(200);
    expect(found.body.map((p: { id: string }) => p.id)).toEqual([created.body.id]);
    const strategic = await as(outsider.token)
      .get('/api/practices?q=strateginen%20kumppanuus&level=strategic&status=completed')
      .expect(200);
    expect(strategic.body).toHaveLength(1);
    const none = await as(outsider.token).get('/api/practices?q=kumppanuus&level=everyday').expect(200);
    expect(none.body).toEqual([]);
    const hostile = await as(outsider.token)
      .get(`/api/practices?q=${encodeURIComponent("') OR 1=1; --")}`)
      .expect(200);
    expect(hostile.body).toEqual([]);
    const byOrganization = await as(outsider.token).get(`/api/practices?organizationId=${leads[1].org.id}`).expect(200);
    expect(byOrganization.body.map((p: { title: string }) => p.title)).toEqual(['Opiskelijapalaute']);
    const badOrganization = await as(outsider.token).get('/api/practices?organizationId=turku').expect(400);
    expect(badOrganization.body.errors[0].field).toBe('organizationId');

    await as(leads[1].user.token).patch(`/api/practices/${created.body.id}`, { title: 'Kaapattu' }).expect(403);
    const edited = await as(leads[0].user.token).patch(`/api/practices/${created.body.id}`, { status: 'in_progress' }).expect(200);
    expect(edited.body.status).toBe('in_progress');
  });

  it('gives the coordinator one overview of the call, also as CSV, and nobody else', async () => {
    const res = await as(coordinator.token).get(`/api/calls/${callId}/coordination`).expect(200);
    expect(res.body.projects).toHaveLength(7);
    expect(res.body.totals).toMatchObject({
      projects: 7,
      reportsAccepted: 1,
      reportsOverdue: 2,
      practicesCount: 2,
      grantedAmount: 350_000_000,
    });
    const p0 = res.body.projects.find((p: { projectId: string }) => p.projectId === projectOf(0).id);
    expect(p0).toMatchObject({ membersCount: 2, practicesCount: 1, reportsDue: 2 });
    const csv = await as(coordinator.token).get(`/api/calls/${callId}/coordination`).set('accept', 'text/csv').expect(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.text.split('\r\n')[0]).toBe(
      '\uFEFFprojectId;name;category;leadOrganizationName;status;membersCount;reportsDue;reportsSubmitted;reportsAccepted;reportsOverdue;practicesCount;grantedAmount (€)',
    );
    const denied = await as(leads[0].user.token).get(`/api/calls/${callId}/coordination`).expect(403);
    expect(denied.body.code).toBe('FORBIDDEN');
    const otherCoordinator = await createUser(api, admin, leads[3].org.id, ['coordinator']);
    await as(otherCoordinator.token).get(`/api/calls/${callId}/coordination`).expect(403);
  });

  it('sends the coordinator’s announcement to every organisation of every project', async () => {
    const res = await as(coordinator.token)
      .post(`/api/calls/${callId}/announcements`, { subject: 'Verkostotapaaminen 12.3.', body: 'Tervetuloa Lahteen.' })
      .expect(201);
    expect(res.body.recipients).toBe(8); // six leads, the coordinator, and Turku as a member
    const inbox = await as(leads[5].user.token).get('/api/notifications').expect(200);
    expect(inbox.body.find((n: { kind: string }) => n.kind === 'announcement')?.subject).toMatch(/Verkostotapaaminen 12\.3\./);
    await as(leads[0].user.token).post(`/api/calls/${callId}/announcements`, { subject: 'x', body: 'y' }).expect(403);
  });
});
