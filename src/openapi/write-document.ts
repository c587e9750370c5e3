import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { createApi } from '../app.factory';

/**
 * Writes the OpenAPI document exactly as the service serves it at /api/docs-json (asked in-process,
 * without listening on a port). The web client is generated from this file.
 */
async function main(out: string): Promise<void> {
  const app = await createApi();
  try {
    await app.init();
    const fastify = app.getHttpAdapter().getInstance();
    await fastify.ready();
    const res = await fastify.inject({ method: 'GET', url: '/api/docs-json' });
    if (res.statusCode !== 200) throw new Error(`GET /api/docs-json answered ${res.statusCode}`);
    writeFileSync(out, JSON.stringify(res.json(), null, 2) + '\n');
  } finally {
    await app.close();
  }
}

main(process.argv[2] ?? 'openapi.json').catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
