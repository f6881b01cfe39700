/**
 * The analysis engine: decode → pose per sampled frame → joint angles → reps → per-rep analyses.
 * Bad input never throws: it comes back as a Failed outcome with Guru's reason codes.
 */
import { JOINTS, type JointPoint, type Rep } from '../../src/contract/guru.ts';
import { domainFor, inferActivity, specOf, type BodySummary } from './activities.ts';
import {
  chooseSide, coverage, MEASURES, MIN_KEYPOINT_SCORE, rawSeries, smoothedSeries, type Measure, type PoseFrame,
} from './measures.ts';
import { segmentReps } from './segment.ts';
import { trackPose } from './track.ts';
import type { AnalysisOutcome, Analyzer, FailureReason } from './types.ts';
import { DecodeError, probeVideo, type VideoInfo } from './video.ts';

/** Below this share of frames with the driving joints seen, the video is not measurable. */
const MIN_COVERAGE = 0.6;
/** A person is present in a frame when at least this many keypoints are confident. */
const MIN_CONFIDENT_KEYPOINTS = 8;

function toJointPoints(frames: PoseFrame[], sourceFps: number): Record<string, JointPoint[]> {
  const out: Record<string, JointPoint[]> = Object.fromEntries(JOINTS.map((j) => [j, []]));
  const r = (x: number, d: number) => Math.round(x * d) / d;
  for (const f of frames) {
    const frameIdx = Math.round((f.timeMs * sourceFps) / 1000);
    JOINTS.forEach((part, k) => {
      const kp = f.keypoints[k];
      out[part].push({
        frame_idx: frameIdx,
        part,
        position: { x: r(kp.x, 1e4), y: r(kp.y, 1e4) },
        score: r(kp.score, 1e3),
        timestamp: r(f.timeMs / 1000, 1e3),
      });
    });
  }
  return out;
}

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

function summarize(frames: PoseFrame[], info: VideoInfo, fps: number): BodySummary {
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

export const analyzeVideo: Analyzer = async (videoPath, { domain = null, activity = null, signal }) => {
  const info = await probeVideo(videoPath, signal);
  const outcome = (status: AnalysisOutcome['status'], extra: Partial<AnalysisOutcome> = {}): AnalysisOutcome => ({
    status,
    domain,
    activity,
    fps: info?.fps ?? 0,
    width: info?.width ?? 0,
    height: info?.height ?? 0,
    durationMs: info?.durationMs ?? 0,
    reps: [],
    jointToPoints: {},
    ...extra,
  });
  const failed = (reason: FailureReason, extra: Partial<AnalysisOutcome> = {}) => outcome('Failed', { reason, ...extra });

  if (!info) return failed('UNDECODABLE_VIDEO');
  if (activity && !specOf(activity)) return failed('UNSUPPORTED_ACTIVITY');

  let tracked: Awaited<ReturnType<typeof trackPose>>;
  try {
    tracked = await trackPose(videoPath, info, signal);
  } catch (err) {
    if (err instanceof DecodeError) return failed('UNDECODABLE_VIDEO');
    if (signal?.aborted) throw err;
    console.error(`analysis of ${videoPath} failed:`, err);
    return failed('INTERNAL_ERROR');
  }
  const { frames, fps } = tracked;
  if (!frames.length) return failed('UNDECODABLE_VIDEO');
  // ffmpeg decodes what it can of a cut-off file and exits 0: judge how far it got.
  const decodedMs = frames[frames.length - 1].timeMs + 1000 / fps;
  if (info.durationMs - decodedMs > Math.max(1000, info.durationMs * 0.2)) return failed('TRUNCATED_VIDEO');
  const jointToPoints = toJointPoints(frames, info.fps);
  if (!personSeen(frames)) return failed('LOW_QUALITY_POSE_ESTIMATE', { jointToPoints });

  const resolved = activity ?? inferActivity(summarize(frames, info, fps), domain);
  if (!resolved) return failed('UNSUPPORTED_ACTIVITY', { jointToPoints });
  const spec = specOf(resolved)!;
  const found = { activity: resolved, domain: domainFor(resolved, domain), jointToPoints };

  const side = chooseSide(frames, MEASURES[spec.driver].joints);
  if (coverage(rawSeries(frames, spec.driver, side, info.width, info.height)) < MIN_COVERAGE) {
    return failed('LOW_QUALITY_POSE_ESTIMATE', found);
  }
  const cache = new Map<Measure, number[]>();
  const series = (m: Measure) => {
    if (!cache.has(m)) cache.set(m, smoothedSeries(frames, m, side, info.width, info.height, fps));
    return cache.get(m)!;
  };
  // Segment over the frames where the driver is known; long dropouts are simply skipped.
  const driver = series(spec.driver);
  const known = driver.flatMap((v, i) => (Number.isNaN(v) ? [] : [i]));
  const segments = segmentReps(known.map((i) => frames[i].timeMs), known.map((i) => driver[i]), {
    minRangeDeg: spec.minRangeDeg,
  });
  const reps: Rep[] = segments.map((s) => {
    const rep = { ...s, startIndex: known[s.startIndex], bottomIndex: known[s.bottomIndex], endIndex: known[s.endIndex] };
    return {
      startTimestampMs: Math.round(s.startMs),
      midTimestampMs: Math.round(s.bottomMs),
      endTimestampMs: Math.round(s.endMs),
      analyses: spec.analyses({ rep, series }),
    };
  });
  return outcome('Complete', { ...found, reps });
};
