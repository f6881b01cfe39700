import type { CameraView } from '../../contract/guru.ts';
import { viewNote } from '../../contract/measures.ts';
import { humanize } from '../../lib/format.ts';

/** The camera view the analysis saw, what it limits, and how many reps the engine is unsure of. */
export function ViewNote({ view, checks }: { view: CameraView | null | undefined; checks: number }) {
  const note = viewNote(view);
  return (
    <div className="mt-2 space-y-1 text-sm">
      {view && (
        <p className="text-slate-600">
          Camera view: <span className="font-medium text-slate-800">{humanize(view)}</span>
        </p>
      )}
      {note && <p className="rounded-md bg-amber-50 px-3 py-2 text-amber-900 ring-1 ring-amber-200">{note}</p>}
      {checks > 0 && (
        <p className="text-amber-800">
          {checks === 1 ? '1 rep is' : `${checks} reps are`} marked “check this rep”: the engine could not see it clearly.
        </p>
      )}
    </div>
  );
}
