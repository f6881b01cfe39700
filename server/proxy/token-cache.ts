/**
 * The OAuth2 client-credentials token: fetched once for all concurrent callers (single flight),
 * reused until a margin before it expires, never cached when the fetch fails. A configuration
 * error (401/403) is not retried; 429/5xx/network errors back off and then cool down, so a broken
 * token endpoint is not hammered by every dashboard request.
 */
import { tokenResponseSchema } from '../../src/contract/guru.ts';
import { ProxyError, backoffMs, parseRetryAfter, sleep } from './errors.ts';

/** What the OAuth client-credentials grant needs (the Guru settings of config.ts). */
export interface TokenCredentials {
  clientId: string;
  clientSecret: string;
  authUrl: string;
  audience: string;
  scope?: string;
}

export interface TokenCacheOptions {
  credentials: TokenCredentials;
  fetch?: typeof fetch;
  now?: () => number;
  /** Refresh this long before expiry. */
  marginMs?: number;
  timeoutMs?: number;
  attempts?: number;
  backoffBaseMs?: number;
  /** After the attempts fail, answer fast with the same error for this long. */
  coolDownMs?: number;
}

export interface TokenCache {
  get(): Promise<string>;
  /** Drop the cached token (Guru answered 401 with it). */
  invalidate(token: string): void;
  /** Token requests sent so far (for tests and the health check). */
  readonly requests: number;
}

export function createTokenCache(options: TokenCacheOptions): TokenCache {
  const fetchImpl = options.fetch ?? fetch;
  const now = options.now ?? Date.now;
  const margin = options.marginMs ?? 30_000;
  const attempts = options.attempts ?? 3;
  let cached: { token: string; expiresAt: number } | undefined;
  let inFlight: Promise<string> | undefined;
  let failure: { error: ProxyError; until: number } | undefined;
  let requests = 0;

  async function requestOnce(): Promise<{ token: string; expiresAt: number }> {
    const { clientId, clientSecret, audience, scope, authUrl } = options.credentials;
    const body = new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret });
    if (scope) body.set('scope', scope);
    else body.set('audience', audience);
    requests++;
    let res: Response;
    try {
      res = await fetchImpl(authUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body,
        redirect: 'error',
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
    } catch {
      throw new ProxyError(503, 'token_unreachable', 'The analysis service cannot be reached right now. Try again in a minute.');
    }
    if (res.status === 401 || res.status === 403) {
      // The operator's credentials are wrong: log without the secret, don't retry.
      console.error(`[proxy] token endpoint refused the client credentials (HTTP ${res.status}) for client ${clientId}`);
      throw new ProxyError(502, 'token_rejected', 'RepLens is not configured correctly for the analysis service. Ask your administrator to check the Guru credentials.');
    }
    if (!res.ok) {
      throw new ProxyError(503, 'token_unavailable', 'The analysis service is busy or down. Try again in a minute.', parseRetryAfter(res.headers.get('retry-after')));
    }
    const parsed = tokenResponseSchema.safeParse(await res.json().catch(() => null));
    if (!parsed.success) {
      throw new ProxyError(502, 'token_malformed', 'The analysis service answered in an unexpected way. Try again later.');
    }
    return { token: parsed.data.access_token, expiresAt: now() + parsed.data.expires_in * 1000 };
  }

  async function fetchWithRetries(): Promise<string> {
    for (let attempt = 0; ; attempt++) {
      try {
        cached = await requestOnce();
        failure = undefined;
        return cached.token;
      } catch (error) {
        const e = error as ProxyError;
        const last = e.code === 'token_rejected' || attempt + 1 >= attempts;
        if (last) {
          const coolDown = e.retryAfterSeconds !== undefined ? e.retryAfterSeconds * 1000 : (options.coolDownMs ?? 5_000);
          failure = { error: e, until: now() + coolDown };
          throw new ProxyError(e.status, e.code, e.message, Math.ceil(coolDown / 1000));
        }
        const wait = e.retryAfterSeconds !== undefined ? e.retryAfterSeconds * 1000 : backoffMs(attempt, options.backoffBaseMs);
        await sleep(wait);
      }
    }
  }

  return {
    get() {
      if (cached && now() < cached.expiresAt - margin) return Promise.resolve(cached.token);
      if (inFlight) return inFlight;
      if (failure && now() < failure.until) {
        const { error, until } = failure;
        return Promise.reject(new ProxyError(error.status, error.code, error.message, Math.ceil((until - now()) / 1000)));
      }
      inFlight = fetchWithRetries().finally(() => (inFlight = undefined));
      return inFlight;
    },
    invalidate(token) {
      if (cached?.token === token) cached = undefined;
    },
    get requests() {
      return requests;
    },
  };
}
