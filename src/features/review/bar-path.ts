import type { PathPoint, SetVelocity } from '../../contract/velocity.ts';

/** The rep whose bar path shows: the one picked or playing, else the one under the playhead. */
export function pathRepIndex(velocity: SetVelocity, index: number | undefined, currentTimeMs?: number): number {
  if (index !== undefined && velocity.reps[index]) return index;
  if (currentTimeMs === undefined) return velocity.reps.length ? 0 : -1;
  return velocity.reps.findIndex((r) => r.path.length > 0 && currentTimeMs >= r.path[0].t && currentTimeMs <= r.path[r.path.length - 1].t);
}

/** SVG points of a path in frame pixels ("x,y x,y …"). */
export function svgPoints(path: readonly PathPoint[], width: number, height: number): string {
  return path.map((p) => `${(p.x * width).toFixed(1)},${(p.y * height).toFixed(1)}`).join(' ');
}

/** "hands" → what the coach reads beside the path. */
export const TRACKED_LABEL = { hands: 'Hands (bar)', shoulders: 'Shoulders' } as const;
