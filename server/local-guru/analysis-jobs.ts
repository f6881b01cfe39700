/**
 * Runs an analysis for each uploaded video, off the request path, and records the outcome once.
 * `AnalysisQueue` is where analyses wait: in this process (the embedded default) or in PostgreSQL
 * (postgres/analysis-queue.ts, worked by any number of `npm run worker` processes).
 */
import type { Analyzer } from '../analysis/types.ts';
import { awaitsOutcome, runOf, type VideoStore } from './video-store.ts';

export interface AnalysisQueue {
  /** Queues the video's current analysis run. */
  start(id: string): Promise<void>;
  /** Sets that will be analysed before this one starts (RepLens's `queuePosition`); null once it runs. */
  setsAhead(id: string): Promise<number | null>;
  /** After a restart: queue every uploaded video whose analysis never finished. */
  resume(): Promise<void>;
  /** Resolves when no analysis is running here (tests, shutdown). */
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** A corrected activity: the set is analysed again as that activity, as a new run (Pending until done). */
export async function restartAnalysis(store: VideoStore, jobs: AnalysisQueue, id: string) {
  await store.update(id, (r) => {
    r.analysisRun = runOf(r) + 1;
    r.analysis = { status: 'Pending', reason: null, domain: r.domain, activity: r.activity, view: null, reps: [] };
  });
  await jobs.start(id);
}

/**
 * Analyses run `run` of a video and records its outcome, unless the run is no longer wanted (a
 * newer run replaced it, or its outcome is already recorded: a retried job after a lost worker).
 * False if there was nothing to do. `signal` aborts it on shutdown, recording nothing.
 */
export async function analyseVideo(store: VideoStore, analyze: Analyzer, id: string, run: number, signal?: AbortSignal): Promise<boolean> {
  const record = await store.get(id);
  if (!awaitsOutcome(record, run)) return false;
  try {
    const outcome = await analyze(store.filePath(id), { domain: record!.domain, activity: record!.activity, signal });
    // Joint data first, so a recorded outcome always has it; a stale run must not overwrite a newer one's.
    if (!awaitsOutcome(await store.get(id), run)) return false;
    const { jointToPoints, followedJoint } = outcome;
    store.saveJoints(id, followedJoint ? { jointToPoints, followedJoint } : { jointToPoints });
    return await store.recordAnalysis(id, run, (r) => {
      r.analysis = {
        status: outcome.status,
        // A finished analysis with no reps says so, rather than looking like a success.
        reason: outcome.reason ?? (outcome.status === 'Complete' && outcome.reps.length === 0 ? 'NO_REPS_DETECTED' : null),
        domain: outcome.domain,
        activity: outcome.activity,
        view: outcome.view,
        reps: outcome.reps,
      };
      r.fps = outcome.fps || null;
      r.width = outcome.width || null;
      r.height = outcome.height || null;
      r.durationMs = outcome.durationMs || null;
    });
  } catch (error) {
    // Stopped (a shutdown, the job's timeout), not failed: the job is retried.
    if (signal?.aborted) throw error;
    console.error(`[local-guru] analysis of ${id} crashed:`, error);
    return recordCrash(store, id, run);
  }
}

/** Records that run `run` of a video could not be analysed (the engine crashed, or every try was lost). */
export const recordCrash = (store: VideoStore, id: string, run: number, by?: string) =>
  store.recordAnalysis(
    id,
    run,
    (r) => {
      r.analysis = { ...r.analysis, status: 'Failed', reason: 'INTERNAL_ERROR' };
    },
    by,
  );

/**
 * The embedded queue: `slots` analyses run at once (one per pool worker); the rest wait in order,
 * so each waiting video knows how many sets are ahead of it.
 */
export function createAnalysisJobs(store: VideoStore, analyze: Analyzer, slots = 2): AnalysisQueue {
  const running = new Map<string, Promise<unknown>>();
  const queue: { id: string; go: () => void }[] = [];
  let busy = 0;

  function slot(id: string): Promise<void> {
    if (busy < slots) {
      busy++;
      return Promise.resolve();
    }
    return new Promise((go) => queue.push({ id, go }));
  }
  function release() {
    const next = queue.shift();
    if (next) next.go();
    else busy--;
  }

  async function start(id: string) {
    const record = await store.get(id);
    if (!record) return;
    const run = runOf(record);
    const previous = running.get(id) ?? Promise.resolve();
    // One analysis per video at a time: a re-analysis waits for the one it replaces.
    const job = previous
      .then(async () => {
        if (!awaitsOutcome(await store.get(id), run)) return;
        await slot(id);
        try {
          await analyseVideo(store, analyze, id, run);
        } finally {
          release();
        }
      })
      .catch((error: unknown) => console.error(`[local-guru] could not record the analysis of ${id}:`, error))
      .finally(() => {
        if (running.get(id) === job) running.delete(id);
      });
    running.set(id, job);
  }

  return {
    start,
    async setsAhead(id) {
      const at = queue.findIndex((q) => q.id === id);
      return at < 0 ? null : busy + at;
    },
    async resume() {
      for (const r of await store.unfinished()) if (r.analysis.status === 'Pending') await start(r.id);
    },
    async idle() {
      while (running.size) await Promise.allSettled([...running.values()]);
    },
    async close() {},
  };
}
