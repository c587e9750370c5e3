import { INestApplicationContext } from '@nestjs/common';
import { adminToken, createOrg, createUser, login } from '../factories/identity.factory';
import { resetDatabase, startTestApi, TestApi, withEnv } from '../helpers/api';
import { recordingSmtp } from '../helpers/smtp';
import { startTestWorker, waitFor } from '../helpers/worker';

const STRONG = 'Hevonen-Kirja-Sininen-77';
const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const fields = (body: { errors?: { field: string }[] }) => (body.errors ?? []).map((e) => e.field);

describe('accounts: passwords, sessions that end, administration', () => {
  let api: TestApi;
  let other: TestApi;
  let admin: string;

  beforeAll(async () => {
    api = await startTestApi();
    // A second API process on the same database and Redis: a session ended on one ends on the other.
    other = await startTestApi();
  });
  beforeEach(async () => {
    await resetDatabase(api);
    admin = await adminToken(api);
  });
  afterAll(async () => {
    await other.close();
    await api.close();
  });

  it('changes a password: the current one must be right and the new one strong, naming the field', async () => {
    const org = await createOrg(api, admin);
    const user = await createUser(api, admin, org.id, ['applicant']);
    const wrong = await api
      .http()
      .post('/api/auth/password')
      .set(bearer(user.token))
      .send({ currentPassword: 'nope', newPassword: STRONG })
      .expect(400);
    expect(fields(wrong.body)).toEqual(['currentPassword']);
    for (const weak of ['short', 'salasana1234', 'aaaaaaaaaaaaaaaa']) {
      const res = await api
        .http()
        .post('/api/auth/password')
        .set(bearer(user.token))
        .send({ currentPassword: 'password-123', newPassword: weak })
        .expect(400);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(fields(res.body)).toEqual(['newPassword']);
    }
    await login(api, user.email, 'password-123'); // nothing changed yet
    await api
      .http()
      .post('/api/auth/password')
      .set(bearer(user.token))
      .send({ currentPassword: 'password-123', newPassword: STRONG })
      .expect(204);
    await api.http().post('/api/auth/login').send({ email: user.email, password: 'password-123' }).expect(401);
    await login(api, user.email, STRONG);
    const [{ count }] = await api.db.query(
      `SELECT count(*)::int AS count FROM audit_events WHERE action = 'user.password_change' AND entity_id = $1`,
      [user.id],
    );
    expect(count).toBe(1);
  });

  it('signs out: the token is refused from the next request on, on every API process', async () => {
    const org = await createOrg(api, admin);
    const user = await createUser(api, admin, org.id, ['applicant']);
    await other.http().get('/api/auth/me').set(bearer(user.token)).expect(200);
    await api.http().post('/api/auth/logout').set(bearer(user.token)).expect(204);
    for (const a of [api, other]) {
      const res = await a.http().get('/api/auth/me').set(bearer(user.token)).expect(401);
      expect(res.body).toMatchObject({ code: 'UNAUTHENTICATED', detail: 'This session has ended: sign in again' });
    }
    const again = await login(api, user.email, 'password-123');
    await other.http().get('/api/auth/me').set(bearer(again)).expect(200);
  });

  it('deactivating a user ends their sessions at once on every process and stops their sign-in; reactivating lets them sign in anew', async () => {
    const org = await createOrg(api, admin);
    const user = await createUser(api, admin, org.id, ['applicant']);
    await other.http().get('/api/applications').set(bearer(user.token)).expect(200);
    const off = await api.http().patch(`/api/users/${user.id}`).set(bearer(admin)).send({ active: false }).expect(200);
    expect(off.body).toMatchObject({ id: user.id, active: false });
    await other.http().get('/api/applications').set(bearer(user.token)).expect(401);
    await api.http().get('/api/applications').set(bearer(user.token)).expect(401);
    await api.http().post('/api/auth/login').send({ email: user.email, password: 'password-123' }).expect(401);

    await api.http().patch(`/api/users/${user.id}`).set(bearer(admin)).send({ active: true }).expect(200);
    await other.http().get('/api/applications').set(bearer(user.token)).expect(401); // the old token stays ended
    const fresh = await login(api, user.email, 'password-123');
    await other.http().get('/api/applications').set(bearer(fresh)).expect(200);
    const audits = await api.db.query(
      `SELECT before, after FROM audit_events WHERE action = 'user.update' AND entity_id = $1 ORDER BY id`,
      [user.id],
    );
    expect(audits.map((a: { after: { active: boolean } }) => a.after.active)).toEqual([false, true]);
  });

  it('a change of roles takes effect on the very next request: the old token is refused, a new sign-in carries the new roles', async () => {
    const org = await createOrg(api, admin);
    const user = await createUser(api, admin, org.id, ['applicant']);
    await api
      .http()
      .patch(`/api/users/${user.id}`)
      .set(bearer(admin))
      .send({ roles: ['reviewer'], name: 'Riitta Arvioija' })
      .expect(200);
    await other.http().get('/api/reviews').set(bearer(user.token)).expect(401);
    const fresh = await login(api, user.email, 'password-123');
    await other.http().get('/api/reviews').set(bearer(fresh)).expect(200);
    const me = await api.http().get('/api/auth/me').set(bearer(fresh)).expect(200);
    expect(me.body).toMatchObject({ name: 'Riitta Arvioija', roles: ['reviewer'], active: true });
    // A name-only change ends nothing.
    await api.http().patch(`/api/users/${user.id}`).set(bearer(admin)).send({ name: 'R. Arvioija' }).expect(200);
    await api.http().get('/api/reviews').set(bearer(fresh)).expect(200);
  });

  it('refuses to deactivate or demote the last active admin, and refuses bad input naming the field, changing nothing', async () => {
    const me = await api.http().get('/api/auth/me').set(bearer(admin)).expect(200);
    for (const body of [{ active: false }, { roles: ['reviewer'] }]) {
      const res = await api.http().patch(`/api/users/${me.body.id}`).set(bearer(admin)).send(body).expect(409);
      expect(res.body).toMatchObject({ code: 'INVALID_STATE' });
    }
    const bad = await api
      .http()
      .patch(`/api/users/${me.body.id}`)
      .set(bearer(admin))
      .send({ roles: ['boss'], active: 'no' })
      .expect(400);
    expect(fields(bad.body).sort()).toEqual(['active', 'roles']);
    await api.http().get('/api/users').set(bearer(admin)).expect(200);
    // With a second admin, the first may step down.
    const org = await createOrg(api, admin);
    const second = await createUser(api, admin, org.id, ['admin']);
    await api.http().patch(`/api/users/${me.body.id}`).set(bearer(second.token)).send({ active: false }).expect(200);
    const last = await api.http().patch(`/api/users/${second.id}`).set(bearer(second.token)).send({ active: false }).expect(409);
    expect(last.body.code).toBe('INVALID_STATE');
    // Not an admin: 403; an unknown user: 404.
    const applicant = await createUser(api, second.token, org.id, ['applicant']);
    await api.http().patch(`/api/users/${second.id}`).set(bearer(applicant.token)).send({ active: false }).expect(403);
    await api.http().patch('/api/users/00000000-0000-4000-8000-000000000000').set(bearer(second.token)).send({ name: 'X' }).expect(404);
  });

  it('edits an organisation: an admin any field, its own user only its bank details; the IBAN is mod-97 checked; audited', async () => {
    const org = await createOrg(api, admin);
    const applicant = await createUser(api, admin, org.id, ['applicant']);
    const elsewhere = await createOrg(api, admin);

    const badIban = await api
      .http()
      .patch(`/api/organizations/${org.id}`)
      .set(bearer(admin))
      .send({ iban: 'FI21 1234 5600 0007 86' })
      .expect(400);
    expect(fields(badIban.body)).toEqual(['iban']);
    const badBic = await api.http().patch(`/api/organizations/${org.id}`).set(bearer(admin)).send({ bic: 'NOPE' }).expect(400);
    expect(fields(badBic.body)).toEqual(['bic']);
    const [unchanged] = await api.db.query('SELECT iban, bic FROM organizations WHERE id = $1', [org.id]);
    expect(unchanged).toEqual({ iban: null, bic: null });

    const own = await api
      .http()
      .patch(`/api/organizations/${org.id}`)
      .set(bearer(applicant.token))
      .send({ iban: 'fi21 1234 5600 0007 85', bic: 'ndeafihh' })
      .expect(200);
    expect(own.body).toMatchObject({ iban: 'FI2112345600000785', bic: 'NDEAFIHH', name: org.name });
    await api.http().patch(`/api/organizations/${org.id}`).set(bearer(applicant.token)).send({ name: 'Oma nimi Oy' }).expect(403);
    await api
      .http()
      .patch(`/api/organizations/${elsewhere.id}`)
      .set(bearer(applicant.token))
      .send({ iban: 'FI2112345600000785' })
      .expect(403);

    const edited = await api
      .http()
      .patch(`/api/organizations/${org.id}`)
      .set(bearer(admin))
      .send({ name: 'Yrkesinstitutet Prakticum', language: 'sv', kind: 'education_provider', municipality: 'Helsingfors' })
      .expect(200);
    expect(edited.body).toMatchObject({
      name: 'Yrkesinstitutet Prakticum',
      language: 'sv',
      municipality: 'Helsingfors',
      iban: 'FI2112345600000785',
    });
    const audits = await api.db.query(`SELECT actor_id, after FROM audit_events WHERE action = 'organization.update' AND entity_id = $1`, [
      org.id,
    ]);
    expect(audits).toHaveLength(2);
  });

  it('remembers the language a person chose; null follows the organisation again', async () => {
    const org = await createOrg(api, admin);
    await api.http().patch(`/api/organizations/${org.id}`).set(bearer(admin)).send({ language: 'sv' }).expect(200);
    const user = await createUser(api, admin, org.id, ['applicant']);
    const first = await api.http().get('/api/auth/me').set(bearer(user.token)).expect(200);
    expect(first.body).toMatchObject({ language: null, effectiveLanguage: 'sv' });
    const chosen = await api.http().patch('/api/auth/me').set(bearer(user.token)).send({ language: 'fi' }).expect(200);
    expect(chosen.body).toMatchObject({ language: 'fi', effectiveLanguage: 'fi' });
    const bad = await api.http().patch('/api/auth/me').set(bearer(user.token)).send({ language: 'de' }).expect(400);
    expect(fields(bad.body)).toEqual(['language']);
    const back = await api.http().patch('/api/auth/me').set(bearer(user.token)).send({ language: null }).expect(200);
    expect(back.body).toMatchObject({ language: null, effectiveLanguage: 'sv' });
  });
});

