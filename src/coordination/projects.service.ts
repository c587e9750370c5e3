import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, hasRole } from '../common/auth';
import { audit } from '../common/audit';
import { dateOnly } from '../common/dates';
import { Problem } from '../common/problem';
import type { Language } from '../identity/organization.entity';
import { JobScheduler } from '../jobs/job-scheduler';
import { enqueueNotifications } from '../notifications/outbox';
import { templates } from '../notifications/templates';
import { projectAccess, requireCoordinatorOrAdmin, requireLead } from './project-access';
import { JoinableProjectView } from './dto/coordination.dto';

type Row = Record<string, unknown>;

const SELECT_PROJECT = `
  SELECT p.id, p.call_id, p.application_id, p.name, p.category, p.lead_organization_id, p.coordinator_organization_id,
         p.granted_amount, p.period_start, p.period_end, p.status, p.created_at,
         coalesce((SELECT array_agg(m.organization_id ORDER BY m.joined_at, m.organization_id) FROM network_project_members m
                    WHERE m.project_id = p.id AND m.role = 'member'), '{}') AS member_ids
    FROM network_projects p`;

export function toProject(r: Row) {
  return {
    id: r.id as string,
    callId: r.call_id as string,
    applicationId: r.application_id as string,
    name: r.name as string,
    category: r.category as string,
    leadOrganizationId: r.lead_organization_id as string,
    memberOrganizationIds: r.member_ids as string[],
    coordinatorOrganizationId: (r.coordinator_organization_id as string | null) ?? null,
    grantedAmount: Number(r.granted_amount),
    periodStart: dateOnly(r.period_start) ?? null,
    periodEnd: dateOnly(r.period_end) ?? null,
    status: r.status as 'active' | 'completed',
    createdAt: r.created_at as Date,
  };
}

export type ProjectView = ReturnType<typeof toProject>;

