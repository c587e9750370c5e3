import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { draftApplication, openCall } from '../factories/call.factory';
import { adminToken, createOrg, createUser, type UserFixture } from '../factories/identity.factory';
import { resetDatabase, startTestApi, TestApi } from '../helpers/api';
import { ensureWebBuilt } from './browser';

/**
 * What goes over the wire: the built UI as the build compressed it (br, else gzip, else as is),
 * large API answers compressed on the fly, small ones (a submit's receipt) left alone. Through
 * fastify's inject, which hands back the bytes as sent, undecoded.
 */
const DIST = join(__dirname, '..', '..', 'web', 'dist');
let api: TestApi;
let admin: string;
let applicant: UserFixture;

function get(url: string, acceptEncoding?: string, token?: string) {
  const headers: Record<string, string> = {};
  if (acceptEncoding !== undefined) headers['accept-encoding'] = acceptEncoding;
  if (token) headers.authorization = `Bearer ${token}`;
  return api.app.inject({ method: 'GET', url, headers });
}

function decoded(encoding: string | undefined, raw: Buffer): Buffer {
  if (encoding === 'br') return brotliDecompressSync(raw);
  if (encoding === 'gzip') return gunzipSync(raw);
  return raw;
}

beforeAll(async () => {
  ensureWebBuilt();
  api = await startTestApi();
  await resetDatabase(api);
  admin = await adminToken(api);
  const org = await createOrg(api, admin);
  applicant = await createUser(api, admin, org.id, ['applicant']);
});

afterAll(() => api?.close());

describe('the web UI, compressed at build time', () => {
  const mainScript = () =>
    /<script type="module" crossorigin src="\/(assets\/index-[^"]+\.js)"/.exec(readFileSync(join(DIST, 'index.html'), 'utf8'))?.[1];

  it('sends the main script as brotli to a browser that accepts it, gzip to one that takes only gzip, and the same bytes', async () => {
    const file = mainScript();
    expect(file).toBeDefined();
    const original = readFileSync(join(DIST, file as string));
    expect(original.length).toBeGreaterThan(100_000);
    for (const [accept, encoding] of [
      ['gzip, deflate, br, zstd', 'br'],
      ['gzip', 'gzip'],
    ] as const) {
      const res = await get(`/${file}`, accept);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers['content-type']).toMatch(/^(text|application)\/javascript/);
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(res.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      // Much smaller on the wire, and exactly the built file once decoded.
      expect(res.rawPayload.length).toBeLessThan(original.length / 2.5);
      expect(Number(res.headers['content-length'])).toBe(res.rawPayload.length);
      expect(decoded(encoding, res.rawPayload).equals(original)).toBe(true);
    }
  });

  it('sends the file as it is to a client that accepts no compression', async () => {
    const file = mainScript() as string;
    const res = await get(`/${file}`);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(res.rawPayload.equals(readFileSync(join(DIST, file)))).toBe(true);
  });

  it('answers a client route with the compressed index.html, revalidated, which preloads the first page’s fonts', async () => {
    const original = readFileSync(join(DIST, 'index.html'));
    for (const path of ['/', '/calls', '/applications/7d0c1f3e-2d55-4d38-9a39-5d1c6f8e2b10']) {
      const res = await get(path, 'br;q=1.0, gzip;q=0.8');
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe('br');
      expect(res.headers['content-type']).toMatch(/^text\/html/);
      expect(res.headers['cache-control']).toBe('no-cache');
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      const html = decoded('br', res.rawPayload);
      expect(html.equals(original)).toBe(true);
      const preloads = [...html.toString('utf8').matchAll(/<link rel="preload" as="font" type="font\/woff2" href="([^"]+)" crossorigin/g)];
      expect(preloads.map((m) => /latin-(\d+)-normal/.exec(m[1])?.[1])).toEqual(['400', '600', '700']);
      const font = await get(preloads[0][1], 'br, gzip');
      expect(font.statusCode).toBe(200);
      // woff2 is compressed already: sent as it is.
      expect(font.headers['content-encoding']).toBeUndefined();
    }
  });

  it('has index.html load a small script that modulepreloads the landing route’s chunks beside the main script', async () => {
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    const src = /<script async src="\/(assets\/route-preload-[^"]+\.js)"><\/script>/.exec(html)?.[1];
    expect(src).toBeDefined();
    const manifest = JSON.parse(readFileSync(join(DIST, '.vite', 'manifest.json'), 'utf8')) as Record<string, { file: string }>;
    const res = await get(`/${src}`, 'br');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/javascript/);
    const script = decoded(res.headers['content-encoding'] as string | undefined, res.rawPayload).toString('utf8');
    for (const page of ['HomePage', 'CallsPage', 'ApplicationPage']) {
      expect(script).toContain(manifest[`src/routes/applicant/${page}.tsx`].file);
    }
    expect(script).toContain(manifest['src/routes/common/SignInPage.tsx'].file);
    expect(script).toMatch(/\.rel = "modulepreload"/);
  });

  it('keeps the compressed copies out of reach under their own names', async () => {
    const file = mainScript() as string;
    const res = await get(`/${file}.br`, 'br');
    expect(res.statusCode).toBe(404);
  });
});

describe('API answers', () => {
  it('compresses a large answer (the call listing, over 2 KB) as br or gzip per Accept-Encoding, and the JSON is the same', async () => {
    for (let i = 0; i < 3; i += 1) await openCall(api, admin, 3_600_000);
    const plain = await get('/api/calls', undefined, applicant.token);
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.rawPayload.length).toBeGreaterThan(2048);
    const listing = JSON.parse(plain.body) as unknown[];
    expect(listing).toHaveLength(3);
    for (const [accept, encoding] of [
      ['gzip, deflate, br', 'br'],
      ['gzip', 'gzip'],
    ] as const) {
      const res = await get('/api/calls', accept, applicant.token);
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-encoding']).toBe(encoding);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      expect(res.headers.vary).toMatch(/accept-encoding/i);
      expect(res.rawPayload.length).toBeLessThan(plain.rawPayload.length / 2);
      expect(JSON.parse(decoded(encoding, res.rawPayload).toString('utf8'))).toEqual(listing);
    }
  });

  it('leaves small answers (the submit’s receipt, a problem) uncompressed', async () => {
    const call = await openCall(api, admin, 3_600_000);
    const draft = await draftApplication(api, applicant.token, call.id);
    const submitted = await api.app.inject({
      method: 'POST',
      url: `/api/applications/${draft.id}/submit`,
      headers: { authorization: `Bearer ${applicant.token}`, 'accept-encoding': 'br, gzip' },
    });
    expect(submitted.statusCode).toBe(200);
    expect(submitted.rawPayload.length).toBeLessThan(2048);
    expect(submitted.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(submitted.body)).toMatchObject({ status: 'submitted' });

    const missing = await get('/api/no-such-route', 'br, gzip');
    expect(missing.statusCode).toBe(404);
    expect(missing.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(missing.body)).toMatchObject({ code: 'NOT_FOUND' });
  });
});
