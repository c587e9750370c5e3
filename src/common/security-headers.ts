import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { HelmetOptions } from 'helmet';

/**
 * The API serves JSON; the only HTML is the OpenAPI page under /api/docs, with inline scripts and
 * styles. `upgrade-insecure-requests` (on in helmet by default) makes the browser fetch that page's
 * scripts over https: only right when the service is served over TLS, else the page stays blank.
 */
function helmetOptions(servedOverTls: boolean): HelmetOptions {
  return {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'", "'unsafe-inline'"],
        upgradeInsecureRequests: servedOverTls ? [] : null,
      },
    },
  };
}

/**
 * Helmet's response headers, worked out once by running helmet's own middleware against a
 * recorder. They depend on nothing in the request (no CSP nonces), so there is nothing to redo
 * per request — which @fastify/helmet does: it rebuilds the middleware, CSP parsing included,
 * for every request, a measurable share of the API's CPU in the deadline rush.
 */
export function securityHeaders(servedOverTls: boolean): Record<string, string> {
  const headers: Record<string, string> = {};
  const recorder = {
    setHeader(name: string, value: string | number | readonly string[]) {
      headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : String(value);
    },
    removeHeader(name: string) {
      delete headers[name.toLowerCase()];
    },
  };
  let done = false;
  helmet(helmetOptions(servedOverTls))({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err instanceof Error ? err : new Error(String(err));
    done = true;
  });
  if (!done) throw new Error('helmet did not finish synchronously');
  return headers;
}

/** Every response, errors and 404s included, carries the headers. */
export function registerSecurityHeaders(fastify: FastifyInstance, servedOverTls: boolean): void {
  const headers = securityHeaders(servedOverTls);
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.headers(headers);
    done();
  });
}
