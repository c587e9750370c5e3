/**
 * CSV in the dialect Finnish Excel opens by double-click: `;` between cells (the decimal
 * separator is the comma), decimal commas, money in euros (the columns named as such), and
 * UTF-8 with a byte-order mark so that Finnish and Swedish letters come out right.
 */
export type CsvColumn<T> = (keyof T & string) | { key: keyof T & string; euros: true };

const SEPARATOR = ';';

function csvCell(value: unknown, euros: boolean): string {
  if (typeof value === 'number') return (euros ? (value / 100).toFixed(2) : String(value)).replace('.', ',');
  const text = value === null || value === undefined ? '' : value instanceof Date ? value.toISOString() : String(value);
  // Defuse spreadsheet formulas in text cells, then quote whatever could break a row.
  const safe = typeof value === 'string' && /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r;]/.test(safe) || safe !== text ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Rows as CSV; a `{ key, euros: true }` column holds cents and is written in euros, its header saying so. */
export function toCsv<T extends object>(columns: CsvColumn<T>[], rows: T[]): string {
  const cols = columns.map((c) => (typeof c === 'string' ? { key: c, euros: false } : c));
  const header = cols.map((c) => (c.euros ? `${c.key} (€)` : c.key)).join(SEPARATOR);
  const lines = [header, ...rows.map((r) => cols.map((c) => csvCell(r[c.key], c.euros)).join(SEPARATOR))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export function wantsCsv(accept: string | undefined): boolean {
  return accept?.includes('text/csv') ?? false;
}
