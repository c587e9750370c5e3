import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { audit } from '../common/audit';
import type { Language } from '../identity/organization.entity';
import { JobScheduler } from '../jobs/job-scheduler';
import { enqueueNotifications } from '../notifications/outbox';
import { Localized, templates } from '../notifications/templates';
import { documentReadyNotifications, issueDecisionDocuments } from '../decision-documents/document.generator';

export type PublishEffectsResult = 'done' | 'already-done' | 'not-decided';

/** The category whose funded application's organisation coordinates the call's network projects. */
export const COORDINATION_CATEGORY = 'coordination';

/**
 * Acts on a call's published decisions, once: applications become funded or rejected, each
 * funded application becomes a network project (with its lead and member organisations) owing
 * the call's reports, and * every applicant organisation is told its outcome in its language. A milestone row written in
 * the same transaction makes a second run do nothing.
 */
@Injectable()
export class DecisionPublishingService {
  private readonly logger = new Logger(DecisionPublishingService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobScheduler,
  ) {}

  async apply(callId: string): Promise<PublishEffectsResult> {
    const outcome = await this.db.transaction(async (m) => {
      const [call] = await m.query('SELECT id, title, decided_at, timezone FROM calls WHERE id = $1 FOR UPDATE', [callId]);
      if (!call?.decided_at) return { result: 'not-decided' as const, ids: [], reports: [], grants: [] };
      const [first] = await m.query(
        `INSERT INTO call_milestones (call_id, kind) VALUES ($1, 'decisions-applied') ON CONFLICT DO NOTHING RETURNING kind`,
        [callId],
      );
      if (!first) {
        // Applied before decision documents existed (or by an older version): issue the missing ones now.
        const late = await issueDecisionDocuments(m, callId);
        if (late.length === 0) return { result: 'already-done' as const, ids: [], reports: [], grants: [] };
        const ids = await enqueueNotifications(m, documentReadyNotifications(late, call.title as Localized));
        await audit(m, {
          actorId: null,
          action: 'decision.documents',
          entity: 'call',
          entityId: callId,
          after: { documents: late.length },
        });
        return { result: 'done' as const, ids, reports: [], grants: await pendingGrants(m, callId), timezone: call.timezone as string };
      }

      await m.query(
        `UPDATE applications a SET status = d.outcome, updated_at = now() FROM decisions d
          WHERE d.application_id = a.id AND a.call_id = $1 AND a.status = 'in_review'`,
        [callId],
      );
      const [coordinator] = await m.query(
        `SELECT a.lead_organization_id FROM decisions d JOIN applications a ON a.id = d.application_id
          WHERE d.call_id = $1 AND d.outcome = 'funded' AND d.category = $2 ORDER BY d.decided_at LIMIT 1`,
        [callId, COORDINATION_CATEGORY],
      );
      const projects: { id: string; application_id: string }[] = await m.query(
        `INSERT INTO network_projects (call_id, application_id, name, category, lead_organization_id, coordinator_organization_id, granted_amount, period_start, period_end)
         SELECT a.call_id, a.id, a.title, a.category, a.lead_organization_id, $2, d.granted_amount, a.project_start, a.project_end
           FROM decisions d JOIN applications a ON a.id = d.application_id
          WHERE d.call_id = $1 AND d.outcome = 'funded'
         ON CONFLICT (application_id) DO NOTHING
         RETURNING id, application_id`,
        [callId, coordinator?.lead_organization_id ?? null],
      );
      await m.query(
        `INSERT INTO network_project_members (project_id, organization_id, role)
         SELECT p.id, p.lead_organization_id, 'lead' FROM network_projects p WHERE p.id = ANY($1::uuid[])
         UNION ALL
         SELECT p.id, x.organization_id, 'member' FROM network_projects p JOIN application_members x ON x.application_id = p.application_id
          WHERE p.id = ANY($1::uuid[])
         ON CONFLICT DO NOTHING`,
        [projects.map((p) => p.id)],
      );
      // Every project owes the call's reports by their due dates.
      const reports: { id: string; due_at: Date }[] = await m.query(
        `INSERT INTO project_reports (project_id, type, due_at)
         SELECT p.id, d->>'type', (d->>'dueAt')::timestamptz
           FROM network_projects p JOIN calls c ON c.id = p.call_id, jsonb_array_elements(c.reports_due) d
          WHERE p.id = ANY($1::uuid[])
         ON CONFLICT (project_id, type) DO NOTHING
         RETURNING id, due_at`,
        [projects.map((p) => p.id)],
      );
      const decided: {
        id: string;
        title: string;
        lead_organization_id: string;
        language: Language;
        outcome: string;
        granted_amount: string | null;
        rationale: string;
      }[] = await m.query(
        `SELECT a.id, a.title, a.lead_organization_id, o.language, d.outcome, d.granted_amount, d.rationale
             FROM decisions d JOIN applications a ON a.id = d.application_id JOIN organizations o ON o.id = a.lead_organization_id
            WHERE d.call_id = $1`,
        [callId],
      );
      const callTitle = call.title as Localized;
      const ids = await enqueueNotifications(
        m,
        decided.map((d) => ({
          recipient: { organizationId: d.lead_organization_id },
          kind: d.outcome === 'funded' ? 'decision_funded' : 'decision_rejected',
          language: d.language,
          dedupeKey: `decision-${d.id}`,
          message:
            d.outcome === 'funded'
              ? templates.decisionFunded(
                  { applicationTitle: d.title, callTitle, granted: Number(d.granted_amount), rationale: d.rationale },
                  d.language,
                )
              : templates.decisionRejected({ applicationTitle: d.title, callTitle, rationale: d.rationale }, d.language),
        })),
      );
      // The decision documents, in the same transaction: they exist exactly when the publication's effects do.
      const documents = await issueDecisionDocuments(m, callId);
      ids.push(...(await enqueueNotifications(m, documentReadyNotifications(documents, callTitle))));
      await audit(m, {
        actorId: null,
        action: 'decision.apply',
        entity: 'call',
        entityId: callId,
        after: { projects: projects.length, notified: decided.length, documents: documents.length },
      });
      return { result: 'done' as const, ids, reports, grants: await pendingGrants(m, callId), timezone: call.timezone as string };
    });
    if (outcome.result === 'done') this.logger.log(`Applied the published decisions of call ${callId}`);
    await this.jobs.deliver(outcome.ids);
    if (outcome.result === 'done') for (const r of outcome.reports) await this.jobs.scheduleReportJobs(r.id, r.due_at, outcome.timezone);
    // Silence is acceptance at each funded grant's deadline (and a reminder before it).
    for (const g of outcome.grants) await this.jobs.scheduleAcceptanceJobs(g.application_id, g.acceptance_due_at, g.notified_at);
    return outcome.result;
  }
}

/** The call's funded grants awaiting their answer, for their acceptance jobs. */
function pendingGrants(
  m: EntityManager,
  callId: string,
): Promise<{ application_id: string; acceptance_due_at: Date; notified_at: Date }[]> {
  return m.query(
    `SELECT application_id, acceptance_due_at, notified_at FROM decisions
      WHERE call_id = $1 AND outcome = 'funded' AND grant_status = 'pending' AND acceptance_due_at IS NOT NULL`,
    [callId],
  );
}
