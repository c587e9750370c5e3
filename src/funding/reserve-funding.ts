import { EntityManager } from 'typeorm';
import { acceptanceDeadline } from '../decision-documents/decision.rules';
import { documentReadyNotifications, issueCorrection } from '../decision-documents/document.generator';
import type { Language } from '../identity/organization.entity';
import { enqueueNotifications } from '../notifications/outbox';
import { Localized, templates } from '../notifications/templates';

export interface ReserveEffects {
  notificationIds: string[];
  notifiedAt: Date;
  acceptanceDueAt: Date;
  reports: { id: string; due_at: Date }[];
  timezone: string;
}

/** The reason the new version of the decision document states, in its language. */
const REASON: Record<'fi' | 'sv', string> = {
  fi: 'Avustus myönnetty varasijalta, kun aiemmin myönnetystä avustuksesta kieltäydyttiin.',
  sv: 'Understödet beviljat från reservlistan sedan ett tidigare beviljat understöd avböjts.',
};

/**
 * What publishing does for a funded decision, done for one application funded from the reserve
 * after publication, in the decision's own transaction (which holds the call's row lock and has
 * checked both caps): the application becomes funded, is notified now with its own acceptance
 * deadline, gets its network project owing the call's reports, and a new version of its decision
 * document (the first one said rejected). The caller schedules the jobs after commit.
 */
export async function fundFromReserve(m: EntityManager, applicationId: string, actorId: string): Promise<ReserveEffects> {
  const [r] = await m.query(
    `SELECT a.call_id, a.title, a.lead_organization_id, o.language, c.title AS call_title, c.timezone, c.acceptance_days,
            d.granted_amount, d.rationale, d.rationale_sv, now() AS now
       FROM applications a JOIN organizations o ON o.id = a.lead_organization_id JOIN calls c ON c.id = a.call_id
       JOIN decisions d ON d.application_id = a.id
      WHERE a.id = $1`,
    [applicationId],
  );
  const deadline = acceptanceDeadline(r.now, r.acceptance_days, r.timezone);
  await m.query(
    `UPDATE decisions SET notified_at = $2, acceptance_due_at = $3, grant_status = 'pending', grant_answered_at = NULL,
            grant_answered_by = NULL, accepted_by_silence = false, refusal_reason = NULL
      WHERE application_id = $1`,
    [applicationId, r.now, deadline.endsAt],
  );
  await m.query(`UPDATE applications SET status = 'funded', updated_at = now() WHERE id = $1`, [applicationId]);
  const [coordinator] = await m.query(
    `SELECT coordinator_organization_id FROM network_projects WHERE call_id = $1 AND coordinator_organization_id IS NOT NULL LIMIT 1`,
    [r.call_id],
  );
  const [project] = await m.query(
    `INSERT INTO network_projects (call_id, application_id, name, category, lead_organization_id, coordinator_organization_id, granted_amount, period_start, period_end)
     SELECT a.call_id, a.id, a.title, a.category, a.lead_organization_id, $2, d.granted_amount, a.project_start, a.project_end
       FROM decisions d JOIN applications a ON a.id = d.application_id WHERE a.id = $1
     ON CONFLICT (application_id) DO NOTHING RETURNING id`,
    [applicationId, coordinator?.coordinator_organization_id ?? null],
  );
  let reports: { id: string; due_at: Date }[] = [];
  if (project) {
    await m.query(
      `INSERT INTO network_project_members (project_id, organization_id, role)
       SELECT p.id, p.lead_organization_id, 'lead' FROM network_projects p WHERE p.id = $1
       UNION ALL
       SELECT p.id, x.organization_id, 'member' FROM network_projects p JOIN application_members x ON x.application_id = p.application_id
        WHERE p.id = $1
       ON CONFLICT DO NOTHING`,
      [project.id],
    );
    reports = await m.query(
      `INSERT INTO project_reports (project_id, type, due_at)
       SELECT p.id, d->>'type', (d->>'dueAt')::timestamptz
         FROM network_projects p JOIN calls c ON c.id = p.call_id, jsonb_array_elements(c.reports_due) d
        WHERE p.id = $1
       ON CONFLICT (project_id, type) DO NOTHING
       RETURNING id, due_at`,
      [project.id],
    );
  }
  const language = r.language as Language;
  const callTitle = r.call_title as Localized;
  const issued = await issueCorrection(m, applicationId, REASON[language === 'sv' ? 'sv' : 'fi'], actorId);
  const ids = await enqueueNotifications(m, [
    {
      recipient: { organizationId: r.lead_organization_id },
      kind: 'decision_funded',
      language,
      dedupeKey: `decision-reserve-${applicationId}`,
      message: templates.decisionFunded(
        { applicationTitle: r.title, callTitle, granted: Number(r.granted_amount), rationale: r.rationale },
        language,
      ),
    },
    ...(issued ? documentReadyNotifications([issued], callTitle) : []),
  ]);
  return { notificationIds: ids, notifiedAt: r.now, acceptanceDueAt: deadline.endsAt, reports, timezone: r.timezone };
}
