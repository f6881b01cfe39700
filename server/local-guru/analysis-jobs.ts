/** Runs an analysis for each uploaded video, off the request path, and records the outcome. */
import type { Analyzer } from '../analysis/types.ts';
import type { VideoStore } from './video-store.ts';

/**
 * `slots` analyses run at once (one per pool worker); the rest wait in order, so each waiting video
 * knows how many sets are ahead of it.
 */
export function createAnalysisJobs(store: VideoStore, analyze: Analyzer, slots = 2) {
  const running = new Map<string, Promise<void>>();
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
  /** Per video, the latest analysis asked for: an older one still running never writes its outcome. */
  const generation = new Map<string, number>();

  function start(id: string) {
    const record = store.get(id);
    if (!record) return;
    const run = (generation.get(id) ?? 0) + 1;
    generation.set(id, run);
    const current = () => generation.get(id) === run;
    const previous = running.get(id) ?? Promise.resolve();
    // One analysis per video at a time: a re-analysis waits for the one it replaces.
    const job = previous
      .then(async () => {
        if (!current()) return null;
        await slot(id);
        try {
          return current() ? await analyze(store.filePath(id), { domain: record.domain, activity: record.activity }) : null;
        } finally {
          release();
        }
      })
      .then((outcome) => {
        if (!outcome || !current()) return;
        store.saveJoints(id, { jointToPoints: outcome.jointToPoints });
        store.update(id, (r) => {
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
      })
      .catch((error: unknown) => {
        if (!current()) return;
        console.error(`[local-guru] analysis of ${id} crashed:`, error);
        store.update(id, (r) => {
          r.analysis = { ...r.analysis, status: 'Failed', reason: 'INTERNAL_ERROR' };
        });
      })
      .finally(() => {
        if (running.get(id) === job) running.delete(id);
      });
    running.set(id, job);
  }

  return {
    start,
    /** Sets that will be analysed before this one starts (RepLens's `queuePosition`); null once it runs. */
    setsAhead(id: string): number | null {
      const at = queue.findIndex((q) => q.id === id);
      return at < 0 ? null : busy + at;
    },
    /** A corrected activity: the set is analysed again as that activity (Pending until done). */
    restart(id: string) {
      store.update(id, (r) => {
        r.analysis = { status: 'Pending', reason: null, domain: r.domain, activity: r.activity, view: null, reps: [] };
      });
      start(id);
    },
    /** After a restart: analyse every uploaded video whose analysis never finished. */
    resume() {
      for (const r of store.all()) if (r.status === 'Success' && r.analysis.status === 'Pending') start(r.id);
    },
    /** Resolves when no analysis is running (tests, shutdown). */
    async idle() {
      while (running.size) await Promise.allSettled([...running.values()]);
    },
  };
}
