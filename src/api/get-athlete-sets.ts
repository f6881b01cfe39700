import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { athleteSetsSchema, type AthleteSetsQuery } from '../contract/api.ts';
import { apiClient } from './api-client.ts';
import { athleteKeys } from './athlete-keys.ts';

/** An athlete's analysed sets in a date range, as the coach judged them (for the athlete page). */
export function useAthleteSets(id: number, range: AthleteSetsQuery) {
  return useQuery({
    queryKey: athleteKeys.sets(id, range),
    queryFn: ({ signal }) => {
      const query = new URLSearchParams(Object.entries(range).filter((e): e is [string, string] => !!e[1]));
      return apiClient.get(`/api/athletes/${id}/sets?${query}`, athleteSetsSchema, signal);
    },
    // Changing the dates keeps the charts up until the new sets arrive.
    placeholderData: keepPreviousData,
  });
}
