import { applicationBody, draftApplication, openCall } from '../factories/call.factory';
import { adminToken, createOrg, createUser, OrgFixture, UserFixture } from '../factories/identity.factory';
import { resetDatabase, startTestApi, TestApi } from '../helpers/api';

describe('applications', () => {
  let api: TestApi;
  let admin: string;
  let lead: OrgFixture;
  let member: OrgFixture;
  let outsider: OrgFixture;
  let applicant: UserFixture;
  let memberUser: UserFixture;
  let outsiderUser: UserFixture;
  let callId: string;

  beforeAll(async () => {
    api = await startTestApi();
  });
  beforeEach(async () => {
    await resetDatabase(api);
    admin = await adminToken(api);
    lead = await createOrg(api, admin, { name: 'Turun ammatti-instituutti', municipality: 'Turku' });
    member = await createOrg(api, admin, { name: 'Salon seudun koulutuskuntayhtymä' });
    outsider = await createOrg(api, admin, { name: 'Koulutuskeskus Salpaus', language: 'sv' });
    applicant = await createUser(api, admin, lead.id, ['applicant']);
    memberUser = await createUser(api, admin, member.id, ['applicant']);
    outsiderUser = await createUser(api, admin, outsider.id, ['applicant']);
    callId = (await openCall(api, admin, 120_000)).id;
  });
  afterAll(() => api.close());

  const as = (user: UserFixture | string) => {
    const token = typeof user === 'string' ? user : user.token;
    return {
      get: (url: string) => api.http().get(url).set('authorization', `Bearer ${token}`),
      post: (url: string, body: object = {}) => api.http().post(url).set('authorization', `Bearer ${token}`).send(body),
      patch: (url: string, body: object) => api.http().patch(url).set('authorization', `Bearer ${token}`).send(body),
    };
  };

  it('creates a draft led by the applicant’s organisation', async () => {
    const res = await as(applicant)
      .post(`/api/calls/${callId}/applications`, applicationBody({ memberOrganizationIds: [member.id] }))
      .expect(201);
    expect(res.body).toMatchObject({
      status: 'draft',
      leadOrganizationId: lead.id,
      callId,
      version: 1,
      requestedAmount: 60_000_000,
      projectStart: '2019-01-01',
      memberOrganizationIds: [member.id],
      submittedAt: null,
    });
  });

  it('refuses a draft in an unknown category or with an unknown member organisation', async () => {
    const cat = await as(applicant)
      .post(`/api/calls/${callId}/applications`, applicationBody({ category: 'nope' }))
      .expect(400);
    expect(cat.body.errors[0].field).toBe('category');
    const mem = await as(applicant)
      .post(`/api/calls/${callId}/applications`, applicationBody({ memberOrganizationIds: ['00000000-0000-4000-8000-000000000001'] }))
      .expect(400);
    expect(mem.body.errors[0].field).toBe('memberOrganizationIds');
    const [{ n }] = await api.db.query('SELECT count(*)::int AS n FROM applications');
    expect(n).toBe(0);
  });

  it('edits with optimistic locking: a stale version gets 409 VERSION_CONFLICT and changes nothing', async () => {
    const app = await draftApplication(api, applicant.token, callId);
    const ok = await as(applicant).patch(`/api/applications/${app.id}`, { version: 1, title: 'Uusi nimi' }).expect(200);
    expect(ok.body).toMatchObject({ version: 2, title: 'Uusi nimi' });
    const stale = await as(applicant).patch(`/api/applications/${app.id}`, { version: 1, title: 'Vanha näkymä' }).expect(409);
    expect(stale.body).toMatchObject({ code: 'VERSION_CONFLICT', currentVersion: 2 });
    const now = await as(applicant).get(`/api/applications/${app.id}`).expect(200);
    expect(now.body.title).toBe('Uusi nimi');
  });

  it('submits a valid application and tells the organisation it was received', async () => {
    const app = await draftApplication(api, applicant.token, callId);
    const res = await as(applicant).post(`/api/applications/${app.id}/submit`).expect(200);
    expect(res.body).toMatchObject({ status: 'submitted', submittedVersion: 1, hasUnsubmittedChanges: false });
    expect(new Date(res.body.submittedAt).getTime()).toBeLessThanOrEqual(Date.now() + 1000);
    const notes = await as(applicant).get('/api/notifications').expect(200);
    expect(notes.body).toEqual([
      expect.objectContaining({ kind: 'application_submitted', subject: expect.stringContaining('Hakemus vastaanotettu') }),
    ]);
    await as(outsiderUser).get('/api/notifications').expect(200, []);
  });

  it('refuses to submit an invalid application, naming every field, and changes nothing', async () => {
    const app = await draftApplication(api, applicant.token, callId, {
      requestedAmount: 60_000_000,
      selfFinancingAmount: 1_000_000,
      budget: [{ item: 'Kaikki', amount: 1 }],
      projectEnd: null,
    });
    const res = await as(applicant).post(`/api/applications/${app.id}/submit`).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['budget', 'projectEnd', 'selfFinancingAmount']);
    const [row] = await api.db.query('SELECT status, submitted_at FROM applications WHERE id = $1', [app.id]);
    expect(row).toEqual({ status: 'draft', submitted_at: null });
  });

  it('refuses a draft of an organisation of an ineligible kind when it is created, naming leadOrganization', async () => {
    const company = await createOrg(api, admin, { kind: 'company' });
    const user = await createUser(api, admin, company.id, ['applicant']);
    const res = await as(user).post(`/api/calls/${callId}/applications`, applicationBody()).expect(400);
    expect(res.body).toMatchObject({ code: 'VALIDATION_FAILED', errors: [expect.objectContaining({ field: 'leadOrganization' })] });
    const [{ n }] = await api.db.query('SELECT count(*)::int AS n FROM applications');
    expect(n).toBe(0);
  });

  it('refuses a project that ends before it starts when the draft is created or saved, naming projectEnd', async () => {
    const created = await as(applicant)
      .post(`/api/calls/${callId}/applications`, applicationBody({ projectEnd: '2018-12-31' }))
      .expect(400);
    expect(created.body.errors).toEqual([{ field: 'projectEnd', message: 'projectEnd must be after projectStart' }]);
    const app = await draftApplication(api, applicant.token, callId);
    const saved = await as(applicant).patch(`/api/applications/${app.id}`, { version: 1, projectStart: '2021-01-01' }).expect(400);
    expect(saved.body.errors).toEqual([{ field: 'projectEnd', message: 'projectEnd must be after projectStart' }]);
    const [row] = await api.db.query(`SELECT version, to_char(project_start, 'YYYY-MM-DD') AS start FROM applications WHERE id = $1`, [
      app.id,
    ]);
    expect(row).toEqual({ version: 1, start: '2019-01-01' });
  });

  it('gives every field error of a draft in one answer', async () => {
    const res = await as(applicant)
      .post(
        `/api/calls/${callId}/applications`,
        applicationBody({
          category: 'nope',
          projectEnd: '2018-12-31',
          memberOrganizationIds: ['00000000-0000-4000-8000-000000000001'],
        }),
      )
      .expect(400);
    expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['category', 'memberOrganizationIds', 'projectEnd']);
  });

  it('keeps submittedAt on a re-submit without changes, so the earlier submission keeps its place in ties', async () => {
    const app = await draftApplication(api, applicant.token, callId);
    const first = await as(applicant).post(`/api/applications/${app.id}/submit`).expect(200);
    await new Promise((r) => setTimeout(r, 20));
    const again = await as(applicant).post(`/api/applications/${app.id}/submit`).expect(200);
    expect(again.body.submittedAt).toBe(first.body.submittedAt);
    const [row] = await api.db.query('SELECT submitted_at FROM applications WHERE id = $1', [app.id]);
    expect(row.submitted_at.toISOString()).toBe(first.body.submittedAt);
    const [version] = await api.db.query('SELECT submitted_at FROM application_versions WHERE application_id = $1', [app.id]);
    expect(version.submitted_at.toISOString()).toBe(first.body.submittedAt);
  });

  it('keeps every submitted version; edits after submit stay pending until re-submitted', async () => {
    const app = await draftApplication(api, applicant.token, callId);
    await as(applicant).post(`/api/applications/${app.id}/submit`).expect(200);
    const edited = await as(applicant).patch(`/api/applications/${app.id}`, { version: 1, summary: 'Tarkennettu tiivistelmä' }).expect(200);
    expect(edited.body).toMatchObject({ status: 'submitted', version: 2, submittedVersion: 1, hasUnsubmittedChanges: true });
    const again = await as(applicant).post(`/api/applications/${app.id}/submit`).expect(200);
    expect(again.body).toMatchObject({ submittedVersion: 2, hasUnsubmittedChanges: false });
    expect(new Date(again.body.firstSubmittedAt).getTime()).toBeLessThan(new Date(again.body.submittedAt).getTime());

    const versions = await as(admin).get(`/api/applications/${app.id}/versions`).expect(200);
    expect(versions.body.map((v: { version: number; content: { summary: string } }) => [v.version, v.content.summary])).toEqual([
      [1, applicationBody().summary],
      [2, 'Tarkennettu tiivistelmä'],
    ]);
    await as(memberUser).get(`/api/applications/${app.id}/versions`).expect(404);
  });

  it('withdraws, after which the applicant cannot submit it', async () => {
    const app = await draftApplication(api, applicant.token, callId);
    await as(applicant).post(`/api/applications/${app.id}/submit`).expect(200);
    const res = await as(applicant).post(`/api/applications/${app.id}/withdraw`).expect(200);
    expect(res.body.status).toBe('withdrawn');
    const again = await as(applicant).post(`/api/applications/${app.id}/submit`).expect(409);
    expect(again.body.code).toBe('INVALID_STATE');
  });

  it('scopes reading to the lead and member organisations and admins', async () => {
    const app = await draftApplication(api, applicant.token, callId, { memberOrganizationIds: [member.id] });
    await draftApplication(api, outsiderUser.token, callId);
    await as(applicant).get(`/api/applications/${app.id}`).expect(200);
    await as(memberUser).get(`/api/applications/${app.id}`).expect(200);
    await as(admin).get(`/api/applications/${app.id}`).expect(200);
    const hidden = await as(outsiderUser).get(`/api/applications/${app.id}`).expect(404);
    expect(hidden.body.code).toBe('NOT_FOUND');

    const mine = await as(applicant).get(`/api/applications?callId=${callId}`).expect(200);
    expect(mine.body.map((a: { id: string }) => a.id)).toEqual([app.id]);
    const theirs = await as(outsiderUser).get('/api/applications').expect(200);
    expect(theirs.body).toHaveLength(1);
    expect(theirs.body[0].id).not.toBe(app.id);
    const all = await as(admin).get(`/api/applications?callId=${callId}&status=draft`).expect(200);
    expect(all.body).toHaveLength(2);
  });

  it('lets only the lead organisation’s applicants change an application', async () => {
    const app = await draftApplication(api, applicant.token, callId, { memberOrganizationIds: [member.id] });
    const asMember = await as(memberUser).patch(`/api/applications/${app.id}`, { version: 1, title: 'Kaappaus' }).expect(403);
    expect(asMember.body.code).toBe('FORBIDDEN');
    await as(outsiderUser).post(`/api/applications/${app.id}/submit`).expect(404);
    await as(admin).post(`/api/applications/${app.id}/withdraw`).expect(403);
    const [row] = await api.db.query('SELECT title, status FROM applications WHERE id = $1', [app.id]);
    expect(row).toEqual({ title: applicationBody().title, status: 'draft' });
  });

  it('refuses unknown fields and malformed ids', async () => {
    const app = await draftApplication(api, applicant.token, callId);
    const res = await as(applicant).patch(`/api/applications/${app.id}`, { version: 1, status: 'funded' }).expect(400);
    expect(res.body.errors).toEqual([{ field: 'status', message: 'property status should not exist' }]);
    await as(applicant).get('/api/applications/not-a-uuid').expect(400);
    await as(applicant).get('/api/applications?status=bogus').expect(400);
  });
});
