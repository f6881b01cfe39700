import { memo, useMemo } from 'react';
import type { Rep } from '../../contract/guru.ts';
import { measureInfo } from '../../contract/measures.ts';
import { analysisTypes } from './rep-utils.ts';

/** What each measure in the set means and the rule behind its Good/Bad, from the shared catalogue. */
export const MeasureLegend = memo(function MeasureLegend({ reps }: { reps: readonly Rep[] }) {
  const entries = useMemo(
    () => analysisTypes(reps).flatMap((type) => {
      const info = measureInfo(type);
      return info ? [{ type, ...info }] : [];
    }),
    [reps],
  );
  if (!entries.length) return null;
  return (
    <dl aria-label="What the measures mean" className="grid gap-x-4 gap-y-1.5 border-t border-slate-100 px-4 py-3 text-xs text-slate-600 sm:grid-cols-[max-content_1fr] print:px-2">
      {entries.map((e) => (
        <div key={e.type} className="contents">
          <dt className="font-medium text-slate-800">{e.label}</dt>
          <dd>
            {e.meaning}
            {e.rule && <span className="text-slate-800"> {e.rule}</span>}
          </dd>
        </div>
      ))}
      <div className="contents">
        <dt className="font-medium text-slate-800">not measured</dt>
        <dd>The joint was not seen, or the camera view cannot give this number: it is never counted as a fault.</dd>
      </div>
    </dl>
  );
});

/** One measure's meaning and rule, in a line (under its chart). */
export function MeasureMeaning({ type }: { type: string }) {
  const info = measureInfo(type);
  if (!info) return null;
  return (
    <p className="mb-2 text-xs text-slate-600">
      {info.meaning}
      {info.rule && <span className="text-slate-800"> {info.rule}</span>}
    </p>
  );
}
