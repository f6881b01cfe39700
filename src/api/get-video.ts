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
    // Guru reports Success once the upload landed; until then there is no playable uri.
    refetchInterval: (query) => {
      const data = query.state.data;
      if (query.state.error) return false;
      return data && data.status === 'Pending' ? 3_000 : false;
    },
  });
}

export function useVideo(id: string) {
  return useQuery(videoQueryOptions(id));
}
