import { queryOptions, useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { authStateSchema, type AccountLoginRequest, type AuthState, type SetupRequest } from '../contract/api.ts';
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

/** A new sign-in (or a new account): anything fetched as someone else, or while signed out, is fetched again. */
export function signedIn(queryClient: QueryClient, state: AuthState) {
  queryClient.setQueryData(authKeys.session, state);
  return queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
}

function signedOut(queryClient: QueryClient, state: AuthState) {
  queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth' });
  queryClient.setQueryData(authKeys.session, state);
}

/** `{ password }` with DASHBOARD_PASSWORD, `{ email, password }` with coach accounts. */
export function useLogin() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { password: string } | AccountLoginRequest) => apiClient.post('/api/session', body, authStateSchema),
    onSuccess: (state) => signedIn(queryClient, state),
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiClient.delete('/api/session', authStateSchema),
    onSuccess: (state) => signedOut(queryClient, state),
  });
}

/** Ends every sign-in of the signed-in coach, on every device. */
export function useSignOutEverywhere() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => apiClient.delete('/api/session/all', authStateSchema),
    onSuccess: (state) => signedOut(queryClient, state),
  });
}

/** The first admin account, from the machine RepLens runs on. */
export function useSetUp() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: SetupRequest) => apiClient.post('/api/setup', body, authStateSchema),
    onSuccess: (state) => signedIn(queryClient, state),
  });
}
