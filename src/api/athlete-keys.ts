import type { QueryClient } from '@tanstack/react-query';
import { videoKeys } from './video-keys.ts';

export const athleteKeys = {
  all: ['athletes'] as const,
  list: () => [...athleteKeys.all, 'list'] as const,
};

/** Athlete names show on every session: after a rename, merge or move, both are fetched anew. */
export const refetchAthletesAndVideos = (queryClient: QueryClient) =>
  Promise.all([queryClient.invalidateQueries({ queryKey: athleteKeys.all }), queryClient.invalidateQueries({ queryKey: videoKeys.all })]);
