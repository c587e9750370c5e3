import { EntityManager } from 'typeorm';
import { Actor, hasRole } from '../common/auth';
import { Problem } from '../common/problem';

export interface ProjectAccess {
  id: string;
  callId: string;
  name: string;
  status: 'active' | 'completed';
  leadOrganizationId: string;
  coordinatorOrganizationId: string | null;
  isAdmin: boolean;
  isLead: boolean;
  isMember: boolean;
  isCoordinator: boolean;
}

/**
 * Who the caller is to a network project: admin, the call's coordinator (a coordinator of the
 * coordinating organisation), or one of its organisations (lead or member). Anyone else gets 403.
 * `lock` takes the project row for an update.
 */
export async function projectAccess(m: EntityManager, actor: Actor, projectId: string, lock = false): Promise<ProjectAccess> {
  const [p] = await m.query(
    `SELECT p.id, p.call_id, p.name, p.status, p.lead_organization_id, p.coordinator_organization_id,
            EXISTS (SELECT 1 FROM network_project_members x WHERE x.project_id = p.id AND x.organization_id = $2) AS member
       FROM network_projects p WHERE p.id = $1 ${lock ? 'FOR UPDATE' : ''}`,
    [projectId, actor.organizationId],
  );
  if (!p) throw Problem.notFound('Network project');
  const access: ProjectAccess = {
    id: p.id,
    callId: p.call_id,
    name: p.name,
    status: p.status,
    leadOrganizationId: p.lead_organization_id,
    coordinatorOrganizationId: p.coordinator_organization_id,
    isAdmin: hasRole(actor, 'admin'),
    isLead: p.lead_organization_id === actor.organizationId,
    isMember: p.member,
    isCoordinator: hasRole(actor, 'coordinator') && p.coordinator_organization_id === actor.organizationId,
  };
  if (!access.isAdmin && !access.isMember && !access.isCoordinator)
    throw Problem.forbidden('Your organisation is not part of this network project');
  return access;
}

export function requireLead(access: ProjectAccess, actor: Actor): void {
  if (!access.isLead || !hasRole(actor, 'applicant')) throw Problem.forbidden('Only the lead organisation of the project may do this');
}

export function requireCoordinatorOrAdmin(access: ProjectAccess): void {
  if (!access.isAdmin && !access.isCoordinator) throw Problem.forbidden('Only the call’s coordinator or an admin may do this');
}
