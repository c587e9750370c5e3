import { MigrationInterface, QueryRunner } from 'typeorm';

export class ReviewAndFunding1764000002000 implements MigrationInterface {
  name = 'ReviewAndFunding1764000002000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE review_assignments (
        application_id uuid NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        reviewer_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        call_id uuid NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
        assigned_by uuid REFERENCES users(id) ON DELETE SET NULL,
        assigned_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (application_id, reviewer_id)
      )`);
    await q.query(`CREATE INDEX review_assignments_reviewer_idx ON review_assignments (reviewer_id)`);
    await q.query(`CREATE INDEX review_assignments_call_idx ON review_assignments (call_id)`);
    await q.query(`
      CREATE TABLE reviewer_conflicts (
        application_id uuid NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        reviewer_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        reason text NOT NULL,
        declared_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (application_id, reviewer_id)
      )`);
    await q.query(`
      CREATE TABLE reviews (
        application_id uuid NOT NULL,
        reviewer_id uuid NOT NULL,
        call_id uuid NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
        comment text NOT NULL DEFAULT '',
        status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted')),
        submitted_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (application_id, reviewer_id),
        FOREIGN KEY (application_id, reviewer_id) REFERENCES review_assignments(application_id, reviewer_id) ON DELETE CASCADE,
        CHECK ((status = 'submitted') = (submitted_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX reviews_call_idx ON reviews (call_id) WHERE status = 'submitted'`);
    await q.query(`
      CREATE TABLE review_scores (
        application_id uuid NOT NULL,
        reviewer_id uuid NOT NULL,
        call_id uuid NOT NULL,
        criterion_key text NOT NULL,
        score int NOT NULL CHECK (score >= 0),
        PRIMARY KEY (application_id, reviewer_id, criterion_key),
        FOREIGN KEY (application_id, reviewer_id) REFERENCES reviews(application_id, reviewer_id) ON DELETE CASCADE,
        FOREIGN KEY (call_id, criterion_key) REFERENCES call_criteria(call_id, key) ON DELETE RESTRICT
      )`);
    await q.query(`CREATE INDEX review_scores_call_idx ON review_scores (call_id)`);
    await q.query(`
      CREATE TABLE decisions (
        application_id uuid PRIMARY KEY REFERENCES applications(id) ON DELETE CASCADE,
        call_id uuid NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
        category text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('funded','rejected')),
        granted_amount bigint CHECK (granted_amount > 0),
        rationale text NOT NULL,
        decided_by uuid REFERENCES users(id) ON DELETE SET NULL,
        decided_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((outcome = 'funded') = (granted_amount IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX decisions_call_idx ON decisions (call_id, category) WHERE outcome = 'funded'`);
    await q.query(`
      CREATE TABLE network_projects (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        call_id uuid NOT NULL REFERENCES calls(id) ON DELETE RESTRICT,
        application_id uuid NOT NULL UNIQUE REFERENCES applications(id) ON DELETE RESTRICT,
        name text NOT NULL,
        category text NOT NULL,
        lead_organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE RESTRICT,
        coordinator_organization_id uuid REFERENCES organizations(id) ON DELETE SET NULL,
        granted_amount bigint NOT NULL CHECK (granted_amount > 0),
        period_start date,
        period_end date,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active','completed')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX network_projects_call_idx ON network_projects (call_id)`);
    await q.query(`
      CREATE TABLE network_project_members (
        project_id uuid NOT NULL REFERENCES network_projects(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE RESTRICT,
        role text NOT NULL CHECK (role IN ('lead','member')),
        joined_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (project_id, organization_id)
      )`);
    await q.query(`CREATE INDEX network_project_members_org_idx ON network_project_members (organization_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'network_project_members',
      'network_projects',
      'decisions',
      'review_scores',
      'reviews',
      'reviewer_conflicts',
      'review_assignments',
    ]) {
      await q.query(`DROP TABLE ${t}`);
    }
  }
}
