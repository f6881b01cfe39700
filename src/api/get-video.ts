import { queryOptions, useQuery, type Query } from '@tanstack/react-query';
import { videoDetailSchema, type VideoDetail } from '../contract/api.ts';
import { apiClient } from './api-client.ts';
import { pollDelay } from './get-analysis.ts';
import { videoKeys } from './video-keys.ts';

export function getVideo(id: string, signal?: AbortSignal): Promise<VideoDetail> {
  return apiClient.get(`/api/videos/${encodeURIComponent(id)}`, videoDetailSchema, signal);
}

/** Polls, backing off, only while the local Guru prepares a browser-safe copy (`uri` is null until then). */
export function videoRefetchInterval(query: Pick<Query<VideoDetail>, 'state'>): number | false {
  return query.state.data?.playback === 'Preparing' ? pollDelay(query.state.dataUpdateCount) : false;
}

export function videoQueryOptions(id: string) {
  return queryOptions({
    queryKey: videoKeys.detail(id),
    queryFn: ({ signal }) => getVideo(id, signal),
    // Otherwise the review page polls the analysis only (one request per poll) and refetches this
    // when the analysis moves on, which is when a Pending upload has landed.
    refetchInterval: videoRefetchInterval,
  });
}

export function useVideo(id: string) {
  return useQuery(videoQueryOptions(id));
}
