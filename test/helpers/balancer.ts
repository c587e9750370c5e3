import { ChildProcess, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A port nothing listens on now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** HAProxy's configuration for the API processes on `apiPorts`, round robin, each health-checked (docker-compose uses deploy/haproxy.cfg). */
export function haproxyConfig(port: number, apiPorts: number[]): string {
  return [
    'global',
    '  maxconn 2000',
    'defaults',
    '  mode http',
    '  timeout connect 2s',
    '  timeout client 60s',
    '  timeout server 60s',
    '  option forwardfor',
    'frontend avustus',
    `  bind 127.0.0.1:${port}`,
    '  default_backend api',
    'backend api',
    '  balance roundrobin',
    '  option httpchk GET /api/health',
    ...apiPorts.map((p, i) => `  server api${i + 1} 127.0.0.1:${p} check inter 500ms fall 2 rise 1`),
    '',
  ].join('\n');
}

/** HAProxy (Debian's package) in the foreground in front of the API processes; ready once both report healthy. */
export class Balancer {
  private proc?: ChildProcess;
  private out = '';

  constructor(
    readonly port: number,
    private readonly apiPorts: number[],
  ) {}

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(timeoutMs = 15_000): Promise<void> {
    const file = join(tmpdir(), `avustus-haproxy-${process.pid}-${this.port}.cfg`);
    writeFileSync(file, haproxyConfig(this.port, this.apiPorts));
    this.proc = spawn('haproxy', ['-db', '-f', file], { stdio: ['ignore', 'pipe', 'pipe'] });
    this.proc.stdout?.on('data', (c: Buffer) => (this.out += c.toString()));
    this.proc.stderr?.on('data', (c: Buffer) => (this.out += c.toString()));
    const until = Date.now() + timeoutMs;
    // Health through the balancer twice in a row: round robin has then reached both servers.
    let healthy = 0;
    while (healthy < this.apiPorts.length) {
      if (this.proc.exitCode !== null) throw new Error(`haproxy exited:\n${this.out}`);
      if (Date.now() > until) throw new Error(`haproxy did not become ready:\n${this.out}`);
      const res = await fetch(`${this.url}/api/health`).catch(() => undefined);
      healthy = res?.ok ? healthy + 1 : 0;
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async stop(): Promise<void> {
    const proc = this.proc;
    if (!proc || proc.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      proc.once('exit', () => resolve());
      proc.kill('SIGTERM');
    });
  }
}
