import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
export const ROOT = join(__dirname, '..', '..');

/** A package's command-line script. */
function binOf(pkg: string, bin: string): string {
  const manifest = require.resolve(`${pkg}/package.json`, { paths: [ROOT] });
  const { bin: bins } = JSON.parse(readFileSync(manifest, 'utf8')) as { bin: string | Record<string, string> };
  return join(dirname(manifest), typeof bins === 'string' ? bins : bins[bin]);
}

export interface Finding {
  rule: string;
  where: string;
  message: string;
}

/** Runs a linter that exits non-zero on findings; its JSON report is on stdout either way. */
async function report(script: string, args: string[]): Promise<string> {
  try {
    return (await run(process.execPath, [script, ...args], { cwd: ROOT, maxBuffer: 64 * 1024 * 1024 })).stdout;
  } catch (e) {
    const stdout = (e as { stdout?: string }).stdout;
    if (!stdout) throw e;
    return stdout;
  }
}

/** The errors of `redocly lint` with redocly.yaml (the recommended rules). */
export async function redoclyErrors(file: string): Promise<Finding[]> {
  const out = await report(binOf('@redocly/cli', 'redocly'), ['lint', '--config', join(ROOT, 'redocly.yaml'), '--format=json', file]);
  const { problems } = JSON.parse(out) as {
    problems: { ruleId: string; severity: string; message: string; location: { pointer: string }[] }[];
  };
  return problems
    .filter((p) => p.severity === 'error')
    .map((p) => ({ rule: p.ruleId, where: p.location[0]?.pointer ?? '', message: p.message }));
}

/** The errors of Spectral with .spectral.yaml (the OWASP ruleset). */
export async function spectralErrors(file: string): Promise<Finding[]> {
  const out = await report(binOf('@stoplight/spectral-cli', 'spectral'), [
    'lint',
    '--ruleset',
    join(ROOT, '.spectral.yaml'),
    '--format',
    'json',
    '--quiet',
    file,
  ]);
  const results = JSON.parse(out || '[]') as { code: string; severity: number; message: string; path: string[] }[];
  return results.filter((r) => r.severity === 0).map((r) => ({ rule: r.code, where: r.path.join('.'), message: r.message }));
}

/** web/'s own check that src/api/schema.d.ts is what openapi-typescript makes of the checked-in openapi.json. */
export async function checkClientTypes(): Promise<void> {
  // Under `npm test` npm says where it is; otherwise it is on the PATH.
  const npm = process.env.npm_execpath;
  const args = ['run', 'check:api', '-w', 'web'];
  await (npm ? run(process.execPath, [npm, ...args], { cwd: ROOT }) : run('npm', args, { cwd: ROOT }));
}
