/**
 * Velocity and bar path per rep, from the joint data (j2p): the one computation the review page,
 * the server's CSV export and the athlete trends share. Pure and model-free.
 *
 * - Tracked point: the hands (wrists) where they hold the bar (deadlift, bench press), the
 *   shoulders where the bar sits on them (squats) or the body moves over fixed hands (push-up).
 *   One side, the better seen over the set: from the side the far wrist hides behind the body.
 * - Concentric phase: from the tracked point's lowest in the rep (its bottom; a deadlift's lowest
 *   before its lockout, the rep's mid: the floor) to its highest after that, within the rep. The
 *   velocity is timed between 10% and 90% of that rise, so pauses at either end do not dilute it,
 *   and a bottom or rep edge placed a few frames off changes nothing.
 * - Mean concentric velocity: 80% of the rise over the time between those crossings (vertical,
 *   the bar's useful work); peak: the fastest upward speed between them.
 * - Calibration: metres per pixel from the athlete's height over their stature in the frame:
 *   standing (squats, deadlifts), the ankle-to-eye-level height over 0.897; lying or in a plank,
 *   the median of what shank, thigh, torso, upper arm and forearm each say over their fraction of
 *   stature. Both from Winter's anthropometric fractions. Without a height, body heights per
 *   second ("BH/s").
 * - Velocity loss: each rep against the fastest rep before it (or itself), in %; the set's loss is
 *   its last rep's; the first rep under the threshold is the first whose loss reaches it.
 */
import type { JointPoint, Rep, RepAnalysis } from './guru.ts';
import { median, median5, smoothSeries } from './smooth.ts';

export const DEFAULT_VELOCITY_LOSS_PCT = 20;

/** Segments over stature (Winter's anthropometric fractions): shank, thigh, torso to the shoulder, upper arm, forearm. */
const SEGMENTS: readonly (readonly [string, string, number])[] = [
  ['Ankle', 'Knee', 0.246], ['Knee', 'Hip', 0.245], ['Hip', 'Shoulder', 0.288], ['Shoulder', 'Elbow', 0.186], ['Elbow', 'Wrist', 0.146],
];
/** Stature needs segments making up this much of it (two of the leg and torso's three), each seen in this many frames at least. */
const MIN_CHAIN_OF_STATURE = 0.49;
const MIN_SEGMENT_FRAMES = 10;
/** Keypoints below this score are not used (a wrist read at the chest scored 0.2-0.3 on bench presses). */
const MIN_SCORE = 0.3;
/** A rep's rise is looked for up to this long after its end (the engine ends a rep as the
 *  movement settles, a little before the top), never into the next rep. */
export const TOP_SEARCH_MS = 1000;
/** A rise under this fraction of stature is no concentric phase (the point did not move up). */
const MIN_RISE_OF_STATURE = 0.03;
/** The part of the rise that is timed: from 10% to 90% (the ends of a rise, sampled at 15 Hz and smoothed, are where timing blurs). */
const RISE_FROM = 0.1;
const RISE_TO = 0.9;

export type VelocityUnit = 'm/s' | 'BH/s';
export type TrackedPoint = 'hands' | 'shoulders';

/** Activities done standing: stature from the standing height; else (lying, in a plank) from the segments. */
const UPRIGHT = new Set(['squat', 'bodyweight_squat', 'deadlift']);

const TRACKED: Record<string, TrackedPoint> = {
  squat: 'shoulders',
  bodyweight_squat: 'shoulders',
  push_up: 'shoulders',
  deadlift: 'hands',
  bench_press: 'hands',
};

/** What is tracked for an activity; null where the engine does not know where the load is. */
export function trackedPointOf(activity: string | null | undefined): TrackedPoint | null {
  return (activity && TRACKED[activity]) || null;
}

const UNIT_SUFFIX: Record<VelocityUnit, string> = { 'm/s': '_M_PER_S', 'BH/s': '_BH_PER_S' };
export const meanVelocityType = (unit: VelocityUnit) => `MEAN_CONCENTRIC_VELOCITY${UNIT_SUFFIX[unit]}`;
export const peakVelocityType = (unit: VelocityUnit) => `PEAK_CONCENTRIC_VELOCITY${UNIT_SUFFIX[unit]}`;
export const VELOCITY_LOSS_TYPE = 'VELOCITY_LOSS_PERCENTAGE';
/** Every analysis type this module adds (so a set measured again replaces them). */
export const VELOCITY_TYPES: readonly string[] = [
  meanVelocityType('m/s'), peakVelocityType('m/s'), meanVelocityType('BH/s'), peakVelocityType('BH/s'), VELOCITY_LOSS_TYPE,
];
export const isMeanVelocityType = (type: string) => type.startsWith('MEAN_CONCENTRIC_VELOCITY_');

