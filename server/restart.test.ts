/** What survives a restart over the same DATA_DIR and PORT: outstanding upload forms and video URLs. */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { AnalysisOutcome } from './analysis/types.ts';
import { loadConfig } from './config.ts';
import { startRepLens, type RepLens } from './start.ts';

const outcome: AnalysisOutcome = {
  status: 'Complete', domain: 'weightlifting', activity: 'squat', view: 'side', fps: 30, width: 640, height: 480, durationMs: 1000, reps: [], jointToPoints: {},
};

let dir: string;
let port: string;
let app: RepLens;

const freePort = () =>
  new Promise<string>((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(String(port)));
    });
  });

const start = async () => {
  app = await startRepLens(loadConfig({ PORT: port, DATA_DIR: dir }), { analyze: async () => outcome, distDir: dir });
};

async function create() {
  const res = await fetch(`${app.url}/api/videos`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ athlete: 'Ana', filename: 'set.mp4', size: 4, domain: 'weightlifting', activity: 'squat' }),
  });
  expect(res.status).toBe(201);
  return (await res.json()) as { id: string; url: string; fields: Record<string, string> };
}

function upload({ url, fields }: { url: string; fields: Record<string, string> }) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([Buffer.from('abcd')]), 'set.mp4');
  return fetch(url, { method: 'POST', body: form });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replens-restart-'));
  port = await freePort();
  await start();
});
afterAll(async () => {
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('keeps upload forms and video URLs issued before a restart working after it', async () => {
  const uploaded = await create();
  expect((await upload(uploaded)).status).toBe(204);
  // Until the local Guru has decided whether a playback copy is needed, `uri` is null.
  let uri: string | null = null;
  for (let i = 0; i < 100 && !uri; i++) {
    ({ uri } = (await (await fetch(`${app.url}/api/videos/${uploaded.id}`)).json()) as { uri: string | null });
    if (!uri) await new Promise((resolve) => setTimeout(resolve, 100));
  }
  if (!uri) throw new Error('the video never got a uri');
  const outstanding = await create();

  await app.close();
  // Let this test's fetch pool see its keep-alive sockets closed (a browser retries those itself).
  await new Promise((resolve) => setTimeout(resolve, 100));
  await start();

  expect((await upload(outstanding)).status).toBe(204);
  const media = await fetch(uri, { headers: { range: 'bytes=0-1' } });
  expect(media.status).toBe(206);
  expect(await media.text()).toBe('ab');
});
