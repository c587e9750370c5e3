import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

/**
 * Where the CPU goes during a phase: the API, the worker, PostgreSQL (the backends of the bench
 * database plus the server's own background processes, e.g. the WAL writer every commit waits
 * for), Redis, and this load generator. Read from /proc, so it needs the database on this machine;
 * elsewhere the PostgreSQL and Redis shares are simply 0.
 */
export interface CpuSplit {
  wallMs: number;
  /** CPU seconds per component. */
  seconds: Record<string, number>;
  /** Share of the machine (all cores) per component, and `idle`, in percent. */
  percentOfMachine: Record<string, number>;
}

interface Snapshot {
  at: number;
  /** CPU ticks and component per process (the load generator under pid 0). */
  perProcess: Map<number, { component: string; ticks: number }>;
  machineTotal: number;
  machineIdle: number;
}

let ticksPerSecond: number | undefined;

function clockTicks(): number {
  if (ticksPerSecond === undefined) {
    try {
      ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      ticksPerSecond = 100;
    }
  }
  return ticksPerSecond;
}

function readText(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined; // the process went away between listing and reading
  }
}

/** utime + stime of one process, in ticks. */
function processTicks(pid: number): number | undefined {
  const stat = readText(`/proc/${pid}/stat`);
  if (!stat) return undefined;
  // The command name is in parentheses and may contain spaces: fields start after the last ')'.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return Number(fields[11]) + Number(fields[12]);
}

/** Which component a system process belongs to, if any we track. */
function classify(pid: number, databaseName: string): string | undefined {
  const comm = readText(`/proc/${pid}/comm`)?.trim();
  if (comm === 'redis-server') return 'redis';
  if (comm !== 'postgres') return undefined;
  const cmdline = (readText(`/proc/${pid}/cmdline`) ?? '').replace(/\0/g, ' ');
  // Client backends read "postgres: <ver>/main: <user> <db> <addr> <state>"; the others are the
  // server's background processes (WAL writer, checkpointer, …), which serve every database.
  const isClientBackend = /\d+\.\d+\.\d+\.\d+\(\d+\)|\[local\]/.test(cmdline);
  if (!isClientBackend) return 'postgres';
  return cmdline.includes(` ${databaseName} `) ? 'postgres' : undefined;
}

export class CpuSampler {
  constructor(
    private readonly databaseName: string,
    private readonly services: () => { name: string; pid: number }[],
  ) {}

  snapshot(): Snapshot {
    const perProcess = new Map<number, { component: string; ticks: number }>();
    const own = new Set<number>();
    for (const s of this.services()) {
      own.add(s.pid);
      const ticks = processTicks(s.pid);
      if (ticks !== undefined) perProcess.set(s.pid, { component: s.name, ticks });
    }
    for (const entry of readdirSync('/proc')) {
      if (!/^\d+$/.test(entry)) continue;
      const pid = Number(entry);
      if (own.has(pid) || pid === process.pid) continue;
      const component = classify(pid, this.databaseName);
      if (!component) continue;
      const ticks = processTicks(pid);
      if (ticks !== undefined) perProcess.set(pid, { component, ticks });
    }
    const usage = process.cpuUsage();
    perProcess.set(0, { component: 'loadgen', ticks: ((usage.user + usage.system) / 1e6) * clockTicks() });

    const cpuLine = (readText('/proc/stat') ?? '').split('\n')[0].trim().split(/\s+/).slice(1, 9).map(Number); // guest time is already in user
    const machineTotal = cpuLine.reduce((a, b) => a + b, 0);
    const machineIdle = (cpuLine[3] ?? 0) + (cpuLine[4] ?? 0); // idle + iowait
    return { at: performance.now(), perProcess, machineTotal, machineIdle };
  }

  /**
   * CPU used between two snapshots, per process and summed per component. A process that exits in
   * between takes its share with it (it counts as `other`); the pools are warm during the measured
   * phases, so that is rare. One that starts in between counts in full.
   */
  split(before: Snapshot, after: Snapshot): CpuSplit {
    const hz = clockTicks();
    const machineTicks = Math.max(1, after.machineTotal - before.machineTotal);
    const used = new Map<string, number>();
    for (const [pid, end] of after.perProcess) {
      const start = before.perProcess.get(pid);
      // A reused pid belongs to a new process: count it from zero.
      const delta = start && start.component === end.component && start.ticks <= end.ticks ? end.ticks - start.ticks : end.ticks;
      used.set(end.component, (used.get(end.component) ?? 0) + delta);
    }
    const seconds: Record<string, number> = {};
    const percentOfMachine: Record<string, number> = {};
    for (const [key, ticks] of used) {
      seconds[key] = Math.round((ticks / hz) * 100) / 100;
      percentOfMachine[key] = Math.round((ticks / machineTicks) * 1000) / 10;
    }
    // Everything else on the machine (other test runs, builds): large values mean the figures are noisy.
    const tracked = Object.values(seconds).reduce((a, b) => a + b, 0) * hz;
    const busy = machineTicks - (after.machineIdle - before.machineIdle);
    seconds.other = Math.round((Math.max(0, busy - tracked) / hz) * 100) / 100;
    percentOfMachine.other = Math.round((Math.max(0, busy - tracked) / machineTicks) * 1000) / 10;
    percentOfMachine.idle = Math.round(((after.machineIdle - before.machineIdle) / machineTicks) * 1000) / 10;
    return { wallMs: Math.round(after.at - before.at), seconds, percentOfMachine };
  }
}
