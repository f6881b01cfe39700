import { useAnalysis } from '../../../api/get-analysis.ts';
import { useJ2p } from '../../../api/get-j2p.ts';
import { useVideo } from '../../../api/get-video.ts';
import type { AnalysisResponse } from '../../../contract/guru.ts';
import { useSetReps } from '../use-set-reps.ts';

/** "<video id>:<rep number>" in the compare page's address. */
export function parseSide(value: string | null): { id: string; rep: number } | null {
  const match = /^([\w-]{1,100}):(\d{1,4})$/.exec(value ?? '');
  return match ? { id: match[1], rep: Number(match[2]) } : null;
}

const EMPTY: AnalysisResponse = { status: 'Pending', reps: [] };

/** One side of a comparison: the video, the set as the coach judged it, the chosen rep, the joint data. */
export function useCompareSide(id: string, repNumber: number) {
  const enabled = id !== '';
  const video = useVideo(id, { enabled });
  const analysis = useAnalysis(id, { enabled });
  const set = useSetReps(id, analysis.data ?? EMPTY);
  const j2p = useJ2p(id, { enabled: enabled && analysis.data?.status === 'Complete' });
  const rep = set.reps[repNumber - 1];
  return {
    id,
    repNumber,
    video: video.data,
    analysis: analysis.data,
    reps: set.reps,
    rep,
    j2p: j2p.data,
    activity: video.data?.session?.activity ?? analysis.data?.activity ?? null,
    loading: enabled && (video.isPending || analysis.isPending),
    error: video.error ?? analysis.error,
  };
}

export type CompareSide = ReturnType<typeof useCompareSide>;
