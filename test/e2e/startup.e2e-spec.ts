import { Logger } from 'nestjs-pino';
import { startApi } from '../../src/main';
import { startTestApi, withEnv } from '../helpers/api';

describe('API start-up', () => {
  it('logs the address it listens on', async () => {
    const log = jest.spyOn(Logger.prototype, 'log');
    const app = await withEnv({ PORT: '0' }, startApi);
    try {
      const { port } = app.getHttpServer().address() as { port: number };
      expect(log.mock.calls.map((c) => c[0])).toContain(`Avustus API listening on http://0.0.0.0:${port}`);
    } finally {
      log.mockRestore();
      await app.close();
    }
  });
});

describe('GET /api/docs', () => {
  it('does not tell browsers to upgrade to https when the service is not served over TLS', async () => {
    const api = await withEnv({ PUBLIC_URL: undefined }, startTestApi);
    try {
      const page = await api.http().get('/api/docs').expect(200);
      expect(page.headers['content-security-policy']).toMatch(/script-src 'self' 'unsafe-inline'/);
      expect(page.headers['content-security-policy']).not.toMatch(/upgrade-insecure-requests/);
    } finally {
      await api.close();
    }
  });

  it('tells browsers to upgrade insecure requests when PUBLIC_URL is https', async () => {
    const api = await withEnv({ PUBLIC_URL: 'https://avustus.example.fi' }, startTestApi);
    try {
      const page = await api.http().get('/api/docs').expect(200);
      expect(page.headers['content-security-policy']).toMatch(/upgrade-insecure-requests/);
    } finally {
      await api.close();
    }
  });
});
