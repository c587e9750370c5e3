import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, hasRole } from '../common/auth';
import { audit } from '../common/audit';
import { Problem } from '../common/problem';
import type { Language } from '../identity/organization.entity';
import { JobScheduler } from '../jobs/job-scheduler';
import { enqueueNotifications } from '../notifications/outbox';
import { Localized, templates } from '../notifications/templates';

export interface OverviewRow {
  projectId: string;
  name: string;
  category: string;
  leadOrganizationName: string;
  status: string;
  membersCount: number;
  reportsDue: number;
  reportsSubmitted: number;
  reportsAccepted: number;
  reportsOverdue: number;
  practicesCount: number;
  grantedAmount: number;
}

@Injectable()
export class OverviewService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobScheduler,
  ) {}

  /** The coordinator's view of a call: every project with members, reports, practices and money, and totals. */
  async overview(actor: Actor, callId: string) {
    await this.requireCoordinator(this.db.manager, actor, callId);
    const rows: Record<string, unknown>[] = await this.db.query(
      `SELECT p.id, p.name, p.category, o.name AS lead_name, p.status, p.granted_amount,
              (SELECT count(*) FROM network_project_members m WHERE m.project_id = p.id)::int AS members,
              (SELECT count(*) FROM project_reports r WHERE r.project_id = p.id AND r.status IN ('due', 'returned'))::int AS due,
              (SELECT count(*) FROM project_reports r WHERE r.project_id = p.id AND r.status = 'submitted')::int AS submitted,
              (SELECT count(*) FROM project_reports r WHERE r.project_id = p.id AND r.status = 'accepted')::int AS accepted,
              (SELECT count(*) FROM project_reports r WHERE r.project_id = p.id AND r.status = 'overdue')::int AS overdue,
              (SELECT count(*) FROM practices pr WHERE pr.project_id = p.id)::int AS practices
         FROM network_projects p JOIN organizations o ON o.id = p.lead_organization_id
        WHERE p.call_id = $1 ORDER BY p.category DESC, p.name`,
      [callId],
    );
    const projects: OverviewRow[] = rows.map((r) => ({
      projectId: r.id as string,
      name: r.name as string,
      category: r.category as string,
      leadOrganizationName: r.lead_name as string,
      status: r.status as string,
      membersCount: r.members as number,
      reportsDue: r.due as number,
      reportsSubmitted: r.submitted as number,
      reportsAccepted: r.accepted as number,
      reportsOverdue: r.overdue as number,
      practicesCount: r.practices as number,
      grantedAmount: Number(r.granted_amount),
    }));
    const sum = (k: keyof OverviewRow) => projects.reduce((s, p) => s + (p[k] as number), 0);
    return {
      callId,
      projects,
      totals: {
        projects: projects.length,
        membersCount: sum('membersCount'),
        reportsDue: sum('reportsDue'),
        reportsSubmitted: sum('reportsSubmitted'),
        reportsAccepted: sum('reportsAccepted'),
        reportsOverdue: sum('reportsOverdue'),
        practicesCount: sum('practicesCount'),
        grantedAmount: sum('grantedAmount'),
      },
    };
  }

  /** Sends an announcement to every organisation in every project of the call, through the outbox. */
  async announce(actor: Actor, callId: string, subject: string, body: string) {
    const { result, ids } = await this.db.transaction(async (m) => {
      await this.requireCoordinator(m, actor, callId);
      const [call] = await m.query('SELECT title FROM calls WHERE id = $1', [callId]);
      const orgs: { id: string; language: Language }[] = await m.query(
        `SELECT DISTINCT o.id, o.language FROM network_projects p JOIN network_project_members x ON x.project_id = p.id
           JOIN organizations o ON o.id = x.organization_id WHERE p.call_id = $1`,
        [callId],
      );
      const [{ id }] = await m.query(
        'INSERT INTO announcements (call_id, author_id, subject, body, recipients) VALUES ($1, $2, $3, $4, $5) RETURNING id',
        [callId, actor.id, subject, body, orgs.length],
      );
      const notificationIds = await enqueueNotifications(
        m,
        orgs.map((o) => ({
          recipient: { organizationId: o.id },
          kind: 'announcement',
          language: o.language,
          dedupeKey: `announcement-${id}-${o.id}`,
          message: templates.announcement({ subject, body, callTitle: call.title as Localized }, o.language),
        })),
      );
      await audit(m, {
        actorId: actor.id,
        action: 'announcement.send',
        entity: 'call',
        entityId: callId,
        after: { subject, recipients: orgs.length },
      });
      return { result: { id: id as string, callId, subject, recipients: orgs.length }, ids: notificationIds };
    });
    await this.jobs.deliver(ids);
    return result;
  }

  /** Admins, and coordinators of the organisation that coordinates this call's projects. */
  private async requireCoordinator(m: EntityManager, actor: Actor, callId: string): Promise<void> {
    const [call] = await m.query('SELECT 1 FROM calls WHERE id = $1', [callId]);
    if (!call) throw Problem.notFound('Call');
    if (hasRole(actor, 'admin')) return;
    const [coordinates] = hasRole(actor, 'coordinator')
      ? await m.query('SELECT 1 FROM network_projects WHERE call_id = $1 AND coordinator_organization_id = $2 LIMIT 1', [
          callId,
          actor.organizationId,
        ])
      : [];
    if (!coordinates) throw Problem.forbidden('Only the call’s coordinator or an admin may do this');
  }
}
