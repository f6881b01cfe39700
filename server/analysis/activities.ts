/**
 * What each activity measures: the joint angle that drives rep segmentation, the minimum
 * excursion of a real rep, and the per-rep analyses with their opinion thresholds.
 */
import {
  ACTIVITIES, DOMAIN_ACTIVITIES, domainOf, type Activity, type RepAnalysis,
} from '../../src/contract/guru.ts';
import type { Measure } from './measures.ts';
import type { RepSegment } from './segment.ts';

export interface RepContext {
  rep: RepSegment;
  /** Smoothed per-frame series for the measures the activity lists. */
  series: (m: Measure) => number[];
}

export interface ActivitySpec {
  /** Segments reps: large at the top of the movement. */
  driver: Measure;
  /** Measures needed, so the side and series are computed once. */
  measures: Measure[];
  minRangeDeg: number;
  analyses(ctx: RepContext): RepAnalysis[];
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const opinion = (good: boolean): 'good' | 'bad' => (good ? 'good' : 'bad');

function atBottom(ctx: RepContext, m: Measure): number {
  return round1(ctx.series(m)[ctx.rep.bottomIndex]);
}

/** Extreme of a series over the rep (inclusive). */
function overRep(ctx: RepContext, m: Measure, pick: (a: number, b: number) => number, fallback?: Measure): number {
  const s = ctx.series(m).slice(ctx.rep.startIndex, ctx.rep.endIndex + 1).filter((v) => !Number.isNaN(v));
  if (!s.length) return fallback ? overRep(ctx, fallback, pick) : NaN;
  return round1(s.reduce((a, b) => pick(a, b)));
}

function timing(ctx: RepContext): RepAnalysis[] {
  const { startMs, bottomMs, endMs } = ctx.rep;
  // A pause at the bottom counts half to the descent and half to the ascent.
  return [
    { analysisType: 'REP_DURATION_MS', analysisScalar: Math.round(endMs - startMs) },
    { analysisType: 'DESCENT_MS', analysisScalar: Math.round(bottomMs - startMs) },
    { analysisType: 'ASCENT_MS', analysisScalar: Math.round(endMs - bottomMs) },
  ];
}

/** Depth: hip crease at or below the top of the knee, i.e. thigh at or below parallel. */
const SQUAT_DEPTH_MAX_THIGH_DEG = 0;
/** Lockout: hips (deadlift) or elbows (presses) straight within 15 degrees. */
const LOCKOUT_MIN_DEG = 165;
const PRESS_LOCKOUT_MIN_DEG = 160;
/** Press/push-up depth: elbows bent to 90 degrees or more. */
const PRESS_DEPTH_MAX_ELBOW_DEG = 90;
/** Push-up body line: hips no more than 15 degrees out of the shoulder-ankle line. */
const MAX_HIP_SAG_DEG = 15;
/** Squat torso: beyond 50 degrees from vertical at the bottom the squat turns into a hip hinge
 *  ("good-morning squat"); a high-bar or bodyweight squat typically stays at 30-45. */
const SQUAT_MAX_TORSO_LEAN_DEG = 50;
/** Squat top: standing tall between reps, knee straight within 15 degrees. */
const SQUAT_TOP_MIN_KNEE_DEG = 165;

/**
 * Squat and bodyweight squat. Segmentation: the KNEE angle (hip-knee-ankle), ~175 standing and
 * 60-90 at depth; a rep needs 40 degrees of knee travel.
 * - HIP_KNEE_ANGLE_DEGREES: the thigh (hip→knee) to horizontal at the bottom; +90 standing, 0 at
 *   parallel, negative below parallel. Good when at or below parallel (<= 0).
 * - KNEE_ANGLE_DEGREES: knee angle at the bottom (informative, no opinion: depth is judged by the thigh).
 * - TOP_KNEE_ANGLE_DEGREES: the straightest knee of the rep; good when >= 165 (full stand).
 * - TORSO_LEAN_DEGREES: torso from vertical at the bottom; good when <= 50.
 * - REP_DURATION_MS, DESCENT_MS, ASCENT_MS: timing (a bottom pause splits half and half).
 */
const squat: ActivitySpec = {
  driver: 'knee',
  measures: ['knee', 'thigh', 'lean'],
  minRangeDeg: 40,
  analyses(ctx) {
    const thigh = atBottom(ctx, 'thigh');
    const top = overRep(ctx, 'knee', Math.max);
    const lean = atBottom(ctx, 'lean');
    return [
      { analysisType: 'HIP_KNEE_ANGLE_DEGREES', analysisScalar: thigh, analysisOpinion: opinion(thigh <= SQUAT_DEPTH_MAX_THIGH_DEG) },
      { analysisType: 'KNEE_ANGLE_DEGREES', analysisScalar: atBottom(ctx, 'knee') },
      { analysisType: 'TOP_KNEE_ANGLE_DEGREES', analysisScalar: top, analysisOpinion: opinion(top >= SQUAT_TOP_MIN_KNEE_DEG) },
      { analysisType: 'TORSO_LEAN_DEGREES', analysisScalar: lean, analysisOpinion: opinion(lean <= SQUAT_MAX_TORSO_LEAN_DEG) },
      ...timing(ctx),
    ];
  },
};

/**
 * Deadlift (hip hinge). Segmentation: the HIP angle (shoulder-hip-knee), ~175 at lockout and
 * 50-90 with the bar at the floor; a rep needs 40 degrees of hip travel. The knee moves much less
 * than in a squat, which is also how a missing activity is told apart (see `inferActivity`).
 * - HIP_ANGLE_DEGREES, KNEE_ANGLE_DEGREES: at the bottom (start position), informative.
 * - LOCKOUT_HIP_ANGLE_DEGREES: the straightest hip of the rep; good when >= 165 (hips through).
 * - Timing as for squats.
 */
const deadlift: ActivitySpec = {
  driver: 'hip',
  measures: ['hip', 'knee'],
  minRangeDeg: 40,
  analyses(ctx) {
    const lockout = overRep(ctx, 'hip', Math.max);
    return [
      { analysisType: 'HIP_ANGLE_DEGREES', analysisScalar: atBottom(ctx, 'hip') },
      { analysisType: 'KNEE_ANGLE_DEGREES', analysisScalar: atBottom(ctx, 'knee') },
      { analysisType: 'LOCKOUT_HIP_ANGLE_DEGREES', analysisScalar: lockout, analysisOpinion: opinion(lockout >= LOCKOUT_MIN_DEG) },
      ...timing(ctx),
    ];
  },
};

/**
 * Bench press and push-up. Segmentation: the ELBOW angle (shoulder-elbow-wrist), ~170 locked out
 * and 60-90 at the chest; a rep needs 35 degrees of elbow travel. (Segmenting on the reach
 * estimate instead, see measures.ts, counted partial presses and missed a noisy push-up: it was
 * tried and reverted.)
 * - ELBOW_ANGLE_DEGREES: at the bottom, from the elbow keypoint when it agrees with the reach
 *   estimate within 30 degrees, else from the reach; good when <= 90 (full range).
 * - LOCKOUT_ELBOW_ANGLE_DEGREES: the straightest elbow of the rep; good when >= 160.
 * - Push-up only, HIP_SAG_DEGREES: the largest bend of the body line at the hip over the rep,
 *   positive sagging, negative piking; good within +-15 degrees.
 * - Timing as for squats.
 */
function press(extra: (ctx: RepContext) => RepAnalysis[], measures: Measure[]): ActivitySpec {
  return {
    driver: 'elbow',
    measures: ['elbow', 'reach', ...measures],
    minRangeDeg: 35,
    analyses(ctx) {
      const elbow = elbowAtBottom(ctx);
      const lockout = overRep(ctx, 'elbow', Math.max, 'reach');
      return [
        { analysisType: 'ELBOW_ANGLE_DEGREES', analysisScalar: elbow, analysisOpinion: opinion(elbow <= PRESS_DEPTH_MAX_ELBOW_DEG) },
        { analysisType: 'LOCKOUT_ELBOW_ANGLE_DEGREES', analysisScalar: lockout, analysisOpinion: opinion(lockout >= PRESS_LOCKOUT_MIN_DEG) },
        ...extra(ctx),
        ...timing(ctx),
      ];
    },
  };
}

/** Keypoint and reach estimates may disagree by this much before the keypoint is distrusted. */
const ELBOW_AGREEMENT_DEG = 30;
/** The keypoint elbow's own bottom is looked for this many samples either side of the rep's. */
const ELBOW_BOTTOM_WINDOW = 3;

/**
 * The elbow keypoint's smallest angle near the rep's bottom when it agrees with the reach
 * estimate (on a clean view it is the more precise of the two: the reach estimate assumes
 * average arm proportions), else the reach estimate (the elbow keypoint was missing or
 * misplaced, typically with the arm over the chest).
 */
function elbowAtBottom(ctx: RepContext): number {
  const { bottomIndex: b, startIndex, endIndex } = ctx.rep;
  const near = ctx.series('elbow')
    .slice(Math.max(startIndex, b - ELBOW_BOTTOM_WINDOW), Math.min(endIndex, b + ELBOW_BOTTOM_WINDOW) + 1)
    .filter((v) => !Number.isNaN(v));
  const keypoint = near.length ? Math.min(...near) : NaN;
  const reach = ctx.series('reach')[b];
  if (Number.isNaN(keypoint) || Math.abs(keypoint - reach) > ELBOW_AGREEMENT_DEG) return round1(reach);
  return round1(keypoint);
}

const pushUp = press((ctx) => {
  const sag = overRep(ctx, 'sag', (a, b) => (Math.abs(b) > Math.abs(a) ? b : a));
  return [{ analysisType: 'HIP_SAG_DEGREES', analysisScalar: sag, analysisOpinion: opinion(Math.abs(sag) <= MAX_HIP_SAG_DEG) }];
}, ['sag']);

export const ACTIVITY_SPECS: Partial<Record<Activity, ActivitySpec>> = {
  squat,
  bodyweight_squat: squat,
  deadlift,
  bench_press: press(() => [], []),
  push_up: pushUp,
};

export function specOf(activity: string): ActivitySpec | undefined {
  return Object.hasOwn(ACTIVITY_SPECS, activity) ? ACTIVITY_SPECS[activity as Activity] : undefined;
}

/** Overall body shape of a video, from which a missing activity is inferred. */
export interface BodySummary {
  /** Median torso elevation, degrees: ~90 upright, ~0 lying. */
  torsoElevation: number;
  /** Median of (wrist y - shoulder y) in frame heights: positive when the hands are lower. */
  wristBelowShoulder: number;
  /** Excursions (95th - 5th percentile), degrees. */
  kneeRange: number;
  hipRange: number;
}

/** Minimum excursion for an upright movement to be recognised as squat or hinge. */
const INFER_MIN_RANGE_DEG = 45;
/** Knee excursion over hip excursion: ~0.9 in squats, ~0.4 in deadlifts. */
const SQUAT_KNEE_TO_HIP = 0.65;

export function inferActivity(body: BodySummary, domain: string | null | undefined): Activity | null {
  let guess: Activity | null = null;
  if (body.torsoElevation < 40) guess = body.wristBelowShoulder > 0 ? 'push_up' : 'bench_press';
  // Both bend the hip a lot; a squat bends the knee about as much, a hinge much less.
  else if (body.kneeRange >= INFER_MIN_RANGE_DEG && body.kneeRange >= SQUAT_KNEE_TO_HIP * body.hipRange) guess = 'squat';
  else if (body.hipRange >= INFER_MIN_RANGE_DEG) guess = 'deadlift';
  if (!guess || !domain) return guess;
  if (domain === 'calisthenics' && guess === 'squat') return 'bodyweight_squat';
  const inDomain = (DOMAIN_ACTIVITIES as Record<string, readonly string[]>)[domain];
  return inDomain?.includes(guess) ? guess : null;
}

export function domainFor(activity: string, given: string | null | undefined): string | null {
  if (given) return given;
  return (ACTIVITIES as readonly string[]).includes(activity) ? domainOf(activity as Activity) : null;
}
