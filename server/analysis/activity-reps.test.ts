/**
 * Each activity's segmentation and analyses on synthetic joint-angle series (no video): the
 * driving angle per activity, partial reps, pauses at the bottom and top, rests, walking (a
 * straight-legged, noisy top), confidence dropouts, and the documented opinion thresholds.
 */
import { describe, expect, it } from 'vitest';
import type { RepAnalysis } from '../../src/contract/guru.ts';
import { specOf } from './activities.ts';
import type { Measure } from './measures.ts';
import { segmentReps } from './segment.ts';
import { smoothSeries } from './smooth.ts';

const FPS = 15;

interface Phase {
  ms: number;
  /** Progress 0 (top) .. 1 (bottom) at the start and end of the phase. */
  from: number;
  to: number;
}

/** A movement: descent, bottom pause, ascent, then a top pause/rest; `reach` < 1 is a partial rep. */
function movement(opts: { reach?: number; descentMs?: number; pauseMs?: number; ascentMs?: number; restMs?: number } = {}): Phase[] {
  const r = opts.reach ?? 1;
  return [
    { ms: opts.descentMs ?? 1000, from: 0, to: r },
    { ms: opts.pauseMs ?? 0, from: r, to: r },
    { ms: opts.ascentMs ?? 900, from: r, to: 0 },
    { ms: opts.restMs ?? 600, from: 0, to: 0 },
  ];
}

/** Progress over time sampled at FPS, from phases after a 1 s lead-in; returns the true bottoms too. */
function progress(moves: Phase[][]) {
  const phases: Phase[] = [{ ms: 1000, from: 0, to: 0 }, ...moves.flat()];
  const bottoms: number[] = [];
  let t = 1000;
  for (const m of moves) {
    if (m[0].to === 1) bottoms.push(t + m[0].ms + m[1].ms / 2);
    t += m.reduce((s, p) => s + p.ms, 0);
  }
  const total = phases.reduce((s, p) => s + p.ms, 0) + 1000;
  const times: number[] = [];
  const p: number[] = [];
  let seed = 3;
  const noise = () => ((seed = (seed * 16807) % 2147483647) / 2147483647 - 0.5) * 2;
  for (let ms = 0; ms < total; ms += 1000 / FPS) {
    let start = 0;
    const ph = phases.find((x) => (start += x.ms) > ms) ?? { ms: 1, from: 0, to: 0 };
    const u = ph.ms ? (ms - (start - ph.ms)) / ph.ms : 1;
    times.push(ms);
    p.push(ph.from + (ph.to - ph.from) * (1 - Math.cos(Math.PI * Math.min(1, u))) / 2);
  }
  return { times, p, bottoms, noise };
}

/** Runs an activity's spec as analyze.ts does: smoothed series, segmentation on the driver, analyses. */
function analyse(activity: string, times: number[], raw: Partial<Record<Measure, number[]>>) {
  const spec = specOf(activity)!;
  const smoothed = new Map<Measure, number[]>();
  const series = (m: Measure) => {
    if (!smoothed.has(m)) smoothed.set(m, smoothSeries(raw[m] ?? times.map(() => NaN), FPS));
    return smoothed.get(m)!;
  };
  const driver = series(spec.driver);
  const segments = segmentReps(times, driver, { minRangeDeg: spec.minRangeDeg });
  return segments.map((rep) => ({ rep, analyses: spec.analyses({ rep, series }) }));
}

const find = (a: RepAnalysis[], type: string) => a.find((x) => x.analysisType === type);
const lerp = (a: number, b: number, t: number) => a + (b - a) * t;

describe('squat (driver: knee angle)', () => {
  const { times, p, bottoms, noise } = progress([
    movement(),
    movement({ reach: 0.3 }), // partial: ignored
    movement({ pauseMs: 1500, restMs: 4000 }), // pause at the bottom, then a rest between sets
    movement({ descentMs: 500, ascentMs: 450, restMs: 200 }), // fast
  ]);
  const knee = p.map((x) => lerp(176, 68, x) + 2 * noise());
  const thigh = p.map((x) => lerp(88, -8, x));
  const lean = p.map((x) => lerp(4, 40, x));

  it('counts full reps only, with the bottom in the middle of a pause', () => {
    const reps = analyse('squat', times, { knee, thigh, lean });
    expect(reps).toHaveLength(3);
    reps.forEach((r, i) => expect(Math.abs(r.rep.bottomMs - bottoms[i])).toBeLessThanOrEqual(100));
  });

  it('reports depth, top, torso lean and timing with documented opinions', () => {
    const [first] = analyse('bodyweight_squat', times, { knee, thigh, lean });
    expect(find(first.analyses, 'HIP_KNEE_ANGLE_DEGREES')).toMatchObject({ analysisOpinion: 'good' });
    expect(Math.abs(find(first.analyses, 'HIP_KNEE_ANGLE_DEGREES')!.analysisScalar! + 8)).toBeLessThan(1.5);
    expect(find(first.analyses, 'TORSO_LEAN_DEGREES')).toMatchObject({ analysisOpinion: 'good' });
    expect(Math.abs(find(first.analyses, 'TORSO_LEAN_DEGREES')!.analysisScalar! - 40)).toBeLessThan(1.5);
    expect(find(first.analyses, 'TOP_KNEE_ANGLE_DEGREES')).toMatchObject({ analysisOpinion: 'good' });
    const duration = find(first.analyses, 'REP_DURATION_MS')!.analysisScalar!;
    expect(duration).toBeGreaterThan(1500);
    expect(duration).toBeLessThan(2400);
    expect(find(first.analyses, 'DESCENT_MS')!.analysisScalar! + find(first.analyses, 'ASCENT_MS')!.analysisScalar!).toBe(duration);
  });

  it('judges a shallow squat with a forward-collapsed torso as bad', () => {
    const [rep] = analyse('squat', times, { knee, thigh: p.map((x) => lerp(88, 12, x)), lean: p.map((x) => lerp(4, 62, x)) });
    expect(find(rep.analyses, 'HIP_KNEE_ANGLE_DEGREES')).toMatchObject({ analysisOpinion: 'bad' });
    expect(find(rep.analyses, 'TORSO_LEAN_DEGREES')).toMatchObject({ analysisOpinion: 'bad' });
  });

  it('survives confidence dropouts of a few frames and ignores walking with straight legs', () => {
    const gappy = knee.map((v, i) => (i % 9 === 4 || i % 9 === 5 ? NaN : v));
    expect(analyse('squat', times, { knee: gappy, thigh, lean })).toHaveLength(3);
    const walking = times.map((_, i) => 172 + 6 * Math.sin(i / 2) + 2 * noise());
    expect(analyse('squat', times, { knee: walking, thigh, lean })).toHaveLength(0);
  });
});

