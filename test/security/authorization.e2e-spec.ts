import { JwtService } from '@nestjs/jwt';
import { createHmac, generateKeyPairSync } from 'node:crypto';
import { Role, ROLES } from '../../src/common/auth';
import { startTestApi, TestApi } from '../helpers/api';
import {
  fillPath,
  Fingerprint,
  freshSuiteStores,
  isolateSuite,
  openApiRoutes,
  problemFault,
  registeredRoutes,
  Route,
  send,
  short,
} from './support';
import { login } from '../factories/identity.factory';
import { buildWorld, FACTORY_PASSWORD, MULTIPART_ROUTES, SAMPLE_BODIES, World, worldParams } from './world';

isolateSuite('authz');

/** Statuses a role may get from a route. */
type Cell = readonly number[];
type Rule = Record<Role, Cell>;

const FORBIDDEN: Cell = [403];
const HIDDEN: Cell = [404];

const everyone = (...statuses: number[]): Rule => ({ admin: statuses, reviewer: statuses, applicant: statuses, coordinator: statuses });
/** The roles named get what is given; every other role must be refused (403 unless said otherwise). */
const onlyFor = (granted: Partial<Rule>, others: Cell = FORBIDDEN): Rule => ({ ...everyone(...others), ...granted });

/**
 * What each role gets from each route when every path parameter points at a resource of an
 * organisation the caller has nothing to do with (see World: a closed, decided call; the lead
 * organisation's funded application and its network project, report, attachment, practice, join
 * request and notification). A route served but missing here fails the suite, so a new route
 * cannot go out without someone deciding who may call it.
 *
 * Allowed 4xx below are the business answers of a legitimate role (the call has closed, the
 * decisions are published), never 401/403.
 */
