/** Reading a request at the edge: JSON bodies and values checked against the contract's schemas. */
import type { Context } from 'hono';
import type { z } from 'zod';
import { ProxyError } from './errors.ts';

export function parse<S extends z.ZodType>(schema: S, value: unknown): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) {
    const issue = result.error.issues[0];
    const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
    throw new ProxyError(400, 'invalid_request', `${where}${issue.message}`);
  }
  return result.data;
}

export async function jsonBody(c: Context) {
  if (!/^application\/json\b/i.test(c.req.header('content-type') ?? '')) {
    throw new ProxyError(415, 'unsupported_media_type', 'Send the request body as JSON.');
  }
  return c.req.json().catch(() => {
    throw new ProxyError(400, 'invalid_json', 'The request body is not valid JSON.');
  });
}
