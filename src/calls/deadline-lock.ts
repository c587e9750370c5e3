/**
 * The advisory lock of one call's deadline, as SQL: submits hold it shared for their one write
 * statement, the closing job holds it exclusively for its transaction. So the closing job waits
 * for the submits in flight, and a submit that waited for the closing job reads the clock only
 * after it has closed, and is refused.
 *
 * An advisory lock lives in the lock manager's memory only. The key-share row lock on the call
 * that submits took before touched the call's row for every submit: a multixact per concurrent
 * submit and a WAL record each, all on one hot row — a tenth of the throughput of a deadline rush.
 * Edits and withdrawals still take that row lock, which the closing job's FOR UPDATE waits for.
 *
 * The first key is this lock's own namespace (two-key advisory locks never meet the one-key ones
 * used elsewhere); the second is the call id's hash. Two calls with the same hash only wait for
 * each other's closing, which is harmless.
 */
const NAMESPACE = 1_131_176_273; // "CALL" (0x43414c4c) less 1e9, any fixed number

/** `callIdSql`: an SQL expression of the call's id, e.g. `$2`. */
export function deadlineLockArgs(callIdSql: string): string {
  return `${NAMESPACE}, hashtext(${callIdSql}::text)`;
}
