import { queryOptions, useQuery, type Query } from '@tanstack/react-query';
import { videoDetailSchema, type VideoDetail } from '../contract/api.ts';
import { apiClient } from './api-client.ts';
import { pollDelay } from './get-analysis.ts';
import { videoKeys } from './video-keys.ts';

export function getVideo(id: string, signal?: AbortSignal): Promise<VideoDetail> {
  return apiClient.get(`/api/videos/${encodeURIComponent(id)}`, videoDetailSchema, signal);
}

/** Until the file has arrived, checks now and then (the analysis stays Pending meanwhile). */
const UPLOAD_CHECK_MS = 10_000;

/**
 * Polls only while something is on its way: the upload itself (every 10 s), or the local Guru's
 * browser-safe playback copy (`uri` is null until then; backing off).
 */
export function videoRefetchInterval(query: Pick<Query<VideoDetail>, 'state'>): number | false {
  const data = query.state.data;
  if (data?.playback === 'Preparing') return pollDelay(query.state.dataUpdateCount);
  return data && data.status !== 'Success' ? UPLOAD_CHECK_MS : false;
}

export function videoQueryOptions(id: string) {
  return queryOptions({
    queryKey: videoKeys.detail(id),
    queryFn: ({ signal }) => getVideo(id, signal),
    // The review page polls the analysis only (one request per poll) and refetches this when the
    // analysis moves on; this polls by itself only while the file or its playback copy is on its way.
    refetchInterval: videoRefetchInterval,
    refetchIntervalInBackground: false,
  });
}

export function useVideo(id: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...videoQueryOptions(id), enabled });
}
