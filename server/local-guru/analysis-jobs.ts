/** Runs an analysis for each uploaded video, off the request path, and records the outcome. */
import type { Analyzer } from '../analysis/types.ts';
import type { VideoStore } from './video-store.ts';

export function createAnalysisJobs(store: VideoStore, analyze: Analyzer) {
  const running = new Map<string, Promise<void>>();

  function start(id: string) {
    const record = store.get(id);
    if (!record || running.has(id)) return;
    const job = analyze(store.filePath(id), { domain: record.domain, activity: record.activity })
      .then((outcome) => {
        store.saveJoints(id, { jointToPoints: outcome.jointToPoints });
        store.update(id, (r) => {
          r.analysis = {
            status: outcome.status,
            // A finished analysis with no reps says so, rather than looking like a success.
            reason: outcome.reason ?? (outcome.status === 'Complete' && outcome.reps.length === 0 ? 'NO_REPS_DETECTED' : null),
            domain: outcome.domain,
            activity: outcome.activity,
            reps: outcome.reps,
          };
          r.fps = outcome.fps || null;
          r.width = outcome.width || null;
          r.height = outcome.height || null;
          r.durationMs = outcome.durationMs || null;
        });
      })
      .catch((error: unknown) => {
        console.error(`[local-guru] analysis of ${id} crashed:`, error);
        store.update(id, (r) => {
          r.analysis = { ...r.analysis, status: 'Failed', reason: 'INTERNAL_ERROR' };
        });
      })
      .finally(() => running.delete(id));
    running.set(id, job);
  }

  return {
    start,
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
