import type { Rep } from '../../contract/guru.ts';
import { describeAnalysisType, formatAnalysisValue, formatClock } from '../../lib/format.ts';
import { analysisTypes, findAnalysis } from './rep-utils.ts';

function Opinion({ value }: { value: 'good' | 'bad' | null | undefined }) {
  if (!value) return null;
  return (
    <span
      className={`ml-1.5 inline-flex rounded px-1.5 py-0.5 text-[11px] font-medium ${
        value === 'good' ? 'bg-green-50 text-good' : 'bg-red-50 text-bad'
      }`}
    >
      {value === 'good' ? 'Good' : 'Bad'}
    </span>
  );
}

/** One row per rep, one column per analysis type (any type, known or not). */
export function RepTable({
  reps,
  activeIndex,
  onSelect,
}: {
  reps: readonly Rep[];
  activeIndex?: number;
  onSelect?: (index: number) => void;
}) {
  const types = analysisTypes(reps);
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-left text-sm">
        <caption className="sr-only">Reps and their analyses</caption>
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2 font-medium">Rep</th>
            <th scope="col" className="px-4 py-2 font-medium">Start</th>
            <th scope="col" className="px-4 py-2 font-medium">Duration</th>
            {types.map((type) => {
              const { label, unit } = describeAnalysisType(type);
              return (
                <th key={type} scope="col" className="px-4 py-2 font-medium whitespace-nowrap" title={type}>
                  {label}
                  {unit && unit !== 'ms' ? ` (${unit})` : ''}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {reps.map((rep, i) => (
            <tr key={`${rep.startTimestampMs}-${i}`} className={i === activeIndex ? 'bg-brand-50' : undefined}>
              <th scope="row" className="px-4 py-2 font-medium text-slate-900">
                {onSelect ? (
                  <button
                    type="button"
                    className="rounded text-brand-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
                    onClick={() => onSelect(i)}
                    aria-label={`Play rep ${i + 1}`}
                  >
                    {i + 1}
                  </button>
                ) : (
                  i + 1
                )}
              </th>
              <td className="px-4 py-2 tabular-nums text-slate-700">{formatClock(rep.startTimestampMs)}</td>
              <td className="px-4 py-2 tabular-nums text-slate-700">
                {formatAnalysisValue('DURATION_MS', rep.endTimestampMs - rep.startTimestampMs)}
              </td>
              {types.map((type) => {
                const a = findAnalysis(rep, type);
                return (
                  <td key={type} className="px-4 py-2 whitespace-nowrap tabular-nums text-slate-700">
                    {a ? formatAnalysisValue(type, a.analysisScalar) : '—'}
                    <Opinion value={a?.analysisOpinion} />
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