export interface PathPoint {
  /** Milliseconds. */
  t: number;
  /** Normalised to the frame, like j2p. */
  x: number;
  y: number;
}

export interface RepVelocity {
  /** The tracked point over the whole rep, smoothed (for drawing). */
  path: PathPoint[];
  /** The timed part of the concentric phase, ms; null when the point did not rise. */
  concentric: { fromMs: number; toMs: number } | null;
  mean: number | null;
  peak: number | null;
  /** Against the fastest rep up to this one, %. */
  lossPct: number | null;
}

export interface SetVelocity {
  unit: VelocityUnit;
  /**
   * Lying or in a plank (bench press, push-up) from the pose model's keypoints: read 28-35% off on
   * generated video, against 3-6% when the tracked joint was followed by its image and for
   * standing lifts (README, "How velocity is measured"). Good for loss within a set, not as
   * absolute speeds: the review says so.
   */
  approximate: boolean;
  point: TrackedPoint;
  /** Metres (or body heights) per pixel used. */
  scale: number;
  /** The frame in pixels (paths are normalised to it). */
  width: number;
  height: number;
  reps: RepVelocity[];
  thresholdPct: number;
  /** The last measured rep's loss against the fastest before it, and which reps those are (0-based). */
  loss: { pct: number; fastest: number; last: number } | null;
  /** The first rep (0-based) whose loss reaches the threshold; null if none. */
  firstBelow: number | null;
}

export interface VelocityInput {
  jointToPoints: Record<string, JointPoint[]>;
  /** The joint followed by its image through the set (j2p's RepLens extension); else keypoints. */
  followedJoint?: string | null;
  /** The video's pixel size: normalised x and y are scaled by different amounts. */
  width: number;
  height: number;
  activity: string | null | undefined;
  reps: readonly Pick<Rep, 'startTimestampMs' | 'midTimestampMs' | 'endTimestampMs'>[];
  /** The athlete's height; without it, body heights per second. */
  heightCm?: number | null;
  thresholdPct?: number | null;
}

interface Sample {
  t: number;
  x: number;
  y: number;
}

/** One side's joint per frame in pixels (NaN where not seen), keyed by frame. */
function series(j2p: Record<string, JointPoint[]>, joint: string, width: number, height: number, minScore: number) {
  const out = new Map<number, Sample>();
  for (const p of j2p[joint] ?? []) {
    out.set(p.frame_idx, p.score >= minScore ? { t: p.timestamp * 1000, x: p.position.x * width, y: p.position.y * height } : { t: p.timestamp * 1000, x: NaN, y: NaN });
  }
  return out;
}

const meanScore = (points: readonly JointPoint[] | undefined) =>
  points && points.length ? points.reduce((s, p) => s + p.score, 0) / points.length : 0;

/** The joint that stands for the tracked point: the better-seen side's wrist or shoulder. */
export function trackedJoint(j2p: Record<string, JointPoint[]>, point: TrackedPoint): string {
  const part = point === 'hands' ? 'Wrist' : 'Shoulder';
  return meanScore(j2p[`left${part}`]) >= meanScore(j2p[`right${part}`]) ? `left${part}` : `right${part}`;
}

/** Eye level over stature (Winter: eyes 0.936 of stature above the floor, ankles 0.039). */
export const EYES_OVER_ANKLES = 0.897;
/** The standing frames: the top decile of the ankle-to-eye height (a squat's bottom reads less). */
const STANDING_QUANTILE = 0.9;

/**
 * The athlete's stature in pixels while standing: the height from the ankles to eye level (the
 * mean of nose and eyes), vertical only (turning does not shorten it), at its 90th percentile
 * over the set (the standing frames), over EYES_OVER_ANKLES. Null without enough such frames.
 */
export function standingStatureInPixels(j2p: Record<string, JointPoint[]>, width: number, height: number): number | null {
  const heads = ['nose', 'leftEye', 'rightEye'].map((joint) => series(j2p, joint, width, height, MIN_SCORE));
  const ankles = ['leftAnkle', 'rightAnkle'].map((joint) => series(j2p, joint, width, height, MIN_SCORE));
  const level = (points: (Sample | undefined)[]) => {
    const seen = points.filter((p): p is Sample => !!p && Number.isFinite(p.y));
    return seen.length ? seen.reduce((sum, p) => sum + p.y, 0) / seen.length : NaN;
  };
  const heights: number[] = [];
  for (const frame of heads[0].keys()) {
    const h = level(ankles.map((a) => a.get(frame))) - level(heads.map((e) => e.get(frame)));
    if (Number.isFinite(h) && h > 0) heights.push(h);
  }
  if (heights.length < MIN_SEGMENT_FRAMES) return null;
  heights.sort((a, b) => a - b);
  return heights[Math.floor(STANDING_QUANTILE * (heights.length - 1))] / EYES_OVER_ANKLES;
}

