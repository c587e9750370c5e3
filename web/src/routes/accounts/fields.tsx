import { useTranslation } from 'react-i18next';
import type { SummaryItem } from '../../components/ErrorSummary';
import { NativeField } from '../../components/form/NativeField';
import type { AccountError } from './account-errors';

/** A labelled password (or e-mail) input with its hint and error tied to it, and the autocomplete a password manager needs. */
export function SecretField({
  id,
  label,
  value,
  onChange,
  autoComplete,
  hint,
  error,
  type = 'password',
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  autoComplete: 'current-password' | 'new-password' | 'email' | 'username';
  hint?: string;
  error?: string;
  type?: 'password' | 'email';
}) {
  return (
    <NativeField id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <input
          id={id}
          name={id}
          type={type}
          autoComplete={autoComplete}
          spellCheck={false}
          value={value}
          onChange={(e) => onChange(e.target.value)}
          aria-describedby={describedBy}
          aria-invalid={!!error || undefined}
        />
      )}
    </NativeField>
  );
}

/** Says an account form's errors in the page's language. */
export function useErrorText() {
  const { t } = useTranslation();
  return (e: AccountError): string => {
    const base = e.key === 'invalid' && e.detail ? e.detail : t(`accounts.errors.${e.key}`);
    return e.key === 'tooEasy' && e.detail ? `${base} ${t('accounts.errors.hint')}: ${e.detail}` : base;
  };
}

/** The error summary's lines: each field's label, then what is wrong. */
export function summaryItems(errors: AccountError[], labels: Record<string, string>, text: (e: AccountError) => string): SummaryItem[] {
  return errors.map((e) => ({ field: e.field, text: `${labels[e.field] ?? e.field}: ${text(e)}` }));
}

export function errorOf(errors: AccountError[], field: string, text: (e: AccountError) => string): string | undefined {
  const e = errors.find((x) => x.field === field);
  return e ? text(e) : undefined;
}
