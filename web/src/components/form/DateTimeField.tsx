import { fromHelsinkiInput, toHelsinkiInput } from '../../format';
import { NativeField } from './NativeField';

/**
 * A date and time entered in Helsinki time whatever the browser's zone (the call's deadlines are
 * Helsinki time), given to `onChange` as an ISO instant, or null when incomplete.
 */
export function DateTimeField({
  id,
  label,
  iso,
  onChange,
  hint,
  error,
}: {
  id: string;
  label: string;
  iso: string | null;
  onChange: (iso: string | null) => void;
  hint?: string;
  error?: string;
}) {
  return (
    <NativeField id={id} label={label} hint={hint} error={error}>
      {(describedBy) => (
        <input
          id={id}
          type="datetime-local"
          value={iso ? toHelsinkiInput(iso) : ''}
          onChange={(e) => onChange(e.target.value ? fromHelsinkiInput(e.target.value) : null)}
          aria-describedby={describedBy}
          aria-invalid={!!error || undefined}
        />
      )}
    </NativeField>
  );
}
