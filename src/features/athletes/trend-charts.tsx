import { useId, type ReactNode } from 'react';
import { Area, CartesianGrid, ComposedChart, Line, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { Card, CardHeader } from '../../components/card.tsx';
import { describeAnalysisType } from '../../lib/format.ts';
import type { TrendPoint } from './trends.ts';

const MARGIN = { top: 8, right: 12, bottom: 4, left: 0 };
const BRAND = '#2563eb';
const MUTED = '#94a3b8';

/** A set's point that opens the set when clicked (keyboard users have the sessions list). */
function setDot(colour: string, onOpen: (id: string) => void) {
  return function SetDot({ cx, cy, payload }: { cx?: number; cy?: number; payload?: TrendPoint }) {
    if (cx === undefined || cy === undefined || !payload || !Number.isFinite(cy)) return <g />;
    return (
      <circle
        cx={cx}
        cy={cy}
        r={5}
        fill="#fff"
        stroke={colour}
        strokeWidth={2}
        className="cursor-pointer"
        data-set={payload.id}
        onClick={() => onOpen(payload.id)}
      />
    );
  };
}

/** A chart of the sets over time. */
function TrendChart({
  title,
  points,
  unit,
  integers = false,
  fromZero = false,
  children,
}: {
  title: string;
  points: TrendPoint[];
  unit?: string;
  integers?: boolean;
  /** Counts, speeds and durations start at 0, so a small change does not look like a big one. */
  fromZero?: boolean;
  children: ReactNode;
}) {
  const headingId = useId();
  return (
    <Card aria-labelledby={headingId}>
      <CardHeader id={headingId} title={title} />
      <div className="h-56 p-3 sm:p-4">
        <ResponsiveContainer width="100%" height="100%" initialDimension={{ width: 480, height: 200 }}>
          <ComposedChart
            accessibilityLayer={false}
            data={points}
            margin={MARGIN}
>
            <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="#e2e8f0" />
            {/* Keyed by set (two sets may share a date): a click must find its own set. */}
            <XAxis dataKey="id" tickFormatter={(id: string) => points.find((p) => p.id === id)?.date ?? ''} tickLine={false} axisLine={false} fontSize={12} />
            <YAxis width={44} tickLine={false} axisLine={false} fontSize={12} unit={unit} domain={[fromZero ? 0 : 'auto', 'auto']} allowDecimals={!integers} />
            <Tooltip labelFormatter={(_, payload) => payload?.[0]?.payload?.label ?? ''} />
            {children}
          </ComposedChart>
        </ResponsiveContainer>
      </div>
    </Card>
  );
}

/**
 * Reps per set, the chosen measure per set (its mean, with the band from the set's lowest to
 * highest rep: a narrow band is a consistent set) and the tempo, over the chosen dates.
 */
export function TrendCharts({
  points,
  measure,
  velocityUnit,
  onOpen,
}: {
  points: TrendPoint[];
  measure: string | null;
  /** The unit of the velocity trend; null: no set has velocity. */
  velocityUnit: string | null;
  onOpen: (id: string) => void;
}) {
  const described = measure ? describeAnalysisType(measure) : null;
  return (
    <div className="grid gap-6 lg:grid-cols-2">
      <TrendChart title="Reps per set" points={points} integers fromZero>
        <Line dataKey="reps" name="Reps (coach's count)" stroke={BRAND} strokeWidth={2} isAnimationActive={false} dot={setDot(BRAND, onOpen)} />
        <Line dataKey="detected" name="Detected" stroke={MUTED} strokeDasharray="4 4" isAnimationActive={false} />
      </TrendChart>
      {measure && described && (
        <TrendChart title={`${described.label} per set (mean, lowest to highest rep)`} points={points} unit={described.unit}>
          <Area dataKey="range" name="Lowest to highest rep" fill="#bfdbfe" stroke="none" isAnimationActive={false} connectNulls />
          <Line dataKey="mean" name={`Mean ${described.label.toLowerCase()}`} stroke={BRAND} strokeWidth={2} isAnimationActive={false} connectNulls dot={setDot(BRAND, onOpen)} />
        </TrendChart>
      )}
      {velocityUnit && (
        <TrendChart title={`Mean concentric velocity per set (RepLens, ${velocityUnit})`} points={points} fromZero>
          <Line dataKey="velocity" name={`Mean concentric velocity (${velocityUnit})`} stroke="#059669" strokeWidth={2} isAnimationActive={false} connectNulls dot={setDot('#059669', onOpen)} />
        </TrendChart>
      )}
      <TrendChart title="Tempo per set (mean seconds)" points={points} fromZero>
        <Line dataKey="descentS" name="Descent (s)" stroke={BRAND} strokeWidth={2} isAnimationActive={false} connectNulls dot={setDot(BRAND, onOpen)} />
        <Line dataKey="ascentS" name="Ascent (s)" stroke="#16a34a" strokeWidth={2} isAnimationActive={false} connectNulls dot={setDot('#16a34a', onOpen)} />
      </TrendChart>
    </div>
  );
}
