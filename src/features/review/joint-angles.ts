import { DRIVING_JOINT_CHAIN, interiorAngle, type DrivingJoint } from '../../contract/geometry.ts';
import type { J2pResponse, JointPoint } from '../../contract/guru.ts';

/** `angle` is null where the joint was not confidently seen, so the line breaks there. */
export type AngleSample = { t: number; angle: number | null };

const SIDES = ['left', 'right'] as const;

function meanScore(points: readonly JointPoint[] | undefined): number {
  if (!points?.length) return 0;
  return points.reduce((sum, p) => sum + p.score, 0) / points.length;
}

/**
 * A driving joint's angle (knee: hip–knee–ankle, hip: shoulder–hip–knee, elbow:
 * shoulder–elbow–wrist) per analysed frame, on the side the model saw best, with the engine's own
 * geometry in pixel space. Every frame is kept (null where unseen) so the time axis is the video's.
 * j2p timestamps are seconds; the series keeps seconds.
 */
export function jointAngleSeries(
  j2p: J2pResponse, joint: DrivingJoint, minScore = 0.2,
): { side: 'left' | 'right'; samples: AngleSample[] } {
  const joints = j2p.jointToPoints;
  const [a, b, c] = DRIVING_JOINT_CHAIN[joint];
  const side =
    SIDES.map((s) => ({ s, score: meanScore(joints[`${s}${a}`]) + meanScore(joints[`${s}${b}`]) + meanScore(joints[`${s}${c}`]) }))
      .sort((x, y) => y.score - x.score)[0]?.s ?? 'left';
  const byFrame = (name: string) => new Map((joints[name] ?? []).map((p) => [p.frame_idx, p]));
  const firsts = byFrame(`${side}${a}`);
  const thirds = byFrame(`${side}${c}`);
  const width = j2p.resolutionWidth ?? 1;
  const height = j2p.resolutionHeight ?? 1;
  const px = (p: JointPoint) => ({ x: p.position.x * width, y: p.position.y * height });
  const samples: AngleSample[] = [];
  for (const mid of joints[`${side}${b}`] ?? []) {
    const first = firsts.get(mid.frame_idx);
    const third = thirds.get(mid.frame_idx);
    const seen = first && third && Math.min(first.score, mid.score, third.score) >= minScore;
    samples.push({ t: mid.timestamp, angle: seen ? interiorAngle(px(first), px(mid), px(third)) : null });
  }
  samples.sort((x, y) => x.t - y.t);
  return { side, samples };
}
