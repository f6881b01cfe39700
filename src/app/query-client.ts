import { MutationCache, QueryCache, QueryClient } from '@tanstack/react-query';
import { ApiError, retryUnlessClientError } from '../api/api-client.ts';
import { authKeys } from '../api/auth-session.ts';

export function createQueryClient() {
  // A session that expired mid-visit shows up as login_required on any call: re-check the login.
  const onError = (error: unknown) => {
    if (error instanceof ApiError && error.code === 'login_required') {
      void queryClient.invalidateQueries({ queryKey: authKeys.session });
    }
  };
  const queryClient: QueryClient = new QueryClient({
    queryCache: new QueryCache({ onError }),
    mutationCache: new MutationCache({ onError }),
    defaultOptions: {
      queries: { retry: retryUnlessClientError, staleTime: 5_000, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
  return queryClient;
}
