import { execFileSync } from 'node:child_process';
import { chmodSync, chownSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The newest PostgreSQL server binaries Debian installed (/usr/lib/postgresql/<version>/bin). */
function postgresBin(): string {
  const versions = readdirSync('/usr/lib/postgresql').sort((a, b) => Number(a) - Number(b));
  if (versions.length === 0) throw new Error('no PostgreSQL server binaries under /usr/lib/postgresql');
  return join('/usr/lib/postgresql', versions[versions.length - 1], 'bin');
}

/**
 * A throwaway PostgreSQL cluster on its own port that asks for a password (scram-sha-256), for
 * tests of what the service says when its credentials are wrong. The server refuses to run as
 * root, so it runs as the `postgres` user when the tests run as root.
 */
export class ScratchPostgres {
  private dir?: string;

  constructor(
    readonly port: number,
    readonly password: string,
  ) {}

  private run(command: string, args: string[]): void {
    const asRoot = process.getuid?.() === 0;
    const [file, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(postgresBin(), command), ...args]]
      : [join(postgresBin(), command), args];
    execFileSync(file, argv, { stdio: 'pipe', cwd: tmpdir() });
  }

  start(): void {
    const dir = mkdtempSync(join(tmpdir(), 'avustus-pg-'));
    this.dir = dir;
    const pwfile = join(dir, 'pw');
    writeFileSync(pwfile, this.password);
    if (process.getuid?.() === 0) {
      const uid = Number(execFileSync('id', ['-u', 'postgres']).toString());
      const gid = Number(execFileSync('id', ['-g', 'postgres']).toString());
      chownSync(dir, uid, gid);
      chownSync(pwfile, uid, gid);
    }
    chmodSync(dir, 0o700);
    const data = join(dir, 'data');
    this.run('initdb', ['-D', data, '-U', 'postgres', '--auth=scram-sha-256', `--pwfile=${pwfile}`]);
    this.run('pg_ctl', [
      '-D',
      data,
      '-w',
      '-l',
      join(dir, 'log'),
      '-o',
      `-p ${this.port} -k ${dir} -c listen_addresses=127.0.0.1`,
      'start',
    ]);
  }

  stop(): void {
    if (!this.dir) return;
    try {
      this.run('pg_ctl', ['-D', join(this.dir, 'data'), '-m', 'immediate', 'stop']);
    } finally {
      rmSync(this.dir, { recursive: true, force: true });
      this.dir = undefined;
    }
  }
}
