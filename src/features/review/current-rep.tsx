import { describeAnalysisType, formatAnalysisValue } from '../../lib/format.ts';
import { needsCheck, type SetRep } from './rep-utils.ts';

/** Timing is on the timeline already; these lines carry what the coach judges. */
const TIMING = /(_MS)$/;
const SHOWN = 3;

/**
 * The rep at the playhead (or the one picked) in one line under the timeline: its first measures
 * with their verdicts, so on a phone the numbers show with the video without scrolling to the table.
 */
export function CurrentRep({ reps, index }: { reps: readonly SetRep[]; index: number | undefined }) {
  const rep = index === undefined ? undefined : reps[index];
  return (
    <p aria-live="polite" className="min-h-5 text-sm text-slate-700">
      {rep && index !== undefined ? (
        <>
          <span className="font-medium text-slate-900">
            Rep {index + 1} of {reps.length}
          </span>
          {rep.edited && ' (edited by coach)'}
          {needsCheck(rep) && ' · check this rep'}
          {rep.analyses
            .filter((a) => !TIMING.test(a.analysisType))
            .slice(0, SHOWN)
            .map((a) => {
              const measured = typeof a.analysisScalar === 'number';
              return (
                <span key={a.analysisType}>
                  {' · '}
                  {describeAnalysisType(a.analysisType).label} {measured ? formatAnalysisValue(a.analysisType, a.analysisScalar) : 'not measured'}
                  {measured && a.analysisOpinion && (
                    <span className={a.analysisOpinion === 'bad' ? 'font-medium text-bad' : 'text-good'}> {a.analysisOpinion === 'bad' ? 'Bad' : 'Good'}</span>
                  )}
                </span>
              );
            })}
        </>
      ) : (
        <span className="text-slate-500">Between reps</span>
      )}
    </p>
  );
}
