import { INestApplicationContext } from '@nestjs/common';
import createClient, { Client } from 'openapi-fetch';
import type { components, paths } from '../../web/src/api/schema';
import { uniqueBusinessId } from '../factories/identity.factory';
import { resetDatabase, startTestApi, TestApi } from '../helpers/api';
import { startTestWorker, waitFor } from '../helpers/worker';

/** JSON answers: routes that also give CSV or XLSX (by Accept) keep their JSON type. */
type Api = Client<paths, 'application/json' | 'application/problem+json'>;
type CallBody = components['schemas']['CreateCallDto'];
type ApplicationBody = components['schemas']['CreateApplicationDto'];
type Role = components['schemas']['CreateUserDto']['roles'][number];
type ReportParams = paths['/api/network-projects/{id}/reports/{type}']['post']['parameters'];

/** The data of a successful answer; a failure throws with its problem+json. */
function ok<T>(result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data === undefined) throw new Error(`${result.response.status} ${JSON.stringify(result.error)}`);
  return result.data;
}

const PASSWORD = 'password-123';

const APPLICATION: ApplicationBody = {
  category: 'network_project',
  title: 'Kumppanuuksien johtaminen Varsinais-Suomessa',
  summary: 'Alueellinen verkostohanke: työelämä, opiskelijat ja kolmas sektori mukana johtamisen kehittämisessä.',
  requestedAmount: 60_000_000,
  selfFinancingAmount: 10_000_000,
  projectStart: '2019-01-01',
  projectEnd: '2020-12-31',
  partners: [{ name: 'Meyer Turku Oy', kind: 'working_life' }],
  budget: [{ item: 'Henkilöstökulut', amount: 70_000_000 }],
};

/**
 * The web UI's and the agencies' client, generated from the OpenAPI document (web/src/api/schema.d.ts),
 * driving each role's main flow against the real API: every request and answer below is type-checked
 * by `tsc` under `strict` against the document, with no cast. A document that lies about a shape fails
 * here at run time; one that loses a shape fails the type check.
 */
