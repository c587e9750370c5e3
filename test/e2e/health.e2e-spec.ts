import { startTestApi, withEnv } from '../helpers/api';
import { ScratchRedis } from '../helpers/redis-server';

describe('GET /api/health', () => {
  it('answers 200 when PostgreSQL and Redis answer, and 503 naming Redis once it stops', async () => {
    const redis = new ScratchRedis(6391);
    await redis.start();
    const api = await withEnv({ REDIS_URL: redis.url }, startTestApi);
    try {
      const ok = await api.http().get('/api/health').expect(200);
      expect(ok.body).toMatchObject({ status: 'ok', info: { postgres: { status: 'up' }, redis: { status: 'up' } } });

      await redis.stop();
      const down = await api.http().get('/api/health').expect(503);
      expect(down.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(down.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', down: ['redis'] });
      expect(down.body.detail).toMatch(/redis/);
    } finally {
      await redis.stop();
      await api.close();
    }
  });
});
