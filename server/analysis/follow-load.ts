/**
 * The load's point (velocity.ts: the wrist on a bar, the shoulder under it or over the hands)
 * followed by its image through the set, for velocity and bar path.
 *
 * The pose model places a joint with a bias that changes with the pose: a bench press's wrist
 * read 13-25 px low as the arm passes vertical, a push-up's shoulder 4-5 px high at the bottom.
 * Harmless for angles, it shrinks a rep's rise by 20-40%, and its velocity with it. So, as
 * velocity apps follow a bar end, a patch placed where the model saw the joint best (the grip, for
 * hands) is followed frame by frame through the set (image-match.ts). Where the patch cannot be
 * trusted to have stayed on the joint, the set keeps the model's keypoints. A deadlift is not
 * followed: its hands pass the legs, and the patch slid onto them in every generated set and in
 * the real one (its keypoints read within 5-7% on a clean background).
 */
import { JOINTS, type JointPoint, type Rep } from '../../src/contract/guru.ts';
import { median } from '../../src/contract/smooth.ts';
import { statureOf, TOP_SEARCH_MS, trackedJoint, trackedPointOf } from '../../src/contract/velocity.ts';
import { toJointPoints } from '../measure/joint-points.ts';
import type { PoseFrame } from '../measure/measures.ts';
import { followPatch, type Image, type Spot } from './image-match.ts';
import type { Frame, VideoInfo } from './video.ts';

/**
 * Frames are shrunk so the athlete stands this tall, px: a bench press's rise (13% of stature) is
 * then ~26 px, followed to a tenth. 160 measured as well on generated video but (with every patch
 * pixel read) lost a real squat set (the patch came back 16% off); 240 costs twice as much.
 */
const STATURE_PX = 200;
/** Patch radius: a hand or a shoulder with a little of what surrounds it. */
const PATCH_OF_STATURE = 0.07;
/** The middle of the hand, where a bar is gripped: half of Winter's hand length (0.108 of stature) beyond the wrist. */
const GRIP_OF_STATURE = 0.054;
/**
 * The search reaches this far around where the last step's motion leads, so it covers a change of
 * speed rather than the speed: the fastest generated ascent, a 0.55 s squat, moves the shoulder up
 * to 9.3% of stature per 15 fps sample, but that step changes by at most 4.0% from one to the next.
 */
const REACH_OF_STATURE = 0.06;
/**
 * The followed range reaches this far beyond what velocity.ts reads (from the first rep's start to
 * 1 s past the last one's end): the followed spot sits a few pixels off the keypoint, and the
 * smoothing (a median of 5, a median of 3, a 5-point Savitzky-Golay: 5 samples, 0.33 s at 15 fps
 * each way) must not carry the step where the keypoints take over into a rep's top.
 */
const MARGIN_MS = 500;
/** A seed below this keypoint score is no place to start. */
const MIN_SEED_SCORE = 0.3;
/**
 * Trust checks, on the set as a whole. On the 12 generated velocity cases, a patch that stayed on
 * the joint came back from either end of the set within 3.3% of stature of where it went out and
 * stayed within 2.1% (median) of the keypoints; one that slid onto the legs as a deadlift's hands
 * passed them came back 13-24% off and strayed 5.6-21%. On real clips the round trip runs longer:
 * 2.0-9.7% (by settings) on two bodyweight squat sets whose patch stayed on the shoulder (checked
 * by eye), 39% and more on a backlit push-up set whose patch slid down the arm. The match score is
 * no check: a blurred phone frame matched at 0.6 with the patch still on the shoulder.
 */
const MAX_ROUND_TRIP_OF_STATURE = 0.1;
const MAX_MEDIAN_STRAY_OF_STATURE = 0.035;

/** The box around the joint's keypoints, widened by this, is all the follower keeps of a frame. */
const CROP_MARGIN_OF_STATURE = 0.25;
/**
 * The follower holds the set's frames for its way back. Past this (a set of 60-90 s at 70-100 KB a
 * frame) the set keeps its keypoints rather than grow a worker's memory without bound.
 */
const MAX_HELD_BYTES = 96 * 1024 * 1024;

/**
 * The samples the set's velocity reads, as one range: from just before its first rep to where
 * velocity.ts stops looking for its last rep's top. One range, one seed: separately seeded reps
 * would each carry their own offset from the joint, and a rep's top, read across the seam into
 * the next rep, would jump by the difference.
 */
