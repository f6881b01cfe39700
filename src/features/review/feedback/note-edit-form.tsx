import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { FeedbackChanges } from '../../../api/feedback.ts';
import { MAX_NOTE_CHARS, type Note, type NoteChange } from '../../../contract/feedback.ts';
import type { Rep } from '../../../contract/guru.ts';
import { Button } from '../../../components/button.tsx';
import { fieldBaseClass, fieldClass, labelClass } from '../../../components/field.ts';
import { formatClock, parseClock } from '../../../lib/format.ts';
import { repNumberAt } from '../rep-utils.ts';

/** The time field's text and the exact time it stands for (null: not a time), so an untouched field keeps the note's ms. */
interface TimeField {
  text: string;
  ms: number | null;
}
const timeField = (ms: number): TimeField => ({ text: formatClock(ms), ms });

/** What is wrong with the time typed, in words a coach can act on; null when it is a time on the video. */
function timeProblem(time: TimeField, videoMs: number | null) {
  if (time.ms === null) return 'Type a time as m:ss.s, for example 0:12.5.';
  if (videoMs !== null && time.ms > videoMs) return `The video is ${formatClock(videoMs)} long.`;
  return null;
}

/**
 * The author's edit of one note: its text, and where it is pinned. Moving the time re-pins it to
 * the rep playing there (as a new note is); picking a rep moves a time outside that rep to its
 * start, and "No rep" unpins it. Only what changed is sent; Escape cancels.
 */
export function NoteEditForm({
  note,
  reps,
  currentTimeMs,
  videoMs,
  changes,
  onDone,
}: {
  note: Note;
  reps: readonly Rep[];
  currentTimeMs: number;
  /** The video's length when the player knows it: a note cannot be moved past it. */
  videoMs: number | null;
  changes: FeedbackChanges;
  onDone: () => void;
}) {
  const id = useId();
  const [time, setTime] = useState(() => timeField(note.timeMs));
  const [rep, setRep] = useState(note.rep);
  const [text, setText] = useState(note.text);
  const timeInput = useRef<HTMLInputElement>(null);
  const problem = timeProblem(time, videoMs);
  const now = Math.round(currentTimeMs);

  // Opened from the note's Edit button, which is gone now: the form takes the focus.
  useEffect(() => timeInput.current?.focus(), []);
  // Escape from any of its controls cancels (listened to natively: a form landmark takes no key handlers in JSX).
  const form = useRef<HTMLFormElement>(null);
  useEffect(() => {
    const element = form.current;
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && onDone();
    element?.addEventListener('keydown', onKey);
    return () => element?.removeEventListener('keydown', onKey);
  }, [onDone]);

  function moveTo(next: TimeField) {
    setTime(next);
    if (next.ms !== null) setRep(repNumberAt(reps, next.ms));
  }
  function pinTo(value: string) {
    const number = value ? Number(value) : null;
    setRep(number);
    const pinned = number === null ? undefined : reps[number - 1];
    const inside = pinned && time.ms !== null && time.ms >= pinned.startTimestampMs && time.ms < pinned.endTimestampMs;
    // Its start to the tenth the field shows, rounded up so the note stays inside the rep.
    if (pinned && !inside) setTime(timeField(Math.ceil(pinned.startTimestampMs / 100) * 100));
  }
  function submit(event: FormEvent) {
    event.preventDefault();
    if (problem || time.ms === null || !text.trim()) return;
    const change: NoteChange = {
      ...(time.ms !== note.timeMs && { timeMs: time.ms }),
      ...(rep !== note.rep && { rep }),
      ...(text.trim() !== note.text && { text }),
    };
    if (Object.keys(change).length === 0) onDone();
    else changes.editNote.mutate({ id: note.id, change }, { onSuccess: onDone });
  }

  return (
    <form ref={form} onSubmit={submit} aria-label={`Edit the note at ${formatClock(note.timeMs)}`} className="space-y-3">
      <div>
        <label htmlFor={`${id}-time`} className={labelClass}>
          Time <span className="font-normal text-slate-600">(m:ss.s)</span>
        </label>
        <div className="flex flex-wrap items-center gap-x-3 gap-y-2">
          <input
            ref={timeInput}
            id={`${id}-time`}
            inputMode="decimal"
            autoComplete="off"
            value={time.text}
            onChange={(e) => moveTo({ text: e.target.value, ms: parseClock(e.target.value) })}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${id}-time-problem` : undefined}
            className={`${fieldBaseClass} w-24 tabular-nums`}
          />
          <Button variant="secondary" size="sm" className="mt-1" onClick={() => moveTo(timeField(now))}>
            Use current time ({formatClock(now)})
          </Button>
        </div>
        {problem && (
          <p id={`${id}-time-problem`} className="mt-1 text-sm text-bad">
            {problem}
          </p>
        )}
      </div>
      <div>
        <label htmlFor={`${id}-rep`} className={labelClass}>
          Rep
        </label>
        <select id={`${id}-rep`} value={rep ?? ''} onChange={(e) => pinTo(e.target.value)} className={`${fieldBaseClass} pr-8`}>
          <option value="">No rep</option>
          {reps.map((_, i) => (
            <option key={i} value={i + 1}>
              Rep {i + 1}
            </option>
          ))}
          {/* A rep the set no longer has (its reps were edited since): shown as it is, until changed. */}
          {rep !== null && rep > reps.length && <option value={rep}>Rep {rep}</option>}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-text`} className={labelClass}>
          Note
        </label>
        <textarea id={`${id}-text`} rows={3} maxLength={MAX_NOTE_CHARS} value={text} onChange={(e) => setText(e.target.value)} className={fieldClass} />
      </div>
      <div className="flex gap-2">
        <Button type="submit" size="sm" disabled={!!problem || !text.trim() || changes.editNote.isPending}>
          Save
        </Button>
        <Button variant="secondary" size="sm" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
