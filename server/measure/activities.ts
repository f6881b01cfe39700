/**
 * What each activity measures: the travel signal its reps are segmented on (see travel.ts), the
 * smallest real rep, and the per-rep numbers. Activities only compute numbers; which of them a
 * camera view allows and whether each is good or bad come from the shared catalogue
 * (src/contract/measures.ts), applied in `judgeRep`.
 */
import {
  ACTIVITIES, DOMAIN_ACTIVITIES, domainOf, type Activity, type CameraView, type RepAnalysis,
} from '../../src/contract/guru.ts';
import { isPlausible, measurableFrom, opinionOf } from '../../src/contract/measures.ts';
import { median } from '../../src/contract/smooth.ts';
import type { FrameMeasure, Measure } from './measures.ts';
import type { RepSegment } from './segment.ts';
import type { TravelKind } from './travel.ts';

export interface RepContext {
  rep: RepSegment;
  /** Smoothed per-frame series for the measures the activity lists (NaN where unseen). */
  series: (m: Measure) => number[];
  view: CameraView;
}

/** A number before judging: NaN when it could not be read. */
export interface RawAnalysis {
  analysisType: string;
  analysisScalar: number;
}

export interface ActivitySpec {
  /** The signal reps are segmented on: large at the top of the movement. */
  travel: TravelKind;
  /** Deadlifts read the travel upside down: a rep is floor → lockout → floor, its mid the lockout. */
  midIsTop?: boolean;
  /** Smallest top-to-bottom travel of a real rep. */
  minTravel: number;
  /** How a rep still open when the clip ends counts (see SegmentOptions.openEnd). */
  openEnd: 'bottom' | 'return';
  /** The joint angle of the movement (confidence and the dashboard's curve follow it). */
  driver: FrameMeasure;
  /** Measures needed, so the side and series are computed once. */
  measures: Measure[];
  /** The rep's mid sample when the travel's plateau places it poorly (a deadlift's lockout). */
  midAt?(series: (m: Measure) => number[], rep: RepSegment): number;
  /** Whether a dip of the travel signal is this movement at all (e.g. lying for a press). */
  isRep?(ctx: RepContext): boolean;
  /**
   * The samples the rep's angles are read from (and their smoothing's reach), worth a closer look
   * (see track.ts `lookCloser`). Squats have none: on their bottoms the close look placed
   * shoulders and hips further from the true joints than the tracked crop (generated video).
   */
  keySamples?(ctx: RepContext): number[];
  analyses(ctx: RepContext): RawAnalysis[];
}

const round1 = (x: number) => Math.round(x * 10) / 10;
const raw = (analysisType: string, value: number): RawAnalysis => ({ analysisType, analysisScalar: value });

/** The rep's known values of a series between two sample indices (inclusive). */
function valuesBetween(ctx: RepContext, m: Measure, from: number, to: number): number[] {
  return ctx.series(m).slice(Math.max(0, from), to + 1).filter((v) => !Number.isNaN(v));
}

const overRep = (ctx: RepContext, m: Measure) => valuesBetween(ctx, m, ctx.rep.startIndex, ctx.rep.endIndex);

/** The index of a series' smallest known value between two indices (inclusive), or -1. */
function lowestAt(values: number[], from: number, to: number): number {
  let at = -1;
  for (let i = Math.max(0, from); i <= to; i++) if (!Number.isNaN(values[i]) && (at < 0 || values[i] < values[at])) at = i;
  return at;
}

/** Samples either side of a read sample that its value depends on (median of 3, then 5-point smoothing). */
const SMOOTHING_REACH = 3;

/** Sample indices from..to (inclusive), widened by the smoothing's reach. */
function around(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 + 2 * SMOOTHING_REACH }, (_, k) => from - SMOOTHING_REACH + k);
}

/** Samples either side of a rep searched for its straightest joint (~0.5 s at 15 fps). */
const TOP_MARGIN = 8;

/**
 * The straightest value of a joint at the rep's top, which lies at or just beyond its edges: the
 * travel settles on its top plateau a moment before the knee or elbow finishes straightening.
 */
