/**
 * What RepLens measures and how it judges: the one home of the measure names, their meaning,
 * the Good/Bad rules, the camera views each measure can be taken from, and the activities the
 * local engine analyses. The engine judges with `opinionOf`; the dashboard explains with the same
 * entries, so a rule can never differ between the verdict and its explanation.
 */
import { DOMAIN_ACTIVITIES, type Activity, type CameraView, type Domain, type Rep } from './guru.ts';
import type { DrivingJoint } from './geometry.ts';

/** Activities the local Guru's engine measures; the cloud Guru takes every activity of its table. */
export const ANALYSABLE_ACTIVITIES = ['squat', 'bodyweight_squat', 'deadlift', 'bench_press', 'push_up'] as const satisfies readonly Activity[];
export type AnalysableActivity = (typeof ANALYSABLE_ACTIVITIES)[number];

export function isAnalysable(activity: string): activity is AnalysableActivity {
  return (ANALYSABLE_ACTIVITIES as readonly string[]).includes(activity);
}

/** `bench_press` → "bench press", for messages. */
export function activityName(activity: string): string {
  return activity.replace(/_/g, ' ');
}

/** The activities a Guru offers for a domain: the local engine's subset, or the whole table. */
export function offeredActivities(domain: Domain, guru: 'local' | 'remote'): readonly Activity[] {
  const all = DOMAIN_ACTIVITIES[domain];
  return guru === 'local' ? all.filter(isAnalysable) : all;
}

/** The joint whose angle drives each activity (the joint-angle curve plots it). */
export const DRIVING_JOINT: Record<AnalysableActivity, DrivingJoint> = {
  squat: 'knee',
  bodyweight_squat: 'knee',
  deadlift: 'hip',
  bench_press: 'elbow',
  push_up: 'elbow',
};

export interface MeasureInfo {
  /** Plain name for a coach. */
  label: string;
  /** One line: what the number is. */
  meaning: string;
  /** The rule behind Good/Bad in words; absent for measures that are shown without an opinion. */
  rule?: string;
  good?: (value: number) => boolean;
  /** Views from which the engine can take it; absent means any view (timing). */
  views?: readonly CameraView[];
  /** Values a body can take; a reading outside is a keypoint error, reported as not measured. */
  plausible?: readonly [number, number];
}

/** Joint angles are read side on only: turned, even a straight leg projects bent (a 30-degree
 *  turn read standing knees at 165 on generated video). */
const ANGLE_VIEWS = ['side'] as const;
/** Vertical extents are not foreshortened by turning the athlete, so depth is estimated from
 *  them on an oblique view (within 2 degrees on generated 30-degree views). Torso lean from the
 *  same estimate read 55-58 degrees on a real oblique squat that looks ~45-50: not judged. */
const SIDEISH_VIEWS = ['side', 'oblique'] as const;

/** Lockout: hips (deadlift) straight within 15 degrees; elbows (presses) within 20. */
const HIP_LOCKOUT_MIN_DEG = 165;
const ELBOW_LOCKOUT_MIN_DEG = 160;

