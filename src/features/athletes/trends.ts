/**
 * An athlete's sets as points over time, one per set of an activity: reps (the coach's count), a
 * measure's mean with its spread across the set (how consistent the reps were), and tempo. Pure:
 * the athlete page charts these.
 */
import type { AthleteSet } from '../../contract/api.ts';
import { activityName, describeAnalysisType } from '../../contract/measures.ts';
import { isMeanVelocityType, VELOCITY_TYPES } from '../../contract/velocity.ts';

export interface TrendPoint {
  id: string;
  date: string;
  label: string;
  reps: number;
  detected: number;
  edited: boolean;
  /** The measure's mean over the reps that have it, its lowest and highest (null: not measured). */
  mean: number | null;
  range: [number, number] | null;
  spread: number | null;
  /** Mean descent and ascent, seconds. */
  descentS: number | null;
  ascentS: number | null;
  /** Mean concentric velocity over the set's reps (RepLens, velocity.ts), in `velocityUnit`. */
  velocity: number | null;
}

/** The measure charted first: each lift's headline number. */
const HEADLINE = ['HIP_KNEE_ANGLE_DEGREES', 'HIP_ANGLE_DEGREES', 'ELBOW_ANGLE_DEGREES'];
const TIMING = /_MS$/;

const mean = (values: number[]) => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : null);
const round = (x: number | null, digits = 1) => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);

function valuesOf(set: AthleteSet, type: string): number[] {
  return set.reps.flatMap((r) => r.analyses.filter((a) => a.analysisType === type && typeof a.analysisScalar === 'number').map((a) => a.analysisScalar!));
}

/** Activities present, the most frequent first. */
export function activitiesOf(sets: readonly AthleteSet[]): { id: string; name: string; sets: number }[] {
  const counts = new Map<string, number>();
  for (const s of sets) if (s.activity) counts.set(s.activity, (counts.get(s.activity) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([id, n]) => ({ id, name: activityName(id), sets: n }));
}

/** Measures (not timing) with at least one number in these sets; the headline one first. */
export function measuresOf(sets: readonly AthleteSet[]): string[] {
  const seen = new Set<string>();
  for (const s of sets) for (const r of s.reps) for (const a of r.analyses) {
    // Velocity has its own chart (velocityUnit).
    if (!TIMING.test(a.analysisType) && !VELOCITY_TYPES.includes(a.analysisType) && typeof a.analysisScalar === 'number') seen.add(a.analysisType);
  }
  return [...seen].sort((a, b) => rank(a) - rank(b));
}
const rank = (type: string) => (HEADLINE.includes(type) ? HEADLINE.indexOf(type) : HEADLINE.length);

/** The unit of the sets' mean concentric velocity ("m/s", or "BH/s" without the athlete's height); null if none has it. */
export function velocityUnit(sets: readonly AthleteSet[]): string | null {
  for (const s of sets) for (const r of s.reps) for (const a of r.analyses) {
    if (isMeanVelocityType(a.analysisType) && typeof a.analysisScalar === 'number') return describeAnalysisType(a.analysisType).unit;
  }
  return null;
}

/** One point per set, oldest first. */
export function trendPoints(sets: readonly AthleteSet[], measure: string | null): TrendPoint[] {
  return [...sets]
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
    .map((set) => {
      const values = measure ? valuesOf(set, measure) : [];
      const low = values.length ? Math.min(...values) : null;
      const high = values.length ? Math.max(...values) : null;
      const phase = (type: string) => round(mean(valuesOf(set, type).map((ms) => ms / 1000)), 2);
      return {
        id: set.id,
        date: set.date,
        label: `${set.date} · ${set.filename}`,
        reps: set.reps.length,
        detected: set.detected,
        edited: set.reps.some((r) => r.edited) || set.reps.length !== set.detected,
        mean: round(mean(values)),
        range: low !== null && high !== null ? [low, high] : null,
        spread: low !== null && high !== null ? round(high - low) : null,
        descentS: phase('DESCENT_MS'),
        ascentS: phase('ASCENT_MS'),
        velocity: round(mean(set.reps.flatMap((r) => r.analyses.filter((a) => isMeanVelocityType(a.analysisType) && typeof a.analysisScalar === 'number').map((a) => a.analysisScalar!))), 2),
      };
    });
}
