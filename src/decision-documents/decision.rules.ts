import { DateTime } from 'luxon';
import type { FieldError } from '../common/problem';

/** What releases an instalment of the grant. */
export const PAYMENT_TRIGGERS = ['acceptance', 'interim_report_accepted', 'final_report_accepted'] as const;
export type PaymentTrigger = (typeof PAYMENT_TRIGGERS)[number];

export interface PaymentPlanEntry {
  /** Percent of the grant, up to two decimals. */
  share: number;
  trigger: PaymentTrigger;
}

/** One instalment at acceptance, unless the call says otherwise. */
export const DEFAULT_PAYMENT_PLAN: PaymentPlanEntry[] = [{ share: 100, trigger: 'acceptance' }];
/** Days the lead organisation has to accept or refuse, unless the call says otherwise. */
export const DEFAULT_ACCEPTANCE_DAYS = 14;

/** Shares in hundredths of a percent, so that 33.33 + 33.33 + 33.34 is exactly 10 000. */
const basisPoints = (share: number): number => Math.round(share * 100);

/** A payment plan's shares must sum to exactly 100 %. */
export function paymentPlanErrors(plan: PaymentPlanEntry[] | undefined): FieldError[] {
  if (!plan) return [];
  const total = plan.reduce((sum, p) => sum + basisPoints(p.share), 0);
  if (total !== 10_000) {
    return [{ field: 'paymentPlan', message: `the shares of paymentPlan must sum to 100 (they sum to ${total / 100})` }];
  }
  return [];
}

export interface Instalment {
  number: number;
  share: number;
  trigger: PaymentTrigger;
  /** Cents. */
  amount: number;
}

/**
 * The grant split by the plan, to the cent: every instalment but the last is its share of the
 * grant rounded down to the cent, the last takes the remainder, so the instalments always sum to
 * the granted amount exactly.
 */
export function paymentSchedule(grantedCents: number, plan: PaymentPlanEntry[]): Instalment[] {
  const granted = BigInt(grantedCents);
  let paid = 0n;
  return plan.map((p, i) => {
    const amount = i === plan.length - 1 ? granted - paid : (granted * BigInt(basisPoints(p.share))) / 10_000n;
    paid += amount;
    return { number: i + 1, share: p.share, trigger: p.trigger, amount: Number(amount) };
  });
}

/**
 * The case number of the n-th decision under a prefix: the prefix, then the running number padded
 * to three digits ("OKM/2018/001"); a prefix not ending in a separator gets "-" between them. A
 * call without a prefix uses "AVUSTUS/<year of the decision>/".
 */
export function caseNumber(prefix: string | null, running: number, decidedYear: number): string {
  const base = prefix ?? defaultCasePrefix(decidedYear);
  const separator = /[-/.:_ ]$/.test(base) ? '' : '-';
  return `${base}${separator}${String(running).padStart(3, '0')}`;
}

export function defaultCasePrefix(decidedYear: number): string {
  return `AVUSTUS/${decidedYear}/`;
}

/**
 * The acceptance deadline: the end of the calendar day, in the call's zone, that is `days` days
 * after the day of notification (the day of notification itself is not counted, as in Finnish
 * administrative law). Returns the last day (for the document) and the first instant after the
 * deadline (answers at or after it are late).
 */
export function acceptanceDeadline(notifiedAt: Date, days: number, zone: string): { lastDay: string; endsAt: Date } {
  const last = DateTime.fromJSDate(notifiedAt, { zone }).startOf('day').plus({ days });
  return { lastDay: last.toISODate() as string, endsAt: last.plus({ days: 1 }).toJSDate() };
}
