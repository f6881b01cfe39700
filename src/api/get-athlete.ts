import { queryOptions, useQuery } from '@tanstack/react-query';
import { athleteSummarySchema, type AthleteSummary } from '../contract/api.ts';
import { apiClient } from './api-client.ts';
import { athleteKeys } from './athlete-keys.ts';

/** GET /api/athletes/:id: one athlete, for a page that needs only their numbers (the review). */
export function getAthlete(id: number, signal?: AbortSignal): Promise<AthleteSummary> {
  return apiClient.get(`/api/athletes/${id}`, athleteSummarySchema, signal);
}

export function athleteQueryOptions(id: number) {
  return queryOptions({ queryKey: athleteKeys.detail(id), queryFn: ({ signal }) => getAthlete(id, signal) });
}

/** Off until the athlete is known (`id` null or undefined). */
export function useAthlete(id: number | null | undefined) {
  return useQuery({ ...athleteQueryOptions(id ?? 0), enabled: typeof id === 'number' });
}
