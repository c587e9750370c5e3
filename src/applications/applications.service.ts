import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, hasRole } from '../common/auth';
import { audit } from '../common/audit';
import { assignments } from '../common/sql';
import { FieldError, Problem } from '../common/problem';
import { Language } from '../identity/organization.entity';
import { deadlineLockArgs } from '../calls/deadline-lock';
import { BatchStats, Batcher } from '../database/batcher';
import { Statements } from '../database/statements';
import { JobScheduler } from '../jobs/job-scheduler';
import { templates } from '../notifications/templates';
import { ApplicationAction, ApplicationStatus, canApplicant, draftErrors, submitErrors } from './application.rules';
import { ApplicationContent } from './application.snapshot';
import { dateOnly } from '../common/dates';
import { CHANGE_SELECT, MEMBER_IDS, SUBMIT_READ, SUBMIT_WRITE, visibleTo } from './submit.statements';
import {
  ApplicationQuery,
  ApplicationVersionView,
  ApplicationView,
  CreateApplicationDto,
  UpdateApplicationDto,
} from './dto/application.dto';

type Row = Record<string, unknown>;

const SELECT_APPLICATION = `SELECT a.*, ${MEMBER_IDS} FROM applications a`;

/** In an UPDATE of `applications a` with `now_` in FROM: the call is open at `now_.at`. */
const STILL_OPEN = `EXISTS (SELECT 1 FROM calls c WHERE c.id = a.call_id AND now_.at < c.closes_at AND c.closed_at IS NULL)`;

export function toApplicationView(r: Row): ApplicationView {
  return {
    id: r.id as string,
    callId: r.call_id as string,
    category: r.category as string,
    leadOrganizationId: r.lead_organization_id as string,
    title: r.title as string,
    summary: r.summary as string,
    requestedAmount: Number(r.requested_amount),
    selfFinancingAmount: Number(r.self_financing_amount),
    projectStart: dateOnly(r.project_start),
    projectEnd: dateOnly(r.project_end),
    memberOrganizationIds: (r.member_ids as string[]) ?? [],
    partners: r.partners as ApplicationView['partners'],
    budget: r.budget as ApplicationView['budget'],
    status: r.status as ApplicationStatus,
    version: r.version as number,
    submittedVersion: (r.submitted_version as number | null) ?? null,
    hasUnsubmittedChanges: r.has_unsubmitted_changes as boolean,
    submittedAt: (r.submitted_at as Date | null) ?? null,
    firstSubmittedAt: (r.first_submitted_at as Date | null) ?? null,
    withdrawnAt: (r.withdrawn_at as Date | null) ?? null,
    createdAt: r.created_at as Date,
    updatedAt: r.updated_at as Date,
  };
}

/** The snapshot a submit stores as the version's content. */
export function content(view: ApplicationView): ApplicationContent {
  return {
    category: view.category,
    title: view.title,
    summary: view.summary,
    requestedAmount: view.requestedAmount ?? 0,
    selfFinancingAmount: view.selfFinancingAmount ?? 0,
    projectStart: view.projectStart ?? null,
    projectEnd: view.projectEnd ?? null,
    memberOrganizationIds: view.memberOrganizationIds,
    partners: view.partners,
    budget: view.budget,
  };
}

/** The application and its call as read for a change (locked, except for a submit), with the call's window by the database clock. */
interface Locked {
  view: ApplicationView;
  /** The database clock when the row was read. */
  receivedAt: Date;
  call: {
    notYetOpen: boolean;
    title: { fi: string };
    timezone: string;
    eligibleKinds: string[];
    minSelfFinancingPercent: number | null;
    categories: { key: string; maxAmount: number | null }[];
  };
  lead: { kind: string; language: Language };
}

const MAX_SUBMIT_ATTEMPTS = 5;

interface SubmitWritten {
  first_submitted_at: Date;
  submitted_at: Date;
  updated_at: Date;
  notified: boolean;
}

