/**
 * Analysis throughput on PostgreSQL with 1 vs 2 `npm run worker` processes (one analysis thread
 * each) behind one web-only RepLens server, on a throwaway PostgreSQL: N uploads of one clip, timed
 * from the first upload until every analysis is recorded. BENCH_WORKERS_UPLOADS sets N (default 8).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { generateVideo } from '../fixtures/generate.ts';
import { uploadViaApi } from '../replens-api.ts';
import { startProcess } from '../start-process.ts';
import { startThrowawayPostgres } from './throwaway-postgres.ts';

interface Table {
  title: string;
  header: string[];
  rows: string[][];
}

const log = (msg: string) => process.stderr.write(`[bench analysis workers] ${msg}\n`);

async function timeRun(baseUrl: string, clip: string, workers: number, uploads: number, dir: string) {
  const url = new URL(baseUrl);
  url.pathname = `/replens_workers_${workers}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE replens_workers_${workers}`);
  await admin.end();
  const env = { DATA_DIR: path.join(dir, `data-${workers}`), DATABASE_URL: url.href, ANALYSIS_THREADS: '1' };
  const server = await startProcess('server/main.ts', { ...env, PORT: '0', ANALYSIS_IN_PROCESS: 'false' });
  const started = await Promise.all(
    Array.from({ length: workers }, () => startProcess('server/worker-main.ts', env, /Analysis worker is (running)/)),
  );
  const db = new pg.Client({ connectionString: url.href });
  await db.connect();
  try {
    const t0 = performance.now();
    for (let i = 0; i < uploads; i++) await uploadViaApi(server.url, clip, { athlete: `Bench ${i}` });
    for (;;) {
      const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM local_guru.videos WHERE record->'analysis'->>'status' <> 'Pending'`);
      if (rows[0].n >= uploads) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    return performance.now() - t0;
  } finally {
    await db.end();
    await Promise.all([server, ...started].map((p) => p.stop()));
  }
}

export async function benchAnalysisWorkers(): Promise<Table> {
  const title = 'Analysis throughput on PostgreSQL: worker processes (one analysis thread each)';
  const header = ['worker processes', 'uploads', 'wall time', 'videos/min', 'vs 1 worker'];
  const postgres = await startThrowawayPostgres();
  if (!postgres) return { title: `${title} (skipped: no PostgreSQL binaries; set PG_BIN)`, header, rows: [] };
  const dir = await mkdtemp(path.join(tmpdir(), 'replens-bench-workers-'));
  try {
    const uploads = Number(process.env.BENCH_WORKERS_UPLOADS ?? 8);
    const clip = path.join(dir, 'squat.mp4');
    const truth = await generateVideo({ outPath: clip, activity: 'squat', reps: 3 });
    log(`${uploads} uploads of a ${(truth.durationMs / 1000).toFixed(1)} s 640x480 squat clip, with 1 then 2 workers`);
    const rows: string[][] = [];
    let one = NaN;
    for (const workers of [1, 2]) {
      const ms = await timeRun(postgres.url, clip, workers, uploads, dir);
      const perMin = uploads / (ms / 60_000);
      if (workers === 1) one = perMin;
      rows.push([String(workers), String(uploads), `${(ms / 1000).toFixed(1)} s`, perMin.toFixed(1), `${(perMin / one).toFixed(2)}x`]);
      log(`${workers} worker(s): ${(ms / 1000).toFixed(1)} s`);
    }
    return { title: `${title}, ${truth.reps.length}-rep ${(truth.durationMs / 1000).toFixed(1)} s clip`, header, rows };
  } finally {
    postgres.stop();
    await rm(dir, { recursive: true, force: true });
  }
}
