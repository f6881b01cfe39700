/**
 * Pose tracking over a video: decode sampled frames, run the pose model on a crop that follows
 * the person, and hand back one keypoint set per sampled frame.
 */
import type { PoseFrame } from './measures.ts';
import { estimatePose, fullFrameRegion, inferenceCount, loadPoseModel, nextRegion, type Region } from './pose.ts';
import { decodeSize, readFrames, type VideoInfo } from './video.ts';

/**
 * Frames analysed per second. Reps last 0.7 s (fast push-ups) to several seconds, so 15 fps
 * gives at least ~10 samples per rep and puts the sampled bottom within 33 ms of the true one,
 * while costing under half of real time on one core (~30 ms per frame with decode; 720p videos
 * measured 0.41-0.47 of their duration on this 2-core machine). 12 fps measured 0.41 under
 * heavier load with the same counts on the 32-video bench set, but missed one rep of a clean
 * 720p push-up video: the speed lever to pull if the budget tightens.
 */
export const SAMPLE_FPS = 15;
/** Frames are decoded at this long side: the pose crop then still has ~2 source px per input px. */
const DECODE_LONG_SIDE = 384;
/**
 * While nobody is tracked, one tile is searched every this many frames: an empty stretch (a
 * walk-in, a title card) then costs ~1.3 inferences per frame instead of 2, and a person seen
 * only in a tile is still found within ~0.6 s (three tiles).
 */
const SEARCH_EVERY = 3;

/**
 * Square windows covering the frame along its long side (left, centre, right for landscape):
 * on a wide frame letterboxed into the model's square input a small person can be missed
 * altogether, so while nobody is tracked these are tried in turn.
 */
export function searchTiles(width: number, height: number): Region[] {
  const side = Math.min(width, height);
  const long = Math.max(width, height);
  if (long / side < 1.2) return [];
  const at = [0, (long - side) / 2, long - side];
  return at.map((o) => (width >= height ? { x: o, y: 0, size: side } : { x: 0, y: o, size: side }));
}

/**
 * Pose per sampled frame, tracking a crop around the person (see `nextRegion`). A tracked frame
 * costs one inference, also when the person fills the frame; only a lost torso costs more: a tile
 * of the search every few frames, and one closer look at the frame where the person is found again.
 */
export async function trackPose(
  path: string, info: VideoInfo, signal?: AbortSignal,
): Promise<{ frames: PoseFrame[]; fps: number; inferences: number }> {
  const model = await loadPoseModel();
  const before = inferenceCount();
  const size = decodeSize(info, DECODE_LONG_SIDE);
  const fps = Math.min(SAMPLE_FPS, info.fps);
  const full = fullFrameRegion(size.width, size.height);
  const tiles = searchTiles(size.width, size.height);
  const frames: PoseFrame[] = [];
  /** Where the person was last seen; null while nobody is tracked. */
  let region: Region | null = null;
  let searches = 0;
  let lostFrames = 0;
  for await (const frame of readFrames(path, size, fps, signal)) {
    let keypoints = await estimatePose(model, frame, region ?? full);
    let next = nextRegion(keypoints, frame.width, frame.height);
    if (!region && !next && tiles.length && lostFrames++ % SEARCH_EVERY === 0) {
      // Nobody found on the whole frame: look closer at one part of it.
      next = nextRegion(await estimatePose(model, frame, tiles[searches++ % tiles.length]), frame.width, frame.height);
    }
    if (next) lostFrames = 0;
    // Just (re)acquired the person: look again, closer, so this frame is measured too.
    if (!region && next && next.size < full.size) {
      keypoints = await estimatePose(model, frame, next);
      next = nextRegion(keypoints, frame.width, frame.height);
    }
    region = next;
    frames.push({ timeMs: frame.timeMs, keypoints });
  }
  return { frames, fps, inferences: inferenceCount() - before };
}
