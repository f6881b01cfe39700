/** What a share link's page reads, all under /api/shared/:token: nothing here needs a sign-in. */
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { coachRepsSchema } from '../contract/api.ts';
import { sharedLinkSchema } from '../contract/feedback.ts';
import { analysisResponseSchema, j2pResponseSchema } from '../contract/guru.ts';
import { apiClient } from './api-client.ts';
import { sharedSource } from './feedback.ts';
import { sharedKeys } from './video-keys.ts';

/** One read of the link's review or comparison; the rest wait until the link itself is known to be valid. */
const sharedQuery = <T extends z.ZodType>(token: string, part: string, schema: T, enabled = true) => {
  const { base } = sharedSource(token);
  return {
    queryKey: sharedKeys.part(token, part || 'review'),
    queryFn: ({ signal }: { signal: AbortSignal }) => apiClient.get(`${base}${part && `/${part}`}`, schema, signal),
    staleTime: Infinity,
    enabled,
  };
};

/** What the link shows: a review, or a comparison of two reps. */
export const useSharedLink = (token: string) => useQuery(sharedQuery(token, '', sharedLinkSchema));

/** A review link's analysis, the coach's reps and joint data. */
export function useSharedReview(token: string) {
  const analysis = useQuery(sharedQuery(token, 'analysis', analysisResponseSchema));
  const reps = useQuery(sharedQuery(token, 'reps', coachRepsSchema));
  const j2p = useQuery(sharedQuery(token, 'j2p', j2pResponseSchema));
  return { analysis, reps, j2p };
}

/** One of the videos a compare link shows: its analysis, the coach's reps or its joint data. */
export const sharedVideoQuery = <T extends z.ZodType>(token: string, id: string, part: 'analysis' | 'reps' | 'j2p', schema: T, enabled: boolean) =>
  sharedQuery(token, `videos/${encodeURIComponent(id)}/${part}`, schema, enabled);
