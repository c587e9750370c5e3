import type { CallInput, OfficerCall, OrgKind } from '../../../api/types';

/** The call editor's state: numbers kept as typed text until saved, instants as ISO, money as cents. */
export interface CallForm {
  title: { fi: string; sv: string; en: string };
  description: { fi: string; sv: string; en: string };
  opensAt: string | null;
  closesAt: string | null;
  reviewsDueAt: string | null;
  timezone: string;
  totalBudget: number | null;
  categories: { key: string; title: string; maxFunded: string; maxAmount: number | null }[];
  criteria: { key: string; title: string; weight: string; maxScore: string }[];
  eligibleKinds: OrgKind[];
  reviewsPerApplication: string;
  minSelfFinancingPercent: string;
  disagreementThreshold: string;
  interimDueAt: string | null;
  finalDueAt: string | null;
}

export function emptyCallForm(): CallForm {
  return {
    title: { fi: '', sv: '', en: '' },
    description: { fi: '', sv: '', en: '' },
    opensAt: null,
    closesAt: null,
    reviewsDueAt: null,
    timezone: 'Europe/Helsinki',
    totalBudget: null,
    categories: [{ key: '', title: '', maxFunded: '', maxAmount: null }],
    criteria: [{ key: '', title: '', weight: '1', maxScore: '5' }],
    eligibleKinds: ['education_provider'],
    reviewsPerApplication: '2',
    minSelfFinancingPercent: '',
    disagreementThreshold: '',
    interimDueAt: null,
    finalDueAt: null,
  };
}

export function callToForm(call: OfficerCall): CallForm {
  return {
    title: { fi: call.title.fi, sv: call.title.sv ?? '', en: call.title.en ?? '' },
    description: { fi: call.description.fi, sv: call.description.sv ?? '', en: call.description.en ?? '' },
    opensAt: call.opensAt,
    closesAt: call.closesAt,
    reviewsDueAt: call.reviewsDueAt ?? null,
    timezone: call.timezone,
    totalBudget: call.totalBudget,
    categories: call.categories.map((c) => ({ key: c.key, title: c.title, maxFunded: String(c.maxFunded), maxAmount: c.maxAmount })),
    criteria: call.criteria.map((c) => ({ key: c.key, title: c.title, weight: String(c.weight), maxScore: String(c.maxScore) })),
    eligibleKinds: [...call.eligibleKinds],
    reviewsPerApplication: String(call.reviewsPerApplication),
    minSelfFinancingPercent: call.minSelfFinancingPercent === null ? '' : String(call.minSelfFinancingPercent),
    disagreementThreshold: call.disagreementThreshold === undefined ? '' : String(call.disagreementThreshold),
    interimDueAt: call.reportsDue.find((r) => r.type === 'interim')?.dueAt ?? null,
    finalDueAt: call.reportsDue.find((r) => r.type === 'final')?.dueAt ?? null,
  };
}

/** A number typed the Finnish way (`1,5`), or NaN. */
function num(text: string): number {
  const s = text.trim().replace(',', '.');
  return s === '' || !/^\d+(\.\d+)?$/.test(s) ? Number.NaN : Number(s);
}

function localized(text: { fi: string; sv: string; en: string }): CallInput['title'] {
  return { fi: text.fi.trim(), ...(text.sv.trim() ? { sv: text.sv.trim() } : {}), ...(text.en.trim() ? { en: text.en.trim() } : {}) };
}

export type CallFormErrorKey = 'required' | 'number' | 'closesAfterOpens' | 'noKinds';

/** What the editor can check before sending: each field's path (its input's id) → what is wrong. */
export function checkCallForm(form: CallForm): Map<string, CallFormErrorKey> {
  const errors = new Map<string, CallFormErrorKey>();
  if (!form.title.fi.trim()) errors.set('title.fi', 'required');
  if (!form.description.fi.trim()) errors.set('description.fi', 'required');
  if (!form.opensAt) errors.set('opensAt', 'required');
  if (!form.closesAt) errors.set('closesAt', 'required');
  if (form.opensAt && form.closesAt && form.closesAt <= form.opensAt) errors.set('closesAt', 'closesAfterOpens');
  if (form.totalBudget === null || Number.isNaN(form.totalBudget))
    errors.set('totalBudget', form.totalBudget === null ? 'required' : 'number');
  form.categories.forEach((c, i) => {
    if (!c.key.trim()) errors.set(`categories.${i}.key`, 'required');
    if (!c.title.trim()) errors.set(`categories.${i}.title`, 'required');
    if (!Number.isInteger(num(c.maxFunded))) errors.set(`categories.${i}.maxFunded`, 'number');
    if (c.maxAmount !== null && Number.isNaN(c.maxAmount)) errors.set(`categories.${i}.maxAmount`, 'number');
  });
  form.criteria.forEach((c, i) => {
    if (!c.key.trim()) errors.set(`criteria.${i}.key`, 'required');
    if (!c.title.trim()) errors.set(`criteria.${i}.title`, 'required');
    if (Number.isNaN(num(c.weight))) errors.set(`criteria.${i}.weight`, 'number');
    if (!Number.isInteger(num(c.maxScore))) errors.set(`criteria.${i}.maxScore`, 'number');
  });
  if (form.eligibleKinds.length === 0) errors.set('eligibleKinds', 'noKinds');
  if (!Number.isInteger(num(form.reviewsPerApplication))) errors.set('reviewsPerApplication', 'number');
  if (form.minSelfFinancingPercent.trim() && Number.isNaN(num(form.minSelfFinancingPercent)))
    errors.set('minSelfFinancingPercent', 'number');
  if (form.disagreementThreshold.trim() && Number.isNaN(num(form.disagreementThreshold))) errors.set('disagreementThreshold', 'number');
  return errors;
}

/**
 * The body of POST/PATCH /api/calls. The review due date and the disagreement threshold are sent
 * only when given (the API's default threshold is 25).
 */
export function formToBody(form: CallForm): CallInput & { reviewsDueAt?: string; disagreementThreshold?: number } {
  const reportsDue = [
    ...(form.interimDueAt ? [{ type: 'interim' as const, dueAt: form.interimDueAt }] : []),
    ...(form.finalDueAt ? [{ type: 'final' as const, dueAt: form.finalDueAt }] : []),
  ];
  return {
    title: localized(form.title),
    description: localized(form.description),
    opensAt: form.opensAt ?? '',
    closesAt: form.closesAt ?? '',
    timezone: form.timezone,
    totalBudget: form.totalBudget ?? 0,
    categories: form.categories.map((c) => ({
      key: c.key.trim(),
      title: c.title.trim(),
      maxFunded: num(c.maxFunded),
      ...(c.maxAmount !== null ? { maxAmount: c.maxAmount } : {}),
    })),
    criteria: form.criteria.map((c) => ({ key: c.key.trim(), title: c.title.trim(), weight: num(c.weight), maxScore: num(c.maxScore) })),
    reviewsPerApplication: num(form.reviewsPerApplication),
    eligibleKinds: form.eligibleKinds,
    ...(form.minSelfFinancingPercent.trim() ? { minSelfFinancingPercent: num(form.minSelfFinancingPercent) } : {}),
    reportsDue,
    ...(form.reviewsDueAt ? { reviewsDueAt: form.reviewsDueAt } : {}),
    ...(form.disagreementThreshold.trim() ? { disagreementThreshold: num(form.disagreementThreshold) } : {}),
  };
}
