// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import '../../test/setup-dom.ts';
import type { AthleteSummary, Session } from '../../contract/api.ts';
import { session } from '../../test/fixtures.ts';
import { fetchStub, renderRoutes } from '../../test/render.tsx';
import { LibraryPage } from './library-page.tsx';

const routes = [{ path: '/library', Component: LibraryPage }];
const athletes: AthleteSummary[] = [
  { id: 1, name: 'Ana', sessions: 2, needsReview: 0, lastSessionAt: null, heightCm: null, velocityLossPct: 20 },
  { id: 2, name: 'Ben', sessions: 1, needsReview: 0, lastSessionAt: null, heightCm: null, velocityLossPct: 20 },
];

/** The library answering `items` for any list query, recording what was asked. */
function stubLibrary(items: (url: URL) => Session[], moved?: Session) {
  const stub = fetchStub((url, init) => {
    if (moved && init?.method === 'PUT') return { body: moved };
    if (url.pathname === '/api/athletes') return { body: { items: athletes } };
    if (url.pathname === '/api/videos') {
      const list = items(url);
      return { body: { items: list, total: list.length } };
    }
    return undefined;
  });
  vi.stubGlobal('fetch', stub.fn);
  return stub;
}

describe('LibraryPage', () => {
  it('groups sessions by athlete record, newest first, with status, reps and a review link', async () => {
    const items = [
      session({ id: 'a1', athleteId: 1, athlete: 'Ana', filename: 'old.mp4', createdAt: '2026-11-20T10:00:00Z' }),
      session({ id: 'b1', athleteId: 2, athlete: 'Ben', filename: 'ben.mp4', status: 'Pending', repsFound: null, createdAt: '2026-11-25T10:00:00Z' }),
      session({ id: 'a2', athleteId: 1, athlete: 'Ana', filename: 'new.mp4', correctedReps: 4, createdAt: '2026-11-26T10:00:00Z' }),
    ];
    stubLibrary(() => items);
    renderRoutes(routes, '/library');

    const groups = await screen.findAllByRole('list');
    expect(groups.map((g) => g.getAttribute('aria-labelledby'))).toEqual(['athlete-1', 'athlete-2']);
    expect(within(groups[0]).getAllByRole('link').map((l) => [l.textContent, l.getAttribute('href')])).toEqual([
      ['new.mp4', '/videos/a2'],
      ['old.mp4', '/videos/a1'],
    ]);
    expect(within(groups[0]).getByText('4 reps · detected 3 · expected 3')).toBeTruthy();
    expect(within(groups[1]).getByText('Pending')).toBeTruthy();
  });

  it('says why a set needs review: a count that differs from the expected one, reps to check, or both', async () => {
    stubLibrary(() => [
      session({ id: 'a1', filename: 'mismatch.mp4', expectedReps: 3, repsFound: 4, needsReview: true }),
      session({ id: 'a2', filename: 'unsure.mp4', expectedReps: 3, repsFound: 3, lowConfidenceReps: 2, needsReview: true }),
      session({ id: 'a3', filename: 'both.mp4', expectedReps: 5, repsFound: 4, lowConfidenceReps: 1, needsReview: true }),
      session({ id: 'a4', filename: 'fine.mp4', expectedReps: 3, repsFound: 3 }),
    ]);
    renderRoutes(routes, '/library');
    const row = async (file: string) => (await screen.findByRole('link', { name: file })).closest('li')!;
    // The badge's own text is the flags; screen readers hear "Needs review: " first.
    const badge = async (file: string, flags: string) => within(await row(file)).getByText(flags).textContent;
    expect(await badge('mismatch.mp4', 'expected 3, found 4')).toBe('Needs review: expected 3, found 4');
    expect(await badge('unsure.mp4', '2 reps to check')).toBe('Needs review: 2 reps to check');
    expect(await badge('both.mp4', 'expected 5, found 4 · 1 rep to check')).toBe('Needs review: expected 5, found 4 · 1 rep to check');
    expect(within(await row('fine.mp4')).queryByText(/Needs review/)).toBeNull();
    expect((await row('mismatch.mp4')).textContent).toContain('Reps: 4 reps');
    expect((await row('unsure.mp4')).textContent).toContain('Reps: 3 reps');
    expect((await row('fine.mp4')).textContent).toContain('Reps: 3 reps');
  });

  it("shows the coach's count with the detected one beside it, and marks edited reps", async () => {
    stubLibrary(() => [
      session({ id: 'a1', filename: 'edited.mp4', expectedReps: 3, repsFound: 4, correctedReps: 3, repsEdited: true }),
      session({ id: 'a2', filename: 'typed.mp4', expectedReps: 5, repsFound: 4, correctedReps: 4 }),
      session({ id: 'a3', filename: 'flagged-after-edit.mp4', expectedReps: 2, repsFound: 3, correctedReps: 3, needsReview: true, repsEdited: true }),
    ]);
    renderRoutes(routes, '/library');
    const row = async (file: string) => (await screen.findByRole('link', { name: file })).closest('li')!;
    const edited = await row('edited.mp4');
    expect(edited.textContent).toContain('Reps: 3 reps · detected 4edited');
    expect(within(edited).getByText('edited').getAttribute('title')).toBe('The coach edited these reps');
    expect(within(edited).queryByText(/Needs review/)).toBeNull();
    const typed = await row('typed.mp4');
    expect(typed.textContent).toContain('Reps: 4 reps · detected 4 · expected 5');
    expect(within(typed).queryByText('edited')).toBeNull();
    // The mismatch is judged on the coach's count.
    expect((await row('flagged-after-edit.mp4')).textContent).toContain('Needs review: expected 2, found 3Reps: 3 reps · detected 3edited');
  });

  it('has designed empty and error states', async () => {
    stubLibrary(() => []);
    const first = renderRoutes(routes, '/library');
    expect(await screen.findByText('No videos yet')).toBeTruthy();
    first.unmount();

    vi.stubGlobal('fetch', fetchStub(() => ({ status: 503, body: { error: { code: 'UNAVAILABLE', message: 'The library is offline.' } } })).fn);
    renderRoutes(routes, '/library');
    expect(await screen.findByText('The library is offline.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
  });

  it('filters on the server: search, athlete, activity, status and needs review, kept in the URL', async () => {
    const all = [
      session({ id: 'a1', athleteId: 1, athlete: 'Ana', filename: 'heavy.mp4' }),
      session({ id: 'b1', athleteId: 2, athlete: 'Ben', filename: 'pushups.mp4', needsReview: true }),
    ];
    const stub = stubLibrary((url) => (url.searchParams.get('q') === 'nobody' ? [] : url.searchParams.size ? [all[1]] : all));
    const { router } = renderRoutes(routes, '/library');
    const lastList = () => stub.calls.filter((c) => c.url.startsWith('/api/videos')).at(-1)!.url;
    expect(await screen.findAllByRole('link', { name: /\.mp4$/ })).toHaveLength(2);

    await userEvent.type(screen.getByLabelText('Search'), 'ben push');
    await waitFor(() => expect(lastList()).toBe('/api/videos?q=ben+push'));
    expect(await screen.findByText('1 video matches.')).toBeTruthy();
    await userEvent.selectOptions(screen.getByLabelText('Athlete'), 'Ben');
    await userEvent.selectOptions(screen.getByLabelText('Activity'), 'push_up');
    await userEvent.selectOptions(screen.getByLabelText('Status'), 'Complete');
    await userEvent.click(screen.getByLabelText(/Needs review/));
    await waitFor(() => expect(lastList()).toBe('/api/videos?q=ben+push&athleteId=2&activity=push_up&status=Complete&needsReview=true'));
    expect(router.state.location.search).toBe('?q=ben+push&athleteId=2&activity=push_up&status=Complete&needsReview=true');

    await userEvent.clear(screen.getByLabelText('Search'));
    await userEvent.type(screen.getByLabelText('Search'), 'nobody');
    expect(await screen.findByText('No videos match')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(lastList()).toBe('/api/videos'));
    expect(await screen.findAllByRole('link', { name: /\.mp4$/ })).toHaveLength(2);
  });

  it('moves a session to another athlete with suggestions from the existing ones', async () => {
    const stub = stubLibrary(() => [session({ id: 'a1', athleteId: 1, athlete: 'Ana' })], session({ id: 'a1', athleteId: 2, athlete: 'Ben' }));
    renderRoutes(routes, '/library');
    await userEvent.click(await screen.findByRole('button', { name: 'Move back-squat.mp4 to another athlete' }));
    const input = screen.getByLabelText('Move back-squat.mp4 to athlete');
    expect([...document.querySelectorAll(`#${input.getAttribute('list')} option`)].map((o) => o.getAttribute('value'))).toEqual(['Ana', 'Ben']);
    await userEvent.type(input, 'BEN');
    expect(screen.getByText('Files under Ben')).toBeTruthy();
    await userEvent.click(screen.getByRole('button', { name: 'Move' }));
    await waitFor(() => expect(stub.calls).toContainEqual({ method: 'PUT', url: '/api/videos/a1/athlete', body: { athlete: 'BEN' } }));
    await waitFor(() => expect(screen.queryByLabelText('Move back-squat.mp4 to athlete')).toBeNull());
  });
});
