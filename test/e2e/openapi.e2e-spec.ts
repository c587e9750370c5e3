import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resetDatabase, startTestApi, TestApi, withEnv } from '../helpers/api';
import { checkClientTypes, redoclyErrors, ROOT, spectralErrors } from '../helpers/openapi-lint';

/**
 * The OpenAPI gate: the document the service serves passes Redocly's recommended rules and the
 * OWASP ruleset of Spectral (less what .spectral.yaml says does not apply, and why), the checked-in
 * openapi.json is that document, and the web client's types are what openapi-typescript makes of it.
 * A stale document or client fails here: run `npm run openapi`.
 */
describe('the OpenAPI document', () => {
  let api: TestApi;
  let dir: string;
  let served: string;
  let file: string;

  beforeAll(async () => {
    api = await startTestApi();
    await resetDatabase(api);
    dir = mkdtempSync(join(tmpdir(), 'avustus-openapi-'));
    const res = await api.http().get('/api/docs-json').expect(200);
    served = JSON.stringify(res.body, null, 2) + '\n';
    file = join(dir, 'openapi.json');
    writeFileSync(file, served);
  });

  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await api.close();
  });

  it('passes Redocly’s recommended rules with no error', async () => {
    expect(await redoclyErrors(file)).toEqual([]);
  });

  it('passes the OWASP ruleset of Spectral with no error', async () => {
    expect(await spectralErrors(file)).toEqual([]);
  });

  it('is the checked-in openapi.json (run `npm run openapi` after changing the API)', () => {
    expect(readFileSync(join(ROOT, 'openapi.json'), 'utf8')).toBe(served);
  });

  it('is what web/src/api/schema.d.ts was generated from (run `npm run openapi`)', async () => {
    await expect(checkClientTypes()).resolves.toBeUndefined();
  });

  it('gives every operation a summary, a description, a tag and a typed success response', () => {
    const document = JSON.parse(served) as {
      paths: Record<string, Record<string, { summary?: string; description?: string; tags?: string[]; responses: object }>>;
    };
    const lacking = Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item).flatMap(([method, op]) => {
        const success = Object.entries(op.responses).filter(([status]) => status.startsWith('2'));
        const typed = success.every(([status, r]) => status === '204' || 'content' in r);
        return op.summary && op.description && op.tags?.length && success.length > 0 && typed ? [] : [`${method} ${path}`];
      }),
    );
    expect(lacking).toEqual([]);
  });

  it('states the login rate limit on every answer of login, and Retry-After on its 429', async () => {
    const limited = await withEnv({ LOGIN_RATE_LIMIT: '1' }, startTestApi);
    try {
      const attempt = () => limited.http().post('/api/auth/login').send({ email: 'nobody@avustus.test', password: 'wrong-password' });
      const first = await attempt().expect(401);
      expect(first.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(first.headers['x-ratelimit-limit']).toBe('1');
      const refused = await attempt().expect(429);
      expect(refused.body.code).toBe('RATE_LIMITED');
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
      expect(refused.headers['x-ratelimit-limit']).toBe('1');
      expect(refused.headers['x-ratelimit-remaining']).toBe('0');
    } finally {
      await limited.close();
    }
  });
});
