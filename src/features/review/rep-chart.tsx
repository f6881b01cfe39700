import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Rep } from '../../contract/guru.ts';
import { describeAnalysisType, formatAnalysisValue } from '../../lib/format.ts';
import { findAnalysis } from './rep-utils.ts';

const FILL = { good: '#15803d', bad: '#b91c1c', neutral: '#64748b' } as const;

/** One bar per rep for the chosen analysis type, coloured by that analysis's opinion. */
export function RepChart({ reps, type, activeIndex }: { reps: readonly Rep[]; type: string; activeIndex?: number }) {
  const { label, unit } = describeAnalysisType(type);
  const data = reps.map((rep, i) => {
    const a = findAnalysis(rep, type);
    return {
      rep: String(i + 1),
      value: typeof a?.analysisScalar === 'number' ? a.analysisScalar : null,
      opinion: (a?.analysisOpinion ?? 'neutral') as keyof typeof FILL,
    };
  });
  return (
    <figure>
      <figcaption className="sr-only">
        {label} per rep: {data.map((d) => `rep ${d.rep} ${formatAnalysisValue(type, d.value)}`).join(', ')}
      </figcaption>
      <div className="h-60 w-full" aria-hidden="true">
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: 240 }}>
          <BarChart accessibilityLayer={false} data={data} margin={{ top: 8, right: 8, bottom: 4, left: 0 }}>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
            <XAxis dataKey="rep" tickLine={false} axisLine={false} fontSize={12} label={{ value: 'Rep', position: 'insideBottomRight', offset: -2, fontSize: 12 }} />
            <YAxis
              width={48}
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
            <Bar dataKey="value" radius={[4, 4, 0, 0]} isAnimationActive={false}>
              {data.map((d, i) => (
                <Cell
                  key={d.rep}
                  fill={FILL[d.opinion]}
                  fillOpacity={activeIndex === undefined || activeIndex === i ? 1 : 0.45}
                />
              ))}
            </Bar>
          </BarChart>
        </ResponsiveContainer>
      </div>
    </figure>
  );
}
