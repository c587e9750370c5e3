import { JwtService } from '@nestjs/jwt';
import { adminToken, createOrg, createUser, login, uniqueBusinessId } from '../factories/identity.factory';
import { resetDatabase, startTestApi, TestApi, withEnv } from '../helpers/api';

describe('identity and access', () => {
  let api: TestApi;
  let admin: string;

  beforeAll(async () => {
    api = await startTestApi();
  });
  beforeEach(async () => {
    await resetDatabase(api);
    admin = await adminToken(api);
  });
  afterAll(() => api.close());

  it('logs the bootstrap admin in and tells who they are', async () => {
    const res = await api.http().post('/api/auth/login').send({ email: 'ADMIN@avustus.test', password: 'admin-password' }).expect(200);
    expect(res.body.user).toMatchObject({ email: 'admin@avustus.test', roles: ['admin'] });
    const me = await api.http().get('/api/auth/me').set('authorization', `Bearer ${res.body.accessToken}`).expect(200);
    expect(me.body).toEqual({
      id: res.body.user.id,
      email: 'admin@avustus.test',
      name: 'Administrator',
      roles: ['admin'],
      organizationId: expect.any(String),
      language: null,
      active: true,
      effectiveLanguage: 'fi',
    });
  });

  it('refuses a wrong password and an unknown email alike with 401 UNAUTHENTICATED', async () => {
    for (const body of [
      { email: 'admin@avustus.test', password: 'wrong-password' },
      { email: 'nobody@avustus.test', password: 'admin-password' },
    ]) {
      const res = await api.http().post('/api/auth/login').send(body).expect(401);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED' });
    }
  });

  it('answers 401 problem+json to a request without a token', async () => {
    const res = await api.http().get('/api/organizations').expect(401);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 401, code: 'UNAUTHENTICATED', title: 'Unauthorized' });
  });

  it('refuses tampered, expired and foreign-key tokens with 401', async () => {
    const org = await createOrg(api, admin);
    const user = await createUser(api, admin, org.id, ['applicant']);
    const [h, p, s] = user.token.split('.');
    const claims = JSON.parse(Buffer.from(p, 'base64url').toString());
    const elevated = Buffer.from(JSON.stringify({ ...claims, roles: ['admin'] })).toString('base64url');
    const expired = await new JwtService({ secret: process.env.JWT_SECRET }).signAsync({
      ...claims,
      exp: Math.floor(Date.now() / 1000) - 10,
    });
    const foreign = await new JwtService({ secret: 'another-secret-another-secret-1234' }).signAsync({
      sub: user.id,
      roles: ['admin'],
      org: org.id,
    });
    for (const token of [`${h}.${elevated}.${s}`, expired, foreign, 'not-a-token']) {
      const res = await api.http().get('/api/auth/me').set('authorization', `Bearer ${token}`).expect(401);
      expect(res.body.code).toBe('UNAUTHENTICATED');
    }
  });

  it('forbids an applicant from creating an organisation (403 FORBIDDEN)', async () => {
    const org = await createOrg(api, admin);
    const applicant = await createUser(api, admin, org.id, ['applicant']);
    const res = await api
      .http()
      .post('/api/organizations')
      .set('authorization', `Bearer ${applicant.token}`)
      .send({ name: 'Sneaky Oy', businessId: uniqueBusinessId(), kind: 'company' })
      .expect(403);
    expect(res.body.code).toBe('FORBIDDEN');
    const [{ count }] = await api.db.query(`SELECT count(*)::int AS count FROM organizations WHERE name = 'Sneaky Oy'`);
    expect(count).toBe(0);
  });

  it('refuses a business ID with a wrong check digit, naming businessId', async () => {
    const res = await api
      .http()
      .post('/api/organizations')
      .set('authorization', `Bearer ${admin}`)
      .send({ name: 'Väärä Oy', businessId: '1234567-8', kind: 'company' })
      .expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'businessId' })]);
  });

  it('refuses a duplicate business ID with 409 and keeps the first', async () => {
    const first = await createOrg(api, admin, { name: 'Turun ammatti-instituutti' });
    const res = await api
      .http()
      .post('/api/organizations')
      .set('authorization', `Bearer ${admin}`)
      .send({ name: 'Toinen', businessId: first.businessId, kind: 'company' })
      .expect(409);
    expect(res.body).toMatchObject({ status: 409, code: 'DUPLICATE' });
    const [{ count }] = await api.db.query('SELECT count(*)::int AS count FROM organizations WHERE business_id = $1', [first.businessId]);
    expect(count).toBe(1);
  });

  it('refuses a body with an unknown field, naming it', async () => {
    const res = await api
      .http()
      .post('/api/organizations')
      .set('authorization', `Bearer ${admin}`)
      .send({ name: 'Turku', businessId: '0204819-8', kind: 'municipality', isAdmin: true })
      .expect(400);
    expect(res.body.errors).toEqual([{ field: 'isAdmin', message: 'property isAdmin should not exist' }]);
  });

  it('refuses malformed JSON, wrong media types and oversized bodies with 4xx problem+json', async () => {
    const bad = await api.http().post('/api/auth/login').set('content-type', 'application/json').send('{"email":').expect(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const media = await api.http().post('/api/auth/login').set('content-type', 'application/xml').send('<a/>').expect(415);
    expect(media.body.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    const big = await api
      .http()
      .post('/api/auth/login')
      .send({ email: 'x'.repeat(2 * 1024 * 1024), password: 'p' })
      .expect(413);
    expect(big.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('answers an unknown route with 404 problem+json', async () => {
    const res = await api.http().get('/api/no-such-thing').set('authorization', `Bearer ${admin}`).expect(404);
    expect(res.body).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('creates users whose responses never carry a password hash, and audits it', async () => {
    const org = await createOrg(api, admin);
    const created = await api
      .http()
      .post('/api/users')
      .set('authorization', `Bearer ${admin}`)
      .send({ email: 'Reviewer@OKM.test', name: 'Reija Reviewer', password: 'password-123', roles: ['reviewer'], organizationId: org.id })
      .expect(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      email: 'reviewer@okm.test',
      name: 'Reija Reviewer',
      roles: ['reviewer'],
      organizationId: org.id,
      language: null,
      active: true,
    });
    const token = await login(api, 'reviewer@okm.test', 'password-123');
    const responses = [
      created.body,
      (await api.http().get('/api/users').set('authorization', `Bearer ${admin}`).expect(200)).body,
      (await api.http().get('/api/auth/me').set('authorization', `Bearer ${token}`).expect(200)).body,
      (await api.http().post('/api/auth/login').send({ email: 'reviewer@okm.test', password: 'password-123' }).expect(200)).body,
    ];
    for (const body of responses) expect(JSON.stringify(body)).not.toMatch(/argon2|passwordHash|password_hash/);
    const events = await api.db.query(`SELECT action, after FROM audit_events WHERE entity = 'user' AND entity_id = $1`, [created.body.id]);
    expect(events).toEqual([{ action: 'user.create', after: { email: 'reviewer@okm.test', roles: ['reviewer'], organizationId: org.id } }]);
  });

  it('refuses a user for an organisation that does not exist', async () => {
    const res = await api
      .http()
      .post('/api/users')
      .set('authorization', `Bearer ${admin}`)
      .send({
        email: 'x@y.test',
        name: 'X',
        password: 'password-123',
        roles: ['applicant'],
        organizationId: '00000000-0000-4000-8000-000000000000',
      })
      .expect(400);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'organizationId' })]);
  });

  it('lets any signed-in user list organisations', async () => {
    const org = await createOrg(api, admin, { name: 'Koulutuskeskus Salpaus' });
    const applicant = await createUser(api, admin, org.id, ['applicant']);
    const res = await api.http().get('/api/organizations').set('authorization', `Bearer ${applicant.token}`).expect(200);
    expect(res.body.map((o: { name: string }) => o.name)).toContain('Koulutuskeskus Salpaus');
  });

  it('serves the OpenAPI document publicly', async () => {
    const res = await api.http().get('/api/docs-json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/organizations', '/api/users', '/api/health']),
    );
  });
});

