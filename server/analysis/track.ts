/**
 * Pose tracking over a video: decode sampled frames, run the pose model on a crop that follows
 * the person, and hand back one keypoint set per sampled frame.
 */
import type { Keypoint, PoseFrame } from '../measure/measures.ts';
import { estimatePose, fullFrameRegion, INPUT_SIZE, inferenceCount, loadPoseModel, nextRegion, type Region } from './pose.ts';
import type { FramesWanted } from './follow-load.ts';
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
 * Square windows tried in turn while nobody is tracked: the short side's square along the long
 * side (left, centre, right for landscape), since a small person letterboxed into the model's
 * square input can be missed altogether; then half-size squares over the whole frame, for an
 * athlete far away (a push-up at a quarter of the frame's height on a busy background was found
 * by none of the larger windows).
 */
function searchTiles(width: number, height: number): Region[] {
  const side = Math.min(width, height);
  const long = Math.max(width, height);
  const wide = long / side < 1.2 ? [] : [0, (long - side) / 2, long - side].map((o) =>
    (width >= height ? { x: o, y: 0, size: side } : { x: 0, y: o, size: side }));
  const half = side / 2;
  const steps = (extent: number) => {
    const n = Math.max(2, Math.ceil(extent / half));
    return Array.from({ length: n }, (_, i) => (i * (extent - half)) / (n - 1));
  };
  // Bottom row first: athletes stand or lie on the floor, in the lower part of most frames.
  const small = steps(height).reverse().flatMap((y) => steps(width).map((x) => ({ x, y, size: half })));
  return [...wide, ...small];
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
  let seen = false;
  for await (const frame of readFrames(path, size, fps, signal)) {
    let keypoints = await estimatePose(model, frame, region ?? full);
    let next = nextRegion(keypoints, frame.width, frame.height);
    // Until someone is first found, every frame tries a tile: the first rep may start at once.
    if (!region && !next && tiles.length && lostFrames++ % (seen ? SEARCH_EVERY : 1) === 0) {
      // Nobody found on the whole frame: look closer at one part of it.
      next = nextRegion(await estimatePose(model, frame, tiles[searches++ % tiles.length]), frame.width, frame.height);
    }
    if (next) [lostFrames, seen] = [0, true];
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

/** A close look's square is the confident keypoints' extent times this (room for hands and feet). */
const CLOSE_MARGIN = 1.25;
/** Decoded pixels per model input pixel on the close look's square, as on the tracked crop. */
const CLOSE_PX_PER_INPUT = 2;
const CLOSE_MIN_SCORE = 0.3;
/** A close look is kept only when it sees at least this many keypoints confidently. */
const CLOSE_MIN_KEYPOINTS = 8;

/** A square around a frame's confident keypoints (0..1 units), or null when too few are seen. */
function closeSquare(points: Keypoint[], width: number, height: number): Region | null {
  const seen = points.filter((p) => p.score >= CLOSE_MIN_SCORE);
  if (seen.length < CLOSE_MIN_KEYPOINTS) return null;
  const xs = seen.map((p) => p.x * width);
  const ys = seen.map((p) => p.y * height);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const half = (Math.max(x1 - x0, y1 - y0) / 2) * CLOSE_MARGIN;
  return { x: (x0 + x1) / 2 - half, y: (y0 + y1) / 2 - half, size: 2 * half };
}

/**
 * A second, closer look at the samples a rep's angles are read from: the pose model run again on
 * a square just around the person (the tracker's crop leaves room to follow the movement, and the
 * model then places hip and shoulder a few percent of stature off on a compact pose such as a
 * deadlift's set-up), decoded sharper so the square keeps ~2 pixels per model input pixel. One
 * decode of the video for all the samples, which also hands `also` the frames it wants (the load
 * follower's: a decode costs as much as the tracking itself on a 720p video). A sample whose close
 * look sees too little keeps its first estimate. Returns a copy of `frames`.
 */
export async function lookCloser(
  path: string, info: VideoInfo, frames: PoseFrame[], fps: number, samples: number[], signal?: AbortSignal, also?: FramesWanted,
): Promise<PoseFrame[]> {
  const wanted = [...new Set(samples)].filter((i) => i >= 0 && i < frames.length).sort((a, b) => a - b);
  const squares = new Map(wanted.flatMap((i) => {
    const square = closeSquare(frames[i].keypoints, info.width, info.height);
    return square ? [[i, square] as const] : [];
  }));
  const taken = new Set(also?.samples ?? []);
  if (!squares.size && !taken.size) return frames;
  const model = await loadPoseModel();
  // One decode size for all: the smallest square gets its ~2 pixels per input pixel.
  const smallest = Math.min(...[...squares.values()].map((r) => r.size));
  const scale = squares.size ? Math.min(1, (CLOSE_PX_PER_INPUT * INPUT_SIZE) / smallest) : 0;
  const size = decodeSize(info, Math.max(DECODE_LONG_SIDE, scale * Math.max(info.width, info.height), also?.longSide ?? 0));
  const decoded = [...new Set([...squares.keys(), ...taken])].sort((a, b) => a - b);
  const out = [...frames];
  for await (const frame of readFrames(path, size, fps, signal, decoded)) {
    if (taken.has(frame.index)) also!.take(frame);
    const square = squares.get(frame.index);
    if (!square) continue;
    const [sx, sy] = [size.width / info.width, size.height / info.height];
    const region = { x: square.x * sx, y: square.y * sy, size: square.size * sx };
    const keypoints = await estimatePose(model, frame, region);
    if (keypoints.filter((k) => k.score >= CLOSE_MIN_SCORE).length >= CLOSE_MIN_KEYPOINTS) {
      out[frame.index] = { ...frames[frame.index], keypoints };
    }
  }
  return out;
}
