/**
 * Reps measured where the coach put them: the engine's own per-rep measuring (`setMeasurer`: the
 * same series, activity specs and judging) over boundaries given in milliseconds, from joint data
 * in Guru's j2p shape, so an edited rep reads as a detected one would. Pure and model-free: the
 * proxy runs it on j2p from the local or the cloud Guru.
 */
import type { CameraView, JointPoint, Rep } from '../../src/contract/guru.ts';
import { specOf } from './activities.ts';
import { setMeasurer } from './analyze-poses.ts';
import { framesFromJointPoints } from './joint-points.ts';
import type { PoseFrame } from './measures.ts';
import type { RepSegment } from './segment.ts';
import { detectView } from './view.ts';

export interface RepBounds {
  startTimestampMs: number;
  /** The bottom (a deadlift's lockout); found from the movement when not given. */
  midTimestampMs?: number | null;
  endTimestampMs: number;
}

/** The sampling rate of the joint data (the engine smooths per sample, not per video frame). */
function sampleRate(frames: PoseFrame[]): number {
  const gaps = frames.slice(1).map((f, i) => f.timeMs - frames[i].timeMs).filter((g) => g > 0).sort((a, b) => a - b);
  return gaps.length ? 1000 / gaps[Math.floor(gaps.length / 2)] : 15;
}

/** Index of the frame nearest `ms` (frames sorted by time). */
function nearest(frames: PoseFrame[], ms: number): number {
  let lo = 0;
  let hi = frames.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (frames[mid].timeMs < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && ms - frames[lo - 1].timeMs < frames[lo].timeMs - ms ? lo - 1 : lo;
}

export class RemeasureError extends Error {}

/**
 * Each rep's confidence and analyses where the coach put it. Throws RemeasureError when there is
 * nothing to measure from (no joint data, an activity the engine does not measure).
 */
export function measureReps(
  jointToPoints: Record<string, JointPoint[]>,
  size: { width: number; height: number },
  activity: string,
  view: CameraView | null,
  bounds: RepBounds[],
): Rep[] {
  const spec = specOf(activity);
  if (!spec) throw new RemeasureError(`The analysis does not measure ${activity}.`);
  const frames = framesFromJointPoints(jointToPoints);
  if (frames.length < 2) throw new RemeasureError('This video has no joint data to measure reps from.');
  const seenView = view ?? detectView(frames, size.width, size.height).view;
  const measurer = setMeasurer(frames, size, sampleRate(frames), spec, seenView);
  return bounds.map((b) => {
    const startIndex = nearest(frames, b.startTimestampMs);
    const endIndex = Math.max(startIndex, nearest(frames, b.endTimestampMs));
    const mid = b.midTimestampMs ?? undefined;
    const bottomIndex = mid !== undefined
      ? Math.min(endIndex, Math.max(startIndex, nearest(frames, mid)))
      : deepestAt(measurer, spec.midIsTop === true, startIndex, endIndex);
    let rep: RepSegment = {
      startIndex, bottomIndex, endIndex,
      startMs: b.startTimestampMs, bottomMs: frames[bottomIndex].timeMs, endMs: b.endTimestampMs,
      range: NaN,
    };
    if (mid === undefined && spec.midAt) {
      const at = spec.midAt(measurer.series, rep);
      rep = { ...rep, bottomIndex: at, bottomMs: frames[at].timeMs };
    } else if (mid !== undefined) {
      rep.bottomMs = mid;
    }
    // The nearest sample may lie just past an edge the coach placed between two samples.
    rep.bottomMs = Math.min(rep.endMs, Math.max(rep.startMs, rep.bottomMs));
    return {
      startTimestampMs: Math.round(rep.startMs),
      midTimestampMs: Math.round(rep.bottomMs),
      endTimestampMs: Math.round(rep.endMs),
      ...measurer.measure(rep),
    };
  });
}

/** The rep's bottom from the travel: its lowest point (a deadlift's highest: the lockout). */
function deepestAt(measurer: ReturnType<typeof setMeasurer>, top: boolean, from: number, to: number): number {
  let at = Math.round((from + to) / 2);
  let best = NaN;
  for (let i = from; i <= to; i++) {
    const v = top ? -measurer.travel[i] : measurer.travel[i];
    if (!Number.isNaN(v) && (Number.isNaN(best) || v < best)) {
      best = v;
      at = i;
    }
  }
  return at;
}
