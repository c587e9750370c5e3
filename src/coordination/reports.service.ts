import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { REPORT_TYPES } from '../calls/dto/call.dto';
import { Actor } from '../common/auth';
import { audit } from '../common/audit';
import { Problem } from '../common/problem';
import { JobScheduler } from '../jobs/job-scheduler';
import { REPORT_MAX_FIELD_LENGTH, REPORT_MAX_FIELDS } from './dto/coordination.dto';
import { projectAccess, requireCoordinatorOrAdmin, requireLead } from './project-access';

type Row = Record<string, unknown>;

export function toReport(r: Row) {
  return {
    id: r.id as string,
    projectId: r.project_id as string,
    type: r.type as string,
    dueAt: r.due_at as Date,
    status: r.status as string,
    late: r.late as boolean,
    content: (r.content as Record<string, string> | null) ?? null,
    attachmentName: (r.attachment_name as string | null) ?? null,
    submittedAt: (r.submitted_at as Date | null) ?? null,
    reviewedAt: (r.reviewed_at as Date | null) ?? null,
    reviewComment: (r.review_comment as string | null) ?? null,
  };
}

const REPORT_COLUMNS = 'id, project_id, type, due_at, status, late, content, attachment_name, submitted_at, reviewed_at, review_comment';

@Injectable()
export class ReportsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobScheduler,
  ) {}

  async get(actor: Actor, projectId: string, type: string) {
    await projectAccess(this.db.manager, actor, projectId);
    return this.find(this.db.manager, projectId, type);
  }

  /** The lead submits (or, after a return, resubmits) the report; after the due date it counts as late. */
  async submit(actor: Actor, projectId: string, type: string, content: Record<string, string>) {
    const errors = Object.entries(content).flatMap(([k, v]) =>
      typeof v !== 'string' || v.length > REPORT_MAX_FIELD_LENGTH
        ? [{ field: `content.${k}`, message: `must be text of at most ${REPORT_MAX_FIELD_LENGTH} characters` }]
        : [],
    );
    if (Object.keys(content).length === 0 || Object.keys(content).length > REPORT_MAX_FIELDS)
      errors.push({ field: 'content', message: `must have 1 to ${REPORT_MAX_FIELDS} fields` });
    if (errors.length > 0) throw Problem.validation(errors);
    return this.db.transaction(async (m) => {
      const report = await this.lockForLead(m, actor, projectId, type);
      const [[row]] = await m.query(
        `UPDATE project_reports SET content = $2, status = 'submitted', submitted_at = now(), submitted_by = $3,
                late = late OR now() >= due_at, reviewed_at = NULL, review_comment = NULL
          WHERE id = $1 RETURNING ${REPORT_COLUMNS}`,
        [report.id, JSON.stringify(content), actor.id],
      );
      await audit(m, {
        actorId: actor.id,
        action: 'report.submit',
        entity: 'project_report',
        entityId: report.id,
        before: { status: report.status },
      });
      return toReport(row);
    });
  }

  async attach(actor: Actor, projectId: string, type: string, file: { filename: string; mimetype: string; data: Buffer }) {
    return this.db.transaction(async (m) => {
      const report = await this.lockForLead(m, actor, projectId, type);
      const [[row]] = await m.query(
        `UPDATE project_reports SET attachment_name = $2, attachment_type = $3, attachment = $4 WHERE id = $1 RETURNING ${REPORT_COLUMNS}`,
        [report.id, file.filename.slice(0, 255), file.mimetype.slice(0, 255), file.data],
      );
      await audit(m, {
        actorId: actor.id,
        action: 'report.attach',
        entity: 'project_report',
        entityId: report.id,
        after: { name: file.filename, bytes: file.data.length },
      });
      return toReport(row);
    });
  }

  async attachment(actor: Actor, projectId: string, type: string): Promise<{ name: string; type: string; data: Buffer }> {
    await projectAccess(this.db.manager, actor, projectId);
    const [row] = await this.db.query(
      'SELECT attachment_name, attachment_type, attachment FROM project_reports WHERE project_id = $1 AND type = $2 AND attachment IS NOT NULL',
      [projectId, type],
    );
    if (!row) throw Problem.notFound('Attachment');
    return { name: row.attachment_name, type: row.attachment_type, data: row.attachment };
  }

  async review(actor: Actor, projectId: string, type: string, outcome: 'accepted' | 'returned', comment?: string) {
    return this.db.transaction(async (m) => {
      const access = await projectAccess(m, actor, projectId);
      requireCoordinatorOrAdmin(access);
      const report = await this.find(m, projectId, type, true);
      if (report.status !== 'submitted')
        throw Problem.invalidState(`Only a submitted report can be reviewed (this one is ${report.status})`);
      const [[row]] = await m.query(
        `UPDATE project_reports SET status = $2, reviewed_at = now(), reviewed_by = $3, review_comment = $4 WHERE id = $1 RETURNING ${REPORT_COLUMNS}`,
        [report.id, outcome, actor.id, comment ?? null],
      );
      await audit(m, { actorId: actor.id, action: `report.${outcome}`, entity: 'project_report', entityId: report.id, after: { comment } });
      return toReport(row);
    });
  }

  /** Moves a report's due date (admins); its reminder and overdue jobs move with it. */
  async moveDue(actor: Actor, projectId: string, type: string, dueAt: string) {
    const { view, previous, zone } = await this.db.transaction(async (m) => {
      const access = await projectAccess(m, actor, projectId);
      if (!access.isAdmin) throw Problem.forbidden('Only admins move report due dates');
      const report = await this.find(m, projectId, type, true);
      if (report.status === 'accepted') throw Problem.invalidState('The report has been accepted');
      const [[row]] = await m.query(
        `UPDATE project_reports SET due_at = $2, status = CASE WHEN status = 'overdue' AND $2 > now() THEN 'due' ELSE status END,
                overdue_at = CASE WHEN status = 'overdue' AND $2 > now() THEN NULL ELSE overdue_at END
          WHERE id = $1 RETURNING ${REPORT_COLUMNS}`,
        [report.id, dueAt],
      );
      const [{ timezone }] = await m.query('SELECT c.timezone FROM calls c JOIN network_projects p ON p.call_id = c.id WHERE p.id = $1', [
        projectId,
      ]);
      await audit(m, {
        actorId: actor.id,
        action: 'report.move_due',
        entity: 'project_report',
        entityId: report.id,
        before: { dueAt: report.dueAt },
        after: { dueAt },
      });
      return { view: toReport(row), previous: report.dueAt, zone: timezone as string };
    });
    await this.jobs.scheduleReportJobs(view.id, view.dueAt, zone, previous);
    return view;
  }

  /** The report, locked for a change by the project's lead, while it is not yet accepted. */
  private async lockForLead(m: EntityManager, actor: Actor, projectId: string, type: string) {
    requireLead(await projectAccess(m, actor, projectId), actor);
    const report = await this.find(m, projectId, type, true);
    if (report.status === 'accepted') throw Problem.invalidState('The report has been accepted');
    return report;
  }

  private async find(m: EntityManager, projectId: string, type: string, lock = false) {
    if (!(REPORT_TYPES as readonly string[]).includes(type)) throw Problem.field('type', `type must be ${REPORT_TYPES.join(' or ')}`);
    const [row] = await m.query(
      `SELECT ${REPORT_COLUMNS} FROM project_reports WHERE project_id = $1 AND type = $2 ${lock ? 'FOR UPDATE' : ''}`,
      [projectId, type],
    );
    if (!row) throw Problem.notFound(`The project owes no ${type} report`);
    return toReport(row);
  }
}
