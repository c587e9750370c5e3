import { ChildProcess, spawn } from 'node:child_process';
import { startTestApi, withEnv } from '../helpers/api';

const SPARE_PORT = 6391;

function startRedis(port: number): Promise<ChildProcess> {
  const proc = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
    stdio: 'pipe',
  });
  return new Promise((resolve, reject) => {
    proc.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('Ready to accept connections')) resolve(proc);
    });
    proc.on('error', reject);
  });
}

describe('GET /api/health', () => {
  it('answers 200 when PostgreSQL and Redis answer, and 503 naming Redis once it stops', async () => {
    const redis = await startRedis(SPARE_PORT);
    const api = await withEnv({ REDIS_URL: `redis://127.0.0.1:${SPARE_PORT}/0` }, startTestApi);
    try {
      const ok = await api.http().get('/api/health').expect(200);
      expect(ok.body).toMatchObject({ status: 'ok', info: { postgres: { status: 'up' }, redis: { status: 'up' } } });

      redis.kill('SIGKILL');
      await new Promise((r) => redis.once('exit', r));
      const down = await api.http().get('/api/health').expect(503);
      expect(down.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(down.body).toMatchObject({ code: 'SERVICE_UNAVAILABLE', down: ['redis'] });
      expect(down.body.detail).toMatch(/redis/);
    } finally {
      redis.kill('SIGKILL');
      await api.close();
    }
  });
});
