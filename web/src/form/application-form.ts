import type { Application, ApplicationFields, PartnerKind } from '../api/types';
import { centsToInput, parseEuros } from '../format';

/** The form's values: amounts as the applicant typed them, everything else as the API has it. */
export interface FormValues {
  category: string;
  title: string;
  summary: string;
  requestedAmount: string;
  selfFinancingAmount: string;
  projectStart: string;
  projectEnd: string;
  memberOrganizationIds: string[];
  partners: { name: string; kind: PartnerKind }[];
  budget: { item: string; amount: string }[];
}

export function toFormValues(app: Application): FormValues {
  return {
    category: app.category,
    title: app.title,
    summary: app.summary,
    requestedAmount: centsToInput(app.requestedAmount ?? 0),
    selfFinancingAmount: centsToInput(app.selfFinancingAmount ?? 0),
    projectStart: app.projectStart ?? '',
    projectEnd: app.projectEnd ?? '',
    memberOrganizationIds: [...app.memberOrganizationIds],
    partners: app.partners.map((p) => ({ name: p.name, kind: p.kind })),
    budget: app.budget.map((b) => ({ item: b.item, amount: centsToInput(b.amount) })),
  };
}

/** A field the applicant has to fix before the form can be saved, named by its form path. */
export interface LocalError {
  field: string;
  kind: 'euros' | 'partnerName' | 'budgetItem';
}

/**
 * The body of a PATCH: every field, amounts in cents. Lines the applicant has not started
 * (everything empty) are left out; an amount that does not read as euros stops the save and
 * is named, so nothing is guessed.
 */
export function toPatch(values: FormValues): { body: ApplicationFields; errors: LocalError[] } {
  const errors: LocalError[] = [];
  const euros = (field: string, text: string): number => {
    const cents = parseEuros(text);
    if (cents === null) return 0;
    if (Number.isNaN(cents)) {
      errors.push({ field, kind: 'euros' });
      return 0;
    }
    return cents;
  };
  const body: ApplicationFields = {
    category: values.category,
    title: values.title,
    summary: values.summary,
    requestedAmount: euros('requestedAmount', values.requestedAmount),
    selfFinancingAmount: euros('selfFinancingAmount', values.selfFinancingAmount),
    memberOrganizationIds: values.memberOrganizationIds,
    partners: [],
    budget: [],
  };
  if (values.projectStart) body.projectStart = values.projectStart;
  if (values.projectEnd) body.projectEnd = values.projectEnd;
  values.partners.forEach((p, i) => {
    if (!p.name.trim()) {
      errors.push({ field: `partners.${i}.name`, kind: 'partnerName' });
      return;
    }
    body.partners?.push({ name: p.name.trim(), kind: p.kind });
  });
  values.budget.forEach((line, i) => {
    if (!line.item.trim() && !line.amount.trim()) return;
    const amount = euros(`budget.${i}.amount`, line.amount);
    if (!line.item.trim()) {
      errors.push({ field: `budget.${i}.item`, kind: 'budgetItem' });
      return;
    }
    body.budget?.push({ item: line.item.trim(), amount });
  });
  return { body, errors };
}

export interface BudgetCheck {
  /** Sum of the lines that read as euros, cents. */
  total: number;
  /** Requested + self-financing, cents. */
  expected: number;
  /** The lines sum to requested + self-financing. */
  balanced: boolean;
  /** Self-financing as a share of the total, percent; null while the total is 0. */
  selfFinancingPercent: number | null;
  /** The call's minimum self-financing share holds (true when the call sets none). */
  selfFinancingOk: boolean;
}

/** What the budget section shows as the applicant types: the running total and the two rules the submit checks. */
export function checkBudget(
  values: Pick<FormValues, 'requestedAmount' | 'selfFinancingAmount' | 'budget'>,
  minSelfFinancingPercent: number | null,
): BudgetCheck {
  const cents = (text: string) => {
    const v = parseEuros(text);
    return v === null || Number.isNaN(v) ? 0 : v;
  };
  const total = values.budget.reduce((sum, line) => sum + cents(line.amount), 0);
  const requested = cents(values.requestedAmount);
  const self = cents(values.selfFinancingAmount);
  const expected = requested + self;
  const selfFinancingPercent = expected > 0 ? (self * 100) / expected : null;
  return {
    total,
    expected,
    balanced: total === expected,
    selfFinancingPercent,
    selfFinancingOk: minSelfFinancingPercent == null || expected === 0 || self * 100 >= minSelfFinancingPercent * expected,
  };
}