@Injectable()
export class ProjectsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobScheduler,
  ) {}

  /**
   * The public cards of every running project, for any signed-in user looking for one to join:
   * name, lead, members, call and period, and whether the caller's organisation is already in it.
   */
  async joinable(actor: Actor, callId?: string): Promise<JoinableProjectView[]> {
    const rows: Row[] = await this.db.query(
      `SELECT p.id, p.name, p.category, to_char(p.period_start, 'YYYY-MM-DD') AS period_start,
              to_char(p.period_end, 'YYYY-MM-DD') AS period_end, p.call_id, c.title AS call_title,
              lead.id AS lead_id, lead.name AS lead_name, lead.municipality AS lead_municipality,
              coalesce((SELECT json_agg(json_build_object('id', o.id, 'name', o.name, 'municipality', o.municipality)
                                        ORDER BY m.joined_at, o.name)
                          FROM network_project_members m JOIN organizations o ON o.id = m.organization_id
                         WHERE m.project_id = p.id AND m.role = 'member'), '[]') AS members,
              EXISTS (SELECT 1 FROM network_project_members x WHERE x.project_id = p.id AND x.organization_id = $2) AS own,
              EXISTS (SELECT 1 FROM join_requests j WHERE j.project_id = p.id AND j.organization_id = $2 AND j.status = 'pending')
                AS requested
         FROM network_projects p
         JOIN calls c ON c.id = p.call_id
         JOIN organizations lead ON lead.id = p.lead_organization_id
        WHERE p.status = 'active' AND ($1::uuid IS NULL OR p.call_id = $1)
        ORDER BY p.name, p.id`,
      [callId ?? null, actor.organizationId],
    );
    return rows.map((r) => ({
      id: r.id as string,
      name: r.name as string,
      category: r.category as string,
      call: { id: r.call_id as string, title: r.call_title as Record<string, string> },
      lead: { id: r.lead_id as string, name: r.lead_name as string, municipality: (r.lead_municipality as string | null) ?? null },
      members: r.members as JoinableProjectView['members'],
      periodStart: (r.period_start as string | null) ?? null,
      periodEnd: (r.period_end as string | null) ?? null,
      ownOrganizationIn: r.own as boolean,
      joinRequestPending: r.requested as boolean,
    }));
  }

  /** Admins see every project; a coordinator the projects they coordinate; others their own organisation's. */
  async list(actor: Actor, callId?: string): Promise<ProjectView[]> {
    const rows: Row[] = await this.db.query(
      `${SELECT_PROJECT}
        WHERE ($1::uuid IS NULL OR p.call_id = $1)
          AND ($2 OR ($3 AND p.coordinator_organization_id = $4)
               OR EXISTS (SELECT 1 FROM network_project_members x WHERE x.project_id = p.id AND x.organization_id = $4))
        ORDER BY p.created_at, p.name`,
      [callId ?? null, hasRole(actor, 'admin'), hasRole(actor, 'coordinator'), actor.organizationId],
    );
    return rows.map(toProject);
  }

  async get(actor: Actor, id: string) {
    await projectAccess(this.db.manager, actor, id);
    const [row] = await this.db.query(`${SELECT_PROJECT} WHERE p.id = $1`, [id]);
    const reports: Row[] = await this.db.query(
      `SELECT type, due_at, status, late, submitted_at, reviewed_at, review_comment, attachment_name, content
         FROM project_reports WHERE project_id = $1 ORDER BY due_at`,
      [id],
    );
    const practices: Row[] = await this.db.query(
      'SELECT id, title, partnership_level, status, organization_id, updated_at FROM practices WHERE project_id = $1 ORDER BY created_at',
      [id],
    );
    return {
      ...toProject(row),
      reports: reports.map((r) => ({
        type: r.type,
        dueAt: r.due_at,
        status: r.status,
        late: r.late,
        submittedAt: r.submitted_at,
        reviewedAt: r.reviewed_at,
        reviewComment: r.review_comment,
        attachmentName: r.attachment_name,
        content: r.content,
      })),
      practices: practices.map((p) => ({
        id: p.id,
        title: p.title,
        partnershipLevel: p.partnership_level,
        status: p.status,
        organizationId: p.organization_id,
        updatedAt: p.updated_at,
      })),
    };
  }

  /** An organisation not yet in an active project asks to join it; the lead decides. */
  async requestJoin(actor: Actor, projectId: string, message: string) {
    const { request, ids } = await this.db.transaction(async (m) => {
      const [p] = await m.query(
        `SELECT p.status, EXISTS (SELECT 1 FROM network_project_members x WHERE x.project_id = p.id AND x.organization_id = $2) AS member
           FROM network_projects p WHERE p.id = $1`,
        [projectId, actor.organizationId],
      );
      if (!p) throw Problem.notFound('Network project');
      if (p.status !== 'active') throw Problem.invalidState('Only running projects can be joined');
      if (p.member) throw Problem.invalidState('Your organisation is already in this project');
      const [req] = await m.query(
        `INSERT INTO join_requests (project_id, organization_id, requested_by, message) VALUES ($1, $2, $3, $4) RETURNING *`,
        [projectId, actor.organizationId, actor.id, message],
      );
      await audit(m, {
        actorId: actor.id,
        action: 'project.join_request',
        entity: 'network_project',
        entityId: projectId,
        after: { organizationId: actor.organizationId },
      });
      const [to] = await m.query(
        `SELECT p.name AS project_name, lead.id AS lead_id, lead.language AS lead_language, o.name AS organization_name
           FROM network_projects p JOIN organizations lead ON lead.id = p.lead_organization_id, organizations o
          WHERE p.id = $1 AND o.id = $2`,
        [projectId, actor.organizationId],
      );
      const language = to.lead_language as Language;
      const ids = await enqueueNotifications(m, [
        {
          recipient: { organizationId: to.lead_id as string },
          kind: 'join_requested',
          language,
          dedupeKey: `join_requested-${req.id}`,
          message: templates.joinRequested(
            { projectName: to.project_name as string, organizationName: to.organization_name as string, message },
            language,
          ),
        },
      ]);
      return { request: toJoinRequest(req), ids };
    });
    await this.jobs.deliver(ids);
    return request;
  }

  async joinRequests(actor: Actor, projectId: string) {
    const access = await projectAccess(this.db.manager, actor, projectId);
    if (!access.isLead && !access.isAdmin && !access.isCoordinator)
      throw Problem.forbidden('Only the lead organisation sees join requests');
    const rows: Row[] = await this.db.query('SELECT * FROM join_requests WHERE project_id = $1 ORDER BY created_at', [projectId]);
    return rows.map(toJoinRequest);
  }

  async decideJoin(actor: Actor, projectId: string, requestId: string, approve: boolean) {
    const { request, ids } = await this.db.transaction(async (m) => {
      const access = await projectAccess(m, actor, projectId, true);
      requireLead(access, actor);
      const [req] = await m.query(`SELECT * FROM join_requests WHERE id = $1 AND project_id = $2 FOR UPDATE`, [requestId, projectId]);
      if (!req) throw Problem.notFound('Join request');
      if (req.status !== 'pending') throw Problem.invalidState(`The request has already been ${req.status}`);
      const [[updated]] = await m.query(
        `UPDATE join_requests SET status = $2, decided_by = $3, decided_at = now() WHERE id = $1 RETURNING *`,
        [requestId, approve ? 'approved' : 'declined', actor.id],
      );
      if (approve) {
        await m.query(
          `INSERT INTO network_project_members (project_id, organization_id, role) VALUES ($1, $2, 'member') ON CONFLICT DO NOTHING`,
          [projectId, req.organization_id],
        );
      }
      await audit(m, {
        actorId: actor.id,
        action: approve ? 'project.join_approve' : 'project.join_decline',
        entity: 'network_project',
        entityId: projectId,
        after: { organizationId: req.organization_id },
      });
      const [to] = await m.query(
        `SELECT p.name AS project_name, o.language FROM network_projects p, organizations o WHERE p.id = $1 AND o.id = $2`,
        [projectId, req.organization_id],
      );
      const language = to.language as Language;
      const ids = await enqueueNotifications(m, [
        {
          recipient: { organizationId: req.organization_id as string },
          kind: approve ? 'join_approved' : 'join_declined',
          language,
          dedupeKey: `join_decided-${requestId}`,
          message: templates.joinDecided({ projectName: to.project_name as string, approved: approve }, language),
        },
      ]);
      return { request: toJoinRequest(updated), ids };
    });
    await this.jobs.deliver(ids);
    return request;
  }

  /** A member organisation leaves; the lead cannot (the project is its application). */
  async leave(actor: Actor, projectId: string) {
    return this.db.transaction(async (m) => {
      const access = await projectAccess(m, actor, projectId, true);
      if (access.isLead) throw Problem.invalidState('The lead organisation cannot leave its own project');
      if (!access.isMember) throw Problem.forbidden('Your organisation is not a member of this project');
      await m.query(`DELETE FROM network_project_members WHERE project_id = $1 AND organization_id = $2`, [
        projectId,
        actor.organizationId,
      ]);
      await audit(m, {
        actorId: actor.id,
        action: 'project.leave',
        entity: 'network_project',
        entityId: projectId,
        after: { organizationId: actor.organizationId },
      });
      return { projectId, organizationId: actor.organizationId, left: true };
    });
  }

  async complete(actor: Actor, projectId: string) {
    return this.db.transaction(async (m) => {
      const access = await projectAccess(m, actor, projectId, true);
      requireCoordinatorOrAdmin(access);
      await m.query(`UPDATE network_projects SET status = 'completed' WHERE id = $1`, [projectId]);
      await audit(m, { actorId: actor.id, action: 'project.complete', entity: 'network_project', entityId: projectId });
      return this.view(m, projectId);
    });
  }

  private async view(m: EntityManager, id: string): Promise<ProjectView> {
    const [row] = await m.query(`${SELECT_PROJECT} WHERE p.id = $1`, [id]);
    return toProject(row);
  }
}

function toJoinRequest(r: Row) {
  return {
    id: r.id as string,
    projectId: r.project_id as string,
    organizationId: r.organization_id as string,
    message: r.message as string,
    status: r.status as string,
    createdAt: r.created_at as Date,
    decidedAt: (r.decided_at as Date | null) ?? null,
  };
}
