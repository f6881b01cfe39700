import type { z } from 'zod';
import { apiErrorBodySchema } from '../contract/api.ts';

/** A failed /api call: `message` is written for a coach, `code` is for logs. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;

  constructor(status: number, code: string, message: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

export function isClientError(error: unknown): boolean {
  return error instanceof ApiError && error.status >= 400 && error.status < 500;
}

/** react-query `retry`: never retry 4xx answers, retry other failures twice. */
export function retryUnlessClientError(failureCount: number, error: unknown): boolean {
  return !isClientError(error) && failureCount < 2;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

async function send(method: Method, path: string, accept: string, body?: unknown, signal?: AbortSignal) {
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      signal,
      headers: body === undefined ? { Accept: accept } : { Accept: accept, 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (cause) {
    if (cause instanceof DOMException && cause.name === 'AbortError') throw cause;
    throw new ApiError(0, 'NETWORK', "We couldn't reach the RepLens server. Check your connection and try again.");
  }
  if (!response.ok) {
    const parsed = apiErrorBodySchema.safeParse(parseJson(await response.text()));
    if (parsed.success) throw new ApiError(response.status, parsed.data.error.code, parsed.data.error.message);
    throw new ApiError(response.status, `HTTP_${response.status}`, fallbackMessage(response.status));
  }
  return response;
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

async function request<T extends z.ZodType>(
  method: Method,
  path: string,
  schema: T,
  body?: unknown,
  signal?: AbortSignal,
): Promise<z.infer<T>> {
  const response = await send(method, path, 'application/json', body, signal);
  const parsed = schema.safeParse(parseJson(await response.text()));
  if (!parsed.success) {
    throw new ApiError(response.status, 'BAD_RESPONSE', 'The server sent an answer we could not read. Try again in a moment.');
  }
  return parsed.data;
}

function fallbackMessage(status: number): string {
  if (status === 404) return "We couldn't find that video.";
  if (status === 413) return 'That file is too large.';
  if (status === 429) return 'Too many requests right now. Wait a moment and try again.';
  if (status >= 500) return 'The server ran into a problem. Try again in a moment.';
  return `The request was refused (HTTP ${status}).`;
}

export const apiClient = {
  get: <T extends z.ZodType>(path: string, schema: T, signal?: AbortSignal) => request('GET', path, schema, undefined, signal),
  post: <T extends z.ZodType>(path: string, body: unknown, schema: T) => request('POST', path, schema, body),
  put: <T extends z.ZodType>(path: string, body: unknown, schema: T) => request('PUT', path, schema, body),
  patch: <T extends z.ZodType>(path: string, body: unknown, schema: T) => request('PATCH', path, schema, body),
  delete: <T extends z.ZodType>(path: string, schema: T) => request('DELETE', path, schema),
  /** A file (CSV…) byte for byte, with the answer's headers; failures throw ApiError as JSON calls do. */
  getFile: async (path: string, accept: string, signal?: AbortSignal) => {
    const response = await send('GET', path, accept, undefined, signal);
    return { blob: await response.blob(), headers: response.headers };
  },
};
