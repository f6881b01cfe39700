/**
 * The analysis engine: decode → pose per sampled frame → joint angles → reps → a closer look at
 * the samples each rep's angles are read from → per-rep analyses (the pure part is server/measure).
 * Then the load's joint is followed by its image through the set (follow-load.ts), for velocity.
 * Bad input never throws: it comes back as a Failed outcome with Guru's reason codes.
 */
import { analyzePoses } from '../measure/analyze-poses.ts';
import { specOf } from '../measure/activities.ts';
import { toJointPoints } from '../measure/joint-points.ts';
import { planFollow } from './follow-load.ts';
import { lookCloser, trackPose } from './track.ts';
import type { AnalysisOutcome, Analyzer, FailureReason } from './types.ts';
import { DecodeError, probeVideo } from './video.ts';

export const analyzeVideo: Analyzer = async (videoPath, { domain = null, activity = null, signal }) => {
  const info = await probeVideo(videoPath, signal);
  const outcome = (status: AnalysisOutcome['status'], extra: Partial<AnalysisOutcome> = {}): AnalysisOutcome => ({
    status,
    domain,
    activity,
    view: null,
    fps: info?.fps ?? 0,
    width: info?.width ?? 0,
    height: info?.height ?? 0,
    durationMs: info?.durationMs ?? 0,
    reps: [],
    jointToPoints: {},
    ...extra,
  });
  const failed = (reason: FailureReason) => outcome('Failed', { reason });

  if (!info) return failed('UNDECODABLE_VIDEO');
  if (activity && !specOf(activity)) return failed('UNSUPPORTED_ACTIVITY');

  try {
    const { frames, fps } = await trackPose(videoPath, info, signal);
    if (!frames.length) return failed('UNDECODABLE_VIDEO');
    // ffmpeg decodes what it can of a cut-off file and exits 0: judge how far it got.
    const decodedMs = frames[frames.length - 1].timeMs + 1000 / fps;
    if (info.durationMs - decodedMs > Math.max(1000, info.durationMs * 0.2)) return failed('TRUNCATED_VIDEO');
    let analysis = analyzePoses(frames, info, fps, { domain, activity });
    let measured = frames;
    // Velocity reads the load's joint through the set: the follower takes its frames from the
    // closer look's decode, and follows the joint once that look is in.
    const follower = analysis.status === 'Complete' ? planFollow(info, frames, analysis.activity, analysis.reps) : null;
    // The angles are read from a few samples per rep: look at those again, closer, and measure the
    // same reps from the better keypoints (which j2p then carries, so a coach's edit reads them too).
    if (analysis.keySamples.length || follower) {
      measured = await lookCloser(videoPath, info, frames, fps, analysis.keySamples, signal, follower ?? undefined).catch((err: unknown) => {
        if (signal?.aborted) throw err;
        // The first pass decoded this video: its keypoints still measure the reps.
        console.error(`closer look at ${videoPath} failed, measuring from the tracked keypoints:`, err);
        return frames;
      });
      analysis = analyzePoses(frames, info, fps, { domain, activity }, measured);
    }
    // The followed joint, where trusted, replaces the keypoints, and the reps are measured again
    // from it, so the table, the skeleton and a coach's edit all read the same points.
    let followed: ReturnType<NonNullable<typeof follower>['finish']> = null;
    try {
      followed = follower?.finish(measured) ?? null;
    } catch (err) {
      console.error(`following the load in ${videoPath} failed, keeping the keypoints:`, err);
    }
    if (followed) {
      measured = followed.frames;
      analysis = analyzePoses(frames, info, fps, { domain, activity }, measured);
    }
    const { reason, keySamples: _, ...result } = analysis;
    return outcome(result.status, { ...result, ...(reason ? { reason } : {}), jointToPoints: toJointPoints(measured, info.fps), followedJoint: followed?.joint ?? null });
  } catch (err) {
    if (err instanceof DecodeError) return failed('UNDECODABLE_VIDEO');
    if (signal?.aborted) throw err;
    console.error(`analysis of ${videoPath} failed:`, err);
    return failed('INTERNAL_ERROR');
  }
};
