import { MigrationInterface, QueryRunner } from 'typeorm';

export class Identity1764000000000 implements MigrationInterface {
  name = 'Identity1764000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
        business_id text NOT NULL UNIQUE CHECK (business_id ~ '^[0-9]{7}-[0-9]$'),
        kind text NOT NULL CHECK (kind IN ('education_provider','municipality','authority','company','third_sector','other')),
        municipality text,
        language text NOT NULL DEFAULT 'fi' CHECK (language IN ('fi','sv','en')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL UNIQUE CHECK (email = lower(email)),
        name text NOT NULL,
        password_hash text NOT NULL,
        roles text[] NOT NULL CHECK (cardinality(roles) > 0 AND roles <@ ARRAY['admin','reviewer','applicant','coordinator']::text[]),
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE RESTRICT,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX users_organization_idx ON users (organization_id)`);
    await q.query(`
      CREATE TABLE audit_events (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor_id uuid REFERENCES users(id) ON DELETE SET NULL,
        action text NOT NULL,
        entity text NOT NULL,
        entity_id text NOT NULL,
        before jsonb,
        after jsonb
      )`);
    await q.query(`CREATE INDEX audit_events_entity_idx ON audit_events (entity, entity_id, occurred_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query('DROP TABLE audit_events');
    await q.query('DROP TABLE users');
    await q.query('DROP TABLE organizations');
  }
}
