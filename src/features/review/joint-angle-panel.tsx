import { memo, useMemo, useRef, type PointerEvent } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { UseQueryResult } from '@tanstack/react-query';
import type { J2pResponse, Rep } from '../../contract/guru.ts';
import { DRIVING_JOINT, isAnalysable } from '../../contract/measures.ts';
import { Card, CardHeader } from '../../components/card.tsx';
import { errorMessage } from '../../components/error-state.tsx';
import { Skeleton } from '../../components/skeleton.tsx';
import { formatNumber, humanize } from '../../lib/format.ts';
import { jointAngleSeries, type AngleSample } from './joint-angles.ts';
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
 * (100 rep areas plus a moving playhead took seconds per update). The X axis spans the whole video,
 * as the rep timeline does.
 */
const AngleChart = memo(function AngleChart({ samples, label, toS }: { samples: AngleSample[]; label: string; toS: number }) {
  return (
    <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: 240 }}>
      <LineChart accessibilityLayer={false} data={samples} margin={MARGIN}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
        <XAxis
          dataKey="t"
          type="number"
          domain={[0, toS]}
          allowDataOverflow
          height={X_AXIS_HEIGHT}
          tickFormatter={(t: number) => `${formatNumber(t)}s`}
          fontSize={12}
          tickLine={false}
        />
        <YAxis width={Y_AXIS_WIDTH} domain={[0, 180]} unit="°" fontSize={12} tickLine={false} axisLine={false} />
        <Tooltip formatter={(v) => [`${formatNumber(Number(v))}°`, label]} labelFormatter={(t) => `${formatNumber(Number(t), 2)} s`} />
        <Line type="monotone" dataKey="angle" stroke="#1d6ff1" strokeWidth={2} dot={false} isAnimationActive={false} connectNulls={false} />
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

/**
 * The activity's driving joint (knee for squats, hip for deadlifts, elbow for presses and push-ups)
 * over the whole video from the joint positions, on the rep timeline's time axis: reps shaded,
 * playhead marked, and a click or tap anywhere on the plot seeks there.
 */
export const JointAnglePanel = memo(function JointAnglePanel({
  j2p,
  reps,
  activity,
  durationMs,
  currentTimeMs,
  onSeek,
}: {
  /** The joint data as its query stands (the review's or a shared page's). */
  j2p: Pick<UseQueryResult<J2pResponse>, 'data' | 'isPending' | 'isError' | 'error'>;
  reps: readonly Rep[];
  activity: string | null | undefined;
  durationMs: number;
  currentTimeMs: number;
  onSeek: (timeMs: number) => void;
}) {
  const joint = activity && isAnalysable(activity) ? DRIVING_JOINT[activity] : 'knee';
  const label = `${humanize(joint)} angle`;
  const series = useMemo(() => (j2p.data ? jointAngleSeries(j2p.data, joint) : null), [j2p.data, joint]);
  const plot = useRef<HTMLDivElement>(null);
  const toS = Math.max(durationMs / 1000, series?.samples.at(-1)?.t ?? 0, 0.1);
  const range = useMemo(() => {
    const seen = series?.samples.flatMap((s) => (s.angle === null ? [] : [s.angle])) ?? [];
    return seen.length >= 2 ? { lo: Math.min(...seen), hi: Math.max(...seen) } : null;
  }, [series]);

  // On the wrapper, so recharts keeps its hover tooltip; pointer events cover mouse, pen and touch.
  function seekAt(event: PointerEvent) {
    const box = plot.current?.getBoundingClientRect();
    if (!box || box.width <= 0) return;
    const x = (event.clientX - box.left) / box.width;
    if (x >= 0 && x <= 1) onSeek(x * toS * 1000);
  }

  let body;
  if (j2p.isPending) body = <Skeleton className="h-48 w-full" />;
  else if (j2p.isError) body = <p className="text-sm text-slate-600">Joint data isn't available: {errorMessage(j2p.error)}</p>;
  else if (!series || !range) body = <p className="text-sm text-slate-600">Not enough joint data to draw the {label.toLowerCase()}.</p>;
  else {
    const playhead = currentTimeMs / 1000 / toS;
    body = (
      <>
        <p className="sr-only">
          {label} over the video, from {formatNumber(range.lo)}° at the most bent to {formatNumber(range.hi)}° the straightest.
        </p>
        <div className="relative h-48 w-full cursor-pointer touch-manipulation" aria-hidden="true" onPointerUp={seekAt}>
          <div
            ref={plot}
            data-testid="angle-plot"
            className="pointer-events-none absolute overflow-hidden"
            style={{ left: PLOT.left, right: PLOT.right, top: PLOT.top, bottom: PLOT.bottom }}
          >
            <RepBands reps={reps} from={0} to={toS} />
            {playhead >= 0 && playhead <= 1 && (
              <div data-testid="angle-playhead" className="absolute top-0 bottom-0 w-[1.5px] bg-slate-900" style={{ left: `${playhead * 100}%` }} />
            )}
          </div>
          <div className="absolute inset-0">
            <AngleChart samples={series.samples} label={label} toS={toS} />
          </div>
        </div>
      </>
    );
  }

  return (
    <Card>
      <CardHeader title={`${label} over time${series ? ` (${series.side} side)` : ''}`} />
      <div className="p-3 sm:p-4">{body}</div>
    </Card>
  );
});
