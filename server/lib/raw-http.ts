/**
 * One HTTP request with nothing normalised: the Host header and the path go out exactly as given
 * (fetch would set Host itself and resolve `%2e%2e`). For tests of what a hostile client can send.
 */
import http from 'node:http';

export interface RawRequest {
  method?: string;
  /** Sent verbatim as the request target. */
  path: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

export function rawRequest(baseUrl: string, req: RawRequest) {
  const url = new URL(baseUrl);
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
    const request = http.request(
      { host: url.hostname, port: url.port, method: req.method ?? 'GET', path: req.path, headers: req.headers },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (d: string) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    request.on('error', reject);
    request.end(req.body);
  });
}
