import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, hasRole } from '../common/auth';
import { audit } from '../common/audit';
import type { Language } from '../identity/organization.entity';
import { JobScheduler } from '../jobs/job-scheduler';
import { enqueueNotifications } from '../notifications/outbox';
import { templates } from '../notifications/templates';
import { ranking, RankingRow } from './ranking.query';
import { Problem } from '../common/problem';
import { AssignDto, AssignmentView, CallAssignmentView, MyAssignmentView, ReviewDto, ReviewView } from './dto/review.dto';
import { Criterion, planAssignments, scoreErrors, weightedScore } from './review.rules';

type Row = Record<string, unknown>;

const conflictOfInterest = (detail: string) => new Problem(409, 'CONFLICT_OF_INTEREST', detail);

/**
 * Every change to a call's reviewer assignments (by hand, automatic, a declared conflict) first
 * takes the call's row lock, so they happen one after another and each one's checks, made in a
 * later statement, see what the one before committed.
 */
async function lockCallAssignments(
  m: EntityManager,
  callId: string,
): Promise<{ reviews_per_application: number; closed_at: Date | null } | undefined> {
  const [call] = await m.query(`SELECT reviews_per_application, closed_at FROM calls WHERE id = $1 FOR UPDATE`, [callId]);
  return call;
}

