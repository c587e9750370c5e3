import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Language } from '../identity/organization.entity';
import { JobScheduler } from '../jobs/job-scheduler';
import { jobId } from '../jobs/queues';
import { enqueueNotifications } from '../notifications/outbox';
import { templates } from '../notifications/templates';
import { currentReviewReminder, reviewReminders } from './review-reminders.rules';

export type ReviewReminderResult = 'sent' | 'already-sent' | 'not-due' | 'missing';

/**
 * Reminds every reviewer with unsubmitted reviews in a call, 3 days and 1 day before the call's
 * `reviewsDueAt`, once per reminder and due date: the milestone row (inserted in the same
 * transaction as the notifications) makes a second run do nothing, and each notification's dedupe
 * key would refuse a second copy even without it. Reads the database clock; a key-share lock on the
 * call waits for a moving due date to commit.
 */
@Injectable()
export class ReviewRemindersService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobScheduler,
  ) {}

  async remind(callId: string, daysBefore: number): Promise<ReviewReminderResult> {
    const outcome = await this.db.transaction(async (m) => {
      const [call] = await m.query(
        `SELECT id, title, reviews_due_at, timezone, status, decided_at, now() AS now FROM calls WHERE id = $1 FOR KEY SHARE`,
        [callId],
      );
      if (!call) return { result: 'missing' as const, ids: [] };
      const dueAt: Date | null = call.reviews_due_at;
      const current = dueAt ? currentReviewReminder(dueAt, call.timezone, call.now) : undefined;
      if (!dueAt || call.status !== 'published' || call.decided_at || current?.daysBefore !== daysBefore)
        return { result: 'not-due' as const, ids: [] };
      const [inserted] = await m.query(
        `INSERT INTO call_milestones (call_id, kind) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING kind`,
        [callId, `review-reminder-${daysBefore}d-${dueAt.getTime()}`],
      );
      if (!inserted) return { result: 'already-sent' as const, ids: [] };
      const reviewers: { id: string; language: Language; unsubmitted: number }[] = await m.query(
        `SELECT u.id, coalesce(u.language, o.language) AS language, count(*)::int AS unsubmitted
           FROM review_assignments ra
           JOIN applications a ON a.id = ra.application_id
           JOIN users u ON u.id = ra.reviewer_id
           JOIN organizations o ON o.id = u.organization_id
           LEFT JOIN reviews r ON r.application_id = ra.application_id AND r.reviewer_id = ra.reviewer_id
          WHERE ra.call_id = $1 AND a.status = 'in_review' AND r.status IS DISTINCT FROM 'submitted'
          GROUP BY u.id, coalesce(u.language, o.language)`,
        [callId],
      );
      const ids = await enqueueNotifications(
        m,
        reviewers.map((u) => ({
          recipient: { userId: u.id },
          kind: 'review_reminder',
          language: u.language,
          dedupeKey: `review_reminder-${callId}-${daysBefore}d-${dueAt.getTime()}-${u.id}`,
          message: templates.reviewReminder(
            { callTitle: call.title, reviewsDueAt: dueAt, zone: call.timezone, unsubmitted: u.unsubmitted },
            u.language,
          ),
        })),
      );
      return { result: 'sent' as const, ids };
    });
    await this.jobs.deliver(outcome.ids);
    return outcome.result;
  }

  /**
   * The reconciler's part: for each published, undecided call whose reviews are not yet due, sends
   * the reminder whose time has come (if its job was lost or late) and queues again the reminder
   * jobs Redis lost. Idempotent, like remind().
   */
  async reconcile(): Promise<{ reminded: number; rescheduled: number }> {
    const calls: { id: string; reviews_due_at: Date; timezone: string; now: Date }[] = await this.db.query(
      `SELECT id, reviews_due_at, timezone, now() AS now FROM calls
        WHERE status = 'published' AND decided_at IS NULL AND reviews_due_at > now()`,
    );
    let reminded = 0;
    let rescheduled = 0;
    for (const c of calls) {
      const current = currentReviewReminder(c.reviews_due_at, c.timezone, c.now);
      if (current && (await this.remind(c.id, current.daysBefore)) === 'sent') reminded += 1;
      const ahead = reviewReminders(c.reviews_due_at, c.timezone, c.now);
      let lost = 0;
      for (const r of ahead) if (!(await this.jobs.hasReviewJob(jobId.reviewReminder(c.id, r.daysBefore, r.at)))) lost += 1;
      // Queues every reminder still ahead; those Redis still holds are left as they are (same job id).
      if (lost > 0 && (await this.jobs.scheduleReviewReminders(c.id, c.reviews_due_at, c.timezone)) > 0) rescheduled += lost;
    }
    return { reminded, rescheduled };
  }
}
