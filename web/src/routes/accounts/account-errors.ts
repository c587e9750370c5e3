import type { FieldError } from '../../api/types';

/** What a field error of the account forms means, in words the UI has in every language. */
export type AccountErrorKey =
  'required' | 'mismatch' | 'currentWrong' | 'tooShort' | 'tooEasy' | 'token' | 'iban' | 'bic' | 'email' | 'invalid';

export interface AccountError {
  field: string;
  key: AccountErrorKey;
  /** The estimator's own reason (English), for a password too easy to guess; else the server's words. */
  detail?: string;
}

/**
 * The API's field errors (worded in English) onto the forms' own messages, one per field, in
 * the order given by `order` (fields it does not name last).
 */
export function mapAccountErrors(errors: FieldError[] | undefined, order: readonly string[]): AccountError[] {
  const seen = new Map<string, AccountError>();
  for (const e of errors ?? []) {
    if (seen.has(e.field)) continue;
    seen.set(e.field, classify(e));
  }
  const rank = (field: string) => (order.includes(field) ? order.indexOf(field) : order.length);
  return [...seen.values()].sort((a, b) => rank(a.field) - rank(b.field));
}

function classify({ field, message }: FieldError): AccountError {
  if (field === 'currentPassword' && /is wrong/.test(message)) return { field, key: 'currentWrong' };
  if (field === 'newPassword' && /at least \d+ characters/.test(message)) return { field, key: 'tooShort' };
  if (field === 'newPassword' && /too easy to guess/.test(message)) {
    // "newPassword is too easy to guess: <the estimator's warning>; a few unrelated words make a strong one"
    const hint = /too easy to guess: (.*?);/.exec(message)?.[1];
    return hint ? { field, key: 'tooEasy', detail: hint } : { field, key: 'tooEasy' };
  }
  if (field === 'token') return { field, key: 'token' };
  if (field === 'iban') return { field, key: 'iban' };
  if (field === 'bic') return { field, key: 'bic' };
  if (field === 'email' && /email/.test(message)) return { field, key: 'email' };
  if (/should not be empty|must be longer/.test(message)) return { field, key: 'required' };
  return { field, key: 'invalid', detail: message };
}

/** The checks made before asking the server: every field given, the new password typed twice alike. */
export function checkPasswords(values: Record<string, string>, repeatOf: { field: string; of: string }): AccountError[] {
  const errors: AccountError[] = Object.entries(values)
    .filter(([, v]) => v === '')
    .map(([field]) => ({ field, key: 'required' as const }));
  const { field, of } = repeatOf;
  if (values[field] !== '' && values[of] !== '' && values[field] !== values[of]) errors.push({ field, key: 'mismatch' });
  return errors;
}