function straightest(ctx: RepContext, m: Measure): number {
  return extreme(valuesBetween(ctx, m, ctx.rep.startIndex - TOP_MARGIN, ctx.rep.endIndex + TOP_MARGIN), Math.max);
}

function atBottom(ctx: RepContext, m: Measure): number {
  return ctx.series(m)[ctx.rep.bottomIndex];
}


function extreme(values: number[], pick: (...v: number[]) => number): number {
  return values.length ? pick(...values) : NaN;
}

/** Start to mid and mid to end; a pause at the mid counts half to each. */
function timing(ctx: RepContext, firstHalf: 'DESCENT_MS' | 'ASCENT_MS'): RawAnalysis[] {
  const { startMs, bottomMs, endMs } = ctx.rep;
  const second = firstHalf === 'DESCENT_MS' ? 'ASCENT_MS' : 'DESCENT_MS';
  return [
    raw('REP_DURATION_MS', Math.round(endMs - startMs)),
    raw(firstHalf, Math.round(bottomMs - startMs)),
    raw(second, Math.round(endMs - bottomMs)),
  ];
}

/**
 * Squat and bodyweight squat, segmented on hip height over thigh length (1 standing, 0 at
 * parallel), which is the sine of the thigh's angle to horizontal from any view.
 * - HIP_KNEE_ANGLE_DEGREES (depth): the thigh to horizontal at the bottom, from the keypoints on
 *   a side view, from hip height over the standing thigh length on an oblique one (see
 *   `thighRise`: the knee keypoints' angle is foreshortened there, the heights are not).
 * - KNEE_ANGLE_DEGREES, TOP_KNEE_ANGLE_DEGREES, TORSO_LEAN_DEGREES, timing.
 */
const squat: ActivitySpec = {
  travel: 'hips',
  minTravel: 0.3,
  openEnd: 'return',
  driver: 'knee',
  measures: ['knee', 'thigh', 'lean', 'thighRise'],
  analyses(ctx) {
    const side = ctx.view === 'side';
    return [
      raw('HIP_KNEE_ANGLE_DEGREES', atBottom(ctx, side ? 'thigh' : 'thighRise')),
      raw('KNEE_ANGLE_DEGREES', atBottom(ctx, 'knee')),
      raw('TOP_KNEE_ANGLE_DEGREES', straightest(ctx, 'knee')),
      raw('TORSO_LEAN_DEGREES', atBottom(ctx, 'lean')),
      ...timing(ctx, 'DESCENT_MS'),
    ];
  },
};

/** A pull reaches at least this hip angle (a partial pull stops near 100, a soft lockout ~155). */
const PULL_MIN_HIP_DEG = 135;
/** At most this many samples into a held lockout is where its mid goes (~0.75 s at 15 fps). */
const LOCKOUT_MID_MAX = 11;
/** A hip this close to the rep's straightest has locked out. */
const LOCKOUT_REACHED_DEG = 3;
/** Samples before a pull's start searched for its set-up position (~0.5 s at 15 fps). */
const SETUP_LOOKBACK = 8;

/**
 * Deadlift, segmented on shoulder height over standing height read upside down: a rep is a pull
 * from the floor to lockout and back, so a set may start and end on the floor or standing.
 * - HIP_ANGLE_DEGREES, KNEE_ANGLE_DEGREES: where the pull starts (the hip's most closed point
 *   from just before the rep's start to its lockout).
 * - LOCKOUT_HIP_ANGLE_DEGREES: the straightest hip around the lockout.
 * - ASCENT_MS (the pull) and DESCENT_MS (the lowering).
 */

/** The rep starts at the edge of the floor plateau; the set-up position is on the plateau. */
function setUpAt(series: RepContext['series'], { startIndex, bottomIndex }: RepSegment): number {
  return lowestAt(series('hip'), startIndex - SETUP_LOOKBACK, bottomIndex);
}

