import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { visibleTo } from '../applications/submit.statements';
import { Actor, hasRole } from '../common/auth';
import { audit } from '../common/audit';
import { Problem } from '../common/problem';
import type { Language } from '../identity/organization.entity';
import { JobScheduler } from '../jobs/job-scheduler';
import { enqueueNotifications, OutboxEntry } from '../notifications/outbox';
import { Localized, Message, templates } from '../notifications/templates';
import { ranking } from '../reviews/ranking.query';
import { answerVerdict, freeRoom, GrantAnswer, GrantStatus, reserveList } from './acceptance.rules';
import { GrantView, ReserveRowView } from './acceptance.dto';

type Row = Record<string, unknown>;

export function toGrantView(r: Row): GrantView {
  return {
    applicationId: r.application_id as string,
    grantStatus: r.grant_status as GrantStatus,
    acceptanceDueAt: r.acceptance_due_at as Date,
    answeredAt: (r.grant_answered_at as Date | null) ?? null,
    acceptedBySilence: r.accepted_by_silence as boolean,
    refusalReason: (r.refusal_reason as string | null) ?? null,
  };
}

/** The officers (admins) to tell, each in their own language, else their organisation's. */
export async function officers(m: EntityManager): Promise<{ id: string; language: Language }[]> {
  return m.query(
    `SELECT u.id, coalesce(u.language, o.language) AS language FROM users u JOIN organizations o ON o.id = u.organization_id
      WHERE u.active AND 'admin' = ANY(u.roles) ORDER BY u.created_at`,
  );
}

/**
 * The lead organisation's answer to a funded grant, and the reserve list. An answer is judged in
 * its transaction by the database clock, after the decision row is locked: at or after the
 * acceptance deadline both answers are 409 DEADLINE_PASSED and nothing is written. A refusal
 * takes the call's row lock first — the lock every decision takes to check the caps — and frees
 * the grant's category slot and money in the same transaction (the caps count only grants not
 * refused); its network project goes with it.
 */
