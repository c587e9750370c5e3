import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { JobsOptions, Queue } from 'bullmq';
import { isConnectionError } from './redis-watch';
import { AcceptanceJobData, CallJobData, JOB, jobId, QUEUE, ReminderJobData, ReportJobData, ReviewReminderJobData } from './queues';

/** How long outbox signals are gathered into one job. */
const OUTBOX_SIGNAL_MS = 50;
import { reportReminders } from '../coordination/coordination.rules';
import { acceptanceReminderAt } from '../acceptance/acceptance.rules';
import { reviewReminders } from '../reviews/review-reminders.rules';

/**
 * Adds jobs after the database change that makes them due has committed. A failure here (Redis
 * down) is logged, never thrown: the database says what is due and the worker's reconciler
 * schedules or runs whatever could not be queued.
 */
@Injectable()
export class JobScheduler {
  private readonly logger = new Logger(JobScheduler.name);
  /** The outbox job about to be added, shared by every deliverOutbox() call until it is. */
  private outboxSignal?: Promise<boolean>;

  constructor(
    @InjectQueue(QUEUE.calls) private readonly calls: Queue,
    @InjectQueue(QUEUE.notifications) private readonly notifications: Queue,
    @InjectQueue(QUEUE.decisions) private readonly decisions: Queue,
    @InjectQueue(QUEUE.reports) private readonly reports: Queue,
    @InjectQueue(QUEUE.maintenance) maintenance: Queue,
    @InjectQueue(QUEUE.reviews) private readonly reviews: Queue,
  ) {
    // Connection errors are expected while Redis is away; RedisWatch says so once for the process.
    for (const queue of [calls, notifications, decisions, reports, maintenance, reviews]) {
      queue.on('error', (e: Error) => {
        if (!isConnectionError(e)) this.logger.warn(`Redis: ${e.message}`);
      });
    }
  }

  async scheduleCallClose(callId: string, closesAt: Date, previousClosesAt?: Date): Promise<boolean> {
    if (previousClosesAt && previousClosesAt.getTime() !== closesAt.getTime()) {
      await this.safely(() => this.calls.remove(jobId.closeCall(callId, previousClosesAt)));
    }
    const data: CallJobData = { callId };
    return this.add(this.calls, JOB.closeCall, data, { jobId: jobId.closeCall(callId, closesAt), delay: this.delayUntil(closesAt) });
  }

  async scheduleReminder(callId: string, daysBefore: number, at: Date, previousAt?: Date): Promise<boolean> {
    if (previousAt && previousAt.getTime() !== at.getTime()) {
      await this.safely(() => this.calls.remove(jobId.callReminder(callId, daysBefore, previousAt)));
    }
    const data: ReminderJobData = { callId, daysBefore };
    return this.add(this.calls, JOB.callReminder, data, { jobId: jobId.callReminder(callId, daysBefore, at), delay: this.delayUntil(at) });
  }

  /** Is a close or reminder job with this id waiting in Redis? */
  async hasCallJob(id: string): Promise<boolean> {
    return (await this.safely(() => this.calls.getJob(id))) !== undefined;
  }

  async hasReportJob(id: string): Promise<boolean> {
    return (await this.safely(() => this.reports.getJob(id))) !== undefined;
  }

  /** The overdue marking at the due date and the reminders before it; a moved due date moves them. */
  async scheduleReportJobs(reportId: string, dueAt: Date, zone: string, previousDueAt?: Date): Promise<void> {
    if (previousDueAt && previousDueAt.getTime() !== dueAt.getTime()) {
      await this.safely(() => this.reports.remove(jobId.reportOverdue(reportId, previousDueAt)));
      for (const r of reportReminders(previousDueAt, zone))
        await this.safely(() => this.reports.remove(jobId.reportReminder(reportId, r.daysBefore, r.at)));
    }
    const overdue: ReportJobData = { reportId };
    await this.add(this.reports, JOB.reportOverdue, overdue, {
      jobId: jobId.reportOverdue(reportId, dueAt),
      delay: this.delayUntil(dueAt),
    });
    for (const r of reportReminders(dueAt, zone)) {
      if (r.at.getTime() < Date.now()) continue;
      const data: ReportJobData = { reportId, daysBefore: r.daysBefore };
      await this.add(this.reports, JOB.reportReminder, data, {
        jobId: jobId.reportReminder(reportId, r.daysBefore, r.at),
        delay: this.delayUntil(r.at),
      });
    }
  }

