import { NativeField } from './NativeField';

/** A labelled text (or number) field, one line or several. */
export function TextField({
  id,
  label,
  value,
  onChange,
  hint,
  error,
  multiline = false,
  type = 'text',
  inputMode,
}: {
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  hint?: string;
  error?: string;
  multiline?: boolean;
  type?: 'text' | 'number';
  inputMode?: 'numeric' | 'decimal';
}) {
  return (
    <NativeField id={id} label={label} hint={hint} error={error}>
      {(describedBy) =>
        multiline ? (
          <textarea
            id={id}
            value={value}
            rows={4}
            onChange={(e) => onChange(e.target.value)}
            aria-describedby={describedBy}
            aria-invalid={!!error || undefined}
          />
        ) : (
          <input
            id={id}
            type={type}
            inputMode={inputMode}
            value={value}
            onChange={(e) => onChange(e.target.value)}
            aria-describedby={describedBy}
            aria-invalid={!!error || undefined}
          />
        )
      }
    </NativeField>
  );
}
