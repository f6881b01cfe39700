/**
 * Where the compare page reads its two reps from: the library (/api/videos/:id…, signed in) or a
 * compare link (/api/shared/:token/videos/:id…, read-only). The page is the same for both.
 */
import { useQuery, type UseQueryResult } from '@tanstack/react-query';
import { coachRepsSchema, type CoachReps } from '../contract/api.ts';
import { analysisResponseSchema, j2pResponseSchema, type AnalysisResponse, type J2pResponse } from '../contract/guru.ts';
import { useCoachReps } from './coach-reps.ts';
import { useAnalysis } from './get-analysis.ts';
import { useJ2p } from './get-j2p.ts';
import { videoQueryOptions } from './get-video.ts';
import { sharedVideoQuery, useSharedLink } from './shared-review.ts';

/** What a side shows of its video: the file to play, and whose set of what. */
export interface CompareVideo {
  uri: string | null | undefined;
  athlete: string | undefined;
  activity: string | null | undefined;
  filename: string | undefined;
}

type Options = { enabled: boolean };
export interface CompareSource {
  useVideo(id: string, options: Options): Pick<UseQueryResult<CompareVideo>, 'data' | 'isPending' | 'error'>;
  useAnalysis(id: string, options: Options): UseQueryResult<AnalysisResponse>;
  useCoachReps(id: string, options: Options): UseQueryResult<CoachReps>;
  useJ2p(id: string, options: Options): UseQueryResult<J2pResponse>;
}

export const librarySource: CompareSource = {
  useVideo: (id, { enabled }) =>
    useQuery({
      ...videoQueryOptions(id),
      enabled,
      select: (d) => ({ uri: d.uri, athlete: d.session?.athlete, activity: d.session?.activity, filename: d.session?.filename }),
    }),
  useAnalysis,
  useCoachReps,
  useJ2p,
};

/** A compare link's two videos: their headers come with the link, the rest is read per video. */
export function sharedCompareSource(token: string): CompareSource {
  return {
    useVideo(id) {
      const link = useSharedLink(token);
      const side = link.data?.kind === 'compare' ? [link.data.a, link.data.b].find((s) => s.videoId === id) : undefined;
      return {
        data: side && { uri: side.video.uri, athlete: side.athlete, activity: side.activity, filename: undefined },
        isPending: link.isPending,
        error: link.error,
      };
    },
    useAnalysis: (id, { enabled }) => useQuery(sharedVideoQuery(token, id, 'analysis', analysisResponseSchema, enabled)),
    useCoachReps: (id, { enabled }) => useQuery(sharedVideoQuery(token, id, 'reps', coachRepsSchema, enabled)),
    useJ2p: (id, { enabled }) => useQuery(sharedVideoQuery(token, id, 'j2p', j2pResponseSchema, enabled)),
  };
}
