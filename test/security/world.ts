import { randomUUID } from 'node:crypto';
import type { Role } from '../../src/common/auth';
import { applicationBody, callBody, openCall } from '../factories/call.factory';
import { adminToken, createOrg, createUser, OrgFixture, uniqueBusinessId, UserFixture } from '../factories/identity.factory';
import { resetDatabase, TestApi } from '../helpers/api';
import { startTestWorker, waitFor } from '../helpers/worker';
import { send } from './support';

/** The password the identity factory gives every user it creates. */
export const FACTORY_PASSWORD = 'password-123';

const CRITERIA = ['competence_based', 'customers', 'partnerships', 'network'];
const scores = (value: number) => Object.fromEntries(CRITERIA.map((k) => [k, value]));
const DAY = 86_400_000;

/**
 * A realistic world, built through the API as the e2e suites build theirs: a closed call whose
 * applications were reviewed, funded and published into network projects (with a report, an
 * attachment, a practice, a pending join request and notifications), and four outsiders — one
 * user per role, each in an organisation of its own that takes part in none of it.
 */
export interface World {
  /** Token of the bootstrap admin, who built everything. */
  admin: string;
  /** Written into the title, summary, partners and budget of the lead organisation's application. */
  secret: string;
  orgs: { lead: OrgFixture; member: OrgFixture; coordinating: OrgFixture; joining: OrgFixture; agency: OrgFixture };
  /** Applicant of the lead organisation: led the funded application, leads its network project. */
  lead: UserFixture;
  /** Coordinator of the organisation whose coordination application was funded: the call's coordinator. */
  coordinator: UserFixture;
  /** The reviewer assigned to every application (submitted reviews in the closed call, none yet in the review call). */
  reviewer: UserFixture;
  /** One user per role, each in an organisation of its own, an outsider to every resource above. */
  outsiders: Record<Role, UserFixture>;

  /** Closed, reviewed, decided and published. */
  closedCall: string;
  /** The lead organisation's funded network-project application in the closed call. */
  application: string;
  /** Its network project (lead: orgs.lead, member: orgs.member, coordinator organisation: orgs.coordinating). */
  project: string;
  /** A pending join request of orgs.joining to the project. */
  joinRequest: string;
  /** A practice card of orgs.lead in the project. */
  practice: string;
  /** A notification addressed to orgs.lead. */
  notification: string;

  /** Open for three more weeks, with a draft of the lead organisation. */
  openCall: string;
  draftApplication: string;
  /** An unpublished call. */
  draftCall: string;
  /** Closed, with an application of orgs.joining in review, assigned to the reviewer, undecided. */
  reviewCall: string;
  inReviewApplication: string;
}

export interface WorldOptions {
  /** Title of the lead organisation's application (and so of its network project). */
  leadTitle?: string;
}

export async function buildWorld(api: TestApi, options: WorldOptions = {}): Promise<World> {
  const worker = await startTestWorker();
  try {
    return await build(api, options);
  } finally {
    // Nothing may write in the background once the world stands: the suites fingerprint the database.
    await worker.close();
  }
}

