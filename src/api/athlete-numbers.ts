import { useMutation, useQueryClient } from '@tanstack/react-query';
import { athleteSummarySchema, type AthleteSettingsRequest } from '../contract/api.ts';
import { apiClient } from './api-client.ts';
import { athleteKeys } from './athlete-keys.ts';

/** PATCH /api/athletes/:id: the athlete's height and velocity-loss threshold. */
export function setAthleteNumbers(id: number, numbers: AthleteSettingsRequest) {
  return apiClient.patch(`/api/athletes/${id}`, numbers, athleteSummarySchema);
}

/** Velocity is worked out from these, so the athlete's sets, the list and the athlete's own read (the review's) are fetched anew. */
export function useSetAthleteNumbers(id: number) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (numbers: AthleteSettingsRequest) => setAthleteNumbers(id, numbers),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: athleteKeys.all }),
  });
}
