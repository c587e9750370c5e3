import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Acceptance and refusal of a grant (issue 20, item 3): a published funded decision waits for
 * the lead organisation's answer until its acceptance_due_at; silence is acceptance at that
 * instant. A refused grant no longer counts towards the call's caps (the funded count per
 * category and the granted sum read `grant_status <> 'refused'`), so its slot and money are free.
 */
export class GrantAcceptance1765900000000 implements MigrationInterface {
  name = 'GrantAcceptance1765900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE decisions ADD COLUMN grant_status text NOT NULL DEFAULT 'pending' CHECK (grant_status IN ('pending','accepted','refused'))`,
    );
    await q.query(`ALTER TABLE decisions ADD COLUMN grant_answered_at timestamptz`);
    await q.query(`ALTER TABLE decisions ADD COLUMN grant_answered_by uuid REFERENCES users(id) ON DELETE SET NULL`);
    await q.query(`ALTER TABLE decisions ADD COLUMN accepted_by_silence boolean NOT NULL DEFAULT false`);
    await q.query(`ALTER TABLE decisions ADD COLUMN refusal_reason text`);
    await q.query(
      `ALTER TABLE decisions ADD CONSTRAINT decisions_grant_answer_check CHECK (
         (grant_status = 'pending' OR (outcome = 'funded' AND grant_answered_at IS NOT NULL))
         AND ((grant_status = 'refused') = (refusal_reason IS NOT NULL))
         AND (NOT accepted_by_silence OR grant_status = 'accepted'))`,
    );
    await q.query(
      `CREATE INDEX decisions_acceptance_pending_idx ON decisions (acceptance_due_at) WHERE grant_status = 'pending' AND acceptance_due_at IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX decisions_acceptance_pending_idx`);
    await q.query(`ALTER TABLE decisions DROP CONSTRAINT decisions_grant_answer_check`);
    for (const c of ['refusal_reason', 'accepted_by_silence', 'grant_answered_by', 'grant_answered_at', 'grant_status']) {
      await q.query(`ALTER TABLE decisions DROP COLUMN ${c}`);
    }
  }
}
