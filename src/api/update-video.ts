import { useMutation, useQueryClient } from '@tanstack/react-query';
import { updateVideoResponseSchema } from '../contract/guru.ts';
import type { UpdateSessionRequest } from '../contract/api.ts';
import { apiClient } from './api-client.ts';
import { videoKeys } from './video-keys.ts';

export function updateVideo(id: string, body: UpdateSessionRequest) {
  return apiClient.put(`/api/videos/${encodeURIComponent(id)}`, body, updateVideoResponseSchema);
}

export function useUpdateVideo(id: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateSessionRequest) => updateVideo(id, body),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: videoKeys.detail(id), exact: true }),
        queryClient.invalidateQueries({ queryKey: videoKeys.lists() }),
      ]),
  });
}
