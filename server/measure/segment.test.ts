import { describe, expect, it } from 'vitest';
import { segmentReps } from './segment.ts';

const FPS = 15;
const TOP = 175;

/** Deterministic noise (mulberry32), so failures reproduce. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296 - 0.5;
  };
}

interface SynthRep {
  bottom: number;
  descentMs?: number;
  pauseMs?: number;
  ascentMs?: number;
  restMs?: number;
}

/** A knee-angle-like series: cosine descents/ascents between TOP and each rep's bottom. */
function series(reps: SynthRep[], opts: { leadMs?: number; noise?: number; seed?: number } = {}) {
  const phases: { ms: number; from: number; to: number }[] = [{ ms: opts.leadMs ?? 1000, from: TOP, to: TOP }];
  const truth: { startMs: number; bottomMs: number; endMs: number }[] = [];
  let t = phases[0].ms;
  for (const r of reps) {
    const [d, p, a, rest] = [r.descentMs ?? 1000, r.pauseMs ?? 0, r.ascentMs ?? 900, r.restMs ?? 600];
    truth.push({ startMs: t, bottomMs: t + d + p / 2, endMs: t + d + p + a });
    phases.push({ ms: d, from: TOP, to: r.bottom }, { ms: p, from: r.bottom, to: r.bottom }, { ms: a, from: r.bottom, to: TOP }, { ms: rest, from: TOP, to: TOP });
    t += d + p + a + rest;
  }
  const noise = rng(opts.seed ?? 1);
  const times: number[] = [];
  const values: number[] = [];
  for (let ms = 0; ms < t; ms += 1000 / FPS) {
    let start = 0;
    const phase = phases.find((ph) => (start += ph.ms) > ms)!;
    const u = (ms - (start - phase.ms)) / phase.ms;
    const v = phase.from + (phase.to - phase.from) * (1 - Math.cos(Math.PI * u)) / 2;
    times.push(ms);
    values.push(v + (opts.noise ?? 0) * 2 * noise());
  }
  return { times, values, truth };
}

const opts = { minRange: 40 };

describe('segmentReps', () => {
  it('finds clean reps with start, bottom and end times', () => {
    const { times, values, truth } = series([{ bottom: 60 }, { bottom: 62 }, { bottom: 58 }]);
    const reps = segmentReps(times, values, opts);
    expect(reps).toHaveLength(3);
    reps.forEach((r, i) => {
      expect(Math.abs(r.bottomMs - truth[i].bottomMs)).toBeLessThanOrEqual(70);
      expect(Math.abs(r.startMs - truth[i].startMs)).toBeLessThanOrEqual(250);
      expect(Math.abs(r.endMs - truth[i].endMs)).toBeLessThanOrEqual(250);
      expect(r.range).toBeGreaterThan(100);
      expect(r.startIndex).toBeLessThan(r.bottomIndex);
      expect(r.bottomIndex).toBeLessThan(r.endIndex);
    });
  });

  it('is not split or doubled by jitter', () => {
    const { times, values, truth } = series(Array.from({ length: 5 }, () => ({ bottom: 70 })), { noise: 6, seed: 7 });
    const reps = segmentReps(times, values, opts);
    expect(reps).toHaveLength(5);
    reps.forEach((r, i) => expect(Math.abs(r.bottomMs - truth[i].bottomMs)).toBeLessThanOrEqual(200));
  });

  it('puts the bottom in the middle of a pause and keeps paused tops out of the rep', () => {
    const { times, values, truth } = series([
      { bottom: 65, pauseMs: 1500, restMs: 2500 },
      { bottom: 65, pauseMs: 800 },
    ]);
    const reps = segmentReps(times, values, opts);
    expect(reps).toHaveLength(2);
    reps.forEach((r, i) => {
      expect(Math.abs(r.bottomMs - truth[i].bottomMs)).toBeLessThanOrEqual(100);
      expect(Math.abs(r.endMs - truth[i].endMs)).toBeLessThanOrEqual(250);
    });
  });

  it('ignores partial reps: below the minimum range, or less than half the deepest', () => {
    const { times, values, truth } = series([
      { bottom: 60 },
      { bottom: 150 }, // a 25-degree dip
      { bottom: 60 },
      { bottom: 120 }, // 55 degrees: over the minimum but under half of the 115-degree reps
      { bottom: 62 },
    ]);
    const reps = segmentReps(times, values, opts);
    expect(reps.map((r) => Math.round(r.bottomMs / 100))).toEqual([0, 2, 4].map((i) => Math.round(truth[i].bottomMs / 100)));
  });

  it('drops a rep that never comes back up, and finds nothing in a still or shallow series', () => {
    const { times, values, truth } = series([{ bottom: 60 }, { bottom: 60 }]);
    // The video stops at the bottom of the second rep.
    const endAt = times.findIndex((t) => t >= truth[1].bottomMs);
    expect(segmentReps(times.slice(0, endAt), values.slice(0, endAt), opts)).toHaveLength(1);
    expect(segmentReps(times, times.map(() => TOP), opts)).toEqual([]);
    const shallow = series([{ bottom: 150 }, { bottom: 148 }]);
    expect(segmentReps(shallow.times, shallow.values, opts)).toEqual([]);
  });
});
