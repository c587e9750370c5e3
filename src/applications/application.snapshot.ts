import { EntityManager } from 'typeorm';

/** What a submitted version freezes: every field the applicant fills in. */
export interface ApplicationContent {
  category: string;
  title: string;
  summary: string;
  requestedAmount: number;
  selfFinancingAmount: number;
  projectStart: string | null;
  projectEnd: string | null;
  memberOrganizationIds: string[];
  partners: { name: string; kind: string }[];
  budget: { item: string; amount: number }[];
}

/**
 * At closing, an application edited after its last submit counts as it was submitted: the
 * unsubmitted edits are replaced by the last submitted version.
 */
export async function restoreSubmittedContent(m: EntityManager, callId: string): Promise<number> {
  const [restored] = await m.query(
    `UPDATE applications a SET
        category = v.content->>'category',
        title = v.content->>'title',
        summary = v.content->>'summary',
        requested_amount = (v.content->>'requestedAmount')::bigint,
        self_financing_amount = (v.content->>'selfFinancingAmount')::bigint,
        project_start = (v.content->>'projectStart')::date,
        project_end = (v.content->>'projectEnd')::date,
        partners = v.content->'partners',
        budget = v.content->'budget',
        has_unsubmitted_changes = false,
        updated_at = now()
       FROM application_versions v
      WHERE a.call_id = $1 AND a.status = 'submitted' AND a.has_unsubmitted_changes
        AND v.application_id = a.id AND v.version = a.submitted_version
      RETURNING a.id, v.content->'memberOrganizationIds' AS members`,
    [callId],
  );
  const rows = restored as { id: string; members: string[] }[];
  if (rows.length > 0) {
    // The members as submitted, for all restored applications at once.
    const ids = rows.map((r) => r.id);
    await m.query('DELETE FROM application_members WHERE application_id = ANY($1::uuid[])', [ids]);
    await m.query(
      `INSERT INTO application_members (application_id, organization_id)
       SELECT r.id, jsonb_array_elements_text(r.members)::uuid FROM jsonb_to_recordset($1::jsonb) AS r(id uuid, members jsonb)`,
      [JSON.stringify(rows)],
    );
  }
  return restored.length;
}
