import type { ReactNode } from 'react';
import { fieldClass, labelClass } from '../../components/field.ts';

/** The expected-reps number field with its error line, for the batch defaults and each file's row. */
export function ExpectedRepsField({
  id,
  label,
  value,
  error,
  onChange,
}: {
  id: string;
  label: ReactNode;
  value: string;
  error: string | null | undefined;
  onChange: (value: string) => void;
}) {
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        {label}
      </label>
      <input
        id={id}
        className={fieldClass}
        type="number"
        inputMode="numeric"
        min={0}
        max={1000}
        step={1}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        onChange={(e) => onChange(e.target.value)}
      />
      {error && (
        <p id={`${id}-error`} className="mt-1 text-xs text-bad">
          {error}
        </p>
      )}
    </div>
  );
}