export const MEASURES: Record<string, MeasureInfo> = {
  HIP_KNEE_ANGLE_DEGREES: {
    label: 'Squat depth',
    meaning: 'Thigh against parallel at the bottom: 0° is parallel, negative is below, +90° standing.',
    rule: 'Good at or below 0° (hip crease at or below the knee).',
    good: (v) => v <= 0,
    views: SIDEISH_VIEWS,
    plausible: [-60, 90],
  },
  KNEE_ANGLE_DEGREES: {
    label: 'Knee angle',
    meaning: 'Hip–knee–ankle angle at the bottom; 180° is a straight leg.',
    views: ANGLE_VIEWS,
    plausible: [30, 180],
  },
  TOP_KNEE_ANGLE_DEGREES: {
    label: 'Knee at the top',
    meaning: 'The straightest knee of the rep; 180° is a straight leg.',
    rule: 'Good at 160° or more (standing tall between reps).',
    // MoveNet reads a real person standing tall at 160-178 degrees.
    good: (v) => v >= 160,
    views: ANGLE_VIEWS,
    plausible: [90, 180],
  },
  TORSO_LEAN_DEGREES: {
    label: 'Torso lean',
    meaning: 'Torso from vertical at the bottom; 0° is upright.',
    rule: 'Good at 50° or less (beyond, the squat turns into a hip hinge).',
    good: (v) => v <= 50,
    views: ANGLE_VIEWS,
    plausible: [0, 90],
  },
  HIP_ANGLE_DEGREES: {
    label: 'Hip angle at the floor',
    meaning: 'Shoulder–hip–knee angle where the pull starts; 180° is standing straight.',
    views: ANGLE_VIEWS,
    plausible: [20, 180],
  },
  LOCKOUT_HIP_ANGLE_DEGREES: {
    label: 'Hip lockout',
    meaning: 'The straightest hip of the rep; 180° is standing straight.',
    rule: `Good at ${HIP_LOCKOUT_MIN_DEG}° or more (hips through at the top).`,
    good: (v) => v >= HIP_LOCKOUT_MIN_DEG,
    views: ANGLE_VIEWS,
    plausible: [90, 180],
  },
  ELBOW_ANGLE_DEGREES: {
    label: 'Elbow at the bottom',
    meaning: 'Shoulder–elbow–wrist angle at the bottom; 180° is a straight arm.',
    rule: 'Good at 90° or less (full range).',
    good: (v) => v <= 90,
    views: ANGLE_VIEWS,
    plausible: [35, 180],
  },
  LOCKOUT_ELBOW_ANGLE_DEGREES: {
    label: 'Elbow lockout',
    meaning: 'The straightest elbow of the rep; 180° is a straight arm.',
    rule: `Good at ${ELBOW_LOCKOUT_MIN_DEG}° or more (arms locked out).`,
    good: (v) => v >= ELBOW_LOCKOUT_MIN_DEG,
    views: ANGLE_VIEWS,
    plausible: [90, 180],
  },
  HIP_SAG_DEGREES: {
    label: 'Hip sag',
    meaning: 'Bend of the body line at the hip: positive sags, negative piks.',
    rule: 'Good within ±15°.',
    good: (v) => Math.abs(v) <= 15,
    views: ANGLE_VIEWS,
    plausible: [-60, 60],
  },
  REP_DURATION_MS: { label: 'Rep duration', meaning: 'From the start of the rep to its end.' },
  DESCENT_MS: { label: 'Descent', meaning: 'Time spent lowering (half of a pause at the bottom counts here).' },
  ASCENT_MS: { label: 'Ascent', meaning: 'Time spent rising or pulling (half of a pause counts here).' },
  // RepLens's own analyses from the joint data (velocity.ts); the label says whose they are.
  ...velocityMeasures('M_PER_S', 'metres per second, calibrated from the athlete\'s height'),
  ...velocityMeasures('BH_PER_S', 'body heights per second (metres per second once the athlete\'s height is on record)'),
  VELOCITY_LOSS_PERCENTAGE: {
    label: 'Velocity loss (RepLens)',
    meaning: 'Mean concentric velocity below the fastest rep so far, in %.',
  },
};

function velocityMeasures(unit: string, inUnits: string): Record<string, MeasureInfo> {
  const what = 'the hands (bar) or the shoulders (squats, push-ups) rise from the bottom';
  return {
    [`MEAN_CONCENTRIC_VELOCITY_${unit}`]: { label: 'Mean velocity (RepLens)', meaning: `Mean upward speed as ${what}, in ${inUnits}.` },
    [`PEAK_CONCENTRIC_VELOCITY_${unit}`]: { label: 'Peak velocity (RepLens)', meaning: `Fastest upward speed as ${what}, in ${inUnits}.` },
  };
}

export function measureInfo(type: string): MeasureInfo | undefined {
  return Object.hasOwn(MEASURES, type) ? MEASURES[type] : undefined;
}