async function build(api: TestApi, options: WorldOptions): Promise<World> {
  await resetDatabase(api);
  const admin = await adminToken(api);
  const as = (token: string) => ({
    get: (url: string) => api.http().get(url).set('authorization', `Bearer ${token}`),
    post: (url: string, body: object = {}) => api.http().post(url).set('authorization', `Bearer ${token}`).send(body),
    put: (url: string, body: object) => api.http().put(url).set('authorization', `Bearer ${token}`).send(body),
  });
  const secret = `SALAINEN-${randomUUID()}`;

  const orgs = {
    lead: await createOrg(api, admin, { name: 'Turun ammatti-instituutti', municipality: 'Turku' }),
    member: await createOrg(api, admin, { name: 'Turun kaupunki', kind: 'municipality', municipality: 'Turku' }),
    coordinating: await createOrg(api, admin, { name: 'Koulutuskeskus Salpaus', municipality: 'Lahti' }),
    joining: await createOrg(api, admin, { name: 'Yrkesinstitutet Prakticum', language: 'sv', municipality: 'Helsingfors' }),
    agency: await createOrg(api, admin, { name: 'Opetushallitus', kind: 'authority', municipality: 'Helsinki' }),
  };
  const lead = await createUser(api, admin, orgs.lead.id, ['applicant']);
  const coordinatingApplicant = await createUser(api, admin, orgs.coordinating.id, ['applicant']);
  const coordinator = await createUser(api, admin, orgs.coordinating.id, ['coordinator']);
  const joiningApplicant = await createUser(api, admin, orgs.joining.id, ['applicant']);
  const reviewer = await createUser(api, admin, orgs.agency.id, ['reviewer']);
  const outsiders: Record<Role, UserFixture> = {
    admin: await createUser(api, admin, (await createOrg(api, admin, { name: 'Valtiokonttori', kind: 'authority' })).id, ['admin']),
    reviewer: await createUser(api, admin, (await createOrg(api, admin, { name: 'Suomen Kuntaliitto ry', kind: 'third_sector' })).id, [
      'reviewer',
    ]),
    applicant: await createUser(api, admin, (await createOrg(api, admin, { name: 'Stadin ammatti- ja aikuisopisto' })).id, ['applicant']),
    coordinator: await createUser(api, admin, (await createOrg(api, admin, { name: 'Koulutuskuntayhtymä Gradia' })).id, ['coordinator']),
  };

  // Two calls closing a few seconds from now: the one that gets decided, and one left in review.
  const closesInMs = 4_000;
  const closedCall = (
    await openCall(api, admin, closesInMs, {
      reviewsPerApplication: 1,
      reportsDue: [
        { type: 'interim', dueAt: new Date(Date.now() + 30 * DAY).toISOString() },
        { type: 'final', dueAt: new Date(Date.now() + 730 * DAY).toISOString() },
      ],
    })
  ).id;
  const reviewCall = (await openCall(api, admin, closesInMs, { reviewsPerApplication: 1 })).id;
  const submit = async (token: string, callId: string, body: Record<string, unknown>) => {
    const created = await as(token).post(`/api/calls/${callId}/applications`, applicationBody(body)).expect(201);
    await as(token).post(`/api/applications/${created.body.id}/submit`).expect(200);
    return created.body.id as string;
  };
  const application = await submit(lead.token, closedCall, {
    title: options.leadTitle ?? `Kumppanuuksien johtaminen Varsinais-Suomessa ${secret}`,
    summary: `Luottamuksellinen tiivistelmä ${secret}`,
    memberOrganizationIds: [orgs.member.id],
    partners: [{ name: `Meyer Turku Oy ${secret}`, kind: 'working_life' }],
    budget: [
      { item: `Henkilöstökulut ${secret}`, amount: 50_000_000 },
      { item: 'Matkat', amount: 20_000_000 },
    ],
  });
  const coordinationApplication = await submit(coordinatingApplicant.token, closedCall, {
    category: 'coordination',
    title: 'Verkostohankkeiden koordinaatio',
  });
  const inReviewApplication = await submit(joiningApplicant.token, reviewCall, { title: 'Nätverksprojekt i Nyland' });

  const openCallId = (await openCall(api, admin, 21 * DAY)).id;
  const draftApplication = (await as(lead.token).post(`/api/calls/${openCallId}/applications`, applicationBody()).expect(201)).body
    .id as string;
  const draftCall = (await as(admin).post('/api/calls', callBody()).expect(201)).body.id as string;

  for (const callId of [closedCall, reviewCall]) {
    await waitFor(
      'the call to close',
      async () => (await api.db.query('SELECT closed_at FROM calls WHERE id = $1', [callId]))[0].closed_at,
      15_000,
    );
  }

  for (const [callId, applicationId] of [
    [closedCall, application],
    [closedCall, coordinationApplication],
    [reviewCall, inReviewApplication],
  ]) {
    await as(admin).post(`/api/calls/${callId}/assignments`, { applicationId, reviewerId: reviewer.id }).expect(201);
  }
  for (const applicationId of [application, coordinationApplication]) {
    await as(reviewer.token)
      .put(`/api/applications/${applicationId}/review`, { scores: scores(4), comment: 'Hyvä.' })
      .expect(200);
    await as(reviewer.token).post(`/api/applications/${applicationId}/review/submit`).expect(200);
  }
  await as(admin)
    .post(`/api/applications/${application}/decision`, { outcome: 'funded', grantedAmount: 50_000_000, rationale: 'Rahoitetaan.' })
    .expect(200);
  await as(admin)
    .post(`/api/applications/${coordinationApplication}/decision`, {
      outcome: 'funded',
      grantedAmount: 30_000_000,
      rationale: 'Koordinaattori.',
    })
    .expect(200);
  await as(admin).post(`/api/calls/${closedCall}/decisions/publish`).expect(200);
  const projects: { id: string; applicationId: string }[] = await waitFor(
    'the network projects',
    async () => {
      const res = await as(admin).get(`/api/network-projects?callId=${closedCall}`).expect(200);
      return res.body.length === 2 ? res.body : undefined;
    },
    15_000,
  );
  const project = (projects.find((p) => p.applicationId === application) as { id: string }).id;

  await as(lead.token)
    .post(`/api/network-projects/${project}/reports/interim`, { content: { summary: 'Hanke eteni suunnitellusti.' } })
    .expect(200);
  await send(api, {
    method: 'post',
    url: `/api/network-projects/${project}/reports/interim/attachment`,
    token: lead.token,
    multipart: true,
  }).then((res) => expect(res.status).toBe(200));
  const practice = (await as(lead.token).post(`/api/network-projects/${project}/practices`, PRACTICE).expect(201)).body.id as string;
  const joinRequest = (
    await as(joiningApplicant.token)
      .post(`/api/network-projects/${project}/join-requests`, { message: 'Vi vill gärna vara med.' })
      .expect(201)
  ).body.id as string;
  const notification = await waitFor('a notification to the lead organisation', async () => {
    const res = await as(lead.token).get('/api/notifications').expect(200);
    return (res.body as { id: string }[])[0]?.id;
  });

  return {
    admin,
    secret,
    orgs,
    lead,
    coordinator,
    reviewer,
    outsiders,
    closedCall,
    application,
    project,
    joinRequest,
    practice,
    notification,
    openCall: openCallId,
    draftApplication,
    draftCall,
    reviewCall,
    inReviewApplication,
  };
}

