import type { QueryClient } from '@tanstack/react-query';
import { coachRepsQueryOptions } from '../../api/coach-reps.ts';
import { analysisQueryOptions } from '../../api/get-analysis.ts';
import { j2pQueryOptions } from '../../api/get-j2p.ts';
import { videoQueryOptions } from '../../api/get-video.ts';

/**
 * Starts the review page's requests (same query options as its hooks) while its lazy chunk loads.
 * Nothing is awaited: the page still shows its own loading and error states. The joint data is
 * and the coach's version of the reps are asked for only once the analysis is Complete, as the
 * page does (the joint data is kept fresh forever once fetched).
 */
export function prefetchReview(queryClient: QueryClient, id: string): void {
  void queryClient.prefetchQuery(videoQueryOptions(id));
  queryClient
    .ensureQueryData(analysisQueryOptions(id))
    .then((analysis) =>
      analysis.status === 'Complete'
        ? Promise.all([queryClient.prefetchQuery(j2pQueryOptions(id)), queryClient.prefetchQuery(coachRepsQueryOptions(id))])
        : undefined,
    )
    // The page's own query reports the error.
    .catch(() => undefined);
}