/**
 * The athlete's stature in pixels from the segments, for a body that does not stand (bench press,
 * push-up): each segment's median length over the set, on each side where it is seen, over its
 * fraction of stature, and the median of all those. Any one segment can read 15-25% off (a bench
 * presser's thigh, the hip placed on the bench), and the far side's more often; which side the
 * model sees better changes from set to set, so both count and the median keeps the strays out.
 * A segment seen in too few frames (a lifter's feet on a bench) is left out.
 */
export function statureInPixels(j2p: Record<string, JointPoint[]>, width: number, height: number): number | null {
  const estimates: number[] = [];
  let fraction = 0;
  for (const [from, to, ofStature] of SEGMENTS) {
    let seenOnASide = false;
    for (const side of ['left', 'right']) {
      const a = series(j2p, `${side}${from}`, width, height, MIN_SCORE);
      const b = series(j2p, `${side}${to}`, width, height, MIN_SCORE);
      const lengths: number[] = [];
      for (const [frame, p] of a) {
        const q = b.get(frame);
        if (q) lengths.push(Math.hypot(p.x - q.x, p.y - q.y));
      }
      const seen = lengths.filter(Number.isFinite);
      if (seen.length < MIN_SEGMENT_FRAMES) continue;
      estimates.push(median(seen) / ofStature);
      seenOnASide = true;
    }
    if (seenOnASide) fraction += ofStature;
  }
  if (fraction < MIN_CHAIN_OF_STATURE) return null;
  estimates.sort((x, y) => x - y);
  const mid = estimates.length / 2;
  const stature = estimates.length % 2 ? estimates[Math.floor(mid)] : (estimates[mid - 1] + estimates[mid]) / 2;
  return stature > 0 ? stature : null;
}

/** The athlete's stature in pixels as the activity allows: standing, else from the segments. */
export function statureOf(j2p: Record<string, JointPoint[]>, width: number, height: number, activity: string | null | undefined): number | null {
  return (UPRIGHT.has(activity ?? '') ? standingStatureInPixels(j2p, width, height) : null) ?? statureInPixels(j2p, width, height);
}

/** The tracked point over the set, smoothed, in pixels (NaN where lost for longer than half a second). */
function trackedSeries(j2p: Record<string, JointPoint[]>, point: TrackedPoint, width: number, height: number): Sample[] {
  const joint = trackedJoint(j2p, point);
  const raw = [...series(j2p, joint, width, height, MIN_SCORE).values()].sort((a, b) => a.t - b.t);
  const gaps = raw.slice(1).map((s, i) => s.t - raw[i].t).filter((g) => g > 0).sort((a, b) => a - b);
  const fps = gaps.length ? 1000 / gaps[Math.floor(gaps.length / 2)] : 15;
  const xs = smoothSeries(median5(raw.map((s) => s.x)), fps);
  const ys = smoothSeries(median5(raw.map((s) => s.y)), fps);
  return raw.map((s, i) => ({ t: s.t, x: xs[i], y: ys[i] }));
}

/** Time at which the straight line between samples a and b reaches height h (y down). */
const crossing = (a: Sample, b: Sample, y: number) => (b.y === a.y ? b.t : a.t + ((a.y - y) / (a.y - b.y)) * (b.t - a.t));

/**
 * Mean and peak upward velocity (pixels/s) of a track: from its lowest sample between `fromMs` and
 * `lowestBy` to its highest after that up to `toMs`, timed between RISE_FROM and RISE_TO of the
 * rise. Null when it rises less than `minRise` pixels. Exported for the benchmark, which feeds it
 * the exact motion.
 */
