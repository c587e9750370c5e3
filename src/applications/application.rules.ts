import type { FieldError } from '../common/problem';
import type { ApplicationContent } from './application.snapshot';

export const APPLICATION_STATUSES = ['draft', 'submitted', 'in_review', 'funded', 'rejected', 'withdrawn', 'expired'] as const;
export type ApplicationStatus = (typeof APPLICATION_STATUSES)[number];
export type ApplicationAction = 'edit' | 'submit' | 'withdraw';

/**
 * What an applicant may do in each state while the call is open. After closing nothing changes
 * by the applicant's hand; the closing job and the funding decisions move applications on.
 */
const ALLOWED: Record<ApplicationAction, readonly ApplicationStatus[]> = {
  edit: ['draft', 'submitted'],
  submit: ['draft', 'submitted'],
  withdraw: ['draft', 'submitted'],
};

export function canApplicant(action: ApplicationAction, status: ApplicationStatus): boolean {
  return ALLOWED[action].includes(status);
}

/** What a draft is checked against even before it is complete: the call's eligible kinds and the lead. */
export interface DraftContext {
  eligibleKinds: string[];
  leadOrganizationKind: string;
}

/**
 * The reasons a draft could never be submitted, whatever is added to it later: the lead
 * organisation's kind, and a project that ends before it starts. Refused when the draft is created
 * or saved, not only at submit. Pure.
 */
export function draftErrors(draft: { projectStart?: string | null; projectEnd?: string | null }, ctx: DraftContext): FieldError[] {
  const errors: FieldError[] = [];
  if (!ctx.eligibleKinds.includes(ctx.leadOrganizationKind)) {
    errors.push({
      field: 'leadOrganization',
      message: `organisations of kind ${ctx.leadOrganizationKind} may not apply to this call (eligible: ${ctx.eligibleKinds.join(', ')})`,
    });
  }
  if (draft.projectStart && draft.projectEnd && draft.projectEnd <= draft.projectStart) {
    errors.push({ field: 'projectEnd', message: 'projectEnd must be after projectStart' });
  }
  return errors;
}

export interface SubmitContext extends DraftContext {
  leadOrganizationId: string;
  categories: { key: string; maxAmount: number | null }[];
  minSelfFinancingPercent: number | null;
}

/** Every reason the application cannot be submitted as it is, per field. Pure. */
export function submitErrors(app: ApplicationContent, ctx: SubmitContext): FieldError[] {
  const errors = draftErrors(app, ctx);
  const add = (field: string, message: string) => errors.push({ field, message });

  const category = ctx.categories.find((c) => c.key === app.category);
  if (!category) add('category', `the call has no category ${app.category}`);
  if (!app.title.trim()) add('title', 'title is required');
  if (!app.summary.trim()) add('summary', 'summary is required');
  if (app.requestedAmount <= 0) add('requestedAmount', 'requestedAmount must be more than 0');
  if (category?.maxAmount != null && app.requestedAmount > category.maxAmount) {
    add('requestedAmount', `requestedAmount may be at most ${category.maxAmount} cents in category ${category.key}`);
  }
  if (!app.projectStart) add('projectStart', 'projectStart is required');
  if (!app.projectEnd) add('projectEnd', 'projectEnd is required');
  if (app.budget.length === 0) add('budget', 'at least one budget line is required');
  const total = app.requestedAmount + app.selfFinancingAmount;
  const budgetSum = app.budget.reduce((sum, line) => sum + line.amount, 0);
  if (app.budget.length > 0 && budgetSum !== total) {
    add('budget', `budget lines sum to ${budgetSum} cents but requestedAmount + selfFinancingAmount is ${total}`);
  }
  if (ctx.minSelfFinancingPercent != null && total > 0 && app.selfFinancingAmount * 100 < ctx.minSelfFinancingPercent * total) {
    add('selfFinancingAmount', `self-financing must be at least ${ctx.minSelfFinancingPercent} % of the total ${total} cents`);
  }
  if (app.memberOrganizationIds.includes(ctx.leadOrganizationId))
    add('memberOrganizationIds', 'the lead organisation cannot also be a member');
  return errors;
}
