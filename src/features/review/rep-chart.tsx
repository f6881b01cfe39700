import { memo, useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Rep } from '../../contract/guru.ts';
import { describeAnalysisType, formatAnalysisValue } from '../../lib/format.ts';
import { findAnalysis } from './rep-utils.ts';

const FILL = { good: '#15803d', bad: '#b91c1c', neutral: '#64748b' } as const;
const MARGIN = { top: 8, right: 8, bottom: 4, left: 0 };
const Y_AXIS_WIDTH = 48;
const X_AXIS_HEIGHT = 30;

type Datum = { rep: string; value: number | null; opinion: keyof typeof FILL };

/** The bars only, so picking a rep doesn't redraw the chart (the highlight is HTML on top). */
const Bars = memo(function Bars({
  data,
  type,
  onSelect,
}: {
  data: Datum[];
  type: string;
  onSelect?: (index: number) => void;
}) {
  const { label, unit } = describeAnalysisType(type);
  return (
    <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: 240 }}>
      <BarChart accessibilityLayer={false} data={data} margin={MARGIN}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
        <XAxis
          dataKey="rep"
          // A fixed interval: recharts' default measures every tick label in the DOM (forced layouts, 100 reps).
          interval={data.length > 20 ? Math.ceil(data.length / 20) - 1 : 0}
          height={X_AXIS_HEIGHT}
          tickLine={false}
          axisLine={false}
          fontSize={12}
          label={{ value: 'Rep', position: 'insideBottomRight', offset: -2, fontSize: 12 }}
        />
        <YAxis
          width={Y_AXIS_WIDTH}
          tickLine={false}
          axisLine={false}
          fontSize={12}
          unit={unit === 'ms' ? '' : unit}
          // Bars grow from zero, also for negative values (some tenants report negative angles).
          domain={[(min: number) => Math.min(0, Math.floor(min)), (max: number) => Math.max(0, Math.ceil(max))]}
        />
        <Tooltip
          cursor={{ fill: '#f1f5f9' }}
          formatter={(value) => [formatAnalysisValue(type, typeof value === 'number' ? value : null), label]}
          labelFormatter={(rep) => `Rep ${rep}`}
        />
        <Bar
          dataKey="value"
          radius={[4, 4, 0, 0]}
          isAnimationActive={false}
          cursor={onSelect ? 'pointer' : undefined}
          onClick={(_, index) => onSelect?.(index)}
        >
          {data.map((d) => (
            <Cell key={d.rep} fill={FILL[d.opinion]} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
});

/** One bar per rep for the chosen analysis type, coloured by that analysis's opinion; a click picks the rep. */
export const RepChart = memo(function RepChart({
  reps,
  type,
  activeIndex,
  onSelect,
}: {
  reps: readonly Rep[];
  type: string;
  activeIndex?: number;
  onSelect?: (index: number) => void;
}) {
  const { label } = describeAnalysisType(type);
  const data = useMemo(
    () =>
      reps.map((rep, i): Datum => {
        const a = findAnalysis(rep, type);
        return {
          rep: String(i + 1),
          value: typeof a?.analysisScalar === 'number' ? a.analysisScalar : null,
          opinion: a?.analysisOpinion ?? 'neutral',
        };
      }),
    [reps, type],
  );
  const caption = useMemo(
    () => `${label} per rep: ${data.map((d) => `rep ${d.rep} ${formatAnalysisValue(type, d.value)}`).join(', ')}`,
    [data, label, type],
  );
  const n = data.length;
  return (
    <figure>
      <figcaption className="sr-only">{caption}</figcaption>
      <div className="relative h-60 w-full" aria-hidden="true">
        {activeIndex !== undefined && activeIndex >= 0 && activeIndex < n && (
          <div
            className="pointer-events-none absolute"
            style={{ left: MARGIN.left + Y_AXIS_WIDTH, right: MARGIN.right, top: MARGIN.top, bottom: MARGIN.bottom + X_AXIS_HEIGHT }}
          >
            <div
              data-testid="active-rep-column"
              className="absolute top-0 bottom-0 rounded-sm bg-brand-100"
              style={{ left: `${(activeIndex / n) * 100}%`, width: `${100 / n}%` }}
            />
          </div>
        )}
        <div className="absolute inset-0">
          <Bars data={data} type={type} onSelect={onSelect} />
        </div>
      </div>
    </figure>
  );
});
