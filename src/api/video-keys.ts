import type { SessionListQuery } from '../contract/api.ts';

export const videoKeys = {
  all: ['videos'] as const,
  lists: () => [...videoKeys.all, 'list'] as const,
  list: (filters: SessionListQuery = {}) => [...videoKeys.lists(), filters] as const,
  details: () => [...videoKeys.all, 'detail'] as const,
  detail: (id: string) => [...videoKeys.details(), id] as const,
  analysis: (id: string) => [...videoKeys.detail(id), 'analysis'] as const,
  j2p: (id: string) => [...videoKeys.detail(id), 'j2p'] as const,
  reps: (id: string) => [...videoKeys.detail(id), 'reps'] as const,
  shares: (id: string) => [...videoKeys.detail(id), 'shares'] as const,
};
