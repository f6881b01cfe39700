/** /api/invites/:token: the invite page, reachable before signing in. */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { authStateSchema, inviteDetailsSchema, type AcceptInviteRequest, type InviteDetails } from '../contract/api.ts';
import { apiClient, retryUnlessClientError } from './api-client.ts';
import { signedIn } from './auth-session.ts';

export const inviteKeys = {
  all: ['invites'] as const,
  detail: (token: string) => [...inviteKeys.all, token] as const,
};

export function getInvite(token: string, signal?: AbortSignal): Promise<InviteDetails> {
  return apiClient.get(`/api/invites/${encodeURIComponent(token)}`, inviteDetailsSchema, signal);
}

export function inviteQueryOptions(token: string) {
  return queryOptions({ queryKey: inviteKeys.detail(token), queryFn: ({ signal }) => getInvite(token, signal), retry: retryUnlessClientError });
}

export function useInvite(token: string) {
  return useQuery(inviteQueryOptions(token));
}

export function useAcceptInvite(token: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: AcceptInviteRequest) => apiClient.post(`/api/invites/${encodeURIComponent(token)}`, body, authStateSchema),
    onSuccess: (state) => {
      // The link is used: its page must not be answered from the cache.
      queryClient.removeQueries({ queryKey: inviteKeys.detail(token) });
      return signedIn(queryClient, state);
    },
  });
}
