import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

/** Compiles the service as `npm start` runs it (from a clean dist), for tests that need real processes to kill. */
export function buildService(): void {
  rmSync(join(ROOT, 'dist'), { recursive: true, force: true });
  execFileSync(process.execPath, [join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(ROOT, 'tsconfig.build.json')], {
    cwd: ROOT,
    stdio: 'pipe',
  });
}

export interface ServiceProcess {
  proc: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

/** Starts `node dist/src/main.js` (on env.PORT) or `dist/src/worker.js` with the test settings (plus `env`) and waits until it is ready. */
export async function startService(kind: 'api' | 'worker', env: Record<string, string> = {}, timeoutMs = 20_000): Promise<ServiceProcess> {
  const proc = spawn(process.execPath, [join(ROOT, 'dist', 'src', kind === 'api' ? 'main.js' : 'worker.js')], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  proc.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  const until = Date.now() + timeoutMs;
  const ready = async () =>
    kind === 'api'
      ? (await fetch(`http://127.0.0.1:${env.PORT}/api/health`).catch(() => undefined))?.ok === true
      : /Worker started/.test(out);
  while (!(await ready())) {
    if (proc.exitCode !== null) throw new Error(`${kind} exited early:\n${out}`);
    if (Date.now() > until) {
      proc.kill('SIGKILL');
      throw new Error(`${kind} did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { proc, output: () => out, exited };
}
