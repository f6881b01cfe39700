import { useMutation, useQueryClient } from '@tanstack/react-query';
import { athleteSummarySchema } from '../contract/api.ts';
import { apiClient } from './api-client.ts';
import { refetchAthletesAndVideos } from './athlete-keys.ts';

/** Every session of `id` moves to `into`; `id` is gone. */
export function mergeAthlete(id: number, into: number) {
  return apiClient.post(`/api/athletes/${id}/merge`, { into }, athleteSummarySchema);
}

export function useMergeAthlete() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, into }: { id: number; into: number }) => mergeAthlete(id, into),
    onSuccess: () => refetchAthletesAndVideos(queryClient),
  });
}