/**
 * Group commit of submits (see database/batcher.ts): up to 50 submits per statement, and at most
 * four statements of each kind in flight, which leaves the rest of the pool to other requests.
 */
const SUBMIT_BATCHES = { maxBatch: 50, maxInFlight: 4 };

/**
 * The checks before an applicant's change, on a CHANGE_SELECT row: it exists for the caller, the
 * caller may change it, the call is still open by the database clock, and its state allows the action.
 */
/** Every field error of a request in one answer. */
function refuseInvalid(errors: FieldError[]): void {
  if (errors.length > 0) throw Problem.validation(errors);
}

function checkChange(r: Row | undefined, actor: Actor, action: ApplicationAction): Locked {
  if (!r || !(r.visible || hasRole(actor, 'admin'))) throw Problem.notFound('Application');
  if (r.lead_organization_id !== actor.organizationId || !hasRole(actor, 'applicant')) {
    throw Problem.forbidden('Only applicants of the lead organisation may change this application');
  }
  if (r.call_closed) throw new Problem(409, 'CALL_CLOSED', 'The call has closed; applications can no longer be changed');
  const view = toApplicationView(r);
  if (!canApplicant(action, view.status))
    throw Problem.invalidState(`An application that is ${view.status} cannot be changed by the applicant`);
  return {
    view,
    receivedAt: r.now_at as Date,
    call: {
      notYetOpen: r.call_not_yet_open as boolean,
      title: r.call_title as { fi: string },
      timezone: r.call_timezone as string,
      eligibleKinds: r.eligible_kinds as string[],
      minSelfFinancingPercent: r.min_self_financing_percent === null ? null : Number(r.min_self_financing_percent),
      categories: (r.call_categories as { key: string; maxAmount: number | null }[]).map((k) => ({
        key: k.key,
        maxAmount: k.maxAmount === null ? null : Number(k.maxAmount),
      })),
    },
    lead: { kind: r.lead_kind as string, language: r.lead_language as Language },
  };
}

