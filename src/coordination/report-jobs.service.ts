import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { audit } from '../common/audit';
import type { Language } from '../identity/organization.entity';
import { JobScheduler } from '../jobs/job-scheduler';
import { enqueueNotifications, OutboxEntry } from '../notifications/outbox';
import { templates } from '../notifications/templates';
import { reportReminders } from './coordination.rules';

export type ReportJobResult = 'done' | 'already-done' | 'not-due' | 'missing';

/**
 * The time-driven work on reports: reminders to the lead before the due date, and marking a
 * report not in by its due date overdue (telling the lead and the coordinator). Both read the
 * database clock and lock the report row; a milestone or the status makes a second run a no-op.
 */
@Injectable()
export class ReportJobsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobScheduler,
  ) {}

  async remind(reportId: string, daysBefore: number): Promise<ReportJobResult> {
    const outcome = await this.db.transaction(async (m) => {
      const [r] = await m.query(
        `SELECT r.id, r.type, r.status, r.due_at, p.name, p.lead_organization_id, o.language, c.timezone, now() AS now
           FROM project_reports r JOIN network_projects p ON p.id = r.project_id JOIN organizations o ON o.id = p.lead_organization_id
           JOIN calls c ON c.id = p.call_id WHERE r.id = $1 FOR UPDATE OF r`,
        [reportId],
      );
      if (!r) return { result: 'missing' as const, ids: [] };
      const due = reportReminders(r.due_at, r.timezone).find((x) => x.daysBefore === daysBefore);
      if (!due || !['due', 'returned'].includes(r.status) || r.now < due.at || r.now >= r.due_at)
        return { result: 'not-due' as const, ids: [] };
      const [first] = await m.query(
        `INSERT INTO report_milestones (report_id, kind) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING kind`,
        [reportId, `reminder-${daysBefore}d-${r.due_at.getTime()}`],
      );
      if (!first) return { result: 'already-done' as const, ids: [] };
      const language = r.language as Language;
      const ids = await enqueueNotifications(m, [
        {
          recipient: { organizationId: r.lead_organization_id },
          kind: 'report_reminder',
          language,
          dedupeKey: `report_reminder-${reportId}-${daysBefore}d-${r.due_at.getTime()}`,
          message: templates.reportReminder({ projectName: r.name, type: r.type, dueAt: r.due_at, zone: r.timezone }, language),
        },
      ]);
      return { result: 'done' as const, ids };
    });
    await this.jobs.deliver(outcome.ids);
    return outcome.result;
  }

  async markOverdue(reportId: string): Promise<ReportJobResult> {
    const outcome = await this.db.transaction(async (m) => {
      const [r] = await m.query(
        `SELECT r.id, r.type, r.status, now() >= r.due_at AS due, p.name, p.lead_organization_id, p.coordinator_organization_id
           FROM project_reports r JOIN network_projects p ON p.id = r.project_id WHERE r.id = $1 FOR UPDATE OF r`,
        [reportId],
      );
      if (!r) return { result: 'missing' as const, ids: [] };
      if (r.status === 'overdue') return { result: 'already-done' as const, ids: [] };
      if (!['due', 'returned'].includes(r.status) || !r.due) return { result: 'not-due' as const, ids: [] };
      await m.query(`UPDATE project_reports SET status = 'overdue', overdue_at = now() WHERE id = $1`, [reportId]);
      const orgs: { id: string; language: Language }[] = await m.query(
        `SELECT id, language FROM organizations WHERE id = ANY($1::uuid[])`,
        [[r.lead_organization_id, r.coordinator_organization_id].filter(Boolean)],
      );
      const entries: OutboxEntry[] = orgs.map((o) => ({
        recipient: { organizationId: o.id },
        kind: 'report_overdue',
        language: o.language,
        dedupeKey: `report_overdue-${reportId}-${o.id}`,
        message: templates.reportOverdue({ projectName: r.name, type: r.type }, o.language),
      }));
      const ids = await enqueueNotifications(m, entries);
      await audit(m, { actorId: null, action: 'report.overdue', entity: 'project_report', entityId: reportId });
      return { result: 'done' as const, ids };
    });
    await this.jobs.deliver(outcome.ids);
    return outcome.result;
  }
}
