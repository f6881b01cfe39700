import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AnalysisOutcome, Analyzer } from '../../analysis/types.ts';
import { freshSchema, notePostgresSkipped, TEST_DATABASE_URL } from '../../lib/test-postgres.ts';
import type { AnalysisQueue } from '../analysis-jobs.ts';
import type { VideoRecord, VideoStore } from '../video-store.ts';
import { openPgAnalysisQueue } from './analysis-queue.ts';
import { openPostgresVideoStore } from './video-store.ts';

notePostgresSkipped();

const outcome: AnalysisOutcome = {
  status: 'Complete', domain: 'weightlifting', activity: 'squat', view: 'side', fps: 30, width: 64, height: 48, durationMs: 1000,
  reps: [], jointToPoints: {},
};

const uploaded = (id: string): VideoRecord => ({
  id, filename: 'set.mp4', size: 1, source: null, domain: 'weightlifting', activity: 'squat', repCount: null,
  createdAt: new Date().toISOString(), status: 'Success', uploadedBytes: 1,
  analysis: { status: 'Pending', reason: null, domain: 'weightlifting', activity: 'squat', reps: [] },
  fps: null, width: null, height: null, durationMs: null,
});

describe.skipIf(!TEST_DATABASE_URL)('analysis jobs on the PostgreSQL queue (pg-boss)', () => {
  let root: string;
  let schema: string;
  let drop: (...more: string[]) => Promise<void>;
  const opened: { close(): Promise<void> }[] = [];
  const bossSchema = () => `${schema}_boss`;

  async function open(analyze: Analyzer | undefined, slots: number, timeoutSeconds = 30, retries?: number) {
    const store = await openPostgresVideoStore(TEST_DATABASE_URL!, root, { schema, max: 3 });
    const jobs = await openPgAnalysisQueue({ url: TEST_DATABASE_URL!, store, analyze, slots, timeoutSeconds, retries, schema: bossSchema() });
    opened.push(jobs, store);
    return { store, jobs };
  }

  async function outcomes() {
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    try {
      return (await client.query<{ video_id: string }>(`SELECT video_id FROM ${schema}.analysis_outcomes ORDER BY video_id`)).rows.map((r) => r.video_id);
    } finally {
      await client.end();
    }
  }

  const upload = async (store: VideoStore, jobs: AnalysisQueue, id: string) => {
    await store.save(uploaded(id));
    await jobs.start(id);
  };

  beforeEach(async () => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'pg-queue-'));
    ({ schema, drop } = await freshSchema());
  });
  afterEach(async () => {
    for (const o of opened.splice(0).reverse()) await o.close();
    await drop(bossSchema());
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('sets itself up when several processes start at once', async () => {
    const all = await Promise.all([0, 1, 2, 3].map((i) => open(i % 2 ? async () => outcome : undefined, i % 2)));
    await upload(all[0].store, all[0].jobs, 'v1');
    await vi.waitFor(async () => expect(await outcomes()).toEqual(['v1']), { timeout: 10_000 });
  });

  it('shares the jobs between processes, reports the queue position, and records each outcome once', async () => {
    const web = await open(undefined, 0); // a web-only server: queues, never analyses
    const gates: (() => void)[] = [];
    const analysed: string[] = [];
    const worker = (name: string): Analyzer => (file) =>
      new Promise((resolve) => gates.push(() => (analysed.push(`${name}:${path.basename(file)}`), resolve(outcome))));
    await open(worker('a'), 1);
    await open(worker('b'), 1);
    for (const id of ['v1', 'v2', 'v3', 'v4']) await upload(web.store, web.jobs, id);
    await vi.waitFor(() => expect(gates).toHaveLength(2), { timeout: 10_000 });
    // Two running; the other two wait behind them, in order.
    const ahead = await Promise.all(['v1', 'v2', 'v3', 'v4'].map((id) => web.jobs.setsAhead(id)));
    expect(ahead.filter((a) => a === null)).toHaveLength(2);
    expect(ahead.filter((a) => a !== null).sort()).toEqual([2, 3]);
    while (analysed.length < 4) {
      await vi.waitFor(() => expect(gates.length).toBeGreaterThan(analysed.length), { timeout: 10_000 });
      gates[analysed.length]();
    }
    await vi.waitFor(async () => expect(await outcomes()).toEqual(['v1', 'v2', 'v3', 'v4']), { timeout: 10_000 });
    expect(new Set(analysed.map((a) => a.split(':')[0]))).toEqual(new Set(['a', 'b']));
    expect((await web.store.get('v3'))?.analysis.status).toBe('Complete');
    expect(await web.jobs.setsAhead('v3')).toBeNull();
  });

  it('retries a job whose worker stopped answering, and records it once even when that worker finishes late', async () => {
    let finishLate: (() => void) | undefined;
    // Its first analysis hangs (ignoring the abort, as a wedged process would); any later one answers.
    const hangsOnce: Analyzer = async () => (finishLate ? outcome : new Promise((resolve) => (finishLate = () => resolve(outcome))));
    const stuck = await open(hangsOnce, 1, 2);
    await upload(stuck.store, stuck.jobs, 'v1');
    await vi.waitFor(() => expect(finishLate).toBeTypeOf('function'), { timeout: 10_000 });
    const rescuer = await open(async () => outcome, 1, 2);
    // After the 2 s timeout the job is taken back and the other worker does it.
    await vi.waitFor(async () => expect(await outcomes()).toEqual(['v1']), { timeout: 15_000, interval: 250 });
    finishLate!();
    await stuck.jobs.idle();
    expect(await outcomes()).toEqual(['v1']);
    expect((await rescuer.store.get('v1'))?.analysis.status).toBe('Complete');
  });

  it('records a video as Failed once every try of its job was lost, rather than leaving it Pending', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const hung: (() => void)[] = [];
    // Hangs past the timeout, ignoring the abort, as a video that wedges the engine would.
    const wedged = await open(() => new Promise((resolve) => hung.push(() => resolve(outcome))), 1, 2, 0);
    await upload(wedged.store, wedged.jobs, 'v1');
    await vi.waitFor(() => expect(hung).toHaveLength(1), { timeout: 10_000 });
    await vi.waitFor(async () => expect((await wedged.store.get('v1'))?.analysis).toMatchObject({ status: 'Failed', reason: 'INTERNAL_ERROR' }), {
      timeout: 20_000,
      interval: 250,
    });
    expect(await outcomes()).toEqual(['v1']);
    expect(errors.mock.calls.flat().join(' ')).toContain('gave up analysing v1');
    errors.mockRestore();
    // Coming back at last, it records nothing more.
    for (const release of hung) release();
    await wedged.jobs.idle();
    expect(await outcomes()).toEqual(['v1']);
  });

  it('hands a job back at once when its server stops mid-analysis, recording nothing', async () => {
    let started = false;
    const abortable: Analyzer = (_file, { signal }) =>
      new Promise((_resolve, reject) => {
        started = true;
        signal?.addEventListener('abort', () => reject(signal.reason));
      });
    const stopping = await open(abortable, 1);
    await upload(stopping.store, stopping.jobs, 'v1');
    await vi.waitFor(() => expect(started).toBe(true), { timeout: 10_000 });
    opened.splice(opened.indexOf(stopping.jobs), 1);
    await stopping.jobs.close();
    const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
    await client.connect();
    const { rows } = await client.query(`SELECT state FROM ${bossSchema()}.job WHERE data->>'id' = 'v1'`);
    await client.end();
    expect(rows).toEqual([{ state: 'retry' }]);
    expect(await outcomes()).toEqual([]);
    expect((await stopping.store.get('v1'))?.analysis.status).toBe('Pending');
  });

  it('queues at start the uploaded videos that have no job (a crash between upload and queueing)', async () => {
    const web = await open(undefined, 0);
    await web.store.save(uploaded('orphan'));
    await web.jobs.resume();
    await web.jobs.resume(); // a second server starting: nothing more is queued
    await open(async () => outcome, 1);
    await vi.waitFor(async () => expect(await outcomes()).toEqual(['orphan']), { timeout: 10_000 });
  });
});
