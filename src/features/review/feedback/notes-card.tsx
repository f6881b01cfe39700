import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { FeedbackChanges } from '../../../api/feedback.ts';
import { drawnAngle, MAX_NOTE_CHARS, NOTE_SHOWN_MS, feedbackAt, type Drawing, type Note } from '../../../contract/feedback.ts';
import type { Rep } from '../../../contract/guru.ts';
import { Button } from '../../../components/button.tsx';
import { Card, CardHeader } from '../../../components/card.tsx';
import { errorMessage } from '../../../components/error-state.tsx';
import { fieldClass } from '../../../components/field.ts';
import { formatClock, humanize } from '../../../lib/format.ts';
import { repNumberAt } from '../rep-utils.ts';
import { NoteEditForm } from './note-edit-form.tsx';

/** "Coach" for a note made without coach accounts. */
const authorOf = (item: { author: string | null }) => item.author ?? 'Coach';
const at = (item: { timeMs: number; rep?: number | null }) => `${formatClock(item.timeMs)}${item.rep ? ` · rep ${item.rep}` : ''}`;

/** "Angle 92°", "Arrow": a drawing as the list and the print name it. */
export function drawingLabel(drawing: Drawing, picture: { width: number; height: number } | null) {
  const degrees = picture && drawnAngle(drawing.shape, picture.width, picture.height);
  return `${humanize(drawing.shape.kind)}${degrees == null ? '' : ` ${Math.round(degrees)}°`}`;
}

/**
 * The notes beside the player, in time order: a click seeks there, the note at the playhead is
 * highlighted. With `changes` (the review, not a shared page) the coach adds notes at the current
 * time and edits (text, time, rep: note-edit-form.tsx) or deletes their own; the drawings are
 * listed too, each with its delete button.
 * It prints, without its buttons.
 */
