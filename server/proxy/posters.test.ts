/** Poster frames cut by the real ffmpeg from a video served over loopback HTTP. */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createPosterStore } from './posters.ts';

let dir: string;
let server: http.Server;
let url: string;
let hits = 0;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replens-posters-'));
  server = http.createServer((_req, res) => {
    hits++;
    res.end(Buffer.from('not a video at all, just bytes'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/video.mp4`;
});
afterAll(() => {
  server.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('remembers a video no frame can be cut from, across restarts, until it is removed', async () => {
  const posters = createPosterStore(dir);
  expect(await posters.make('v1', url)).toBeNull();
  expect(hits).toBeGreaterThan(0);
  expect(posters.failed('v1')).toBe(true);
  expect(createPosterStore(dir).failed('v1')).toBe(true);
  posters.remove('v1');
  expect(posters.failed('v1')).toBe(false);
});
