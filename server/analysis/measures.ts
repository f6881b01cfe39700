/**
 * Per-frame joint measurements from pose keypoints: one side of the body (the side facing the
 * camera scores higher; the far side is mostly occluded and guessed), confidence-gated and
 * smoothed.
 */
import { JOINTS } from '../../src/contract/guru.ts';
import { hipSag, interiorAngle, thighToHorizontal, torsoElevation, type Point } from './angles.ts';
import type { Keypoint } from './pose.ts';
import { smoothSeries } from './smooth.ts';

export interface PoseFrame {
  timeMs: number;
  /** In JOINTS order, positions 0..1 of the frame. */
  keypoints: Keypoint[];
}

export type Side = 'left' | 'right';
type Limb = 'Shoulder' | 'Elbow' | 'Wrist' | 'Hip' | 'Knee' | 'Ankle';

export const MEASURES = {
  knee: { joints: ['Hip', 'Knee', 'Ankle'], of: (p: Point[]) => interiorAngle(p[0], p[1], p[2]) },
  hip: { joints: ['Shoulder', 'Hip', 'Knee'], of: (p: Point[]) => interiorAngle(p[0], p[1], p[2]) },
  elbow: { joints: ['Shoulder', 'Elbow', 'Wrist'], of: (p: Point[]) => interiorAngle(p[0], p[1], p[2]) },
  thigh: { joints: ['Hip', 'Knee'], of: (p: Point[]) => thighToHorizontal(p[0], p[1]) },
  sag: { joints: ['Shoulder', 'Hip', 'Ankle'], of: (p: Point[]) => hipSag(p[0], p[1], p[2]) },
  torso: { joints: ['Hip', 'Shoulder'], of: (p: Point[]) => torsoElevation(p[0], p[1]) },
} satisfies Record<string, { joints: Limb[]; of: (p: Point[]) => number }>;
export type Measure = keyof typeof MEASURES;

/** MoveNet scores below this are guesses (occluded or off-frame joints). */
export const MIN_KEYPOINT_SCORE = 0.3;

const indexOf = (side: Side, limb: Limb) => (JOINTS as readonly string[]).indexOf(`${side}${limb}`);
const other = (side: Side): Side => (side === 'left' ? 'right' : 'left');

/** The side whose `limbs` the model saw better over the whole video. */
export function chooseSide(frames: PoseFrame[], limbs: readonly Limb[]): Side {
  const total = (side: Side) =>
    frames.reduce((sum, f) => sum + limbs.reduce((s, l) => s + f.keypoints[indexOf(side, l)].score, 0), 0);
  return total('left') >= total('right') ? 'left' : 'right';
}

/** The measure in one frame from the preferred side, else the other side, else NaN. */
function measureFrame(f: PoseFrame, measure: Measure, side: Side, width: number, height: number): number {
  const { joints, of } = MEASURES[measure];
  for (const s of [side, other(side)]) {
    const kps = joints.map((l) => f.keypoints[indexOf(s, l)]);
    if (kps.every((k) => k.score >= MIN_KEYPOINT_SCORE)) {
      return of(kps.map((k) => ({ x: k.x * width, y: k.y * height })));
    }
  }
  return NaN;
}

/** Raw per-frame values (NaN where unseen). */
export function rawSeries(frames: PoseFrame[], measure: Measure, side: Side, width: number, height: number): number[] {
  return frames.map((f) => measureFrame(f, measure, side, width, height));
}

export function smoothedSeries(
  frames: PoseFrame[], measure: Measure, side: Side, width: number, height: number, fps: number,
): number[] {
  return smoothSeries(rawSeries(frames, measure, side, width, height), fps);
}

/** Fraction of frames in which the measure could be taken. */
export function coverage(raw: number[]): number {
  return raw.length ? raw.filter((v) => !Number.isNaN(v)).length / raw.length : 0;
}
