import { QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';
// react-router/dom's provider brings ReactDOM.flushSync, for navigations that ask for it (the compare page's settings).
import { RouterProvider } from 'react-router/dom';
import { createQueryClient } from './query-client.ts';
import { createRouter } from './router.tsx';

export function App() {
  const [queryClient] = useState(createQueryClient);
  const [router] = useState(() => createRouter(queryClient));
  return (
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>
  );
}
