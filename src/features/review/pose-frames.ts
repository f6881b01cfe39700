import type { J2pResponse } from '../../contract/guru.ts';

export type PoseFrame = { t: number; joints: Record<string, { x: number; y: number; score: number }> };

/** j2p's per-joint series regrouped per frame, sorted by time (seconds). */
export function poseFrames(j2p: J2pResponse): PoseFrame[] {
  const frames = new Map<number, PoseFrame>();
  for (const [joint, points] of Object.entries(j2p.jointToPoints)) {
    for (const p of points) {
      let frame = frames.get(p.frame_idx);
      if (!frame) {
        frame = { t: p.timestamp, joints: {} };
        frames.set(p.frame_idx, frame);
      }
      frame.joints[joint] = { x: p.position.x, y: p.position.y, score: p.score };
    }
  }
  return [...frames.values()].sort((a, b) => a.t - b.t);
}

/** The frame closest to `t` seconds (binary search). */
export function frameAt(frames: readonly PoseFrame[], t: number): PoseFrame | undefined {
  if (frames.length === 0) return undefined;
  let lo = 0;
  let hi = frames.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (frames[mid].t < t) lo = mid + 1;
    else hi = mid;
  }
  const prev = frames[lo - 1];
  return prev && Math.abs(prev.t - t) < Math.abs(frames[lo].t - t) ? prev : frames[lo];
}

export const BONES: ReadonlyArray<readonly [string, string]> = [
  ['leftShoulder', 'rightShoulder'],
  ['leftHip', 'rightHip'],
  ['leftShoulder', 'leftElbow'],
  ['leftElbow', 'leftWrist'],
  ['rightShoulder', 'rightElbow'],
  ['rightElbow', 'rightWrist'],
  ['leftShoulder', 'leftHip'],
  ['rightShoulder', 'rightHip'],
  ['leftHip', 'leftKnee'],
  ['leftKnee', 'leftAnkle'],
  ['rightHip', 'rightKnee'],
  ['rightKnee', 'rightAnkle'],
  ['nose', 'leftEye'],
  ['nose', 'rightEye'],
  ['leftEye', 'leftEar'],
  ['rightEye', 'rightEar'],
];