export function NotesCard({
  notes,
  drawings,
  reps,
  currentTimeMs,
  picture,
  videoMs = null,
  onSeek,
  changes,
  loadError,
}: {
  notes: readonly Note[];
  drawings: readonly Drawing[];
  reps: readonly Rep[];
  currentTimeMs: number;
  /** The video's size in pixels, for an angle's value. */
  picture: { width: number; height: number } | null;
  /** The video's length when the player knows it (a note is not moved past it). */
  videoMs?: number | null;
  onSeek: (timeMs: number) => void;
  changes?: FeedbackChanges;
  loadError?: unknown;
}) {
  const current = new Set(feedbackAt(notes, currentTimeMs, NOTE_SHOWN_MS).map((n) => n.id));
  const [editing, setEditing] = useState<number | null>(null);
  const editButtons = useRef(new Map<number, HTMLButtonElement>());
  const focusAfterEditing = useRef<number | null>(null);
  /** Closes the edit form, and gives the focus back to the note's Edit button (wherever a move put the note). */
  function stopEditing(noteId: number) {
    focusAfterEditing.current = noteId;
    setEditing(null);
  }
  // After the commit that brings the Edit button back (a frame's timer can run before a busy
  // render commits, and then finds no button).
  useEffect(() => {
    if (editing !== null || focusAfterEditing.current === null) return;
    editButtons.current.get(focusAfterEditing.current)?.focus();
    focusAfterEditing.current = null;
  }, [editing, notes]);
  const problem = changes && [changes.addNote, changes.editNote, changes.deleteNote, changes.deleteDrawing].find((m) => m.error)?.error;

  return (
    <Card aria-labelledby="notes-title" className="print:break-inside-avoid print:shadow-none print:ring-0">
      <CardHeader id="notes-title" title="Notes and drawings" />
      <div className="space-y-4 px-4 py-3 sm:px-5">
        {changes && <AddNote reps={reps} currentTimeMs={currentTimeMs} changes={changes} />}
        {problem ? <p role="alert" className="text-sm text-bad">{errorMessage(problem)}</p> : null}
        {loadError ? <p className="text-sm text-slate-600">Couldn't load the notes: {errorMessage(loadError)}</p> : null}
        {notes.length === 0 && drawings.length === 0 && !loadError && (
          <p className="text-sm text-slate-600">{changes ? 'No notes yet. Pause where something matters, then write or draw.' : 'No notes on this video.'}</p>
        )}
        {notes.length > 0 && (
          <ol aria-label="Notes" className="space-y-2">
            {notes.map((note) => (
              <li
                key={note.id}
                aria-current={current.has(note.id) ? 'true' : undefined}
                className={`rounded-lg px-3 py-2 ring-1 ${current.has(note.id) ? 'bg-brand-50 ring-brand-300 print:bg-white print:ring-slate-200' : 'ring-slate-200'}`}
              >
                {editing === note.id && changes ? (
                  <NoteEditForm
                    note={note}
                    reps={reps}
                    currentTimeMs={currentTimeMs}
                    videoMs={videoMs}
                    changes={changes}
                    onDone={() => stopEditing(note.id)}
                  />
                ) : (
                  <>
                    <div className="flex flex-wrap items-baseline justify-between gap-x-2">
                      <button
                        type="button"
                        onClick={() => onSeek(note.timeMs)}
                        className="text-sm font-medium text-brand-700 tabular-nums hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
                      >
                        <span className="sr-only">Go to </span>
                        {at(note)}
                      </button>
                      <span className="text-xs text-slate-600">{authorOf(note)}</span>
                    </div>
                    <p className="mt-1 text-sm whitespace-pre-wrap text-slate-900">{note.text}</p>
                    {changes && note.mine && (
                      <div className="mt-1 flex gap-1 print:hidden">
                        <Button
                          ref={(button) => {
                            if (button) editButtons.current.set(note.id, button);
                            else editButtons.current.delete(note.id);
                          }}
                          variant="ghost"
                          size="sm"
                          aria-label={`Edit the note at ${formatClock(note.timeMs)}`}
                          onClick={() => setEditing(note.id)}
                        >
                          Edit
                        </Button>
                        <Button
                          variant="ghost"
                          size="sm"
                          aria-label={`Delete the note at ${formatClock(note.timeMs)}`}
                          disabled={changes.deleteNote.isPending}
                          onClick={() => changes.deleteNote.mutate(note.id)}
                        >
                          Delete
                        </Button>
                      </div>
                    )}
                  </>
                )}
              </li>
            ))}
          </ol>
        )}
        {drawings.length > 0 && (
          <div>
            <h3 className="text-xs font-semibold tracking-wide text-slate-600 uppercase">Drawings</h3>
            <ul aria-label="Drawings" className="mt-1 divide-y divide-slate-100">
              {drawings.map((drawing) => (
                <li key={drawing.id} className="flex flex-wrap items-center justify-between gap-2 py-1.5 text-sm">
                  <span>
                    <button
                      type="button"
                      onClick={() => onSeek(drawing.timeMs)}
                      className="font-medium text-brand-700 tabular-nums hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
                    >
                      <span className="sr-only">Go to </span>
                      {formatClock(drawing.timeMs)}
                    </button>{' '}
                    <span className="text-slate-900">{drawingLabel(drawing, picture)}</span>{' '}
                    <span className="text-xs text-slate-600">· {authorOf(drawing)}</span>
                  </span>
                  {changes && drawing.mine && (
                    <Button
                      variant="ghost"
                      size="sm"
                      className="print:hidden"
                      aria-label={`Delete the ${drawing.shape.kind} at ${formatClock(drawing.timeMs)}`}
                      disabled={changes.deleteDrawing.isPending}
                      onClick={() => changes.deleteDrawing.mutate(drawing.id)}
                    >
                      Delete
                    </Button>
                  )}
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </Card>
  );
}

/** A new note at the playhead, pinned to the rep playing there if any. */
function AddNote({ reps, currentTimeMs, changes }: { reps: readonly Rep[]; currentTimeMs: number; changes: FeedbackChanges }) {
  const id = useId();
  const [text, setText] = useState('');
  const timeMs = Math.round(currentTimeMs);
  const rep = repNumberAt(reps, timeMs);
  function submit(event: FormEvent) {
    event.preventDefault();
    if (!text.trim()) return;
    changes.addNote.mutate({ timeMs, rep, text }, { onSuccess: () => setText('') });
  }
  return (
    <form onSubmit={submit} className="space-y-2 print:hidden">
      <label htmlFor={id} className="block text-sm font-medium text-slate-700">
        Note at {at({ timeMs, rep })}
      </label>
      <textarea id={id} rows={2} maxLength={MAX_NOTE_CHARS} value={text} onChange={(e) => setText(e.target.value)} className={fieldClass} />
      <Button type="submit" size="sm" disabled={!text.trim() || changes.addNote.isPending}>
        Add note
      </Button>
    </form>
  );
}