const RULES: Record<string, Rule> = {
  'GET /api/health': everyone(200),
  'POST /api/auth/login': everyone(200),
  'GET /api/auth/me': everyone(200),
  'PATCH /api/auth/me': everyone(200),
  'POST /api/auth/logout': everyone(204), // each role signs in again right after (see below)
  'POST /api/auth/password': everyone(400), // the sample's current password is wrong
  'POST /api/auth/password-reset': everyone(202),
  'POST /api/auth/password-reset/confirm': everyone(400), // not a reset token
  'PATCH /api/users/{id}': onlyFor({ admin: [200] }),
  'PATCH /api/organizations/{id}': onlyFor({ admin: [200] }), // another organisation's bank details: admins only
  'POST /api/organizations': onlyFor({ admin: [201] }),
  'GET /api/organizations': everyone(200),
  'GET /api/organizations/{id}': everyone(200),
  'POST /api/users': onlyFor({ admin: [201] }),
  'GET /api/users': onlyFor({ admin: [200] }),

  'POST /api/calls': onlyFor({ admin: [201] }),
  'GET /api/calls': everyone(200),
  'PATCH /api/calls/{id}': onlyFor({ admin: [409] }), // CALL_CLOSED
  'GET /api/calls/{id}': everyone(200),
  'POST /api/calls/{id}/publish': onlyFor({ admin: [200] }), // idempotent

  'POST /api/calls/{id}/applications': onlyFor({ applicant: [409] }), // CALL_CLOSED
  'PATCH /api/applications/{id}': onlyFor({ applicant: HIDDEN }),
  'GET /api/applications/{id}': onlyFor({ admin: [200] }, HIDDEN),
  'POST /api/applications/{id}/submit': onlyFor({ applicant: HIDDEN }),
  'POST /api/applications/{id}/withdraw': onlyFor({ applicant: HIDDEN }),
  'GET /api/applications': everyone(200),
  'GET /api/applications/{id}/versions': onlyFor({ admin: [200] }, HIDDEN),

  'GET /api/notifications': everyone(200),
  'POST /api/notifications/{id}/read': everyone(404),

  'POST /api/calls/{id}/assignments': onlyFor({ admin: [409] }), // the application is no longer in review
  'POST /api/calls/{id}/assignments/auto': onlyFor({ admin: [200] }),
  'GET /api/calls/{id}/assignments': onlyFor({ admin: [200] }),
  'GET /api/reviews': onlyFor({ reviewer: [200] }),
  'PUT /api/applications/{id}/review': onlyFor({}), // a reviewer who is not assigned: 403 too
  'POST /api/applications/{id}/review/submit': onlyFor({}),
  'POST /api/applications/{id}/conflict': onlyFor({}),
  'GET /api/applications/{id}/reviews': onlyFor({ admin: [200], reviewer: HIDDEN }),
  'POST /api/applications/{id}/reviews/{reviewerId}/reopen': onlyFor({ admin: [200] }),
  'GET /api/calls/{id}/ranking': onlyFor({ admin: [200] }),

  'POST /api/applications/{id}/decision': onlyFor({ admin: [409] }), // decisions published
  'GET /api/calls/{id}/decisions': onlyFor({ admin: [200] }),
  'GET /api/calls/{id}/funding-proposal': onlyFor({ admin: [200] }),
  'POST /api/calls/{id}/decisions/publish': onlyFor({ admin: [200] }), // idempotent
  // Decision documents: the application's organisations and officers; the world's callers belong to neither (404, as for the application).
  'GET /api/applications/{id}/decision': onlyFor({ admin: [200] }, HIDDEN),
  'GET /api/applications/{id}/decision-documents': onlyFor({ admin: [200] }, HIDDEN),
  'GET /api/applications/{id}/decision-document': onlyFor({ admin: [200] }, HIDDEN),
  'POST /api/applications/{id}/decision-documents': onlyFor({ admin: [201] }), // a correction: the next version
  'GET /api/calls/{id}/decision-documents': onlyFor({ admin: [200] }),
  // Acceptance: applicants of the lead organisation only (the world's applicant sees no such application: 404); the reserve: officers.
  'POST /api/applications/{id}/grant/accept': onlyFor({ applicant: HIDDEN }),
  'POST /api/applications/{id}/grant/refuse': onlyFor({ applicant: HIDDEN }),
  'GET /api/calls/{id}/reserve': onlyFor({ admin: [200] }),

  'GET /api/network-projects': everyone(200),
  'GET /api/network-projects/{id}': onlyFor({ admin: [200] }),
  // Any organisation may ask to join a running project (SPEC §7); 409 once the admin has completed it.
  'POST /api/network-projects/{id}/join-requests': onlyFor({ applicant: [201, 409] }),
  'GET /api/network-projects/{id}/join-requests': onlyFor({ admin: [200] }),
  'POST /api/network-projects/{id}/join-requests/{rid}/approve': onlyFor({}),
  'POST /api/network-projects/{id}/join-requests/{rid}/decline': onlyFor({}),
  'POST /api/network-projects/{id}/leave': onlyFor({}),
  'POST /api/network-projects/{id}/complete': onlyFor({ admin: [200] }),
  'GET /api/network-projects/{id}/reports/{type}': onlyFor({ admin: [200] }),
  'POST /api/network-projects/{id}/reports/{type}': onlyFor({}),
  'PATCH /api/network-projects/{id}/reports/{type}': onlyFor({ admin: [200] }),
  'POST /api/network-projects/{id}/reports/{type}/attachment': onlyFor({}),
  'GET /api/network-projects/{id}/reports/{type}/attachment': onlyFor({ admin: [200] }),
  'POST /api/network-projects/{id}/reports/{type}/review': onlyFor({ admin: [200] }),
  'POST /api/network-projects/{id}/practices': onlyFor({}), // admins are not a member organisation either
  'PATCH /api/practices/{id}': onlyFor({ admin: [200] }),
  'GET /api/practices/{id}': everyone(200), // practices are public to every signed-in user (SPEC §7)
  'GET /api/practices': everyone(200),
  'GET /api/calls/{id}/coordination': onlyFor({ admin: [200] }),
  'POST /api/calls/{id}/announcements': onlyFor({ admin: [201] }),
};

