import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Language } from '../identity/organization.entity';
import { JobScheduler } from '../jobs/job-scheduler';
import { enqueueNotifications } from '../notifications/outbox';
import { templates } from '../notifications/templates';
import { reminderAt } from './call.rules';

export type ReminderResult = 'sent' | 'already-sent' | 'not-due' | 'missing';

/**
 * Reminds every organisation with unsubmitted work in an open call, once per reminder: the
 * milestone row (inserted in the same transaction) makes a second run do nothing. A key-share
 * lock on the call is enough to keep the closing job (FOR UPDATE) from closing it meanwhile, and
 * unlike FOR UPDATE it does not hold up applicants' edits each time the reconciler passes.
 */
@Injectable()
export class CallRemindersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobScheduler,
  ) {}

  async remind(callId: string, daysBefore: number): Promise<ReminderResult> {
    const outcome = await this.db.transaction(async (m) => {
      const [call] = await m.query(
        `SELECT id, title, closes_at, timezone, published_at, status, closed_at, now() AS now FROM calls WHERE id = $1 FOR KEY SHARE`,
        [callId],
      );
      if (!call) return { result: 'missing' as const, ids: [] };
      const at = reminderAt(call.closes_at, call.timezone, daysBefore);
      const open = call.status === 'published' && !call.closed_at && call.now < call.closes_at;
      if (!open || call.now < at || at < call.published_at) return { result: 'not-due' as const, ids: [] };
      const [inserted] = await m.query(
        `INSERT INTO call_milestones (call_id, kind) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING kind`,
        [callId, `reminder-${daysBefore}d-${call.closes_at.getTime()}`],
      );
      if (!inserted) return { result: 'already-sent' as const, ids: [] };
      const orgs: { id: string; language: Language; drafts: number }[] = await m.query(
        `SELECT o.id, o.language, count(*)::int AS drafts
           FROM applications a JOIN organizations o ON o.id = a.lead_organization_id
          WHERE a.call_id = $1 AND (a.status = 'draft' OR (a.status = 'submitted' AND a.has_unsubmitted_changes))
          GROUP BY o.id, o.language`,
        [callId],
      );
      const ids = await enqueueNotifications(
        m,
        orgs.map((o) => ({
          recipient: { organizationId: o.id },
          kind: 'call_reminder',
          language: o.language,
          dedupeKey: `call_reminder-${callId}-${daysBefore}d-${call.closes_at.getTime()}-${o.id}`,
          message: templates.callReminder(
            { callTitle: call.title, closesAt: call.closes_at, zone: call.timezone, daysBefore, drafts: o.drafts },
            o.language,
          ),
        })),
      );
      return { result: 'sent' as const, ids };
    });
    await this.jobs.deliver(outcome.ids);
    return outcome.result;
  }
}
