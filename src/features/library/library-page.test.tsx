// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import '../../test/setup-dom.ts';
import { session } from '../../test/fixtures.ts';
import { fetchStub, renderRoutes } from '../../test/render.tsx';
import { LibraryPage } from './library-page.tsx';

const routes = [{ path: '/library', Component: LibraryPage }];

describe('LibraryPage', () => {
  it('groups sessions by athlete, newest first, with status, reps and a review link', async () => {
    const items = [
      session({ id: 'a1', athlete: 'Ana', filename: 'old.mp4', createdAt: '2026-11-20T10:00:00Z' }),
      session({ id: 'b1', athlete: 'Ben', filename: 'ben.mp4', status: 'Pending', repsFound: null, createdAt: '2026-11-25T10:00:00Z' }),
      session({ id: 'a2', athlete: 'Ana', filename: 'new.mp4', correctedReps: 4, createdAt: '2026-11-26T10:00:00Z' }),
    ];
    vi.stubGlobal('fetch', fetchStub((url) => (url.pathname === '/api/videos' ? { body: { items, total: 3 } } : undefined)).fn);
    renderRoutes(routes, '/library');

    const groups = await screen.findAllByRole('list');
    expect(groups.map((g) => g.getAttribute('aria-labelledby'))).toEqual(['athlete-Ana', 'athlete-Ben']);
    const ana = within(groups[0]).getAllByRole('link').map((l) => [l.textContent, l.getAttribute('href')]);
    expect(ana).toEqual([
      ['new.mp4', '/videos/a2'],
      ['old.mp4', '/videos/a1'],
    ]);
    expect(within(groups[0]).getByText('3 found · 4 corrected')).toBeTruthy();
    expect(within(groups[1]).getByText('Pending')).toBeTruthy();
  });

  it('has designed empty and error states', async () => {
    vi.stubGlobal('fetch', fetchStub(() => ({ body: { items: [], total: 0 } })).fn);
    const first = renderRoutes(routes, '/library');
    expect(await screen.findByText('No videos yet')).toBeTruthy();
    first.unmount();

    vi.stubGlobal('fetch', fetchStub(() => ({ status: 503, body: { error: { code: 'UNAVAILABLE', message: 'The library is offline.' } } })).fn);
    renderRoutes(routes, '/library');
    expect(await screen.findByText('The library is offline.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('filters by text, activity and status, and clears the filters', async () => {
    const items = [
      session({ id: 'a1', athlete: 'Ána Ruiz', filename: 'heavy.mp4', activity: 'squat' }),
      session({ id: 'b1', athlete: 'Ben', filename: 'pushups.mp4', domain: 'calisthenics', activity: 'push_up', status: 'Failed' }),
      session({ id: 'c1', athlete: 'Cy', filename: 'ana-warmup.mp4', activity: 'deadlift' }),
    ];
    vi.stubGlobal('fetch', fetchStub(() => ({ body: { items, total: 3 } })).fn);
    renderRoutes(routes, '/library');
    const links = async () => (await screen.findAllByRole('link', { name: /\.mp4$/ })).map((l) => l.textContent);

    await userEvent.type(await screen.findByLabelText('Search'), 'ana');
    expect(await links()).toEqual(['heavy.mp4', 'ana-warmup.mp4']);
    expect(screen.getByText('2 of 3 videos match.')).toBeTruthy();

    await userEvent.selectOptions(screen.getByLabelText('Activity'), 'deadlift');
    expect(await links()).toEqual(['ana-warmup.mp4']);

    await userEvent.clear(screen.getByLabelText('Search'));
    await userEvent.selectOptions(screen.getByLabelText('Activity'), '');
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'Failed');
    expect(await links()).toEqual(['pushups.mp4']);

    await userEvent.type(screen.getByLabelText('Search'), 'nobody');
    expect(await screen.findByText('No videos match')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    expect(await links()).toHaveLength(3);
  });
});
