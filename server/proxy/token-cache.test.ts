import { describe, expect, it, vi } from 'vitest';
import type { ProxyError } from './errors.ts';
import { createTokenCache } from './token-cache.ts';

const credentials = { clientId: 'id', clientSecret: 'the-secret', authUrl: 'http://auth.test/oauth/token', audience: 'aud' };

function tokenServer(answers: (() => Response)[]) {
  const calls: URLSearchParams[] = [];
  const fetch = vi.fn(async (_url: string | URL | Request, init?: RequestInit) => {
    calls.push(new URLSearchParams(init?.body as URLSearchParams));
    await new Promise((r) => setTimeout(r, 5));
    return (answers[Math.min(calls.length - 1, answers.length - 1)])();
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, calls };
}

const ok = (token: string, expiresIn = 3600) => () => Response.json({ access_token: token, token_type: 'Bearer', expires_in: expiresIn });

describe('token cache', () => {
  it('sends the client credentials with the audience (or the scope instead)', async () => {
    const server = tokenServer([ok('t1')]);
    await createTokenCache({ credentials, fetch: server.fetch }).get();
    expect(Object.fromEntries(server.calls[0])).toEqual({ grant_type: 'client_credentials', client_id: 'id', client_secret: 'the-secret', audience: 'aud' });
    const scoped = tokenServer([ok('t1')]);
    await createTokenCache({ credentials: { ...credentials, scope: 'guru/api' }, fetch: scoped.fetch }).get();
    expect(scoped.calls[0].get('scope')).toBe('guru/api');
    expect(scoped.calls[0].has('audience')).toBe(false);
  });

  it('makes one request for 50 concurrent callers and reuses the token', async () => {
    const server = tokenServer([ok('t1')]);
    const cache = createTokenCache({ credentials, fetch: server.fetch });
    const tokens = await Promise.all(Array.from({ length: 50 }, () => cache.get()));
    expect(new Set(tokens)).toEqual(new Set(['t1']));
    await cache.get();
    expect(server.calls).toHaveLength(1);
  });

  it('refreshes inside the margin before expiry, and after invalidate', async () => {
    let now = 1_000_000;
    const server = tokenServer([ok('t1', 60), ok('t2', 60), ok('t3', 60)]);
    const cache = createTokenCache({ credentials, fetch: server.fetch, now: () => now, marginMs: 10_000 });
    expect(await cache.get()).toBe('t1');
    now += 45_000;
    expect(await cache.get()).toBe('t1');
    now += 6_000; // 51 s of 60: inside the 10 s margin
    expect(await cache.get()).toBe('t2');
    cache.invalidate('stale'); // another token: ignored
    expect(await cache.get()).toBe('t2');
    cache.invalidate('t2');
    expect(await cache.get()).toBe('t3');
  });

  it('does not retry rejected credentials and never leaks the secret', async () => {
    const log = vi.spyOn(console, 'error').mockImplementation(() => {});
    const server = tokenServer([() => Response.json({ error: 'access_denied' }, { status: 401 })]);
    const cache = createTokenCache({ credentials, fetch: server.fetch });
    const error = await cache.get().catch((e: ProxyError) => e);
    expect(error).toMatchObject({ status: 502, code: 'token_rejected' });
    expect(server.calls).toHaveLength(1);
    expect(JSON.stringify(log.mock.calls) + (error as Error).message).not.toContain('the-secret');
    log.mockRestore();
  });

  it('backs off on 5xx, cools down after giving up, and recovers without caching the failure', async () => {
    let now = 0;
    const server = tokenServer([
      () => new Response('down', { status: 503 }),
      () => new Response('down', { status: 500 }),
      () => new Response('down', { status: 503 }),
      ok('t-after'),
    ]);
    const cache = createTokenCache({ credentials, fetch: server.fetch, now: () => now, backoffBaseMs: 1, coolDownMs: 5000 });
    await expect(cache.get()).rejects.toMatchObject({ status: 503, code: 'token_unavailable' });
    expect(server.calls).toHaveLength(3);
    const fast = await cache.get().catch((e: ProxyError) => e);
    expect(fast).toMatchObject({ status: 503, retryAfterSeconds: 5 });
    expect(server.calls).toHaveLength(3); // no request during the cool-down
    now += 5001;
    expect(await cache.get()).toBe('t-after');
  });

  it('honours Retry-After from a 429', async () => {
    const server = tokenServer([() => new Response('slow down', { status: 429, headers: { 'retry-after': '0' } }), ok('t1')]);
    const cache = createTokenCache({ credentials, fetch: server.fetch });
    expect(await cache.get()).toBe('t1');
    expect(server.calls).toHaveLength(2);
  });
});
