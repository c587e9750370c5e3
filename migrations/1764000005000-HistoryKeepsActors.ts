import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit trail and the submitted versions are history: they keep who acted even if that user
 * row is ever removed, instead of the foreign key setting it to NULL. Without the two foreign
 * keys a submit also runs two referential-integrity checks (and row locks on `users`) fewer.
 */
export class HistoryKeepsActors1764000005000 implements MigrationInterface {
  name = 'HistoryKeepsActors1764000005000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE audit_events DROP CONSTRAINT audit_events_actor_id_fkey`);
    await q.query(`ALTER TABLE application_versions DROP CONSTRAINT application_versions_submitted_by_fkey`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `UPDATE audit_events e SET actor_id = NULL WHERE actor_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = e.actor_id)`,
    );
    await q.query(`ALTER TABLE audit_events ADD FOREIGN KEY (actor_id) REFERENCES users(id) ON DELETE SET NULL`);
    await q.query(
      `UPDATE application_versions v SET submitted_by = NULL WHERE submitted_by IS NOT NULL AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = v.submitted_by)`,
    );
    await q.query(`ALTER TABLE application_versions ADD FOREIGN KEY (submitted_by) REFERENCES users(id) ON DELETE SET NULL`);
  }
}
