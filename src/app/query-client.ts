import { QueryClient } from '@tanstack/react-query';
import { retryUnlessClientError } from '../api/api-client.ts';

export function createQueryClient() {
  return new QueryClient({
    defaultOptions: {
      queries: { retry: retryUnlessClientError, staleTime: 5_000, refetchOnWindowFocus: false },
      mutations: { retry: false },
    },
  });
}
