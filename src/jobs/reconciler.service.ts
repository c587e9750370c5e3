import { InjectQueue, Processor } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { Queue } from 'bullmq';
import Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { CallClosingService } from '../calls/call-closing.service';
import { remindersFor } from '../calls/call.rules';
import { CallRemindersService } from '../calls/call-reminders.service';
import { Env } from '../config/env.schema';
import { reportReminders } from '../coordination/coordination.rules';
import { ReportJobsService } from '../coordination/report-jobs.service';
import { DecisionPublishingService } from '../funding/decision-publishing.service';
import { AcceptanceJobsService } from '../acceptance/acceptance-jobs.service';
import { acceptanceReminderAt } from '../acceptance/acceptance.rules';
import { ReviewRemindersService } from '../reviews/review-reminders.service';
import { JobScheduler } from './job-scheduler';
import { LoggedWorkerHost } from './logged-worker-host';
import { JOB, jobId, QUEUE } from './queues';
import { workerConnection } from './redis';

export interface ReconcileReport {
  closed: number;
  decisionsApplied: number;
  reportsOverdue: number;
  reminded: number;
  rescheduled: number;
  redelivered: number;
  acceptedBySilence: number;
}

/** Notifications younger than this are left to the API's own enqueue after commit. */
const OUTBOX_GRACE_MS = 5_000;

/**
 * The database says what is due; Redis only speeds it up. At worker start, on a short BullMQ
 * schedule and whenever Redis comes back, this finds overdue work (calls past closesAt still open,
 * published decisions not acted on, reports past due, reminders not sent, notifications not delivered, jobs Redis lost) and does or re-queues it.
 * Every step is idempotent, so several workers may run it at once.
 */
