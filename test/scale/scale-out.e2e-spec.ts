import { Client } from 'pg';
import Redis from 'ioredis';
import request from 'supertest';
import { SMTPServer } from 'smtp-server';
import { draftApplication, openCall } from '../factories/call.factory';
import { adminToken, createOrg, createUser, UserFixture } from '../factories/identity.factory';
import { HttpApi } from '../helpers/api';
import { Balancer, freePort } from '../helpers/balancer';
import { ServiceProcess, startService } from '../helpers/processes';
import { recordingSmtp } from '../helpers/smtp';
import { waitFor } from '../helpers/worker';

/**
 * The README's scaling out, for real: two API processes and two workers (`node dist/src/main.js`,
 * `dist/src/worker.js`, as built by the global set-up) on one PostgreSQL and one Redis, behind
 * HAProxy, sending e-mail to a real SMTP server.
 */

const DATABASE = `${new URL(process.env.DATABASE_URL as string).pathname.slice(1)}_scale`;
const DATABASE_URL = Object.assign(new URL(process.env.DATABASE_URL as string), { pathname: `/${DATABASE}` }).toString();
const QUEUE_PREFIX = 'avustus-scale';
const LOGIN_LIMIT = 4;
const ORGANISATIONS = 24;

let apis: ServiceProcess[] = [];
let workers: ServiceProcess[] = [];
let apiPorts: number[] = [];
let balancer: Balancer;
let smtp: SMTPServer;
const mails: string[] = [];
let db: Client;
let lb: HttpApi;
let admin: string;

const direct = (i: number): HttpApi => ({ http: () => request(`http://127.0.0.1:${apiPorts[i]}`) });

/** The notification ids of the messages the SMTP server received, one entry per message. */
const mailedIds = (): string[] => mails.map((m) => /^X-Avustus-Notification: (\S+)/im.exec(m)?.[1] ?? 'none');

/** Ids of the notifications that have someone to e-mail (the delivery's own recipient rule). */
async function mailableIds(): Promise<string[]> {
  const { rows } = await db.query<{ id: string }>(
    `SELECT n.id FROM notifications n
      WHERE EXISTS (SELECT 1 FROM users u WHERE u.id = n.recipient_user_id
                       OR (n.recipient_user_id IS NULL AND u.organization_id = n.recipient_organization_id))`,
  );
  return rows.map((r) => r.id).sort();
}

async function allDelivered(): Promise<boolean> {
  const { rows } = await db.query<{ pending: number }>(`SELECT count(*)::int AS pending FROM notifications WHERE status <> 'sent'`);
  return rows[0].pending === 0;
}

