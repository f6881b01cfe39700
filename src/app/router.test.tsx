// @vitest-environment jsdom
import { QueryClientProvider } from '@tanstack/react-query';
import { render, screen } from '@testing-library/react';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { stubResizeObserver } from '../test/setup-dom.ts';
import { completeAnalysis, videoDetail } from '../test/fixtures.ts';
import { fetchStub } from '../test/render.tsx';
import { createQueryClient } from './query-client.ts';
import { routes } from './router.tsx';

beforeEach(() => stubResizeObserver());

describe('the review route', () => {
  // Importing the review chunk (recharts) in jsdom takes seconds on a busy 2-core machine.
  it('asks for the video, analysis and joint data while its chunk loads, once each: the page reuses them', { timeout: 30_000 }, async () => {
    let chunkLoaded = false;
    const stub = fetchStub((url) => {
      if (url.pathname === '/api/videos/vid-1') return { body: videoDetail() };
      if (url.pathname === '/api/videos/vid-1/analysis') return { body: completeAnalysis() };
      if (url.pathname === '/api/videos/vid-1/j2p') return { body: { jointToPoints: {} } };
      if (url.pathname === '/api/videos/vid-1/reps') return { body: { version: 0, reps: null, editedAt: null, canUndo: false } };
      return undefined;
    });
    const startedBeforeChunk: string[] = [];
    vi.stubGlobal('fetch', (input: RequestInfo | URL, init?: RequestInit) => {
      if (!chunkLoaded) startedBeforeChunk.push(new URL(String(input), 'http://localhost').pathname);
      return stub.fn(input, init);
    });
    const queryClient = createQueryClient();
    const all = routes(queryClient);
    const review = all[0].children!.find((r) => r.path === 'videos/:id')!;
    const lazy = review.lazy as () => Promise<object>;
    review.lazy = async () => {
      // A slow chunk: the requests must not wait for it.
      await new Promise((r) => setTimeout(r, 100));
      const loaded = await lazy();
      chunkLoaded = true;
      return loaded;
    };
    const router = createMemoryRouter(all, { initialEntries: ['/videos/vid-1'] });
    render(
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>,
    );

    expect(await screen.findByText('3 reps', undefined, { timeout: 25_000 })).toBeTruthy();
    expect(startedBeforeChunk).toEqual(
      expect.arrayContaining(['/api/videos/vid-1', '/api/videos/vid-1/analysis', '/api/videos/vid-1/j2p', '/api/videos/vid-1/reps']),
    );
    const gets = (path: string) => stub.calls.filter((c) => c.method === 'GET' && c.url === path).length;
    expect(gets('/api/videos/vid-1')).toBe(1);
    expect(gets('/api/videos/vid-1/analysis')).toBe(1);
    expect(gets('/api/videos/vid-1/j2p')).toBe(1);
    expect(gets('/api/videos/vid-1/reps')).toBe(1);
  });
});