const deadlift: ActivitySpec = {
  travel: 'shoulders',
  midIsTop: true,
  minTravel: 0.15,
  openEnd: 'bottom',
  driver: 'hip',
  measures: ['hip', 'knee'],
  // A pull that stops halfway raises the shoulders a lot early on, but leaves the hips bent: a rep
  // must stand up (a soft lockout is still a rep, judged by LOCKOUT_HIP_ANGLE_DEGREES). A
  // straight body reads straight from any view; where the hip was not seen, the travel decides.
  isRep: (ctx) => !(extreme(overRep(ctx, 'hip'), Math.max) < PULL_MIN_HIP_DEG),
  // The shoulders stop rising before the hips finish extending: the lockout is the middle of the
  // span where the hip angle stays within a few degrees of its straightest in the rep (at most
  // ~0.75 s into it).
  midAt(series, { startIndex, bottomIndex, endIndex }) {
    const hips = series('hip');
    const straightest = extreme(hips.slice(startIndex, endIndex + 1).filter((v) => !Number.isNaN(v)), Math.max);
    if (Number.isNaN(straightest)) return bottomIndex;
    const held: number[] = [];
    for (let i = startIndex; i <= endIndex; i++) if (hips[i] >= straightest - LOCKOUT_REACHED_DEG) held.push(i);
    // A long hold at the top (a breath, or the set's end) puts the mid soon after the hips
    // straighten, not in the middle of the wait.
    const soon = held.filter((i) => i - held[0] <= 2 * LOCKOUT_MID_MAX);
    return soon[Math.floor(soon.length / 2)];
  },
  // The whole stretch searched for the set-up: a closer look at only some of it would leave the
  // others' (differently biased) keypoints to win the search.
  keySamples: ({ rep, series }) => around(rep.startIndex - SETUP_LOOKBACK, Math.max(rep.startIndex, setUpAt(series, rep))),
  analyses(ctx) {
    const at = setUpAt(ctx.series, ctx.rep);
    return [
      raw('HIP_ANGLE_DEGREES', at < 0 ? NaN : ctx.series('hip')[at]),
      raw('KNEE_ANGLE_DEGREES', at < 0 ? NaN : ctx.series('knee')[at]),
      raw('LOCKOUT_HIP_ANGLE_DEGREES', extreme(overRep(ctx, 'hip'), Math.max)),
      ...timing(ctx, 'ASCENT_MS'),
    ];
  },
};

/** A press or push-up is done lying: the torso within this many degrees of horizontal. */
const PRESS_MAX_TORSO_DEG = 45;
/** A push-up keeps a body line, sagging or piking less than this (kneeling into position bends
 *  it 90 degrees or more); a rep with a bad line is still a rep, judged by HIP_SAG_DEGREES. */
const PUSH_UP_MAX_BEND_DEG = 45;
/** Keypoint and reach estimates may disagree by this much before the keypoint is distrusted. */
const ELBOW_AGREEMENT_DEG = 30;
/** The keypoint elbow's own bottom is looked for this many samples either side of the rep's. */
const ELBOW_BOTTOM_WINDOW = 3;

/** A series' smallest known value within `ELBOW_BOTTOM_WINDOW` samples of the rep's bottom. */
function lowestNearBottom(ctx: RepContext, m: Measure): number {
  const { bottomIndex: b, startIndex, endIndex } = ctx.rep;
  return extreme(valuesBetween(ctx, m, Math.max(startIndex, b - ELBOW_BOTTOM_WINDOW), Math.min(endIndex, b + ELBOW_BOTTOM_WINDOW)), Math.min);
}

/**
 * The elbow keypoint's smallest angle near the rep's bottom when it agrees with the reach
 * estimate (on a clean view it is the more precise of the two: the reach estimate assumes
 * average arm proportions), else the reach estimate (the elbow keypoint was missing or
 * misplaced, typically with the arm over the chest).
 */
function elbowAtBottom(ctx: RepContext): number {
  const keypoint = lowestNearBottom(ctx, 'elbow');
  const reach = ctx.series('reach')[ctx.rep.bottomIndex];
  if (Number.isNaN(keypoint) || Math.abs(keypoint - reach) > ELBOW_AGREEMENT_DEG) return reach;
  return keypoint;
}

