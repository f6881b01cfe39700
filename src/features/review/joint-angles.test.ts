import { describe, expect, it } from 'vitest';
import { j2pResponseSchema } from '../../contract/guru.ts';
import { jointAngleSeries } from './joint-angles.ts';
import { frameAt, poseFrames } from './pose-frames.ts';

const point = (frame: number, part: string, x: number, y: number, score = 0.9) => ({
  frame_idx: frame,
  part,
  position: { x, y },
  score,
  timestamp: frame / 10,
});

const j2p = j2pResponseSchema.parse({
  resolutionWidth: 100,
  resolutionHeight: 100,
  jointToPoints: {
    leftHip: [point(0, 'leftHip', 0.5, 0.5), point(1, 'leftHip', 0.3, 0.7)],
    leftKnee: [point(0, 'leftKnee', 0.5, 0.7), point(1, 'leftKnee', 0.5, 0.7)],
    leftAnkle: [point(0, 'leftAnkle', 0.5, 0.9), point(1, 'leftAnkle', 0.5, 0.9)],
    rightKnee: [point(0, 'rightKnee', 0.5, 0.7, 0.1)],
  },
});

describe('joint data', () => {
  it('measures the driving joint per frame on the better-seen side, timestamps in seconds', () => {
    const { side, samples } = jointAngleSeries(j2p, 'knee');
    expect(side).toBe('left');
    expect(samples).toHaveLength(2);
    expect(samples[0]).toEqual({ t: 0, angle: 180 });
    expect(samples[1].t).toBe(0.1);
    expect(samples[1].angle).toBeCloseTo(90);
  });

  it('keeps frames where the joint was unseen as gaps, and reads other joints', () => {
    const gappy = j2pResponseSchema.parse({
      ...j2p,
      jointToPoints: { ...j2p.jointToPoints, leftAnkle: [point(0, 'leftAnkle', 0.5, 0.9), point(1, 'leftAnkle', 0.5, 0.9, 0.05)] },
    });
    expect(jointAngleSeries(gappy, 'knee').samples.map((s) => s.angle)).toEqual([180, null]);
    // No shoulder or elbow data: every frame of the elbow curve is a gap, none invented.
    expect(jointAngleSeries(j2p, 'elbow').samples).toEqual([]);
  });

  it('regroups points per frame and finds the nearest frame', () => {
    const frames = poseFrames(j2p);
    expect(frames.map((f) => f.t)).toEqual([0, 0.1]);
    expect(Object.keys(frames[0].joints).sort()).toEqual(['leftAnkle', 'leftHip', 'leftKnee', 'rightKnee']);
    expect(frameAt(frames, 0.04)?.t).toBe(0);
    expect(frameAt(frames, 0.07)?.t).toBe(0.1);
    expect(frameAt(frames, 5)?.t).toBe(0.1);
    expect(frameAt([], 1)).toBeUndefined();
  });
});