/** The Turku practice card of seeds/004, shortened. */
export const PRACTICE = {
  title: 'Työelämäkumppanuuksien kehittäminen eri tasoilla',
  partnershipLevel: 'strategic',
  needs: 'Mallia työelämäyhteistyölle, jossa tunnistetaan eritasoiset työelämän tarpeet.',
  solution: 'Työpajoja: arjen kumppanuus, kehittämiskumppanuus ja strateginen kumppanuus.',
  results: 'Mallia on levitetty uusille aloille.',
  status: 'completed',
  contacts: [{ name: 'Päivi Lehtinen', title: 'rehtori', email: 'paivi.lehtinen@turku.example' }],
};

/** Path parameters pointing at the world's resources: the call, application, project … a route's `{id}` names by its path. */
export function worldParams(world: World, path: string, overrides: Record<string, string> = {}): Record<string, string | undefined> {
  const byPrefix: [string, string][] = [
    ['/api/calls/', world.closedCall],
    ['/api/applications/', world.application],
    ['/api/network-projects/', world.project],
    ['/api/practices/', world.practice],
    ['/api/organizations/', world.orgs.lead.id],
    ['/api/notifications/', world.notification],
    // An outsider no other check signs in as anything else: a name change ends no session.
    ['/api/users/', world.outsiders.coordinator.id],
  ];
  return {
    id: byPrefix.find(([prefix]) => path.startsWith(prefix))?.[1],
    reviewerId: world.reviewer.id,
    rid: world.joinRequest,
    type: 'interim',
    ...overrides,
  };
}

