import { describe, expect, it } from 'vitest';
import { JOINTS } from '../../src/contract/guru.ts';
import { KP, plantedReach, rawSeries, type PoseFrame } from './measures.ts';

const [WIDTH, HEIGHT, STATURE, FPS] = [640, 480, 400, 15];
const [UPPER, FORE] = [0.186 * STATURE, 0.146 * STATURE];
const HAND = { x: 300, y: 420 };
const reachAt = (elbowDeg: number) => Math.sqrt(UPPER ** 2 + FORE ** 2 - 2 * UPPER * FORE * Math.cos((elbowDeg * Math.PI) / 180));

/**
 * A push-up's left arm seen from the side: the hand planted, the elbow from 172 degrees to
 * `bottomDeg` and back per rep. Near the bottom (under 100 degrees) the wrist keypoint scores 0.3
 * and sits `wristSlip` of stature up the forearm, as MoveNet places it there.
 */
function pushUpFrames(bottomDeg: number, wristSlip = 0.05, reps = 3): { frames: PoseFrame[]; elbows: number[] } {
  const frames: PoseFrame[] = [];
  const elbows: number[] = [];
  const perRep = 2 * FPS;
  for (let i = 0; i < reps * perRep + FPS; i++) {
    const u = i < FPS / 2 ? 0 : ((i - FPS / 2) % perRep) / perRep;
    const elbow = 172 - (172 - bottomDeg) * (1 - Math.cos(2 * Math.PI * Math.min(1, u))) / 2;
    const shoulder = { x: HAND.x - 0.2 * reachAt(elbow), y: HAND.y - 0.98 * reachAt(elbow) };
    const low = elbow < 100;
    const wrist = low ? { x: HAND.x, y: HAND.y - wristSlip * STATURE } : HAND;
    const keypoints = JOINTS.map(() => ({ x: 0, y: 0, score: 0.05 }));
    const put = (k: number, p: { x: number; y: number }, score: number) => (keypoints[k] = { x: p.x / WIDTH, y: p.y / HEIGHT, score });
    put(KP.leftShoulder, shoulder, 0.7);
    put(KP.leftWrist, wrist, low ? 0.3 : 0.7);
    frames.push({ timeMs: (i * 1000) / FPS, keypoints });
    elbows.push(elbow);
  }
  return { frames, elbows };
}

describe('plantedReach: the elbow from the shoulder to where the hand was seen well', () => {
  it('reads the bottom of a push-up where the wrist keypoint slips up the forearm', () => {
    const { frames, elbows } = pushUpFrames(80);
    const bottoms = elbows.flatMap((e, i) => (e < 80.5 ? [i] : []));
    expect(bottoms.length).toBeGreaterThan(0);
    const planted = rawSeries(frames, 'plantedReach', 'left', WIDTH, HEIGHT);
    const reach = rawSeries(frames, 'reach', 'left', WIDTH, HEIGHT);
    for (const b of bottoms) {
      expect(Math.abs(planted[b] - elbows[b])).toBeLessThan(1.5);
      // The wrist keypoint's own reach reads the bottom well short.
      expect(reach[b]).toBeLessThan(elbows[b] - 8);
    }
  });

  it('takes the arm length from the keypoint reach, not from distances to a hand that moved', () => {
    const { frames, elbows } = pushUpFrames(80);
    // Walking in first, the hand seen well only in the first second: distances from the moving
    // shoulder to where the hand was seen are no arm's length.
    const walk = Array.from({ length: 3 * FPS }, (_, i): PoseFrame => {
      const keypoints = frames[0].keypoints.map((k) => ({ ...k }));
      keypoints[KP.leftShoulder] = { x: (20 + 8 * i) / WIDTH, y: 150 / HEIGHT, score: 0.7 };
      keypoints[KP.leftWrist] = { x: (20 + 8 * i) / WIDTH, y: (150 + 0.3 * STATURE) / HEIGHT, score: i < FPS ? 0.7 : 0.4 };
      return { timeMs: (i * 1000) / FPS, keypoints };
    });
    const shifted = frames.map((f) => ({ ...f, timeMs: f.timeMs + walk.length * (1000 / FPS) }));
    const planted = rawSeries([...walk, ...shifted], 'plantedReach', 'left', WIDTH, HEIGHT).slice(walk.length);
    const b = elbows.indexOf(Math.min(...elbows));
    expect(Math.abs(planted[b] - elbows[b])).toBeLessThan(1.5);
  });

  it('is unknown where the hand was not seen well nearby', () => {
    const { frames } = pushUpFrames(80);
    const unseen = frames.map((f) => ({ ...f, keypoints: f.keypoints.map((k, j) => (j === KP.leftWrist ? { ...k, score: 0.4 } : k)) }));
    expect(plantedReach(unseen, 'left', WIDTH, HEIGHT).every(Number.isNaN)).toBe(true);
  });
});
