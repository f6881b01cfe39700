/** /api/accounts (admin only): coaches, invites, enabling and disabling. */
import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { z } from 'zod';
import { accountListSchema, accountSchema, createdInviteSchema, type Account, type AccountList } from '../contract/api.ts';
import { apiClient, retryUnlessClientError } from './api-client.ts';

export const accountKeys = {
  all: ['accounts'] as const,
  list: () => [...accountKeys.all, 'list'] as const,
};

export function getAccounts(signal?: AbortSignal): Promise<AccountList> {
  return apiClient.get('/api/accounts', accountListSchema, signal);
}

export function accountsQueryOptions() {
  return queryOptions({ queryKey: accountKeys.list(), queryFn: ({ signal }) => getAccounts(signal), retry: retryUnlessClientError });
}

export function useAccounts() {
  return useQuery(accountsQueryOptions());
}

export function useInviteCoach() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (email: string) => apiClient.post('/api/accounts/invites', { email }, createdInviteSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.all }),
  });
}

export function useWithdrawInvite() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => apiClient.delete(`/api/accounts/invites/${id}`, z.unknown()),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.all }),
  });
}

export function useSetAccountStatus() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, status }: { id: number; status: Account['status'] }) => apiClient.put(`/api/accounts/${id}`, { status }, accountSchema),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: accountKeys.all }),
  });
}
