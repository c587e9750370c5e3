import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * After the decision, part 1: the call's acceptance period, payment plan and case-number prefix;
 * a decision's rationale in Swedish and its conditions; the case number and notification time a
 * published decision gets; and the decision documents, stored immutably. The database itself
 * refuses to change or delete a stored document (a trigger) and checks that its SHA-256 is the
 * hash of its bytes (a CHECK): a correction is a new version, never an overwrite.
 */
export class DecisionDocuments1765700000000 implements MigrationInterface {
  name = 'DecisionDocuments1765700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE calls ADD COLUMN acceptance_days int NOT NULL DEFAULT 14 CHECK (acceptance_days BETWEEN 1 AND 365)`);
    await q.query(
      `ALTER TABLE calls ADD COLUMN payment_plan jsonb NOT NULL DEFAULT '[{"share": 100, "trigger": "acceptance"}]'
         CHECK (jsonb_typeof(payment_plan) = 'array' AND jsonb_array_length(payment_plan) > 0)`,
    );
    await q.query(`ALTER TABLE calls ADD COLUMN case_number_prefix text CHECK (length(case_number_prefix) BETWEEN 1 AND 60)`);

    await q.query(`ALTER TABLE decisions ADD COLUMN rationale_sv text`);
    await q.query(
      `ALTER TABLE decisions ADD COLUMN conditions jsonb CHECK (conditions IS NULL OR jsonb_typeof(conditions->'fi') = 'string')`,
    );
    await q.query(`ALTER TABLE decisions ADD COLUMN case_number text UNIQUE`);
    await q.query(`ALTER TABLE decisions ADD COLUMN notified_at timestamptz`);
    await q.query(`ALTER TABLE decisions ADD COLUMN acceptance_due_at timestamptz`);

    // The running number behind each case-number prefix, so two calls sharing a prefix never collide.
    await q.query(`
      CREATE TABLE case_number_counters (
        prefix text PRIMARY KEY,
        last_number int NOT NULL CHECK (last_number >= 0)
      )`);

    await q.query(`
      CREATE TABLE decision_documents (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        application_id uuid NOT NULL REFERENCES applications(id) ON DELETE RESTRICT,
        call_id uuid NOT NULL REFERENCES calls(id) ON DELETE RESTRICT,
        version int NOT NULL CHECK (version >= 1),
        language text NOT NULL CHECK (language IN ('fi','sv')),
        case_number text NOT NULL,
        pdf bytea NOT NULL,
        sha256 text NOT NULL CHECK (sha256 = encode(sha256(pdf), 'hex')),
        html text NOT NULL,
        html_sha256 text NOT NULL CHECK (html_sha256 = encode(sha256(convert_to(html, 'UTF8')), 'hex')),
        correction_reason text,
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (application_id, language, version),
        CHECK ((version = 1) = (correction_reason IS NULL))
      )`);
    await q.query(`CREATE INDEX decision_documents_call_idx ON decision_documents (call_id)`);
    await q.query(`
      CREATE FUNCTION decision_documents_immutable() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'decision documents are immutable: % refused on document %; a correction is a new version', TG_OP, OLD.id
          USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER decision_documents_immutable BEFORE UPDATE OR DELETE ON decision_documents
        FOR EACH ROW EXECUTE FUNCTION decision_documents_immutable()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE decision_documents`);
    await q.query(`DROP FUNCTION decision_documents_immutable()`);
    await q.query(`DROP TABLE case_number_counters`);
    for (const c of ['acceptance_due_at', 'notified_at', 'case_number', 'conditions', 'rationale_sv']) {
      await q.query(`ALTER TABLE decisions DROP COLUMN ${c}`);
    }
    for (const c of ['case_number_prefix', 'payment_plan', 'acceptance_days']) await q.query(`ALTER TABLE calls DROP COLUMN ${c}`);
  }
}
