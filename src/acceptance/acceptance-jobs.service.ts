import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { audit } from '../common/audit';
import { finnishDate } from '../decision-documents/document.content';
import { acceptanceDeadline } from '../decision-documents/decision.rules';
import type { Language } from '../identity/organization.entity';
import { JobScheduler } from '../jobs/job-scheduler';
import { enqueueNotifications } from '../notifications/outbox';
import { Localized, templates } from '../notifications/templates';
import { acceptanceReminderAt, GrantStatus, silenceAccepts } from './acceptance.rules';

export type AcceptanceJobResult = 'done' | 'already-done' | 'not-due' | 'missing';

const GRANT_FOR_JOB = `
  SELECT d.application_id, d.grant_status, d.acceptance_due_at, d.notified_at, now() AS now, a.title, a.lead_organization_id,
         o.language, c.title AS call_title, c.timezone, c.acceptance_days
    FROM decisions d JOIN applications a ON a.id = d.application_id JOIN organizations o ON o.id = a.lead_organization_id
    JOIN calls c ON c.id = d.call_id
   WHERE d.application_id = $1 AND d.outcome = 'funded' AND d.acceptance_due_at IS NOT NULL
   FOR UPDATE OF d`;

/**
 * The time-driven side of acceptance: silence is acceptance at the deadline, and a reminder goes
 * out before it. Both lock the decision row and read the database clock; the grant's status (and
 * the notification's dedupe key) makes a second run change nothing.
 */
@Injectable()
export class AcceptanceJobsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobScheduler,
  ) {}

  async acceptBySilence(applicationId: string): Promise<AcceptanceJobResult> {
    const outcome = await this.db.transaction(async (m) => {
      const [g] = await m.query(GRANT_FOR_JOB, [applicationId]);
      if (!g) return { result: 'missing' as const, ids: [] };
      if (g.grant_status !== 'pending') return { result: 'already-done' as const, ids: [] };
      if (!silenceAccepts({ status: g.grant_status as GrantStatus, dueAt: g.acceptance_due_at }, g.now)) {
        return { result: 'not-due' as const, ids: [] };
      }
      await m.query(
        `UPDATE decisions SET grant_status = 'accepted', accepted_by_silence = true, grant_answered_at = acceptance_due_at
          WHERE application_id = $1 AND grant_status = 'pending'`,
        [applicationId],
      );
      const language = g.language as Language;
      const ids = await enqueueNotifications(m, [
        {
          recipient: { organizationId: g.lead_organization_id },
          kind: 'grant_accepted_by_silence',
          language,
          dedupeKey: `grant-accepted-by-silence-${applicationId}`,
          message: templates.grantAcceptedBySilence({ applicationTitle: g.title, callTitle: g.call_title as Localized }, language),
        },
      ]);
      await audit(m, { actorId: null, action: 'grant.accept_by_silence', entity: 'application', entityId: applicationId });
      return { result: 'done' as const, ids };
    });
    await this.jobs.deliver(outcome.ids);
    return outcome.result;
  }

  async remind(applicationId: string): Promise<AcceptanceJobResult> {
    const outcome = await this.db.transaction(async (m) => {
      const [g] = await m.query(GRANT_FOR_JOB, [applicationId]);
      if (!g) return { result: 'missing' as const, ids: [] };
      const at = acceptanceReminderAt(g.acceptance_due_at, g.notified_at);
      if (g.grant_status !== 'pending' || !at || g.now < at || g.now >= g.acceptance_due_at) return { result: 'not-due' as const, ids: [] };
      const language = g.language as Language;
      const lastDay = acceptanceDeadline(g.notified_at, g.acceptance_days, g.timezone).lastDay;
      const ids = await enqueueNotifications(m, [
        {
          recipient: { organizationId: g.lead_organization_id },
          kind: 'acceptance_deadline_near',
          language,
          dedupeKey: `acceptance-deadline-near-${applicationId}-${g.acceptance_due_at.getTime()}`,
          message: templates.acceptanceDeadlineNear(
            { applicationTitle: g.title, callTitle: g.call_title as Localized, lastDay: finnishDate(lastDay) },
            language,
          ),
        },
      ]);
      return { result: ids.length > 0 ? ('done' as const) : ('already-done' as const), ids };
    });
    await this.jobs.deliver(outcome.ids);
    return outcome.result;
  }
}
