import { useMutation, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { apiClient } from './api-client.ts';
import { videoKeys } from './video-keys.ts';

/** Removes a session from the RepLens library (Guru keeps its copy: it has no delete call). */
export function deleteVideo(id: string) {
  return apiClient.delete(`/api/videos/${encodeURIComponent(id)}`, z.unknown());
}

export function useDeleteVideo() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: deleteVideo,
    onSuccess: (_data, id) => {
      queryClient.removeQueries({ queryKey: videoKeys.detail(id) });
      return queryClient.invalidateQueries({ queryKey: videoKeys.lists() });
    },
  });
}
