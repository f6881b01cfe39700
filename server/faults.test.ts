/**
 * The proxy against a misbehaving OAuth2 + Guru server on loopback: it counts token requests,
 * expires tokens early, answers 401/429/500 and hangs on demand.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from './config.ts';
import { startRepLens, type RepLens } from './start.ts';

/** A made-up credential for this test server only. */
const FAKE_SECRET = 'not-a-real-secret-just-for-tests';

type Fault = { status: number; headers?: Record<string, string>; times: number } | { hang: true; times: number };

const state = {
  tokenRequests: 0,
  tokenFault: undefined as Fault | undefined,
  apiFault: undefined as Fault | undefined,
  validTokens: new Set<string>(),
  apiCalls: 0,
  authHeaders: [] as string[],
};

function takeFault(kind: 'tokenFault' | 'apiFault') {
  const fault = state[kind];
  if (!fault) return undefined;
  if (--fault.times <= 0) state[kind] = undefined;
  return fault;
}

async function answerFault(fault: Fault) {
  if ('hang' in fault) await new Promise((r) => setTimeout(r, 60_000));
  else return new Response(JSON.stringify({ message: 'fault' }), { status: fault.status, headers: fault.headers });
}

const upstream = new Hono();
upstream.post('/oauth/token', async (c) => {
  state.tokenRequests++;
  const fault = takeFault('tokenFault');
  if (fault) return (await answerFault(fault))!;
  const form = await c.req.parseBody();
  if (form.client_secret !== FAKE_SECRET) return c.json({ error: 'access_denied', error_description: 'Unauthorized' }, 401);
  const token = `tok-${state.tokenRequests}`;
  state.validTokens.add(token);
  return c.json({ access_token: token, token_type: 'Bearer', expires_in: 86400 });
});
upstream.use('/videos/*', async (c, next) => {
  state.apiCalls++;
  const auth = c.req.header('authorization') ?? '';
  state.authHeaders.push(auth);
  if (!state.validTokens.has(auth.replace(/^Bearer /, ''))) return c.json({ message: 'Unauthorized' }, 401);
  const fault = takeFault('apiFault');
  if (fault) return (await answerFault(fault))!;
  await next();
});
upstream.get('/videos/:id/analysis', (c) => c.json({ status: 'Pending', reps: [] }));
upstream.post('/videos', (c) => c.json({ id: 'v1', url: 'https://uploads.example/bucket', fields: { key: 'k' } }));

let server: ReturnType<typeof serve>;
let guruUrl: string;
let app: RepLens;
let dir: string;

async function startProxy(extra: Record<string, string> = {}) {
  await app?.close();
  app = await startRepLens(
    loadConfig({
      PORT: '0',
      DATA_DIR: dir,
      GURU_CLIENT_ID: 'test-client',
      GURU_CLIENT_SECRET: FAKE_SECRET,
      GURU_AUTH_URL: `${guruUrl}/oauth/token`,
      GURU_API_URL: guruUrl,
      ...extra,
    }),
    { distDir: dir },
  );
}

async function analysis() {
  const res = await fetch(`${app.url}/api/videos/abc/analysis`);
  answered.push(await res.clone().text(), JSON.stringify([...res.headers]));
  return res;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replens-faults-'));
  await new Promise<void>((resolve) => {
    server = serve({ fetch: upstream.fetch, hostname: '127.0.0.1', port: 0 }, (info: AddressInfo) => {
      guruUrl = `http://127.0.0.1:${info.port}`;
      resolve();
    });
  });
});
afterAll(async () => {
  await app?.close();
  await new Promise((r) => server.close(r));
  fs.rmSync(dir, { recursive: true, force: true });
});
const logged: unknown[][] = [];
const answered: string[] = [];

beforeEach(async () => {
  Object.assign(state, { tokenRequests: 0, tokenFault: undefined, apiFault: undefined, apiCalls: 0, authHeaders: [] });
  state.validTokens.clear();
  for (const level of ['error', 'warn', 'log', 'info'] as const) {
    vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void logged.push(args));
  }
  await startProxy();
});

afterAll(() => {
  // Every fault above was logged and answered: none of it may carry the secret or a token.
  const text = JSON.stringify(logged.map((args) => args.map(String))) + answered.join('\n');
  expect(logged.length).toBeGreaterThanOrEqual(3);
  expect(text).not.toContain(FAKE_SECRET);
  expect(text).not.toMatch(/tok-\d+/);
});

describe('tokens', () => {
  it('50 concurrent API calls cause exactly one token request', async () => {
    const answers = await Promise.all(Array.from({ length: 50 }, analysis));
    expect(answers.every((r) => r.status === 200)).toBe(true);
    expect(state.tokenRequests).toBe(1);
    expect(state.apiCalls).toBe(50);
  });

  it('refreshes a token Guru expired early, once, and retries the call', async () => {
    expect((await analysis()).status).toBe(200);
    state.validTokens.clear(); // Guru revokes it before expires_in
    expect((await analysis()).status).toBe(200);
    expect(state.tokenRequests).toBe(2);
  });

  it('answers a clear 502 when the credentials are refused, without retrying', async () => {
    state.tokenFault = { status: 401, times: 10 };
    const res = await analysis();
    expect(res.status).toBe(502);
    const body = await res.json();
    expect(body.error.message).toMatch(/administrator/);
    expect(state.tokenRequests).toBe(1);
    await analysis();
    expect(state.tokenRequests).toBe(1); // cooling down, not hammering
  });

  it('answers 503 with Retry-After when the token endpoint is down, after bounded retries', async () => {
    state.tokenFault = { status: 500, times: 10 };
    const res = await analysis();
    expect(res.status).toBe(503);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(state.tokenRequests).toBe(3);
  });

  it('sends the bare token to raw-scheme tenants, and the scope instead of the audience', async () => {
    await startProxy({ GURU_AUTH_SCHEME: 'raw', GURU_SCOPE: 'guru/api' });
    expect((await analysis()).status).toBe(200);
    expect(state.authHeaders.at(-1)).toMatch(/^tok-\d+$/);
  });
});

describe('Guru faults', () => {
  it('retries a GET through a 500 and succeeds', async () => {
    state.apiFault = { status: 500, times: 1 };
    expect((await analysis()).status).toBe(200);
    expect(state.apiCalls).toBe(2);
  });

  it('passes a persistent 429 on with Retry-After', async () => {
    state.apiFault = { status: 429, headers: { 'retry-after': '1' }, times: 10 };
    const res = await analysis();
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('1');
    expect((await res.json()).error.code).toBe('guru_rate_limited');
  });

  it('never retries POST /videos (not idempotent)', async () => {
    state.apiFault = { status: 503, times: 1 };
    const res = await fetch(`${app.url}/api/videos`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ athlete: 'A', filename: 'a.mp4', size: 10, domain: 'weightlifting', activity: 'squat' }),
    });
    expect(res.status).toBe(503);
    expect(state.apiCalls).toBe(1);
  });

  it('times out a hanging Guru with 504, without retrying it', async () => {
    await startProxy({ GURU_TIMEOUT_MS: '500' });
    await analysis(); // warm the token
    state.apiCalls = 0;
    state.apiFault = { hang: true, times: 3 };
    const res = await analysis();
    expect(res.status).toBe(504);
    expect((await res.json()).error.message).toMatch(/too long/);
    expect(state.apiCalls).toBe(1);
  });
});
