// @vitest-environment jsdom
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { stubResizeObserver } from '../../test/setup-dom.ts';
import { completeAnalysis, videoDetail } from '../../test/fixtures.ts';
import { fetchStub, renderRoutes } from '../../test/render.tsx';
import { ReviewPage } from './review-page.tsx';

const routes = [
  { path: '/videos/:id', Component: ReviewPage },
  { path: '/', element: <p>Upload page</p> },
];

beforeEach(() => stubResizeObserver());

describe('ReviewPage', () => {
  it('shows a complete analysis: status, player, rep timeline, summary and table', async () => {
    const stub = fetchStub((url) => {
      if (url.pathname === '/api/videos/vid-1') return { body: videoDetail() };
      if (url.pathname === '/api/videos/vid-1/analysis') return { body: completeAnalysis() };
      if (url.pathname === '/api/videos/vid-1/j2p') return { body: { jointToPoints: {} } };
      return undefined;
    });
    vi.stubGlobal('fetch', stub.fn);
    const { container } = renderRoutes(routes, '/videos/vid-1');

    expect(await screen.findByText('Complete')).toBeTruthy();
    expect(await screen.findByText(/Detected 3 reps/)).toBeTruthy();
    expect(screen.getByText(/expected 3/)).toBeTruthy();
    expect(container.querySelector('video')?.getAttribute('src')).toBe('http://files.example/vid-1.mp4');
    expect(screen.getAllByRole('button', { name: /^Rep \d$/ })).toHaveLength(3);
    expect(screen.getByRole('columnheader', { name: 'Elbow wrist angle (°)' })).toBeTruthy();
    expect(screen.getByLabelText('Rep count')).toHaveProperty('value', '3');

    await userEvent.click(screen.getByRole('button', { name: 'Rep 2' }));
    expect((container.querySelector('video') as HTMLVideoElement).currentTime).toBe(3);
  });

  it('saves the corrected rep count and shows it after the refetch', async () => {
    let corrected: number | null = null;
    const stub = fetchStub((url, init) => {
      if (url.pathname === '/api/videos/vid-1' && init?.method === 'PUT') {
        corrected = JSON.parse(String(init.body)).repCount;
        return { body: { id: 'vid-1' } };
      }
      if (url.pathname === '/api/videos/vid-1') return { body: videoDetail({ correctedReps: corrected }) };
      if (url.pathname === '/api/videos/vid-1/analysis') return { body: completeAnalysis() };
      if (url.pathname === '/api/videos/vid-1/j2p') return { body: { jointToPoints: {} } };
      return undefined;
    });
    vi.stubGlobal('fetch', stub.fn);
    renderRoutes(routes, '/videos/vid-1');

    const input = await screen.findByLabelText('Rep count');
    await userEvent.clear(input);
    await userEvent.type(input, '4');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText('Corrected by coach: 4')).toBeTruthy();
    expect(screen.getByText('Saved')).toBeTruthy();
    expect(stub.calls.find((c) => c.method === 'PUT')?.body).toEqual({ repCount: 4 });
    expect(screen.getByLabelText('Rep count')).toHaveProperty('value', '4');
  });

  it('shows the status "Pending" while analysing, and a failure in words', async () => {
    let status = 'Pending';
    vi.stubGlobal(
      'fetch',
      fetchStub((url) => {
        if (url.pathname === '/api/videos/vid-1') return { body: videoDetail() };
        if (url.pathname === '/api/videos/vid-1/analysis')
          return { body: { status, reason: status === 'Failed' ? 'LOW_QUALITY_POSE_ESTIMATE' : null, reps: [] } };
        return undefined;
      }).fn,
    );
    const { queryClient } = renderRoutes(routes, '/videos/vid-1');
    expect(await screen.findByText('Pending')).toBeTruthy();
    expect(screen.getByText('Analysing the video')).toBeTruthy();

    status = 'Failed';
    await queryClient.refetchQueries();
    expect(await screen.findByText('Failed')).toBeTruthy();
    expect(screen.getByText(/couldn't see a person clearly enough/)).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Upload again' }).getAttribute('href')).toBe('/');
  });

  it('explains an API error in words and stops there', async () => {
    vi.stubGlobal(
      'fetch',
      fetchStub(() => ({ status: 404, body: { error: { code: 'NOT_FOUND', message: 'No video with that id.' } } })).fn,
    );
    renderRoutes(routes, '/videos/vid-1');
    expect(await screen.findByText('No video with that id.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to the library' })).toBeTruthy();
  });
});
