/**
 * The camera view, from the pose itself: seen from the side, the two shoulders (and the two hips)
 * nearly overlap; seen from the front or back they are about 0.7 torso lengths apart; between
 * the two, the gap grows with the sine of the turn. The face tells front from back.
 */
import type { CameraView } from '../../src/contract/guru.ts';
import { median } from '../../src/contract/smooth.ts';
import { KP, MIN_KEYPOINT_SCORE, type PoseFrame } from './measures.ts';

/**
 * Shoulder and hip width over torso length. MoveNet's joint centres read 0.04-0.11 on side views
 * (real and generated), ~0.33 on a real studio squat filmed 45-60 degrees off the side and ~0.5
 * on a real front-to-front-oblique one: a turn of ~15 degrees from the side reaches 0.2, one of
 * ~45 reaches 0.45.
 */
const SIDE_MAX_RATIO = 0.2;
const OBLIQUE_MAX_RATIO = 0.45;
/** The nose and both eyes seen in at least this share of frames: the athlete faces the camera. */
const FACE_SEEN_SHARE = 0.5;

export interface ViewEstimate {
  view: CameraView;
  /** Median (shoulder width + hip width) / 2 over torso length; NaN when the torso was never seen. */
  widthRatio: number;
}


/** Only frames whose torso looks this long, against the longest seen, are read: a torso leaning
 *  toward the camera (a squat's bottom seen from the front) looks short and the width too large. */
const UPRIGHT_TORSO_SHARE = 0.85;

export function detectView(frames: PoseFrame[], width: number, height: number): ViewEstimate {
  const seen: { ratio: number; length: number; face: boolean }[] = [];
  const px = (p: { x: number; y: number }) => ({ x: p.x * width, y: p.y * height });
  const dist = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);
  const mid = (a: { x: number; y: number }, b: { x: number; y: number }) => ({ x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 });
  for (const { keypoints: k } of frames) {
    const torso = [KP.leftShoulder, KP.rightShoulder, KP.leftHip, KP.rightHip].map((i) => k[i]);
    if (torso.some((p) => p.score < MIN_KEYPOINT_SCORE)) continue;
    const [ls, rs, lh, rh] = torso.map(px);
    const length = dist(mid(ls, rs), mid(lh, rh));
    if (length < 1) continue;
    const face = [KP.nose, KP.leftEye, KP.rightEye].every((i) => k[i].score >= MIN_KEYPOINT_SCORE);
    seen.push({ ratio: (dist(ls, rs) + dist(lh, rh)) / 2 / length, length, face });
  }
  const longest = seen.reduce((m, s) => Math.max(m, s.length), 0);
  const upright = seen.filter((s) => s.length >= UPRIGHT_TORSO_SHARE * longest);
  const widthRatio = median(upright.map((s) => s.ratio));
  if (!(widthRatio >= SIDE_MAX_RATIO)) return { view: 'side', widthRatio };
  if (widthRatio < OBLIQUE_MAX_RATIO) return { view: 'oblique', widthRatio };
  const faces = upright.filter((s) => s.face).length;
  return { view: faces >= FACE_SEEN_SHARE * upright.length ? 'front' : 'back', widthRatio };
}
