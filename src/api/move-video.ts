import { useMutation, useQueryClient } from '@tanstack/react-query';
import { sessionSchema } from '../contract/api.ts';
import { apiClient } from './api-client.ts';
import { refetchAthletesAndVideos } from './athlete-keys.ts';

/** Files a session under the athlete `athlete` names (an existing one whatever the case or accents, else new). */
export function moveVideo(id: string, athlete: string) {
  return apiClient.put(`/api/videos/${encodeURIComponent(id)}/athlete`, { athlete }, sessionSchema);
}

export function useMoveVideo() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, athlete }: { id: string; athlete: string }) => moveVideo(id, athlete),
    onSuccess: () => refetchAthletesAndVideos(queryClient),
  });
}
