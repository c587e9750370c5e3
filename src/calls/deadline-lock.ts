/**
 * The advisory lock of one call's deadline, as SQL: every applicant change (create, edit,
 * submit, withdraw) holds it shared until it commits, the closing job holds it exclusively for
 * its transaction. So the closing job waits for the changes in flight, and a change that waited
 * for the closing job reads the clock only after it has closed, and is refused.
 *
 * An advisory lock lives in the lock manager's memory only. The key-share row lock on the call
 * that these changes took before touched the call's row for every one: a multixact per
 * concurrent change and a WAL record each, all on one hot row — a tenth of the throughput of a
 * deadline rush. (The closing job still locks the call row too, which makes a second run a no-op
 * and keeps reminders, which take a key-share lock, from running across the closing.)
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