describe('accounts: a password reset through an e-mailed single-use link', () => {
  const port = 2531;
  let api: TestApi;
  let worker: INestApplicationContext;
  const received: string[] = [];
  const smtp = recordingSmtp(received);

  beforeAll(async () => {
    await new Promise<void>((r) => smtp.listen(port, '127.0.0.1', r));
    await withEnv({ SMTP_URL: `smtp://127.0.0.1:${port}`, PUBLIC_URL: 'https://avustus.example.fi' }, async () => {
      api = await startTestApi();
      worker = await startTestWorker();
    });
  });
  afterAll(async () => {
    await worker.close();
    await api.close();
    await new Promise<void>((r) => smtp.close(() => r()));
  });

  /** The link's token out of the raw message (quoted-printable folds long lines). */
  const decoded = (raw: string) => raw.replace(/=\r?\n/g, '').replace(/=3D/g, '=');
  const tokenOf = (raw: string) => /password-reset\?token=([A-Za-z0-9_-]+)/.exec(decoded(raw))?.[1];

  it('answers 202 alike for a known and an unknown address, mails the known one a link that works once, within the hour', async () => {
    await resetDatabase(api);
    const admin = await adminToken(api);
    const org = await createOrg(api, admin);
    const user = await createUser(api, admin, org.id, ['applicant']);
    const before = await login(api, user.email, 'password-123');

    const unknown = await api.http().post('/api/auth/password-reset').send({ email: 'nobody@avustus.test' }).expect(202);
    const known = await api.http().post('/api/auth/password-reset').send({ email: user.email.toUpperCase() }).expect(202);
    expect(known.body).toEqual(unknown.body);
    const bad = await api.http().post('/api/auth/password-reset').send({}).expect(400);
    expect(fields(bad.body)).toEqual(['email']);

    const mail = await waitFor('the reset e-mail', async () => received.find((m) => m.includes(user.email)), 15_000);
    expect(decoded(mail)).toContain('https://avustus.example.fi/password-reset?token=');
    expect(received.filter((m) => m.includes('nobody@avustus.test'))).toHaveLength(0);
    const token = tokenOf(mail)!;
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    // Only its hash is kept.
    const [{ stored }] = await api.db.query(
      `SELECT count(*)::int AS stored FROM password_resets WHERE token_hash = convert_to($1, 'UTF8')`,
      [token],
    );
    expect(stored).toBe(0);

    const weak = await api.http().post('/api/auth/password-reset/confirm').send({ token, newPassword: 'salasana1234' }).expect(400);
    expect(fields(weak.body)).toEqual(['newPassword']);
    // Two confirmations at once: exactly one sets the password.
    const both = await Promise.all(
      [STRONG, 'Toinen-Vahva-Lause-Kuusi-6'].map((newPassword) =>
        api.http().post('/api/auth/password-reset/confirm').send({ token, newPassword }),
      ),
    );
    expect(both.map((r) => r.status).sort()).toEqual([204, 400]);
    const used = both.find((r) => r.status === 400)!;
    expect(fields(used.body)).toEqual(['token']);
    const winner = both[0].status === 204 ? STRONG : 'Toinen-Vahva-Lause-Kuusi-6';
    await login(api, user.email, winner);
    await api.http().post('/api/auth/login').send({ email: user.email, password: 'password-123' }).expect(401);
    // The reset ended the sessions the user had.
    await api.http().get('/api/auth/me').set(bearer(before)).expect(401);
    const again = await api.http().post('/api/auth/password-reset/confirm').send({ token, newPassword: STRONG }).expect(400);
    expect(fields(again.body)).toEqual(['token']);
  }, 30_000);

  it('refuses an expired link', async () => {
    await resetDatabase(api);
    const admin = await adminToken(api);
    const org = await createOrg(api, admin);
    const user = await createUser(api, admin, org.id, ['applicant']);
    received.length = 0;
    await api.http().post('/api/auth/password-reset').send({ email: user.email }).expect(202);
    const mail = await waitFor('the reset e-mail', async () => received.find((m) => m.includes(user.email)), 15_000);
    await api.db.query(`UPDATE password_resets SET expires_at = now() - interval '1 second'`);
    const res = await api
      .http()
      .post('/api/auth/password-reset/confirm')
      .send({ token: tokenOf(mail), newPassword: STRONG })
      .expect(400);
    expect(fields(res.body)).toEqual(['token']);
    await login(api, user.email, 'password-123');
  }, 30_000);
});

