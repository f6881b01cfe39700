// @vitest-environment jsdom
import { fireEvent, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { VideoDetail } from '../../contract/api.ts';
import { stubResizeObserver } from '../../test/setup-dom.ts';
import { completeAnalysis, videoDetail } from '../../test/fixtures.ts';
import { fetchStub, renderRoutes } from '../../test/render.tsx';
import { ReviewPage } from './review-page.tsx';

const routes = [{ path: '/videos/:id', Component: ReviewPage }];
const j2p = {
  resolutionWidth: 360,
  resolutionHeight: 640,
  jointToPoints: { leftKnee: [{ frame_idx: 0, part: 'leftKnee', position: { x: 0.5, y: 0.6 }, score: 0.9, timestamp: 6 }] },
};

function serve(video: VideoDetail) {
  vi.stubGlobal(
    'fetch',
    fetchStub((url) => {
      if (url.pathname === '/api/videos/vid-1') return { body: video };
      if (url.pathname === '/api/videos/vid-1/analysis') return { body: completeAnalysis() };
      if (url.pathname === '/api/videos/vid-1/j2p') return { body: j2p };
      return undefined;
    }).fn,
  );
  return renderRoutes(routes, '/videos/vid-1');
}

beforeEach(() => {
  stubResizeObserver();
  // jsdom has no canvas; the replay draws nothing but keeps its clock.
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue(null);
});

describe('review without a picture', () => {
  it('says "Preparing playback" while the copy is made, offers the original, and replays the skeleton', async () => {
    const { container } = serve({ ...videoDetail(), uri: null, playback: 'Preparing', originalUri: 'http://files.example/vid-1?download=1' });
    expect(await screen.findByText('Preparing playback')).toBeTruthy();
    expect(container.querySelector('video')).toBeNull();
    expect(screen.getByRole('link', { name: 'Download the original video' }).getAttribute('href')).toBe('http://files.example/vid-1?download=1');
    expect(await screen.findByText(/^Skeleton replay 0:00\.0 \/ 0:06\.9$/)).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Rep 2' }));
    expect(screen.getByText(/^Skeleton replay 0:03\.0 /)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Rep 2' }).getAttribute('aria-pressed')).toBe('true');
    await userEvent.click(screen.getByRole('button', { name: 'Next frame' }));
    expect(screen.getByText(/^Skeleton replay 0:03\.0 /)).toBeTruthy(); // 1/30 s on
    await userEvent.keyboard(']');
    expect(screen.getByText(/^Skeleton replay 0:05\.2 /)).toBeTruthy();
  });

  it('explains a video the browser shows no picture of, and offers it as a download', async () => {
    const { container } = serve(videoDetail());
    const video = await screen.findByLabelText(/^Video of/);
    fireEvent.loadedMetadata(video); // jsdom's videoWidth is 0, as Chromium's for HEVC
    expect(await screen.findByText("This browser can't play this video")).toBeTruthy();
    expect(container.querySelector('video')).toBeNull();
    expect(screen.getByRole('link', { name: 'Download the original video' }).getAttribute('href')).toBe('http://files.example/vid-1.mp4');
    await userEvent.click(screen.getByRole('button', { name: 'Rep 2' }));
    expect(screen.getByText(/^Skeleton replay 0:03\.0/)).toBeTruthy();
  });

  it('does the same on a media error', async () => {
    serve(videoDetail());
    fireEvent.error(await screen.findByLabelText(/^Video of/));
    expect(await screen.findByText("This browser can't play this video")).toBeTruthy();
  });
});
