import { useId, useState, type FormEvent } from 'react';
import { useHealth } from '../../api/get-health.ts';
import { useUpdateVideo } from '../../api/update-video.ts';
import type { UpdateSessionRequest } from '../../contract/api.ts';
import { activitiesOf, ACTIVITIES, DOMAINS, domainOf, MAX_REP_COUNT, type Activity, type Domain } from '../../contract/guru.ts';
import { Button } from '../../components/button.tsx';
import { DomainActivityFields } from '../../components/domain-activity-fields.tsx';
import { labelClass } from '../../components/field.ts';
import { RepCountInput } from '../../components/rep-count-input.tsx';
import { errorMessage } from '../../components/error-state.tsx';


const isActivity = (a: string | null | undefined): a is Activity => !!a && (ACTIVITIES as readonly string[]).includes(a);
const isDomain = (d: string | null | undefined): d is Domain => !!d && (DOMAINS as readonly string[]).includes(d);

/** Where the session starts: its own activity/domain when known, else the analysis's, else a squat. */
export function initialMovement(domain: string | null | undefined, activity: string | null | undefined) {
  const a: Activity = isActivity(activity) ? activity : 'squat';
  const d: Domain = isDomain(domain) && (activitiesOf(domain) as readonly string[]).includes(a) ? domain : domainOf(a);
  return { domain: d, activity: a };
}

/**
 * The coach's corrections: rep count (saved to the library, it comes back as session.correctedReps),
 * domain and activity. Saved optimistically; a refusal puts the previous values back. Once the
 * coach has edited the reps themselves, the count is theirs and is not typed.
 */
export function RepCountForm({
  videoId,
  initialCount,
  initialDomain = null,
  initialActivity = null,
  editedCount,
}: {
  videoId: string;
  initialCount: number;
  initialDomain?: string | null;
  initialActivity?: string | null;
  /** The count of the coach's edited reps, when they edited them. */
  editedCount?: number;
}) {
  const id = useId();
  const start = initialMovement(initialDomain, initialActivity);
  const [saved, setSaved] = useState({ count: String(initialCount), ...start });
  const [value, setValue] = useState(saved.count);
  const [domain, setDomain] = useState<Domain>(start.domain);
  const [activity, setActivity] = useState<Activity>(start.activity);
  const [localError, setLocalError] = useState<string | null>(null);
  const mutation = useUpdateVideo(videoId);
  const guru = useHealth().data?.guru;
  const activityChanged = domain !== saved.domain || activity !== saved.activity;

  function edited() {
    if (mutation.isSuccess || mutation.isError) mutation.reset();
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    const n = Number(value);
    if (value.trim() === '' || !Number.isInteger(n) || n < 0 || n > MAX_REP_COUNT) {
      setLocalError(`Enter a whole number of reps from 0 to ${MAX_REP_COUNT}.`);
      return;
    }
    setLocalError(null);
    const body: UpdateSessionRequest = {};
    if (String(n) !== saved.count && editedCount === undefined) body.repCount = n;
    if (domain !== saved.domain || activity !== saved.activity) {
      body.domain = domain;
      body.activity = activity;
    }
    // Saving unchanged values confirms the count (an edited set's count is its reps').
    if (Object.keys(body).length === 0) body.repCount = editedCount ?? n;
    const previous = saved;
    setSaved({ count: String(n), domain, activity });
    mutation.mutate(body, {
      onError: () => {
        setSaved(previous);
        setValue(previous.count);
        setDomain(previous.domain);
        setActivity(previous.activity);
      },
    });
  }

  const error =
    localError ?? (mutation.isError ? `Not saved: ${errorMessage(mutation.error)} The previous values are back.` : null);
  return (
    <form onSubmit={submit} noValidate className="flex flex-wrap items-end gap-3" aria-label="Correct this set">
      {editedCount !== undefined ? (
        <div>
          <span className={labelClass}>Rep count</span>
          <p className="py-2 text-sm text-slate-700">{editedCount}, from your edited reps</p>
        </div>
      ) : (
        <div>
          <label htmlFor={`${id}-count`} className={labelClass}>
            Rep count
          </label>
          <RepCountInput
            id={`${id}-count`}
            value={value}
            invalid={!!localError}
            describedBy={error ? `${id}-error` : undefined}
            className="w-24"
            onChange={(next) => {
              setValue(next);
              edited();
            }}
          />
        </div>
      )}
      <DomainActivityFields
        idPrefix={id}
        domain={domain}
        activity={activity}
        guru={guru}
        className="sm:w-44"
        onChange={(d, a) => {
          setDomain(d);
          setActivity(a);
          edited();
        }}
      />
      <Button type="submit" disabled={mutation.isPending} aria-busy={mutation.isPending || undefined}>
        Save
      </Button>
      <p role="status" className="min-h-5 text-sm">
        {mutation.isSuccess && <span className="font-medium text-good">Saved</span>}
      </p>
      {activityChanged && (
        <p className="w-full text-sm text-slate-600">
          {guru === 'local'
            ? 'Saving a new activity analyses the set again as that activity.'
            : 'Guru records the new activity; the reps and measures stay those of the cloud analysis.'}
          {editedCount !== undefined && ' Your rep edits are discarded: they were made on the old reps.'}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} role="alert" className="w-full text-sm text-bad">
          {error}
        </p>
      )}
    </form>
  );
}
