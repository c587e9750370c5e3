/** A PostgreSQL `date` as `YYYY-MM-DD` (pg reads one as local midnight, so the local parts are the date). */
export function dateOnly(value: unknown): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value.slice(0, 10);
  const d = value as Date;
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
