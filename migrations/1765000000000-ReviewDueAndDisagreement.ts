import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A call's review due date (drives the reviewer reminders and the officer's overdue flags) and the
 * spread, in points of the 0–100 score, from which the ranking flags an application's reviewers
 * as disagreeing.
 */
export class ReviewDueAndDisagreement1765000000000 implements MigrationInterface {
  name = 'ReviewDueAndDisagreement1765000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE calls ADD COLUMN reviews_due_at timestamptz`);
    await q.query(
      `ALTER TABLE calls ADD COLUMN disagreement_threshold numeric(5,2) NOT NULL DEFAULT 25
         CHECK (disagreement_threshold BETWEEN 0 AND 100)`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE calls DROP COLUMN disagreement_threshold`);
    await q.query(`ALTER TABLE calls DROP COLUMN reviews_due_at`);
  }
}
