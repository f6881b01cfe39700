import { useId, useState, type FormEvent } from 'react';
import { useUpdateVideo } from '../../api/update-video.ts';
import { Button } from '../../components/button.tsx';
import { errorMessage } from '../../components/error-state.tsx';

/** The coach's corrected rep count, saved to the library (it comes back as session.correctedReps). */
export function RepCountForm({ videoId, initialCount }: { videoId: string; initialCount: number }) {
  const id = useId();
  const [value, setValue] = useState(String(initialCount));
  const [localError, setLocalError] = useState<string | null>(null);
  const mutation = useUpdateVideo(videoId);

  function submit(event: FormEvent) {
    event.preventDefault();
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n) || n < 0 || n > 1000) {
      setLocalError('Enter a whole number of reps from 0 to 1000.');
      return;
    }
    setLocalError(null);
    mutation.mutate({ repCount: n });
  }

  const error = localError ?? (mutation.isError ? errorMessage(mutation.error) : null);
  return (
    <form onSubmit={submit} noValidate className="flex flex-wrap items-end gap-3">
      <div>
        <label htmlFor={`${id}-count`} className="block text-sm font-medium text-slate-700">
          Rep count
        </label>
        <input
          id={`${id}-count`}
          type="number"
          inputMode="numeric"
          min={0}
          max={1000}
          step={1}
          value={value}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-error` : undefined}
          onChange={(e) => {
            setValue(e.target.value);
            if (mutation.isSuccess) mutation.reset();
          }}
          className="mt-1 block w-28 rounded-md border-0 px-3 py-2 text-sm text-slate-900 shadow-xs ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-brand-600 focus:outline-none"
        />
      </div>
      <Button type="submit" disabled={mutation.isPending} aria-busy={mutation.isPending || undefined}>
        Save
      </Button>
      <p role="status" className="min-h-5 text-sm">
        {mutation.isSuccess && <span className="font-medium text-good">Saved</span>}
      </p>
      {error && (
        <p id={`${id}-error`} role="alert" className="w-full text-sm text-bad">
          {error}
        </p>
      )}
    </form>
  );
}