function setWindow(frames: readonly PoseFrame[], reps: readonly Pick<Rep, 'startTimestampMs' | 'endTimestampMs'>[]): { from: number; to: number } | null {
  const first = reps[0].startTimestampMs - MARGIN_MS;
  const last = reps[reps.length - 1].endTimestampMs + TOP_SEARCH_MS + MARGIN_MS;
  const inside = frames.flatMap((f, k) => (f.timeMs >= first && f.timeMs <= last ? [k] : []));
  return inside.length >= 2 ? { from: inside[0], to: inside[inside.length - 1] } : null;
}

/**
 * The joint's spots through the set's images, or null when the patch cannot be trusted: followed
 * out from the best-seen sample both ways, then back from each end, which must return to where it
 * went, and never far from the keypoints. The patch is centred `aim` away from the joint.
 */
function followThrough(images: readonly Image[], points: readonly Spot[], stature: number, aimAt: (seed: number) => { x: number; y: number }): Spot[] | null {
  const seed = points.reduce((best, p, i) => (p.score > points[best].score ? i : best), 0);
  if (points[seed].score < MIN_SEED_SCORE) return null;
  const aim = aimAt(seed);
  const options = { radius: Math.max(4, Math.round(PATCH_OF_STATURE * stature)), reach: Math.max(4, Math.round(REACH_OF_STATURE * stature)) };
  const last = images.length - 1;
  const ahead = followPatch(images, seed, last, { x: points[seed].x + aim.x, y: points[seed].y + aim.y }, options);
  const behind = ahead && followPatch(images, seed, 0, ahead[0], options);
  if (!ahead || !behind) return null;
  // One per image: behind runs seed→0, ahead seed→last.
  const spots = [...behind.slice(1).reverse(), ...ahead].map((s) => ({ ...s, x: s.x - aim.x, y: s.y - aim.y }));
  const stray = spots.flatMap((s, i) => (points[i].score >= MIN_SEED_SCORE ? [Math.hypot(s.x - points[i].x, s.y - points[i].y)] : []));
  if (median(stray) > MAX_MEDIAN_STRAY_OF_STATURE * stature) return null;
  // The way back, from each end to the seed.
  const aheadBack = followPatch(images, last, seed, ahead[ahead.length - 1], options);
  const behindBack = followPatch(images, 0, seed, behind[behind.length - 1], options);
  if (!aheadBack || !behindBack) return null;
  const back = [...behindBack.slice(0, -1), ...aheadBack.slice().reverse()].map((s) => ({ x: s.x - aim.x, y: s.y - aim.y }));
  const roundTrip = Math.max(...spots.map((s, i) => Math.hypot(s.x - back[i].x, s.y - back[i].y)));
  return roundTrip <= MAX_ROUND_TRIP_OF_STATURE * stature ? spots : null;
}

/** Frames a pass over the video should hand over: the closer look's decode (track.ts) serves the follower too. */
export interface FramesWanted {
  /** Ascending sample indices. */
  samples: readonly number[];
  /** The decode's long side the taker needs at least, px. */
  longSide: number;
  /** Each wanted frame, decoded at least `longSide` long. */
  take(frame: Frame): void;
}

export interface LoadFollower extends FramesWanted {
  /**
   * `measured` with the load's joint replaced through the set by the followed spots (scored by
   * their image match), once every wanted frame was taken; null when the patch cannot be trusted:
   * then the whole set keeps the keypoints, for a set measured half one way and half the other
   * would show the two methods' difference as velocity loss.
   */
  finish(measured: PoseFrame[]): { frames: PoseFrame[]; joint: string } | null;
}

/**
 * The follower for a set, or null where none applies (no tracked point, a deadlift, no stature,
 * no reps, a set too long to hold). It keeps, of each wanted frame, only the part the joint moves
 * through, at a scale where the athlete stands STATURE_PX tall (70-100 KB a frame measured).
 */
