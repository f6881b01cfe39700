// @vitest-environment jsdom
import { act, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { stubResizeObserver } from '../../test/setup-dom.ts';
import { completeAnalysis, videoDetail } from '../../test/fixtures.ts';
import { fetchStub, renderRoutes, reviewAnswers } from '../../test/render.tsx';
import { ReviewPage } from './review-page.tsx';

const routes = [
  { path: '/videos/:id', Component: ReviewPage },
  { path: '/', element: <p>Upload page</p> },
];

beforeEach(() => stubResizeObserver());

describe('ReviewPage', () => {
  it('shows a complete analysis: status, player, rep timeline, summary and table', async () => {
    const stub = fetchStub(reviewAnswers());
    vi.stubGlobal('fetch', stub.fn);
    const { container } = renderRoutes(routes, '/videos/vid-1');

    expect(await screen.findByText('Complete')).toBeTruthy();
    expect(await screen.findByText('3 reps')).toBeTruthy();
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
    expect(await screen.findByText('count corrected by coach · detected 3 · expected 3')).toBeTruthy();
    expect(screen.getByText('4 reps')).toBeTruthy();
    expect(screen.getByText(/Expected 3, found 4: check the reps/)).toBeTruthy();
    expect(screen.getByText('Saved')).toBeTruthy();
    expect(stub.calls.find((c) => c.method === 'PUT')?.body).toEqual({ repCount: 4 });
    expect(screen.getByLabelText('Rep count')).toHaveProperty('value', '4');
  });

  it("shows the coach's edited reps everywhere, and saves an edit as the whole set", async () => {
    const detected = completeAnalysis().reps;
    let coach = { version: 1, reps: [{ ...detected[0], edited: false }, { ...detected[1], startTimestampMs: 2800, edited: true }], editedAt: '2026-11-30T10:00:00Z', canUndo: true };
    const stub = fetchStub((url, init) => {
      if (url.pathname === '/api/videos/vid-1/reps' && init?.method === 'PUT') {
        const body = JSON.parse(String(init.body));
        coach = { ...coach, version: 2, reps: body.reps.map((b: object) => ({ ...detected[0], ...b, edited: false })) };
        return { body: coach };
      }
      if (url.pathname === '/api/videos/vid-1/reps') return { body: coach };
      if (url.pathname === '/api/videos/vid-1') return { body: videoDetail({ correctedReps: 2, repsEdited: true }) };
      if (url.pathname === '/api/videos/vid-1/analysis') return { body: completeAnalysis() };
      if (url.pathname === '/api/videos/vid-1/j2p') return { body: { jointToPoints: {} } };
      return undefined;
    });
    vi.stubGlobal('fetch', stub.fn);
    renderRoutes(routes, '/videos/vid-1');

    expect(await screen.findByText('2 reps')).toBeTruthy();
    expect(await screen.findByText('reps edited by coach · detected 3 · expected 3')).toBeTruthy();
    expect(screen.getByText(/Expected 3, found 2/)).toBeTruthy();
    expect(screen.getByText(/rep 2 placed by the coach and measured by RepLens \(3 reps detected\)/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Rep 1' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Rep 2, edited by coach' })).toBeTruthy();
    expect(screen.getByRole('table', { name: 'Reps and their analyses' }).querySelectorAll('tbody tr')).toHaveLength(2);
    // The count is the edited reps': nothing to type.
    expect(screen.queryByLabelText('Rep count')).toBeNull();
    expect(screen.getByText('2, from your edited reps')).toBeTruthy();

    await userEvent.click(screen.getByRole('button', { name: 'Edit reps' }));
    await userEvent.click(screen.getByRole('button', { name: 'Rep 1' }));
    await userEvent.click(screen.getByRole('button', { name: 'Delete rep' }));
    expect(stub.calls.find((c) => c.method === 'PUT')?.body).toEqual({
      basedOn: 1,
      reps: [{ startTimestampMs: 2800, midTimestampMs: 3900, endTimestampMs: 4800 }],
    });
    expect(await screen.findByText('1 rep')).toBeTruthy();
  });

  it('shows the status "Pending" while analysing, and a failure in words', async () => {
    let status = 'Pending';
    vi.stubGlobal(
      'fetch',
      fetchStub((url) => {
        if (url.pathname === '/api/videos/vid-1') return { body: videoDetail({ createdAt: new Date().toISOString() }) };
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

  it('says when an analysis with no set ahead has taken over 10 minutes, and offers a new upload', async () => {
    const started = (minutesAgo: number) => new Date(Date.now() - minutesAgo * 60_000).toISOString();
    let createdAt = started(11);
    let queuePosition: number | null = null;
    vi.stubGlobal(
      'fetch',
      fetchStub((url) => {
        if (url.pathname === '/api/videos/vid-1') return { body: videoDetail({ createdAt }) };
        if (url.pathname === '/api/videos/vid-1/analysis') return { body: { status: 'Pending', queuePosition, reps: [] } };
        return undefined;
      }).fn,
    );
    const { queryClient } = renderRoutes(routes, '/videos/vid-1');
    expect(await screen.findByText('The analysis is taking much longer than usual')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Upload again' }).getAttribute('href')).toBe('/');
    // Sets still ahead of it in the queue: it is waiting, not stuck.
    queuePosition = 3;
    await queryClient.refetchQueries();
    expect(await screen.findByText('Waiting to be analysed: 3 sets ahead of this one')).toBeTruthy();
    createdAt = started(2);
    queuePosition = null;
    await queryClient.refetchQueries();
    expect(await screen.findByText('Analysing the video')).toBeTruthy();
  });

  it('says why a finished set has no reps', async () => {
    vi.stubGlobal(
      'fetch',
      fetchStub(reviewAnswers({ analysis: { status: 'Complete', reason: 'NO_REPS_DETECTED', reps: [] } })).fn,
    );
    renderRoutes(routes, '/videos/vid-1');
    expect(await screen.findByText(/No reps were found: the athlete was seen, but no movement deep enough to be a rep/)).toBeTruthy();
  });

  it('says it is waiting for the upload, not analysing, while the file has not arrived', async () => {
    vi.stubGlobal(
      'fetch',
      fetchStub((url) => {
        if (url.pathname === '/api/videos/vid-1') return { body: { ...videoDetail({ status: 'Uploading' }), status: 'Pending', uri: null } };
        if (url.pathname === '/api/videos/vid-1/analysis') return { body: { status: 'Pending', reps: [] } };
        return undefined;
      }).fn,
    );
    renderRoutes(routes, '/videos/vid-1');
    expect(await screen.findByText('Waiting for the upload')).toBeTruthy();
    expect(screen.queryByText('Analysing the video')).toBeNull();
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

  it('steps one frame at the video fps with buttons and arrow keys, and leaves keys in fields alone', async () => {
    vi.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(() => undefined);
    vi.stubGlobal(
      'fetch',
      fetchStub(reviewAnswers({ video: { ...videoDetail(), fps: 25 } })).fn,
    );
    const { container } = renderRoutes(routes, '/videos/vid-1');
    await userEvent.click(await screen.findByRole('button', { name: 'Rep 2' }));
    const video = container.querySelector('video') as HTMLVideoElement;
    await userEvent.click(screen.getByRole('button', { name: 'Next frame' }));
    expect(video.currentTime).toBeCloseTo(3.04, 6);
    await userEvent.keyboard('{ArrowRight}{ArrowRight}{ArrowLeft}');
    expect(video.currentTime).toBeCloseTo(3.08, 6);
    await userEvent.keyboard(']');
    expect(video.currentTime).toBe(5.2);
    await userEvent.keyboard('l');
    expect(screen.getByLabelText('Loop rep')).toHaveProperty('checked', true);

    await userEvent.click(screen.getByLabelText('Rep count'));
    await userEvent.keyboard('{ArrowLeft}l');
    expect(video.currentTime).toBe(5.2);
    expect(screen.getByLabelText('Loop rep')).toHaveProperty('checked', true);
    expect(screen.getByText('Keyboard:')).toBeTruthy();
  });

  it('leaves arrows and Space to the page unless the player has focus; next rep seeks without playing', async () => {
    const play = vi.spyOn(HTMLMediaElement.prototype, 'play').mockImplementation(() => Promise.resolve());
    vi.spyOn(HTMLMediaElement.prototype, 'pause').mockImplementation(() => undefined);
    vi.stubGlobal(
      'fetch',
      fetchStub(reviewAnswers({ video: { ...videoDetail(), fps: 25 } })).fn,
    );
    const { container } = renderRoutes(routes, '/videos/vid-1');
    const player = await screen.findByRole('region', { name: 'Player' });
    const video = container.querySelector('video') as HTMLVideoElement;
    const press = (target: Element, key: string) => {
      const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true });
      act(() => void target.dispatchEvent(event));
      return event.defaultPrevented;
    };

    // Outside the player the page keeps ↓, → and Space (scrolling); [ ] still step reps.
    expect(press(document.body, 'ArrowDown')).toBe(false);
    expect(press(document.body, 'ArrowRight')).toBe(false);
    expect(press(document.body, ' ')).toBe(false);
    expect(video.currentTime).toBe(0);
    expect(press(document.body, ']')).toBe(true);
    expect(screen.getByRole('button', { name: 'Rep 1' }).getAttribute('aria-pressed')).toBe('true');

    // Inside the player: ↓ is the next rep, a seek that does not start play; the button does the same.
    player.focus();
    expect(press(player, 'ArrowDown')).toBe(true);
    expect(screen.getByRole('button', { name: 'Rep 2' }).getAttribute('aria-pressed')).toBe('true');
    expect(video.currentTime).toBe(3);
    await userEvent.click(screen.getByRole('button', { name: /Next rep/ }));
    expect(video.currentTime).toBe(5.2);
    expect(play).not.toHaveBeenCalled();

    // → on the <video> itself: one frame, taken before the native controls see it.
    const native = vi.fn();
    video.addEventListener('keydown', native);
    expect(press(video, 'ArrowRight')).toBe(true);
    expect(video.currentTime).toBeCloseTo(5.24, 6);
    expect(native).not.toHaveBeenCalled();
  });

  it('has a link past the native video controls to the rep timeline', async () => {
    vi.stubGlobal(
      'fetch',
      fetchStub(reviewAnswers()).fn,
    );
    renderRoutes(routes, '/videos/vid-1');
    await userEvent.click(await screen.findByRole('link', { name: 'Skip to rep timeline' }));
    expect(document.activeElement).toBe(screen.getByRole('group', { name: 'Rep timeline' }));
    await userEvent.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Rep 1' }));
  });

  it('shows a domain/activity edit at once and rolls it back with a message when the save fails', async () => {
    const stub = fetchStub((url, init) => {
      if (url.pathname === '/api/videos/vid-1' && init?.method === 'PUT') {
        return { status: 502, body: { error: { code: 'upstream', message: 'Guru did not answer.' } } };
      }
      if (url.pathname === '/api/videos/vid-1') return { body: videoDetail() };
      if (url.pathname === '/api/videos/vid-1/analysis') return { body: completeAnalysis() };
      if (url.pathname === '/api/videos/vid-1/j2p') return { body: { jointToPoints: {} } };
      return undefined;
    });
    vi.stubGlobal('fetch', stub.fn);
    renderRoutes(routes, '/videos/vid-1');
    await userEvent.selectOptions(await screen.findByLabelText('Domain'), 'calisthenics');
    expect(screen.getByLabelText('Activity')).toHaveProperty('value', 'push_up');
    await userEvent.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByText(/Not saved: Guru did not answer\./)).toBeTruthy();
    expect(stub.calls.find((c) => c.method === 'PUT')?.body).toEqual({ domain: 'calisthenics', activity: 'push_up' });
    expect(screen.getByLabelText('Domain')).toHaveProperty('value', 'weightlifting');
    expect(screen.getByLabelText('Activity')).toHaveProperty('value', 'squat');
    expect(screen.getByText(/Sam Lee · Squat/)).toBeTruthy();
  });
});
