import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { audit } from '../common/audit';
import { deadlineLockArgs } from './deadline-lock';
import type { Language } from '../identity/organization.entity';
import { JobScheduler } from '../jobs/job-scheduler';
import { enqueueNotifications, OutboxEntry } from '../notifications/outbox';
import { Localized, templates } from '../notifications/templates';
import { restoreSubmittedContent } from '../applications/application.snapshot';

export type CloseResult = 'closed' | 'already-closed' | 'not-due' | 'missing';

/**
 * Closes a call once its closesAt has passed by the database clock: submitted applications go to
 * review, unsubmitted drafts expire, organisations and admins are told. The call's deadline lock,
 * held exclusively, waits for applicant changes still in flight (they hold it shared) and keeps
 * new ones out until this commits; the row lock on the call waits for reminders in flight and
 * makes a second run a no-op, so the job, a retry and the reconciler can all call this safely.
 * "Due" is read by the clock after both locks are held.
 */
@Injectable()
export class CallClosingService {
  private readonly logger = new Logger(CallClosingService.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobScheduler,
  ) {}

  async close(callId: string): Promise<CloseResult> {
    const outcome = await this.db.transaction(async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(${deadlineLockArgs('$1')})`, [callId]);
      const [call] = await m.query(
        `SELECT id, title, status, closed_at, closes_at, clock_timestamp() >= closes_at AS due FROM calls WHERE id = $1 FOR UPDATE`,
        [callId],
      );
      if (!call) return { result: 'missing' as const, notificationIds: [] };
      if (call.closed_at) return { result: 'already-closed' as const, notificationIds: [] };
      if (call.status !== 'published' || !call.due) return { result: 'not-due' as const, notificationIds: [] };

      await restoreSubmittedContent(m, callId);
      await m.query(`UPDATE calls SET closed_at = clock_timestamp(), updated_at = now() WHERE id = $1`, [callId]);
      const inReview = await this.moveAll(m, callId, 'submitted', 'in_review');
      const expired = await this.moveAll(m, callId, 'draft', 'expired');
      const [{ withdrawn }] = await m.query(
        `SELECT count(*)::int AS withdrawn FROM applications WHERE call_id = $1 AND status = 'withdrawn'`,
        [callId],
      );
      const notificationIds = await enqueueNotifications(m, await this.notifications(m, callId, call.title, inReview, expired, withdrawn));
      await audit(m, {
        actorId: null,
        action: 'call.close',
        entity: 'call',
        entityId: callId,
        after: { inReview: inReview.length, expired: expired.length, withdrawn },
      });
      return { result: 'closed' as const, notificationIds };
    });
    if (outcome.result === 'closed') {
      this.logger.log(`Closed call ${callId}`);
      await this.jobs.deliver(outcome.notificationIds);
    }
    return outcome.result;
  }

  private async moveAll(m: EntityManager, callId: string, from: string, to: string): Promise<Moved[]> {
    const [rows] = await m.query(
      `UPDATE applications a SET status = $3, updated_at = now()
         FROM organizations o
        WHERE a.call_id = $1 AND a.status = $2 AND o.id = a.lead_organization_id
        RETURNING a.id, a.title, a.lead_organization_id, o.language`,
      [callId, from, to],
    );
    return rows as Moved[];
  }

  private async notifications(
    m: EntityManager,
    callId: string,
    callTitle: Localized,
    inReview: Moved[],
    expired: Moved[],
    withdrawn: number,
  ): Promise<OutboxEntry[]> {
    const perApplication = (rows: Moved[], kind: 'application_in_review' | 'application_expired'): OutboxEntry[] =>
      rows.map((a) => ({
        recipient: { organizationId: a.lead_organization_id },
        kind,
        language: a.language,
        dedupeKey: `${kind}-${a.id}`,
        message:
          kind === 'application_in_review'
            ? templates.applicationInReview({ applicationTitle: a.title, callTitle }, a.language)
            : templates.applicationExpired({ applicationTitle: a.title, callTitle }, a.language),
      }));
    const admins: { id: string; language: Language }[] = await m.query(
      `SELECT u.id, o.language FROM users u JOIN organizations o ON o.id = u.organization_id WHERE 'admin' = ANY(u.roles)`,
    );
    const summary = admins.map<OutboxEntry>((admin) => ({
      recipient: { userId: admin.id },
      kind: 'call_closed_summary',
      language: admin.language,
      dedupeKey: `call_closed_summary-${callId}-${admin.id}`,
      message: templates.callClosedSummary({ callTitle, inReview: inReview.length, expired: expired.length, withdrawn }, admin.language),
    }));
    return [...perApplication(inReview, 'application_in_review'), ...perApplication(expired, 'application_expired'), ...summary];
  }
}

interface Moved {
  id: string;
  title: string;
  lead_organization_id: string;
  language: Language;
}
