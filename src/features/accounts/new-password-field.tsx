import { useId } from 'react';
import { fieldClass, labelClass } from '../../components/field.ts';

export const MIN_PASSWORD = 10;

/** A password being chosen: its rule is said up front, not after a refused submit. */
export function NewPasswordField({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className={labelClass}>
        Password
      </label>
      <input
        id={id}
        type="password"
        autoComplete="new-password"
        required
        minLength={MIN_PASSWORD}
        maxLength={256}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        className={fieldClass}
        aria-describedby={`${id}-hint`}
      />
      <p id={`${id}-hint`} className="mt-1 text-xs text-slate-600">
        At least {MIN_PASSWORD} characters. A few words you will remember work well.
      </p>
    </div>
  );
}
