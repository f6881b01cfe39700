import { useMemo } from 'react';
import { useAthlete } from '../../api/get-athlete.ts';
import { useCoachReps } from '../../api/coach-reps.ts';
import type { AnalysisResponse, J2pResponse } from '../../contract/guru.ts';
import { setVelocity, withVelocity } from '../../contract/velocity.ts';
import { sortedReps, type SetRep } from './rep-utils.ts';

/** What velocity is measured from: the joint data, the activity, the athlete (for their height). */
export interface VelocitySources {
  j2p: J2pResponse | undefined;
  activity: string | null | undefined;
  athleteId: number | null | undefined;
}

/** The set's velocity (velocity.ts) once its joint data is in; at the athlete's height when known. */
export function useSetVelocity(
  j2p: J2pResponse | undefined,
  activity: string | null | undefined,
  reps: readonly SetRep[],
  athlete: { heightCm: number | null; velocityLossPct: number } | undefined,
) {
  const heightCm = athlete?.heightCm;
  const thresholdPct = athlete?.velocityLossPct;
  return useMemo(
    () =>
      j2p
        ? setVelocity({
          jointToPoints: j2p.jointToPoints, followedJoint: j2p.followedJoint, width: j2p.resolutionWidth ?? 0, height: j2p.resolutionHeight ?? 0, activity, reps, heightCm, thresholdPct,
        })
        : null,
    [j2p, activity, reps, heightCm, thresholdPct],
  );
}

/**
 * The set as the coach judged it: their version of the reps where one exists, else Guru's, with
 * RepLens's velocity analyses beside Guru's once the joint data is in (`sources`). Every panel of
 * the review (timeline, table, charts, curve, CSV, print) reads its reps from here.
 */
export function useSetReps(id: string, analysis: AnalysisResponse, sources?: VelocitySources) {
  const coach = useCoachReps(id, { enabled: id !== '' && analysis.status === 'Complete' });
  const detected = useMemo(() => sortedReps(analysis.reps), [analysis.reps]);
  const edited = coach.data?.reps;
  const judged: SetRep[] = useMemo(() => (edited ? sortedReps(edited) : detected), [edited, detected]);
  const athlete = useAthlete(sources?.athleteId);
  const velocity = useSetVelocity(sources?.j2p, sources?.activity, judged, athlete.data);
  const reps = useMemo(() => withVelocity(judged, velocity), [judged, velocity]);
  return {
    reps,
    /** Velocity and bar path per rep (null: no joint data yet, or nothing to track). */
    velocity,
    /** Reps Guru found. */
    detected: detected.length,
    coach: coach.data,
    /** Reps deleted or merged away from Guru's answer count as corrections too. */
    edited: !!edited,
  };
}
