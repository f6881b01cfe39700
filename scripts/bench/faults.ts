/**
 * Faults and heavy reads against a real RepLens process, each with "nothing lost" checked: one
 * signed form posted five times at once, a form issued before a restart used after it, kill -9 at
 * each stage and corrupt records at start (crashes.ts), and six concurrent reads of an 18-minute
 * video's joint data (~30 MB of JSON each) while /api/health is polled every 50 ms.
 * BENCH_FAULTS_ONLY=uploads,kills,corrupt,j2p runs only those parts.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { JOINTS } from '../../src/contract/guru.ts';
import { createSession, postForm } from '../replens-api.ts';
import { corruptRecords, killAtEachStage } from './crashes.ts';
import { sameBytes, startFaultServer, storedBytes } from './fault-server.ts';
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
  let seeded = { id: '', bytes: 0 };
  const server = await startFaultServer((dataDir) => (seeded = seedLongVideo(dataDir)));
  const { id, bytes } = seeded;
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
    // The server's peak resident memory since it started (Linux).
    const peak = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1];
    return {
      title: `Faults: ${READERS} concurrent j2p reads of a ${MINUTES}-minute video (${(bytes / 2 ** 20).toFixed(1)} MB of JSON each)`,
      header: ['reads ok', 'encoding', 'all reads done', 'health median', 'health p95', 'health max', 'health samples', 'server peak RSS'],
      rows: [[
        `${reads.filter((r) => r.ok && r.bytes > 0).length}/${READERS}`,
        reads[0].encoding,
        `${(elapsed / 1000).toFixed(1)} s`,
        `${median(health).toFixed(0)} ms`,
        `${percentile(health, 95).toFixed(0)} ms`,
        `${Math.max(...health).toFixed(0)} ms`,
        String(health.length),
        peak ? `${Math.round(Number(peak) / 1024)} MB` : '?',
      ]],
    };
  } finally {
    await server.dispose();
  }
}

async function uploadFaults() {
  const server = await startFaultServer();
  const rows: string[][] = [];
  try {
    const size = 256 * 1024;
    const duplicate = await createSession(server.url, 'set.mp4', size, { athlete: 'Bench' });
    const bodies = Array.from({ length: 5 }, () => new Uint8Array(randomBytes(size)));
    const statuses = await Promise.all(bodies.map((b) => postForm(duplicate, b).catch(() => 0)));
    const winner = statuses.indexOf(204);
    const kept = winner >= 0 && sameBytes(await storedBytes(server.url, duplicate.id), bodies[winner]);
    rows.push(['one form posted 5 times at once', statuses.join(' '), kept ? 'yes: the 204 body is the stored file' : 'NO']);

    const outstanding = await createSession(server.url, 'set.mp4', size, { athlete: 'Bench' });
    await server.stop();
    await server.start();
    const bytes = new Uint8Array(randomBytes(size));
    const status = await postForm(outstanding, bytes).catch(() => 0);
    rows.push(['form issued before a restart, used after', String(status), sameBytes(await storedBytes(server.url, outstanding.id), bytes) ? 'yes' : 'NO']);
  } finally {
    await server.dispose();
  }
  return { title: 'Faults: uploads', header: ['case', 'statuses', 'nothing lost'], rows };
}

const PARTS = { uploads: uploadFaults, kills: killAtEachStage, corrupt: corruptRecords, j2p: heavyJ2pReads };

export async function benchFaults() {
  const only = process.env.BENCH_FAULTS_ONLY?.split(',');
  const tables = [];
  for (const [name, run] of Object.entries(PARTS)) if (!only || only.includes(name)) tables.push(await run());
  return tables;
}