describe('accounts: every authenticated route limited per user, across API processes', () => {
  let api: TestApi;
  let other: TestApi;

  beforeAll(async () => {
    await withEnv({ USER_RATE_LIMIT: '5' }, async () => {
      api = await startTestApi();
      other = await startTestApi();
    });
  });
  afterAll(async () => {
    await other.close();
    await api.close();
  });

  it('counts one user’s requests on both processes, says so in RateLimit headers, answers the sixth with 429 and Retry-After, and leaves others alone', async () => {
    await resetDatabase(api);
    const admin = await adminToken(api);
    const org = await createOrg(api, admin);
    const user = await createUser(api, admin, org.id, ['applicant']);
    // Start at a fresh window, so the five do not straddle two.
    const seconds = new Date().getUTCSeconds();
    if (seconds > 50) await new Promise((r) => setTimeout(r, (61 - seconds) * 1000));
    const answers = [];
    for (let i = 0; i < 5; i++) answers.push(await (i % 2 ? other : api).http().get('/api/calls').set(bearer(user.token)));
    expect(answers.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(answers.map((r) => /r=(\d+)/.exec(r.headers['ratelimit'])?.[1])).toEqual(['4', '3', '2', '1', '0']);
    expect(answers[0].headers['ratelimit-policy']).toBe('"user";q=5;w=60');
    const refused = await other.http().get('/api/calls').set(bearer(user.token)).expect(429);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body).toMatchObject({ status: 429, code: 'RATE_LIMITED' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThanOrEqual(1);
    expect(Number(refused.headers['retry-after'])).toBeLessThanOrEqual(60);
    // A refused write changes nothing.
    const before = await api.db.query('SELECT count(*)::int AS n FROM applications');
    await api.http().patch('/api/auth/me').set(bearer(user.token)).send({ language: 'sv' }).expect(429);
    expect(await api.db.query('SELECT language FROM users WHERE id = $1', [user.id])).toEqual([{ language: null }]);
    expect(await api.db.query('SELECT count(*)::int AS n FROM applications')).toEqual(before);
    // Another user has their own budget; the public routes are not counted per user.
    await api.http().get('/api/calls').set(bearer(admin)).expect(200);
    await api.http().get('/api/health').expect(200);
  }, 90_000);
});

describe('accounts: sessions while Redis is away', () => {
  it('reads the session from the database: requests go on, and a sign-out still ends the token', async () => {
    // A port nothing listens on: every Redis command of this API fails at once.
    await withEnv({ REDIS_URL: 'redis://127.0.0.1:6398/0' }, async () => {
      const api = await startTestApi();
      try {
        await resetDatabase(api);
        const admin = await adminToken(api);
        const org = await createOrg(api, admin);
        const user = await createUser(api, admin, org.id, ['applicant']);
        const res = await api.http().get('/api/calls').set(bearer(user.token)).expect(200);
        expect(res.headers['ratelimit']).toBeUndefined(); // nothing to count with
        await api.http().post('/api/auth/logout').set(bearer(user.token)).expect(204);
        await api.http().get('/api/calls').set(bearer(user.token)).expect(401);
        await api.http().patch(`/api/users/${user.id}`).set(bearer(admin)).send({ active: false }).expect(200);
        await api.http().post('/api/auth/login').send({ email: user.email, password: 'password-123' }).expect(401);
      } finally {
        await api.close();
      }
    });
  }, 60_000);
});
