/**
 * Keypoint frames to Guru's j2p shape and back: the engine serves its frames as j2p, and the proxy
 * reads j2p (from the local or the cloud Guru) back into frames to measure a coach's edits.
 */
import { JOINTS, type JointPoint } from '../../src/contract/guru.ts';
import type { PoseFrame } from './measures.ts';

/** One point per joint per frame; positions 0..1 to 4 decimals, timestamps in s. */
export function toJointPoints(frames: PoseFrame[], sourceFps: number): Record<string, JointPoint[]> {
  const out: Record<string, JointPoint[]> = Object.fromEntries(JOINTS.map((j) => [j, []]));
  const r = (x: number, d: number) => Math.round(x * d) / d;
  for (const f of frames) {
    const frameIdx = Math.round((f.timeMs * sourceFps) / 1000);
    JOINTS.forEach((part, k) => {
      const kp = f.keypoints[k];
      out[part].push({
        frame_idx: frameIdx,
        part,
        position: { x: r(kp.x, 1e4), y: r(kp.y, 1e4) },
        score: r(kp.score, 1e3),
        timestamp: r(f.timeMs / 1000, 1e3),
      });
    });
  }
  return out;
}

/** j2p's per-joint series regrouped into frames in JOINTS order (a joint not given scores 0). */
export function framesFromJointPoints(jointToPoints: Record<string, JointPoint[]>): PoseFrame[] {
  const byFrame = new Map<number, PoseFrame>();
  JOINTS.forEach((joint, k) => {
    for (const p of jointToPoints[joint] ?? []) {
      let frame = byFrame.get(p.frame_idx);
      if (!frame) {
        frame = { timeMs: p.timestamp * 1000, keypoints: JOINTS.map(() => ({ x: 0, y: 0, score: 0 })) };
        byFrame.set(p.frame_idx, frame);
      }
      frame.keypoints[k] = { x: p.position.x, y: p.position.y, score: p.score };
    }
  });
  return [...byFrame.values()].sort((a, b) => a.timeMs - b.timeMs);
}
