import { MigrationInterface, QueryRunner } from 'typeorm';

export class CallsAndApplications1764000001000 implements MigrationInterface {
  name = 'CallsAndApplications1764000001000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE calls (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        title jsonb NOT NULL CHECK (jsonb_typeof(title->'fi') = 'string'),
        description jsonb NOT NULL CHECK (jsonb_typeof(description->'fi') = 'string'),
        opens_at timestamptz NOT NULL,
        closes_at timestamptz NOT NULL,
        timezone text NOT NULL DEFAULT 'Europe/Helsinki',
        total_budget bigint NOT NULL CHECK (total_budget > 0),
        reviews_per_application int NOT NULL CHECK (reviews_per_application BETWEEN 1 AND 20),
        eligible_kinds text[] NOT NULL CHECK (cardinality(eligible_kinds) > 0 AND eligible_kinds <@
          ARRAY['education_provider','municipality','authority','company','third_sector','other']::text[]),
        min_self_financing_percent numeric(5,2) CHECK (min_self_financing_percent BETWEEN 0 AND 100),
        reports_due jsonb NOT NULL DEFAULT '[]',
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','published')),
        published_at timestamptz,
        closed_at timestamptz,
        decided_at timestamptz,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (opens_at < closes_at),
        CHECK (status = 'published' OR (published_at IS NULL AND closed_at IS NULL AND decided_at IS NULL)),
        CHECK (decided_at IS NULL OR closed_at IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX calls_open_idx ON calls (closes_at) WHERE status = 'published' AND closed_at IS NULL`);
    await q.query(`
      CREATE TABLE call_categories (
        call_id uuid NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
        key text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{0,49}$'),
        title text NOT NULL,
        max_funded int NOT NULL CHECK (max_funded >= 0),
        max_amount bigint CHECK (max_amount > 0),
        position int NOT NULL,
        PRIMARY KEY (call_id, key)
      )`);
    await q.query(`
      CREATE TABLE call_criteria (
        call_id uuid NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
        key text NOT NULL CHECK (key ~ '^[a-z][a-z0-9_]{0,49}$'),
        title text NOT NULL,
        weight numeric(10,4) NOT NULL CHECK (weight > 0),
        max_score int NOT NULL CHECK (max_score >= 1),
        position int NOT NULL,
        PRIMARY KEY (call_id, key)
      )`);
    // Time-driven work of a call that is done once: reminders. The reconciler reads what is due here.
    await q.query(`
      CREATE TABLE call_milestones (
        call_id uuid NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
        kind text NOT NULL,
        done_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (call_id, kind)
      )`);
    await q.query(`
      CREATE TABLE applications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        call_id uuid NOT NULL REFERENCES calls(id) ON DELETE RESTRICT,
        category text NOT NULL,
        lead_organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE RESTRICT,
        title text NOT NULL DEFAULT '',
        summary text NOT NULL DEFAULT '',
        requested_amount bigint NOT NULL DEFAULT 0 CHECK (requested_amount >= 0),
        self_financing_amount bigint NOT NULL DEFAULT 0 CHECK (self_financing_amount >= 0),
        project_start date,
        project_end date,
        partners jsonb NOT NULL DEFAULT '[]',
        budget jsonb NOT NULL DEFAULT '[]',
        status text NOT NULL DEFAULT 'draft'
          CHECK (status IN ('draft','submitted','in_review','funded','rejected','withdrawn','expired')),
        version int NOT NULL DEFAULT 1,
        submitted_version int,
        has_unsubmitted_changes boolean NOT NULL DEFAULT false,
        submitted_at timestamptz,
        first_submitted_at timestamptz,
        withdrawn_at timestamptz,
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        FOREIGN KEY (call_id, category) REFERENCES call_categories(call_id, key) ON DELETE RESTRICT,
        CHECK (status IN ('draft','withdrawn','expired') OR submitted_at IS NOT NULL)
      )`);
    await q.query(`CREATE INDEX applications_call_status_idx ON applications (call_id, status)`);
    await q.query(`CREATE INDEX applications_lead_idx ON applications (lead_organization_id)`);
    await q.query(`
      CREATE TABLE application_members (
        application_id uuid NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE RESTRICT,
        PRIMARY KEY (application_id, organization_id)
      )`);
    await q.query(`CREATE INDEX application_members_org_idx ON application_members (organization_id)`);
    await q.query(`
      CREATE TABLE application_versions (
        application_id uuid NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        version int NOT NULL,
        content jsonb NOT NULL,
        submitted_at timestamptz NOT NULL,
        submitted_by uuid REFERENCES users(id) ON DELETE SET NULL,
        PRIMARY KEY (application_id, version)
      )`);
    await q.query(`
      CREATE TABLE notifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        recipient_user_id uuid REFERENCES users(id) ON DELETE CASCADE,
        recipient_organization_id uuid REFERENCES organizations(id) ON DELETE CASCADE,
        kind text NOT NULL,
        subject text NOT NULL,
        body text NOT NULL,
        language text NOT NULL CHECK (language IN ('fi','sv','en')),
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','failed')),
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        dedupe_key text UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        read_at timestamptz,
        CHECK ((recipient_user_id IS NULL) <> (recipient_organization_id IS NULL))
      )`);
    await q.query(`CREATE INDEX notifications_pending_idx ON notifications (created_at) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX notifications_user_idx ON notifications (recipient_user_id, created_at DESC)`);
    await q.query(`CREATE INDEX notifications_org_idx ON notifications (recipient_organization_id, created_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'notifications',
      'application_versions',
      'application_members',
      'applications',
      'call_milestones',
      'call_criteria',
      'call_categories',
      'calls',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
