/**
 * From pose keypoints to a judged set, pure (no video, no model): is a person there, which
 * activity, which camera view, where the reps are, and each rep's confidence and analyses. The
 * engine (server/analysis) runs it on the frames it tracked; the proxy measures a coach's edited
 * reps with `setMeasurer` (remeasure.ts).
 */
import type { Rep } from '../../src/contract/guru.ts';
import type { CameraView, Joint } from '../../src/contract/guru.ts';
import { domainFor, inferActivity, judgeRep, specOf, type ActivitySpec, type BodySummary } from './activities.ts';
import {
  chooseSide, coverage, KP, MEASURES, MIN_KEYPOINT_SCORE, rawSeries, smoothedSeries, type Measure, type PoseFrame,
} from './measures.ts';
import { segmentReps, type RepSegment } from './segment.ts';
import { travelJoints, travelSeries } from './travel.ts';
import { detectView } from './view.ts';

/** The reasons a set of poses is not a measurable set (the engine adds those of the video itself). */
export type PoseFailure = 'LOW_QUALITY_POSE_ESTIMATE' | 'UNSUPPORTED_ACTIVITY';
/** The frame's display size. */
export type FrameSize = { width: number; height: number };

/** Below this share of frames with the driving joints seen, the video is not measurable. */
const MIN_COVERAGE = 0.6;
/** A person is present in a frame when at least this many keypoints are confident. */
const MIN_CONFIDENT_KEYPOINTS = 8;

function personSeen(frames: PoseFrame[]): boolean {
  const seen = frames.filter((f) => f.keypoints.filter((k) => k.score >= MIN_KEYPOINT_SCORE).length >= MIN_CONFIDENT_KEYPOINTS);
  return seen.length >= Math.max(3, frames.length * 0.3);
}

function spread(values: number[]): number {
  const v = values.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  if (!v.length) return 0;
  return v[Math.floor(0.95 * (v.length - 1))] - v[Math.floor(0.05 * (v.length - 1))];
}

function median(values: number[]): number {
  const v = values.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
  return v.length ? v[Math.floor(v.length / 2)] : NaN;
}

function summarize(frames: PoseFrame[], info: FrameSize, fps: number): BodySummary {
  const side = chooseSide(frames, ['Shoulder', 'Hip', 'Knee']);
  const s = (m: Measure) => smoothedSeries(frames, m, side, info.width, info.height, fps);
  const [sh, wr] = side === 'left' ? [5, 9] : [6, 10];
  return {
    torsoElevation: median(rawSeries(frames, 'torso', side, info.width, info.height)),
    wristBelowShoulder: median(frames.map((f) => f.keypoints[wr].y - f.keypoints[sh].y)),
    kneeRange: spread(s('knee')),
    hipRange: spread(s('hip')),
  };
}

/** The view's share of a rep's confidence: angles and even depth are less certain off the side. */
const VIEW_CONFIDENCE: Record<CameraView, number> = { side: 1, oblique: 0.85, front: 0.7, back: 0.7 };
/** Mean keypoint scores map to 0..1 between these (MoveNet's confident joints score 0.5-0.9). */
const SCORE_FLOOR = 0.2;
const SCORE_FULL = 0.5;

/** The joints a rep's numbers come from, scored over its frames, times the view's share. */
function repConfidence(frames: PoseFrame[], rep: RepSegment, joints: number[], view: CameraView, travel: number[]): number {
  let sum = 0;
  let count = 0;
  for (let i = rep.startIndex; i <= rep.endIndex; i++) {
    for (const k of joints) sum += frames[i].keypoints[k].score;
    count += joints.length;
  }
  const score = count ? Math.min(1, Math.max(0, (sum / count - SCORE_FLOOR) / (SCORE_FULL - SCORE_FLOOR))) : 0;
  // Frames where the signal itself was lost and bridged make the rep's timing a guess.
  const span = travel.slice(rep.startIndex, rep.endIndex + 1);
  const seen = span.length ? span.filter((v) => !Number.isNaN(v)).length / span.length : 0;
  return Math.round(score * seen * VIEW_CONFIDENCE[view] * 100) / 100;
}

/**
 * One set's per-rep measuring: the travel and the activity's series computed once over the whole
 * video, then each rep's confidence and judged analyses. The engine runs it on the reps it finds,
 * the proxy on the reps a coach edits (remeasure.ts), so both read the same numbers.
 */
