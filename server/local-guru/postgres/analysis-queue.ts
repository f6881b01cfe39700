/**
 * The local Guru's analyses queued in PostgreSQL through pg-boss, so any number of processes
 * (web servers working in-process, `npm run worker` on other machines) share them. A job names a
 * video and its analysis run; the outcome is recorded once (VideoStore.recordAnalysis). A job still
 * active `timeoutSeconds` after it started (its worker was killed, or hung) is retried by another.
 */
import PgBoss from 'pg-boss';
import type { Analyzer } from '../../analysis/types.ts';
import { createPool, quoteIdent, type Db } from '../../lib/postgres.ts';
import { analyseVideo, recordCrash, type AnalysisQueue } from '../analysis-jobs.ts';
import { runOf, type VideoStore } from '../video-store.ts';

const QUEUE = 'local-guru-analysis';
/** Where pg-boss moves a job whose every try was lost: its video is recorded as Failed. */
const GAVE_UP = 'local-guru-analysis-gave-up';

interface JobData {
  id: string;
  run: number;
}

export interface PgAnalysisQueueOptions {
  url: string;
  store: VideoStore;
  /** A job not finished this long after it started is taken back and retried. */
  timeoutSeconds: number;
  /** Analyses this process runs at once; 0 only queues them (a web-only server). */
  slots: number;
  analyze?: Analyzer;
  /** Retries of a job after its first try is lost (a killed worker, a database error mid-job); default 3. */
  retries?: number;
  /** pg-boss's own schema; default pgboss. */
  schema?: string;
}

/** pg-boss's setup can deadlock when several processes start at once: they take turns. */
async function setUp(db: Db, schema: string, work: () => Promise<void>) {
  const lock = `${schema}:replens:queue-setup`;
  const client = await db.connect();
  try {
    await client.query('SELECT pg_advisory_lock(hashtext($1))', [lock]);
    await work();
  } finally {
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', [lock]).catch(() => {});
    client.release();
  }
}

export async function openPgAnalysisQueue(options: PgAnalysisQueueOptions): Promise<AnalysisQueue> {
  const { store, slots } = options;
  const schema = options.schema ?? 'pgboss';
  const jobs = `${quoteIdent(schema)}.job`;
  const boss = new PgBoss({
    connectionString: options.url,
    schema,
    max: 2 + slots,
    schedule: false,
    // Expired jobs are found by this sweep, so it runs several times per timeout.
    maintenanceIntervalSeconds: Math.max(1, Math.min(60, Math.floor(options.timeoutSeconds / 4))),
  });
  boss.on('error', (error) => console.error(`[local-guru] job queue: ${error.message}`));
  const db = createPool(options.url, { max: 2 }, 'local-guru');
  try {
    await setUp(db, schema, async () => {
      await boss.start();
      await boss.createQueue(GAVE_UP);
      await boss.createQueue(QUEUE);
    });
  } catch (error) {
    await db.end();
    throw error;
  }
  const shutdown = new AbortController();
  const running = new Set<Promise<unknown>>();

  const idle = async () => {
    while (running.size) await Promise.allSettled([...running]);
  };
  const send = (id: string, run: number) =>
    boss.send(QUEUE, { id, run } satisfies JobData, {
      retryLimit: options.retries ?? 3,
      retryDelay: 0,
      expireInSeconds: options.timeoutSeconds,
      deadLetter: GAVE_UP,
    });

  if (slots > 0) {
    const analyze = options.analyze;
    if (!analyze) throw new Error('a queue that works jobs needs `analyze`');
    // One poller per slot, each taking one job at a time.
    for (let i = 0; i < slots; i++) {
      await boss.work<JobData>(QUEUE, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
        // pg-boss gives up on a handler at the timeout and the job is retried: stop its analysis too.
        const signal = AbortSignal.any([shutdown.signal, AbortSignal.timeout(options.timeoutSeconds * 1000)]);
        const work = analyseVideo(store, analyze, job.data.id, job.data.run, signal);
        running.add(work);
        try {
          await work;
        } finally {
          running.delete(work);
        }
      });
    }
    // A video that kills every worker that tries it (or outlasts every timeout) ends Failed, not Pending forever.
    await boss.work<JobData>(GAVE_UP, { batchSize: 1, pollingIntervalSeconds: 5 }, async ([job]) => {
      if (await recordCrash(store, job.data.id, job.data.run)) console.error(`[local-guru] gave up analysing ${job.data.id}: every try was lost`);
    });
  }

  return {
    async start(id) {
      const record = await store.get(id);
      if (record) await send(id, runOf(record));
    },
    async setsAhead(id) {
      // Running jobs plus those waiting that were queued earlier, as the queue's own table says.
      const { rows } = await db.query<{ ahead: number | null }>(
        `WITH me AS (SELECT created_on, state FROM ${jobs}
                      WHERE name = $1 AND data->>'id' = $2 AND state < 'completed' ORDER BY created_on DESC LIMIT 1)
         SELECT CASE WHEN me.state = 'active' THEN NULL ELSE
           (SELECT count(*) FROM ${jobs} j WHERE j.name = $1
              AND (j.state = 'active' OR (j.state < 'active' AND j.created_on < me.created_on))) END AS ahead
         FROM me`,
        [QUEUE, id],
      );
      return rows[0]?.ahead ?? null;
    },
    async resume() {
      // A video uploaded just before a crash may have no job yet: queue the ones without one.
      for (const r of await store.unfinished()) {
        if (r.analysis.status !== 'Pending') continue;
        const { rowCount } = await db.query(
          `SELECT 1 FROM ${jobs} WHERE name = $1 AND data->>'id' = $2 AND (data->>'run')::int = $3 AND state < 'completed'`,
          [QUEUE, r.id, runOf(r)],
        );
        if (!rowCount) await send(r.id, runOf(r));
      }
    },
    idle,
    async close() {
      // Analyses cut short record nothing and fail their jobs, which another worker retries at once.
      shutdown.abort();
      await idle();
      await boss.stop({ graceful: true, wait: true, timeout: 10_000 });
      await db.end();
    },
  };
}
