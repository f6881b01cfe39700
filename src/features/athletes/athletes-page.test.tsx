// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import '../../test/setup-dom.ts';
import type { AthleteSummary } from '../../contract/api.ts';
import { fetchStub, renderRoutes } from '../../test/render.tsx';
import { AthletesPage } from './athletes-page.tsx';

const routes = [{ path: '/athletes', Component: AthletesPage }];
const maya: AthleteSummary = { id: 1, name: 'maya chen', sessions: 2, needsReview: 1, lastSessionAt: '2026-11-26T10:00:00Z' };
const mayaC: AthleteSummary = { id: 2, name: 'Maya C', sessions: 1, needsReview: 0, lastSessionAt: '2026-11-27T10:00:00Z' };

function stub(answer: (url: URL, init?: RequestInit) => { status?: number; body: unknown } | undefined) {
  const s = fetchStub((url, init) => (url.pathname === '/api/athletes' ? { body: { items: [maya, mayaC] } } : answer(url, init)));
  vi.stubGlobal('fetch', s.fn);
  return s;
}

describe('AthletesPage', () => {
  it('lists athletes with their videos, what needs review, and a link to their library', async () => {
    stub(() => undefined);
    renderRoutes(routes, '/athletes');
    const list = await screen.findByRole('list', { name: 'Athletes' });
    const rows = within(list).getAllByRole('listitem');
    expect(within(rows[0]).getByRole('link', { name: 'maya chen' }).getAttribute('href')).toBe('/library?athleteId=1');
    expect(rows[0].textContent).toMatch(/2 videos · last .* · 1 to review/);
  });

  it('renames, showing the server refusal in words', async () => {
    const calls = stub((_url, init) =>
      init?.method === 'PUT'
        ? JSON.parse(String(init.body)).name === 'Maya C'
          ? { status: 409, body: { error: { code: 'athlete_exists', message: 'Maya C already exists. Merge the two athletes instead.' } } }
          : { body: { ...maya, name: 'Maya Chen' } }
        : undefined,
    );
    renderRoutes(routes, '/athletes');
    await userEvent.click(await screen.findByRole('button', { name: 'Rename maya chen' }));
    const input = screen.getByLabelText('New name for maya chen');
    await userEvent.clear(input);
    await userEvent.type(input, 'Maya C');
    await userEvent.click(screen.getByRole('button', { name: 'Save name' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Maya C already exists. Merge the two athletes instead.');
    await userEvent.clear(input);
    await userEvent.type(input, 'Maya Chen');
    await userEvent.click(screen.getByRole('button', { name: 'Save name' }));
    await waitFor(() => expect(screen.queryByLabelText('New name for maya chen')).toBeNull());
    expect(calls.calls.filter((c) => c.method === 'PUT').map((c) => [c.url, c.body])).toEqual([
      ['/api/athletes/1', { name: 'Maya C' }],
      ['/api/athletes/1', { name: 'Maya Chen' }],
    ]);
  });

  it('merges after the coach confirms what moves', async () => {
    const calls = stub((_url, init) => (init?.method === 'POST' ? { body: { ...maya, sessions: 3 } } : undefined));
    const confirm = vi.fn(() => true);
    vi.stubGlobal('confirm', confirm);
    renderRoutes(routes, '/athletes');
    await userEvent.click(await screen.findByRole('button', { name: 'Merge Maya C' }));
    expect(screen.getByLabelText('Merge Maya C into')).toHaveProperty('value', '1');
    await userEvent.click(screen.getByRole('button', { name: 'Merge' }));
    expect(confirm).toHaveBeenCalledWith('Move 1 video of Maya C to maya chen? Maya C is then removed.');
    await waitFor(() => expect(calls.calls).toContainEqual({ method: 'POST', url: '/api/athletes/2/merge', body: { into: 1 } }));
  });
});
