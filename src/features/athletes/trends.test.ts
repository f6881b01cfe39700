import { describe, expect, it } from 'vitest';
import type { AthleteSet } from '../../contract/api.ts';
import { activitiesOf, measuresOf, trendPoints, velocityUnit } from './trends.ts';

const rep = (depth: number | null, descent: number, edited = false) => ({
  startTimestampMs: 0,
  endTimestampMs: 2000,
  edited,
  analyses: [
    { analysisType: 'KNEE_ANGLE_DEGREES', analysisScalar: 60 },
    { analysisType: 'HIP_KNEE_ANGLE_DEGREES', analysisScalar: depth },
    { analysisType: 'DESCENT_MS', analysisScalar: descent },
    { analysisType: 'ASCENT_MS', analysisScalar: 2000 - descent },
  ],
});
const set = (id: string, createdAt: string, activity: string, reps: AthleteSet['reps'], detected = reps.length): AthleteSet => ({
  id, createdAt, date: createdAt.slice(0, 10), activity, view: 'side', filename: `${id}.mp4`, detected, reps,
});

const SETS = [
  set('late', '2026-11-20T10:00:00Z', 'squat', [rep(-4, 1000), rep(2, 1200), rep(null, 800)]),
  set('early', '2026-11-01T10:00:00Z', 'squat', [rep(5, 900, true)], 2),
  set('pull', '2026-11-10T10:00:00Z', 'deadlift', [rep(null, 500)]),
];

describe('athlete trends', () => {
  it('lists activities by how often they were trained, and the headline measure first', () => {
    expect(activitiesOf(SETS).map((a) => [a.id, a.sets])).toEqual([['squat', 2], ['deadlift', 1]]);
    expect(measuresOf(SETS)).toEqual(['HIP_KNEE_ANGLE_DEGREES', 'KNEE_ANGLE_DEGREES']);
  });

  it("makes one point per set, oldest first: the coach's rep count, the measure's mean and spread over measured reps, the tempo", () => {
    const points = trendPoints(SETS.filter((s) => s.activity === 'squat'), 'HIP_KNEE_ANGLE_DEGREES');
    expect(points.map((p) => p.id)).toEqual(['early', 'late']);
    expect(points[0]).toMatchObject({ reps: 1, detected: 2, edited: true, mean: 5, range: [5, 5], spread: 0, descentS: 0.9, ascentS: 1.1 });
    // The unmeasured rep is left out of the mean and the spread, never counted as 0.
    expect(points[1]).toMatchObject({ reps: 3, detected: 3, edited: false, mean: -1, range: [-4, 2], spread: 6, descentS: 1 });
  });

  it("charts the mean concentric velocity per set in its unit, apart from the measures", () => {
    const fast = (v: number | null) => ({
      ...rep(0, 1000),
      analyses: [
        { analysisType: 'MEAN_CONCENTRIC_VELOCITY_M_PER_S', analysisScalar: v },
        { analysisType: 'PEAK_CONCENTRIC_VELOCITY_M_PER_S', analysisScalar: 1 },
      ],
    });
    const sets = [set('v', '2026-11-02T10:00:00Z', 'squat', [fast(0.52), fast(0.47), fast(null)])];
    expect(velocityUnit(sets)).toBe('m/s');
    expect(velocityUnit(SETS)).toBeNull();
    expect(measuresOf(sets)).toEqual([]);
    expect(trendPoints(sets, null)[0].velocity).toBe(0.5);
    expect(trendPoints(SETS, null)[0].velocity).toBeNull();
    const bh = [set('b', '2026-11-02T10:00:00Z', 'squat', [{ ...fast(0.3), analyses: [{ analysisType: 'MEAN_CONCENTRIC_VELOCITY_BH_PER_S', analysisScalar: 0.314 }] }])];
    expect(velocityUnit(bh)).toBe('BH/s');
    expect(trendPoints(bh, null)[0].velocity).toBe(0.31);
  });

  it('has no measure value where nothing was measured', () => {
    expect(trendPoints([SETS[2]], 'HIP_KNEE_ANGLE_DEGREES')[0]).toMatchObject({ mean: null, range: null, spread: null });
  });
});