describe('the typed client generated from the OpenAPI document', () => {
  let api: TestApi;
  let worker: INestApplicationContext;
  let baseUrl: string;
  let admin: Api;

  const client = (token?: string): Api =>
    createClient<paths, 'application/json' | 'application/problem+json'>({
      baseUrl,
      headers: token ? { authorization: `Bearer ${token}` } : {},
    });

  async function signIn(email: string, password: string): Promise<Api> {
    const session = ok(await client().POST('/api/auth/login', { body: { email, password } }));
    return client(session.accessToken);
  }

  async function organisation(name: string): Promise<string> {
    const org = ok(await admin.POST('/api/organizations', { body: { name, businessId: uniqueBusinessId(), kind: 'education_provider' } }));
    return org.id;
  }

  async function user(organizationId: string, role: Role, email: string): Promise<Api> {
    ok(await admin.POST('/api/users', { body: { email, name: email, password: PASSWORD, roles: [role], organizationId } }));
    return signIn(email, PASSWORD);
  }

  beforeAll(async () => {
    api = await startTestApi();
    await api.app.listen(0, '127.0.0.1');
    baseUrl = await api.app.getUrl();
    worker = await startTestWorker();
    await resetDatabase(api);
    admin = await signIn(process.env.ADMIN_EMAIL ?? '', process.env.ADMIN_PASSWORD ?? '');
  });

  afterAll(async () => {
    await worker.close();
    await api.close();
  });

  it('reads the public health check without a token', async () => {
    const health = ok(await client().GET('/api/health'));
    expect(health).toMatchObject({ status: 'ok', error: {}, details: { postgres: { status: 'up' }, redis: { status: 'up' } } });
    expect(health.info).toEqual(health.details);
    expect(Number.isInteger(health.details.postgres.responseTime)).toBe(true);
  });

  it('drives applicant, reviewer, admin, lead and coordinator through a call, and reads the problems’ codes', async () => {
    const leadOrg = await organisation('Turun ammatti-instituutti');
    const coordinatorOrg = await organisation('Koulutuskeskus Salpaus');
    const reviewerOrg = await organisation('Opetushallitus');
    const applicant = await user(leadOrg, 'applicant', 'hakija@typed.test');
    const coordinatorApplicant = await user(coordinatorOrg, 'applicant', 'koordinaatiohakija@typed.test');
    const coordinator = await user(coordinatorOrg, 'coordinator', 'koordinaattori@typed.test');
    const reviewer = await user(reviewerOrg, 'reviewer', 'arvioija@typed.test');
    const reviewerId = ok(await reviewer.GET('/api/auth/me')).id;

    // Admin: a call closing in a few seconds.
    const call: CallBody = {
      title: { fi: 'Osaamisperusteisuuden, asiakkuuksien ja kumppanuuksien johtaminen' },
      description: { fi: 'Valtionavustus verkostohankkeisiin.' },
      opensAt: new Date(Date.now() - 60_000).toISOString(),
      closesAt: new Date(Date.now() + 4_000).toISOString(),
      totalBudget: 400_000_000,
      categories: [
        { key: 'network_project', title: 'Alueellinen verkostohanke', maxFunded: 6 },
        { key: 'coordination', title: 'Koordinaatio', maxFunded: 1 },
      ],
      criteria: [
        { key: 'competence_based', title: 'Osaamisperusteisuuden johtaminen', weight: 3, maxScore: 5 },
        { key: 'partnerships', title: 'Kumppanuudet', weight: 2, maxScore: 5 },
      ],
      reviewsPerApplication: 1,
      eligibleKinds: ['education_provider'],
      reportsDue: [
        { type: 'interim', dueAt: new Date(Date.now() + 30 * 86_400_000).toISOString() },
        { type: 'final', dueAt: new Date(Date.now() + 730 * 86_400_000).toISOString() },
      ],
    };
    const draft = ok(await admin.POST('/api/calls', { body: call }));
    expect(draft.status).toBe('draft');
    const params = { path: { id: draft.id } };
    const published = ok(await admin.POST('/api/calls/{id}/publish', { params }));
    expect(published.phase).toBe('open');

    // Applicant: a refused body names its field; then an application is created, edited and submitted.
    const invalid = await applicant.POST('/api/calls/{id}/applications', { params, body: { ...APPLICATION, title: 'x'.repeat(501) } });
    expect(invalid.response.status).toBe(400);
    expect(invalid.error?.code).toBe('VALIDATION_FAILED');
    expect(invalid.error?.errors?.map((e) => e.field)).toEqual(['title']);
    const created = ok(await applicant.POST('/api/calls/{id}/applications', { params, body: APPLICATION }));
    expect(created).toMatchObject({ status: 'draft', leadOrganizationId: leadOrg, version: 1 });
    const application = { path: { id: created.id } };
    const edited = ok(
      await applicant.PATCH('/api/applications/{id}', { params: application, body: { version: created.version, title: 'Uusi nimi' } }),
    );
    const stale = await applicant.PATCH('/api/applications/{id}', {
      params: application,
      body: { version: created.version, title: 'Vanha' },
    });
    expect(stale.error?.code).toBe('VERSION_CONFLICT');
    const submitted = ok(await applicant.POST('/api/applications/{id}/submit', { params: application }));
    expect(submitted.status).toBe('submitted');
    expect(submitted.version).toBe(edited.version);
    const coordination = ok(
      await coordinatorApplicant.POST('/api/calls/{id}/applications', { params, body: { ...APPLICATION, category: 'coordination' } }),
    );
    ok(await coordinatorApplicant.POST('/api/applications/{id}/submit', { params: { path: { id: coordination.id } } }));

    // At the deadline: an edit is refused with CALL_CLOSED, and the closing job puts both in review.
    await waitFor('the call to close', async () => ok(await admin.GET('/api/calls/{id}', { params })).phase === 'closed', 15_000);
    const late = await applicant.PATCH('/api/applications/{id}', {
      params: application,
      body: { version: submitted.version, title: 'Myöhässä' },
    });
    expect(late.response.status).toBe(409);
    expect(late.error?.code).toBe('CALL_CLOSED');
    await waitFor('review', async () => ok(await admin.GET('/api/applications/{id}', { params: application })).status === 'in_review');

    // Reviewer: assigned, saves scores (criterion key → integer), submits.
    ok(await admin.POST('/api/calls/{id}/assignments', { params, body: { applicationId: created.id, reviewerId } }));
    const mine = ok(await reviewer.GET('/api/reviews'));
    expect(mine.map((a) => [a.applicationId, a.reviewStatus])).toEqual([[created.id, 'not_started']]);
    const scores: Record<string, number> = { competence_based: 4, partnerships: 5 };
    const saved = ok(
      await reviewer.PUT('/api/applications/{id}/review', { params: application, body: { scores, comment: 'Vahva verkosto.' } }),
    );
    expect(saved.scores).toEqual(scores);
    const review = ok(await reviewer.POST('/api/applications/{id}/review/submit', { params: application }));
    expect(review.status).toBe('submitted');
    expect(review.weightedScore).toBeCloseTo((((3 * 4) / 5 + (2 * 5) / 5) / 5) * 100);
    const ranking = ok(
      await admin.GET('/api/calls/{id}/ranking', { params: { path: { id: draft.id }, query: { category: 'network_project' } } }),
    );
    expect(ranking.map((r) => [r.applicationId, r.rank, r.reviewCount])).toEqual([[created.id, 1, 1]]);

    // Officer (admin): funding decisions within the caps, then published.
    const funded = ok(
      await admin.POST('/api/applications/{id}/decision', {
        params: application,
        body: { outcome: 'funded', grantedAmount: 50_000_000, rationale: 'Vahva alueellinen verkosto.' },
      }),
    );
    expect(funded).toMatchObject({ outcome: 'funded', grantedAmount: 50_000_000 });
    ok(
      await admin.POST('/api/applications/{id}/decision', {
        params: { path: { id: coordination.id } },
        body: { outcome: 'funded', grantedAmount: 10_000_000, rationale: 'Koordinaatio.' },
      }),
    );
    const publication = ok(await admin.POST('/api/calls/{id}/decisions/publish', { params }));
    expect(publication).toMatchObject({ funded: 2, rejected: 0 });

    // Lead: the project owes its reports; the interim report goes in, with an attachment.
    const project = await waitFor('the network project', async () =>
      ok(await applicant.GET('/api/network-projects', { params: { query: { callId: draft.id } } })).find(
        // Without joinable=true the list is of ProjectView; the union narrows on its own field.
        (p) => 'applicationId' in p && p.applicationId === created.id,
      ),
    );
    expect(project).toMatchObject({ coordinatorOrganizationId: coordinatorOrg, periodStart: '2019-01-01', periodEnd: '2020-12-31' });
    const detail = ok(await applicant.GET('/api/network-projects/{id}', { params: { path: { id: project.id } } }));
    expect(detail.reports.map((r) => [r.type, r.status])).toEqual([
      ['interim', 'due'],
      ['final', 'due'],
    ]);
    const interim: ReportParams = { path: { id: project.id, type: 'interim' } };
    const content: Record<string, string> = { summary: 'Hanke eteni suunnitellusti.', results: 'Kolme toimintamallia pilotoitu.' };
    const report = ok(await applicant.POST('/api/network-projects/{id}/reports/{type}', { params: interim, body: { content } }));
    expect(report.status).toBe('submitted');
    expect(report.content).toEqual(content);
    const attached = ok(
      await applicant.POST('/api/network-projects/{id}/reports/{type}/attachment', {
        params: interim,
        body: { file: 'Väliraportin liite' },
        bodySerializer: (body) => {
          const form = new FormData();
          form.append('file', new Blob([body.file], { type: 'text/plain' }), 'liite.txt');
          return form;
        },
      }),
    );
    expect(attached.attachmentName).toBe('liite.txt');

    // Coordinator: accepts the report and sees it in the call's overview.
    const accepted = ok(
      await coordinator.POST('/api/network-projects/{id}/reports/{type}/review', { params: interim, body: { outcome: 'accepted' } }),
    );
    expect(accepted.status).toBe('accepted');
    const overview = ok(await coordinator.GET('/api/calls/{id}/coordination', { params }));
    expect(overview.totals).toMatchObject({ projects: 2, reportsAccepted: 1, grantedAmount: 60_000_000 });
    const refused = await applicant.GET('/api/calls/{id}/coordination', { params });
    expect(refused.response.status).toBe(403);
    expect(refused.error?.code).toBe('FORBIDDEN');
  }, 60_000);
});
