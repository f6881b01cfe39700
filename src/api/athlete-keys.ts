import type { QueryClient } from '@tanstack/react-query';
import type { AthleteSetsQuery } from '../contract/api.ts';
import { videoKeys } from './video-keys.ts';

export const athleteKeys = {
  all: ['athletes'] as const,
  list: () => [...athleteKeys.all, 'list'] as const,
  /** Under `all`, so whatever refetches the athletes after an edit refetches each one too. */
  detail: (id: number) => [...athleteKeys.all, 'detail', id] as const,
  sets: (id: number, range: AthleteSetsQuery) => [...athleteKeys.all, 'sets', id, range] as const,
};

/** Athlete names show on every session: after a rename, merge or move, both are fetched anew. */
export const refetchAthletesAndVideos = (queryClient: QueryClient) =>
  Promise.all([queryClient.invalidateQueries({ queryKey: athleteKeys.all }), queryClient.invalidateQueries({ queryKey: videoKeys.all })]);
