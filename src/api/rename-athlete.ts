import { useMutation, useQueryClient } from '@tanstack/react-query';
import { athleteSummarySchema } from '../contract/api.ts';
import { apiClient } from './api-client.ts';
import { refetchAthletesAndVideos } from './athlete-keys.ts';

export function renameAthlete(id: number, name: string) {
  return apiClient.put(`/api/athletes/${id}`, { name }, athleteSummarySchema);
}

export function useRenameAthlete() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, name }: { id: number; name: string }) => renameAthlete(id, name),
    onSuccess: () => refetchAthletesAndVideos(queryClient),
  });
}
