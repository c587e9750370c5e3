import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Actor } from '../common/auth';
import { audit } from '../common/audit';
import { Problem } from '../common/problem';
import { JobScheduler } from '../jobs/job-scheduler';
import { ranking } from '../reviews/ranking.query';
import { DecisionDto, decisionText, DecisionView, FundingProposalView, PublishResult } from './dto/decision.dto';
import { ProposalRunner } from './proposal-runner';
import { fundFromReserve } from './reserve-funding';

type Row = Record<string, unknown>;

export function toDecision(r: Row): DecisionView {
  return {
    applicationId: r.application_id as string,
    callId: r.call_id as string,
    category: r.category as string,
    outcome: r.outcome as DecisionView['outcome'],
    grantedAmount: r.granted_amount === null ? null : Number(r.granted_amount),
    rationale: r.rationale as string,
    rationaleText: r.rationale_sv ? { fi: r.rationale as string, sv: r.rationale_sv as string } : { fi: r.rationale as string },
    conditions: (r.conditions as DecisionView['conditions']) ?? null,
    caseNumber: (r.case_number as string | null) ?? null,
    notifiedAt: (r.notified_at as Date | null) ?? null,
    acceptanceDueAt: (r.acceptance_due_at as Date | null) ?? null,
    grantStatus: r.outcome === 'funded' && r.acceptance_due_at ? (r.grant_status as DecisionView['grantStatus']) : null,
    grantAnsweredAt: (r.grant_answered_at as Date | null) ?? null,
    acceptedBySilence: Boolean(r.accepted_by_silence),
    refusalReason: (r.refusal_reason as string | null) ?? null,
    decidedAt: r.decided_at as Date,
  };
}

