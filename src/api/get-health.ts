import { queryOptions, useQuery } from '@tanstack/react-query';
import { healthSchema, type Health } from '../contract/api.ts';
import { apiClient } from './api-client.ts';

export function getHealth(signal?: AbortSignal): Promise<Health> {
  return apiClient.get('/api/health', healthSchema, signal);
}

/** Which Guru the server talks to: it does not change while the server runs. */
export function healthQueryOptions() {
  return queryOptions({ queryKey: ['health'], queryFn: ({ signal }) => getHealth(signal), staleTime: Infinity });
}

export function useHealth() {
  return useQuery(healthQueryOptions());
}