@Injectable()
export class ReviewsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobScheduler,
  ) {}

  /** The call's ranking, optionally of one category (see ranking.query.ts). */
  async ranking(callId: string, category: string | undefined): Promise<RankingRow[]> {
    const [call] = await this.db.query(
      'SELECT coalesce((SELECT array_agg(k.key ORDER BY k.key) FROM call_categories k WHERE k.call_id = c.id), $2) AS categories FROM calls c WHERE c.id = $1',
      [callId, []],
    );
    if (!call) throw Problem.notFound('Call');
    const categories = call.categories as string[];
    if (category !== undefined && !categories.includes(category)) {
      throw Problem.field('category', `the call has no category ${category} (its categories: ${categories.join(', ')})`);
    }
    return ranking(this.db.manager, callId, category);
  }

  /** Assigns a reviewer by hand; one of the application's own organisations or a declared conflict → CONFLICT_OF_INTEREST. */
  async assign(actor: Actor, callId: string, dto: AssignDto): Promise<AssignmentView> {
    const { view, notified } = await this.db.transaction(async (m) => {
      await lockCallAssignments(m, callId);
      const [app] = await m.query(
        `SELECT a.id, a.status, a.lead_organization_id,
                EXISTS (SELECT 1 FROM application_members x WHERE x.application_id = a.id AND x.organization_id = u.organization_id)
                  OR a.lead_organization_id = u.organization_id AS own_organization,
                EXISTS (SELECT 1 FROM reviewer_conflicts rc WHERE rc.application_id = a.id AND rc.reviewer_id = u.id) AS declared_conflict,
                'reviewer' = ANY(u.roles) AS is_reviewer
           FROM applications a, users u
          WHERE a.id = $1 AND a.call_id = $2 AND u.id = $3
          FOR UPDATE OF a`,
        [dto.applicationId, callId, dto.reviewerId],
      );
      if (!app) {
        const [exists] = await m.query('SELECT 1 FROM applications WHERE id = $1 AND call_id = $2', [dto.applicationId, callId]);
        throw exists ? Problem.field('reviewerId', 'no user has this id') : Problem.notFound('Application in this call');
      }
      if (!app.is_reviewer) throw Problem.field('reviewerId', 'the user is not a reviewer');
      if (app.status !== 'in_review') throw Problem.invalidState('Only applications in review can be assigned (the call must have closed)');
      if (app.own_organization) throw conflictOfInterest('The reviewer belongs to the lead or a member organisation of this application');
      if (app.declared_conflict) throw conflictOfInterest('The reviewer has declared a conflict of interest on this application');
      await m.query(`INSERT INTO review_assignments (application_id, reviewer_id, call_id, assigned_by) VALUES ($1, $2, $3, $4)`, [
        dto.applicationId,
        dto.reviewerId,
        callId,
        actor.id,
      ]);
      await audit(m, {
        actorId: actor.id,
        action: 'review.assign',
        entity: 'application',
        entityId: dto.applicationId,
        after: { reviewerId: dto.reviewerId },
      });
      const notified = await notifyReviewers(m, callId, [{ applicationId: dto.applicationId, reviewerId: dto.reviewerId }]);
      return { view: { applicationId: dto.applicationId, reviewerId: dto.reviewerId, callId }, notified };
    });
    await this.jobs.deliver(notified);
    return view;
  }

  /** Fills every application in review up to the call's number of reviewers, balancing loads. */
  async autoAssign(actor: Actor, callId: string): Promise<{ created: number }> {
    const { created, notified } = await this.db.transaction(async (m) => {
      const call = await lockCallAssignments(m, callId);
      if (!call) throw Problem.notFound('Call');
      if (!call.closed_at) throw Problem.invalidState('Reviews open once the call has closed');
      const applications: { id: string; organization_ids: string[] }[] = await m.query(
        `SELECT a.id, array_append(coalesce((SELECT array_agg(x.organization_id) FROM application_members x WHERE x.application_id = a.id), '{}'), a.lead_organization_id) AS organization_ids
           FROM applications a WHERE a.call_id = $1 AND a.status = 'in_review'`,
        [callId],
      );
      const reviewers: { id: string; organization_id: string }[] = await m.query(
        `SELECT id, organization_id FROM users WHERE 'reviewer' = ANY(roles) ORDER BY id`,
      );
      const existing: { application_id: string; reviewer_id: string }[] = await m.query(
        `SELECT application_id, reviewer_id FROM review_assignments WHERE call_id = $1`,
        [callId],
      );
      const conflicts: { application_id: string; reviewer_id: string }[] = await m.query(
        `SELECT rc.application_id, rc.reviewer_id FROM reviewer_conflicts rc JOIN applications a ON a.id = rc.application_id WHERE a.call_id = $1`,
        [callId],
      );
      const plan = planAssignments({
        applications: applications.map((a) => ({ id: a.id, organizationIds: a.organization_ids })),
        reviewers: reviewers.map((r) => ({ id: r.id, organizationId: r.organization_id })),
        existing: existing.map((e) => ({ applicationId: e.application_id, reviewerId: e.reviewer_id })),
        conflicts: conflicts.map((c) => ({ applicationId: c.application_id, reviewerId: c.reviewer_id })),
        perApplication: call.reviews_per_application,
      });
      if (plan.length > 0) {
        await m.query(
          `INSERT INTO review_assignments (application_id, reviewer_id, call_id, assigned_by)
           SELECT unnest($1::uuid[]), unnest($2::uuid[]), $3, $4`,
          [plan.map((p) => p.applicationId), plan.map((p) => p.reviewerId), callId, actor.id],
        );
      }
      await audit(m, {
        actorId: actor.id,
        action: 'review.auto_assign',
        entity: 'call',
        entityId: callId,
        after: { created: plan.length },
      });
      return { created: plan.length, notified: await notifyReviewers(m, callId, plan) };
    });
    await this.jobs.deliver(notified);
    return { created };
  }

  /**
   * The call's assignments with each review's progress and whether it is overdue: not submitted
   * although the call's `reviewsDueAt` has passed (by the database clock).
   */
  async callAssignments(callId: string): Promise<CallAssignmentView[]> {
    const [call] = await this.db.query('SELECT reviews_due_at FROM calls WHERE id = $1', [callId]);
    if (!call) throw Problem.notFound('Call');
    const rows: Row[] = await this.db.query(
      `SELECT ra.application_id, ra.reviewer_id, ra.call_id, ra.assigned_at, a.title, u.name AS reviewer_name,
              coalesce(r.status, 'not_started') AS review_status, r.submitted_at, c.reviews_due_at,
              c.reviews_due_at IS NOT NULL AND now() >= c.reviews_due_at AND r.status IS DISTINCT FROM 'submitted' AS overdue
         FROM review_assignments ra
         JOIN calls c ON c.id = ra.call_id
         JOIN applications a ON a.id = ra.application_id
         JOIN users u ON u.id = ra.reviewer_id
         LEFT JOIN reviews r ON r.application_id = ra.application_id AND r.reviewer_id = ra.reviewer_id
        WHERE ra.call_id = $1
        ORDER BY a.title, ra.application_id, u.name, ra.reviewer_id`,
      [callId],
    );
    return rows.map((r) => ({
      applicationId: r.application_id as string,
      reviewerId: r.reviewer_id as string,
      callId: r.call_id as string,
      title: r.title as string,
      reviewerName: r.reviewer_name as string,
      assignedAt: r.assigned_at as Date,
      reviewStatus: r.review_status as CallAssignmentView['reviewStatus'],
      submittedAt: (r.submitted_at as Date | null) ?? null,
      reviewsDueAt: (r.reviews_due_at as Date | null) ?? null,
      overdue: r.overdue as boolean,
    }));
  }

  async myAssignments(actor: Actor): Promise<MyAssignmentView[]> {
    const rows: Row[] = await this.db.query(
      `SELECT ra.application_id, ra.call_id, a.title, coalesce(r.status, 'not_started') AS review_status, c.reviews_due_at,
              c.reviews_due_at IS NOT NULL AND now() >= c.reviews_due_at AND r.status IS DISTINCT FROM 'submitted' AS overdue
         FROM review_assignments ra
         JOIN applications a ON a.id = ra.application_id
         JOIN calls c ON c.id = ra.call_id
         LEFT JOIN reviews r ON r.application_id = ra.application_id AND r.reviewer_id = ra.reviewer_id
        WHERE ra.reviewer_id = $1
        ORDER BY ra.assigned_at, ra.application_id`,
      [actor.id],
    );
    return rows.map((r) => ({
      applicationId: r.application_id as string,
      callId: r.call_id as string,
      title: r.title as string,
      reviewStatus: r.review_status as MyAssignmentView['reviewStatus'],
      reviewsDueAt: (r.reviews_due_at as Date | null) ?? null,
      overdue: r.overdue as boolean,
    }));
  }

  /** Saves the caller's draft review; every criterion must be scored. A submitted review is locked. */
  async save(actor: Actor, applicationId: string, dto: ReviewDto): Promise<ReviewView> {
    return this.db.transaction(async (m) => {
      const { callId, criteria } = await this.lockAssignment(m, actor, applicationId);
      const errors = scoreErrors(dto.scores, criteria);
      if (errors.length > 0) throw Problem.validation(errors);
      const [existing] = await m.query('SELECT status FROM reviews WHERE application_id = $1 AND reviewer_id = $2', [
        applicationId,
        actor.id,
      ]);
      if (existing?.status === 'submitted') throw Problem.invalidState('The review has been submitted; an admin must reopen it first');
      await m.query(
        `INSERT INTO reviews (application_id, reviewer_id, call_id, comment) VALUES ($1, $2, $3, $4)
         ON CONFLICT (application_id, reviewer_id) DO UPDATE SET comment = EXCLUDED.comment, updated_at = now()`,
        [applicationId, actor.id, callId, dto.comment],
      );
      await m.query('DELETE FROM review_scores WHERE application_id = $1 AND reviewer_id = $2', [applicationId, actor.id]);
      await m.query(
        `INSERT INTO review_scores (application_id, reviewer_id, call_id, criterion_key, score)
         SELECT $1, $2, $3, unnest($4::text[]), unnest($5::int[])`,
        [applicationId, actor.id, callId, criteria.map((c) => c.key), criteria.map((c) => dto.scores[c.key])],
      );
      await audit(m, {
        actorId: actor.id,
        action: 'review.save',
        entity: 'application',
        entityId: applicationId,
        after: { scores: dto.scores },
      });
      return this.reviewOf(m, applicationId, actor.id, criteria);
    });
  }

  async submit(actor: Actor, applicationId: string): Promise<ReviewView> {
    return this.db.transaction(async (m) => {
      const { criteria } = await this.lockAssignment(m, actor, applicationId);
      const [existing] = await m.query('SELECT status FROM reviews WHERE application_id = $1 AND reviewer_id = $2 FOR UPDATE', [
        applicationId,
        actor.id,
      ]);
      if (!existing) throw Problem.invalidState('Save the review before submitting it');
      if (existing.status === 'submitted') return this.reviewOf(m, applicationId, actor.id, criteria);
      await m.query(
        `UPDATE reviews SET status = 'submitted', submitted_at = now(), updated_at = now() WHERE application_id = $1 AND reviewer_id = $2`,
        [applicationId, actor.id],
      );
      await audit(m, { actorId: actor.id, action: 'review.submit', entity: 'application', entityId: applicationId });
      return this.reviewOf(m, applicationId, actor.id, criteria);
    });
  }

  /** Records the conflict and removes the assignment (and any review written under it). */
  async declareConflict(actor: Actor, applicationId: string, reason: string): Promise<{ applicationId: string; assignmentRemoved: true }> {
    return this.db.transaction(async (m) => {
      const [app] = await m.query('SELECT call_id FROM applications WHERE id = $1', [applicationId]);
      if (app) await lockCallAssignments(m, app.call_id);
      await this.lockAssignment(m, actor, applicationId);
      await m.query(
        `INSERT INTO reviewer_conflicts (application_id, reviewer_id, reason) VALUES ($1, $2, $3)
         ON CONFLICT (application_id, reviewer_id) DO UPDATE SET reason = EXCLUDED.reason, declared_at = now()`,
        [applicationId, actor.id, reason],
      );
      await m.query('DELETE FROM review_assignments WHERE application_id = $1 AND reviewer_id = $2', [applicationId, actor.id]);
      await audit(m, { actorId: actor.id, action: 'review.conflict', entity: 'application', entityId: applicationId, after: { reason } });
      return { applicationId, assignmentRemoved: true };
    });
  }

  async reopen(actor: Actor, applicationId: string, reviewerId: string): Promise<ReviewView> {
    return this.db.transaction(async (m) => {
      const [updated] = await m.query(
        `UPDATE reviews SET status = 'draft', submitted_at = NULL, updated_at = now()
          WHERE application_id = $1 AND reviewer_id = $2 AND status = 'submitted' RETURNING call_id`,
        [applicationId, reviewerId],
      );
      if (updated.length === 0) throw Problem.notFound('Submitted review');
      await audit(m, { actorId: actor.id, action: 'review.reopen', entity: 'application', entityId: applicationId, after: { reviewerId } });
      return this.reviewOf(m, applicationId, reviewerId, await this.criteria(m, updated[0].call_id));
    });
  }

  /**
   * Reviews of an application. Admins see all. An assigned reviewer sees their own, and the
   * others' only once their own is submitted. Nobody else sees any (applicants never do).
   */
  async list(actor: Actor, applicationId: string): Promise<ReviewView[]> {
    const [app] = await this.db.query(
      `SELECT a.call_id, EXISTS (SELECT 1 FROM review_assignments ra WHERE ra.application_id = a.id AND ra.reviewer_id = $2) AS assigned,
              EXISTS (SELECT 1 FROM reviews r WHERE r.application_id = a.id AND r.reviewer_id = $2 AND r.status = 'submitted') AS own_submitted
         FROM applications a WHERE a.id = $1`,
      [applicationId, actor.id],
    );
    const admin = hasRole(actor, 'admin');
    if (!app || (!admin && !app.assigned)) throw Problem.notFound('Application');
    const criteria = await this.criteria(this.db.manager, app.call_id);
    const rows: Row[] = await this.db.query(
      `SELECT r.application_id, r.reviewer_id, r.comment, r.status, r.submitted_at,
              coalesce((SELECT jsonb_object_agg(s.criterion_key, s.score) FROM review_scores s
                         WHERE s.application_id = r.application_id AND s.reviewer_id = r.reviewer_id), '{}') AS scores
         FROM reviews r WHERE r.application_id = $1 AND ($2 OR r.reviewer_id = $3 OR ($4 AND r.status = 'submitted'))
        ORDER BY r.submitted_at NULLS LAST, r.reviewer_id`,
      [applicationId, admin, actor.id, app.own_submitted],
    );
    return rows.map((r) => toReview(r, criteria));
  }

  private async lockAssignment(m: EntityManager, actor: Actor, applicationId: string): Promise<{ callId: string; criteria: Criterion[] }> {
    const [row] = await m.query(
      `SELECT ra.call_id, a.status FROM review_assignments ra JOIN applications a ON a.id = ra.application_id
        WHERE ra.application_id = $1 AND ra.reviewer_id = $2 FOR UPDATE OF ra`,
      [applicationId, actor.id],
    );
    if (!row) throw Problem.forbidden('You are not assigned to review this application');
    if (row.status !== 'in_review') throw Problem.invalidState('The application is no longer in review');
    return { callId: row.call_id, criteria: await this.criteria(m, row.call_id) };
  }

  private async criteria(m: EntityManager, callId: string): Promise<Criterion[]> {
    const rows: Row[] = await m.query('SELECT key, weight, max_score FROM call_criteria WHERE call_id = $1 ORDER BY position', [callId]);
    return rows.map((r) => ({ key: r.key as string, weight: Number(r.weight), maxScore: r.max_score as number }));
  }

  private async reviewOf(m: EntityManager, applicationId: string, reviewerId: string, criteria: Criterion[]): Promise<ReviewView> {
    const [row] = await m.query(
      `SELECT r.application_id, r.reviewer_id, r.comment, r.status, r.submitted_at,
              coalesce((SELECT jsonb_object_agg(s.criterion_key, s.score) FROM review_scores s
                         WHERE s.application_id = r.application_id AND s.reviewer_id = r.reviewer_id), '{}') AS scores
         FROM reviews r WHERE r.application_id = $1 AND r.reviewer_id = $2`,
      [applicationId, reviewerId],
    );
    return toReview(row, criteria);
  }
}

