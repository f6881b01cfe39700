import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { sessionListSchema, type SessionList, type SessionListQuery } from '../contract/api.ts';
import { apiClient } from './api-client.ts';
import { videoKeys } from './video-keys.ts';

export function getVideos(filters: SessionListQuery = {}, signal?: AbortSignal): Promise<SessionList> {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) {
    if (value !== undefined && value !== '') params.set(key, String(value));
  }
  const query = params.toString();
  return apiClient.get(`/api/videos${query ? `?${query}` : ''}`, sessionListSchema, signal);
}

const RECENT_MS = 15 * 60_000;

/** Something uploaded in the last 15 minutes is still on its way; older stragglers don't keep us polling. */
const hasUnfinished = (list: SessionList | undefined) =>
  !!list?.items.some(
    (s) =>
      (s.status === 'Pending' || s.status === 'Uploading') && Date.now() - (Date.parse(s.updatedAt) || 0) < RECENT_MS,
  );

export function videosQueryOptions(filters: SessionListQuery = {}) {
  return queryOptions({
    queryKey: videoKeys.list(filters),
    queryFn: ({ signal }) => getVideos(filters, signal),
    // The filters are applied on the server: keep the last answer on screen while the next one comes.
    placeholderData: keepPreviousData,
    // Keep the library fresh while anything is still being analysed.
    refetchInterval: (query) => (hasUnfinished(query.state.data) ? 5_000 : false),
  });
}

export function useVideos(filters: SessionListQuery = {}) {
  return useQuery(videosQueryOptions(filters));
}
