import type { Rep } from '../../contract/guru.ts';
import { isLowConfidence, repOpinion } from '../../contract/measures.ts';

/** The rules live in the contract (the CSV and the server use them too). */
export { repOpinion };
/** A rep the engine is unsure of (keypoints poorly seen, or a view that limits it): "check this rep". */
export const needsCheck = isLowConfidence;

export type RepOpinion = ReturnType<typeof repOpinion>;

/** A rep of the set on screen: Guru's, or one the coach placed (`edited`, measured by RepLens). */
export type SetRep = Rep & { edited?: boolean };

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

/** The number (1-based) of the rep playing at `timeMs`, or null between reps: the rep a note there is pinned to. */
export function repNumberAt(reps: readonly Rep[], timeMs: number): number | null {
  const index = repIndexAt(reps, timeMs);
  return index >= 0 ? index + 1 : null;
}

/** The rep before/after the playhead: inside a rep, its neighbour; between reps, the nearest one that way. */
export function adjacentRepIndex(reps: readonly Rep[], timeMs: number, direction: 1 | -1): number {
  if (direction === 1) return reps.findIndex((r) => r.startTimestampMs > timeMs + 1);
  const inside = repIndexAt(reps, timeMs);
  if (inside >= 0) return inside - 1;
  for (let i = reps.length - 1; i >= 0; i--) if (reps[i].endTimestampMs <= timeMs) return i;
  return -1;
}
