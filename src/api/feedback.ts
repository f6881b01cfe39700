/**
 * The coach's notes and drawings on a video, and share links. Notes and drawings are read the
 * same way on the review (/api/videos/:id) and on a shared page (/api/shared/:token): a
 * FeedbackSource names which. Links are to a review or to a comparison: a ShareTarget names which.
 */
import { useMutation, useQuery, useQueryClient, type QueryKey } from '@tanstack/react-query';
import {
  compareSideParam,
  createdShareSchema,
  drawingListSchema,
  drawingSchema,
  noteListSchema,
  noteSchema,
  shareListSchema,
  type Comparison,
  type NewDrawing,
  type NewNote,
  type NewShare,
  type Note,
  type NoteChange,
} from '../contract/feedback.ts';
import { apiClient } from './api-client.ts';
import { compareKeys, sharedKeys, videoKeys } from './video-keys.ts';

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

/** Notes as the server lists them: by time, then as they were made. */
const inTimeOrder = (notes: Note[]) => notes.toSorted((a, b) => a.timeMs - b.timeMs || a.id - b.id);

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
      // A moved note takes its place in time order at once, as the server lists it, before the list is fetched anew.
      onSuccess: (note) => queryClient.setQueryData<Note[]>(source.notesKey, (notes) => notes && inTimeOrder(notes.map((n) => (n.id === note.id ? note : n)))),
      ...onNotes,
    }),
    deleteNote: useMutation({ mutationFn: (noteId: number) => apiClient.remove(`${source.base}/notes/${noteId}`), ...onNotes }),
    addDrawing: useMutation({ mutationFn: (drawing: NewDrawing) => apiClient.post(`${source.base}/drawings`, drawing, drawingSchema), ...onDrawings }),
    deleteDrawing: useMutation({ mutationFn: (drawingId: number) => apiClient.remove(`${source.base}/drawings/${drawingId}`), ...onDrawings }),
  };
}
export type FeedbackChanges = ReturnType<typeof useFeedbackChanges>;

/** Where a share card lists, makes and revokes its links. */
export interface ShareTarget {
  key: QueryKey;
  list: string;
  create: (share: NewShare) => { path: string; body: object };
  /** A link is revoked as one of the videos it shows. */
  revoke: (shareId: number) => string;
}

/** A review's links: every link that shows the video, its comparisons' too (so each can be revoked here). */
export function reviewShares(id: string): ShareTarget {
  const base = `/api/videos/${encodeURIComponent(id)}/shares`;
  return { key: videoKeys.shares(id), list: base, create: (share) => ({ path: base, body: share }), revoke: (shareId) => `${base}/${shareId}` };
}

/** The links to exactly these two reps (at any alignment and tempo); a new one takes the settings on screen. */
export function comparisonShares(comparison: Comparison): ShareTarget {
  const { a, b } = comparison;
  const query = new URLSearchParams({ a: compareSideParam(a), b: compareSideParam(b) });
  return {
    key: compareKeys.shares(a, b),
    list: `/api/compare/shares?${query}`,
    create: (share) => ({ path: '/api/compare/shares', body: { ...comparison, ...share } }),
    revoke: (shareId) => `/api/videos/${encodeURIComponent(a.videoId)}/shares/${shareId}`,
  };
}

export function useShares(target: ShareTarget) {
  return useQuery({
    queryKey: target.key,
    queryFn: async ({ signal }) => (await apiClient.get(target.list, shareListSchema, signal)).items,
  });
}

export function useShareChanges(target: ShareTarget) {
  const queryClient = useQueryClient();
  const onSettled = () => queryClient.invalidateQueries({ queryKey: target.key, exact: true });
  return {
    create: useMutation({
      mutationFn: (share: NewShare) => {
        const { path, body } = target.create(share);
        return apiClient.post(path, body, createdShareSchema);
      },
      onSettled,
    }),
    revoke: useMutation({ mutationFn: (shareId: number) => apiClient.remove(target.revoke(shareId)), onSettled }),
  };
}