@Injectable()
export class ApplicationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    statements: Statements,
    private readonly jobs: JobScheduler,
  ) {
    this.submitReads = statements.batcher<Row>(SUBMIT_READ, SUBMIT_BATCHES);
    this.submitWrites = statements.batcher<SubmitWritten>(SUBMIT_WRITE, SUBMIT_BATCHES);
  }

  private readonly submitReads: Batcher<Row>;
  private readonly submitWrites: Batcher<SubmitWritten>;

  /** How the submits have been grouped into statements since start: for tests and diagnostics. */
  get submitBatches(): { reads: BatchStats; writes: BatchStats } {
    return { reads: this.submitReads.stats, writes: this.submitWrites.stats };
  }

  async create(actor: Actor, callId: string, dto: CreateApplicationDto): Promise<ApplicationView> {
    return this.db.transaction(async (m) => {
      // The call's deadline lock first: the closing job (which expires drafts) waits for this draft, or it for the closing.
      await m.query(`SELECT pg_advisory_xact_lock_shared(${deadlineLockArgs('$1')})`, [callId]);
      const [call] = await m.query(
        `SELECT c.status, clock_timestamp() >= c.closes_at OR c.closed_at IS NOT NULL AS closed, c.eligible_kinds,
                EXISTS (SELECT 1 FROM call_categories k WHERE k.call_id = c.id AND k.key = $2) AS has_category,
                (SELECT o.kind FROM organizations o WHERE o.id = $3) AS lead_kind
           FROM calls c WHERE c.id = $1`,
        [callId, dto.category, actor.organizationId],
      );
      if (!call || call.status !== 'published') throw Problem.notFound('Call');
      if (call.closed) throw new Problem(409, 'CALL_CLOSED', 'The call has closed');
      refuseInvalid([
        ...(call.has_category ? [] : [{ field: 'category', message: `the call has no category ${dto.category}` }]),
        ...draftErrors(dto, { eligibleKinds: call.eligible_kinds as string[], leadOrganizationKind: call.lead_kind as string }),
        ...(await this.memberErrors(m, actor.organizationId, dto.memberOrganizationIds)),
      ]);
      const [{ id }] = await m.query(
        `INSERT INTO applications (call_id, category, lead_organization_id, title, summary, requested_amount, self_financing_amount,
                                   project_start, project_end, partners, budget, created_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
        [
          callId,
          dto.category,
          actor.organizationId,
          dto.title ?? '',
          dto.summary ?? '',
          dto.requestedAmount ?? 0,
          dto.selfFinancingAmount ?? 0,
          dto.projectStart ?? null,
          dto.projectEnd ?? null,
          JSON.stringify(dto.partners ?? []),
          JSON.stringify(dto.budget ?? []),
          actor.id,
        ],
      );
      await this.writeMembers(m, id, dto.memberOrganizationIds ?? []);
      await audit(m, { actorId: actor.id, action: 'application.create', entity: 'application', entityId: id, after: dto });
      return this.mustFind(m, id);
    });
  }

  async update(actor: Actor, id: string, dto: UpdateApplicationDto): Promise<ApplicationView> {
    return this.db.transaction(async (m) => {
      const { view, call, lead } = await this.lockForChange(m, actor, id, 'edit');
      if (view.version !== dto.version) {
        throw new Problem(
          409,
          'VERSION_CONFLICT',
          `The application has changed since version ${dto.version}; it is now at version ${view.version}`,
          {
            currentVersion: view.version,
          },
        );
      }
      refuseInvalid([
        ...(dto.category === undefined || call.categories.some((k) => k.key === dto.category)
          ? []
          : [{ field: 'category', message: `the call has no category ${dto.category}` }]),
        ...draftErrors(
          { projectStart: dto.projectStart ?? view.projectStart, projectEnd: dto.projectEnd ?? view.projectEnd },
          { eligibleKinds: call.eligibleKinds, leadOrganizationKind: lead.kind },
        ),
        ...(await this.memberErrors(m, view.leadOrganizationId, dto.memberOrganizationIds)),
      ]);
      const columns: Record<string, unknown> = {
        category: dto.category,
        title: dto.title,
        summary: dto.summary,
        requested_amount: dto.requestedAmount,
        self_financing_amount: dto.selfFinancingAmount,
        project_start: dto.projectStart,
        project_end: dto.projectEnd,
        partners: dto.partners ? JSON.stringify(dto.partners) : undefined,
        budget: dto.budget ? JSON.stringify(dto.budget) : undefined,
      };
      const set = assignments(columns);
      await this.writeBeforeDeadline(
        m,
        `UPDATE applications a SET ${set.sql}
                version = version + 1, has_unsubmitted_changes = (status = 'submitted'), updated_at = now()
           FROM now_ WHERE a.id = $1 AND ${STILL_OPEN} RETURNING a.id`,
        [id, ...set.values],
      );
      if (dto.memberOrganizationIds) {
        await m.query('DELETE FROM application_members WHERE application_id = $1', [id]);
        await this.writeMembers(m, id, dto.memberOrganizationIds);
      }
      const { version, ...changes } = dto;
      await audit(m, {
        actorId: actor.id,
        action: 'application.update',
        entity: 'application',
        entityId: id,
        before: { version },
        after: changes,
      });
      return this.mustFind(m, id);
    });
  }

  /**
   * Submits (or re-submits) the application: a read, the submit rules, then one atomic write that
   * takes the call's deadline lock shared (so the closing job waits for it, or it for the closing
   * job), checks the deadline by the database clock after that lock, and writes only if the
   * application is still as it was read (see submit.statements.ts). A submit either lands before the call
   * closes, whole, or is refused; submittedAt is the instant the database received it, which is
   * before the write, so always before closesAt.
   */
  async submit(actor: Actor, id: string): Promise<ApplicationView> {
    for (let attempt = 1; ; attempt++) {
      const rows = await this.submitReads.add([id, actor.organizationId, actor.id]);
      const { view: current, call, lead, receivedAt } = checkChange(rows[0], actor, 'submit');
      if (call.notYetOpen) throw Problem.invalidState('The call is not open yet');
      const errors = submitErrors(content(current), {
        eligibleKinds: call.eligibleKinds,
        leadOrganizationKind: lead.kind,
        leadOrganizationId: current.leadOrganizationId,
        categories: call.categories,
        minSelfFinancingPercent: call.minSelfFinancingPercent,
      });
      if (errors.length > 0)
        throw Problem.validation(errors, `The application cannot be submitted: ${errors.map((e) => e.message).join('; ')}`);

      const message = templates.applicationSubmitted(
        { applicationTitle: current.title, callTitle: call.title, submittedAt: receivedAt, zone: call.timezone },
        lead.language,
      );
      const [written] = await this.submitWrites.add(
        [
          id,
          current.callId,
          current.version,
          current.status,
          receivedAt,
          JSON.stringify(content(current)),
          actor.id,
          current.status === 'submitted' ? 'application.resubmit' : 'application.submit',
          JSON.stringify({ status: current.status }),
          JSON.stringify({ status: 'submitted', version: current.version }),
          current.leadOrganizationId,
          message.subject,
          message.body,
          lead.language,
          `application_submitted-${id}-${current.version}`,
        ],
        id,
      );
      if (!written) {
        // Closed meanwhile (the next read says so) or changed meanwhile (read and check again).
        if (attempt < MAX_SUBMIT_ATTEMPTS) continue;
        throw new Problem(503, 'SERVICE_UNAVAILABLE', 'The application kept changing during the submit, please retry');
      }
      if (written.notified) void this.jobs.deliverOutbox();
      // The view follows from what was read and what the write returned: no need to read it again.
      return {
        ...current,
        status: 'submitted',
        submittedAt: written.submitted_at,
        firstSubmittedAt: written.first_submitted_at,
        submittedVersion: current.version,
        hasUnsubmittedChanges: false,
        updatedAt: written.updated_at as Date,
      };
    }
  }

  async withdraw(actor: Actor, id: string): Promise<ApplicationView> {
    return this.db.transaction(async (m) => {
      const { view } = await this.lockForChange(m, actor, id, 'withdraw');
      await this.writeBeforeDeadline(
        m,
        `UPDATE applications a SET status = 'withdrawn', withdrawn_at = now_.at, updated_at = now()
           FROM now_ WHERE a.id = $1 AND ${STILL_OPEN} RETURNING a.id`,
        [id],
      );
      await audit(m, {
        actorId: actor.id,
        action: 'application.withdraw',
        entity: 'application',
        entityId: id,
        before: { status: view.status },
        after: { status: 'withdrawn' },
      });
      return this.mustFind(m, id);
    });
  }

  async get(actor: Actor, id: string): Promise<ApplicationView> {
    const view = await this.findVisible(this.db.manager, actor, id);
    if (!view) throw Problem.notFound('Application');
    return view;
  }

  async list(actor: Actor, q: ApplicationQuery): Promise<ApplicationView[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    const param = (v: unknown) => {
      params.push(v);
      return `$${params.length}`;
    };
    if (!hasRole(actor, 'admin')) where.push(visibleTo(param(actor.organizationId), param(actor.id)));
    if (q.callId) where.push(`a.call_id = ${param(q.callId)}`);
    if (q.status) where.push(`a.status = ${param(q.status)}`);
    const rows: Row[] = await this.db.query(
      `${SELECT_APPLICATION} ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY a.created_at, a.id LIMIT ${param(q.limit ?? 100)} OFFSET ${param(q.offset ?? 0)}`,
      params,
    );
    return rows.map(toApplicationView);
  }

  /** Every submitted version, oldest first: for admins and the lead organisation. */
  async versions(actor: Actor, id: string): Promise<ApplicationVersionView[]> {
    const view = await this.findVisible(this.db.manager, actor, id);
    if (!view) throw Problem.notFound('Application');
    if (!hasRole(actor, 'admin') && view.leadOrganizationId !== actor.organizationId)
      throw Problem.forbidden('Only the lead organisation and admins see earlier versions');
    const rows: Row[] = await this.db.query(
      'SELECT version, content, submitted_at, submitted_by FROM application_versions WHERE application_id = $1 ORDER BY version',
      [id],
    );
    return rows.map((r) => ({
      version: r.version as number,
      content: r.content as ApplicationContent,
      submittedAt: r.submitted_at as Date,
      submittedBy: (r.submitted_by as string | null) ?? null,
    }));
  }

  private async findVisible(m: EntityManager, actor: Actor, id: string): Promise<ApplicationView | undefined> {
    const admin = hasRole(actor, 'admin');
    const rows: Row[] = await m.query(
      `${SELECT_APPLICATION} WHERE a.id = $1 ${admin ? '' : `AND ${visibleTo('$2', '$3')}`}`,
      admin ? [id] : [id, actor.organizationId, actor.id],
    );
    return rows[0] ? toApplicationView(rows[0]) : undefined;
  }

  private async mustFind(m: EntityManager, id: string): Promise<ApplicationView> {
    const rows: Row[] = await m.query(`${SELECT_APPLICATION} WHERE a.id = $1`, [id]);
    return toApplicationView(rows[0]);
  }

  /**
   * Takes the call's deadline lock, shared (the closing job takes it exclusively), and then locks
   * the application (FOR UPDATE) — always in that order, the closing job's order, so the two can
   * never deadlock — then checks: it exists for the caller, the caller may change it, the call is
   * still open by the database clock, and its state allows the action.
   */
  private async lockForChange(m: EntityManager, actor: Actor, id: string, action: ApplicationAction): Promise<Locked> {
    const [found] = await m.query(
      `SELECT pg_advisory_xact_lock_shared(${deadlineLockArgs('a.call_id')}) FROM applications a WHERE a.id = $1`,
      [id],
    );
    if (!found) throw Problem.notFound('Application');
    const rows: Row[] = await m.query(`${CHANGE_SELECT} FOR UPDATE OF a`, [id, actor.organizationId, actor.id]);
    return checkChange(rows[0], actor, action);
  }

  /**
   * Runs an UPDATE of one application only if, at the instant it runs (read once as `now_.at`),
   * the call is still open; otherwise nothing is written and the transaction ends in CALL_CLOSED.
   * The early check in lockForChange gives the quick answer; this one makes the write itself the
   * deadline check, so a recorded submittedAt is always before closesAt.
   */
  private async writeBeforeDeadline(m: EntityManager, update: string, params: unknown[]): Promise<void> {
    const [rows] = await m.query(`WITH now_ AS (SELECT clock_timestamp() AS at) ${update}`, params);
    if (rows.length === 0) throw new Problem(409, 'CALL_CLOSED', 'The call has closed; applications can no longer be changed');
  }

  private async memberErrors(m: EntityManager, leadOrganizationId: string, memberIds: string[] | undefined): Promise<FieldError[]> {
    if (!memberIds || memberIds.length === 0) return [];
    if (memberIds.includes(leadOrganizationId))
      return [{ field: 'memberOrganizationIds', message: 'the lead organisation cannot also be a member' }];
    const found: { id: string }[] = await m.query('SELECT id FROM organizations WHERE id = ANY($1::uuid[])', [memberIds]);
    const missing = memberIds.filter((id) => !found.some((f) => f.id === id));
    return missing.length > 0 ? [{ field: 'memberOrganizationIds', message: `no organisation has the id ${missing.join(', ')}` }] : [];
  }

  private async writeMembers(m: EntityManager, applicationId: string, memberIds: string[]): Promise<void> {
    if (memberIds.length === 0) return;
    await m.query('INSERT INTO application_members (application_id, organization_id) SELECT $1, unnest($2::uuid[])', [
      applicationId,
      memberIds,
    ]);
  }
}