/**
 * A minimal valid body for every route that takes one, keyed `METHOD path`. A route with a body
 * and no entry here makes the suites that use it fail, so a new route gets a sample when it is added.
 */
export const SAMPLE_BODIES: Record<string, (w: World) => unknown> = {
  'POST /api/auth/login': (w) => ({ email: w.lead.email, password: FACTORY_PASSWORD }),
  'PATCH /api/auth/me': () => ({ language: 'fi' }),
  // The current password is wrong on purpose: changing the callers' passwords would lock the suites out.
  'POST /api/auth/password': () => ({ currentPassword: 'not-the-password', newPassword: 'Hevonen-Kirja-Sininen-77' }),
  'POST /api/auth/password-reset': () => ({ email: 'nobody@avustus.test' }),
  'POST /api/auth/password-reset/confirm': () => ({ token: 'not-a-reset-token', newPassword: 'Hevonen-Kirja-Sininen-77' }),
  'PATCH /api/users/{id}': () => ({ name: 'Outi Ulkopuolinen' }),
  'PATCH /api/organizations/{id}': () => ({ iban: 'FI21 1234 5600 0007 85', bic: 'NDEAFIHH' }),
  'POST /api/organizations': () => ({
    name: 'Keski-Pohjanmaan koulutusyhtymä',
    businessId: uniqueBusinessId(),
    kind: 'education_provider',
  }),
  'POST /api/users': (w) => ({
    email: `uusi-${randomUUID()}@avustus.test`,
    name: 'Uusi Käyttäjä',
    password: 'uusi-salasana-123',
    roles: ['applicant'],
    organizationId: w.orgs.lead.id,
  }),
  'POST /api/calls': () => callBody(),
  'PATCH /api/calls/{id}': () => ({ closesAt: new Date(Date.now() + 60 * DAY).toISOString() }),
  'POST /api/calls/{id}/applications': () => applicationBody(),
  'PATCH /api/applications/{id}': () => ({ version: 1, title: 'Uusi otsikko' }),
  'POST /api/calls/{id}/assignments': (w) => ({ applicationId: w.application, reviewerId: w.reviewer.id }),
  'PUT /api/applications/{id}/review': () => ({ scores: scores(3), comment: 'Selkeä suunnitelma.' }),
  'POST /api/applications/{id}/conflict': () => ({ reason: 'Entinen työnantaja.' }),
  'POST /api/applications/{id}/decision': () => ({ outcome: 'rejected', rationale: 'Muita heikompi.' }),
  'POST /api/applications/{id}/decision-documents': () => ({ reason: 'Kirjoitusvirhe korjattu.' }),
  'POST /api/applications/{id}/grant/refuse': () => ({ reason: 'Hankkeen kumppanit vetäytyivät.' }),
  'POST /api/network-projects/{id}/join-requests': () => ({ message: 'Haluamme mukaan.' }),
  'POST /api/network-projects/{id}/reports/{type}': () => ({ content: { summary: 'Väliselvitys.' } }),
  'PATCH /api/network-projects/{id}/reports/{type}': () => ({ dueAt: new Date(Date.now() + 45 * DAY).toISOString() }),
  'POST /api/network-projects/{id}/reports/{type}/review': () => ({ outcome: 'returned', comment: 'Täydennä tuloksia.' }),
  'POST /api/network-projects/{id}/practices': () => PRACTICE,
  'PATCH /api/practices/{id}': () => ({ status: 'completed' }),
  'POST /api/calls/{id}/announcements': () => ({ subject: 'Verkostotapaaminen 12.3.', body: 'Tervetuloa Lahteen.' }),
};

/** The routes whose body is a file upload (multipart/form-data), not JSON. */
export const MULTIPART_ROUTES = new Set(['POST /api/network-projects/{id}/reports/{type}/attachment']);
