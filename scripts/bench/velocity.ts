/**
 * Velocity accuracy (BENCH_ANALYSIS_ONLY=velocity in `npm run bench analysis`): mean concentric
 * velocity measured by velocity.ts from the engine's joint data and reps, calibrated by a height,
 * against the true velocity of the generated mannequin (velocity-truth.ts: its tracked joint as
 * drawn, timed the same way, scaled by its known stature). Then the real clips for plausibility
 * only (no truth: their velocity in body heights per second and at an assumed 1.75 m).
 */
import path from 'node:path';
import { setVelocity } from '../../src/contract/velocity.ts';
import { createAnalysisPool } from '../../server/analysis/pool.ts';
import { generateVideo, type GenerateOptions } from '../fixtures/generate.ts';
import { velocityTruth } from '../fixtures/velocity-truth.ts';
import { FOOTAGE, realFootage } from './real-footage.ts';

interface Table {
  title: string;
  header: string[];
  rows: string[][];
}

const HEIGHT_CM = 178;
const ASSUMED_CM = 175;
const log = (msg: string) => process.stderr.write(`[bench velocity] ${msg}\n`);
const pct = (x: number) => `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)}%`;

type Case = Omit<GenerateOptions, 'outPath'> & { name: string; activity: NonNullable<GenerateOptions['activity']> };

/** Tempos, sizes, frame rates and noise vary; ascents from 0.5 to 1.6 s. */
const CASES: Case[] = [
  { name: 'squat', activity: 'squat', reps: 3 },
  { name: 'squat-fast-left', activity: 'squat', reps: 3, facing: 'left', tempo: { ascentMs: 550, bottomPauseMs: 0 } },
  { name: 'squat-slow-grain', activity: 'squat', reps: 3, tempo: { ascentMs: 1600 }, noise: 14, crf: 32, seed: 4 },
  { name: 'squat-oblique', activity: 'squat', reps: 3, yaw: 40 },
  { name: 'bwsquat-portrait-24fps', activity: 'bodyweight_squat', reps: 3, width: 480, height: 854, fps: 24 },
  { name: 'deadlift', activity: 'deadlift', reps: 3 },
  { name: 'deadlift-left-fast', activity: 'deadlift', reps: 3, facing: 'left', tempo: { descentMs: 700, ascentMs: 600 } },
  { name: 'deadlift-busy', activity: 'deadlift', reps: 3, background: 'busy', width: 480, height: 360, seed: 7 },
  { name: 'bench', activity: 'bench_press', reps: 3 },
  { name: 'bench-left-slow', activity: 'bench_press', reps: 3, facing: 'left', tempo: { ascentMs: 1400 } },
  { name: 'pushup', activity: 'push_up', reps: 3, facing: 'left' },
  { name: 'pushup-right', activity: 'push_up', reps: 3, tempo: { ascentMs: 700 } },
];

interface Scored {
  name: string;
  activity: string;
  errors: number[];
  statureError: number;
  row: string[];
}

async function generated(dir: string, pool: ReturnType<typeof createAnalysisPool>): Promise<Scored[]> {
  return Promise.all(CASES.map(async ({ name, ...c }): Promise<Scored> => {
    const outPath = path.join(dir, `velocity-${name}.mp4`);
    const truth = await generateVideo({ ...c, outPath });
    const outcome = await pool.analyze(outPath, { activity: c.activity });
    const measured = setVelocity({ ...outcome, activity: c.activity, reps: outcome.reps, heightCm: HEIGHT_CM });
    const exact = velocityTruth(c, truth, HEIGHT_CM);
    // Each true rep against the found rep nearest its mid.
    const errors = exact.reps.flatMap((t, i) => {
      const mid = truth.reps[i].bottomMs;
      const k = outcome.reps.reduce((best, r, j) => (Math.abs((r.midTimestampMs ?? 0) - mid) < Math.abs((outcome.reps[best]?.midTimestampMs ?? Infinity) - mid) ? j : best), 0);
      const m = measured?.reps[k]?.mean;
      return typeof m === 'number' ? [(m - t.mean) / t.mean] : [];
    });
    const statureError = measured ? HEIGHT_CM / 100 / measured.scale / exact.stature - 1 : NaN;
    log(`${name}: ${errors.map(pct).join(' ')}`);
    return {
      name,
      activity: c.activity,
      errors,
      statureError,
      row: [
        name,
        `${outcome.reps.length}/${truth.reps.length}`,
        exact.reps.map((r) => r.mean.toFixed(2)).join(' '),
        measured?.reps.map((r) => r.mean?.toFixed(2) ?? '-').join(' ') ?? '-',
        errors.map(pct).join(' '),
        pct(statureError),
        outcome.followedJoint ? 'image' : 'keypoints',
      ],
    };
  }));
}

async function real(pool: ReturnType<typeof createAnalysisPool>): Promise<Table> {
  const rows: string[][] = [];
  for (const clip of realFootage()) {
    const outcome = await pool.analyze(path.join(FOOTAGE, clip.file), { activity: clip.activity });
    const bh = setVelocity({ ...outcome, activity: clip.activity, reps: outcome.reps });
    const ms = setVelocity({ ...outcome, activity: clip.activity, reps: outcome.reps, heightCm: ASSUMED_CM });
    rows.push([
      clip.file,
      clip.activity,
      String(outcome.reps.length),
      bh ? bh.reps.map((r) => r.mean?.toFixed(2) ?? '-').join(' ') : 'not measured',
      ms ? ms.reps.map((r) => r.mean?.toFixed(2) ?? '-').join(' ') : '-',
      ms?.loss ? `${ms.loss.pct}% (rep ${ms.loss.fastest + 1} → ${ms.loss.last + 1})` : '-',
      outcome.followedJoint ? 'image' : 'keypoints',
    ]);
    log(`real ${clip.file} done`);
  }
  return {
    title: `Velocity on real clips, plausibility only (no truth; m/s at an assumed ${ASSUMED_CM} cm)`,
    header: ['clip', 'activity', 'reps found', 'mean concentric BH/s per rep', 'm/s per rep', 'velocity loss', 'load read from'],
    rows,
  };
}

export async function benchVelocity(dir: string): Promise<Table[]> {
  const pool = createAnalysisPool({ threads: 2 });
  try {
    const scored = await generated(dir, pool);
    const byActivity = new Map<string, Scored[]>();
    for (const s of scored) byActivity.set(s.activity, [...(byActivity.get(s.activity) ?? []), s]);
    const summary = [...byActivity].map(([activity, cases]) => {
      const errors = cases.flatMap((c) => c.errors);
      const abs = errors.map(Math.abs);
      return [
        activity,
        String(errors.length),
        pct(abs.reduce((a, b) => a + b, 0) / (abs.length || 1)).slice(1),
        pct(Math.max(...abs)).slice(1),
        `${abs.filter((e) => e <= 0.1).length}/${abs.length}`,
        pct(errors.reduce((a, b) => a + b, 0) / (errors.length || 1)),
      ];
    });
    return [
      {
        title: `Velocity per generated video (height ${HEIGHT_CM} cm; true and measured mean concentric velocity, m/s, per rep)`,
        header: ['case', 'reps found/true', 'true', 'measured', 'error per rep', 'stature error', 'load read from'],
        rows: scored.map((s) => s.row),
      },
      {
        title: 'Velocity accuracy summary (goal: mean concentric velocity within 10% with height calibration)',
        header: ['activity', 'reps', 'mean |error|', 'max |error|', 'within 10%', 'bias'],
        rows: summary,
      },
      await real(pool),
    ];
  } finally {
    await pool.close();
  }
}
