/**
 * Per-frame joint measurements from pose keypoints: one side of the body (the side facing the
 * camera scores higher; the far side is mostly occluded and guessed), confidence-gated and
 * smoothed.
 */
import { JOINTS, type Joint } from '../../src/contract/guru.ts';
import { hipSag, interiorAngle, thighToHorizontal, torsoElevation, type Point } from '../../src/contract/geometry.ts';
import { smoothSeries } from '../../src/contract/smooth.ts';

/** One joint as the pose model placed it. */
export interface Keypoint {
  /** 0..1 of the frame. */
  x: number;
  y: number;
  score: number;
}

export interface PoseFrame {
  timeMs: number;
  /** In JOINTS order, positions 0..1 of the frame. */
  keypoints: Keypoint[];
}

export type Side = 'left' | 'right';

/** Keypoint index by joint name (MoveNet's order is the contract's JOINTS order). */
export const KP = Object.fromEntries(JOINTS.map((j, i) => [j, i])) as Record<Joint, number>;
export type Limb = 'Shoulder' | 'Elbow' | 'Wrist' | 'Hip' | 'Knee' | 'Ankle';

export const MEASURES = {
  knee: { joints: ['Hip', 'Knee', 'Ankle'], of: (p: Point[]) => interiorAngle(p[0], p[1], p[2]) },
  hip: { joints: ['Shoulder', 'Hip', 'Knee'], of: (p: Point[]) => interiorAngle(p[0], p[1], p[2]) },
  elbow: { joints: ['Shoulder', 'Elbow', 'Wrist'], of: (p: Point[]) => interiorAngle(p[0], p[1], p[2]) },
  thigh: { joints: ['Hip', 'Knee'], of: (p: Point[]) => thighToHorizontal(p[0], p[1]) },
  sag: { joints: ['Shoulder', 'Hip', 'Ankle'], of: (p: Point[]) => hipSag(p[0], p[1], p[2]) },
  torso: { joints: ['Hip', 'Shoulder'], of: (p: Point[]) => torsoElevation(p[0], p[1]) },
  /**
   * The elbow angle from the shoulder-wrist distance alone (law of cosines with the arm's
   * proportions, see `reachToElbow`): it does not need the elbow keypoint, which MoveNet often
   * misplaces or scores low when the arm crosses the torso at the bottom of a press. Per frame
   * this is the distance in pixels; `rawSeries` turns the whole series into degrees.
   */
  reach: { joints: ['Shoulder', 'Wrist'], of: (p: Point[]) => Math.hypot(p[0].x - p[1].x, p[0].y - p[1].y) },
  /** TORSO_LEAN_DEGREES: the torso from vertical, 0 upright, 90 horizontal. */
  lean: { joints: ['Hip', 'Shoulder'], of: (p: Point[]) => 90 - torsoElevation(p[0], p[1]) },
} satisfies Record<string, { joints: Limb[]; of: (p: Point[]) => number }>;

/**
 * Measures that need more than one frame:
 * - thighRise: the thigh to horizontal, asin(hip above knee / standing thigh length), from
 *   vertical extents (see `verticalRatio`), which turning the athlete does not foreshorten: the
 *   estimate used on oblique views.
 * - plantedReach: the elbow from the shoulder's distance to a planted hand (see `plantedReach`).
 */
const DERIVED = {
  thighRise: (frames: PoseFrame[], w: number, h: number) => verticalRatio(frames, 'Hip', 'Knee', w, h).map((r) => asinDeg(r)),
  plantedReach: (frames: PoseFrame[], w: number, h: number, side: Side) =>
    reachToElbow(plantedReach(frames, side, w, h), frames.map((f) => measureFrame(f, 'reach', side, w, h))),
};
/** A measure taken from one frame's keypoints (joint angles and distances). */
export type FrameMeasure = keyof typeof MEASURES;
export type Measure = FrameMeasure | keyof typeof DERIVED;

const asinDeg = (r: number) => (Math.asin(Math.max(-1, Math.min(1, r))) * 180) / Math.PI;

/** MoveNet scores below this are guesses (occluded or off-frame joints). */
export const MIN_KEYPOINT_SCORE = 0.3;
/**
 * The reach measure uses two points that move a lot and are rarely both wrong; it accepts lower
 * scores so the bottom of a press (wrists low-scored over the chest) stays measured.
 */
export const ARM_MIN_SCORE = 0.2;
const MIN_SCORE: Partial<Record<string, number>> = { reach: ARM_MIN_SCORE };