export function concentricVelocity(track: readonly Sample[], fromMs: number, lowestBy: number, toMs: number, minRise: number) {
  const w = track.filter((s) => s.t >= fromMs && s.t <= toMs && Number.isFinite(s.y));
  if (w.length < 3) return null;
  let low = 0;
  for (let i = 1; i < w.length && w[i].t <= lowestBy; i++) if (w[i].y > w[low].y) low = i;
  let high = low;
  for (let i = low + 1; i < w.length; i++) if (w[i].y < w[high].y) high = i;
  const rise = w[low].y - w[high].y;
  if (!(rise >= minRise)) return null;
  const yFrom = w[low].y - RISE_FROM * rise;
  const yTo = w[low].y - RISE_TO * rise;
  let start = NaN;
  let end = NaN;
  let peak = 0;
  for (let i = low + 1; i <= high; i++) {
    const a = w[i - 1];
    const b = w[i];
    if (Number.isNaN(start) && b.y <= yFrom) start = crossing(a, b, yFrom);
    if (Number.isNaN(end) && b.y <= yTo) end = crossing(a, b, yTo);
    if (b.t > a.t) peak = Math.max(peak, ((a.y - b.y) / (b.t - a.t)) * 1000);
  }
  if (!(end > start)) return null;
  return { fromMs: start, toMs: end, mean: ((yFrom - yTo) / (end - start)) * 1000, peak };
}

const round = (x: number | null, digits: number) => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);

/** Velocity per rep and over the set; null when nothing can be measured (activity, joints). */
export function setVelocity(input: VelocityInput): SetVelocity | null {
  const point = trackedPointOf(input.activity);
  const { width, height, jointToPoints } = input;
  if (!point || !(width > 0) || !(height > 0)) return null;
  const upright = UPRIGHT.has(input.activity ?? '');
  const stature = statureOf(jointToPoints, width, height, input.activity);
  if (!stature) return null;
  const unit: VelocityUnit = input.heightCm ? 'm/s' : 'BH/s';
  const scale = input.heightCm ? input.heightCm / 100 / stature : 1 / stature;
  const track = trackedSeries(jointToPoints, point, width, height);
  const thresholdPct = input.thresholdPct ?? DEFAULT_VELOCITY_LOSS_PCT;
  const deadlift = input.activity === 'deadlift';
  const means: number[] = [];
  let fastest = -1;
  let firstBelow: number | null = null;
  let loss: SetVelocity['loss'] = null;
  const reps = input.reps.map((rep, i): RepVelocity => {
    const lowestBy = deadlift ? (rep.midTimestampMs ?? rep.endTimestampMs) : rep.endTimestampMs;
    const topBy = Math.min(rep.endTimestampMs + TOP_SEARCH_MS, input.reps[i + 1]?.startTimestampMs ?? Infinity);
    const v = concentricVelocity(track, rep.startTimestampMs, lowestBy, topBy, MIN_RISE_OF_STATURE * stature);
    const pathEnd = Math.max(rep.endTimestampMs, v?.toMs ?? 0);
    const path = track
      .filter((s) => s.t >= rep.startTimestampMs && s.t <= pathEnd && Number.isFinite(s.x) && Number.isFinite(s.y))
      .map((s) => ({ t: s.t, x: s.x / width, y: s.y / height }));
    if (!v) return { path, concentric: null, mean: null, peak: null, lossPct: null };
    const mean = v.mean * scale;
    means[i] = mean;
    if (fastest < 0 || mean > means[fastest]) fastest = i;
    const lossPct = (1 - mean / means[fastest]) * 100;
    loss = { pct: round(lossPct, 1)!, fastest, last: i };
    if (firstBelow === null && lossPct >= thresholdPct) firstBelow = i;
    return { path, concentric: { fromMs: v.fromMs, toMs: v.toMs }, mean: round(mean, 3), peak: round(v.peak * scale, 3), lossPct: round(lossPct, 1) };
  });
  const followed = input.followedJoint === trackedJoint(jointToPoints, point);
  return { unit, approximate: !upright && !followed, point, scale, width, height, reps, thresholdPct, loss, firstBelow };
}

const analysis = (analysisType: string, analysisScalar: number | null): RepAnalysis => ({ analysisType, analysisScalar, analysisOpinion: null });

/**
 * The reps with RepLens's velocity analyses beside Guru's (any earlier ones replaced): mean and
 * peak concentric velocity in the set's unit, and the velocity loss. Shown without an opinion:
 * slowing down is information for the coach, not a fault of the rep.
 */
export function withVelocity<R extends Rep>(reps: readonly R[], velocity: SetVelocity | null): R[] {
  if (!velocity) return [...reps];
  return reps.map((rep, i) => {
    const v = velocity.reps[i];
    const own = rep.analyses.filter((a) => !VELOCITY_TYPES.includes(a.analysisType));
    if (!v) return { ...rep, analyses: own };
    return {
      ...rep,
      analyses: [
        ...own,
        analysis(meanVelocityType(velocity.unit), v.mean),
        analysis(peakVelocityType(velocity.unit), v.peak),
        analysis(VELOCITY_LOSS_TYPE, v.lossPct),
      ],
    };
  });
}
