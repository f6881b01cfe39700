/** Coach accounts over real loopback HTTP: admin from env, invites, roles, disabling, sign-out everywhere, setup. */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';
import { rawRequest } from './lib/raw-http.ts';
import { startRepLens, type RepLens } from './start.ts';

const cheap = { ln: 10, r: 8, p: 1 };
const unused = () => Promise.reject(new Error('unused'));
const dirs: string[] = [];
const tempDir = () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replens-accounts-http-'));
  dirs.push(dir);
  return dir;
};
const start = (env: Record<string, string>, dir = tempDir()) =>
  startRepLens(loadConfig({ PORT: '0', DATA_DIR: dir, ...env }), { analyze: unused, distDir: dir, hashCost: cheap });

const ADMIN = { ADMIN_EMAIL: 'Head@Club.example', ADMIN_PASSWORD: 'head-coach-pass', ADMIN_NAME: 'Head Coach' };

let app: RepLens;
let dir: string;
beforeAll(async () => {
  dir = tempDir();
  app = await start(ADMIN, dir);
});
afterAll(async () => {
  await app.close();
  for (const d of dirs) fs.rmSync(d, { recursive: true, force: true });
});

const call = (url: string, method: string, body?: unknown, cookie?: string, headers: Record<string, string> = {}) =>
  fetch(url, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(cookie ? { cookie } : {}), ...headers },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
const api = (p: string, method = 'GET', body?: unknown, cookie?: string) => call(`${app.url}/api${p}`, method, body, cookie);
const cookieOf = (res: Response) => res.headers.get('set-cookie')!.split(';')[0];
const errorOf = async (res: Response) => ({ status: res.status, code: ((await res.json()) as { error: { code: string } }).error.code });
const signIn = async (email: string, password: string) => {
  const res = await api('/session', 'POST', { email, password });
  expect(res.status).toBe(200);
  return cookieOf(res);
};
const invite = async (email: string, adminCookie: string) => {
  const res = await api('/accounts/invites', 'POST', { email }, adminCookie);
  expect(res.status).toBe(201);
  return ((await res.json()) as { path: string }).path.replace('/invite/', '');
};