export function planFollow(info: VideoInfo, frames: readonly PoseFrame[], activity: string | null, reps: readonly Rep[]): LoadFollower | null {
  const point = activity === 'deadlift' ? null : trackedPointOf(activity);
  const j2p: Record<string, JointPoint[]> = toJointPoints([...frames], info.fps);
  const fullStature = point && statureOf(j2p, info.width, info.height, activity);
  const window = reps.length ? setWindow(frames, reps) : null;
  if (!point || !fullStature || !window) return null;
  const samples = Array.from({ length: window.to - window.from + 1 }, (_, k) => window.from + k);
  // Both sides are kept: which one is followed is decided on the closer look's keypoints.
  const part = point === 'hands' ? 'Wrist' : 'Shoulder';
  const sides = [`left${part}`, `right${part}`].map((name) => JOINTS.indexOf(name as (typeof JOINTS)[number]));
  const seen = samples.flatMap((i) => sides.map((k) => frames[i].keypoints[k])).filter((p) => p.score >= MIN_SEED_SCORE);
  if (!seen.length) return null;
  // Work pixels: source pixels times `scale`. The crop is in work pixels.
  const scale = Math.min(1, STATURE_PX / fullStature);
  const stature = fullStature * scale;
  const margin = CROP_MARGIN_OF_STATURE * stature;
  const xs = seen.map((p) => p.x * info.width * scale);
  const ys = seen.map((p) => p.y * info.height * scale);
  const crop = {
    x: Math.max(0, Math.floor(Math.min(...xs) - margin)),
    y: Math.max(0, Math.floor(Math.min(...ys) - margin)),
  };
  const width = Math.max(1, Math.min(Math.floor(info.width * scale), Math.ceil(Math.max(...xs) + margin)) - crop.x);
  const height = Math.max(1, Math.min(Math.floor(info.height * scale), Math.ceil(Math.max(...ys) + margin)) - crop.y);
  if (samples.length * width * height * 3 > MAX_HELD_BYTES) return null;
  const images: Image[] = [];
  return {
    samples,
    longSide: Math.ceil(scale * Math.max(info.width, info.height)),
    take: (frame) => images.push(shrink(frame, crop, width, height, scale * (info.width / frame.width))),
    finish(measured) {
      if (images.length !== samples.length) return null;
      const joint = JOINTS.indexOf(trackedJoint(toJointPoints(measured, info.fps), point) as (typeof JOINTS)[number]);
      const points = samples.map((i) => {
        const p = measured[i].keypoints[joint];
        return { x: p.x * info.width * scale - crop.x, y: p.y * info.height * scale - crop.y, score: p.score };
      });
      // A bar sits in the grip, beyond the wrist along the forearm: the patch is aimed there, where
      // hand and bar move as one, rather than at the wrist, whose patch holds a turning forearm.
      const elbow = JOINTS.indexOf(JOINTS[joint].replace('Wrist', 'Elbow') as (typeof JOINTS)[number]);
      const aimAt = (seed: number) => {
        const e = measured[window.from + seed].keypoints[elbow];
        const w = points[seed];
        if (point !== 'hands' || e.score < MIN_SEED_SCORE) return { x: 0, y: 0 };
        const [dx, dy] = [w.x - (e.x * info.width * scale - crop.x), w.y - (e.y * info.height * scale - crop.y)];
        const along = (GRIP_OF_STATURE * stature) / (Math.hypot(dx, dy) || 1);
        return { x: dx * along, y: dy * along };
      };
      const spots = followThrough(images, points, stature, aimAt);
      if (!spots) return null;
      const out = [...measured];
      spots.forEach((s, k) => {
        const f = out[window.from + k];
        const keypoints = [...f.keypoints];
        const x = (s.x + crop.x) / (info.width * scale);
        const y = (s.y + crop.y) / (info.height * scale);
        keypoints[joint] = { x, y, score: Math.max(0, Math.min(1, s.score)) };
        out[window.from + k] = { ...f, keypoints };
      });
      return { frames: out, joint: JOINTS[joint] };
    },
  };
}

/**
 * The work-pixel box (x, y, width × height) of a decoded frame, whose pixels are `factor` work
 * pixels each (about 1 or less): each work pixel the mean of the frame pixels it covers.
 */
function shrink(frame: Frame, at: { x: number; y: number }, width: number, height: number, factor: number): Image {
  const data = new Uint8Array(width * height * 3);
  const step = 1 / factor;
  const edge = (work: number, limit: number) => Math.min(limit, Math.floor(work * step));
  for (let oy = 0; oy < height; oy++) {
    const y0 = edge(at.y + oy, frame.height - 1);
    const y1 = Math.max(y0 + 1, edge(at.y + oy + 1, frame.height));
    for (let ox = 0; ox < width; ox++) {
      const x0 = edge(at.x + ox, frame.width - 1);
      const x1 = Math.max(x0 + 1, edge(at.x + ox + 1, frame.width));
      let r = 0;
      let g = 0;
      let b = 0;
      for (let y = y0; y < y1; y++) {
        for (let x = x0, p = (y * frame.width + x0) * 3; x < x1; x++, p += 3) {
          r += frame.data[p];
          g += frame.data[p + 1];
          b += frame.data[p + 2];
        }
      }
      const n = (y1 - y0) * (x1 - x0);
      const o = (oy * width + ox) * 3;
      data[o] = r / n;
      data[o + 1] = g / n;
      data[o + 2] = b / n;
    }
  }
  return { width, height, data };
}