/**
 * Bench press and push-up, segmented on the vertical gap between shoulders and wrists over arm
 * reach (1 locked out).
 * - ELBOW_ANGLE_DEGREES: at the bottom (see `elbowAtBottom`, and `pushUpElbow` for push-ups).
 * - LOCKOUT_ELBOW_ANGLE_DEGREES: the straightest elbow of the rep, the larger of the keypoint
 *   angle and the reach estimate: the wrist keypoint sits on the hand or the bar, so a straight
 *   arm seen from the side reads 133-137 degrees from keypoints alone on real footage.
 * - Push-up only, HIP_SAG_DEGREES: the largest bend of the body line at the hip over the rep.
 * - Timing.
 */
function press(
  travel: TravelKind, extra: (ctx: RepContext) => RawAnalysis[], measures: Measure[], isRep: (ctx: RepContext) => boolean,
  elbow: (ctx: RepContext) => number = elbowAtBottom,
): ActivitySpec {
  return {
    travel,
    minTravel: 0.2,
    openEnd: 'return',
    driver: 'elbow',
    measures: ['elbow', 'reach', 'torso', ...measures],
    isRep,
    keySamples: ({ rep }) => around(rep.bottomIndex - ELBOW_BOTTOM_WINDOW, rep.bottomIndex + ELBOW_BOTTOM_WINDOW),
    analyses(ctx) {
      const lockout = Math.max(
        straightest(ctx, 'elbow'),
        straightest(ctx, 'reach'),
      );
      return [
        raw('ELBOW_ANGLE_DEGREES', elbow(ctx)),
        raw('LOCKOUT_ELBOW_ANGLE_DEGREES', lockout),
        ...extra(ctx),
        ...timing(ctx, 'DESCENT_MS'),
      ];
    },
  };
}

/** Getting down into position or standing up bends the arms too, but not lying down. */
const lying = (ctx: RepContext) => !(atBottom(ctx, 'torso') > PRESS_MAX_TORSO_DEG);

/**
 * A push-up's hands stay planted, so its bottom elbow comes from the shoulder's reach to where the
 * hand was seen well (see measures.ts `plantedReach`): at the bottom, with the body low over the
 * hands, the pose model scores the wrist 0.2-0.5 and places it and the elbow a few % of stature
 * off, which moved the keypoint angle 10-18 degrees on generated push-ups. Where the hand was
 * not seen well nearby, the keypoint or reach estimate as for a press.
 */
function pushUpElbow(ctx: RepContext): number {
  const planted = lowestNearBottom(ctx, 'plantedReach');
  return Number.isNaN(planted) ? elbowAtBottom(ctx) : planted;
}

const pushUp = press('pushUp', (ctx) => {
  const sags = overRep(ctx, 'sag');
  const sag = sags.length ? sags.reduce((a, b) => (Math.abs(b) > Math.abs(a) ? b : a)) : NaN;
  return [raw('HIP_SAG_DEGREES', sag)];
}, ['sag', 'plantedReach'], (ctx) => lying(ctx) && !(median(overRep(ctx, 'sag').map(Math.abs)) > PUSH_UP_MAX_BEND_DEG), pushUpElbow);

export const ACTIVITY_SPECS: Partial<Record<Activity, ActivitySpec>> = {
  squat,
  bodyweight_squat: squat,
  deadlift,
  bench_press: press('bench', () => [], [], lying),
  push_up: pushUp,
};

export function specOf(activity: string): ActivitySpec | undefined {
  return Object.hasOwn(ACTIVITY_SPECS, activity) ? ACTIVITY_SPECS[activity as Activity] : undefined;
}

/**
 * Numbers to Guru's analyses: a number the view cannot give, that was not read, or that no body
 * can give (a misplaced keypoint) becomes `null` with no opinion; an opinion exists only where a
 * number does.
 */
export function judgeRep(analyses: RawAnalysis[], view: CameraView): RepAnalysis[] {
  return analyses.map(({ analysisType, analysisScalar: x }) => {
    const read = measurableFrom(analysisType, view) && Number.isFinite(x) && isPlausible(analysisType, x);
    const value = read ? round1(x) : null;
    const opinion = opinionOf(analysisType, value);
    return opinion ? { analysisType, analysisScalar: value, analysisOpinion: opinion } : { analysisType, analysisScalar: value };
  });
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
