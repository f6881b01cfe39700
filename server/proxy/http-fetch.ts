/**
 * A small `fetch` for the proxy's upstream calls over node:http(s) with keep-alive agents. Node 20's
 * fetch (undici) spent most of the proxy's CPU per forwarded call; this keeps the same contract
 * the Guru client relies on: a Web Response back as soon as the headers arrive, its body streamed,
 * AbortSignal honoured, redirects never followed.
 */
import http from 'node:http';
import https from 'node:https';
import { Readable } from 'node:stream';

const agents = {
  'http:': new http.Agent({ keepAlive: true, maxSockets: 64 }),
  'https:': new https.Agent({ keepAlive: true, maxSockets: 64 }),
};

export async function httpFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  const url = new URL(input instanceof Request ? input.url : input);
  const protocol = url.protocol as keyof typeof agents;
  if (!agents[protocol]) throw new TypeError(`unsupported protocol ${url.protocol}`);
  const body = init.body == null ? undefined : typeof init.body === 'string' ? init.body : String(init.body);
  const headers = new Headers(init.headers);
  if (body !== undefined && !headers.has('content-type')) headers.set('content-type', 'text/plain;charset=UTF-8');
  if (body !== undefined) headers.set('content-length', String(Buffer.byteLength(body)));
  const signal = init.signal ?? undefined;
  signal?.throwIfAborted();

  return new Promise<Response>((resolve, reject) => {
    const request = (protocol === 'https:' ? https : http).request(
      url,
      { method: init.method ?? 'GET', headers: Object.fromEntries(headers), agent: agents[protocol] },
      (res) => {
        const status = res.statusCode ?? 502;
        if (status >= 300 && status < 400 && init.redirect === 'error') {
          res.resume();
          reject(new TypeError(`redirect to ${res.headers.location ?? 'elsewhere'} refused`));
          return;
        }
        const responseHeaders = new Headers();
        for (const [name, value] of Object.entries(res.headers)) {
          if (value !== undefined) responseHeaders.set(name, Array.isArray(value) ? value.join(', ') : value);
        }
        const respond = (body: BodyInit | null) => resolve(new Response(body, { status, headers: responseHeaders }));
        if (status === 204 || status === 304 || init.method === 'HEAD') {
          res.resume();
          respond(null);
        } else if (status >= 200 && status < 300) {
          // Streamed as it arrives (a j2p answer runs to tens of MB); the signal still ends it, as with fetch.
          response = res;
          respond(Readable.toWeb(res) as ReadableStream<Uint8Array>);
        } else {
          // Error answers are small and often dropped unread (before a retry): read them whole so
          // their connection goes back to the pool.
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('error', reject);
          res.on('end', () => respond(Buffer.concat(chunks)));
        }
        res.once('close', () => signal?.removeEventListener('abort', onAbort));
      },
    );
    let response: http.IncomingMessage | undefined;
    const onAbort = () => {
      request.destroy(signal!.reason as Error);
      response?.destroy(signal!.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
    request.on('error', (error) => {
      signal?.removeEventListener('abort', onAbort);
      reject(signal?.aborted ? signal.reason : error);
    });
    request.end(body);
  });
}
