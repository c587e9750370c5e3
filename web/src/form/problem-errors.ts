import type { FieldError } from '../api/types';

/** Fields of the form that a server error can point at, in the order the form shows them. */
export const FIELD_ORDER = [
  'leadOrganization',
  'category',
  'title',
  'summary',
  'requestedAmount',
  'selfFinancingAmount',
  'projectStart',
  'projectEnd',
  'memberOrganizationIds',
  'partners',
  'budget',
] as const;

export type MessageKey =
  | 'required'
  | 'positive'
  | 'maxAmount'
  | 'endAfterStart'
  | 'budgetRequired'
  | 'budgetSum'
  | 'selfFinancing'
  | 'leadIsMember'
  | 'unknownOrganization'
  | 'notEligible'
  | 'invalid';

export interface MappedError {
  /** The form field's path (`budget.1.amount`), which is also its input's id. */
  field: string;
  /** A message the UI can say in the applicant's language. */
  key: MessageKey;
  /** The server's own words, kept for what the UI has no translation of. */
  detail: string;
}

/** Which of our own messages a server message means; the API words its messages in English. */
function keyOf(field: string, message: string): MessageKey {
  if (/is required$/.test(message)) return 'required';
  if (/must be more than 0/.test(message)) return 'positive';
  if (/may be at most/.test(message)) return 'maxAmount';
  if (/must be after projectStart/.test(message)) return 'endAfterStart';
  if (/at least one budget line/.test(message)) return 'budgetRequired';
  if (/budget lines sum to/.test(message)) return 'budgetSum';
  if (/self-financing must be at least/.test(message)) return 'selfFinancing';
  if (/lead organisation cannot also be a member/.test(message)) return 'leadIsMember';
  if (field === 'memberOrganizationIds' && /no organisation has the id/.test(message)) return 'unknownOrganization';
  if (field === 'leadOrganization') return 'notEligible';
  return 'invalid';
}

/**
 * problem+json `errors[]` onto the form's fields: one message per field (the first), in the
 * form's order so the error summary reads top to bottom.
 */
export function mapFieldErrors(errors: FieldError[] | undefined): MappedError[] {
  const seen = new Map<string, MappedError>();
  for (const e of errors ?? []) {
    if (seen.has(e.field)) continue;
    seen.set(e.field, { field: e.field, key: keyOf(e.field, e.message), detail: e.message });
  }
  const rank = (field: string) => {
    const top = field.split('.')[0];
    const i = (FIELD_ORDER as readonly string[]).indexOf(top);
    return i === -1 ? FIELD_ORDER.length : i;
  };
  return [...seen.values()].sort((a, b) => rank(a.field) - rank(b.field) || a.field.localeCompare(b.field, 'en', { numeric: true }));
}
