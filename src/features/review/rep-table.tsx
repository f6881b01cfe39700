import { Link } from 'react-router';
import { memo, useEffect, useMemo, useRef, useState, type RefObject } from 'react';
import { measureInfo } from '../../contract/measures.ts';
import { describeAnalysisType, formatAnalysisValue, formatClock, formatNumber } from '../../lib/format.ts';
import { analysisTypes, findAnalysis, needsCheck, repOpinion, type SetRep } from './rep-utils.ts';

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

const OPINION_TEXT = { good: 'Good', bad: 'Bad', neutral: '—' } as const;

/** A measure with no number: not seen, or not measurable from this camera view. Never a fault. */
function NotMeasured() {
  return <span className="text-xs text-slate-500 italic">not measured</span>;
}

export function CheckRepBadge({ confidence }: { confidence: number | null | undefined }) {
  return (
    <span
      className="ml-1.5 inline-flex rounded bg-amber-50 px-1.5 py-0.5 text-[11px] font-medium text-amber-800 ring-1 ring-amber-200"
      title={`The engine is unsure of this rep (confidence ${formatNumber(confidence ?? 0, 2)}): keypoints were hard to see or the view limits it.`}
    >
      Check this rep
    </span>
  );
}

/** Descent is start → bottom, ascent bottom → end; unknown without the bottom. */
function phase(from: number | null | undefined, to: number | null | undefined): string {
  return typeof from === 'number' && typeof to === 'number' && to >= from ? formatAnalysisValue('DURATION_MS', to - from) : '—';
}

/** Whether an element's content is wider than the element (the table needs sideways scrolling). */
function useOverflowsX(ref: RefObject<HTMLElement | null>): boolean {
  const [overflows, setOverflows] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el || typeof ResizeObserver === 'undefined') return;
    const check = () => setOverflows(el.scrollWidth > el.clientWidth + 1);
    const observer = new ResizeObserver(check);
    observer.observe(el);
    check();
    return () => observer.disconnect();
  }, [ref]);
  return overflows;
}

/** Rows are memoised: picking a rep re-renders two rows, not a hundred. */
const RepRow = memo(function RepRow({
  rep,
  i,
  types,
  phases,
  active,
  onSelect,
  compareHref,
}: {
  rep: SetRep;
  i: number;
  types: readonly string[];
  phases: boolean;
  active: boolean;
  onSelect?: (index: number) => void;
  compareHref?: string;
}) {
  return (
    <tr className={active ? 'bg-brand-50' : undefined}>
      <th scope="row" className="px-4 py-2 print:px-2 print:py-1 font-medium text-slate-900">
        {onSelect ? (
          <button
            type="button"
            className="rounded text-brand-700 underline-offset-2 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600 print:text-slate-900 print:no-underline"
            onClick={() => onSelect(i)}
            aria-label={`Play rep ${i + 1}`}
          >
            {i + 1}
          </button>
        ) : (
          i + 1
        )}
        {needsCheck(rep) && <CheckRepBadge confidence={rep.confidence} />}
        {rep.edited && (
          <span className="ml-1.5 rounded bg-brand-50 px-1 py-0.5 text-[11px] font-medium text-brand-700 ring-1 ring-inset ring-brand-200" title="Placed by the coach; measured by RepLens from the joint data">
            edited
          </span>
        )}
        {compareHref && (
          <Link to={compareHref} className="block text-xs font-normal text-brand-700 hover:underline print:hidden" aria-label={`Compare rep ${i + 1} with another rep`}>
            Compare…
          </Link>
        )}
      </th>
      <td className="px-4 py-2 print:px-2 print:py-1 tabular-nums text-slate-700">{formatClock(rep.startTimestampMs)}</td>
      <td className="px-4 py-2 print:px-2 print:py-1 tabular-nums text-slate-700">
        {formatAnalysisValue('DURATION_MS', rep.endTimestampMs - rep.startTimestampMs)}
      </td>
      {phases && (
        <>
          <td className="px-4 py-2 print:px-2 print:py-1 tabular-nums text-slate-700">{phase(rep.startTimestampMs, rep.midTimestampMs)}</td>
          <td className="px-4 py-2 print:px-2 print:py-1 tabular-nums text-slate-700">{phase(rep.midTimestampMs, rep.endTimestampMs)}</td>
        </>
      )}
      {types.map((type) => {
        const a = findAnalysis(rep, type);
        return (
          <td key={type} className="px-4 py-2 print:px-2 print:py-1 whitespace-nowrap tabular-nums text-slate-700">
            {a && typeof a.analysisScalar !== 'number' ? <NotMeasured /> : a ? formatAnalysisValue(type, a.analysisScalar) : '—'}
            <Opinion value={typeof a?.analysisScalar === 'number' ? a.analysisOpinion : null} />
          </td>
        );
      })}
      <td className="px-4 py-2 print:px-2 print:py-1 text-slate-700">{OPINION_TEXT[repOpinion(rep)]}</td>
    </tr>
  );
});

