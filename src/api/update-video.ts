import { useMutation, useQueryClient } from '@tanstack/react-query';
import { updateVideoResponseSchema } from '../contract/guru.ts';
import type { UpdateSessionRequest, VideoDetail } from '../contract/api.ts';
import { apiClient } from './api-client.ts';
import { videoKeys } from './video-keys.ts';

export function updateVideo(id: string, body: UpdateSessionRequest) {
  return apiClient.put(`/api/videos/${encodeURIComponent(id)}`, body, updateVideoResponseSchema);
}

/** The library entry as it will read once `body` is saved (repCount is the coach's correction). */
export function applySessionUpdate(detail: VideoDetail, body: UpdateSessionRequest): VideoDetail {
  if (!detail.session) return detail;
  return {
    ...detail,
    session: {
      ...detail.session,
      ...(body.repCount !== undefined ? { correctedReps: body.repCount } : {}),
      ...(body.domain !== undefined ? { domain: body.domain } : {}),
      ...(body.activity !== undefined ? { activity: body.activity } : {}),
    },
  };
}

/** Saves at once on screen (optimistic), rolls back if the server refuses, then refetches. */
export function useUpdateVideo(id: string) {
  const queryClient = useQueryClient();
  const key = videoKeys.detail(id);
  return useMutation({
    mutationFn: (body: UpdateSessionRequest) => updateVideo(id, body),
    onMutate: async (body) => {
      await queryClient.cancelQueries({ queryKey: key, exact: true });
      const previous = queryClient.getQueryData<VideoDetail>(key);
      if (previous) queryClient.setQueryData<VideoDetail>(key, applySessionUpdate(previous, body));
      return { previous };
    },
    onError: (_error, _body, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
    },
    // Not exact: a corrected activity is analysed again on the local Guru, so the analysis and
    // joint data under this key go back to Pending and are polled anew.
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: key }),
        queryClient.invalidateQueries({ queryKey: videoKeys.lists() }),
      ]),
  });
}
