// @vitest-environment jsdom
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import '../../test/setup-dom.ts';
import type { AthleteSummary } from '../../contract/api.ts';
import { fetchStub, renderRoutes } from '../../test/render.tsx';
import { AthletesPage } from './athletes-page.tsx';

const routes = [{ path: '/athletes', Component: AthletesPage }];
const maya: AthleteSummary = { id: 1, name: 'maya chen', sessions: 2, needsReview: 1, lastSessionAt: '2026-11-26T10:00:00Z', heightCm: null, velocityLossPct: 20 };
const mayaC: AthleteSummary = { id: 2, name: 'Maya C', sessions: 1, needsReview: 0, lastSessionAt: '2026-11-27T10:00:00Z', heightCm: null, velocityLossPct: 20 };

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
    expect(within(rows[0]).getByRole('link', { name: 'maya chen' }).getAttribute('href')).toBe('/athletes/1');
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

describe('AthletesPage export', () => {
  const pad = (n: number) => String(n).padStart(2, '0');
  const local = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;

  /** The athlete list, and the export answering `answer` (recording the URLs asked for). */
  function stubExport(answer: (url: URL) => Response) {
    const asked: string[] = [];
    const list = fetchStub((url) => (url.pathname === '/api/athletes' ? { body: { items: [maya, mayaC] } } : undefined));
    vi.stubGlobal('fetch', async (input: RequestInfo | URL, init?: RequestInit) => {
      const url = new URL(String(input), 'http://localhost');
      if (!url.pathname.endsWith('/export.csv')) return list.fn(input, init);
      asked.push(url.pathname + url.search);
      return answer(url);
    });
    const saved: { name: string; text: string }[] = [];
    const blobs = new Map<string, Blob>();
    vi.stubGlobal('URL', Object.assign(URL, {
      createObjectURL: (blob: Blob) => {
        blobs.set(`blob:${blobs.size}`, blob);
        return `blob:${blobs.size - 1}`;
      },
      revokeObjectURL: () => {},
    }));
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      const blob = blobs.get(this.getAttribute('href')!)!;
      void blob.arrayBuffer().then((bytes) => saved.push({ name: this.download, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) }));
    });
    return { asked, saved };
  }
  const csv = (sets: number, skipped: number, name = 'maya-chen.csv') =>
    new Response('\uFEFFAthlete,Rep\r\nmaya chen,1\r\n', {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${name}"`,
        'x-replens-sets': String(sets),
        'x-replens-skipped': String(skipped),
      },
    });

  it('downloads the last 90 days by default, in the coach\'s time zone, and says what was left out', async () => {
    const { asked, saved } = stubExport(() => csv(3, 1));
    renderRoutes(routes, '/athletes');
    const open = await screen.findByRole('button', { name: 'Export CSV for maya chen' });
    expect(open.getAttribute('aria-expanded')).toBe('false');
    await userEvent.click(open);
    expect(open.getAttribute('aria-expanded')).toBe('true');
    const form = screen.getByRole('form', { name: 'Export maya chen as CSV' });
    const start = new Date();
    start.setDate(start.getDate() - 90);
    expect(within(form).getByLabelText('From')).toHaveProperty('value', local(start));
    expect(within(form).getByLabelText('To')).toHaveProperty('value', local(new Date()));
    await userEvent.click(within(form).getByRole('button', { name: 'Download CSV' }));

    await waitFor(() => expect(saved).toHaveLength(1));
    const tz = encodeURIComponent(Intl.DateTimeFormat().resolvedOptions().timeZone);
    expect(asked).toEqual([`/api/athletes/1/export.csv?from=${local(start)}&to=${local(new Date())}&tz=${tz}`]);
    // Byte for byte, the byte-order mark spreadsheets need included.
    expect(saved[0]).toEqual({ name: 'maya-chen.csv', text: '\uFEFFAthlete,Rep\r\nmaya chen,1\r\n' });
    expect(within(form).getByRole('status').textContent).toBe(
      'Downloaded 3 sets. 1 set left out: their analysis could not be read just now. Export again later to include it.',
    );
  });

  it('refuses a From after To before asking, shows the server\'s refusal, and says when there is nothing', async () => {
    const { asked, saved } = stubExport((url) =>
      url.searchParams.get('from') === '2026-01-01'
        ? csv(0, 0)
        : new Response(JSON.stringify({ error: { code: 'invalid_request', message: 'from: use a date like 2026-11-30' } }), { status: 400 }),
    );
    renderRoutes(routes, '/athletes');
    await userEvent.click(await screen.findByRole('button', { name: 'Export CSV for Maya C' }));
    const form = screen.getByRole('form', { name: 'Export Maya C as CSV' });
    const from = within(form).getByLabelText('From');
    const to = within(form).getByLabelText('To');
    await userEvent.clear(to);
    await userEvent.type(to, '2025-01-01');
    await userEvent.clear(from);
    await userEvent.type(from, '2025-06-01');
    expect(within(form).getByRole('alert').textContent).toBe('The From date is after the To date.');
    expect(within(form).getByRole('button', { name: 'Download CSV' })).toHaveProperty('disabled', true);

    await userEvent.clear(to);
    await userEvent.click(within(form).getByRole('button', { name: 'Download CSV' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('from: use a date like 2026-11-30');

    await userEvent.clear(from);
    await userEvent.type(from, '2026-01-01');
    await userEvent.click(within(form).getByRole('button', { name: 'Download CSV' }));
    await waitFor(() => expect(within(form).getByRole('status').textContent).toBe('Maya C has no analysed sets in these dates: nothing to download.'));
    expect(asked.at(-1)).toMatch(/^\/api\/athletes\/2\/export\.csv\?from=2026-01-01&tz=/);
    expect(saved).toEqual([]);
  });
});
