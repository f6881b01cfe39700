/**
 * The engine on generated videos that a side-view-only engine got wrong: front and oblique
 * views, deadlifts that start on the floor or end at lockout with the clip, and one set
 * re-encoded as phones and editors write it (60 fps, 30 fps, variable frame rate, HEVC 10-bit
 * portrait .mov with a rotation flag and the athlete at 40% of the frame height).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import ffmpeg from '@ffmpeg-installer/ffmpeg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateVideo, type GenerateOptions, type GroundTruth } from '../../scripts/fixtures/generate.ts';
import type { Rep } from '../../src/contract/guru.ts';
import { createAnalysisPool, type AnalysisPool } from './pool.ts';
import type { AnalysisOutcome } from './types.ts';

const QUICK = { leadInMs: 700, leadOutMs: 700, topPauseMs: 400, descentMs: 900, ascentMs: 800, bottomPauseMs: 150 };
const ANGLES = ['HIP_KNEE_ANGLE_DEGREES', 'KNEE_ANGLE_DEGREES', 'TOP_KNEE_ANGLE_DEGREES', 'TORSO_LEAN_DEGREES'];

let dir: string;
let pool: AnalysisPool;
const file = (name: string) => path.join(dir, name);

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'replens-views-'));
  pool = createAnalysisPool({ threads: 2 });
});
afterAll(async () => {
  await pool.close();
  await rm(dir, { recursive: true, force: true });
});

function ffmpegRun(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg.path, ['-hide_banner', '-loglevel', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`ffmpeg exited ${code}: ${err}`))));
  });
}

async function generated(name: string, opts: Omit<GenerateOptions, 'outPath'>): Promise<{ truth: GroundTruth; outcome: AnalysisOutcome }> {
  const truth = await generateVideo({ tempo: QUICK, width: 480, height: 360, ...opts, outPath: file(name) });
  return { truth, outcome: await pool.analyze(file(name), { activity: truth.activity }) };
}

const scalar = (rep: Rep, type: string) => rep.analyses.find((a) => a.analysisType === type);

function expectCountAndMids(outcome: AnalysisOutcome, truth: GroundTruth, toleranceMs = 300) {
  expect(outcome.status).toBe('Complete');
  expect(outcome.reps).toHaveLength(truth.reps.length);
  outcome.reps.forEach((rep, i) => expect(Math.abs(rep.midTimestampMs! - truth.reps[i].bottomMs)).toBeLessThanOrEqual(toleranceMs));
}

describe('camera views', () => {
  it('counts a front-view squat set once per squat and gives no depth or angle, only timing', async () => {
    const { truth, outcome } = await generated('front.mp4', { activity: 'squat', reps: 3, yaw: 90 });
    expect(outcome.view).toBe('front');
    expectCountAndMids(outcome, truth);
    for (const rep of outcome.reps) {
      for (const type of ANGLES) expect(scalar(rep, type)).toEqual({ analysisType: type, analysisScalar: null });
      expect(scalar(rep, 'REP_DURATION_MS')?.analysisScalar).toBeGreaterThan(1000);
      expect(rep.confidence).toBeLessThan(1);
    }
  }, 60_000);

  it('reads depth from an oblique view within 5 degrees, and no joint angle', async () => {
    const { truth, outcome } = await generated('oblique.mp4', { activity: 'bodyweight_squat', reps: 3, yaw: 30, depth: [-10, 5, -20] });
    expect(outcome.view).toBe('oblique');
    expectCountAndMids(outcome, truth);
    outcome.reps.forEach((rep, i) => {
      const depth = scalar(rep, 'HIP_KNEE_ANGLE_DEGREES')!;
      expect(Math.abs(depth.analysisScalar! - truth.reps[i].atBottom.HIP_KNEE_ANGLE_DEGREES)).toBeLessThanOrEqual(5);
      expect(depth.analysisOpinion).toBe(i === 1 ? 'bad' : 'good');
      expect(scalar(rep, 'KNEE_ANGLE_DEGREES')?.analysisScalar).toBeNull();
    });
  }, 60_000);
});

describe('each lift its own shape', () => {
  it('counts every pull of a deadlift set that starts on the floor, mid at each lockout', async () => {
    const { truth, outcome } = await generated('deadlift-floor.mp4', { activity: 'deadlift', reps: 3 });
    expectCountAndMids(outcome, truth);
    for (const rep of outcome.reps) expect(scalar(rep, 'LOCKOUT_HIP_ANGLE_DEGREES')?.analysisOpinion).toBe('good');
  }, 60_000);

  it('counts a last lockout reached just before the clip ends', async () => {
    const truth = await generateVideo({ tempo: QUICK, width: 480, height: 360, activity: 'deadlift', reps: 3, outPath: file('dl-full.mp4') });
    const cut = (truth.reps[2].bottomMs + 300) / 1000;
    await ffmpegRun(['-i', file('dl-full.mp4'), '-t', cut.toFixed(2), '-c:v', 'libx264', '-pix_fmt', 'yuv420p', file('dl-cut.mp4')]);
    const outcome = await pool.analyze(file('dl-cut.mp4'), { activity: 'deadlift' });
    expect(outcome.reps).toHaveLength(3);
  }, 60_000);
});

describe('one set, many encodings', () => {
  it('reads the same count and bottom depths within 4 degrees across frame rates, VFR and an iPhone-style HEVC portrait .mov', async () => {
    const truth = await generateVideo({ activity: 'squat', reps: 3, fps: 60, depth: [-10, 0, -15], tempo: QUICK, outPath: file('enc-60.mp4') });
    const h264 = ['-c:v', 'libx264', '-crf', '20', '-pix_fmt', 'yuv420p'];
    await ffmpegRun(['-i', file('enc-60.mp4'), '-vf', 'fps=30', ...h264, file('enc-30.mp4')]);
    // Variable frame rate: drop an irregular pattern of frames and keep the others' timestamps.
    await ffmpegRun(['-i', file('enc-60.mp4'), '-vf', "select='not(eq(mod(n\\,5)\\,2))*not(eq(mod(n\\,7)\\,4))'", '-vsync', 'vfr', ...h264, file('enc-vfr.mp4')]);
    // Portrait with the athlete at 40% of its height, stored on its side in 10-bit HEVC with a rotation flag.
    await ffmpegRun(['-i', file('enc-60.mp4'), '-vf', 'pad=640:864:0:192,transpose=2', '-c:v', 'libx265', '-pix_fmt', 'yuv420p10le',
      '-tag:v', 'hvc1', '-x265-params', 'log-level=error', file('enc-hevc-raw.mov')]);
    await ffmpegRun(['-i', file('enc-hevc-raw.mov'), '-c', 'copy', '-metadata:s:v:0', 'rotate=270', file('enc-hevc.mov')]);

    const names = ['enc-60.mp4', 'enc-30.mp4', 'enc-vfr.mp4', 'enc-hevc.mov'];
    const outcomes = await Promise.all(names.map((n) => pool.analyze(file(n), { activity: 'squat' })));
    expect(outcomes[3]).toMatchObject({ width: 640, height: 864 });
    outcomes.forEach((outcome, k) => {
      expect(`${names[k]}: ${outcome.reps.length}`).toBe(`${names[k]}: ${truth.reps.length}`);
      outcome.reps.forEach((rep, i) => {
        const depth = scalar(rep, 'HIP_KNEE_ANGLE_DEGREES')!.analysisScalar!;
        expect(Math.abs(depth - truth.reps[i].atBottom.HIP_KNEE_ANGLE_DEGREES), `${names[k]} rep ${i + 1}`).toBeLessThanOrEqual(4);
      });
    });
  }, 120_000);
});
