/** What the analysis engine hands back to the local Guru (which serves it in Guru's shapes). */
import type { CameraView, JointPoint, Rep } from '../../src/contract/guru.ts';

export type FailureReason =
  /** No person, or too few confident keypoints to measure anything. */
  | 'LOW_QUALITY_POSE_ESTIMATE'
  /** ffmpeg could not read the file as a video. */
  | 'UNDECODABLE_VIDEO'
  /** The frames end far short of the duration the container declares: a cut-off or damaged file. */
  | 'TRUNCATED_VIDEO'
  /** The activity is not one this engine can measure, and could not be inferred. */
  | 'UNSUPPORTED_ACTIVITY'
  | 'INTERNAL_ERROR';

export interface AnalyzeOptions {
  domain?: string | null;
  activity?: string | null;
  signal?: AbortSignal;
}

export interface AnalysisOutcome {
  status: 'Complete' | 'Failed';
  reason?: FailureReason;
  domain: string | null;
  activity: string | null;
  /** The camera view found from the pose (a RepLens extension of Guru's analysis answer). */
  view: CameraView | null;
  /** Source frame rate and display size (after rotation metadata is applied). */
  fps: number;
  width: number;
  height: number;
  durationMs: number;
  reps: Rep[];
  /** Guru j2p shape: per joint, one point per analysed frame; positions 0..1, timestamps in s. */
  jointToPoints: Record<string, JointPoint[]>;
  /**
   * The joint followed by its image through the set (follow-load.ts), null when the keypoints stand:
   * a RepLens extension of the j2p answer, so velocity knows how far to trust a lying lift's speeds.
   */
  followedJoint?: string | null;
  /** Pose model runs spent (set by the worker pool; a bench statistic, not part of Guru's answers). */
  inferences?: number;
}

export type Analyzer = (videoPath: string, options: AnalyzeOptions) => Promise<AnalysisOutcome>;
