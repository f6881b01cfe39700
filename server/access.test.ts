/** Access control of the proxy, over real HTTP: password login, cookie, rate limit, loopback rule. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.ts';
import { startRepLens, type RepLens } from './start.ts';

let dir: string;
let app: RepLens;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replens-access-'));
  const config = loadConfig({ PORT: '0', DATA_DIR: dir, DASHBOARD_PASSWORD: 'squat-rack-42' });
  app = await startRepLens(config, { analyze: async () => { throw new Error('unused'); }, distDir: dir });
});
afterAll(async () => {
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const login = (password: string) =>
  fetch(`${app.url}/api/session`, { method: 'POST', body: JSON.stringify({ password }), headers: { 'content-type': 'application/json' } });

describe('with DASHBOARD_PASSWORD', () => {
  it('requires a login for every /api route but health and the session itself', async () => {
    expect((await fetch(`${app.url}/api/videos`)).status).toBe(401);
    expect(await (await fetch(`${app.url}/api/videos/abc/analysis`)).json()).toMatchObject({ error: { code: 'login_required' } });
    expect((await fetch(`${app.url}/api/health`)).status).toBe(200);
    expect(await (await fetch(`${app.url}/api/session`)).json()).toEqual({ required: true, authenticated: false, mode: 'password', account: null, canSetUp: false });
  });

  it('signs in with an httpOnly SameSite=Strict cookie that opens the API', async () => {
    const res = await login('squat-rack-42');
    expect(res.status).toBe(200);
    const cookie = res.headers.get('set-cookie')!;
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    const value = cookie.split(';')[0];
    expect((await fetch(`${app.url}/api/videos`, { headers: { cookie: value } })).status).toBe(200);
    expect((await fetch(`${app.url}/api/videos`, { headers: { cookie: `${value}x` } })).status).toBe(401);
  });

  it('rate-limits wrong passwords', async () => {
    const statuses = [];
    for (let i = 0; i < 7; i++) statuses.push((await login(`guess-${i}`)).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429]);
    const limited = await login('squat-rack-42');
    expect(limited.status).toBe(429); // even the right one, until the window passes
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('ending a sign-in', () => {
  const startWith = (password: string) =>
    startRepLens(loadConfig({ PORT: '0', DATA_DIR: dir, DASHBOARD_PASSWORD: password }), { analyze: () => Promise.reject(new Error('unused')), distDir: dir });
  const signIn = async (url: string, password: string) => {
    const res = await fetch(`${url}/api/session`, { method: 'POST', body: JSON.stringify({ password }), headers: { 'content-type': 'application/json' } });
    return res.headers.get('set-cookie')!.split(';')[0];
  };
  const status = async (url: string, cookie: string) => (await fetch(`${url}/api/videos`, { headers: { cookie } })).status;

  it('sign-out ends that sign-in on the server, not just in the browser', async () => {
    const server = await startWith('first-password');
    const [a, b] = [await signIn(server.url, 'first-password'), await signIn(server.url, 'first-password')];
    expect(await status(server.url, a)).toBe(200);
    await fetch(`${server.url}/api/session`, { method: 'DELETE', headers: { cookie: a } });
    expect(await status(server.url, a)).toBe(401);
    expect(await status(server.url, b)).toBe(200); // other sign-ins go on
    await server.close();
  });

  it('survives a restart, and a new password ends every sign-in', async () => {
    let server = await startWith('first-password');
    const cookie = await signIn(server.url, 'first-password');
    await server.close();
    server = await startWith('first-password');
    expect(await status(server.url, cookie)).toBe(200);
    await server.close();
    server = await startWith('second-password');
    expect(await status(server.url, cookie)).toBe(401);
    await server.close();
  });
});

describe('without DASHBOARD_PASSWORD', () => {
  it('refuses to serve beyond loopback', () => {
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(ConfigError);
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/DASHBOARD_PASSWORD/);
    expect(() => loadConfig({ HOST: '0.0.0.0', DASHBOARD_PASSWORD: 'x' })).toThrow(/PUBLIC_URL/);
    const config = loadConfig({ HOST: '0.0.0.0', DASHBOARD_PASSWORD: 'x', PUBLIC_URL: 'http://192.168.1.20:3000/' });
    expect(config).toMatchObject({ host: '0.0.0.0', publicUrl: 'http://192.168.1.20:3000' });
    expect(loadConfig({ HOST: '127.0.0.1' }).dashboardPassword).toBeUndefined();
  });

  it('needs every Guru setting once a client id is given', () => {
    expect(() => loadConfig({ GURU_CLIENT_ID: 'id' })).toThrow(/GURU_CLIENT_SECRET/);
  });

  it('takes a SESSION_SECRET long enough to sign cookies with, and refuses a short one', () => {
    expect(() => loadConfig({ SESSION_SECRET: 'too-short' })).toThrow(/SESSION_SECRET: must be at least 32 characters/);
    expect(loadConfig({ SESSION_SECRET: 'x'.repeat(32) }).sessionSecret).toBe('x'.repeat(32));
  });
});
