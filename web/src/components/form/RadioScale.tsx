/** A score from 0 to `max` as a group of radio buttons with the group's title as its legend. */
export function RadioScale({
  name,
  legend,
  max,
  value,
  onChange,
  disabled = false,
  hint,
}: {
  name: string;
  legend: string;
  max: number;
  value: number | null;
  onChange: (value: number) => void;
  disabled?: boolean;
  hint?: string;
}) {
  return (
    <fieldset className="radio-scale" aria-describedby={hint ? `${name}-hint` : undefined}>
      <legend>{legend}</legend>
      {hint && (
        <p id={`${name}-hint`} className="native-hint">
          {hint}
        </p>
      )}
      <div className="radio-scale-options">
        {Array.from({ length: max + 1 }, (_, score) => (
          <label key={score} className="radio-scale-option">
            <input type="radio" name={name} value={score} checked={value === score} disabled={disabled} onChange={() => onChange(score)} />
            {score}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
