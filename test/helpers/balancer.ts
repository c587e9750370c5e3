import { ChildProcess, spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
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

/**
 * The checked-in deploy/haproxy.cfg (what docker-compose runs), bound to `port` on loopback and
 * pointed at the API processes on `apiPorts` instead of the compose services.
 */
export function haproxyConfig(port: number, apiPorts: number[]): string {
  const deployed = readFileSync(join(__dirname, '..', '..', 'deploy', 'haproxy.cfg'), 'utf8');
  const servers = deployed.match(/^\s*server api\d+ .*$/gm) ?? [];
  if (servers.length !== apiPorts.length) throw new Error(`deploy/haproxy.cfg has ${servers.length} API servers, not ${apiPorts.length}`);
  let n = 0;
  return deployed
    .replace(/^(\s*bind) :\d+$/m, `$1 127.0.0.1:${port}`)
    .replace(/^(\s*server api\d+) \S+:3000 /gm, (_, head: string) => `${head} 127.0.0.1:${apiPorts[n++]} `);
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
