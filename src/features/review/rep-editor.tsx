import { useState } from 'react';
import type { Rep } from '../../contract/guru.ts';
import { Button } from '../../components/button.tsx';
import { formatClock } from '../../lib/format.ts';
import { addRep, deleteRep, mergeWithNext, moveEdge, splitRep, type Edge } from './rep-edits.ts';
import type { RepEditing } from './use-rep-editing.ts';

const EDGES: { edge: Edge; label: string }[] = [
  { edge: 'start', label: 'Set start here' },
  { edge: 'mid', label: 'Set bottom here' },
  { edge: 'end', label: 'Set end here' },
];

/**
 * The coach's rep tools, under the timeline: change the selected rep at the playhead (split, set
 * its start, bottom or end), delete or merge it, mark a missed rep from the playhead (or drag over
 * the timeline), undo, or go back to the detected reps. Each change saves the whole set at once.
 */
export function RepEditor({
  reps,
  selected,
  currentTimeMs,
  editing,
}: {
  reps: readonly Rep[];
  selected: number | undefined;
  currentTimeMs: number;
  editing: RepEditing;
}) {
  const [markedStart, setMarkedStart] = useState<number | null>(null);
  const rep = selected === undefined ? undefined : reps[selected];
  const { apply, saving, message } = editing;

  function markEnd() {
    if (markedStart === null) return;
    apply(addRep(reps, markedStart, currentTimeMs));
    setMarkedStart(null);
  }

  return (
    <section aria-label="Edit reps" className="space-y-3 rounded-md bg-slate-50 p-3 ring-1 ring-inset ring-slate-200">
      <p className="text-sm text-slate-700" aria-live="polite">
        {rep && selected !== undefined
          ? `Rep ${selected + 1} selected (${formatClock(rep.startTimestampMs)}–${formatClock(rep.endTimestampMs)}). Playhead at ${formatClock(currentTimeMs)}.`
          : 'Select a rep on the timeline to change it, or mark a missed one from the playhead. Drag across the timeline to add a rep.'}
        {saving && ' Saving…'}
      </p>
      <div className="flex flex-wrap gap-2">
        {EDGES.map(({ edge, label }) => (
          <Button key={edge} variant="secondary" size="sm" disabled={!rep || saving} onClick={() => apply(moveEdge(reps, selected!, edge, currentTimeMs))}>
            {label}
          </Button>
        ))}
        <Button variant="secondary" size="sm" disabled={!rep || saving} onClick={() => apply(splitRep(reps, selected!, currentTimeMs))}>
          Split here
        </Button>
        <Button variant="secondary" size="sm" disabled={!rep || saving || selected! >= reps.length - 1} onClick={() => apply(mergeWithNext(reps, selected!))}>
          Merge with next
        </Button>
        <Button variant="danger" size="sm" disabled={!rep || saving} onClick={() => apply(deleteRep(reps, selected!))}>
          Delete rep
        </Button>
      </div>
      <div className="flex flex-wrap items-center gap-2">
        {markedStart === null ? (
          <Button variant="secondary" size="sm" disabled={saving} onClick={() => setMarkedStart(Math.round(currentTimeMs))}>
            Mark new rep start
          </Button>
        ) : (
          <>
            <span className="text-sm text-slate-700">New rep from {formatClock(markedStart)}:</span>
            <Button size="sm" disabled={saving} onClick={markEnd}>
              Mark new rep end
            </Button>
            <Button variant="ghost" size="sm" onClick={() => setMarkedStart(null)}>
              Cancel
            </Button>
          </>
        )}
        <span className="mx-1 h-5 w-px bg-slate-300" aria-hidden="true" />
        <Button variant="secondary" size="sm" disabled={!editing.canUndo || saving} onClick={editing.undo}>
          Undo
        </Button>
        <Button variant="ghost" size="sm" disabled={!editing.edited || saving} onClick={() => apply({ reps: null })}>
          Back to detected reps
        </Button>
      </div>
      {message && (
        <p role="alert" className="text-sm text-bad">
          {message}
        </p>
      )}
    </section>
  );
}
