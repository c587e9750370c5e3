import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FastifyInstance } from 'fastify';
import helmet, { HelmetOptions } from 'helmet';

/**
 * The Content-Security-Policy of one kind of page. `upgrade-insecure-requests` (on in helmet by
 * default) makes the browser fetch a page's scripts over https: right only when the service is
 * served over TLS (PUBLIC_URL https://…), else the pages stay blank on any address but localhost.
 */
function helmetOptions(scriptSrc: string[], servedOverTls: boolean): HelmetOptions {
  return {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        // styled-components (the Suomi.fi design system) injects <style> at run time.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        fontSrc: ["'self'"],
        scriptSrc,
        upgradeInsecureRequests: servedOverTls ? [] : null,
      },
    },
  };
}

/** The web UI and the API's JSON: scripts only from our own files, never inline. */
const APP_SCRIPTS = ["'self'"];
/** The OpenAPI page under /api/docs is the only HTML with inline scripts. */
const DOCS_SCRIPTS = ["'self'", "'unsafe-inline'"];

/**
 * Helmet's response headers, worked out once by running helmet's own middleware against a
 * recorder. They depend on nothing in the request (no CSP nonces), so there is nothing to redo
 * per request — which @fastify/helmet does: it rebuilds the middleware, CSP parsing included,
 * for every request, a measurable share of the API's CPU in the deadline rush.
 */
export function securityHeaders(options: HelmetOptions): Record<string, string> {
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
  helmet(options)({} as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => {
    if (err) throw err instanceof Error ? err : new Error(String(err));
    done = true;
  });
  if (!done) throw new Error('helmet did not finish synchronously');
  return headers;
}

/** Every response, errors and 404s included, carries the headers. */
export function registerSecurityHeaders(fastify: FastifyInstance, servedOverTls: boolean): void {
  const app = securityHeaders(helmetOptions(APP_SCRIPTS, servedOverTls));
  const docs = securityHeaders(helmetOptions(DOCS_SCRIPTS, servedOverTls));
  fastify.addHook('onRequest', (request, reply, done) => {
    void reply.headers(request.url.startsWith('/api/docs') ? docs : app);
    done();
  });
}
