/** Pure rules of accepting or refusing a grant and of the reserve list (issue 20, item 3). */

export const GRANT_STATUSES = ['pending', 'accepted', 'refused'] as const;
export type GrantStatus = (typeof GRANT_STATUSES)[number];
export type GrantAnswer = 'accept' | 'refuse';

/** How long before the acceptance deadline the lead organisation is reminded. */
export const ACCEPTANCE_REMINDER_DAYS = 3;

export type AnswerVerdict = { ok: true; change: boolean } | { ok: false; code: 'DEADLINE_PASSED' | 'INVALID_STATE'; detail: string };

/**
 * May the lead organisation give this answer now? `dueAt` is the first instant after the
 * deadline, `now` the database clock of the transaction: at or after `dueAt` every answer is
 * late, whatever was answered before (silence has then accepted). Before it, repeating the same
 * answer changes nothing, and an answer given cannot be turned into the other.
 */
export function answerVerdict(
  state: { outcome: string; status: GrantStatus; dueAt: Date | null },
  answer: GrantAnswer,
  now: Date,
): AnswerVerdict {
  if (state.outcome !== 'funded' || !state.dueAt) {
    return { ok: false, code: 'INVALID_STATE', detail: 'Only a published funded grant can be accepted or refused' };
  }
  if (now.getTime() >= state.dueAt.getTime()) {
    return { ok: false, code: 'DEADLINE_PASSED', detail: `The acceptance deadline passed at ${state.dueAt.toISOString()}` };
  }
  const wanted: GrantStatus = answer === 'accept' ? 'accepted' : 'refused';
  if (state.status === 'pending') return { ok: true, change: true };
  if (state.status === wanted) return { ok: true, change: false };
  return { ok: false, code: 'INVALID_STATE', detail: `The grant has already been ${state.status}` };
}

/** Silence is acceptance: a grant still pending at or after its deadline is accepted. */
export function silenceAccepts(state: { status: GrantStatus; dueAt: Date | null }, now: Date): boolean {
  return state.status === 'pending' && state.dueAt !== null && now.getTime() >= state.dueAt.getTime();
}

/** When the lead organisation is reminded, or undefined when that moment was before the notification. */
export function acceptanceReminderAt(dueAt: Date, notifiedAt: Date): Date | undefined {
  const at = new Date(dueAt.getTime() - ACCEPTANCE_REMINDER_DAYS * 86_400_000);
  return at.getTime() > notifiedAt.getTime() ? at : undefined;
}

export interface ReserveCandidate {
  applicationId: string;
  category: string;
  requestedAmount: number;
  /** Whether the application holds a funded grant that is not refused (it is in the caps). */
  funded: boolean;
  refused: boolean;
}

export interface Caps {
  /** Category → maxFunded. */
  maxFunded: Map<string, number>;
  totalBudget: number;
}

/**
 * The free room under both caps: slots per category (maxFunded less the funded grants not
 * refused) and the budget less what those grants were given.
 */
export function freeRoom(
  caps: Caps,
  grants: { category: string; grantedAmount: number }[],
): { slots: Map<string, number>; budget: number } {
  const slots = new Map(caps.maxFunded);
  let budget = caps.totalBudget;
  for (const g of grants) {
    slots.set(g.category, (slots.get(g.category) ?? 0) - 1);
    budget -= g.grantedAmount;
  }
  return { slots, budget };
}

/**
 * The reserve: in the order given (the ranking), the applications neither funded nor refused
 * whose category has a free slot and whose requested amount fits the remaining budget. Each is
 * judged on its own against the room as it is now — funding one may take the room of the next,
 * which the decision itself then refuses with CAP_REACHED or BUDGET_EXCEEDED.
 */
export function reserveList<T extends ReserveCandidate>(ranked: T[], room: { slots: Map<string, number>; budget: number }): T[] {
  return ranked.filter(
    (c) => !c.funded && !c.refused && (room.slots.get(c.category) ?? 0) > 0 && c.requestedAmount > 0 && c.requestedAmount <= room.budget,
  );
}
