import { Link } from 'react-router';
import type { SetVelocity } from '../../contract/velocity.ts';
import { formatNumber } from '../../lib/format.ts';

/**
 * The set's velocity loss (its last measured rep against the fastest before it) and the first rep
 * the coach's threshold flags; without the athlete's height, where to enter it for m/s (not on a
 * shared page, `athleteId` undefined: the athlete cannot).
 */
export function VelocitySummary({ velocity, athleteId }: { velocity: SetVelocity; athleteId: number | undefined }) {
  const { loss, firstBelow, thresholdPct, unit, approximate } = velocity;
  return (
    <div className="mt-3 rounded-md bg-slate-50 px-3 py-2 text-sm text-slate-700 ring-1 ring-slate-200" data-testid="velocity-summary">
      {loss ? (
        <p>
          <span className="font-medium">Velocity loss {formatNumber(loss.pct)}%</span>{' '}
          {loss.fastest === loss.last ? '(the last rep was the fastest).' : `(rep ${loss.last + 1} against rep ${loss.fastest + 1}, the fastest).`}{' '}
          {firstBelow !== null
            ? `Rep ${firstBelow + 1} is the first ${thresholdPct}% or more slower.`
            : `No rep is ${thresholdPct}% slower.`}
        </p>
      ) : (
        <p>Velocity was not measured on these reps.</p>
      )}
      {approximate && (
        <p className="mt-1 text-xs text-slate-600" data-testid="velocity-approximate">
          Approximate in this movement: lying or in a plank, the joints read speeds up to a third off on test videos. Compare reps within
          the set (the loss above), not these speeds with other sessions or programs.
        </p>
      )}
      {unit === 'BH/s' && (
        <p className="mt-1 text-xs text-slate-600">
          Velocity is in body heights per second (BH/s).
          {athleteId !== undefined && (
            <>
              {' '}
              <Link to={`/athletes/${athleteId}`} className="text-brand-700 underline">
                Enter the athlete&apos;s height
              </Link>{' '}
              for metres per second.
            </>
          )}
        </p>
      )}
    </div>
  );
}
