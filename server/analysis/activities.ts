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
function overRep(ctx: RepContext, m: Measure, pick: (a: number, b: number) => number): number {
  const s = ctx.series(m).slice(ctx.rep.startIndex, ctx.rep.endIndex + 1).filter((v) => !Number.isNaN(v));
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

const squat: ActivitySpec = {
  driver: 'knee',
  measures: ['knee', 'thigh'],
  minRangeDeg: 40,
  analyses(ctx) {
    const thigh = atBottom(ctx, 'thigh');
    return [
      { analysisType: 'HIP_KNEE_ANGLE_DEGREES', analysisScalar: thigh, analysisOpinion: opinion(thigh <= SQUAT_DEPTH_MAX_THIGH_DEG) },
      { analysisType: 'KNEE_ANGLE_DEGREES', analysisScalar: atBottom(ctx, 'knee') },
      ...timing(ctx),
    ];
  },
};

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

function press(extra: (ctx: RepContext) => RepAnalysis[], measures: Measure[]): ActivitySpec {
  return {
    driver: 'elbow',
    measures: ['elbow', ...measures],
    minRangeDeg: 35,
    analyses(ctx) {
      const elbow = atBottom(ctx, 'elbow');
      const lockout = overRep(ctx, 'elbow', Math.max);
      return [
        { analysisType: 'ELBOW_ANGLE_DEGREES', analysisScalar: elbow, analysisOpinion: opinion(elbow <= PRESS_DEPTH_MAX_ELBOW_DEG) },
        { analysisType: 'LOCKOUT_ELBOW_ANGLE_DEGREES', analysisScalar: lockout, analysisOpinion: opinion(lockout >= PRESS_LOCKOUT_MIN_DEG) },
        ...extra(ctx),
        ...timing(ctx),
      ];
    },
  };
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