@Injectable()
export class AcceptanceService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobScheduler,
  ) {}

  async answer(actor: Actor, applicationId: string, answer: GrantAnswer, reason?: string): Promise<GrantView> {
    const { view, ids } = await this.db.transaction(async (m) => {
      const [a] = await m.query(
        `SELECT a.id, a.call_id, a.title, a.lead_organization_id, o.name AS organization_name, o.language, c.title AS call_title,
                ${visibleTo('$2', '$3')} AS visible
           FROM applications a JOIN organizations o ON o.id = a.lead_organization_id JOIN calls c ON c.id = a.call_id WHERE a.id = $1`,
        [applicationId, actor.organizationId, actor.id],
      );
      if (!a || !(a.visible || hasRole(actor, 'admin'))) throw Problem.notFound('Application');
      if (a.lead_organization_id !== actor.organizationId || !hasRole(actor, 'applicant')) {
        throw Problem.forbidden('Only applicants of the lead organisation may accept or refuse the grant');
      }
      if (answer === 'refuse') await m.query('SELECT id FROM calls WHERE id = $1 FOR UPDATE', [a.call_id]);
      const [locked] = await m.query('SELECT application_id FROM decisions WHERE application_id = $1 FOR UPDATE', [applicationId]);
      if (!locked) throw Problem.invalidState('The application has no published decision');
      // The clock is read only now, after the lock: a late answer that waited for another is still late.
      const [g] = await m.query('SELECT *, clock_timestamp() AS now FROM decisions WHERE application_id = $1', [applicationId]);
      const verdict = answerVerdict({ outcome: g.outcome, status: g.grant_status, dueAt: g.acceptance_due_at }, answer, g.now);
      if (!verdict.ok) throw new Problem(409, verdict.code, verdict.detail);
      if (!verdict.change) return { view: toGrantView(g), ids: [] };

      const [[row]] = await m.query(
        `UPDATE decisions SET grant_status = $2, grant_answered_at = $3, grant_answered_by = $4, refusal_reason = $5
          WHERE application_id = $1 AND grant_status = 'pending' AND $3 < acceptance_due_at RETURNING *`,
        [applicationId, answer === 'accept' ? 'accepted' : 'refused', g.now, actor.id, answer === 'refuse' ? reason : null],
      );
      if (answer === 'refuse') await m.query('DELETE FROM network_projects WHERE application_id = $1', [applicationId]);
      await audit(m, {
        actorId: actor.id,
        action: answer === 'accept' ? 'grant.accept' : 'grant.refuse',
        entity: 'application',
        entityId: applicationId,
        before: { grantStatus: 'pending' },
        after: { grantStatus: row.grant_status, ...(reason ? { reason } : {}), grantedAmount: Number(g.granted_amount) },
      });
      const callTitle = a.call_title as Localized;
      const message = (lang: Language): Message =>
        answer === 'accept'
          ? templates.grantAccepted({ applicationTitle: a.title, organizationName: a.organization_name, callTitle }, lang)
          : templates.grantRefused(
              { applicationTitle: a.title, organizationName: a.organization_name, callTitle, reason: reason ?? '' },
              lang,
            );
      const kind = answer === 'accept' ? 'grant_accepted' : 'grant_refused';
      const entries: OutboxEntry[] = [
        {
          recipient: { organizationId: a.lead_organization_id },
          kind,
          language: a.language,
          dedupeKey: `${kind}-${applicationId}`,
          message: message(a.language),
        },
        ...(await officers(m)).map((o) => ({
          recipient: { userId: o.id },
          kind,
          language: o.language,
          dedupeKey: `${kind}-${applicationId}-${o.id}`,
          message: message(o.language),
        })),
      ];
      return { view: toGrantView(row), ids: await enqueueNotifications(m, entries) };
    });
    await this.jobs.deliver(ids);
    return view;
  }

  /**
   * The reserve: the call's ranked applications (ranking order) that hold no grant and have not
   * refused one, each fitting a free slot of its category and the remaining budget.
   */
  async reserve(callId: string): Promise<ReserveRowView[]> {
    return this.db.transaction('REPEATABLE READ', async (m) => {
      const [call] = await m.query('SELECT total_budget FROM calls WHERE id = $1', [callId]);
      if (!call) throw Problem.notFound('Call');
      const categories: { key: string; max_funded: number }[] = await m.query(
        'SELECT key, max_funded FROM call_categories WHERE call_id = $1',
        [callId],
      );
      const decisions: {
        application_id: string;
        category: string;
        outcome: string;
        grant_status: string;
        granted_amount: string | null;
      }[] = await m.query('SELECT application_id, category, outcome, grant_status, granted_amount FROM decisions WHERE call_id = $1', [
        callId,
      ]);
      const grants = decisions.filter((d) => d.outcome === 'funded' && d.grant_status !== 'refused');
      const room = freeRoom(
        { maxFunded: new Map(categories.map((k) => [k.key, k.max_funded])), totalBudget: Number(call.total_budget) },
        grants.map((d) => ({ category: d.category, grantedAmount: Number(d.granted_amount) })),
      );
      const byApp = new Map(decisions.map((d) => [d.application_id, d]));
      const rows = (await ranking(m, callId)).map((r) => {
        const d = byApp.get(r.applicationId);
        return {
          ...r,
          funded: d?.outcome === 'funded' && d.grant_status !== 'refused',
          refused: d?.grant_status === 'refused',
        };
      });
      return reserveList(rows, room).map((r) => ({
        applicationId: r.applicationId,
        title: r.title,
        organizationName: r.organizationName,
        category: r.category,
        score: r.score,
        reviewCount: r.reviewCount,
        requestedAmount: r.requestedAmount,
        rank: r.rank,
        freeSlots: room.slots.get(r.category) ?? 0,
        remainingBudget: room.budget,
      }));
    });
  }
}
