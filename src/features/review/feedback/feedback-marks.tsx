/** Where the notes and drawings are, as ticks under the rep timeline (the notes list is the accessible way to them). */
export function FeedbackMarks({ notes, drawings, durationMs }: { notes: readonly number[]; drawings: readonly number[]; durationMs: number }) {
  if (durationMs <= 0 || notes.length + drawings.length === 0) return null;
  const left = (ms: number) => `${Math.min(100, (ms / durationMs) * 100)}%`;
  return (
    <div aria-hidden="true" data-testid="feedback-marks" className="relative h-2.5">
      {drawings.map((ms, i) => (
        <span key={`d${i}`} data-mark="drawing" className="absolute top-0 h-2.5 w-1 -translate-x-1/2 rounded-sm bg-amber-500" style={{ left: left(ms) }} />
      ))}
      {notes.map((ms, i) => (
        <span key={`n${i}`} data-mark="note" className="absolute top-0 size-2.5 -translate-x-1/2 rounded-full bg-brand-600" style={{ left: left(ms) }} />
      ))}
    </div>
  );
}
