import { useId, useState, type FormEvent } from 'react';
import { useSetAthleteNumbers } from '../../api/athlete-numbers.ts';
import type { AthleteSummary } from '../../contract/api.ts';
import { Button } from '../../components/button.tsx';
import { errorMessage } from '../../components/error-state.tsx';
import { fieldClass, labelClass } from '../../components/field.ts';

/**
 * The athlete's height (velocity in m/s; empty: body heights per second) and the velocity loss at
 * which a set is flagged. The server checks the bounds and says what is wrong.
 */
export function AthleteNumbersForm({ athlete }: { athlete: AthleteSummary }) {
  const id = useId();
  const save = useSetAthleteNumbers(athlete.id);
  const [height, setHeight] = useState(athlete.heightCm === null ? '' : String(athlete.heightCm));
  const [loss, setLoss] = useState(String(athlete.velocityLossPct));

  function submit(event: FormEvent) {
    event.preventDefault();
    save.mutate({ heightCm: height.trim() === '' ? null : Number(height), velocityLossPct: Number(loss) });
  }

  return (
    <form aria-label="Height and velocity loss" className="flex flex-wrap items-end gap-3" onSubmit={submit}>
      <div>
        <label htmlFor={`${id}-height`} className={labelClass}>
          Height (cm)
        </label>
        <input
          id={`${id}-height`}
          type="number"
          inputMode="decimal"
          step="0.5"
          placeholder="not set"
          className={`${fieldClass} w-28`}
          value={height}
          aria-describedby={`${id}-help`}
          onChange={(e) => setHeight(e.target.value)}
        />
      </div>
      <div>
        <label htmlFor={`${id}-loss`} className={labelClass}>
          Velocity loss threshold (%)
        </label>
        <input
          id={`${id}-loss`}
          type="number"
          inputMode="numeric"
          step="1"
          className={`${fieldClass} w-28`}
          value={loss}
          onChange={(e) => setLoss(e.target.value)}
        />
      </div>
      <Button type="submit" size="sm" disabled={save.isPending}>
        Save
      </Button>
      <p id={`${id}-help`} className="basis-full text-xs text-slate-600">
        With a height, bar velocity reads in metres per second; without, in body heights per second (BH/s). A set is flagged at the first rep this much slower than its fastest.
      </p>
      {save.isError && (
        <p role="alert" className="basis-full text-sm text-bad">
          {errorMessage(save.error)}
        </p>
      )}
      {save.isSuccess && !save.isPending && (
        <p role="status" className="basis-full text-sm text-good">
          Saved.
        </p>
      )}
    </form>
  );
}
