/** What a share link's page reads, all under /api/shared/:token: nothing here needs a sign-in. */
import { useQuery } from '@tanstack/react-query';
import type { z } from 'zod';
import { coachRepsSchema } from '../contract/api.ts';
import { sharedReviewSchema } from '../contract/feedback.ts';
import { analysisResponseSchema, j2pResponseSchema } from '../contract/guru.ts';
import { apiClient } from './api-client.ts';
import { sharedSource } from './feedback.ts';
import { sharedKeys } from './video-keys.ts';

/** One read of the link's review; the rest wait until the link itself is known to be valid. */
const sharedQuery = <T extends z.ZodType>(token: string, part: string, schema: T, enabled = true) => {
  const { base } = sharedSource(token);
  return {
    queryKey: sharedKeys.part(token, part || 'review'),
    queryFn: ({ signal }: { signal: AbortSignal }) => apiClient.get(`${base}${part && `/${part}`}`, schema, signal),
    staleTime: Infinity,
    enabled,
  };
};

export function useSharedReview(token: string) {
  const review = useQuery(sharedQuery(token, '', sharedReviewSchema));
  const analysis = useQuery(sharedQuery(token, 'analysis', analysisResponseSchema, review.isSuccess));
  const reps = useQuery(sharedQuery(token, 'reps', coachRepsSchema, review.isSuccess));
  const j2p = useQuery(sharedQuery(token, 'j2p', j2pResponseSchema, review.isSuccess));
  return { review, analysis, reps, j2p };
}