describe('login rate limit', () => {
  it('answers 429 RATE_LIMITED with Retry-After after the allowed attempts per minute from one address, and per account from any address', async () => {
    const api = await withEnv({ LOGIN_RATE_LIMIT: '3', LOGIN_ACCOUNT_RATE_LIMIT: '5', TRUST_PROXY: 'true' }, startTestApi);
    const run = `${process.pid}-${Date.now()}`;
    const attempt = (from: string, email: string) =>
      api.http().post('/api/auth/login').set('x-forwarded-for', from).send({ email, password: 'wrong-one' });
    try {
      // Per address: three attempts, on three accounts, then 429.
      for (let i = 0; i < 3; i += 1) await attempt('198.51.100.7', `a${i}-${run}@b.test`).expect(401);
      const byAddress = await attempt('198.51.100.7', `a9-${run}@b.test`).expect(429);
      expect(byAddress.body.code).toBe('RATE_LIMITED');
      expect(Number(byAddress.headers['retry-after'])).toBeGreaterThan(0);
      expect(byAddress.body.detail).toBe(`Too many login attempts: try again in ${byAddress.headers['retry-after']} s`);
      // Per account: five attempts from five addresses, then 429 from a sixth, fresh one.
      for (let i = 0; i < 5; i += 1) await attempt(`203.0.113.${i + 1}`, `Victim-${run}@b.test`).expect(401);
      const byAccount = await attempt('203.0.113.99', `victim-${run}@b.test`).expect(429);
      expect(byAccount.body.code).toBe('RATE_LIMITED');
      expect(Number(byAccount.headers['retry-after'])).toBeGreaterThan(0);
      // Another account from another address is untouched.
      await attempt('203.0.113.100', `other-${run}@b.test`).expect(401);
    } finally {
      await api.close();
    }
  });
});
