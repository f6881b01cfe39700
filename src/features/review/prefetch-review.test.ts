import { describe, expect, it, vi } from 'vitest';
import { completeAnalysis, videoDetail } from '../../test/fixtures.ts';
import { createTestQueryClient, fetchStub } from '../../test/render.tsx';
import { videoKeys } from '../../api/video-keys.ts';
import { prefetchReview } from './prefetch-review.ts';

function stubApi(analysis: unknown) {
  const stub = fetchStub((url) => {
    if (url.pathname === '/api/videos/vid-1') return { body: videoDetail() };
    if (url.pathname === '/api/videos/vid-1/analysis') return { body: analysis };
    if (url.pathname === '/api/videos/vid-1/j2p') return { body: { jointToPoints: {} } };
    return undefined;
  });
  vi.stubGlobal('fetch', stub.fn);
  return stub;
}

describe('prefetchReview', () => {
  it('fills the video, analysis and (once Complete) joint data under the hooks’ keys', async () => {
    stubApi(completeAnalysis());
    const queryClient = createTestQueryClient();
    prefetchReview(queryClient, 'vid-1');
    await vi.waitFor(() => expect(queryClient.getQueryData(videoKeys.j2p('vid-1'))).toBeTruthy());
    expect(queryClient.getQueryData(videoKeys.detail('vid-1'))).toBeTruthy();
    expect(queryClient.getQueryData(videoKeys.analysis('vid-1'))).toMatchObject({ status: 'Complete' });
    vi.unstubAllGlobals();
  });

  it('leaves the joint data alone while the analysis is Pending, and swallows errors (the page shows them)', async () => {
    const stub = stubApi({ status: 'Pending', reps: [] });
    const queryClient = createTestQueryClient();
    prefetchReview(queryClient, 'vid-1');
    await vi.waitFor(() => expect(queryClient.getQueryData(videoKeys.analysis('vid-1'))).toBeTruthy());
    await new Promise((r) => setTimeout(r, 20));
    expect(stub.calls.map((c) => c.url)).not.toContain('/api/videos/vid-1/j2p');

    vi.stubGlobal('fetch', fetchStub(() => ({ status: 404, body: { error: { code: 'NOT_FOUND', message: 'No video.' } } })).fn);
    expect(() => prefetchReview(createTestQueryClient(), 'vid-2')).not.toThrow();
    await new Promise((r) => setTimeout(r, 20));
    vi.unstubAllGlobals();
  });
});
