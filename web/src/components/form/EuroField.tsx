import { useState } from 'react';
import { centsToInput, parseEuros } from '../../format';
import { NativeField } from './NativeField';

/**
 * An amount in euros typed the Finnish way (`1 234,50`), given to `onChange` as cents: null when
 * empty, NaN when unreadable (the caller says so in `error`).
 */
export function EuroField({
  id,
  label,
  cents,
  onChange,
  hint,
  error,
}: {
  id: string;
  label: string;
  cents: number | null;
  onChange: (cents: number | null) => void;
  hint?: string;
  error?: string;
}) {
  const [text, setText] = useState(() => (cents === null || Number.isNaN(cents) ? '' : centsToInput(cents)));
  return (
    <NativeField id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <input
          id={id}
          type="text"
          inputMode="decimal"
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            onChange(parseEuros(e.target.value));
          }}
          onBlur={() => {
            const parsed = parseEuros(text);
            if (parsed !== null && !Number.isNaN(parsed)) setText(centsToInput(parsed));
          }}
          aria-describedby={describedBy}
          aria-invalid={!!error || undefined}
        />
      )}
    </NativeField>
  );
}