/** One row per rep, one column per analysis type (any type, known or not). */
export const RepTable = memo(function RepTable({
  reps,
  activeIndex,
  onSelect,
  compareHref,
}: {
  reps: readonly SetRep[];
  activeIndex?: number;
  onSelect?: (index: number) => void;
  /** Where "Compare…" on a rep's row leads (the compare page with this rep as A). */
  compareHref?: (index: number) => string;
}) {
  const types = useMemo(() => analysisTypes(reps), [reps]);
  const box = useRef<HTMLDivElement>(null);
  const overflows = useOverflowsX(box);
  // Descent/ascent from the rep's bottom, unless the analysis already reports them.
  const phases = !types.some((t) => /DESCENT|ASCENT/i.test(t));
  return (
    // A region that scrolls must take focus so keyboard users can scroll it (axe: scrollable-region-focusable).
    // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
    <div ref={box} className="overflow-x-auto print:overflow-visible" role="region" aria-label="Rep table" tabIndex={overflows ? 0 : undefined}>
      {overflows && (
        <p className="px-4 pt-2 text-xs text-slate-500 print:hidden" aria-hidden="true">
          Scroll sideways for every measure →
        </p>
      )}
      <table className="min-w-full text-left text-sm print:text-xs">
        <caption className="sr-only">Reps and their analyses</caption>
        <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-4 py-2 print:px-2 print:py-1 font-medium">Rep</th>
            <th scope="col" className="px-4 py-2 print:px-2 print:py-1 font-medium">Start</th>
            <th scope="col" className="px-4 py-2 print:px-2 print:py-1 font-medium">Duration</th>
            {phases && (
              <>
                <th scope="col" className="px-4 py-2 print:px-2 print:py-1 font-medium">Descent</th>
                <th scope="col" className="px-4 py-2 print:px-2 print:py-1 font-medium">Ascent</th>
              </>
            )}
            {types.map((type) => {
              const { label, unit } = describeAnalysisType(type);
              const info = measureInfo(type);
              return (
                <th
                  key={type}
                  scope="col"
                  className="px-4 py-2 print:px-2 print:py-1 font-medium whitespace-nowrap"
                  title={info ? [info.meaning, info.rule].filter(Boolean).join(' ') : type}
                >
                  {label}
                  {unit && unit !== 'ms' ? ` (${unit})` : ''}
                </th>
              );
            })}
            <th scope="col" className="px-4 py-2 print:px-2 print:py-1 font-medium">Opinion</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {reps.map((rep, i) => (
            <RepRow key={`${rep.startTimestampMs}-${i}`} rep={rep} i={i} types={types} phases={phases} active={i === activeIndex} onSelect={onSelect} compareHref={compareHref?.(i)} />
          ))}
        </tbody>
      </table>
    </div>
  );
});
