/** The coach's version of a set's reps: read it, save an edit, undo the last one. */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { coachRepsSchema, type CoachReps, type RepBounds } from '../contract/api.ts';
import { apiClient, ApiError } from './api-client.ts';
import { videoKeys } from './video-keys.ts';

const path = (id: string) => `/api/videos/${encodeURIComponent(id)}/reps`;

export function coachRepsQueryOptions(id: string) {
  return queryOptions({
    queryKey: videoKeys.reps(id),
    queryFn: ({ signal }) => apiClient.get(path(id), coachRepsSchema, signal),
  });
}

export function useCoachReps(id: string, { enabled = true }: { enabled?: boolean } = {}) {
  return useQuery({ ...coachRepsQueryOptions(id), enabled });
}

/** A whole set (null: back to the detected reps), or an undo, on top of the version on screen. */
export type RepChange = { reps: RepBounds[] | null } | { undo: true };

export function useChangeReps(id: string) {
  const queryClient = useQueryClient();
  const key = videoKeys.reps(id);
  return useMutation({
    mutationFn: (change: RepChange) => {
      const basedOn = queryClient.getQueryData<CoachReps>(key)?.version ?? 0;
      return 'undo' in change
        ? apiClient.post(`${path(id)}/undo`, { basedOn }, coachRepsSchema)
        : apiClient.put(path(id), { basedOn, reps: change.reps }, coachRepsSchema);
    },
    onSuccess: (saved) => queryClient.setQueryData(key, saved),
    onError: (error) => {
      // Changed in another tab: show that version, the coach's edit is refused rather than merged.
      if (error instanceof ApiError && error.status === 409) void queryClient.invalidateQueries({ queryKey: key, exact: true });
    },
    // The library entry carries the coach's count.
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: videoKeys.detail(id), exact: true }),
        queryClient.invalidateQueries({ queryKey: videoKeys.lists() }),
      ]),
  });
}
