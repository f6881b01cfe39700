import type { Rep } from '../../contract/guru.ts';
import { LOW_REP_CONFIDENCE } from '../../contract/measures.ts';

export type RepOpinion = 'good' | 'bad' | 'neutral';

/** A rep of the set on screen: Guru's, or one the coach placed (`edited`, measured by RepLens). */
export type SetRep = Rep & { edited?: boolean };

/** Any bad analysis makes the rep bad; otherwise good if anything was judged; else neutral. Only
 *  measured values count: an opinion on a missing number is never a verdict. */
export function repOpinion(rep: Rep): RepOpinion {
  const opinions = rep.analyses.filter((a) => typeof a.analysisScalar === 'number').map((a) => a.analysisOpinion).filter(Boolean);
  if (opinions.includes('bad')) return 'bad';
  return opinions.length > 0 ? 'good' : 'neutral';
}

/** Every analysis type seen, in order of first appearance. */
export function analysisTypes(reps: readonly Rep[]): string[] {
  const seen = new Set<string>();
  for (const rep of reps) for (const a of rep.analyses) seen.add(a.analysisType);
  return [...seen];
}

/** Types with at least one number to plot. */
export function numericAnalysisTypes(reps: readonly Rep[]): string[] {
  return analysisTypes(reps).filter((type) =>
    reps.some((rep) => rep.analyses.some((a) => a.analysisType === type && typeof a.analysisScalar === 'number')),
  );
}

export const PREFERRED_CHART_TYPE = 'HIP_KNEE_ANGLE_DEGREES';

export function defaultChartType(types: readonly string[]): string | null {
  if (types.includes(PREFERRED_CHART_TYPE)) return PREFERRED_CHART_TYPE;
  return types[0] ?? null;
}

export function findAnalysis(rep: Rep, type: string) {
  return rep.analyses.find((a) => a.analysisType === type);
}

/** Reps sorted by start time (Guru's order is not promised). */
export function sortedReps(reps: readonly Rep[]): Rep[] {
  return [...reps].sort((a, b) => a.startTimestampMs - b.startTimestampMs);
}

export function repIndexAt(reps: readonly Rep[], timeMs: number): number {
  return reps.findIndex((r) => timeMs >= r.startTimestampMs && timeMs < r.endTimestampMs);
}

/** The rep before/after the playhead: inside a rep, its neighbour; between reps, the nearest one that way. */
export function adjacentRepIndex(reps: readonly Rep[], timeMs: number, direction: 1 | -1): number {
  if (direction === 1) return reps.findIndex((r) => r.startTimestampMs > timeMs + 1);
  const inside = repIndexAt(reps, timeMs);
  if (inside >= 0) return inside - 1;
  for (let i = reps.length - 1; i >= 0; i--) if (reps[i].endTimestampMs <= timeMs) return i;
  return -1;
}

/** A rep the engine is unsure of (keypoints poorly seen, or a view that limits it): "check this rep". */
export function needsCheck(rep: Rep): boolean {
  return typeof rep.confidence === 'number' && rep.confidence < LOW_REP_CONFIDENCE;
}