describe('with ADMIN_EMAIL/ADMIN_PASSWORD', () => {
  let admin: string;

  it('asks for email and password before anything but health and the sign-in', async () => {
    expect(await (await api('/session')).json()).toEqual({ required: true, authenticated: false, mode: 'accounts', account: null, canSetUp: false });
    expect(await errorOf(await api('/videos'))).toEqual({ status: 401, code: 'login_required' });
    expect(await errorOf(await api('/accounts'))).toEqual({ status: 401, code: 'login_required' });
    expect((await api('/health')).status).toBe(200);
  });

  it('answers every bad sign-in with a clear 4xx', async () => {
    expect(await errorOf(await api('/session', 'POST', { password: 'head-coach-pass' }))).toEqual({ status: 400, code: 'invalid_request' });
    expect(await errorOf(await api('/session', 'POST', { email: 'not-an-email', password: 'x' }))).toEqual({ status: 400, code: 'invalid_request' });
    expect(await errorOf(await api('/session', 'POST', { email: 'head@club.example', password: 'x', role: 'admin' }))).toEqual({ status: 400, code: 'invalid_request' });
    expect(await errorOf(await api('/session', 'POST', '{"email":'))).toEqual({ status: 400, code: 'invalid_json' });
    expect(await errorOf(await call(`${app.url}/api/session`, 'POST', 'email=a', undefined, { 'content-type': 'text/plain' }))).toEqual({ status: 415, code: 'unsupported_media_type' });
    expect(await errorOf(await api('/session', 'POST', { email: 'head@club.example', password: 'wrong' }))).toEqual({ status: 401, code: 'wrong_password' });
    expect(await errorOf(await api('/session', 'PATCH', {}))).toEqual({ status: 405, code: 'method_not_allowed' });
  });

  it('signs the admin in with an httpOnly SameSite=Strict cookie, the email in any case', async () => {
    const res = await api('/session', 'POST', { email: ' HEAD@club.EXAMPLE ', password: 'head-coach-pass' });
    expect(res.status).toBe(200);
    expect(res.headers.get('set-cookie')).toMatch(/HttpOnly/i);
    expect(res.headers.get('set-cookie')).toMatch(/SameSite=Strict/i);
    admin = cookieOf(res);
    expect(await res.json()).toMatchObject({ authenticated: true, mode: 'accounts', account: { email: 'head@club.example', name: 'Head Coach', role: 'admin' } });
    expect((await api('/accounts', 'GET', undefined, admin)).status).toBe(200);
    expect((await api('/videos', 'GET', undefined, `${admin}x`)).status).toBe(401);
  });

  it('refuses bad invites and invite acceptances with clear 4xx answers', async () => {
    expect(await errorOf(await api('/accounts/invites', 'POST', { email: 'nope' }, admin))).toEqual({ status: 400, code: 'invalid_request' });
    expect(await errorOf(await api('/accounts/invites', 'POST', {}, admin))).toEqual({ status: 400, code: 'invalid_request' });
    expect(await errorOf(await api('/accounts/invites', 'POST', { email: 'head@club.example' }, admin))).toEqual({ status: 409, code: 'email_taken' });
    expect(await errorOf(await call(`${app.url}/api/accounts/invites`, 'POST', { email: 'x@club.example' }, admin, { origin: 'https://evil.example' })))
      .toEqual({ status: 403, code: 'cross_origin' });
    expect(await errorOf(await api('/invites/short'))).toEqual({ status: 400, code: 'invalid_request' });
    expect(await errorOf(await api(`/invites/${'A'.repeat(43)}`))).toEqual({ status: 404, code: 'invite_not_found' });
    const token = await invite('weak@club.example', admin);
    expect(await errorOf(await api(`/invites/${token}`, 'POST', { name: 'Weak', password: 'short' }))).toEqual({ status: 400, code: 'invalid_request' });
    expect(await errorOf(await api(`/invites/${token}`, 'POST', { name: ' ', password: 'long-enough-pass' }))).toEqual({ status: 400, code: 'invalid_request' });
    expect(await errorOf(await api(`/invites/${token}`, 'POST', { name: 'Weak', password: 'long-enough-pass', role: 'admin' }))).toEqual({ status: 400, code: 'invalid_request' });
    expect(await errorOf(await api('/accounts/abc', 'PUT', { status: 'disabled' }, admin))).toEqual({ status: 400, code: 'invalid_request' });
    expect(await errorOf(await api('/accounts/999', 'PUT', { status: 'disabled' }, admin))).toEqual({ status: 404, code: 'not_found' });
    expect(await errorOf(await api('/accounts/1', 'PUT', { status: 'gone' }, admin))).toEqual({ status: 400, code: 'invalid_request' });
    expect(await errorOf(await api('/accounts/1', 'PUT', { status: 'disabled' }, admin))).toEqual({ status: 409, code: 'cannot_disable_admin' });
    expect(await errorOf(await api('/accounts', 'POST', {}, admin))).toEqual({ status: 405, code: 'method_not_allowed' });
  });

  it('lets an invited coach in once, records what they do, keeps them off admin routes, and a disable stops them at once', async () => {
    const token = await invite('sam@club.example', admin);
    expect(await (await api(`/invites/${token}`)).json()).toMatchObject({ email: 'sam@club.example' });
    const accepted = await api(`/invites/${token}`, 'POST', { name: 'Sam Coach', password: 'sam-coach-pass' });
    expect(accepted.status).toBe(201);
    const coach = cookieOf(accepted);
    expect(await errorOf(await api(`/invites/${token}`, 'POST', { name: 'Again', password: 'sam-coach-pass' }))).toEqual({ status: 410, code: 'invite_used' });

    // A coach never reaches the admin routes.
    for (const [p, method, body] of [['/accounts', 'GET'], ['/accounts/invites', 'POST', { email: 'x@club.example' }], ['/accounts/1', 'PUT', { status: 'disabled' }]] as const) {
      const res = await api(p, method, body, coach);
      expect(res.status).toBe(403);
      expect(await res.json()).toEqual({ error: { code: 'admin_only', message: "Only an admin can manage coaches. Ask your club's RepLens admin." } });
    }

    // Uploads and corrections carry the coach.
    const created = await api('/videos', 'POST', { athlete: 'Ana', filename: 'squat.mp4', size: 1000, domain: 'weightlifting', activity: 'squat', repCount: 5 }, coach);
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect((await api(`/videos/${id}`, 'PUT', { repCount: 4 }, coach)).status).toBe(200);
    const list = (await (await api('/videos', 'GET', undefined, admin)).json()) as { items: { id: string; uploadedBy: string | null }[] };
    expect(list.items.find((s) => s.id === id)?.uploadedBy).toBe('Sam Coach');
    const db = new Database(path.join(dir, 'library.db'), { readonly: true });
    const row = db.prepare('SELECT s.created_by, s.edited_by, a.email FROM sessions s JOIN accounts a ON a.id = s.created_by WHERE s.id = ?').get(id);
    db.close();
    expect(row).toMatchObject({ email: 'sam@club.example' });
    expect((row as { edited_by: number }).edited_by).toBe((row as { created_by: number }).created_by);

    // Disabled: the very next request is refused, and signing in again too.
    const { accounts } = (await (await api('/accounts', 'GET', undefined, admin)).json()) as { accounts: { id: number; email: string; status: string }[] };
    const sam = accounts.find((a) => a.email === 'sam@club.example')!;
    expect(sam.status).toBe('active');
    expect((await api(`/accounts/${sam.id}`, 'PUT', { status: 'disabled' }, admin)).status).toBe(200);
    expect(await errorOf(await api('/videos', 'GET', undefined, coach))).toEqual({ status: 401, code: 'login_required' });
    expect(await errorOf(await api('/session', 'POST', { email: 'sam@club.example', password: 'sam-coach-pass' }))).toEqual({ status: 403, code: 'account_disabled' });
    expect((await api(`/accounts/${sam.id}`, 'PUT', { status: 'active' }, admin)).status).toBe(200);
    expect((await api('/videos', 'GET', undefined, await signIn('sam@club.example', 'sam-coach-pass'))).status).toBe(200);
  });

  it('signs out one device, or everywhere', async () => {
    const [a, b] = [await signIn('sam@club.example', 'sam-coach-pass'), await signIn('sam@club.example', 'sam-coach-pass')];
    const c = await signIn('sam@club.example', 'sam-coach-pass');
    await api('/session', 'DELETE', undefined, a);
    expect((await api('/videos', 'GET', undefined, a)).status).toBe(401);
    expect((await api('/videos', 'GET', undefined, b)).status).toBe(200);
    expect((await api('/session/all', 'DELETE', undefined, b)).status).toBe(200);
    expect((await api('/videos', 'GET', undefined, b)).status).toBe(401);
    expect((await api('/videos', 'GET', undefined, c)).status).toBe(401);
    expect((await api('/videos', 'GET', undefined, admin)).status).toBe(200); // the admin's sign-in goes on
    expect(await errorOf(await api('/session/all', 'DELETE', undefined, b))).toEqual({ status: 401, code: 'login_required' });
  });

  it('rate-limits wrong passwords for an email', async () => {
    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await api('/session', 'POST', { email: 'limit@club.example', password: `guess-${i}` })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('keeps accounts and sign-ins across a restart, and never overwrites the admin from env', async () => {
    await app.close();
    app = await start({ ...ADMIN, ADMIN_PASSWORD: 'a-different-password' }, dir);
    expect((await api('/videos', 'GET', undefined, admin)).status).toBe(200);
    expect((await api('/session', 'POST', { email: 'head@club.example', password: 'head-coach-pass' })).status).toBe(200);
    expect((await api('/session', 'POST', { email: 'head@club.example', password: 'a-different-password' })).status).toBe(401);
  });
});

describe('open on loopback, then set up', () => {
  it('stays open with no accounts, offers the setup, and needs sign-in once the admin exists', async () => {
    const server = await start({});
    const url = (p: string) => `${server.url}/api${p}`;
    expect(await (await fetch(url('/session'))).json()).toEqual({ required: false, authenticated: true, mode: 'open', account: null, canSetUp: true });
    expect((await fetch(url('/videos'))).status).toBe(200);
    expect((await fetch(url('/accounts'))).status).toBe(404);
    expect(await errorOf(await call(url('/setup'), 'POST', { email: 'a@b.example', name: 'A', password: 'short' }))).toEqual({ status: 400, code: 'invalid_request' });
    const res = await call(url('/setup'), 'POST', { email: 'me@club.example', name: 'Me', password: 'my-admin-password' });
    expect(res.status).toBe(201);
    const admin = cookieOf(res);
    expect((await fetch(url('/videos'))).status).toBe(401);
    expect((await call(url('/accounts'), 'GET', undefined, admin)).status).toBe(200);
    expect(await errorOf(await call(url('/setup'), 'POST', { email: 'x@club.example', name: 'X', password: 'my-admin-password' }))).toEqual({ status: 409, code: 'already_set_up' });
    await server.close();
  });

  it('has no setup in single-password mode', async () => {
    const server = await start({ DASHBOARD_PASSWORD: 'shared-pass' });
    expect((await fetch(`${server.url}/api/session`).then((r) => r.json()))).toMatchObject({ mode: 'password', canSetUp: false });
    expect((await call(`${server.url}/api/setup`, 'POST', { email: 'me@club.example', name: 'Me', password: 'my-admin-password' })).status).toBe(404);
    await server.close();
  });
});

describe('configuration', () => {
  it('refuses confusing combinations with a clear message', () => {
    expect(() => loadConfig({ DASHBOARD_PASSWORD: 'x', ADMIN_EMAIL: 'a@b.example', ADMIN_PASSWORD: 'long-enough-pass' })).toThrow(/choose one/);
    expect(() => loadConfig({ ADMIN_PASSWORD: 'long-enough-pass' })).toThrow(/ADMIN_EMAIL: is required/);
    expect(() => loadConfig({ ADMIN_EMAIL: 'nope', ADMIN_PASSWORD: 'long-enough-pass' })).toThrow(ConfigError);
    expect(() => loadConfig({ ADMIN_EMAIL: 'a@b.example', ADMIN_PASSWORD: 'short' })).toThrow(/at least 10/);
    expect(() => loadConfig({ HOST: '0.0.0.0', PUBLIC_URL: 'http://10.0.0.2:3000' })).toThrow(/ADMIN_EMAIL and ADMIN_PASSWORD/);
    expect(loadConfig({ HOST: '0.0.0.0', PUBLIC_URL: 'http://10.0.0.2:3000', ...ADMIN }).admin).toEqual({
      email: 'head@club.example',
      password: 'head-coach-pass',
      name: 'Head Coach',
    });
  });

  it('refuses at start: a shared password on a library with accounts, or a new admin without a password', async () => {
    await expect(start({ DASHBOARD_PASSWORD: 'shared-pass' }, dir)).rejects.toThrow(/has coach accounts/);
    await expect(start({ ADMIN_EMAIL: 'new@club.example' }, tempDir())).rejects.toThrow(/ADMIN_PASSWORD: is required/);
    const server = await start({ ADMIN_EMAIL: 'head@club.example' }, dir); // the admin exists: no password needed
    await server.close();
  });
});

describe('behind an https reverse proxy', () => {
  const freePort = () =>
    new Promise<number>((resolve) => {
      const probe = net.createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as net.AddressInfo;
        probe.close(() => resolve(port));
      });
    });
  // What nginx sends on: the public Host, the browser's https Origin, the client in X-Forwarded-For.
  const proxied = (base: string, path: string, body: unknown, from: string, origin = 'https://club.example') =>
    rawRequest(base, {
      method: 'POST',
      path,
      headers: { host: 'club.example', origin, 'x-forwarded-for': from, 'x-forwarded-proto': 'https', 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('accepts the public https origin, sets Secure cookies and counts wrong passwords per forwarded client', async () => {
    const port = await freePort();
    const server = await start({ ...ADMIN, PORT: String(port), PUBLIC_URL: 'https://club.example', TRUST_PROXY: 'true' });
    const base = `http://127.0.0.1:${port}`;
    const ok = await proxied(base, '/api/session', { email: 'head@club.example', password: 'head-coach-pass' }, '203.0.113.7');
    expect(ok.status).toBe(200);
    expect(String(ok.headers['set-cookie'])).toMatch(/; Secure/i);
    expect((await proxied(base, '/api/session', { email: 'head@club.example', password: 'x' }, '203.0.113.7', 'https://evil.example')).status).toBe(403);

    const statuses = [];
    for (let i = 0; i < 6; i++) statuses.push((await proxied(base, '/api/session', { email: `guess${i}@club.example`, password: 'x' }, '203.0.113.9')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    // Another client behind the same proxy is not locked out.
    expect((await proxied(base, '/api/session', { email: 'head@club.example', password: 'head-coach-pass' }, '198.51.100.4')).status).toBe(200);
    await server.close();
  });

  it('never offers the setup to a forwarded request, even from loopback', async () => {
    const server = await start({});
    const body = { email: 'me@club.example', name: 'Me', password: 'my-admin-password' };
    const forwarded = { 'x-forwarded-for': '203.0.113.7', 'content-type': 'application/json' };
    const session = await rawRequest(server.url, { path: '/api/session', headers: { host: new URL(server.url).host, ...forwarded } });
    expect(JSON.parse(session.text)).toMatchObject({ mode: 'open', canSetUp: false });
    const res = await rawRequest(server.url, { method: 'POST', path: '/api/setup', headers: { host: new URL(server.url).host, ...forwarded }, body: JSON.stringify(body) });
    expect(JSON.parse(res.text)).toEqual({ error: { code: 'setup_loopback_only', message: expect.stringContaining('machine RepLens runs on') } });
    expect(res.status).toBe(403);
    await server.close();
  });
});
