import { queryOptions, useQuery, type Query } from '@tanstack/react-query';
import { analysisResponseSchema, isTerminal, type AnalysisResponse } from '../contract/guru.ts';
import { apiClient, isClientError } from './api-client.ts';
import { videoKeys } from './video-keys.ts';

export function getAnalysis(id: string, signal?: AbortSignal): Promise<AnalysisResponse> {
  return apiClient.get(`/api/videos/${encodeURIComponent(id)}/analysis`, analysisResponseSchema, signal);
}

export const POLL_MIN_MS = 2_000;
export const POLL_MAX_MS = 15_000;

/** Delay before the next poll: 2 s, growing by half each time, capped at 15 s. */
export function pollDelay(pollsSoFar: number): number {
  return Math.min(POLL_MAX_MS, Math.round(POLL_MIN_MS * 1.5 ** Math.max(0, pollsSoFar - 1)));
}

/** react-query `refetchInterval`: back off while Pending, stop at Complete/Failed or on a 4xx. */
export function analysisRefetchInterval(
  query: Pick<Query<AnalysisResponse>, 'state'>,
): number | false {
  const { data, error, dataUpdateCount } = query.state;
  if (isClientError(error)) return false;
  if (data && isTerminal(data.status)) return false;
  return pollDelay(dataUpdateCount);
}

export function analysisQueryOptions(id: string) {
  return queryOptions({
    queryKey: videoKeys.analysis(id),
    queryFn: ({ signal }) => getAnalysis(id, signal),
    refetchInterval: analysisRefetchInterval,
    refetchIntervalInBackground: false,
  });
}

export function useAnalysis(id: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...analysisQueryOptions(id), enabled });
}
