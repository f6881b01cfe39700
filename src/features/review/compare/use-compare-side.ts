import { useMemo } from 'react';
import type { CompareSource } from '../../../api/compare-source.ts';
import type { CompareSideRef } from '../../../contract/feedback.ts';
import { withVelocity } from '../../../contract/velocity.ts';
import { sortedReps } from '../rep-utils.ts';
import { useSetVelocity } from '../use-set-reps.ts';

/**
 * One side of a comparison, read from the library or a compare link (`source`): the video, the set
 * as the coach judged it (their reps where they edited it, as on the review) with RepLens's velocity
 * in body heights per second (so two athletes compare fairly, and a link needs no athlete's
 * height), the chosen rep, the joint data.
 */
export function useCompareSide(source: CompareSource, ref: CompareSideRef | null) {
  const id = ref?.videoId ?? '';
  const repNumber = ref?.rep ?? 1;
  const enabled = id !== '';
  const video = source.useVideo(id, { enabled });
  const analysis = source.useAnalysis(id, { enabled });
  const complete = enabled && analysis.data?.status === 'Complete';
  const coach = source.useCoachReps(id, { enabled: complete });
  const j2p = source.useJ2p(id, { enabled: complete });
  const edited = coach.data?.reps;
  const detected = analysis.data?.reps;
  const judged = useMemo(() => sortedReps(edited ?? detected ?? []), [edited, detected]);
  const activity = video.data?.activity ?? analysis.data?.activity ?? null;
  const velocity = useSetVelocity(j2p.data, activity, judged, undefined);
  const reps = useMemo(() => withVelocity(judged, velocity), [judged, velocity]);
  const rep = reps[repNumber - 1];
  return {
    id,
    repNumber,
    video: video.data,
    analysis: analysis.data,
    reps,
    rep,
    j2p: j2p.data,
    activity,
    loading: enabled && (video.isPending || analysis.isPending),
    error: video.error ?? analysis.error,
  };
}

export type CompareSide = ReturnType<typeof useCompareSide>;
