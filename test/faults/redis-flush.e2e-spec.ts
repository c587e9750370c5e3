import Redis from 'ioredis';
import { redisOptions } from '../../src/jobs/redis';
import { draftApplication, openCall } from '../factories/call.factory';
import { adminToken, createOrg, createUser } from '../factories/identity.factory';
import { resetDatabase, startTestApi, TestApi, withEnv } from '../helpers/api';
import { startTestWorker, waitFor } from '../helpers/worker';

describe('Redis flushed while delayed jobs wait', () => {
  it('the reconciler closes the call anyway and nothing is sent twice', async () => {
    await withEnv({ RECONCILE_EVERY_MS: '400' }, async () => {
      const api: TestApi = await startTestApi();
      const worker = await startTestWorker();
      const redis = new Redis(redisOptions(process.env.REDIS_URL as string));
      try {
        await resetDatabase(api);
        const admin = await adminToken(api);
        const org = await createOrg(api, admin);
        const user = await createUser(api, admin, org.id, ['applicant']);
        const call = await openCall(api, admin, 2_000);
        const app = await draftApplication(api, user.token, call.id);
        await api.http().post(`/api/applications/${app.id}/submit`).set('authorization', `Bearer ${user.token}`).expect(200);

        // Everything the queues hold is gone: the delayed closing job and the reconcile schedule.
        const keys = await redis.keys(`${process.env.QUEUE_PREFIX}:*`);
        if (keys.length > 0) await redis.del(...keys);

        const closed = await waitFor(
          'the watchdog to notice and the reconciler to close the call',
          async () => (await api.db.query('SELECT closed_at FROM calls WHERE id = $1', [call.id]))[0].closed_at,
          15_000,
        );
        expect(closed).not.toBeNull();
        await waitFor(
          'the notifications to go out',
          async () => {
            const rows: { status: string }[] = await api.db.query('SELECT status FROM notifications');
            return rows.length === 3 && rows.every((r) => r.status === 'sent');
          },
          20_000,
        );
        const kinds = await api.db.query('SELECT kind, count(*)::int AS n FROM notifications GROUP BY kind ORDER BY kind');
        expect(kinds).toEqual([
          { kind: 'application_in_review', n: 1 },
          { kind: 'application_submitted', n: 1 },
          { kind: 'call_closed_summary', n: 1 },
        ]);
        const [{ n }] = await api.db.query(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'call.close'`);
        expect(n).toBe(1);
      } finally {
        redis.disconnect();
        await worker.close();
        await api.close();
      }
    });
  }, 60_000);
});
