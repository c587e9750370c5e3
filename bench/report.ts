/** The targets the figures are held against, and the human-readable table on stderr. */

interface Target {
  key: string;
  label: string;
  unit: string;
  /** 'min': the figure must be at least the target; 'max': at most. */
  kind: 'min' | 'max';
  target?: number;
}

export const TARGETS: Target[] = [
  { key: 'submitsPerSec', label: 'deadline rush', unit: 'submits/s', kind: 'min', target: 1500 },
  { key: 'p50Ms', label: 'submit p50', unit: 'ms', kind: 'max' },
  { key: 'p95Ms', label: 'submit p95', unit: 'ms', kind: 'max' },
  { key: 'p99Ms', label: 'submit p99', unit: 'ms', kind: 'max', target: 100 },
  { key: 'errors', label: 'submit errors', unit: 'non-200', kind: 'max', target: 0 },
  { key: 'submitsPerSecTwoApis', label: 'rush, two API processes', unit: 'submits/s', kind: 'min' },
  { key: 'p99MsTwoApis', label: 'submit p99, two APIs', unit: 'ms', kind: 'max' },
  { key: 'errorsTwoApis', label: 'submit errors, two APIs', unit: 'non-200', kind: 'max', target: 0 },
  { key: 'sqlBaselinePerSec', label: 'SQL baseline (best pool)', unit: 'tx/s', kind: 'min' },
  { key: 'apiToSqlRatio', label: 'API ÷ SQL', unit: '', kind: 'min', target: 0.6 },
  { key: 'rssMb', label: 'API peak RSS', unit: 'MB', kind: 'max', target: 250 },
  { key: 'startMs', label: 'API start (migrate → 200)', unit: 'ms', kind: 'max', target: 3000 },
  { key: 'rankingMs', label: 'ranking, 5 000 apps', unit: 'ms', kind: 'max', target: 200 },
  { key: 'proposalMs', label: 'funding proposal', unit: 'ms', kind: 'max' },
];

export function meets(t: Target, value: number): boolean | undefined {
  if (t.target === undefined || !Number.isFinite(value)) return undefined;
  return t.kind === 'min' ? value >= t.target : value <= t.target;
}

/** Which targets were missed, by key: part of the JSON so a script can see it without the table. */
export function missedTargets(result: Record<string, unknown>): string[] {
  return TARGETS.filter((t) => meets(t, Number(result[t.key])) === false).map((t) => t.key);
}

export function printTable(result: Record<string, unknown>, extraLines: string[]): void {
  const rows = TARGETS.map((t) => {
    const value = Number(result[t.key]);
    const ok = meets(t, value);
    const target = t.target === undefined ? '' : `${t.kind === 'min' ? '≥' : '≤'} ${t.target}`;
    return [t.label, Number.isFinite(value) ? String(value) : 'n/a', t.unit, target, ok === undefined ? '' : ok ? 'ok' : 'MISSED'];
  });
  const header = ['figure', 'value', 'unit', 'target', ''];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 1 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ');
  const out = [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line), ...extraLines];
  process.stderr.write(`\n${out.join('\n')}\n\n`);
}
