import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts that can be administered and sessions that end: a user's own language (else their
 * organisation's), whether they may sign in, and a session version that every access token
 * carries — raising it (sign-out, deactivation, a change of roles, a password reset) ends every
 * token issued before. Organisations get their bank details. Password-reset links are kept only
 * as SHA-256 hashes, single use, with their expiry.
 */
export class Accounts1765800000000 implements MigrationInterface {
  name = 'Accounts1765800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN language text CHECK (language IN ('fi', 'sv', 'en'))`);
    await q.query(`ALTER TABLE users ADD COLUMN active boolean NOT NULL DEFAULT true`);
    await q.query(`ALTER TABLE users ADD COLUMN session_version integer NOT NULL DEFAULT 0`);
    await q.query(`ALTER TABLE organizations ADD COLUMN IF NOT EXISTS iban text`);
    await q.query(`ALTER TABLE organizations ADD COLUMN IF NOT EXISTS bic text`);
    await q.query(
      `CREATE TABLE password_resets (
         token_hash bytea PRIMARY KEY,
         user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
         expires_at timestamptz NOT NULL,
         used_at timestamptz,
         created_at timestamptz NOT NULL DEFAULT now())`,
    );
    await q.query(`CREATE INDEX password_resets_user_idx ON password_resets (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE password_resets`);
    await q.query(`ALTER TABLE organizations DROP COLUMN bic`);
    await q.query(`ALTER TABLE organizations DROP COLUMN iban`);
    await q.query(`ALTER TABLE users DROP COLUMN session_version`);
    await q.query(`ALTER TABLE users DROP COLUMN active`);
    await q.query(`ALTER TABLE users DROP COLUMN language`);
  }
}