describe('deadlift (driver: hip angle)', () => {
  const { times, p, bottoms } = progress([movement({ pauseMs: 400 }), movement({ reach: 0.35 }), movement(), movement({ restMs: 2500 })]);
  const hip = p.map((x) => lerp(174, 62, x));
  const knee = p.map((x) => lerp(176, 140, x));

  it('counts hinges from the hip angle, not the knee, and skips the partial pull', () => {
    const reps = analyse('deadlift', times, { hip, knee });
    expect(reps).toHaveLength(3);
    reps.forEach((r, i) => expect(Math.abs(r.rep.bottomMs - bottoms[i])).toBeLessThanOrEqual(100));
    expect(find(reps[0].analyses, 'HIP_ANGLE_DEGREES')!.analysisScalar).toBeCloseTo(62, 0);
    expect(find(reps[0].analyses, 'LOCKOUT_HIP_ANGLE_DEGREES')).toMatchObject({ analysisOpinion: 'good' });
  });

  it('calls a soft lockout bad', () => {
    const soft = p.map((x) => lerp(155, 62, x));
    const [rep] = analyse('deadlift', times, { hip: soft, knee });
    expect(find(rep.analyses, 'LOCKOUT_HIP_ANGLE_DEGREES')).toMatchObject({ analysisOpinion: 'bad' });
  });
});

describe('bench press and push-up (driver: elbow angle)', () => {
  const { times, p, bottoms } = progress([movement(), movement({ pauseMs: 1000 }), movement({ reach: 0.25 }), movement({ descentMs: 450, ascentMs: 400 })]);
  const elbow = p.map((x) => lerp(170, 72, x));

  it('counts bench press reps and judges depth and lockout', () => {
    const reps = analyse('bench_press', times, { elbow, reach: elbow });
    expect(reps).toHaveLength(3);
    reps.forEach((r, i) => expect(Math.abs(r.rep.bottomMs - bottoms[i])).toBeLessThanOrEqual(100));
    expect(find(reps[0].analyses, 'ELBOW_ANGLE_DEGREES')).toMatchObject({ analysisOpinion: 'good' });
    expect(find(reps[0].analyses, 'LOCKOUT_ELBOW_ANGLE_DEGREES')).toMatchObject({ analysisOpinion: 'good' });
    // A misplaced elbow keypoint (far from the reach estimate) gives way to the reach estimate.
    const [misplaced] = analyse('bench_press', times, { elbow: p.map((x) => lerp(170, 115, x)), reach: elbow });
    expect(find(misplaced.analyses, 'ELBOW_ANGLE_DEGREES')!.analysisScalar).toBeLessThan(80);
    const shallow = analyse('bench_press', times, { elbow: p.map((x) => lerp(170, 110, x)), reach: p.map((x) => lerp(170, 105, x)) });
    expect(find(shallow[0].analyses, 'ELBOW_ANGLE_DEGREES')).toMatchObject({ analysisOpinion: 'bad' });
  });

  it('reports push-up hip sag: a straight body is good, a sagging one bad', () => {
    const straight = analyse('push_up', times, { elbow, reach: elbow, sag: p.map(() => 3) });
    expect(straight).toHaveLength(3);
    expect(find(straight[0].analyses, 'HIP_SAG_DEGREES')).toMatchObject({ analysisOpinion: 'good' });
    const sagging = analyse('push_up', times, { elbow, reach: elbow, sag: p.map((x) => lerp(5, 24, x)) });
    expect(find(sagging[0].analyses, 'HIP_SAG_DEGREES')!.analysisScalar).toBeGreaterThan(20);
    expect(find(sagging[0].analyses, 'HIP_SAG_DEGREES')).toMatchObject({ analysisOpinion: 'bad' });
  });
});
