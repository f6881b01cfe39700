import { MAX_REP_COUNT } from '../contract/guru.ts';
import { fieldBaseClass } from './field.ts';

/** A whole-number rep count within what the API accepts: expected reps on upload, the coach's count on review. */
export function RepCountInput({
  id,
  value,
  invalid,
  describedBy,
  className = 'w-full',
  onChange,
}: {
  id: string;
  value: string;
  invalid: boolean;
  /** The id of the error line, while there is one. */
  describedBy?: string;
  className?: string;
  onChange: (value: string) => void;
}) {
  return (
    <input
      id={id}
      type="number"
      inputMode="numeric"
      min={0}
      max={MAX_REP_COUNT}
      step={1}
      value={value}
      aria-invalid={invalid ? true : undefined}
      aria-describedby={describedBy}
      onChange={(e) => onChange(e.target.value)}
      className={`${fieldBaseClass} ${className}`}
    />
  );
}
