import type { ReactNode } from 'react';

/**
 * A labelled native control with its hint and its error tied to it (aria-describedby); the
 * control itself is given by `children`, which receives the ids to describe it with.
 */
export function NativeField({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string;
  error?: string;
  children: (describedBy: string | undefined) => ReactNode;
}) {
  const describedBy = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={error ? 'native-field native-field-error' : 'native-field'}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <span id={`${id}-hint`} className="native-hint">
          {hint}
        </span>
      )}
      {children(describedBy)}
      {error && (
        <span id={`${id}-error`} className="native-error">
          {error}
        </span>
      )}
    </div>
  );
}