beforeAll(async () => {
  const maintenance = new Client({ connectionString: Object.assign(new URL(DATABASE_URL), { pathname: '/postgres' }).toString() });
  await maintenance.connect();
  await maintenance.query(`DROP DATABASE IF EXISTS "${DATABASE}" WITH (FORCE)`);
  await maintenance.query(`CREATE DATABASE "${DATABASE}"`);
  await maintenance.end();
  const redis = new Redis(process.env.REDIS_URL as string);
  const keys = await redis.keys(`${QUEUE_PREFIX}:*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();

  const smtpPort = await freePort();
  smtp = recordingSmtp(mails);
  await new Promise<void>((r) => smtp.listen(smtpPort, '127.0.0.1', r));
  apiPorts = [await freePort(), await freePort()];
  balancer = new Balancer(await freePort(), apiPorts);

  const env = {
    DATABASE_URL,
    QUEUE_PREFIX,
    SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    TRUST_PROXY: 'true',
    LOGIN_RATE_LIMIT: String(LOGIN_LIMIT),
    LOGIN_ACCOUNT_RATE_LIMIT: '10',
    RECONCILE_EVERY_MS: '1000',
    DB_POOL_SIZE: '4',
    LOG_LEVEL: 'warn',
  };
  // All four at once on an empty database: each runs the migrations under the advisory lock.
  const started = await Promise.allSettled([
    startService('api', { ...env, PORT: String(apiPorts[0]) }, 60_000),
    startService('api', { ...env, PORT: String(apiPorts[1]) }, 60_000),
    startService('worker', { ...env, LOG_LEVEL: 'info' }, 60_000),
    startService('worker', { ...env, LOG_LEVEL: 'info' }, 60_000),
  ]);
  const failed = started.filter((s) => s.status === 'rejected');
  const up = started.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  apis = up.slice(0, 2);
  workers = up.slice(2);
  if (failed.length > 0) throw new Error(`processes failed to start: ${failed.map((f) => String(f.reason)).join('\n')}`);

  await balancer.start();
  // The fixtures' own logins each come from another (documentation-range) address, so the
  // limits under test count only the attempts the tests make on purpose.
  let address = 0;
  lb = { http: () => request.agent(balancer.url).set('x-forwarded-for', `192.0.2.${(address++ % 250) + 1}`) };
  db = new Client({ connectionString: DATABASE_URL });
  await db.connect();
  admin = await adminToken(lb);
}, 120_000);

afterAll(async () => {
  await balancer?.stop();
  for (const p of [...apis, ...workers]) {
    p.proc.kill('SIGTERM');
    await p.exited;
  }
  await db?.end();
  await new Promise<void>((r) => (smtp ? smtp.close(() => r()) : r()));
}, 60_000);

describe('two API processes and two workers behind HAProxy', () => {
  it('start at once on an empty database: every migration ran exactly once, one bootstrap admin', async () => {
    const { rows: migrations } = await db.query<{ name: string; n: number }>(
      'SELECT name, count(*)::int AS n FROM migrations GROUP BY name ORDER BY name',
    );
    expect(migrations.length).toBeGreaterThan(0);
    expect(migrations.every((m) => m.n === 1)).toBe(true);
    const { rows: admins } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE 'admin' = ANY(roles)`);
    expect(admins[0].n).toBe(1);
    for (const p of apiPorts) await request(`http://127.0.0.1:${p}`).get('/api/health').expect(200);
  });

  it('holds the login limit across API processes, per address and per account, with Retry-After', async () => {
    const attempt = (api: HttpApi, from: string, email: string) =>
      api.http().post('/api/auth/login').set('x-forwarded-for', from).send({ email, password: 'wrong-password' });
    // Per address: the attempts alternate between the processes, and the limit is their sum.
    for (let i = 0; i < LOGIN_LIMIT; i += 1) await attempt(direct(i % 2), '198.51.100.20', `nobody${i}@scale.test`).expect(401);
    for (const i of [0, 1]) {
      const refused = await attempt(direct(i), '198.51.100.20', 'nobody-more@scale.test').expect(429);
      expect(refused.body.code).toBe('RATE_LIMITED');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    }
    // Through the balancer, from another address: the same.
    for (let i = 0; i < LOGIN_LIMIT; i += 1) await attempt(lb, '198.51.100.21', `someone${i}@scale.test`).expect(401);
    await attempt(lb, '198.51.100.21', 'someone-more@scale.test').expect(429);
    // Per account (limit 10): from ten addresses over both processes, then refused from an eleventh.
    for (let i = 0; i < 10; i += 1) await attempt(direct(i % 2), `203.0.113.${i + 1}`, 'target@scale.test').expect(401);
    const byAccount = await attempt(lb, '203.0.113.50', 'TARGET@scale.test').expect(429);
    expect(Number(byAccount.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('closes a call under a submit rush once, and e-mails every notification exactly once', async () => {
    const users: UserFixture[] = [];
    for (let i = 0; i < ORGANISATIONS; i += 1) {
      const org = await createOrg(lb, admin, { name: `Koulutuskuntayhtymä ${i}` });
      users.push(await createUser(lb, admin, org.id, ['applicant']));
    }
    const call = await openCall(lb, admin, 6_000);
    const drafts = await Promise.all(users.map((u) => draftApplication(lb, u.token, call.id)));
    const closesAt = new Date(call.closesAt).getTime();

    // Every organisation submits, then keeps re-submitting through the balancer until past the deadline.
    const statuses: number[] = [];
    await Promise.all(
      drafts.map(async (draft, i) => {
        while (Date.now() < closesAt + 500) {
          const res = await lb.http().post(`/api/applications/${draft.id}/submit`).set('authorization', `Bearer ${users[i].token}`);
          statuses.push(res.status);
          if (res.status === 409) expect(res.body.code).toBe('CALL_CLOSED');
        }
      }),
    );
    expect(statuses.filter((s) => s !== 200 && s !== 409)).toEqual([]);
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThanOrEqual(ORGANISATIONS);
    expect(statuses).toContain(409);

    await waitFor(
      'the call to close',
      async () => (await db.query('SELECT closed_at FROM calls WHERE id = $1', [call.id])).rows[0].closed_at,
      20_000,
    );
    const { rows: closings } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'call.close' AND entity_id = $1`,
      [call.id],
    );
    expect(closings[0].n).toBe(1);
    const { rows: apps } = await db.query<{ status: string; n: number }>(
      'SELECT status, count(*)::int AS n FROM applications WHERE call_id = $1 GROUP BY status',
      [call.id],
    );
    expect(apps).toEqual([{ status: 'in_review', n: ORGANISATIONS }]);

    await waitFor('every notification to be delivered', allDelivered, 30_000, 200);
    const expected = await mailableIds();
    const received = mailedIds().sort();
    expect(received).toEqual(expected);
    // One "your application is in review" notification per organisation.
    const { rows: closed } = await db.query<{ n: number; orgs: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT recipient_organization_id)::int AS orgs FROM notifications WHERE kind = 'application_in_review'`,
    );
    expect(closed[0]).toEqual({ n: ORGANISATIONS, orgs: ORGANISATIONS });
  }, 120_000);

  it('publishes decisions sent twice through different processes with one effect', async () => {
    const { rows } = await db.query<{ id: string; requested: string }>(
      `SELECT id, requested_amount AS requested FROM applications WHERE status = 'in_review' ORDER BY first_submitted_at, id`,
    );
    const callId = (await db.query<{ call_id: string }>('SELECT call_id FROM applications WHERE id = $1', [rows[0].id])).rows[0].call_id;
    for (const [i, app] of rows.entries()) {
      const body =
        i < 6
          ? { outcome: 'funded', grantedAmount: Number(app.requested), rationale: 'Korkea pistemäärä.' }
          : { outcome: 'rejected', rationale: 'Rahoitus ei riittänyt.' };
      await direct(i % 2)
        .http()
        .post(`/api/applications/${app.id}/decision`)
        .set('authorization', `Bearer ${admin}`)
        .send(body)
        .expect(200);
    }
    const before = mails.length;
    const published = await Promise.all(
      [0, 1].map((i) => direct(i).http().post(`/api/calls/${callId}/decisions/publish`).set('authorization', `Bearer ${admin}`)),
    );
    expect(published.map((p) => p.status)).toEqual([200, 200]);
    expect(published[0].body.decidedAt).toBe(published[1].body.decidedAt);
    expect(published[0].body.funded).toBe(6);

    await waitFor(
      'the decisions to be applied',
      async () => (await db.query(`SELECT 1 FROM call_milestones WHERE call_id = $1 AND kind = 'decisions-applied'`, [callId])).rowCount,
      20_000,
    );
    await waitFor('every notification to be delivered', allDelivered, 30_000, 200);
    const { rows: projects } = await db.query<{ n: number; apps: number }>(
      'SELECT count(*)::int AS n, count(DISTINCT application_id)::int AS apps FROM network_projects WHERE call_id = $1',
      [callId],
    );
    expect(projects[0]).toEqual({ n: 6, apps: 6 });
    const { rows: outcomes } = await db.query<{ kind: string; n: number }>(
      `SELECT kind, count(*)::int AS n FROM notifications WHERE kind IN ('decision_funded', 'decision_rejected') GROUP BY kind ORDER BY kind`,
    );
    expect(outcomes).toEqual([
      { kind: 'decision_funded', n: 6 },
      { kind: 'decision_rejected', n: ORGANISATIONS - 6 },
    ]);
    const { rows: audits } = await db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM audit_events WHERE action = 'decision.publish' AND entity_id = $1`,
      [callId],
    );
    expect(audits[0].n).toBe(1);
    // Every e-mail since, exactly once.
    const fresh = mailedIds().slice(before).sort();
    expect(new Set(fresh).size).toBe(fresh.length);
    expect(mailedIds().sort()).toEqual(await mailableIds());
  }, 120_000);
});
