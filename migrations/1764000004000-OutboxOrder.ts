import { MigrationInterface, QueryRunner } from 'typeorm';

/** The worker takes the outbox least-tried first, so one notification that keeps failing cannot hold up the rest. */
export class OutboxOrder1764000004000 implements MigrationInterface {
  name = 'OutboxOrder1764000004000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX notifications_outbox_idx ON notifications (attempts, created_at) WHERE status = 'pending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP INDEX notifications_outbox_idx');
  }
}
