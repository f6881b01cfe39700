/**
 * Library list latency at 10,000 sessions on each backend (SQLite in a temp DATA_DIR, PostgreSQL
 * at BENCH_DATABASE_URL or TEST_DATABASE_URL in a fresh schema, else a throwaway local cluster):
 * the queries the library page makes, each timed in sequence through the LibraryStore.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openSqliteLibrary } from '../../server/proxy/library.ts';
import type { LibraryStore } from '../../server/proxy/library-store.ts';
import { openPostgresLibrary } from '../../server/proxy/postgres/library.ts';
import type { SessionListQuery } from '../../src/contract/api.ts';
import { median, percentile } from './stats.ts';
import { startThrowawayPostgres } from './throwaway-postgres.ts';

const SESSIONS = Number(process.env.BENCH_STORAGE_SESSIONS ?? 10_000);
const ATHLETES = 300;
const RUNS = 200;
const FILL_CONCURRENCY = 8;

const QUERIES: [string, (athleteId: number) => SessionListQuery][] = [
  ['newest 100 (library page)', () => ({})],
  ['needs review', () => ({ needsReview: true })],
  ['one athlete', (athleteId) => ({ athleteId })],
  ['search "ath 12"', () => ({ q: 'ath 12' })],
];

async function fill(library: LibraryStore) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: FILL_CONCURRENCY }, async () => {
      for (let i = next++; i < SESSIONS; i = next++) {
        await library.add({
          id: `bench-${i}`, athlete: `Athlete ${i % ATHLETES}`, filename: `set-${i}.mp4`, size: 1_000_000 + i,
          domain: 'weightlifting', activity: i % 3 ? 'squat' : 'deadlift', expectedReps: 5,
        });
        await library.update(`bench-${i}`, { status: 'Complete', repsFound: i % 7 ? 5 : 4 });
      }
    }),
  );
  return (performance.now() - started) / 1000;
}

async function measure(name: string, library: LibraryStore) {
  const fillSeconds = await fill(library);
  const athleteId = (await library.athletes.list())[0].id;
  const rows: string[][] = [];
  for (const [label, query] of QUERIES) {
    const times: number[] = [];
    for (let i = 0; i < RUNS + 10; i++) {
      const t = performance.now();
      await library.list(query(athleteId));
      if (i >= 10) times.push(performance.now() - t); // the first few warm caches and plans
    }
    rows.push([name, label, median(times).toFixed(2), percentile(times, 95).toFixed(2)]);
  }
  const times: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    await library.athletes.list();
    times.push(performance.now() - t);
  }
  rows.push([name, `athletes list (${ATHLETES})`, median(times).toFixed(2), percentile(times, 95).toFixed(2)]);
  rows.push([name, `fill: add + update x ${SESSIONS}, ${FILL_CONCURRENCY} at once`, `${fillSeconds.toFixed(1)} s`, '']);
  return rows;
}

async function onPostgres(url: string) {
  const schema = `bench_${randomBytes(4).toString('hex')}`;
  const library = await openPostgresLibrary(url, { schema });
  try {
    return await measure('postgres', library);
  } finally {
    await library.close();
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
}

export async function benchStorage() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replens-bench-storage-'));
  const rows: string[][] = [];
  const sqlite = openSqliteLibrary(dir);
  try {
    rows.push(...(await measure('sqlite', sqlite)));
  } finally {
    await sqlite.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const given = process.env.BENCH_DATABASE_URL || process.env.TEST_DATABASE_URL;
  const cluster = given ? undefined : await startThrowawayPostgres();
  try {
    const url = given ?? cluster?.url;
    if (url) rows.push(...(await onPostgres(url)));
    else rows.push(['postgres', 'skipped: no BENCH_DATABASE_URL and no PostgreSQL binaries to start one', '', '']);
  } finally {
    cluster?.stop();
  }
  return {
    title: `Library list at ${SESSIONS.toLocaleString('en')} sessions, ${ATHLETES} athletes (ms per call through the LibraryStore, ${RUNS} calls each, one at a time)`,
    header: ['backend', 'query', 'p50 ms', 'p95 ms'],
    rows,
  };
}