@Injectable()
export class Reconciler implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(Reconciler.name);
  private watcher?: Redis;
  private watchdog?: NodeJS.Timeout;
  private running?: Promise<ReconcileReport>;
  private lastPassAt = 0;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @InjectQueue(QUEUE.maintenance) private readonly maintenance: Queue,
    private readonly closing: CallClosingService,
    private readonly reminders: CallRemindersService,
    private readonly decisions: DecisionPublishingService,
    private readonly reports: ReportJobsService,
    private readonly acceptance: AcceptanceJobsService,
    private readonly jobs: JobScheduler,
    private readonly env: Env,
    private readonly reviewReminders: ReviewRemindersService,
  ) {}

  /** The pass run at start-up; the worker does not wait for it (a pass can wait on row locks). */
  firstPass?: Promise<ReconcileReport>;

  async onApplicationBootstrap(): Promise<void> {
    this.firstPass = this.run();
    this.firstPass.catch((e: Error) => this.logger.error(`Start-up reconcile failed: ${e.message}`));
    // Not awaited: with Redis away the command waits in the offline queue until it is back, and
    // the worker must start (and the API beside it in single-machine mode) all the same.
    void this.installSchedule();
    // After Redis returns (perhaps empty), put the schedule back and catch up at once.
    this.watcher = new Redis({ ...workerConnection(this.env.REDIS_URL), lazyConnect: true });
    this.watcher.on('error', () => undefined);
    let first = true;
    this.watcher.on('ready', () => {
      if (first) {
        first = false;
        return;
      }
      this.logger.log('Redis is back: reconciling');
      void this.installSchedule().then(() => this.run().catch((e: Error) => this.logger.error(e.message)));
    });
    await this.watcher.connect().catch(() => undefined);
    // If Redis lost the schedule without dropping the connection (FLUSHALL, failover to an empty
    // replica), no reconcile job comes; notice the silence, reinstall the schedule and catch up.
    const every = this.env.RECONCILE_EVERY_MS;
    this.watchdog = setInterval(() => {
      if (Date.now() - this.lastPassAt < 2 * every) return;
      this.logger.warn('No reconcile ran lately: reinstalling the schedule and reconciling');
      void this.installSchedule().then(() => this.run().catch((e: Error) => this.logger.error(e.message)));
    }, every);
    this.watchdog.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.watchdog);
    this.watcher?.disconnect();
  }

  /** One pass; concurrent calls in this process share the pass in flight. */
  run(): Promise<ReconcileReport> {
    this.running ??= this.pass().finally(() => {
      this.running = undefined;
      this.lastPassAt = Date.now();
    });
    return this.running;
  }

  private async installSchedule(): Promise<void> {
    try {
      await this.maintenance.upsertJobScheduler(
        JOB.reconcile,
        { every: this.env.RECONCILE_EVERY_MS },
        { name: JOB.reconcile, opts: { removeOnComplete: true, removeOnFail: 100 } },
      );
    } catch (e) {
      this.logger.warn(`Could not install the reconcile schedule (Redis down?): ${(e as Error).message}`);
    }
  }

  /** Reports past due and still not in, reminders whose time has come, and report jobs Redis lost. */
  private async reconcileReports(report: ReconcileReport): Promise<void> {
    const open: { id: string; due_at: Date; timezone: string; now: Date }[] = await this.db.query(
      `SELECT r.id, r.due_at, c.timezone, now() AS now FROM project_reports r
         JOIN network_projects p ON p.id = r.project_id JOIN calls c ON c.id = p.call_id
        WHERE r.status IN ('due', 'returned') AND p.status = 'active'`,
    );
    for (const r of open) {
      if (r.due_at <= r.now) {
        if ((await this.reports.markOverdue(r.id)) === 'done') report.reportsOverdue += 1;
        continue;
      }
      const missed = latestPassed(reportReminders(r.due_at, r.timezone), r.now);
      if (missed && (await this.reports.remind(r.id, missed.daysBefore)) === 'done') report.reminded += 1;
      if (!(await this.jobs.hasReportJob(jobId.reportOverdue(r.id, r.due_at)))) {
        await this.jobs.scheduleReportJobs(r.id, r.due_at, r.timezone);
        report.rescheduled += 1;
      }
    }
  }

  /** Grants past their acceptance deadline still unanswered are accepted; acceptance jobs Redis lost are added again. */
  private async reconcileAcceptance(report: ReconcileReport): Promise<void> {
    const pending: { application_id: string; acceptance_due_at: Date; notified_at: Date; now: Date }[] = await this.db.query(
      `SELECT application_id, acceptance_due_at, notified_at, now() AS now FROM decisions
        WHERE grant_status = 'pending' AND outcome = 'funded' AND acceptance_due_at IS NOT NULL`,
    );
    for (const g of pending) {
      if (g.acceptance_due_at <= g.now) {
        if ((await this.acceptance.acceptBySilence(g.application_id)) === 'done') report.acceptedBySilence += 1;
        continue;
      }
      const remindAt = acceptanceReminderAt(g.acceptance_due_at, g.notified_at);
      if (remindAt && remindAt <= g.now && (await this.acceptance.remind(g.application_id)) === 'done') report.reminded += 1;
      if (!(await this.jobs.hasDecisionJob(jobId.acceptBySilence(g.application_id, g.acceptance_due_at)))) {
        if (await this.jobs.scheduleAcceptanceJobs(g.application_id, g.acceptance_due_at, g.notified_at)) report.rescheduled += 1;
      }
    }
  }

  private async pass(): Promise<ReconcileReport> {
    const report: ReconcileReport = {
      closed: 0,
      decisionsApplied: 0,
      reportsOverdue: 0,
      reminded: 0,
      rescheduled: 0,
      redelivered: 0,
      acceptedBySilence: 0,
    };

    const overdue: { id: string }[] = await this.db.query(
      `SELECT id FROM calls WHERE status = 'published' AND closed_at IS NULL AND closes_at <= now() ORDER BY closes_at`,
    );
    for (const { id } of overdue) if ((await this.closing.close(id)) === 'closed') report.closed += 1;

    const open: { id: string; closes_at: Date; timezone: string; published_at: Date; now: Date }[] = await this.db.query(
      `SELECT id, closes_at, timezone, published_at, now() AS now FROM calls WHERE status = 'published' AND closed_at IS NULL AND closes_at > now()`,
    );
    for (const call of open) {
      if (!(await this.jobs.hasCallJob(jobId.closeCall(call.id, call.closes_at)))) {
        if (await this.jobs.scheduleCallClose(call.id, call.closes_at)) report.rescheduled += 1;
      }
      const reminders = remindersFor(call.closes_at, call.timezone, call.published_at);
      // Of the reminders whose time has passed, only the latest still makes sense to send.
      const missed = latestPassed(reminders, call.now);
      if (missed && (await this.reminders.remind(call.id, missed.daysBefore)) === 'sent') report.reminded += 1;
      for (const r of reminders.filter((x) => x.at > call.now)) {
        if (!(await this.jobs.hasCallJob(jobId.callReminder(call.id, r.daysBefore, r.at)))) {
          if (await this.jobs.scheduleReminder(call.id, r.daysBefore, r.at)) report.rescheduled += 1;
        }
      }
    }

    const decided: { id: string }[] = await this.db.query(
      `SELECT c.id FROM calls c WHERE c.decided_at IS NOT NULL
          AND (NOT EXISTS (SELECT 1 FROM call_milestones m WHERE m.call_id = c.id AND m.kind = 'decisions-applied')
               OR EXISTS (SELECT 1 FROM decisions d WHERE d.call_id = c.id AND d.case_number IS NULL))`,
    );
    for (const { id } of decided) if ((await this.decisions.apply(id)) === 'done') report.decisionsApplied += 1;

    await this.reconcileReports(report);
    await this.reconcileAcceptance(report);

    const reviews = await this.reviewReminders.reconcile();
    report.reminded += reviews.reminded;
    report.rescheduled += reviews.rescheduled;

    // Pending past the grace period: their signal was lost (Redis away) or their job gave up.
    const [{ pending }]: { pending: number }[] = await this.db.query(
      `SELECT count(*)::int AS pending FROM notifications WHERE status = 'pending' AND created_at < now() - make_interval(secs => $1)`,
      [OUTBOX_GRACE_MS / 1000],
    );
    if (pending > 0 && (await this.jobs.deliverOutbox())) report.redelivered = pending;

    if (
      report.closed +
        report.decisionsApplied +
        report.reportsOverdue +
        report.reminded +
        report.rescheduled +
        report.redelivered +
        report.acceptedBySilence >
      0
    )
      this.logger.log({ report }, 'Reconciled');
    return report;
  }
}

function latestPassed<T extends { at: Date }>(reminders: T[], now: Date): T | undefined {
  return reminders.filter((r) => r.at <= now).sort((a, b) => b.at.getTime() - a.at.getTime())[0];
}

@Processor(QUEUE.maintenance)
export class ReconcileProcessor extends LoggedWorkerHost {
  constructor(private readonly reconciler: Reconciler) {
    super();
  }

  process(): Promise<ReconcileReport> {
    return this.reconciler.run();
  }
}
