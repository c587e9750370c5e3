import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { HttpClient } from './http';

/** A spawned API or worker process with its log file. */
export interface Service {
  name: string;
  child: ChildProcess;
  pid: number;
  logFile: string;
  spawnedAt: number;
}

const running = new Set<Service>();

/**
 * Starts `node <script>` from the repository root. Output goes to a log file (not to our stdout,
 * whose last line must be the JSON result); an early exit is reported through `exited`.
 */
export function spawnService(
  name: string,
  root: string,
  script: string,
  env: Record<string, string>,
  logDir: string,
  nodeArgs: string[] = [],
): Service {
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${name}.log`);
  const log = createWriteStream(logFile, { flags: 'w' });
  const spawnedAt = performance.now();
  // PATH etc. come from our environment; the service's own settings only from `env`, so a
  // DATABASE_URL exported in the shell can never point the bench at another database.
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^(DATABASE_URL|REDIS_URL|QUEUE_PREFIX|PORT|LOG_LEVEL|DB_POOL_SIZE|JWT_|ADMIN_|SMTP_URL)/.test(k),
    ),
  );
  const child = spawn(process.execPath, [...nodeArgs, script], {
    cwd: root,
    env: { ...inherited, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  if (child.pid === undefined) throw new Error(`could not start ${name} (${script})`);
  const service: Service = { name, child, pid: child.pid, logFile, spawnedAt };
  running.add(service);
  child.on('exit', () => running.delete(service));
  return service;
}

export function isAlive(service: Service): boolean {
  return service.child.exitCode === null && service.child.signalCode === null;
}

export function logTail(service: Service, lines = 30): string {
  if (!existsSync(service.logFile)) return '';
  return readFileSync(service.logFile, 'utf8').split('\n').slice(-lines).join('\n');
}

/** Polls GET /api/health every `everyMs` until it answers 200; returns ms since spawn. */
export async function waitForHealth(service: Service, client: HttpClient, timeoutMs = 60_000, everyMs = 20): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (!isAlive(service)) throw new Error(`${service.name} exited during start-up:\n${logTail(service)}`);
    const status = await client
      .get('/api/health')
      .then((r) => r.status)
      .catch(() => 0); // not listening yet
    if (status === 200) return performance.now() - service.spawnedAt;
    await sleep(everyMs);
  }
  throw new Error(`${service.name} did not become healthy within ${timeoutMs} ms:\n${logTail(service)}`);
}

/** Waits for a file the process writes when it is ready (the worker's readiness marker). */
export async function waitForFile(service: Service, file: string, timeoutMs = 60_000): Promise<number> {
  const deadline = performance.now() + timeoutMs;
  while (performance.now() < deadline) {
    if (!isAlive(service)) throw new Error(`${service.name} exited during start-up:\n${logTail(service)}`);
    if (existsSync(file)) return performance.now() - service.spawnedAt;
    await sleep(20);
  }
  throw new Error(`${service.name} did not become ready within ${timeoutMs} ms:\n${logTail(service)}`);
}

/** SIGTERM (the services shut down gracefully), then SIGKILL after a grace period. Only our own children. */
export async function stopService(service: Service, graceMs = 5_000): Promise<void> {
  if (!isAlive(service)) return;
  const exited = new Promise<void>((done) => service.child.once('exit', () => done()));
  service.child.kill('SIGTERM');
  const timer = setTimeout(() => service.child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((s) => stopService(s)));
}

/** Synchronous last resort for process exit paths where nothing async runs any more. */
export function killAllNow(): void {
  for (const s of running) if (isAlive(s)) s.child.kill('SIGKILL');
}

function statusKb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, 'm').exec(status);
  if (!match) throw new Error(`no ${field} in /proc/${pid}/status`);
  return Number(match[1]);
}

/** Peak resident set (VmHWM) of a live process so far, in MB. */
export function peakRssMb(pid: number): number {
  return statusKb(pid, 'VmHWM') / 1024;
}

/** Current resident set (VmRSS) of a live process, in MB. */
export function currentRssMb(pid: number): number {
  return statusKb(pid, 'VmRSS') / 1024;
}

/** The preferred port when it is free, else any free port the kernel hands out. */
export async function freePort(preferred: number): Promise<number> {
  const tryListen = (port: number) =>
    new Promise<number | undefined>((done) => {
      const server = createServer();
      server.once('error', () => done(undefined));
      server.listen(port, '0.0.0.0', () => {
        const address = server.address();
        const got = typeof address === 'object' && address ? address.port : undefined;
        server.close(() => done(got));
      });
    });
  return (await tryListen(preferred)) ?? (await tryListen(0)) ?? preferred;
}
