// @vitest-environment jsdom
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import '../../test/setup-dom.ts';
import type { Account, AuthState } from '../../contract/api.ts';
import { fetchStub, renderRoutes } from '../../test/render.tsx';
import { CoachesPage } from './coaches-page.tsx';

const routes = [{ path: '/coaches', Component: CoachesPage }];
const admin: Account = { id: 1, email: 'head@club.example', name: 'Head Coach', role: 'admin', status: 'active', createdAt: '2026-11-01T10:00:00Z' };
const sam: Account = { id: 2, email: 'sam@club.example', name: 'Sam Coach', role: 'coach', status: 'active', createdAt: '2026-11-02T10:00:00Z' };
const signedIn = (account: Account): AuthState => ({ required: true, authenticated: true, mode: 'accounts', account, canSetUp: false });

describe('CoachesPage', () => {
  it('creates an invite link to copy, lists accounts, and disables a coach', async () => {
    let accounts = [admin, sam];
    const stub = fetchStub((url, init) => {
      if (url.pathname === '/api/session') return { body: signedIn(admin) };
      if (url.pathname === '/api/accounts') return { body: { accounts, invites: [] } };
      if (url.pathname === '/api/accounts/invites' && init?.method === 'POST') {
        return { status: 201, body: { id: 7, email: 'new@club.example', createdAt: '2026-12-01T10:00:00Z', expiresAt: '2026-12-08T10:00:00Z', path: '/invite/abc' } };
      }
      if (url.pathname === '/api/accounts/2' && init?.method === 'PUT') {
        accounts = [admin, { ...sam, status: 'disabled' }];
        return { body: accounts[1] };
      }
      return undefined;
    });
    vi.stubGlobal('fetch', stub.fn);
    renderRoutes(routes, '/coaches');

    const list = await screen.findByRole('list', { name: 'Accounts' });
    expect(within(list).getByText('head@club.example')).toBeTruthy();
    expect(within(list).queryByRole('button', { name: 'Disable Head Coach' })).toBeNull();

    await userEvent.type(screen.getByLabelText("Coach's email"), 'new@club.example');
    await userEvent.click(screen.getByRole('button', { name: 'Create invite link' }));
    expect(((await screen.findByLabelText('Invite link')) as HTMLInputElement).value).toBe(`${window.location.origin}/invite/abc`);
    expect(stub.calls).toContainEqual({ method: 'POST', url: '/api/accounts/invites', body: { email: 'new@club.example' } });

    await userEvent.click(within(list).getByRole('button', { name: 'Disable Sam Coach' }));
    expect(await within(list).findByRole('button', { name: 'Enable Sam Coach' })).toBeTruthy();
    expect(stub.calls).toContainEqual({ method: 'PUT', url: '/api/accounts/2', body: { status: 'disabled' } });
  });

  it('tells a coach that only an admin manages coaches', async () => {
    vi.stubGlobal(
      'fetch',
      fetchStub((url) => {
        if (url.pathname === '/api/session') return { body: signedIn(sam) };
        if (url.pathname === '/api/accounts') {
          return { status: 403, body: { error: { code: 'admin_only', message: "Only an admin can manage coaches. Ask your club's RepLens admin." } } };
        }
        return undefined;
      }).fn,
    );
    renderRoutes(routes, '/coaches');
    expect((await screen.findByRole('alert')).textContent).toContain('Only an admin can manage coaches');
    expect(screen.queryByRole('button', { name: 'Create invite link' })).toBeNull();
  });
});
