import { useMemo } from 'react';
import {
  CartesianGrid,
  Line,
  LineChart,
  ReferenceArea,
  ReferenceLine,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from 'recharts';
import { useJ2p } from '../../api/get-j2p.ts';
import type { Rep } from '../../contract/guru.ts';
import { Card, CardHeader } from '../../components/card.tsx';
import { errorMessage } from '../../components/error-state.tsx';
import { Skeleton } from '../../components/skeleton.tsx';
import { formatNumber } from '../../lib/format.ts';
import { kneeAngleSeries } from './joint-angles.ts';
import { repOpinion } from './rep-utils.ts';

/** Knee angle over the whole video from the joint positions, reps shaded, playhead marked. */
export function JointAnglePanel({
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

  let body;
  if (j2p.isPending) body = <Skeleton className="h-48 w-full" />;
  else if (j2p.isError) body = <p className="text-sm text-slate-600">Joint data isn't available: {errorMessage(j2p.error)}</p>;
  else if (!series || series.samples.length < 2)
    body = <p className="text-sm text-slate-600">Not enough joint data to draw the knee angle.</p>;
  else
    body = (
      <>
      <p className="sr-only">
        Knee angle over the video, from {formatNumber(Math.min(...series.samples.map((s) => s.angle)))}° at the deepest
        to {formatNumber(Math.max(...series.samples.map((s) => s.angle)))}° standing.
      </p>
      <div className="h-48 w-full" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: 240 }}>
          <LineChart
            accessibilityLayer={false}
            data={series.samples}
            margin={{ top: 8, right: 8, bottom: 0, left: 0 }}
            onClick={(state) => {
              const t = Number(state?.activeLabel);
              if (Number.isFinite(t)) onSeek(t * 1000);
            }}
          >
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
            {reps.map((rep, i) => (
              <ReferenceArea
                key={i}
                x1={rep.startTimestampMs / 1000}
                x2={rep.endTimestampMs / 1000}
                fill={repOpinion(rep) === 'bad' ? '#fecaca' : repOpinion(rep) === 'good' ? '#bbf7d0' : '#e2e8f0'}
                fillOpacity={0.5}
                ifOverflow="hidden"
              />
            ))}
            <XAxis
              dataKey="t"
              type="number"
              domain={['dataMin', 'dataMax']}
              tickFormatter={(t: number) => `${formatNumber(t)}s`}
              fontSize={12}
              tickLine={false}
            />
            <YAxis width={40} domain={[0, 180]} unit="°" fontSize={12} tickLine={false} axisLine={false} />
            <Tooltip
              formatter={(v) => [`${formatNumber(Number(v))}°`, 'Knee angle']}
              labelFormatter={(t) => `${formatNumber(Number(t), 2)} s`}
            />
            <Line type="monotone" dataKey="angle" stroke="#1d6ff1" strokeWidth={2} dot={false} isAnimationActive={false} />
            <ReferenceLine x={currentTimeMs / 1000} stroke="#0f172a" strokeWidth={1.5} ifOverflow="hidden" />
          </LineChart>
        </ResponsiveContainer>
      </div>
      </>
    );

  return (
    <Card>
      <CardHeader title={`Knee angle over time${series ? ` (${series.side} side)` : ''}`} />
      <div className="p-3 sm:p-4">{body}</div>
    </Card>
  );
}
