/**
 * The `col = $n, ` assignments of a partial UPDATE: only the columns given a value (undefined ones
 * are left out), numbered from `$2` after the row id in `$1`, each followed by ", " so the caller
 * appends its fixed assignments (`updated_at = now()`). Column names come from code, never input.
 */
export function assignments(columns: Record<string, unknown>): { sql: string; values: unknown[] } {
  const set = Object.entries(columns).filter(([, v]) => v !== undefined);
  return { sql: set.map(([c], i) => `${c} = $${i + 2}, `).join(''), values: set.map(([, v]) => v) };
}
