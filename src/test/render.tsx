import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { completeAnalysis, videoDetail } from './fixtures.ts';

export function createTestQueryClient() {
  return new QueryClient({ defaultOptions: { queries: { retry: false, gcTime: Infinity }, mutations: { retry: false } } });
}

/** Renders routes at `path` with a fresh QueryClient (retry off) per test. */
export function renderRoutes(routes: RouteObject[], path: string) {
  const queryClient = createTestQueryClient();
  const router = createMemoryRouter(routes, { initialEntries: [path] });
  const utils = render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { ...utils, router, queryClient };
}

type Handler = (url: URL, init: RequestInit | undefined) => { status?: number; body: unknown } | undefined;

/** Background answers every page may ask for: the local Guru, no athletes yet. */
const DEFAULTS: Record<string, unknown> = { '/api/health': { ok: true, guru: 'local' }, '/api/athletes': { items: [] } };

/** Stubs fetch for /api calls; any unhandled request fails the test loudly. /api/health and
 *  /api/athletes have DEFAULTS unless the handler says otherwise (and are then not recorded). */
export function fetchStub(handler: Handler) {
  const calls: { method: string; url: string; body: unknown }[] = [];
  const fn = async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const method = init?.method ?? 'GET';
    const handled = handler(url, init);
    if (handled || !(url.pathname in DEFAULTS)) {
      calls.push({ method, url: url.pathname + url.search, body: init?.body ? JSON.parse(String(init.body)) : undefined });
    }
    const answer = handled ?? (url.pathname in DEFAULTS ? { body: DEFAULTS[url.pathname] } : undefined);
    if (!answer) throw new Error(`unhandled request ${method} ${url.pathname}`);
    return new Response(JSON.stringify(answer.body), {
      status: answer.status ?? 200,
      headers: { 'Content-Type': 'application/json' },
    });
  };
  return { fn, calls };
}

/** The answers a complete review of video `vid-1` needs (its detail, analysis and joint data), each replaceable. */
export function reviewAnswers({ video = videoDetail(), analysis = completeAnalysis() }: { video?: unknown; analysis?: unknown } = {}): Handler {
  return (url) => {
    if (url.pathname === '/api/videos/vid-1') return { body: video };
    if (url.pathname === '/api/videos/vid-1/analysis') return { body: analysis };
    if (url.pathname === '/api/videos/vid-1/j2p') return { body: { jointToPoints: {} } };
    return undefined;
  };
}
