import type { SetVelocity } from '../../contract/velocity.ts';
import { Card, CardHeader } from '../../components/card.tsx';
import { formatNumber } from '../../lib/format.ts';
import { pathRepIndex, svgPoints, TRACKED_LABEL } from './bar-path.ts';

const PLOT = { width: 160, height: 200 };

/**
 * The shown rep's path as a small plot, to scale (the frame's pixels, equal in x and y), with a
 * 10 cm (or 0.1 body height) bar: how straight the bar travelled, and its velocity.
 */
export function BarPathCard({ velocity, index }: { velocity: SetVelocity; index: number | undefined }) {
  const i = pathRepIndex(velocity, index);
  const rep = velocity.reps[i];
  const { width, height, unit } = velocity;
  const xs = rep?.path.map((p) => p.x * width) ?? [];
  const ys = rep?.path.map((p) => p.y * height) ?? [];
  // 0.1 m, or 0.1 body heights, in frame pixels.
  const bar = 0.1 / velocity.scale;
  const span = Math.max(Math.max(...xs) - Math.min(...xs), Math.max(...ys) - Math.min(...ys), bar * 1.5);
  const pad = span * 0.15;
  const box = { x: (Math.min(...xs) + Math.max(...xs)) / 2 - span / 2 - pad, y: (Math.min(...ys) + Math.max(...ys)) / 2 - span / 2 - pad, size: span + 2 * pad };
  const summary = rep && rep.mean !== null
    ? `mean ${formatNumber(rep.mean, 2)} ${unit}, peak ${formatNumber(rep.peak ?? 0, 2)} ${unit}`
    : 'velocity not measured';
  return (
    <Card className="break-inside-avoid print:hidden">
      <CardHeader title="Bar path" action={<span className="text-xs text-slate-500">{TRACKED_LABEL[velocity.point]} · RepLens</span>} />
      {rep && rep.path.length > 1 ? (
        <div className="flex items-center gap-4 p-3 sm:p-4">
          <svg
            role="img"
            aria-label={`Path of rep ${i + 1}: ${summary}`}
            viewBox={`${box.x} ${box.y} ${box.size} ${box.size}`}
            width={PLOT.width}
            height={PLOT.height}
            className="shrink-0 rounded-md bg-slate-50 ring-1 ring-slate-200"
          >
            <polyline points={svgPoints(rep.path, width, height)} fill="none" stroke="rgb(100,116,139)" strokeWidth={box.size / 120} strokeLinejoin="round" />
            {rep.concentric && (
              <polyline
                points={svgPoints(rep.path.filter((p) => p.t >= rep.concentric!.fromMs && p.t <= rep.concentric!.toMs), width, height)}
                fill="none"
                stroke="rgb(5,150,105)"
                strokeWidth={box.size / 60}
                strokeLinecap="round"
              />
            )}
            <line
              x1={box.x + pad / 2}
              x2={box.x + pad / 2 + bar}
              y1={box.y + box.size - pad / 3}
              y2={box.y + box.size - pad / 3}
              stroke="rgb(15,23,42)"
              strokeWidth={box.size / 100}
            />
          </svg>
          <div className="space-y-2">
            <dl className="space-y-1 text-sm">
              <div>
                <dt className="inline text-slate-500">Rep </dt>
                <dd className="inline font-medium text-slate-900">{i + 1}</dd>
              </div>
              <div>
                <dt className="text-slate-500">Mean concentric velocity</dt>
                <dd className="font-medium tabular-nums text-slate-900">{rep.mean === null ? 'not measured' : `${formatNumber(rep.mean, 2)} ${unit}`}</dd>
              </div>
              <div>
                <dt className="text-slate-500">Peak</dt>
                <dd className="tabular-nums text-slate-900">{rep.peak === null ? '—' : `${formatNumber(rep.peak, 2)} ${unit}`}</dd>
              </div>
            </dl>
            <p className="text-xs text-slate-500">Bold: the rise timed. Bar: {unit === 'm/s' ? '10 cm' : '0.1 body height'}.</p>
          </div>
        </div>
      ) : (
        <p className="p-4 text-sm text-slate-600">No path for this rep: the tracked joints were not seen.</p>
      )}
    </Card>
  );
}
