import { seed } from '../../src/seed/seed';
import { login } from '../factories/identity.factory';
import { resetDatabase, startTestApi, TestApi } from '../helpers/api';

describe('npm run seed', () => {
  let api: TestApi;

  beforeAll(async () => {
    api = await startTestApi();
    await resetDatabase(api);
  });
  afterAll(() => api.close());

  it('loads the 2018 call, closed, with seven network projects and two coordination applications, and an open call; twice is once', async () => {
    await seed(api.db);
    await seed(api.db);
    const token = await login(api, 'paivi.lehtinen@tai.demo', 'demo-password');
    const calls = await api.http().get('/api/calls').set('authorization', `Bearer ${token}`).expect(200);
    expect(calls.body.map((c: { phase: string }) => c.phase).sort()).toEqual(['closed', 'open']);
    const c2018 = calls.body.find((c: { phase: string }) => c.phase === 'closed');
    expect(c2018).toMatchObject({ totalBudget: 400_000_000, closesAt: '2018-11-21T22:00:00.000Z', timezone: 'Europe/Helsinki' });
    expect(c2018.categories.map((k: { key: string; maxFunded: number }) => [k.key, k.maxFunded])).toEqual([
      ['network_project', 6],
      ['coordination', 1],
    ]);
    const counts = await api.db.query(
      `SELECT category, status, count(*)::int AS n FROM applications WHERE call_id = $1 GROUP BY 1, 2 ORDER BY 1`,
      [c2018.id],
    );
    expect(counts).toEqual([
      { category: 'coordination', status: 'in_review', n: 2 },
      { category: 'network_project', status: 'in_review', n: 7 },
    ]);
    const late = await api.db.query(`SELECT count(*)::int AS n FROM applications WHERE call_id = $1 AND submitted_at >= $2`, [
      c2018.id,
      c2018.closesAt,
    ]);
    expect(late[0].n).toBe(0);
    const mine = await api.http().get('/api/applications').set('authorization', `Bearer ${token}`).expect(200);
    expect(mine.body.map((a: { title: string }) => a.title)).toEqual(['Kumppanuuksien johtaminen Varsinais-Suomessa']);
  });
});
