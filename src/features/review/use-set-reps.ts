import { useMemo } from 'react';
import { useCoachReps } from '../../api/coach-reps.ts';
import type { AnalysisResponse } from '../../contract/guru.ts';
import { sortedReps, type SetRep } from './rep-utils.ts';

/**
 * The set as the coach judged it: their version of the reps where one exists, else Guru's. Every
 * panel of the review (timeline, table, charts, curve, CSV, print) reads its reps from here.
 */
export function useSetReps(id: string, analysis: AnalysisResponse) {
  const coach = useCoachReps(id, { enabled: id !== '' && analysis.status === 'Complete' });
  const detected = useMemo(() => sortedReps(analysis.reps), [analysis.reps]);
  const edited = coach.data?.reps;
  const reps: SetRep[] = useMemo(() => (edited ? sortedReps(edited) : detected), [edited, detected]);
  return {
    reps,
    /** Reps Guru found. */
    detected: detected.length,
    coach: coach.data,
    /** Reps deleted or merged away from Guru's answer count as corrections too. */
    edited: !!edited,
  };
}
