import { createBrowserRouter } from 'react-router';
import { AthletesPage } from '../features/athletes/athletes-page.tsx';
import { LibraryPage } from '../features/library/library-page.tsx';
import { UploadPage } from '../features/upload/upload-page.tsx';
import { Layout } from './layout.tsx';
import { RouteError } from './route-error.tsx';

export function createRouter() {
  return createBrowserRouter([
    {
      path: '/',
      Component: Layout,
      ErrorBoundary: RouteError,
      children: [
        { index: true, Component: UploadPage },
        { path: 'library', Component: LibraryPage },
        { path: 'athletes', Component: AthletesPage },
        {
          path: 'videos/:id',
          // Lazy so recharts stays out of the main chunk.
          lazy: async () => ({ Component: (await import('../features/review/review-page.tsx')).ReviewPage }),
        },
        { path: '*', loader: () => { throw new Response('Not found', { status: 404, statusText: 'Not found' }); } },
      ],
    },
  ]);
}
