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
    // While the file has not arrived, check now and then (the analysis stays Pending meanwhile);
    // after that the review page refetches this when the analysis moves on.
    refetchInterval: (query) => (query.state.data && query.state.data.status !== 'Success' ? 10_000 : false),
    refetchIntervalInBackground: false,
  });
}

export function useVideo(id: string) {
  return useQuery(videoQueryOptions(id));
}