@Injectable()
export class FundingService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobScheduler,
    private readonly proposals: ProposalRunner,
  ) {}

  /**
   * Records or changes the decision on one application. Every decision of a call takes the call's
   * row lock first, so the two caps — funded per category ≤ maxFunded and Σ granted ≤ totalBudget —
   * are checked and written as one step: under any concurrency they hold at every instant.
   */
  async decide(actor: Actor, applicationId: string, dto: DecisionDto): Promise<DecisionView> {
    const { view, reserve } = await this.db.transaction(async (m) => {
      const [target] = await m.query('SELECT call_id FROM applications WHERE id = $1', [applicationId]);
      if (!target) throw Problem.notFound('Application');
      const [call] = await m.query(`SELECT id, total_budget, decided_at FROM calls WHERE id = $1 FOR UPDATE`, [target.call_id]);
      const [app] = await m.query(
        `SELECT a.id, a.status, a.category, a.requested_amount, k.max_funded FROM applications a
           JOIN call_categories k ON k.call_id = a.call_id AND k.key = a.category WHERE a.id = $1`,
        [applicationId],
      );
      // After publication only the reserve can still be funded: a rejected application (a refused grant stays refused).
      const fromReserve = Boolean(call.decided_at) && dto.outcome === 'funded' && app.status === 'rejected';
      if (call.decided_at && !fromReserve) {
        throw Problem.invalidState(
          'Decisions of this call have been published; only a rejected application of the reserve can still be funded',
        );
      }
      if (!fromReserve && app.status !== 'in_review')
        throw Problem.invalidState(`Only applications in review can be decided (this one is ${app.status})`);

      let granted: number | null = null;
      if (dto.outcome === 'funded') {
        granted = dto.grantedAmount as number;
        if (granted > Number(app.requested_amount)) {
          throw Problem.field('grantedAmount', `grantedAmount may be at most the requested ${app.requested_amount} cents`);
        }
        const [others] = await m.query(
          `SELECT count(*) FILTER (WHERE category = $3)::int AS funded_in_category, coalesce(sum(granted_amount), 0)::bigint AS granted
             FROM decisions WHERE call_id = $1 AND outcome = 'funded' AND grant_status <> 'refused' AND application_id <> $2`,
          [call.id, applicationId, app.category],
        );
        if (others.funded_in_category + 1 > app.max_funded) {
          throw new Problem(
            409,
            'CAP_REACHED',
            `Category ${app.category} already has ${others.funded_in_category} of ${app.max_funded} funded applications`,
            {
              category: app.category,
              maxFunded: app.max_funded,
            },
          );
        }
        if (Number(others.granted) + granted > Number(call.total_budget)) {
          throw new Problem(
            409,
            'BUDGET_EXCEEDED',
            `Granting ${granted} cents would pass the call's budget: ${others.granted} of ${call.total_budget} cents are granted`,
            {
              totalBudget: Number(call.total_budget),
              granted: Number(others.granted),
            },
          );
        }
      } else if (dto.grantedAmount !== undefined) {
        throw Problem.field('grantedAmount', 'a rejected application is granted nothing');
      }

      const [before] = await m.query('SELECT outcome, granted_amount FROM decisions WHERE application_id = $1', [applicationId]);
      const [row] = await m.query(
        `INSERT INTO decisions (application_id, call_id, category, outcome, granted_amount, rationale, rationale_sv, conditions, decided_by)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
         ON CONFLICT (application_id) DO UPDATE SET outcome = EXCLUDED.outcome, granted_amount = EXCLUDED.granted_amount,
           rationale = EXCLUDED.rationale, rationale_sv = EXCLUDED.rationale_sv, conditions = EXCLUDED.conditions,
           decided_by = EXCLUDED.decided_by, decided_at = now()
         RETURNING *`,
        [
          applicationId,
          call.id,
          app.category,
          dto.outcome,
          granted,
          decisionText(dto.rationale).fi,
          decisionText(dto.rationale).sv ?? null,
          dto.conditions ? JSON.stringify({ fi: dto.conditions.fi, ...(dto.conditions.sv ? { sv: dto.conditions.sv } : {}) }) : null,
          actor.id,
        ],
      );
      await audit(m, {
        actorId: actor.id,
        action: 'decision.record',
        entity: 'application',
        entityId: applicationId,
        before: before
          ? { outcome: before.outcome, grantedAmount: before.granted_amount === null ? null : Number(before.granted_amount) }
          : undefined,
        after: {
          outcome: dto.outcome,
          grantedAmount: granted,
          rationale: decisionText(dto.rationale),
          conditions: dto.conditions ?? null,
          ...(fromReserve ? { fromReserve: true } : {}),
        },
      });
      if (!fromReserve) return { view: toDecision(row), reserve: undefined };
      const effects = await fundFromReserve(m, applicationId, actor.id);
      const [after] = await m.query('SELECT * FROM decisions WHERE application_id = $1', [applicationId]);
      return { view: toDecision(after), reserve: effects };
    });
    if (reserve) {
      await this.jobs.deliver(reserve.notificationIds);
      await this.jobs.scheduleAcceptanceJobs(applicationId, reserve.acceptanceDueAt, reserve.notifiedAt);
      for (const r of reserve.reports) await this.jobs.scheduleReportJobs(r.id, r.due_at, reserve.timezone);
    }
    return view;
  }

  async decisions(callId: string): Promise<DecisionView[]> {
    const rows: Row[] = await this.db.query('SELECT * FROM decisions WHERE call_id = $1 ORDER BY category, decided_at', [callId]);
    return rows.map(toDecision);
  }

  /** The best set to fund at the requested amounts under both caps, explained per application. */
  async proposal(callId: string): Promise<FundingProposalView> {
    const [call] = await this.db.query('SELECT total_budget, reviews_per_application FROM calls WHERE id = $1', [callId]);
    if (!call) throw Problem.notFound('Call');
    const categories: { key: string; max_funded: number }[] = await this.db.query(
      'SELECT key, max_funded FROM call_categories WHERE call_id = $1',
      [callId],
    );
    const rows = await ranking(this.db.manager, callId);
    return this.proposals.run({
      totalBudget: Number(call.total_budget),
      requiredReviews: call.reviews_per_application,
      categories: categories.map((k) => ({ key: k.key, maxFunded: k.max_funded })),
      candidates: rows.map((r) => ({
        applicationId: r.applicationId,
        category: r.category,
        score: r.score ?? 0,
        requestedAmount: r.requestedAmount,
        reviewCount: r.reviewCount,
        submittedAt: r.submittedAt,
      })),
    });
  }

  /**
   * Publishes the call's decisions once every application in review has one. The call becomes
   * `decided` here; notifying applicants and creating the network projects is a job
   * (`publish-decisions`), which the reconciler also runs for any decided call it finds unfinished.
   * Publishing again returns the first publication.
   */
  async publish(actor: Actor, callId: string): Promise<PublishResult> {
    const result = await this.db.transaction(async (m) => {
      const [call] = await m.query('SELECT id, closed_at, decided_at FROM calls WHERE id = $1 FOR UPDATE', [callId]);
      if (!call) throw Problem.notFound('Call');
      if (!call.closed_at) throw Problem.invalidState('The call has not closed');
      if (!call.decided_at) {
        const [{ undecided }] = await m.query(
          `SELECT count(*)::int AS undecided FROM applications a
            WHERE a.call_id = $1 AND a.status = 'in_review' AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.application_id = a.id)`,
          [callId],
        );
        if (undecided > 0) throw Problem.invalidState(`${undecided} application(s) in review have no decision yet`);
        await m.query('UPDATE calls SET decided_at = now(), updated_at = now() WHERE id = $1', [callId]);
        await audit(m, { actorId: actor.id, action: 'decision.publish', entity: 'call', entityId: callId });
      }
      return this.summary(m, callId);
    });
    await this.jobs.publishDecisions(callId);
    return result;
  }

  private async summary(m: EntityManager, callId: string): Promise<PublishResult> {
    const [row] = await m.query(
      `SELECT c.decided_at, count(*) FILTER (WHERE d.outcome = 'funded')::int AS funded, count(*) FILTER (WHERE d.outcome = 'rejected')::int AS rejected
         FROM calls c LEFT JOIN decisions d ON d.call_id = c.id WHERE c.id = $1 GROUP BY c.decided_at`,
      [callId],
    );
    return { callId, decidedAt: row.decided_at, funded: row.funded, rejected: row.rejected };
  }
}
