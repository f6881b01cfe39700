import type { SetVelocity } from '../../contract/velocity.ts';
import { pathRepIndex, svgPoints } from './bar-path.ts';

/**
 * The tracked point's path for the shown rep over the video: the whole rep faint, the concentric
 * part bold, and where the point is now. The SVG's viewBox is the frame, and `meet` letterboxes
 * it exactly as the video's picture is, so the path lies on the picture at any size.
 */
export function BarPathOverlay({ velocity, index, currentTimeMs }: { velocity: SetVelocity; index: number | undefined; currentTimeMs: number }) {
  const i = pathRepIndex(velocity, index, currentTimeMs);
  const rep = velocity.reps[i];
  if (!rep || rep.path.length < 2) return null;
  const { width, height } = velocity;
  const concentric = rep.concentric ? rep.path.filter((p) => p.t >= rep.concentric!.fromMs && p.t <= rep.concentric!.toMs) : [];
  const now = rep.path.reduce((best, p) => (Math.abs(p.t - currentTimeMs) < Math.abs(best.t - currentTimeMs) ? p : best));
  const stroke = Math.max(2, height / 180);
  return (
    <svg
      data-testid="bar-path-overlay"
      aria-hidden="true"
      viewBox={`0 0 ${width} ${height}`}
      preserveAspectRatio="xMidYMid meet"
      className="pointer-events-none absolute inset-0 h-full w-full"
    >
      <polyline points={svgPoints(rep.path, width, height)} fill="none" stroke="rgba(255,255,255,0.55)" strokeWidth={stroke} strokeLinejoin="round" />
      {concentric.length > 1 && (
        <polyline points={svgPoints(concentric, width, height)} fill="none" stroke="rgb(52,211,153)" strokeWidth={stroke * 1.6} strokeLinejoin="round" strokeLinecap="round" />
      )}
      <circle cx={now.x * width} cy={now.y * height} r={stroke * 2.2} fill="rgb(52,211,153)" stroke="white" strokeWidth={stroke / 2} />
    </svg>
  );
}
