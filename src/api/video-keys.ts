import type { SessionListQuery } from '../contract/api.ts';
import type { CompareSideRef } from '../contract/feedback.ts';

export const videoKeys = {
  all: ['videos'] as const,
  lists: () => [...videoKeys.all, 'list'] as const,
  list: (filters: SessionListQuery = {}) => [...videoKeys.lists(), filters] as const,
  details: () => [...videoKeys.all, 'detail'] as const,
  detail: (id: string) => [...videoKeys.details(), id] as const,
  analysis: (id: string) => [...videoKeys.detail(id), 'analysis'] as const,
  j2p: (id: string) => [...videoKeys.detail(id), 'j2p'] as const,
  reps: (id: string) => [...videoKeys.detail(id), 'reps'] as const,
  notes: (id: string) => [...videoKeys.detail(id), 'notes'] as const,
  drawings: (id: string) => [...videoKeys.detail(id), 'drawings'] as const,
  shares: (id: string) => [...videoKeys.detail(id), 'shares'] as const,
};

/** What a share link's page reads, by token: `part` is the review itself, or its analysis, reps, j2p, notes or drawings. */
export const sharedKeys = {
  all: ['shared'] as const,
  link: (token: string) => [...sharedKeys.all, token] as const,
  part: (token: string, part: string) => [...sharedKeys.link(token), part] as const,
};

/** The links to one comparison of two reps. */
export const compareKeys = {
  shares: (a: CompareSideRef, b: CompareSideRef) => ['compare', a.videoId, a.rep, b.videoId, b.rep, 'shares'] as const,
};