/** Good/Bad only for a number that was measured and a measure that has a rule; else none. */
export function opinionOf(type: string, value: number | null | undefined): 'good' | 'bad' | null {
  const rule = measureInfo(type)?.good;
  if (!rule || value === null || value === undefined || !Number.isFinite(value)) return null;
  return rule(value) ? 'good' : 'bad';
}

/** Whether a reading is one a body can give (else it is a keypoint error: not measured). */
export function isPlausible(type: string, value: number): boolean {
  const range = measureInfo(type)?.plausible;
  return !range || (value >= range[0] && value <= range[1]);
}

/** Whether the engine takes a measure from a view. */
export function measurableFrom(type: string, view: CameraView): boolean {
  const views = measureInfo(type)?.views;
  return !views || views.includes(view);
}

/** What the view means for the numbers, for the review page; null where nothing is limited. */
export function viewNote(view: CameraView | null | undefined): string | null {
  switch (view) {
    case 'oblique':
      return 'Filmed at an angle: depth is estimated, joint angles and torso lean are not measured. Film from the side for every angle.';
    case 'front':
      return 'Filmed from the front: reps and timing are measured, depth and joint angles are not. Film from the side for angles.';
    case 'back':
      return 'Filmed from behind: reps and timing are measured, depth and joint angles are not. Film from the side for angles.';
    default:
      return null;
  }
}

/** Below this a rep is marked "check this rep" (keypoints poorly seen or the view limits it). */
export const LOW_REP_CONFIDENCE = 0.5;

/** A rep the engine is unsure of (keypoints poorly seen, or a view that limits it): "check this rep". */
export function isLowConfidence(rep: { confidence?: number | null }): boolean {
  return typeof rep.confidence === 'number' && rep.confidence < LOW_REP_CONFIDENCE;
}

/** Any bad measured value makes the rep bad; good if anything measured was judged; else neutral. */
export function repOpinion(rep: Pick<Rep, 'analyses'>): 'good' | 'bad' | 'neutral' {
  const opinions = rep.analyses.filter((a) => typeof a.analysisScalar === 'number').map((a) => a.analysisOpinion).filter(Boolean);
  if (opinions.includes('bad')) return 'bad';
  return opinions.length > 0 ? 'good' : 'neutral';
}

// ---- Names and units a coach reads ------------------------------------------------------------

const UNIT_SUFFIXES: ReadonlyArray<{ suffix: string; unit: string }> = [
  { suffix: '_DEGREES', unit: '°' },
  { suffix: '_M_PER_S', unit: 'm/s' },
  { suffix: '_BH_PER_S', unit: 'BH/s' },
  { suffix: '_PERCENTAGE', unit: '%' },
  { suffix: '_PERCENT', unit: '%' },
  { suffix: '_MS', unit: 'ms' },
  { suffix: '_SECONDS', unit: 's' },
  { suffix: '_METERS', unit: 'm' },
  { suffix: '_CM', unit: 'cm' },
  { suffix: '_PIXELS', unit: 'px' },
  { suffix: '_COUNT', unit: '' },
];

/** `BENCH_PRESS`, `bench_press` → "Bench press". */
export function sentenceCase(words: string): string {
  const lower = words.replace(/_+/g, ' ').trim().toLowerCase();
  return lower.charAt(0).toUpperCase() + lower.slice(1);
}

/** Known types take the catalogue's plain name (`HIP_KNEE_ANGLE_DEGREES` → 'Squat depth'); any
 *  other works too: `BAR_PATH_SINUOSITY_PERCENTAGE` → { label: 'Bar path sinuosity', unit: '%' }. */
export function describeAnalysisType(type: string): { label: string; unit: string } {
  const upper = type.toUpperCase();
  const match = UNIT_SUFFIXES.find((s) => upper.endsWith(s.suffix) && upper.length > s.suffix.length);
  const unit = match?.unit ?? '';
  const base = match ? type.slice(0, type.length - match.suffix.length) : type;
  return { label: measureInfo(upper)?.label ?? (sentenceCase(base) || type), unit };
}
