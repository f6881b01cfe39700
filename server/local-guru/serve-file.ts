/** Serves a stored video with HTTP Range support, so `<video>` can seek without downloading it all. */
import fs from 'node:fs';
import { Readable } from 'node:stream';

export function serveFile(
  file: string,
  rangeHeader: string | undefined,
  contentType: string,
  extraHeaders: Record<string, string> = {},
): Response {
  let size: number;
  try {
    size = fs.statSync(file).size;
  } catch {
    return new Response('Not found', { status: 404 });
  }
  const headers: Record<string, string> = {
    'accept-ranges': 'bytes',
    'content-type': contentType,
    'cache-control': 'private, max-age=3600',
    ...extraHeaders,
  };
  const range = rangeHeader ? parseRange(rangeHeader, size) : null;
  if (range === 'unsatisfiable') {
    return new Response(null, { status: 416, headers: { ...headers, 'content-range': `bytes */${size}` } });
  }
  const [start, end] = range ?? [0, size - 1];
  const body = size === 0 ? null : (Readable.toWeb(fs.createReadStream(file, { start, end })) as ReadableStream);
  headers['content-length'] = String(size === 0 ? 0 : end - start + 1);
  if (range) headers['content-range'] = `bytes ${start}-${end}/${size}`;
  return new Response(body, { status: range ? 206 : 200, headers });
}

/** One `bytes=` range (the only kind browsers send for media); multi-range falls back to 200. */
export function parseRange(header: string, size: number): [number, number] | 'unsatisfiable' | null {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match || (match[1] === '' && match[2] === '')) return null;
  let start: number;
  let end: number;
  if (match[1] === '') {
    start = Math.max(0, size - Number(match[2]));
    end = size - 1;
  } else {
    start = Number(match[1]);
    end = match[2] === '' ? size - 1 : Math.min(Number(match[2]), size - 1);
  }
  if (start >= size || start > end) return 'unsatisfiable';
  return [start, end];
}

/** A Content-Disposition that downloads under the uploaded name (RFC 6266, with an ASCII fallback). */
export function attachment(filename: string) {
  const ascii = filename.replace(/[^\x20-\x7e]|["\\]/g, '_');
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)}`;
}

export function videoContentType(filename: string) {
  const ext = filename.toLowerCase().split('.').pop();
  if (ext === 'webm') return 'video/webm';
  if (ext === 'mov') return 'video/quicktime';
  if (ext === 'm4v') return 'video/x-m4v';
  return 'video/mp4';
}
