import { queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { authStateSchema, type AuthState } from '../contract/api.ts';
import { apiClient } from './api-client.ts';

export const authKeys = { session: ['auth', 'session'] as const };

export function getAuthState(signal?: AbortSignal): Promise<AuthState> {
  return apiClient.get('/api/session', authStateSchema, signal);
}

export const authStateQueryOptions = queryOptions({
  queryKey: authKeys.session,
  queryFn: ({ signal }) => getAuthState(signal),
  staleTime: Infinity,
});

export function useAuthState() {
  return useQuery(authStateQueryOptions);
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (password: string) => apiClient.post('/api/session', { password }, authStateSchema),
    onSuccess: (state) => {
      queryClient.setQueryData(authKeys.session, state);
      // Anything that failed while signed out is fetched again.
      return queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiClient.delete('/api/session', authStateSchema),
    onSuccess: (state) => {
      queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
      queryClient.setQueryData(authKeys.session, state);
    },
  });
}
