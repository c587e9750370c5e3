import { MigrationInterface, QueryRunner } from 'typeorm';

export class Coordination1764000003000 implements MigrationInterface {
  name = 'Coordination1764000003000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE join_requests (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES network_projects(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        requested_by uuid REFERENCES users(id) ON DELETE SET NULL,
        message text NOT NULL DEFAULT '',
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','approved','declined')),
        decided_by uuid REFERENCES users(id) ON DELETE SET NULL,
        decided_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX join_requests_one_pending ON join_requests (project_id, organization_id) WHERE status = 'pending'`);
    await q.query(`
      CREATE TABLE project_reports (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES network_projects(id) ON DELETE CASCADE,
        type text NOT NULL CHECK (type IN ('interim','final')),
        due_at timestamptz NOT NULL,
        status text NOT NULL DEFAULT 'due' CHECK (status IN ('due','submitted','accepted','returned','overdue')),
        content jsonb,
        late boolean NOT NULL DEFAULT false,
        attachment_name text,
        attachment_type text,
        attachment bytea,
        submitted_at timestamptz,
        submitted_by uuid REFERENCES users(id) ON DELETE SET NULL,
        reviewed_at timestamptz,
        reviewed_by uuid REFERENCES users(id) ON DELETE SET NULL,
        review_comment text,
        overdue_at timestamptz,
        UNIQUE (project_id, type)
      )`);
    await q.query(`CREATE INDEX project_reports_due_idx ON project_reports (due_at) WHERE status IN ('due','returned')`);
    await q.query(`
      CREATE TABLE report_milestones (
        report_id uuid NOT NULL REFERENCES project_reports(id) ON DELETE CASCADE,
        kind text NOT NULL,
        done_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (report_id, kind)
      )`);
    await q.query(`
      CREATE TABLE practices (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        project_id uuid NOT NULL REFERENCES network_projects(id) ON DELETE CASCADE,
        organization_id uuid NOT NULL REFERENCES organizations(id) ON DELETE RESTRICT,
        author_id uuid REFERENCES users(id) ON DELETE SET NULL,
        title text NOT NULL,
        partnership_level text NOT NULL CHECK (partnership_level IN ('everyday','development','strategic')),
        needs text NOT NULL DEFAULT '',
        solution text NOT NULL DEFAULT '',
        results text NOT NULL DEFAULT '',
        status text NOT NULL CHECK (status IN ('in_progress','completed')),
        contacts jsonb NOT NULL DEFAULT '[]',
        search tsvector GENERATED ALWAYS AS (
          setweight(to_tsvector('finnish', title), 'A') ||
          setweight(to_tsvector('finnish', needs || ' ' || solution), 'B') ||
          setweight(to_tsvector('finnish', results), 'C')) STORED,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX practices_search_idx ON practices USING gin (search)`);
    await q.query(`CREATE INDEX practices_project_idx ON practices (project_id)`);
    await q.query(`
      CREATE TABLE announcements (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        call_id uuid NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
        author_id uuid REFERENCES users(id) ON DELETE SET NULL,
        subject text NOT NULL,
        body text NOT NULL,
        recipients int NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['announcements', 'practices', 'report_milestones', 'project_reports', 'join_requests'])
      await q.query(`DROP TABLE ${t}`);
  }
}
