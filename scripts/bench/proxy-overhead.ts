/**
 * Proxy overhead: the same Guru call made directly to a local Guru process and through a RepLens
 * proxy process pointed at it, under 50 concurrent connections. Rounds alternate so machine noise
 * hits both sides alike; the ratio of medians is the number to watch.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startProcess } from '../start-process.ts';
import { median, percentile } from './stats.ts';

const CONCURRENCY = 50;
const REQUESTS_PER_ROUND = 3000;
const ROUNDS = 3;

async function load(url: string, headers: Record<string, string>) {
  const latencies: number[] = [];
  let errors = 0;
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next++ < REQUESTS_PER_ROUND) {
        const t = performance.now();
        const res = await fetch(url, { headers }).catch(() => null);
        if (!res?.ok) errors++;
        await res?.arrayBuffer();
        latencies.push(performance.now() - t);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { median: median(latencies), p95: percentile(latencies, 95), rps: latencies.length / seconds, errors };
}

export async function benchProxy() {
  // Loopback is the worst case (the proxy's CPU is all there is to see); 40 ms stands for the
  // network distance to the cloud Guru that a real deployment has.
  return [await benchProxyAt(0), await benchProxyAt(40)];
}

async function benchProxyAt(latencyMs: number) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replens-bench-proxy-'));
  const clientId = 'bench-client';
  const clientSecret = 'bench-secret-0123456789abcdef';
  const guru = await startProcess('server/local-guru/main.ts', {
    PORT: '0',
    DATA_DIR: path.join(dir, 'guru'),
    LOCAL_GURU_CLIENT_ID: clientId,
    LOCAL_GURU_CLIENT_SECRET: clientSecret,
    LOCAL_GURU_LATENCY_MS: String(latencyMs),
  });
  const proxy = await startProcess('server/main.ts', {
    PORT: '0',
    DATA_DIR: path.join(dir, 'proxy'),
    GURU_CLIENT_ID: clientId,
    GURU_CLIENT_SECRET: clientSecret,
    GURU_AUTH_URL: `${guru.url}/oauth/token`,
    GURU_API_URL: guru.url,
  });
  try {
    const created = await fetch(`${proxy.url}/api/videos`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ athlete: 'Bench', filename: 'b.mp4', size: 1000, domain: 'weightlifting', activity: 'squat' }),
    }).then((r) => r.json() as Promise<{ id: string }>);
    const token = await fetch(`${guru.url}/oauth/token`, {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: clientId, client_secret: clientSecret }),
    }).then((r) => r.json() as Promise<{ access_token: string }>);

    const direct = `${guru.url}/videos/${created.id}/analysis`;
    const through = `${proxy.url}/api/videos/${created.id}/analysis`;
    await load(direct, { authorization: `Bearer ${token.access_token}` }); // warm-up
    await load(through, {});
    const d: Awaited<ReturnType<typeof load>>[] = [];
    const p: Awaited<ReturnType<typeof load>>[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      d.push(await load(direct, { authorization: `Bearer ${token.access_token}` }));
      p.push(await load(through, {}));
    }
    const m = (xs: typeof d, k: 'median' | 'p95' | 'rps') => median(xs.map((x) => x[k]));
    return {
      title: `Proxy overhead, Guru ${latencyMs ? `${latencyMs} ms away` : 'on loopback'} (GET analysis, ${CONCURRENCY} concurrent, ${ROUNDS}×${REQUESTS_PER_ROUND} requests each)`,
      rows: [
        ['direct to local Guru', `${m(d, 'median').toFixed(1)} ms`, `${m(d, 'p95').toFixed(1)} ms`, `${m(d, 'rps').toFixed(0)} req/s`, String(d.reduce((s, x) => s + x.errors, 0))],
        ['through the proxy', `${m(p, 'median').toFixed(1)} ms`, `${m(p, 'p95').toFixed(1)} ms`, `${m(p, 'rps').toFixed(0)} req/s`, String(p.reduce((s, x) => s + x.errors, 0))],
        ['ratio (goal <= 1.2x)', `${(m(p, 'median') / m(d, 'median')).toFixed(2)}x`, `${(m(p, 'p95') / m(d, 'p95')).toFixed(2)}x`, `${(m(p, 'rps') / m(d, 'rps')).toFixed(2)}x`, ''],
      ],
      header: ['', 'median', 'p95', 'throughput', 'errors'],
    };
  } finally {
    await proxy.stop();
    await guru.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