  async hasDecisionJob(id: string): Promise<boolean> {
    return (await this.safely(() => this.decisions.getJob(id))) !== undefined;
  }

  /**
   * A funded grant's acceptance jobs: acceptance by silence at its deadline (one job id per
   * application and deadline, so adding it again is a no-op) and the reminder before it.
   */
  async scheduleAcceptanceJobs(applicationId: string, dueAt: Date, notifiedAt: Date): Promise<boolean> {
    const data: AcceptanceJobData = { applicationId };
    const ok = await this.add(this.decisions, JOB.acceptBySilence, data, {
      jobId: jobId.acceptBySilence(applicationId, dueAt),
      delay: this.delayUntil(dueAt),
    });
    const remindAt = acceptanceReminderAt(dueAt, notifiedAt);
    if (remindAt && remindAt.getTime() > Date.now()) {
      await this.add(this.decisions, JOB.acceptanceReminder, data, {
        jobId: jobId.acceptanceReminder(applicationId, remindAt),
        delay: this.delayUntil(remindAt),
      });
    }
    return ok;
  }

  async hasReviewJob(id: string): Promise<boolean> {
    return (await this.safely(() => this.reviews.getJob(id))) !== undefined;
  }

  /**
   * The reviewer reminders before a call's `reviewsDueAt` that are still ahead; a moved (or
   * cleared) due date removes the old ones. Returns how many were queued.
   */
  async scheduleReviewReminders(callId: string, dueAt: Date | null, zone: string, previousDueAt?: Date | null): Promise<number> {
    if (previousDueAt && previousDueAt.getTime() !== dueAt?.getTime()) {
      for (const r of reviewReminders(previousDueAt, zone))
        await this.safely(() => this.reviews.remove(jobId.reviewReminder(callId, r.daysBefore, r.at)));
    }
    if (!dueAt) return 0;
    let queued = 0;
    for (const r of reviewReminders(dueAt, zone, new Date())) {
      const data: ReviewReminderJobData = { callId, daysBefore: r.daysBefore };
      const added = await this.add(this.reviews, JOB.reviewReminder, data, {
        jobId: jobId.reviewReminder(callId, r.daysBefore, r.at),
        delay: this.delayUntil(r.at),
      });
      if (added) queued += 1;
    }
    return queued;
  }

  /** Acting on published decisions: notify applicants, create the network projects. */
  publishDecisions(callId: string): Promise<boolean> {
    const data: CallJobData = { callId };
    return this.add(this.decisions, JOB.publishDecisions, data, { jobId: jobId.publishDecisions(callId) });
  }

  /** Asks a worker to deliver the outbox when these notifications were written; see deliverOutbox(). */
  deliver(notificationIds: string[]): Promise<boolean> {
    return notificationIds.length === 0 ? Promise.resolve(true) : this.deliverOutbox();
  }

  /**
   * Asks a worker to deliver whatever the outbox holds. Call it after the commit that wrote the
   * notifications. Coalesced: the calls within OUTBOX_SIGNAL_MS share one job, added at the end
   * of that window (so after every one of those commits), and the job delivers everything
   * pending. A deadline rush thus costs Redis a few jobs a second rather than one per submit.
   */
  deliverOutbox(): Promise<boolean> {
    this.outboxSignal ??= new Promise<void>((resolve) => setTimeout(resolve, OUTBOX_SIGNAL_MS).unref()).then(() => {
      this.outboxSignal = undefined;
      return this.add(
        this.notifications,
        JOB.deliverOutbox,
        {},
        {
          jobId: jobId.deliverOutbox(Date.now()),
          attempts: 6,
          backoff: { type: 'exponential', delay: 2_000 },
          removeOnComplete: true,
          removeOnFail: true,
        },
      );
    });
    return this.outboxSignal;
  }

  private delayUntil(at: Date): number {
    return Math.max(0, at.getTime() - Date.now());
  }

  private async add(queue: Queue, name: string, data: object, opts: JobsOptions): Promise<boolean> {
    const ok = await this.safely(async () => {
      await queue.add(name, data, {
        removeOnComplete: true,
        removeOnFail: 1_000,
        attempts: 5,
        backoff: { type: 'exponential', delay: 1_000 },
        ...opts,
      });
      return true;
    });
    return ok === true;
  }

  private async safely<T>(fn: () => Promise<T>): Promise<T | undefined> {
    try {
      return await fn();
    } catch (e) {
      this.logger.warn(`Queue unavailable, the reconciler will catch up: ${(e as Error).message}`);
      return undefined;
    }
  }
}
