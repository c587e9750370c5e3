import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';

/** Where `npm run build -w web` puts the built UI: web/dist of the project holding this file (from src/ or dist/src/). */
export function webDist(from = __dirname): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, 'web', 'package.json'))) return join(dir, 'web', 'dist');
  }
  return join(from, 'web', 'dist');
}

/** A path with a file extension in its last segment asks for a file, not a client route. */
const FILE = /\/[^/]*\.[^/]+$/;

/**
 * A path as the API's routes might be reached by a variant of it (other case, encoded letters,
 * doubled slashes): those must stay the API's 404s, never become the UI. Null when undecodable.
 */
function apiComparable(path: string): string | null {
  try {
    return decodeURIComponent(path)
      .replace(/\/{2,}/g, '/')
      .toLowerCase();
  } catch {
    return null;
  }
}

/**
 * The web UI at `/`: its files as they are, or their brotli/gzip copies made at build time
 * (hashed assets cached for good, index.html always revalidated), and index.html for any other non-/api path without a file extension, so that
 * the client's routes survive a reload. `/api/*` keeps the API's JSON 404s. Returns false when
 * the UI has not been built.
 */
export async function registerWebUi(app: NestFastifyApplication, root = webDist()): Promise<boolean> {
  if (!existsSync(join(root, 'index.html'))) return false;
  await app.register(fastifyStatic, {
    root,
    prefix: '/',
    wildcard: false,
    index: ['index.html'],
    cacheControl: false,
    // The build writes x.br and x.gz beside each text file (web/vite.config.ts): sent as they are
    // to a browser that accepts them, with Vary: accept-encoding; never reachable by their own names.
    preCompressed: true,
    globIgnore: ['**/*.br', '**/*.gz'],
    setHeaders: (res, path) => {
      res.header('cache-control', path.includes(`${join(root, 'assets')}`) ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  const fastify = app.getHttpAdapter().getInstance();
  fastify.get('/*', (request, reply) => {
    const path = apiComparable(request.url.split('?')[0]);
    if (path === null || path === '/api' || path.startsWith('/api/') || FILE.test(path)) return reply.callNotFound();
    void reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html');
  });
  return true;
}
