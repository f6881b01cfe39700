import { queryOptions, useQuery } from '@tanstack/react-query';
import { athleteListSchema, type AthleteList } from '../contract/api.ts';
import { apiClient } from './api-client.ts';
import { athleteKeys } from './athlete-keys.ts';

export function getAthletes(signal?: AbortSignal): Promise<AthleteList> {
  return apiClient.get('/api/athletes', athleteListSchema, signal);
}

export function athletesQueryOptions() {
  return queryOptions({ queryKey: athleteKeys.list(), queryFn: ({ signal }) => getAthletes(signal) });
}

export function useAthletes({ enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...athletesQueryOptions(), enabled });
}
