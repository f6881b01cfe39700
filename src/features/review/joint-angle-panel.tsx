import { memo, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { useJ2p } from '../../api/get-j2p.ts';
import type { Rep } from '../../contract/guru.ts';
import { Card, CardHeader } from '../../components/card.tsx';
import { errorMessage } from '../../components/error-state.tsx';
import { Skeleton } from '../../components/skeleton.tsx';
import { formatNumber } from '../../lib/format.ts';
import { kneeAngleSeries, type AngleSample } from './joint-angles.ts';
import { repOpinion } from './rep-utils.ts';

// The plot area inside the chart: margins plus the Y axis width on the left and the X axis height below.
const MARGIN = { top: 8, right: 8, bottom: 0, left: 0 };
const Y_AXIS_WIDTH = 40;
const X_AXIS_HEIGHT = 30;
const PLOT = { left: MARGIN.left + Y_AXIS_WIDTH, right: MARGIN.right, top: MARGIN.top, bottom: MARGIN.bottom + X_AXIS_HEIGHT };
const BAND = { good: 'bg-green-200/50', bad: 'bg-red-200/50', neutral: 'bg-slate-200/50' } as const;

/**
 * The line only: it re-renders when the data does. Rep bands and the playhead are plain HTML over
 * the plot area, because recharts redraws the whole chart for every reference element that changes
 * (100 rep areas plus a moving playhead took seconds per update).
 */
const AngleChart = memo(function AngleChart({ samples, onSeek }: { samples: AngleSample[]; onSeek: (timeMs: number) => void }) {
  return (
    <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: 240 }}>
      <LineChart
        accessibilityLayer={false}
        data={samples}
        margin={MARGIN}
        onClick={(state) => {
          const t = Number(state?.activeLabel);
          if (Number.isFinite(t)) onSeek(t * 1000);
        }}
      >
        <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
        <XAxis
          dataKey="t"
          type="number"
          domain={['dataMin', 'dataMax']}
          height={X_AXIS_HEIGHT}
          tickFormatter={(t: number) => `${formatNumber(t)}s`}
          fontSize={12}
          tickLine={false}
        />
        <YAxis width={Y_AXIS_WIDTH} domain={[0, 180]} unit="°" fontSize={12} tickLine={false} axisLine={false} />
        <Tooltip formatter={(v) => [`${formatNumber(Number(v))}°`, 'Knee angle']} labelFormatter={(t) => `${formatNumber(Number(t), 2)} s`} />
        <Line type="monotone" dataKey="angle" stroke="#1d6ff1" strokeWidth={2} dot={false} isAnimationActive={false} />
      </LineChart>
    </ResponsiveContainer>
  );
});

const RepBands = memo(function RepBands({ reps, from, to }: { reps: readonly Rep[]; from: number; to: number }) {
  const span = to - from || 1;
  return (
    <>
      {reps.map((rep, i) => {
        const left = Math.max(0, (rep.startTimestampMs / 1000 - from) / span);
        const right = Math.min(1, (rep.endTimestampMs / 1000 - from) / span);
        if (right <= left) return null;
        return (
          <div
            key={i}
            className={`absolute top-0 bottom-0 ${BAND[repOpinion(rep)]}`}
            style={{ left: `${left * 100}%`, width: `${(right - left) * 100}%` }}
          />
        );
      })}
    </>
  );
});

/** Knee angle over the whole video from the joint positions, reps shaded, playhead marked. */
export const JointAnglePanel = memo(function JointAnglePanel({
  id,
  reps,
  currentTimeMs,
  onSeek,
}: {
  id: string;
  reps: readonly Rep[];
  currentTimeMs: number;
  onSeek: (timeMs: number) => void;
}) {
  const j2p = useJ2p(id);
  const series = useMemo(() => (j2p.data ? kneeAngleSeries(j2p.data) : null), [j2p.data]);
  const range = useMemo(() => {
    if (!series || series.samples.length < 2) return null;
    let min = Infinity;
    let max = -Infinity;
    let lo = Infinity;
    let hi = -Infinity;
    for (const s of series.samples) {
      min = Math.min(min, s.t);
      max = Math.max(max, s.t);
      lo = Math.min(lo, s.angle);
      hi = Math.max(hi, s.angle);
    }
    return { from: min, to: max, lo, hi };
  }, [series]);

  let body;
  if (j2p.isPending) body = <Skeleton className="h-48 w-full" />;
  else if (j2p.isError) body = <p className="text-sm text-slate-600">Joint data isn't available: {errorMessage(j2p.error)}</p>;
  else if (!series || !range) body = <p className="text-sm text-slate-600">Not enough joint data to draw the knee angle.</p>;
  else {
    const playhead = (currentTimeMs / 1000 - range.from) / (range.to - range.from || 1);
    body = (
      <>
        <p className="sr-only">
          Knee angle over the video, from {formatNumber(range.lo)}° at the deepest to {formatNumber(range.hi)}° standing.
        </p>
        <div className="relative h-48 w-full" aria-hidden="true">
          <div
            className="pointer-events-none absolute overflow-hidden"
            style={{ left: PLOT.left, right: PLOT.right, top: PLOT.top, bottom: PLOT.bottom }}
          >
            <RepBands reps={reps} from={range.from} to={range.to} />
            {playhead >= 0 && playhead <= 1 && (
              <div data-testid="angle-playhead" className="absolute top-0 bottom-0 w-[1.5px] bg-slate-900" style={{ left: `${playhead * 100}%` }} />
            )}
          </div>
          <div className="absolute inset-0">
            <AngleChart samples={series.samples} onSeek={onSeek} />
          </div>
        </div>
      </>
    );
  }

  return (
    <Card>
      <CardHeader title={`Knee angle over time${series ? ` (${series.side} side)` : ''}`} />
      <div className="p-3 sm:p-4">{body}</div>
    </Card>
  );
});