/** Answer without a token (API.md). Every other route must answer 401. */
const PUBLIC = new Set([
  'GET /api/health',
  'POST /api/auth/login',
  'POST /api/auth/password-reset',
  'POST /api/auth/password-reset/confirm',
]);

describe('security: authorization', () => {
  let api: TestApi;
  let world: World;
  let routes: Route[];
  let fingerprint: Fingerprint;

  const sampleBody = (route: Route): unknown => (route.hasBody ? SAMPLE_BODIES[route.key]?.(world) : undefined);
  const urlOf = (route: Route) => fillPath(route.path, worldParams(world, route.path));

  beforeAll(async () => {
    await freshSuiteStores();
    api = await startTestApi();
    world = await buildWorld(api);
    routes = await openApiRoutes(api);
    fingerprint = await Fingerprint.of(api);
  }, 120_000);
  afterAll(() => api?.close());

  describe('the route table', () => {
    it('has an expectation for every route of the OpenAPI document, and none for a route it does not serve', () => {
      const served = routes.map((r) => r.key);
      expect(served.length).toBeGreaterThan(40);
      expect(served.filter((k) => !RULES[k])).toEqual([]);
      expect(Object.keys(RULES).filter((k) => !served.includes(k))).toEqual([]);
    });

    it('documents every route the server registers, so that none escapes the matrix', () => {
      const registered = registeredRoutes(api);
      expect(registered.length).toBeGreaterThan(40);
      expect(registered.filter((k) => !routes.some((r) => r.key === k))).toEqual([]);
    });

    it('has a sample body for every route that takes a JSON body', () => {
      expect(routes.filter((r) => r.hasBody && !SAMPLE_BODIES[r.key]).map((r) => r.key)).toEqual([]);
    });
  });

  describe('without a valid token', () => {
    const variants: [string, Record<string, string>][] = [
      ['no Authorization header', {}],
      ['an empty bearer token', { authorization: 'Bearer ' }],
      ['another scheme', { authorization: `Basic ${Buffer.from('admin@avustus.test:admin-password').toString('base64')}` }],
      ['a garbage token', { authorization: 'Bearer garbage' }],
    ];

    it.each(variants)(
      'answers 401 UNAUTHENTICATED problem+json on every route but the public ones, with %s; nothing is written',
      async (_, headers) => {
        const before = await fingerprint.take();
        const faults: string[] = [];
        for (const route of routes.filter((r) => !PUBLIC.has(r.key))) {
          const res = await send(api, {
            method: route.method,
            url: urlOf(route),
            headers,
            body: sampleBody(route),
            multipart: MULTIPART_ROUTES.has(route.key),
          });
          const fault =
            res.status === 401 ? (problemFault(res) ?? (res.body.code === 'UNAUTHENTICATED' ? undefined : res.body.code)) : short(res.body);
          if (fault) faults.push(`${route.key} → ${res.status}: ${fault}`);
        }
        expect(faults).toEqual([]);
        expect(Fingerprint.changed(before, await fingerprint.take())).toEqual([]);
      },
    );

    it('answers HEAD on every protected GET route with 401 too', async () => {
      const statuses = await Promise.all(
        routes.filter((r) => r.method === 'get' && !PUBLIC.has(r.key)).map(async (r) => [r.key, (await api.http().head(urlOf(r))).status]),
      );
      expect(statuses.filter(([, status]) => status !== 401)).toEqual([]);
    });

    it('serves no protected route through a variant of its path (trailing slash, doubled slash, other case, encoded letters)', async () => {
      const variants = [
        '/api/users/',
        '/api//users',
        '/api/USERS',
        '/API/users',
        '/api/%75sers',
        '/api/users?',
        '/api/users#x',
        '/api/./users',
      ];
      for (const url of variants) {
        const res = await api.http().get(url);
        expect([url, res.status >= 400 && res.status < 500]).toEqual([url, true]);
        expect(JSON.stringify(res.body)).not.toContain(world.lead.email);
      }
    });

    it('serves the health check, the login and the OpenAPI document and UI without a token', async () => {
      expect((await api.http().get('/api/health')).status).toBe(200);
      await api.http().get('/api/docs-json').expect(200);
      const ui = await api.http().get('/api/docs').redirects(1);
      expect(ui.status).toBe(200);
      expect(ui.headers['content-type']).toMatch(/text\/html/);
      const login = await api
        .http()
        .post('/api/auth/login')
        .send(SAMPLE_BODIES['POST /api/auth/login'](world) as object)
        .expect(200);
      expect(login.body.accessToken).toEqual(expect.any(String));
    });
  });

  describe('for resources of another organisation', () => {
    it('gives each role only what the route table allows, never a 5xx, and a refusal writes nothing', async () => {
      const faults: string[] = [];
      for (const route of routes) {
        const rule = RULES[route.key];
        if (!rule) {
          faults.push(`${route.key}: no expectation in RULES`);
          continue;
        }
        for (const role of ROLES) {
          const before = await fingerprint.take();
          const res = await send(api, {
            method: route.method,
            url: urlOf(route),
            token: world.outsiders[role].token,
            body: sampleBody(route),
            multipart: MULTIPART_ROUTES.has(route.key),
          });
          const where = `${role} ${route.key} → ${res.status}`;
          // Signed out: the rest of the table needs the role signed in again.
          if (route.key === 'POST /api/auth/logout' && res.status === 204) {
            const outsider = world.outsiders[role];
            const ended = await api.http().get('/api/auth/me').set('authorization', `Bearer ${outsider.token}`);
            if (ended.status !== 401) faults.push(`${where}: the signed-out token still answers ${ended.status}`);
            outsider.token = await login(api, outsider.email, FACTORY_PASSWORD);
          }
          if (!rule[role].includes(res.status)) faults.push(`${where}, expected ${rule[role].join(' or ')}: ${short(res.body)}`);
          if (res.status >= 400) {
            const fault = problemFault(res);
            if (fault) faults.push(`${where}: not problem+json (${fault})`);
            if (res.status === 403 && res.body.code !== 'FORBIDDEN') faults.push(`${where}: code ${res.body.code}`);
            if (res.status === 404 && res.body.code !== 'NOT_FOUND') faults.push(`${where}: code ${res.body.code}`);
            const changed = Fingerprint.changed(before, await fingerprint.take());
            if (changed.length > 0) faults.push(`${where}: the refusal changed ${changed.join(', ')}`);
          }
          if (role !== 'admin') {
            const text = res.text ?? JSON.stringify(res.body);
            if (text.includes(world.secret) || text.includes(world.application))
              faults.push(`${where}: shows the other organisation’s application ${short(res.body)}`);
          }
        }
      }
      expect(faults).toEqual([]);
    });

    it('hides another organisation’s application from an applicant: 404 on every read, absent from every list', async () => {
      const outsider = world.outsiders.applicant.token;
      const get = (url: string) => api.http().get(url).set('authorization', `Bearer ${outsider}`);
      for (const url of [`/api/applications/${world.application}`, `/api/applications/${world.application}/versions`]) {
        const res = await get(url).expect(404);
        expect(res.body).toMatchObject({ code: 'NOT_FOUND' });
        expect(res.text).not.toContain(world.secret);
      }
      for (const url of [
        '/api/applications',
        `/api/applications?callId=${world.closedCall}`,
        `/api/applications?callId=${world.closedCall}&status=funded`,
        '/api/network-projects',
        `/api/network-projects?callId=${world.closedCall}`,
        '/api/notifications',
      ]) {
        const res = await get(url).expect(200);
        expect(res.body).toEqual([]);
      }
      const search = await get(`/api/practices?q=${encodeURIComponent(world.secret)}`).expect(200);
      expect(search.text).not.toContain(world.secret);
    });

    it('hides an unpublished call from everyone but admins, and takes no application to it', async () => {
      for (const role of ['reviewer', 'applicant', 'coordinator'] as const) {
        const token = world.outsiders[role].token;
        const one = await api.http().get(`/api/calls/${world.draftCall}`).set('authorization', `Bearer ${token}`).expect(404);
        expect(one.body.code).toBe('NOT_FOUND');
        const all = await api.http().get('/api/calls').set('authorization', `Bearer ${token}`).expect(200);
        expect(all.body.map((c: { id: string }) => c.id)).not.toContain(world.draftCall);
      }
      await api
        .http()
        .post(`/api/calls/${world.draftCall}/applications`)
        .set('authorization', `Bearer ${world.outsiders.applicant.token}`)
        .send(SAMPLE_BODIES['POST /api/calls/{id}/applications'](world) as object)
        .expect(404);
      await api.http().get(`/api/calls/${world.draftCall}`).set('authorization', `Bearer ${world.outsiders.admin.token}`).expect(200);
    });

    it('lets the resources’ own organisations in, so the refusals above come from scoping and not from a broken world', async () => {
      const get = (token: string, url: string) => api.http().get(url).set('authorization', `Bearer ${token}`);
      const own = await get(world.lead.token, `/api/applications/${world.application}`).expect(200);
      expect(own.body.summary).toContain(world.secret);
      await get(world.lead.token, `/api/network-projects/${world.project}`).expect(200);
      await get(world.lead.token, `/api/network-projects/${world.project}/join-requests`).expect(200);
      await get(world.reviewer.token, `/api/applications/${world.application}/reviews`).expect(200);
      await get(world.coordinator.token, `/api/calls/${world.closedCall}/coordination`).expect(200);
      await get(world.coordinator.token, `/api/network-projects/${world.project}/reports/interim/attachment`).expect(200);
      const notes = await get(world.lead.token, '/api/notifications').expect(200);
      expect(notes.body.map((n: { id: string }) => n.id)).toContain(world.notification);
    });
  });

  describe('access tokens', () => {
    const SECRET = process.env.JWT_SECRET as string;
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const hmac = (data: string, key: string, alg = 'sha256') => createHmac(alg, key).update(data).digest('base64url');
    const signHs256 = (payload: object, key = SECRET) => {
      const data = `${b64({ alg: 'HS256', typ: 'JWT' })}.${b64(payload)}`;
      return `${data}.${hmac(data, key)}`;
    };

    /** Forged variants of a real applicant token, each of which must be refused. */
    function forgeries(token: string, adminToken: string): [string, string][] {
      const [h, p, s] = token.split('.');
      const claims = JSON.parse(Buffer.from(p, 'base64url').toString()) as Record<string, unknown>;
      const adminClaims = JSON.parse(Buffer.from(adminToken.split('.')[1], 'base64url').toString()) as Record<string, unknown>;
      const now = Math.floor(Date.now() / 1000);
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const rs256 = new JwtService({ privateKey, signOptions: { algorithm: 'RS256' } }).sign({ ...claims, roles: ['admin'] });
      const hs512Data = `${b64({ alg: 'HS512', typ: 'JWT' })}.${b64({ ...claims, roles: ['admin'] })}`;
      const { sub: _sub, ...noSubject } = claims;
      return [
        ['roles elevated to admin, signature kept', `${h}.${b64({ ...claims, roles: ['admin'] })}.${s}`],
        ['a role added, signature kept', `${h}.${b64({ ...claims, roles: ['applicant', 'coordinator'] })}.${s}`],
        ['organisation switched, signature kept', `${h}.${b64({ ...claims, org: world.orgs.member.id })}.${s}`],
        ['subject switched to the admin, signature kept', `${h}.${b64({ ...claims, sub: adminClaims.sub })}.${s}`],
        ['expiry pushed a year later, signature kept', `${h}.${b64({ ...claims, exp: now + 365 * 86_400 })}.${s}`],
        ['the admin’s signature on the applicant’s payload', `${h}.${p}.${adminToken.split('.')[2]}`],
        ['signature removed', `${h}.${p}.`],
        ['signature truncated', `${h}.${p}.${s.slice(0, -3)}`],
        ['signature of one flipped bit', `${h}.${p}.${s.slice(0, -1)}${s.endsWith('A') ? 'B' : 'A'}`],
        ['expired, signed with the right key', signHs256({ ...claims, iat: now - 7200, exp: now - 10 })],
        ['not valid before an hour from now, signed with the right key', signHs256({ ...claims, nbf: now + 3600 })],
        ['signed with another key', signHs256({ ...claims, roles: ['admin'] }, 'another-secret-another-secret-1234')],
        ['signed with an empty key', signHs256({ ...claims, roles: ['admin'] }, '')],
        ['alg none without a signature', `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, roles: ['admin'] })}.`],
        ['alg none with the original signature', `${b64({ alg: 'none', typ: 'JWT' })}.${p}.${s}`],
        ['alg "None" without a signature', `${b64({ alg: 'None' })}.${b64({ ...claims, roles: ['admin'] })}.`],
        ['HS512 with the right key (not the accepted algorithm)', `${hs512Data}.${hmac(hs512Data, SECRET, 'sha512')}`],
        ['RS256 signed with the caller’s own RSA key', rs256],
        ['roles as a string, signed with the right key', signHs256({ ...claims, roles: 'admin' })],
        ['an unknown role, signed with the right key', signHs256({ ...claims, roles: ['superuser'] })],
        ['no subject, signed with the right key', signHs256(noSubject)],
        [
          'a payload that is not JSON, signed with the right key',
          (() => {
            const data = `${h}.${Buffer.from('not json').toString('base64url')}`;
            return `${data}.${hmac(data, SECRET)}`;
          })(),
        ],
        ['malformed: one word', 'not-a-token'],
        ['malformed: two segments', `${h}.${p}`],
        ['malformed: four segments', `${h}.${p}.${s}.${s}`],
        ['malformed: three empty segments', '..'],
        ['malformed: not base64', '%%%.$$$.###'],
        ['malformed: 10 000 characters', 'a'.repeat(10_000)],
      ];
    }

    it('accepts the untampered token (the control for the forgeries below)', async () => {
      await api.http().get('/api/auth/me').set('authorization', `Bearer ${world.lead.token}`).expect(200);
      await api.http().get(`/api/applications/${world.application}`).set('authorization', `Bearer ${world.lead.token}`).expect(200);
      const res = await api.http().get('/api/users').set('authorization', `Bearer ${world.lead.token}`).expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
    });

    it('refuses every tampered, expired, foreign-key, alg-none and malformed token with 401 UNAUTHENTICATED', async () => {
      const faults: string[] = [];
      const cases = forgeries(world.lead.token, world.admin);
      expect(cases.length).toBeGreaterThan(20);
      for (const [name, token] of cases) {
        for (const url of ['/api/auth/me', `/api/applications/${world.application}`, '/api/users']) {
          const res = await api.http().get(url).set('authorization', `Bearer ${token}`);
          const fault =
            res.status !== 401
              ? `status ${res.status}`
              : (problemFault(res) ?? (res.body.code !== 'UNAUTHENTICATED' ? res.body.code : undefined));
          if (fault) faults.push(`${name} on ${url}: ${fault} ${short(res.body, 120)}`);
        }
      }
      expect(faults).toEqual([]);
    });

    it('takes the token only from the Authorization header', async () => {
      const token = world.lead.token;
      const attempts = [
        api.http().get(`/api/auth/me?access_token=${token}`),
        api.http().get(`/api/auth/me?token=${token}`),
        api.http().get('/api/auth/me').set('cookie', `access_token=${token}; token=${token}`),
        api.http().get('/api/auth/me').set('x-access-token', token),
        api.http().get('/api/auth/me').set('authorization', token),
      ];
      for (const res of await Promise.all(attempts)) {
        expect(res.status).toBe(401);
        expect(res.body.code).toBe('UNAUTHENTICATED');
      }
    });
  });
});