export function setMeasurer(frames: PoseFrame[], info: FrameSize, fps: number, spec: ActivitySpec, view: CameraView) {
  const travel = travelSeries(frames, spec.travel, info.width, info.height, fps);
  const side = chooseSide(frames, MEASURES[spec.driver].joints);
  const cache = new Map<Measure, number[]>();
  const series = (m: Measure) => {
    if (!cache.has(m)) cache.set(m, smoothedSeries(frames, m, side, info.width, info.height, fps));
    return cache.get(m)!;
  };
  const joints = [...new Set([...travelJoints(spec.travel), ...MEASURES[spec.driver].joints])]
    .flatMap((limb) => (['left', 'right'] as const).map((s) => KP[`${s}${limb}` as Joint]));
  return {
    travel,
    series,
    measure: (rep: RepSegment): Pick<Rep, 'confidence' | 'analyses'> => ({
      confidence: repConfidence(frames, rep, joints, view, travel),
      analyses: judgeRep(spec.analyses({ rep, series, view }), view),
    }),
  };
}

export interface PoseAnalysis {
  status: 'Complete' | 'Failed';
  reason?: PoseFailure;
  domain: string | null;
  activity: string | null;
  view: CameraView | null;
  reps: Rep[];
  /** The samples the reps' angles were read from, worth a closer look (see `lookCloser`). */
  keySamples: number[];
}

/**
 * Everything after pose estimation, pure: frames in, the judged set out. Reps are found on
 * `frames`; their numbers are read from `measured` (the same samples, some looked at closer, see
 * `lookCloser`), so a closer look changes what a rep measures, never which reps there are.
 */
export function analyzePoses(
  frames: PoseFrame[], info: FrameSize, fps: number,
  { domain = null, activity = null }: { domain?: string | null; activity?: string | null },
  measured: PoseFrame[] = frames,
): PoseAnalysis {
  const failed = (reason: PoseFailure, found: Partial<PoseAnalysis> = {}): PoseAnalysis =>
    ({ status: 'Failed', reason, domain, activity, view: null, reps: [], keySamples: [], ...found });
  if (!personSeen(frames)) return failed('LOW_QUALITY_POSE_ESTIMATE');
  const resolved = activity ?? inferActivity(summarize(frames, info, fps), domain);
  if (!resolved) return failed('UNSUPPORTED_ACTIVITY');
  const spec = specOf(resolved);
  if (!spec) return failed('UNSUPPORTED_ACTIVITY');
  const { view } = detectView(frames, info.width, info.height);
  const found = { activity: resolved, domain: domainFor(resolved, domain), view };

  const measurer = setMeasurer(frames, info, fps, spec, view);
  const { travel, series } = measurer;
  const measuring = measured === frames ? measurer : setMeasurer(measured, info, fps, spec, view);
  if (coverage(travel) < MIN_COVERAGE) return failed('LOW_QUALITY_POSE_ESTIMATE', found);
  // Segment over the frames where the travel is known; long dropouts are simply skipped.
  const known = travel.flatMap((v, i) => (Number.isNaN(v) ? [] : [i]));
  const signal = known.map((i) => (spec.midIsTop ? -travel[i] : travel[i]));
  const segments = segmentReps(known.map((i) => frames[i].timeMs), signal, { minRange: spec.minTravel, openEnd: spec.openEnd });
  const keySamples: number[] = [];
  const reps: Rep[] = segments.flatMap((s) => {
    const rep = { ...s, startIndex: known[s.startIndex], bottomIndex: known[s.bottomIndex], endIndex: known[s.endIndex] };
    if (spec.midAt) {
      rep.bottomIndex = spec.midAt(series, rep);
      rep.bottomMs = frames[rep.bottomIndex].timeMs;
    }
    if (spec.isRep && !spec.isRep({ rep, series, view })) return [];
    keySamples.push(...(spec.keySamples?.({ rep, series, view }) ?? []));
    return {
      startTimestampMs: Math.round(s.startMs),
      midTimestampMs: Math.round(rep.bottomMs),
      endTimestampMs: Math.round(s.endMs),
      ...measuring.measure(rep),
    };
  });
  return { status: 'Complete', ...found, reps, keySamples };
}
