/**
 * The proxy's only way to Guru (the cloud or the local one): one method per call RepLens makes,
 * each with a timeout, the cached token, one refresh-and-retry on 401, bounded retries for GETs
 * only (POST /videos is not idempotent) and every answer parsed with the contract schemas.
 */
import type { z } from 'zod';
import {
  analysisResponseSchema,
  createVideoResponseSchema,
  j2pResponseSchema,
  updateVideoResponseSchema,
  videoResponseSchema,
  type CreateVideoRequest,
  type UpdateVideoRequest,
} from '../../src/contract/guru.ts';
import { ProxyError, backoffMs, parseRetryAfter, sleep } from './errors.ts';
import type { TokenCache } from './token-cache.ts';

export interface GuruClientOptions {
  apiUrl: string;
  tokens: TokenCache;
  authScheme: 'bearer' | 'raw';
  fetch?: typeof fetch;
  timeoutMs?: number;
  getRetries?: number;
  backoffBaseMs?: number;
}

export type GuruClient = ReturnType<typeof createGuruClient>;

export function createGuruClient(options: GuruClientOptions) {
  const fetchImpl = options.fetch ?? fetch;
  const base = options.apiUrl.replace(/\/+$/, '');

  /**
   * One Guru call up to a 2xx answer, with the token, the 401 refresh and the retries; `read` takes
   * what it needs from the answer. The time limit covers the call until `read` is done: all of a
   * JSON answer, only the headers of a streamed one (a slow browser then sets the body's pace).
   */
  async function send<T>(method: 'GET' | 'POST' | 'PUT', path: string, body: unknown, read: (res: Response) => Promise<T>): Promise<T> {
    const retries = method === 'GET' ? (options.getRetries ?? 2) : 0;
    let refreshed = false;
    for (let attempt = 0; ; attempt++) {
      const token = await options.tokens.get();
      const deadline = new AbortController();
      const timer = setTimeout(() => deadline.abort(new DOMException('Guru took too long to answer', 'TimeoutError')), options.timeoutMs ?? 15_000);
      try {
        let res: Response;
        try {
          res = await fetchImpl(`${base}${path}`, {
            method,
            headers: {
              authorization: options.authScheme === 'raw' ? token : `Bearer ${token}`,
              accept: 'application/json',
              ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            },
            body: body === undefined ? undefined : JSON.stringify(body),
            // Never follow redirects: fetch would carry our auth header to wherever they point.
            redirect: 'error',
            signal: deadline.signal,
          });
        } catch (error) {
          // A hung upstream is not retried: the coach would wait several timeouts for one answer.
          const timedOut = (error as Error).name === 'TimeoutError';
          if (!timedOut && attempt < retries) {
            await sleep(backoffMs(attempt, options.backoffBaseMs));
            continue;
          }
          console.warn(`[proxy] Guru ${method} ${path.split('?')[0]} ${timedOut ? 'timed out' : `failed: ${(error as Error).message}`}`);
          throw timedOut
            ? new ProxyError(504, 'guru_timeout', 'The analysis service took too long to answer. Try again in a minute.')
            : new ProxyError(502, 'guru_unreachable', 'The analysis service cannot be reached right now. Try again in a minute.');
        }
        if (res.status === 401 && !refreshed) {
          refreshed = true;
          options.tokens.invalidate(token);
          attempt--;
          continue;
        }
        if ((res.status === 429 || res.status >= 500) && attempt < retries) {
          const retryAfter = parseRetryAfter(res.headers.get('retry-after'), 5);
          await sleep(retryAfter !== undefined ? retryAfter * 1000 : backoffMs(attempt, options.backoffBaseMs));
          continue;
        }
        if (!res.ok) throw await upstreamError(res);
        return await read(res);
      } finally {
        clearTimeout(timer);
      }
    }
  }

  async function call<S extends z.ZodType>(method: 'GET' | 'POST' | 'PUT', path: string, schema: S, body?: unknown): Promise<z.infer<S>> {
    const answer = await send(method, path, body, (res) => res.json().catch(() => null));
    const parsed = schema.safeParse(answer);
    if (!parsed.success) {
      console.error(`[proxy] unexpected answer from Guru ${method} ${path.split('?')[0]}: ${parsed.error.message.slice(0, 300)}`);
      throw new ProxyError(502, 'guru_bad_answer', 'The analysis service answered in an unexpected way. Try again later.');
    }
    return parsed.data;
  }

  const video = (id: string) => `/videos/${encodeURIComponent(id)}`;
  return {
    createVideo: (body: CreateVideoRequest) => call('POST', '/videos', createVideoResponseSchema, body),
    getVideo: (id: string) => call('GET', video(id), videoResponseSchema),
    updateVideo: (id: string, body: UpdateVideoRequest) => call('PUT', video(id), updateVideoResponseSchema, body),
    getAnalysis: (id: string) => call('GET', `${video(id)}/analysis`, analysisResponseSchema),
    /** Parsed joint data, for measuring the reps a coach edits (the dashboard's copy streams, below). */
    getJ2p: (id: string) => call('GET', `${video(id)}/j2p`, j2pResponseSchema),
    /**
     * The j2p answer's body as it comes: an 18-minute video has ~30 MB of joint data, which would
     * hold the event loop for seconds if parsed here. The dashboard parses it with the contract.
     */
    streamJ2p: (id: string): Promise<ReadableStream<Uint8Array>> =>
      send('GET', `${video(id)}/j2p`, undefined, async (res) => {
        if (!res.body || !/json/i.test(res.headers.get('content-type') ?? '')) {
          await res.body?.cancel();
          throw new ProxyError(502, 'guru_bad_answer', 'The analysis service answered in an unexpected way. Try again later.');
        }
        return res.body;
      }),
  };
}

async function upstreamError(res: Response): Promise<ProxyError> {
  const retryAfter = parseRetryAfter(res.headers.get('retry-after'));
  // Upstream bodies are not passed on: they may echo request details. Log the gist only.
  const detail = (await res.text().catch(() => '')).slice(0, 200).replace(/\s+/g, ' ');
  if (res.status === 404) return new ProxyError(404, 'not_found', 'This video no longer exists in the analysis service.');
  if (res.status === 400 || res.status === 422) {
    console.warn(`[proxy] Guru refused a request (${res.status}): ${detail}`);
    return new ProxyError(400, 'guru_rejected', 'The analysis service refused this request. Check the video details and try again.');
  }
  if (res.status === 429) {
    return new ProxyError(429, 'guru_rate_limited', 'The analysis service is rate-limiting RepLens. Wait a moment and try again.', retryAfter ?? 10);
  }
  if (res.status === 401 || res.status === 403) {
    console.error(`[proxy] Guru refused our token (${res.status})`);
    return new ProxyError(502, 'guru_auth', 'RepLens could not authenticate with the analysis service. Ask your administrator to check the Guru credentials.');
  }
  console.warn(`[proxy] Guru error ${res.status}: ${detail}`);
  return new ProxyError(503, 'guru_unavailable', 'The analysis service is having trouble right now. Try again in a minute.', retryAfter);
}
