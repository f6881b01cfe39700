import { queryOptions, useQuery } from '@tanstack/react-query';
import { videoDetailSchema, type VideoDetail } from '../contract/api.ts';
import { apiClient } from './api-client.ts';
import { videoKeys } from './video-keys.ts';

export function getVideo(id: string, signal?: AbortSignal): Promise<VideoDetail> {
  return apiClient.get(`/api/videos/${encodeURIComponent(id)}`, videoDetailSchema, signal);
}

export function videoQueryOptions(id: string) {
  return queryOptions({
    queryKey: videoKeys.detail(id),
    queryFn: ({ signal }) => getVideo(id, signal),
    // No interval of its own: the review page polls the analysis only (one request per poll) and
    // refetches this when the analysis moves on, which is when a Pending upload has landed.
  });
}

export function useVideo(id: string) {
  return useQuery(videoQueryOptions(id));
}
