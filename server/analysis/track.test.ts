import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateVideo } from '../../scripts/fixtures/generate.ts';
import type { Keypoint } from '../measure/measures.ts';
import { fullFrameRegion, nextRegion } from './pose.ts';
import { trackPose } from './track.ts';
import { probeVideo } from './video.ts';

/** A standing body in a 400x300 frame; `at` scales it about the hips at (200, 150). */
function body(at: number, score = 0.9): Keypoint[] {
  const pts: [number, number][] = Array(17).fill([200, 100]);
  const place: Record<number, [number, number]> = { 5: [190, 100], 6: [210, 100], 11: [192, 150], 12: [208, 150], 15: [195, 210], 16: [205, 210] };
  return pts.map((_, k) => {
    const [x, y] = place[k] ?? [200, 90];
    return { x: (200 + (x - 200) * at) / 400, y: (150 + (y - 150) * at) / 300, score: k in place ? score : 0.1 };
  });
}

describe('nextRegion', () => {
  it('crops around a person, takes the whole frame when they fill it, and says null when the torso is lost', () => {
    const crop = nextRegion(body(1), 400, 300)!;
    expect(crop.size).toBeLessThan(300);
    expect(crop.x + crop.size / 2).toBeCloseTo(200);
    expect(nextRegion(body(3), 400, 300)).toEqual(fullFrameRegion(400, 300));
    expect(nextRegion(body(1, 0.2), 400, 300)).toBeNull();
  });
});

describe('trackPose', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'replens-track-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('spends one inference per frame on a portrait video the person fills', async () => {
    const file = path.join(dir, 'portrait.mp4');
    await generateVideo({ outPath: file, activity: 'bodyweight_squat', reps: 2, width: 360, height: 640, scale: 1.3 });
    const { frames, inferences } = await trackPose(file, (await probeVideo(file))!);
    expect(frames.length).toBeGreaterThan(60);
    // Before the tracker told "fills the frame" from "nobody found", this took ~1.8 per frame.
    expect(inferences / frames.length).toBeLessThan(1.05);
  });
});
