/**
 * Joint data (j2p) of a body with known motion and known stature, for the tests of velocity.ts
 * and of what is built on it (the athlete export): the expected velocities follow from the motion.
 */
import { JOINTS, type JointPoint } from './guru.ts';

/** The frame, the sampling rate and the body's stature in pixels. */
export const SYNTHETIC = { W: 640, H: 480, FPS: 30, S: 300 } as const;
const { W, H, FPS, S } = SYNTHETIC;

export type Pose = Partial<Record<string, { x: number; y: number }>>;

/** j2p of `seconds` of poses (pixels), both sides at the same place, every joint well seen. */
export function j2pOf(seconds: number, poseAt: (ms: number) => Pose): Record<string, JointPoint[]> {
  const out: Record<string, JointPoint[]> = Object.fromEntries(JOINTS.map((j) => [j, []]));
  for (let i = 0; i <= seconds * FPS; i++) {
    const ms = (i * 1000) / FPS;
    const pose = poseAt(ms);
    for (const joint of JOINTS) {
      const p = pose[joint.replace(/^(left|right)/, '')];
      if (p) out[joint].push({ frame_idx: i, part: joint, position: { x: p.x / W, y: p.y / H }, score: 0.9, timestamp: ms / 1000 });
    }
  }
  return out;
}

/** A standing body moved `drop` pixels down (segment lengths, hence the stature, stay known). */
export function standing(drop: number, { headless = false } = {}): Pose {
  const ankle = { x: 320, y: 440 - 0.2 * S + drop };
  const knee = { x: 320, y: ankle.y - 0.246 * S };
  const hip = { x: 320, y: knee.y - 0.245 * S };
  const shoulder = { x: 330, y: hip.y - 0.288 * S };
  // Eye level 0.897 of stature above the ankles (nose and eyes alike, for simplicity).
  const eyes = { x: 340, y: ankle.y - 0.897 * S };
  const head = headless ? {} : { nose: eyes, Eye: eyes };
  // Arms hanging: upper arm and forearm at their fractions of stature too.
  const elbow = { x: 330, y: shoulder.y + 0.186 * S };
  const wrist = { x: 330, y: elbow.y + 0.146 * S };
  return { Ankle: ankle, Knee: knee, Hip: hip, Shoulder: shoulder, Elbow: elbow, Wrist: wrist, ...head };
}

/**
 * Reps: 1 s down, a 0.2 s pause, up at a constant speed of `speeds[i]` px/s over `depth` pixels,
 * 1 s standing. Returns the rep boundaries and the pose function.
 */
export function squatSet(speeds: number[], depth = 150) {
  const reps: { startTimestampMs: number; midTimestampMs: number; endTimestampMs: number }[] = [];
  let at = 1000;
  for (const speed of speeds) {
    const up = (depth / speed) * 1000;
    reps.push({ startTimestampMs: at, midTimestampMs: at + 1100, endTimestampMs: at + 1200 + up });
    at += 1200 + up + 1000;
  }
  const dropAt = (ms: number) => {
    for (const [i, r] of reps.entries()) {
      if (ms < r.startTimestampMs || ms > r.endTimestampMs) continue;
      const into = ms - r.startTimestampMs;
      if (into < 1000) return depth * (1 - Math.cos((Math.PI * into) / 1000)) / 2;
      if (into < 1200) return depth;
      return Math.max(0, depth - (speeds[i] * (into - 1200)) / 1000);
    }
    return 0;
  };
  const poseAt = (ms: number) => standing(dropAt(ms));
  return { reps, seconds: at / 1000, poseAt, j2p: () => j2pOf(at / 1000, poseAt) };
}
