/**
 * Faults and heavy reads against a real RepLens process, each with "nothing lost" checked: one
 * signed form posted five times at once, a form issued before a restart used after it, and six
 * concurrent reads of an 18-minute video's joint data (~30 MB of JSON each) while /api/health is
 * polled every 50 ms.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { JOINTS } from '../../src/contract/guru.ts';
import { startProcess } from '../start-process.ts';
import { median, percentile } from './stats.ts';

const MINUTES = 18;
const FPS = 15;
const READERS = 6;

/** A finished local Guru record with MINUTES of joint data, written straight into DATA_DIR. */
function seedLongVideo(dataDir: string) {
  const id = randomUUID();
  const dir = path.join(dataDir, 'local-guru', 'videos');
  fs.mkdirSync(dir, { recursive: true });
  const frames = MINUTES * 60 * FPS;
  const jointToPoints = Object.fromEntries(
    JOINTS.map((part) => [
      part,
      Array.from({ length: frames }, (_, i) => ({
        frame_idx: i * 2,
        part,
        position: { x: Math.round(Math.random() * 1e4) / 1e4, y: Math.round(Math.random() * 1e4) / 1e4 },
        score: Math.round(Math.random() * 1e3) / 1e3,
        timestamp: Math.round((i / FPS) * 1e3) / 1e3,
      })),
    ]),
  );
  const j2p = JSON.stringify({ jointToPoints });
  fs.writeFileSync(path.join(dir, `${id}.j2p.json`), j2p);
  const analysis = { status: 'Complete', reason: null, domain: 'weightlifting', activity: 'squat', reps: [] };
  const record = {
    id, filename: 'long.mp4', size: 1, source: null, domain: 'weightlifting', activity: 'squat', repCount: null,
    createdAt: new Date().toISOString(), status: 'Success', uploadedBytes: 1, analysis,
    fps: 30, width: 1280, height: 720, durationMs: MINUTES * 60_000,
  };
  fs.writeFileSync(path.join(dir, `${id}.video.json`), JSON.stringify(record));
  return { id, bytes: j2p.length };
}

async function heavyJ2pReads() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'replens-bench-faults-'));
  const { id, bytes } = seedLongVideo(dataDir);
  const server = await startProcess('server/main.ts', { PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ANALYSIS_THREADS: '1' });
  try {
    const health: number[] = [];
    let reading = true;
    const poll = (async () => {
      while (reading) {
        const t = performance.now();
        await (await fetch(`${server.url}/api/health`)).arrayBuffer();
        health.push(performance.now() - t);
        await new Promise((r) => setTimeout(r, 50));
      }
    })();
    const started = performance.now();
    const reads = await Promise.all(
      Array.from({ length: READERS }, async () => {
        const res = await fetch(`${server.url}/api/videos/${id}/j2p`, { headers: { 'accept-encoding': 'gzip' } });
        const body = await res.arrayBuffer();
        return { ok: res.ok, encoding: res.headers.get('content-encoding') ?? 'none', bytes: body.byteLength };
      }),
    );
    const elapsed = performance.now() - started;
    reading = false;
    await poll;
    return {
      title: `Faults: ${READERS} concurrent j2p reads of a ${MINUTES}-minute video (${(bytes / 2 ** 20).toFixed(1)} MB of JSON each)`,
      header: ['reads ok', 'encoding', 'all reads done', 'health median', 'health p95', 'health max', 'health samples'],
      rows: [[
        `${reads.filter((r) => r.ok && r.bytes > 0).length}/${READERS}`,
        reads[0].encoding,
        `${(elapsed / 1000).toFixed(1)} s`,
        `${median(health).toFixed(0)} ms`,
        `${percentile(health, 95).toFixed(0)} ms`,
        `${Math.max(...health).toFixed(0)} ms`,
        String(health.length),
      ]],
    };
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

const freePort = () =>
  new Promise<string>((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(String(port)));
    });
  });

async function create(baseUrl: string, size: number) {
  const res = await fetch(`${baseUrl}/api/videos`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ athlete: 'Bench', filename: 'set.mp4', size, domain: 'weightlifting', activity: 'squat' }),
  });
  return (await res.json()) as { id: string; url: string; fields: Record<string, string> };
}

function post(form: { url: string; fields: Record<string, string> }, bytes: Uint8Array<ArrayBuffer>) {
  const body = new FormData();
  for (const [k, v] of Object.entries(form.fields)) body.append(k, v);
  body.append('file', new Blob([bytes]), 'set.mp4');
  return fetch(form.url, { method: 'POST', body }).then((r) => r.status, () => 0);
}

/** The stored file, read back through the video URL the dashboard would play. */
async function stored(baseUrl: string, id: string) {
  const { uri } = (await (await fetch(`${baseUrl}/api/videos/${id}`)).json()) as { uri?: string };
  return uri ? new Uint8Array(await (await fetch(uri)).arrayBuffer()) : undefined;
}

const same = (a: Uint8Array | undefined, b: Uint8Array) => a !== undefined && Buffer.compare(a, b) === 0;

async function uploadFaults() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'replens-bench-faults-'));
  const env = { PORT: await freePort(), HOST: '127.0.0.1', DATA_DIR: dataDir, ANALYSIS_THREADS: '1' };
  let server = await startProcess('server/main.ts', env);
  const rows: string[][] = [];
  try {
    const size = 256 * 1024;
    const duplicate = await create(server.url, size);
    const bodies = Array.from({ length: 5 }, () => new Uint8Array(randomBytes(size)));
    const statuses = await Promise.all(bodies.map((b) => post(duplicate, b)));
    const winner = statuses.indexOf(204);
    const kept = winner >= 0 && same(await stored(server.url, duplicate.id), bodies[winner]);
    rows.push(['one form posted 5 times at once', statuses.join(' '), kept ? 'yes: the 204 body is the stored file' : 'NO']);

    const outstanding = await create(server.url, size);
    await server.stop();
    server = await startProcess('server/main.ts', env);
    const bytes = new Uint8Array(randomBytes(size));
    const status = await post(outstanding, bytes);
    rows.push(['form issued before a restart, used after', String(status), same(await stored(server.url, outstanding.id), bytes) ? 'yes' : 'NO']);
  } finally {
    await server.stop();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  return { title: 'Faults: uploads', header: ['case', 'statuses', 'nothing lost'], rows };
}

export async function benchFaults() {
  return [await uploadFaults(), await heavyJ2pReads()];
}
