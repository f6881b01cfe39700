import { queryOptions, useQuery } from '@tanstack/react-query';
import { j2pResponseSchema, type J2pResponse } from '../contract/guru.ts';
import { apiClient } from './api-client.ts';
import { videoKeys } from './video-keys.ts';

export function getJ2p(id: string, signal?: AbortSignal): Promise<J2pResponse> {
  return apiClient.get(`/api/videos/${encodeURIComponent(id)}/j2p`, j2pResponseSchema, signal);
}

export function j2pQueryOptions(id: string) {
  return queryOptions({
    queryKey: videoKeys.j2p(id),
    queryFn: ({ signal }) => getJ2p(id, signal),
    staleTime: Infinity,
  });
}

export function useJ2p(id: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...j2pQueryOptions(id), enabled });
}
