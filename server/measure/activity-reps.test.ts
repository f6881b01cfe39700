/**
 * Each activity's segmentation and analyses on synthetic joint-angle series (no video): the
 * driving angle per activity, partial reps, pauses at the bottom and top, rests, walking (a
 * straight-legged, noisy top), confidence dropouts, and the documented opinion thresholds.
 */
import { describe, expect, it } from 'vitest';
import type { CameraView, RepAnalysis } from '../../src/contract/guru.ts';
import { judgeRep, specOf } from './activities.ts';
import type { Measure } from './measures.ts';
import { segmentReps } from './segment.ts';
import { smoothSeries } from '../../src/contract/smooth.ts';

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

/**
 * Runs an activity's spec on synthetic angle series: segmentation on the driving angle (upside
 * down for deadlifts, as analyze.ts does with its travel signal), then the analyses, judged.
 */
function analyse(activity: string, times: number[], raw: Partial<Record<Measure, number[]>>, view: CameraView = 'side') {
  const spec = specOf(activity)!;
  const smoothed = new Map<Measure, number[]>();
  const series = (m: Measure) => {
    if (!smoothed.has(m)) smoothed.set(m, smoothSeries(raw[m] ?? times.map(() => NaN), FPS));
    return smoothed.get(m)!;
  };
  const driver = series(spec.driver).map((v) => (spec.midIsTop ? -v : v));
  const segments = segmentReps(times, driver, { minRange: 35, openEnd: spec.openEnd });
  return segments
    .map((rep) => ({ rep, ctx: { rep, series, view } }))
    .filter(({ ctx }) => !spec.isRep || spec.isRep(ctx))
    .map(({ rep, ctx }) => ({ rep, analyses: judgeRep(spec.analyses(ctx), view) }));
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

describe('deadlift (a pull from the floor to lockout and back)', () => {
  /** Hip angle at FPS: on the floor (62) for 1 s, then per pull: up 900 ms, hold, down 900 ms, 800 ms on the floor. */
  function pulls(list: { top?: number; holdMs?: number }[], floor = 62) {
    const times: number[] = [];
    const hip: number[] = [];
    const lockouts: number[] = [];
    const keyframes: [number, number][] = [[0, floor], [1000, floor]];
    for (const { top = 174, holdMs = 400 } of list) {
      const t = keyframes[keyframes.length - 1][0];
      keyframes.push([t + 900, top], [t + 900 + holdMs, top], [t + 1800 + holdMs, floor], [t + 2600 + holdMs, floor]);
      if (top > 150) lockouts.push(t + 900 + holdMs / 2);
    }
    const end = keyframes[keyframes.length - 1][0];
    for (let ms = 0; ms <= end; ms += 1000 / FPS) {
      const k = keyframes.findIndex(([t]) => t >= ms);
      const [t1, v1] = keyframes[Math.max(0, k - 1)];
      const [t2, v2] = keyframes[k];
      const u = t2 > t1 ? (ms - t1) / (t2 - t1) : 1;
      times.push(ms);
      hip.push(v1 + (v2 - v1) * (1 - Math.cos(Math.PI * u)) / 2);
    }
    return { times, hip, knee: hip.map((h) => 140 + (h - 62) * 0.3), lockouts };
  }
  const { times, hip, knee, lockouts } = pulls([{}, { top: 100 }, {}, { holdMs: 1200 }]);

  it('counts every pull of a set that starts and ends on the floor, mid at the lockout, not the partial', () => {
    const reps = analyse('deadlift', times, { hip, knee });
    expect(reps).toHaveLength(3);
    reps.forEach((r, i) => expect(Math.abs(r.rep.bottomMs - lockouts[i])).toBeLessThanOrEqual(150));
    expect(find(reps[0].analyses, 'HIP_ANGLE_DEGREES')!.analysisScalar).toBeCloseTo(62, 0);
    expect(find(reps[0].analyses, 'LOCKOUT_HIP_ANGLE_DEGREES')).toMatchObject({ analysisOpinion: 'good' });
    // The pull (ascent) comes first.
    expect(find(reps[0].analyses, 'ASCENT_MS')!.analysisScalar).toBeGreaterThan(800);
  });

  it('counts a last lockout held until the clip ends', () => {
    const end = times.findIndex((t) => t > lockouts[2] + 300);
    const reps = analyse('deadlift', times.slice(0, end), { hip: hip.slice(0, end), knee: knee.slice(0, end) });
    expect(reps).toHaveLength(3);
  });

  it('calls a soft lockout bad', () => {
    const soft = pulls([{ top: 155 }, { top: 155 }]);
    const [rep] = analyse('deadlift', soft.times, { hip: soft.hip, knee: soft.knee });
    expect(find(rep.analyses, 'LOCKOUT_HIP_ANGLE_DEGREES')).toMatchObject({ analysisOpinion: 'bad' });
  });
});

describe('bench press and push-up (driver: elbow angle)', () => {
  const { times, p, bottoms } = progress([movement(), movement({ pauseMs: 1000 }), movement({ reach: 0.25 }), movement({ descentMs: 450, ascentMs: 400 })]);
  const elbow = p.map((x) => lerp(170, 72, x));

  const torso = p.map(() => 5);

  it('counts bench press reps and judges depth and lockout', () => {
    const reps = analyse('bench_press', times, { elbow, reach: elbow, torso });
    expect(reps).toHaveLength(3);
    reps.forEach((r, i) => expect(Math.abs(r.rep.bottomMs - bottoms[i])).toBeLessThanOrEqual(100));
    expect(find(reps[0].analyses, 'ELBOW_ANGLE_DEGREES')).toMatchObject({ analysisOpinion: 'good' });
    expect(find(reps[0].analyses, 'LOCKOUT_ELBOW_ANGLE_DEGREES')).toMatchObject({ analysisOpinion: 'good' });
    // A misplaced elbow keypoint (far from the reach estimate) gives way to the reach estimate.
    const [misplaced] = analyse('bench_press', times, { elbow: p.map((x) => lerp(170, 115, x)), reach: elbow, torso });
    expect(find(misplaced.analyses, 'ELBOW_ANGLE_DEGREES')!.analysisScalar).toBeLessThan(80);
    const shallow = analyse('bench_press', times, { elbow: p.map((x) => lerp(170, 110, x)), reach: p.map((x) => lerp(170, 105, x)), torso });
    expect(find(shallow[0].analyses, 'ELBOW_ANGLE_DEGREES')).toMatchObject({ analysisOpinion: 'bad' });
  });

  it('reads a push-up\'s bottom elbow from the planted hand, else from the keypoints', () => {
    // The elbow and wrist keypoints read the bottom 15 degrees open; the planted hand's reach does not.
    const misread = p.map((x) => lerp(170, 87, x));
    const [planted] = analyse('push_up', times, { elbow: misread, reach: misread, plantedReach: elbow, torso, sag: p.map(() => 3) });
    const elbowOf = (r: { analyses: RepAnalysis[] }) => find(r.analyses, 'ELBOW_ANGLE_DEGREES')!.analysisScalar!;
    expect(Math.abs(elbowOf(planted) - 72)).toBeLessThan(2);
    const [unplanted] = analyse('push_up', times, { elbow: misread, reach: misread, torso, sag: p.map(() => 3) });
    expect(Math.abs(elbowOf(unplanted) - 87)).toBeLessThan(2);
    // A bench press's bar moves: its hands are never taken as planted.
    const [bench] = analyse('bench_press', times, { elbow: misread, reach: misread, plantedReach: elbow, torso });
    expect(Math.abs(elbowOf(bench) - 87)).toBeLessThan(2);
  });

  it('reports push-up hip sag: a straight body is good, a sagging one bad', () => {
    const straight = analyse('push_up', times, { elbow, reach: elbow, torso, sag: p.map(() => 3) });
    expect(straight).toHaveLength(3);
    expect(find(straight[0].analyses, 'HIP_SAG_DEGREES')).toMatchObject({ analysisOpinion: 'good' });
    const sagging = analyse('push_up', times, { elbow, reach: elbow, torso, sag: p.map((x) => lerp(5, 24, x)) });
    expect(find(sagging[0].analyses, 'HIP_SAG_DEGREES')!.analysisScalar).toBeGreaterThan(20);
    expect(find(sagging[0].analyses, 'HIP_SAG_DEGREES')).toMatchObject({ analysisOpinion: 'bad' });
  });
});

describe('only what was measured is judged', () => {
  const { times, p } = progress([movement(), movement()]);
  const elbow = p.map((x) => lerp(170, 72, x));
  const torso = p.map(() => 5);

  it('leaves a measure that was never seen null, with no opinion (no "Bad" on NaN)', () => {
    const reps = analyse('push_up', times, { elbow, reach: elbow, torso });
    expect(reps).toHaveLength(2);
    expect(find(reps[0].analyses, 'HIP_SAG_DEGREES')).toEqual({ analysisType: 'HIP_SAG_DEGREES', analysisScalar: null });
  });

  it('does not count getting into position: standing, or kneeling with the body bent', () => {
    expect(analyse('push_up', times, { elbow, reach: elbow, torso: p.map(() => 70) })).toHaveLength(0);
    expect(analyse('push_up', times, { elbow, reach: elbow, torso, sag: p.map(() => -100) })).toHaveLength(0);
  });

  it('gives no depth or joint angle from a front view, only timing; an oblique view keeps depth', () => {
    const knee = p.map((x) => lerp(176, 68, x));
    const thigh = p.map((x) => lerp(88, -8, x));
    const [front] = analyse('squat', times, { knee, thigh, thighRise: thigh, lean: p.map(() => 30) }, 'front');
    for (const type of ['HIP_KNEE_ANGLE_DEGREES', 'KNEE_ANGLE_DEGREES', 'TOP_KNEE_ANGLE_DEGREES', 'TORSO_LEAN_DEGREES']) {
      expect(find(front.analyses, type)).toEqual({ analysisType: type, analysisScalar: null });
    }
    expect(find(front.analyses, 'REP_DURATION_MS')!.analysisScalar).toBeGreaterThan(0);
    const [oblique] = analyse('squat', times, { knee, thigh: thigh.map(() => 40), thighRise: thigh, lean: p.map(() => 30) }, 'oblique');
    // The oblique view reads depth from vertical extents (thighRise), not the foreshortened angle.
    expect(find(oblique.analyses, 'HIP_KNEE_ANGLE_DEGREES')).toMatchObject({ analysisOpinion: 'good' });
    expect(find(oblique.analyses, 'KNEE_ANGLE_DEGREES')!.analysisScalar).toBeNull();
    expect(find(oblique.analyses, 'TORSO_LEAN_DEGREES')!.analysisScalar).toBeNull();
  });
});