/**
 * Tells each reviewer, in their own language (else their organisation's), which applications they were just given,
 * in one message per reviewer; written in the assigning transaction, so exactly when the assignments are.
 */
async function notifyReviewers(m: EntityManager, callId: string, made: { applicationId: string; reviewerId: string }[]): Promise<string[]> {
  if (made.length === 0) return [];
  const [call] = await m.query('SELECT title, timezone, reviews_due_at FROM calls WHERE id = $1', [callId]);
  const rows: { reviewer_id: string; language: Language; titles: string[] }[] = await m.query(
    `SELECT x.reviewer_id, coalesce(u.language, o.language) AS language, array_agg(a.title ORDER BY a.title, a.id) AS titles
       FROM unnest($1::uuid[], $2::uuid[]) AS x(application_id, reviewer_id)
       JOIN applications a ON a.id = x.application_id
       JOIN users u ON u.id = x.reviewer_id
       JOIN organizations o ON o.id = u.organization_id
      GROUP BY x.reviewer_id, coalesce(u.language, o.language)`,
    [made.map((p) => p.applicationId), made.map((p) => p.reviewerId)],
  );
  return enqueueNotifications(
    m,
    rows.map((r) => ({
      recipient: { userId: r.reviewer_id },
      kind: 'review_assigned',
      language: r.language,
      message: templates.reviewAssigned(
        { callTitle: call.title, applicationTitles: r.titles, reviewsDueAt: call.reviews_due_at, zone: call.timezone },
        r.language,
      ),
    })),
  );
}

function toReview(r: Row, criteria: Criterion[]): ReviewView {
  const scores = r.scores as Record<string, number>;
  return {
    applicationId: r.application_id as string,
    reviewerId: r.reviewer_id as string,
    scores,
    comment: r.comment as string,
    status: r.status as ReviewView['status'],
    submittedAt: (r.submitted_at as Date | null) ?? null,
    weightedScore: Math.round(weightedScore(scores, criteria) * 10_000) / 10_000,
  };
}
