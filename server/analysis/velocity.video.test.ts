/**
 * Velocity on generated video against the known motion (velocity-truth.ts): the engine's joint
 * data and reps through velocity.ts, calibrated by the athlete's height, within 10% of the true
 * mean concentric velocity on every rep. `npm run bench analysis` (BENCH_ANALYSIS_ONLY=velocity)
 * reports the same on more cases.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setVelocity } from '../../src/contract/velocity.ts';
import { generateVideo, type GenerateOptions } from '../../scripts/fixtures/generate.ts';
import { velocityTruth } from '../../scripts/fixtures/velocity-truth.ts';
import { createAnalysisPool, type AnalysisPool } from './pool.ts';

const HEIGHT_CM = 178;
const QUICK = { leadInMs: 600, leadOutMs: 600, topPauseMs: 400, descentMs: 900 };

/** One of each activity, standing and lying; the hands followed by their image on the bench press, the shoulders on the push-up and squats (follow-load.ts). */
const CASES: (Omit<GenerateOptions, 'outPath'> & { name: string; activity: NonNullable<GenerateOptions['activity']> })[] = [
  { name: 'squat', activity: 'squat', reps: 2, width: 480, height: 360, tempo: { ...QUICK, ascentMs: 700 } },
  { name: 'bodyweight-squat-portrait', activity: 'bodyweight_squat', reps: 2, width: 360, height: 640, tempo: { ...QUICK, ascentMs: 1000 } },
  { name: 'deadlift', activity: 'deadlift', reps: 2, width: 480, height: 360, tempo: { ...QUICK, descentMs: 800, ascentMs: 900 } },
  { name: 'bench-press', activity: 'bench_press', reps: 2, width: 480, height: 360, tempo: { ...QUICK, ascentMs: 900 } },
  { name: 'push-up', activity: 'push_up', reps: 2, width: 480, height: 360, facing: 'left', tempo: { ...QUICK, ascentMs: 800 } },
];
const LYING = new Set(['bench_press', 'push_up']);
/** Lying, stature is read from segment lengths (velocity.ts), less closely than standing. */
const STATURE_WITHIN = { standing: 0.03, lying: 0.05 };

let dir: string;
let pool: AnalysisPool;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'replens-velocity-'));
  pool = createAnalysisPool({ threads: 2 });
});

afterAll(async () => {
  await pool.close();
  await rm(dir, { recursive: true, force: true });
});

describe('velocity on generated video', () => {
  it('measures mean concentric velocity within 10% of the known motion, calibrated by height', async () => {
    const results = await Promise.all(CASES.map(async ({ name, ...c }) => {
      const outPath = path.join(dir, `${name}.mp4`);
      const truth = await generateVideo({ ...c, outPath });
      const outcome = await pool.analyze(outPath, { activity: c.activity });
      const measured = setVelocity({ ...outcome, activity: c.activity, reps: outcome.reps, heightCm: HEIGHT_CM });
      return { name, lying: LYING.has(c.activity), truth: velocityTruth(c, truth, HEIGHT_CM), measured, found: outcome.reps.length, expected: truth.reps.length };
    }));
    for (const { name, lying, truth, measured, found, expected } of results) {
      const within = lying ? STATURE_WITHIN.lying : STATURE_WITHIN.standing;
      // Followed by its image, a lying lift's speeds are vouched for as the standing ones are.
      expect(measured?.approximate, name).toBe(false);
      expect(Math.abs(HEIGHT_CM / 100 / measured!.scale / truth.stature - 1), name).toBeLessThanOrEqual(within);
      expect(`${name}: ${found} reps`).toBe(`${name}: ${expected} reps`);
      expect(measured?.unit).toBe('m/s');
      truth.reps.forEach((t, i) => {
        const m = measured!.reps[i].mean!;
        expect(Math.abs(m - t.mean) / t.mean, `${name} rep ${i + 1}`).toBeLessThanOrEqual(0.1);
      });
    }
  }, 120_000);
});