/** Upper arm and forearm as fractions of their sum (Winter's anthropometric segment lengths). */
const UPPER_ARM = 0.186 / 0.332;
const FOREARM = 0.146 / 0.332;
/** Elbow angle assumed at the arm's longest reach in a video (a locked-out press). */
const LOCKOUT_ELBOW_DEG = 172;

/**
 * Shoulder-wrist distances (px) to elbow angles: the arm length is taken from the longest reach
 * (95th percentile, assumed at a 172-degree lockout), split into upper arm and forearm by
 * anthropometric proportions, and the angle follows from the law of cosines.
 */
export function reachToElbow(distances: number[], reaches: number[] = distances): number[] {
  const known = reaches.filter((d) => !Number.isNaN(d)).sort((a, b) => a - b);
  if (!known.length) return distances.map(() => NaN);
  const longest = known[Math.floor(0.95 * (known.length - 1))];
  const half = (LOCKOUT_ELBOW_DEG * Math.PI) / 360;
  // At angle e the reach is sqrt(u² + f² - 2uf cos e); solve the arm length L = u + f from the lockout.
  const unit = Math.sqrt(UPPER_ARM ** 2 + FOREARM ** 2 - 2 * UPPER_ARM * FOREARM * Math.cos(2 * half));
  const arm = longest / unit;
  const u = UPPER_ARM * arm;
  const f = FOREARM * arm;
  return distances.map((d) => {
    if (Number.isNaN(d)) return NaN;
    const c = (u * u + f * f - d * d) / (2 * u * f);
    return (Math.acos(Math.max(-1, Math.min(1, c))) * 180) / Math.PI;
  });
}

const indexOf = (side: Side, limb: Limb) => (JOINTS as readonly string[]).indexOf(`${side}${limb}`);

/** A body length is the longest seen within this window: long enough to span a paused rep (where
 *  the length is foreshortened), short enough to follow an athlete walking closer. */
const LENGTH_WINDOW_MS = 5000;

/** A far-side joint scored this well, and nearly as well as the near one, is seen, not guessed. */
const BOTH_SIDES_MIN_SCORE = 0.5;

/** Both sides' joints averaged where both are clearly seen (front views), else the better one. */
function bothSides(f: PoseFrame, limb: Limb, width: number, height: number, minScore: number): Point | null {
  const [best, next] = (['left', 'right'] as const)
    .map((s) => f.keypoints[indexOf(s, limb)])
    .filter((k) => k.score >= minScore)
    .sort((a, b) => b.score - a.score);
  if (!best) return null;
  const seen = next && next.score >= BOTH_SIDES_MIN_SCORE && next.score >= 0.8 * best.score ? [best, next] : [best];
  return {
    x: (seen.reduce((sum, k) => sum + k.x, 0) / seen.length) * width,
    y: (seen.reduce((sum, k) => sum + k.y, 0) / seen.length) * height,
  };
}

function rollingMax(values: number[], timesMs: number[], windowMs: number): number[] {
  return values.map((_, i) => {
    let best = NaN;
    const take = (v: number) => {
      if (v > best || Number.isNaN(best)) best = v;
    };
    for (let j = i; j >= 0 && timesMs[i] - timesMs[j] <= windowMs; j--) take(values[j]);
    for (let j = i + 1; j < values.length && timesMs[j] - timesMs[i] <= windowMs; j++) take(values[j]);
    return best;
  });
}

/**
 * How far `upper` is above `lower` (image pixels, up positive) over the longest distance between
 * them seen nearby (the segment's length when it stands vertical): the sine of the segment's
 * angle to horizontal, unchanged by the athlete turning or coming closer. NaN where unseen.
 */
export function verticalRatio(
  frames: PoseFrame[], upper: Limb, lower: Limb, width: number, height: number, minScore = MIN_KEYPOINT_SCORE,
): number[] {
  const rise: number[] = [];
  const length: number[] = [];
  for (const f of frames) {
    const a = bothSides(f, upper, width, height, minScore);
    const b = bothSides(f, lower, width, height, minScore);
    rise.push(a && b ? b.y - a.y : NaN);
    length.push(a && b ? Math.hypot(a.x - b.x, a.y - b.y) : NaN);
  }
  const scale = rollingMax(length, frames.map((f) => f.timeMs), LENGTH_WINDOW_MS);
  return rise.map((r, i) => r / scale[i]);
}
const other = (side: Side): Side => (side === 'left' ? 'right' : 'left');

/** A wrist scored this well is placed on the joint (at the bottom of a push-up, with the body
 *  close over the hand, MoveNet scores it 0.2-0.5 and places it several % of stature too high). */
