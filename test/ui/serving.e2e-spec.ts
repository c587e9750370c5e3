import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { startTestApi, TestApi } from '../helpers/api';
import { ensureWebBuilt } from './browser';

/** The API serves the built web UI at / with a history fallback, and keeps /api its own. */
let api: TestApi;

beforeAll(async () => {
  ensureWebBuilt();
  api = await startTestApi();
});

afterAll(() => api?.close());

describe('serving the web UI', () => {
  it('answers a client route with index.html, revalidated, under a CSP without inline scripts', async () => {
    for (const path of ['/', '/calls/7d0c1f3e-2d55-4d38-9a39-5d1c6f8e2b10', '/login?redirect=%2F']) {
      const res = await api.http().get(path).expect(200);
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.text).toContain('<div id="root"></div>');
      expect(res.headers['cache-control']).toBe('no-cache');
      const csp = res.headers['content-security-policy'];
      expect(csp).toContain("script-src 'self';");
      expect(csp).toContain("style-src 'self' 'unsafe-inline'");
    }
  });

  it('caches hashed assets for good', async () => {
    const asset = readdirSync(join(__dirname, '..', '..', 'web', 'dist', 'assets')).find((f) => f.endsWith('.js'));
    const res = await api.http().get(`/assets/${asset}`).expect(200);
    expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('keeps JSON 404s under /api and for missing files', async () => {
    for (const path of ['/api/no-such-route', '/api', '/assets/no-such-file.js', '/robots.txt']) {
      const res = await api.http().get(path).expect(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('NOT_FOUND');
    }
  });
});
