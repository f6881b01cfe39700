import type { ReactNode } from 'react';
import { labelClass } from '../../components/field.ts';
import { RepCountInput } from '../../components/rep-count-input.tsx';

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
      <RepCountInput id={id} value={value} invalid={!!error} describedBy={error ? `${id}-error` : undefined} onChange={onChange} />
      {error && (
        <p id={`${id}-error`} className="mt-1 text-xs text-bad">
          {error}
        </p>
      )}
    </div>
  );
}
