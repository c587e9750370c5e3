import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor, hasRole } from '../common/auth';
import { audit } from '../common/audit';
import { assignments } from '../common/sql';
import { Problem } from '../common/problem';
import { JobScheduler } from '../jobs/job-scheduler';
import { callShapeErrors, remindersFor } from './call.rules';
import { findCall, listCalls } from './calls.query';
import { DEFAULT_ACCEPTANCE_DAYS, DEFAULT_PAYMENT_PLAN, paymentPlanErrors } from '../decision-documents/decision.rules';
import { CallView, CategoryDto, DEFAULT_DISAGREEMENT_THRESHOLD, CreateCallDto, CriterionDto, UpdateCallDto } from './dto/call.dto';

@Injectable()
export class CallsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobScheduler,
  ) {}

  async create(actor: Actor, dto: CreateCallDto): Promise<CallView> {
    const errors = [...callShapeErrors(dto), ...paymentPlanErrors(dto.paymentPlan)];
    if (errors.length > 0) throw Problem.validation(errors);
    return this.db.transaction(async (m) => {
      const [{ id }] = await m.query(
        `INSERT INTO calls (title, description, opens_at, closes_at, timezone, total_budget, reviews_per_application,
                            eligible_kinds, min_self_financing_percent, reports_due, created_by, reviews_due_at, disagreement_threshold,
                            acceptance_days, payment_plan, case_number_prefix)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING id`,
        [
          dto.title,
          dto.description,
          dto.opensAt,
          dto.closesAt,
          dto.timezone ?? 'Europe/Helsinki',
          dto.totalBudget,
          dto.reviewsPerApplication,
          [...new Set(dto.eligibleKinds)],
          dto.minSelfFinancingPercent ?? null,
          JSON.stringify(dto.reportsDue ?? []),
          actor.id,
          dto.reviewsDueAt ?? null,
          dto.disagreementThreshold ?? DEFAULT_DISAGREEMENT_THRESHOLD,
          dto.acceptanceDays ?? DEFAULT_ACCEPTANCE_DAYS,
          JSON.stringify(dto.paymentPlan ?? DEFAULT_PAYMENT_PLAN),
          dto.caseNumberPrefix ?? null,
        ],
      );
      await this.writeCategories(m, id, dto.categories);
      await this.writeCriteria(m, id, dto.criteria);
      await audit(m, { actorId: actor.id, action: 'call.create', entity: 'call', entityId: id, after: dto });
      return this.mustFind(m, id);
    });
  }

  /**
   * A draft changes freely. Once published only `closesAt` may change, only later, and only while
   * the call has not closed; the closing job and the reminders are then rescheduled.
   */
  async update(actor: Actor, id: string, dto: UpdateCallDto): Promise<CallView> {
    const { view, previous } = await this.db.transaction(async (m) => {
      const [locked] = await m.query(
        `SELECT status, opens_at, closes_at, closed_at, now() >= closes_at OR closed_at IS NOT NULL AS closed
           FROM calls WHERE id = $1 FOR UPDATE`,
        [id],
      );
      if (!locked) throw Problem.notFound('Call');
      const before = await this.mustFind(m, id);

      await this.updateReviewFields(m, id, dto);
      if (locked.status === 'published') {
        const others = Object.keys(dto).filter((k) => !CHANGEABLE_WHEN_PUBLISHED.has(k) && dto[k as keyof UpdateCallDto] !== undefined);
        if (others.length > 0) {
          throw Problem.invalidState(
            `Only closesAt, reviewsDueAt and disagreementThreshold can change once a call is published (not ${others.join(', ')})`,
          );
        }
        if (!dto.closesAt) {
          const after = await this.mustFind(m, id);
          if (dto.reviewsDueAt === undefined && dto.disagreementThreshold === undefined) return { view: after, previous: undefined };
          await audit(m, {
            actorId: actor.id,
            action: 'call.update',
            entity: 'call',
            entityId: id,
            before: diffBase(before, dto),
            after: dto,
          });
          return { view: after, previous: before };
        }
        if (locked.closed) throw new Problem(409, 'CALL_CLOSED', 'The call has closed; its closing time can no longer change');
        if (new Date(dto.closesAt).getTime() <= new Date(locked.closes_at).getTime()) {
          throw Problem.field('closesAt', 'a published call can only close later than it does now');
        }
        // The write is the check: by the clock at this instant (the read above may have waited for
        // the row lock), a call already due cannot be extended, even if its closing has not run.
        const [[moved]] = await m.query(
          'UPDATE calls SET closes_at = $2, updated_at = now() WHERE id = $1 AND closed_at IS NULL AND clock_timestamp() < closes_at RETURNING id',
          [id, dto.closesAt],
        );
        if (!moved) throw new Problem(409, 'CALL_CLOSED', 'The call has closed; its closing time can no longer change');
      } else {
        const errors = [
          ...callShapeErrors({ opensAt: dto.opensAt ?? locked.opens_at, closesAt: dto.closesAt ?? locked.closes_at, ...dto }),
          ...paymentPlanErrors(dto.paymentPlan),
        ];
        if (errors.length > 0) throw Problem.validation(errors);
        await this.updateDraft(m, id, dto);
      }
      const after = await this.mustFind(m, id);
      await audit(m, { actorId: actor.id, action: 'call.update', entity: 'call', entityId: id, before: diffBase(before, dto), after: dto });
      return { view: after, previous: before };
    });
    if (previous && view.status === 'published') await this.scheduleJobs(view, previous);
    return view;
  }

  /** Publishing twice is harmless: the second time returns the call as it is. */
  async publish(actor: Actor, id: string): Promise<CallView> {
    const view = await this.db.transaction(async (m) => {
      const [locked] = await m.query(`SELECT status, closes_at <= now() AS past FROM calls WHERE id = $1 FOR UPDATE`, [id]);
      if (!locked) throw Problem.notFound('Call');
      if (locked.status === 'published') return this.mustFind(m, id);
      if (locked.past) throw Problem.invalidState('closesAt has already passed; move it later before publishing');
      await m.query(`UPDATE calls SET status = 'published', published_at = now(), updated_at = now() WHERE id = $1`, [id]);
      await audit(m, { actorId: actor.id, action: 'call.publish', entity: 'call', entityId: id, after: { status: 'published' } });
      return this.mustFind(m, id);
    });
    await this.scheduleJobs(view);
    return view;
  }

  async get(actor: Actor, id: string): Promise<CallView> {
    const view = await findCall(this.db.manager, id);
    if (!view || (view.status === 'draft' && !hasRole(actor, 'admin'))) throw Problem.notFound('Call');
    return view;
  }

  list(actor: Actor): Promise<CallView[]> {
    return listCalls(this.db.manager, !hasRole(actor, 'admin'));
  }

  /**
   * Queues the closing job, the reminders before closing and the reviewer reminders before
   * `reviewsDueAt` (these also after closing); the reconciler makes up for any that cannot be queued now.
   */
  async scheduleJobs(call: CallView, previous?: CallView): Promise<void> {
    if (!call.publishedAt) return;
    if (!call.decidedAt) await this.jobs.scheduleReviewReminders(call.id, call.reviewsDueAt, call.timezone, previous?.reviewsDueAt);
    if (call.closedAt) return;
    await this.jobs.scheduleCallClose(call.id, call.closesAt, previous?.closesAt);
    const before = previous?.publishedAt ? remindersFor(previous.closesAt, previous.timezone, previous.publishedAt) : [];
    for (const r of remindersFor(call.closesAt, call.timezone, call.publishedAt)) {
      await this.jobs.scheduleReminder(call.id, r.daysBefore, r.at, before.find((b) => b.daysBefore === r.daysBefore)?.at);
    }
  }

  private async mustFind(m: EntityManager, id: string): Promise<CallView> {
    const view = await findCall(m, id);
    if (!view) throw Problem.notFound('Call');
    return view;
  }

  /** The review due date and the disagreement threshold, which may change in any state of the call. */
  private async updateReviewFields(m: EntityManager, id: string, dto: UpdateCallDto): Promise<void> {
    const set = assignments({ reviews_due_at: dto.reviewsDueAt, disagreement_threshold: dto.disagreementThreshold });
    if (set.values.length > 0) await m.query(`UPDATE calls SET ${set.sql} updated_at = now() WHERE id = $1`, [id, ...set.values]);
  }

  private async updateDraft(m: EntityManager, id: string, dto: UpdateCallDto): Promise<void> {
    const columns: Record<string, unknown> = {
      title: dto.title,
      description: dto.description,
      opens_at: dto.opensAt,
      closes_at: dto.closesAt,
      timezone: dto.timezone,
      total_budget: dto.totalBudget,
      reviews_per_application: dto.reviewsPerApplication,
      eligible_kinds: dto.eligibleKinds ? [...new Set(dto.eligibleKinds)] : undefined,
      min_self_financing_percent: dto.minSelfFinancingPercent,
      reports_due: dto.reportsDue ? JSON.stringify(dto.reportsDue) : undefined,
      acceptance_days: dto.acceptanceDays,
      payment_plan: dto.paymentPlan ? JSON.stringify(dto.paymentPlan) : undefined,
      case_number_prefix: dto.caseNumberPrefix,
    };
    const set = assignments(columns);
    if (set.values.length > 0) await m.query(`UPDATE calls SET ${set.sql} updated_at = now() WHERE id = $1`, [id, ...set.values]);
    if (dto.categories) {
      await m.query('DELETE FROM call_categories WHERE call_id = $1', [id]);
      await this.writeCategories(m, id, dto.categories);
    }
    if (dto.criteria) {
      await m.query('DELETE FROM call_criteria WHERE call_id = $1', [id]);
      await this.writeCriteria(m, id, dto.criteria);
    }
  }

  private async writeCategories(m: EntityManager, callId: string, categories: CategoryDto[]): Promise<void> {
    await m.query(
      `INSERT INTO call_categories (call_id, key, title, max_funded, max_amount, position)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::int[], $5::bigint[], $6::int[])`,
      [
        callId,
        categories.map((k) => k.key),
        categories.map((k) => k.title),
        categories.map((k) => k.maxFunded),
        categories.map((k) => k.maxAmount ?? null),
        categories.map((_, i) => i),
      ],
    );
  }

  private async writeCriteria(m: EntityManager, callId: string, criteria: CriterionDto[]): Promise<void> {
    await m.query(
      `INSERT INTO call_criteria (call_id, key, title, weight, max_score, position)
       SELECT $1, * FROM unnest($2::text[], $3::text[], $4::numeric[], $5::int[], $6::int[])`,
      [
        callId,
        criteria.map((k) => k.key),
        criteria.map((k) => k.title),
        criteria.map((k) => k.weight),
        criteria.map((k) => k.maxScore),
        criteria.map((_, i) => i),
      ],
    );
  }
}

/** What a published call still lets an officer change. */
const CHANGEABLE_WHEN_PUBLISHED = new Set(['closesAt', 'reviewsDueAt', 'disagreementThreshold']);

/** The previous values of the fields a change touches, for the audit trail. */
function diffBase(before: CallView, dto: UpdateCallDto): Record<string, unknown> {
  return Object.fromEntries(Object.keys(dto).map((k) => [k, before[k as keyof CallView]]));
}
