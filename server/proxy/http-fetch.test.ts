import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpFetch } from './http-fetch.ts';

let server: http.Server;
let base: string;
/** Ends the /slow answer, whose first half is sent at once. */
let finishSlow = () => {};

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (req.url === '/redirect') return res.writeHead(302, { location: 'http://elsewhere.test/' }).end();
    if (req.url === '/empty') return res.writeHead(204).end();
    if (req.url === '/hang') return; // never answers
    if (req.url === '/slow') {
      res.writeHead(200, { 'content-type': 'application/json' }).write('{"first":"half",');
      finishSlow = () => res.end('"second":"half"}');
      return;
    }
    let body = '';
    req.on('data', (d) => (body += d));
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json', 'retry-after': '3' });
      res.end(JSON.stringify({ method: req.method, body, auth: req.headers.authorization ?? null }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  finishSlow();
  server.closeAllConnections();
  server.close();
});

describe('httpFetch', () => {
  it('sends method, headers and body, and answers a Web Response', async () => {
    const res = await httpFetch(`${base}/echo`, { method: 'PUT', headers: { authorization: 'Bearer t' }, body: '{"a":1}' });
    expect(res.status).toBe(200);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(await res.json()).toEqual({ method: 'PUT', body: '{"a":1}', auth: 'Bearer t' });
    expect((await httpFetch(`${base}/empty`)).status).toBe(204);
  });

  it('refuses to follow redirects when asked', async () => {
    await expect(httpFetch(`${base}/redirect`, { redirect: 'error' })).rejects.toThrow(/redirect/);
  });

  it('gives up when the signal times out, with a TimeoutError', async () => {
    const error = await httpFetch(`${base}/hang`, { signal: AbortSignal.timeout(100) }).catch((e: Error) => e);
    expect((error as Error).name).toBe('TimeoutError');
  });

  it('answers at the headers and streams the body as it comes, rather than holding it whole', async () => {
    const res = await Promise.race([httpFetch(`${base}/slow`), new Promise<'held'>((r) => setTimeout(() => r('held'), 2000))]);
    if (res === 'held') throw new Error('httpFetch waited for the whole body');
    const reader = res.body!.getReader();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('{"first":"half",');
    finishSlow();
    expect(new TextDecoder().decode((await reader.read()).value)).toBe('"second":"half"}');
    expect((await reader.read()).done).toBe(true);
  });

  it('ends a streamed body when the signal fires', async () => {
    const controller = new AbortController();
    const res = await httpFetch(`${base}/slow`, { signal: controller.signal });
    const reader = res.body!.getReader();
    await reader.read();
    controller.abort(new Error('gave up'));
    await expect(reader.read()).rejects.toThrow();
  });
});