const PLANTED_MIN_SCORE = 0.5;
/** A planted hand is looked for this far either side of a frame: a rep's tops (~1-3 s apart). */
const PLANTED_WINDOW_MS = 1500;
/** Fewer well-seen wrists than this around a frame and the hand's place is not known. */
const PLANTED_MIN_FRAMES = 3;

/**
 * Shoulder-wrist distances (px) to a hand that stays put (a push-up's), placed where the wrist
 * was seen well nearby (median of confident positions within `PLANTED_WINDOW_MS`): a reach that
 * needs neither the elbow keypoint nor the wrist keypoint at the bottom, the two the pose model
 * misplaces there. The preferred side, else the other; NaN where neither is known.
 */
export function plantedReach(frames: PoseFrame[], side: Side, width: number, height: number): number[] {
  const hands = (s: Side) => {
    const wrist = indexOf(s, 'Wrist');
    const seen = frames.flatMap((f, i) => (f.keypoints[wrist].score >= PLANTED_MIN_SCORE ? [i] : []));
    let [lo, hi] = [0, 0];
    return frames.map((f) => {
      while (lo < seen.length && frames[seen[lo]].timeMs < f.timeMs - PLANTED_WINDOW_MS) lo++;
      while (hi < seen.length && frames[seen[hi]].timeMs <= f.timeMs + PLANTED_WINDOW_MS) hi++;
      const near = seen.slice(lo, hi);
      if (near.length < PLANTED_MIN_FRAMES) return null;
      const mid = (v: number[]) => v.sort((a, b) => a - b)[Math.floor(v.length / 2)];
      return { x: mid(near.map((i) => frames[i].keypoints[wrist].x)) * width, y: mid(near.map((i) => frames[i].keypoints[wrist].y)) * height };
    });
  };
  const planted = { left: hands('left'), right: hands('right') };
  return frames.map((f, i) => {
    for (const s of [side, other(side)]) {
      const shoulder = f.keypoints[indexOf(s, 'Shoulder')];
      const hand = planted[s][i];
      if (hand && shoulder.score >= MIN_KEYPOINT_SCORE) return Math.hypot(shoulder.x * width - hand.x, shoulder.y * height - hand.y);
    }
    return NaN;
  });
}

/** The side whose `limbs` the model saw better over the whole video. */
export function chooseSide(frames: PoseFrame[], limbs: readonly Limb[]): Side {
  const total = (side: Side) =>
    frames.reduce((sum, f) => sum + limbs.reduce((s, l) => s + f.keypoints[indexOf(side, l)].score, 0), 0);
  return total('left') >= total('right') ? 'left' : 'right';
}

/** The measure in one frame from the preferred side, else the other side, else NaN. */
function measureFrame(f: PoseFrame, measure: FrameMeasure, side: Side, width: number, height: number): number {
  const { joints, of } = MEASURES[measure];
  const gate = MIN_SCORE[measure] ?? MIN_KEYPOINT_SCORE;
  for (const s of [side, other(side)]) {
    const kps = joints.map((l) => f.keypoints[indexOf(s, l)]);
    if (kps.every((k) => k.score >= gate)) {
      return of(kps.map((k) => ({ x: k.x * width, y: k.y * height })));
    }
  }
  return NaN;
}

/** Raw per-frame values (NaN where unseen). */
export function rawSeries(frames: PoseFrame[], measure: Measure, side: Side, width: number, height: number): number[] {
  if (measure === 'thighRise' || measure === 'plantedReach') return DERIVED[measure](frames, width, height, side);
  const values = frames.map((f) => measureFrame(f, measure, side, width, height));
  return measure === 'reach' ? reachToElbow(values) : values;
}

/** Interior joint angles end at a straight 180; smoothing a held lockout overshoots it slightly. */
const INTERIOR: ReadonlySet<Measure> = new Set(['knee', 'hip', 'elbow', 'reach', 'plantedReach']);

export function smoothedSeries(
  frames: PoseFrame[], measure: Measure, side: Side, width: number, height: number, fps: number,
): number[] {
  const smoothed = smoothSeries(rawSeries(frames, measure, side, width, height), fps);
  return INTERIOR.has(measure) ? smoothed.map((v) => Math.min(180, v)) : smoothed;
}

/** Fraction of frames in which the measure could be taken. */
export function coverage(raw: number[]): number {
  return raw.length ? raw.filter((v) => !Number.isNaN(v)).length / raw.length : 0;
}
