/**
 * Keeping the library in step with Guru, off the request path. Guru has no list call, so sessions
 * still on their way (Uploading, Pending) are asked about in the background, each at most every
 * few seconds; every analysis answer the proxy sees is recorded; a session whose file never
 * arrived is marked failed after a while, and one Guru no longer has is marked so once.
 */
import type { AnalysisResponse } from '../../src/contract/guru.ts';
import { isLowConfidence } from '../../src/contract/measures.ts';
import { ProxyError } from './errors.ts';
import type { GuruClient } from './guru-client.ts';
import type { Library } from './library-store.ts';

export interface SessionSyncOptions {
  guru: Pick<GuruClient, 'getVideo' | 'getAnalysis'>;
  library: Library;
  now?: () => number;
  /** How often a session on its way is asked about (and the background pass runs). */
  everyMs?: number;
  /** Sessions asked about per pass, so a big backlog does not flood Guru. */
  perPass?: number;
}

/** Signed upload forms expire sooner than this: a file not arrived by then never will. */
export const ABANDONED_AFTER_MS = 6 * 3600 * 1000;

export function createSessionSync({ guru, library, now = Date.now, everyMs = 4_000, perPass = 12 }: SessionSyncOptions) {
  const lastChecked = new Map<string, number>();
  let running: Promise<void> | null = null;
  let timer: NodeJS.Timeout | undefined;

  async function record(id: string, analysis: AnalysisResponse) {
    // A Pending answer for a file still uploading says nothing new.
    if (analysis.status === 'Pending' && (await library.get(id))?.status === 'Uploading') return;
    const complete = analysis.status === 'Complete';
    await library.update(id, {
      status: analysis.status,
      reason: analysis.status === 'Failed' ? (analysis.reason ?? 'UNKNOWN') : null,
      repsFound: complete ? analysis.reps.length : undefined,
      lowConfidenceReps: complete
        ? analysis.reps.filter(isLowConfidence).length
        : undefined,
    });
  }

  async function refresh(id: string, status: string, createdAt: string) {
    try {
      if (status === 'Uploading') {
        const video = await guru.getVideo(id);
        if (video.status !== 'Success') {
          if (now() - Date.parse(createdAt) > ABANDONED_AFTER_MS) await library.update(id, { status: 'Failed', reason: 'UPLOAD_NOT_RECEIVED' });
          return;
        }
        await library.update(id, { status: 'Pending' });
      }
      await record(id, await guru.getAnalysis(id));
    } catch (error) {
      // Deleted there, or its damaged record set aside: say so once rather than asking forever.
      if (!(error instanceof ProxyError && error.status === 404)) throw error;
      await library.update(id, { status: 'Failed', reason: 'VIDEO_NOT_FOUND' });
    }
  }

  /** One pass over the sessions on their way that are due; Guru's failures are logged, not thrown. */
  async function pass() {
    const due = (await library.unfinished()).filter((s) => now() - (lastChecked.get(s.id) ?? -Infinity) >= everyMs).slice(0, perPass);
    for (const s of due) lastChecked.set(s.id, now());
    const results = await Promise.allSettled(due.map((s) => refresh(s.id, s.status, s.createdAt)));
    const failed = results.filter((r) => r.status === 'rejected').length;
    if (failed) console.warn(`[proxy] could not refresh ${failed} of ${due.length} unfinished sessions`);
  }

  return {
    record,
    /** Runs a pass now (or joins the one running). */
    refreshNow(): Promise<void> {
      running ??= pass().finally(() => {
        running = null;
      });
      return running;
    },
    start() {
      timer ??= setInterval(() => void this.refreshNow(), everyMs).unref();
    },
    async stop() {
      clearInterval(timer);
      timer = undefined;
      await running;
    },
  };
}

export type SessionSync = ReturnType<typeof createSessionSync>;
