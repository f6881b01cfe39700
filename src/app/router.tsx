import type { QueryClient } from '@tanstack/react-query';
import { createBrowserRouter, type RouteObject } from 'react-router';
import { CoachesPage } from '../features/accounts/coaches-page.tsx';
import { InvitePage } from '../features/accounts/invite-page.tsx';
import { SetupPage } from '../features/accounts/setup-page.tsx';
import { AthletesPage } from '../features/athletes/athletes-page.tsx';
import { LibraryPage } from '../features/library/library-page.tsx';
import { prefetchReview } from '../features/review/prefetch-review.ts';
import { UploadPage } from '../features/upload/upload-page.tsx';
import { Layout } from './layout.tsx';
import { RouteError } from './route-error.tsx';

export function routes(queryClient: QueryClient): RouteObject[] {
  return [
    {
      path: '/',
      Component: Layout,
      ErrorBoundary: RouteError,
      children: [
        { index: true, Component: UploadPage },
        { path: 'library', Component: LibraryPage },
        { path: 'athletes', Component: AthletesPage },
        // Lazy: its charts (recharts) stay out of the main chunk.
        { path: 'athletes/:id', lazy: async () => ({ Component: (await import('../features/athletes/athlete-page.tsx')).AthletePage }) },
        { path: 'coaches', Component: CoachesPage },
        { path: 'invite/:token', Component: InvitePage },
        { path: 'setup', Component: SetupPage },
        { path: 'compare', lazy: async () => ({ Component: (await import('../features/review/compare/compare-page.tsx')).ComparePage }) },
        {
          path: 'videos/:id',
          // A loader beside `lazy` runs while the chunk loads: the page's requests start at once.
          loader: ({ params }) => {
            if (params.id) prefetchReview(queryClient, params.id);
            return null;
          },
          // Lazy so recharts stays out of the main chunk.
          lazy: async () => ({ Component: (await import('../features/review/review-page.tsx')).ReviewPage }),
        },
        { path: '*', loader: () => { throw new Response('Not found', { status: 404, statusText: 'Not found' }); } },
      ],
    },
    // A share link's page: outside the layout (no sign-in, no navigation), lazy like the review it shows.
    {
      path: '/shared/:token',
      ErrorBoundary: RouteError,
      lazy: async () => ({ Component: (await import('../features/review/shared/shared-page.tsx')).SharedPage }),
    },
  ];
}

export function createRouter(queryClient: QueryClient) {
  return createBrowserRouter(routes(queryClient));
}
