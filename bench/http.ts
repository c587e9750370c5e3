import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface HttpResult {
  status: number;
  /** Parsed JSON when the response is JSON, else the raw text. */
  body: unknown;
  /** From writing the request to the last byte of the response. */
  ms: number;
}

/**
 * A minimal JSON client over node:http (undici is not installed). One keep-alive agent, so the
 * rush reuses `maxSockets` connections the way a load balancer or many browsers would, and the
 * figures measure the API, not TCP handshakes.
 */
export class HttpClient {
  private readonly agent: Agent;

  constructor(
    private readonly baseUrl: string,
    maxSockets: number,
    private readonly timeoutMs = 60_000,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets, maxFreeSockets: maxSockets });
  }

  get(path: string, token?: string): Promise<HttpResult> {
    return this.send('GET', path, undefined, token);
  }

  post(path: string, body: unknown, token?: string): Promise<HttpResult> {
    return this.send('POST', path, body, token);
  }

  send(method: string, path: string, body: unknown, token?: string): Promise<HttpResult> {
    const url = new URL(path, this.baseUrl);
    const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
    const headers: Record<string, string | number> = { accept: 'application/json' };
    if (payload) {
      headers['content-type'] = 'application/json';
      headers['content-length'] = payload.length;
    }
    if (token) headers.authorization = `Bearer ${token}`;

    return new Promise<HttpResult>((resolvePromise, reject) => {
      const started = performance.now();
      const req = request(url, { method, headers, agent: this.agent, timeout: this.timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const ms = performance.now() - started;
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = text;
          if ((res.headers['content-type'] ?? '').includes('json') && text.length > 0) {
            try {
              parsed = JSON.parse(text);
            } catch {
              parsed = text;
            }
          }
          resolvePromise({ status: res.statusCode ?? 0, body: parsed, ms });
        });
      });
      req.on('timeout', () => req.destroy(new Error(`${method} ${path} timed out after ${this.timeoutMs} ms`)));
      req.on('error', reject);
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** Throws with the response when an expected status did not come: for set-up steps only. */
export function expectStatus(result: HttpResult, expected: number, what: string): void {
  if (result.status !== expected) {
    throw new Error(`${what}: expected HTTP ${expected}, got ${result.status}: ${JSON.stringify(result.body).slice(0, 500)}`);
  }
}
