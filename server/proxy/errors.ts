/** Errors the proxy answers with: a status, a code for logs and a message a coach can act on. */
export class ProxyError extends Error {
  constructor(
    readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 410 | 413 | 415 | 422 | 429 | 500 | 502 | 503 | 504,
    readonly code: string,
    message: string,
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}

export function methodNotAllowed(): never {
  throw new ProxyError(405, 'method_not_allowed', 'This method is not allowed here.');
}

/** Seconds from a Retry-After header (delta or HTTP date), capped so a hostile value can't stall us. */
export function parseRetryAfter(value: string | null | undefined, capSeconds = 120): number | undefined {
  if (!value) return undefined;
  const seconds = /^\d+$/.test(value.trim()) ? Number(value) : (Date.parse(value) - Date.now()) / 1000;
  if (!Number.isFinite(seconds)) return undefined;
  return Math.min(capSeconds, Math.max(0, Math.ceil(seconds)));
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Exponential backoff with full jitter: 500 ms · 2ⁿ, as node-auth0 does. */
export const backoffMs = (attempt: number, baseMs = 500) => Math.round(baseMs * 2 ** attempt * (0.5 + Math.random() / 2));
