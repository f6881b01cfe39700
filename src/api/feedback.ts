/**
 * The coach's notes and drawings on a video, and its share links. Notes and drawings are read the
 * same way on the review (/api/videos/:id) and on a shared page (/api/shared/:token): a
 * FeedbackSource names which.
 */
import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import {
  createdShareSchema,
  drawingListSchema,
  drawingSchema,
  noteListSchema,
  noteSchema,
  shareListSchema,
  type NewDrawing,
  type NewNote,
  type NewShare,
  type NoteChange,
} from '../contract/feedback.ts';
import { apiClient } from './api-client.ts';
import { sharedKeys, videoKeys } from './video-keys.ts';

export interface FeedbackSource {
  /** The API path the notes and drawings hang under. */
  base: string;
  notesKey: QueryKey;
  drawingsKey: QueryKey;
}

export const videoSource = (id: string): FeedbackSource => ({
  base: `/api/videos/${encodeURIComponent(id)}`,
  notesKey: videoKeys.notes(id),
  drawingsKey: videoKeys.drawings(id),
});
export const sharedSource = (token: string): FeedbackSource => ({
  base: `/api/shared/${encodeURIComponent(token)}`,
  notesKey: sharedKeys.part(token, 'notes'),
  drawingsKey: sharedKeys.part(token, 'drawings'),
});

export function useNotes(source: FeedbackSource) {
  return useQuery({
    queryKey: source.notesKey,
    queryFn: async ({ signal }) => (await apiClient.get(`${source.base}/notes`, noteListSchema, signal)).items,
  });
}

export function useDrawings(source: FeedbackSource) {
  return useQuery({
    queryKey: source.drawingsKey,
    queryFn: async ({ signal }) => (await apiClient.get(`${source.base}/drawings`, drawingListSchema, signal)).items,
  });
}

/** Adding, editing and deleting the review's notes and drawings; each refreshes its list. */
export function useFeedbackChanges(id: string) {
  const queryClient = useQueryClient();
  const source = videoSource(id);
  const refresh = (key: QueryKey) => () => queryClient.invalidateQueries({ queryKey: key, exact: true });
  const onNotes = { onSettled: refresh(source.notesKey) };
  const onDrawings = { onSettled: refresh(source.drawingsKey) };
  return {
    addNote: useMutation({ mutationFn: (note: NewNote) => apiClient.post(`${source.base}/notes`, note, noteSchema), ...onNotes }),
    editNote: useMutation({
      mutationFn: ({ id: noteId, change }: { id: number; change: NoteChange }) => apiClient.patch(`${source.base}/notes/${noteId}`, change, noteSchema),
      ...onNotes,
    }),
    deleteNote: useMutation({ mutationFn: (noteId: number) => apiClient.remove(`${source.base}/notes/${noteId}`), ...onNotes }),
    addDrawing: useMutation({ mutationFn: (drawing: NewDrawing) => apiClient.post(`${source.base}/drawings`, drawing, drawingSchema), ...onDrawings }),
    deleteDrawing: useMutation({ mutationFn: (drawingId: number) => apiClient.remove(`${source.base}/drawings/${drawingId}`), ...onDrawings }),
  };
}
export type FeedbackChanges = ReturnType<typeof useFeedbackChanges>;

export function useShares(id: string, { enabled = true } = {}) {
  return useQuery({
    queryKey: videoKeys.shares(id),
    queryFn: async ({ signal }) => (await apiClient.get(`/api/videos/${encodeURIComponent(id)}/shares`, shareListSchema, signal)).items,
    enabled,
  });
}

export function useShareChanges(id: string) {
  const queryClient = useQueryClient();
  const base = `/api/videos/${encodeURIComponent(id)}/shares`;
  const onSettled = () => queryClient.invalidateQueries({ queryKey: videoKeys.shares(id), exact: true });
  return {
    create: useMutation({ mutationFn: (share: NewShare) => apiClient.post(base, share, createdShareSchema), onSettled }),
    revoke: useMutation({ mutationFn: (shareId: number) => apiClient.remove(`${base}/${shareId}`), onSettled }),
  };
}
