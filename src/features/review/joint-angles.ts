import type { J2pResponse, JointPoint } from '../../contract/guru.ts';

export type AngleSample = { t: number; angle: number };

const SIDES = ['left', 'right'] as const;

function meanScore(points: readonly JointPoint[] | undefined): number {
  if (!points?.length) return 0;
  return points.reduce((sum, p) => sum + p.score, 0) / points.length;
}

/** Angle at b (degrees) between b→a and b→c, in pixel space so the frame's aspect is respected. */
export function angleAt(
  a: { x: number; y: number },
  b: { x: number; y: number },
  c: { x: number; y: number },
  width = 1,
  height = 1,
): number {
  const v1x = (a.x - b.x) * width;
  const v1y = (a.y - b.y) * height;
  const v2x = (c.x - b.x) * width;
  const v2y = (c.y - b.y) * height;
  const cos = (v1x * v2x + v1y * v2y) / (Math.hypot(v1x, v1y) * Math.hypot(v2x, v2y) || 1);
  return (Math.acos(Math.max(-1, Math.min(1, cos))) * 180) / Math.PI;
}

/**
 * The knee angle (hip–knee–ankle) per frame, on the side the model saw best.
 * j2p timestamps are seconds; the series keeps seconds.
 */
export function kneeAngleSeries(j2p: J2pResponse, minScore = 0.2): { side: 'left' | 'right'; samples: AngleSample[] } {
  const joints = j2p.jointToPoints;
  const side =
    SIDES.map((s) => ({
      s,
      score: meanScore(joints[`${s}Hip`]) + meanScore(joints[`${s}Knee`]) + meanScore(joints[`${s}Ankle`]),
    })).sort((x, y) => y.score - x.score)[0]?.s ?? 'left';
  const byFrame = (name: string) => new Map((joints[name] ?? []).map((p) => [p.frame_idx, p]));
  const hips = byFrame(`${side}Hip`);
  const ankles = byFrame(`${side}Ankle`);
  const width = j2p.resolutionWidth ?? 1;
  const height = j2p.resolutionHeight ?? 1;
  const samples: AngleSample[] = [];
  for (const knee of joints[`${side}Knee`] ?? []) {
    const hip = hips.get(knee.frame_idx);
    const ankle = ankles.get(knee.frame_idx);
    if (!hip || !ankle || Math.min(hip.score, knee.score, ankle.score) < minScore) continue;
    samples.push({ t: knee.timestamp, angle: angleAt(hip.position, knee.position, ankle.position, width, height) });
  }
  samples.sort((a, b) => a.t - b.t);
  return { side, samples };
}
