/**
 * Runs analyses on worker threads, one worker (and one single-threaded pose session) per core:
 * decode, tracking and the model all stay busy on one core per job. Jobs beyond the thread count
 * wait in a FIFO queue.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { AnalysisOutcome, AnalyzeOptions, Analyzer } from './types.ts';
import type { WorkerReply, WorkerRequest } from './worker.ts';

export interface AnalysisPool {
  analyze: Analyzer;
  /** Workers, so analyses that run at once. */
  size: number;
  /**
   * Starts every worker and loads the pose model in each (~1.5 s of compile, import and model
   * load), so the first jobs do not pay it; resolves when all are ready. Call at server start.
   */
  warm(): Promise<void>;
  /** Fails queued jobs and stops every worker. */
  close(): Promise<void>;
}

interface Job {
  id: number;
  videoPath: string;
  options: AnalyzeOptions;
  resolve(outcome: AnalysisOutcome): void;
  reject(err: unknown): void;
}

const ENTRY = new URL('./worker-entry.mjs', import.meta.url);

function internalError(job: Job): AnalysisOutcome {
  return {
    status: 'Failed', reason: 'INTERNAL_ERROR', domain: job.options.domain ?? null, activity: job.options.activity ?? null,
    view: null, fps: 0, width: 0, height: 0, durationMs: 0, reps: [], jointToPoints: {},
  };
}

export function createAnalysisPool(opts: { threads?: number } = {}): AnalysisPool {
  const size = Math.max(1, opts.threads ?? Math.min(2, availableParallelism()));
  const queue: Job[] = [];
  const idle: Worker[] = [];
  const busy = new Map<Worker, Job>();
  const readyWaiters = new Map<Worker, () => void>();
  let nextId = 1;
  let closed = false;

  function settle(worker: Worker, reply: WorkerReply) {
    if ('ready' in reply) {
      readyWaiters.get(worker)?.();
      return;
    }
    const job = busy.get(worker);
    if (!job || job.id !== reply.id) return;
    busy.delete(worker);
    if ('outcome' in reply) job.resolve(reply.outcome);
    else if (reply.aborted) job.reject(job.options.signal?.reason ?? new Error('analysis aborted'));
    else {
      console.error(`analysis worker error on ${job.videoPath}: ${reply.error}`);
      job.resolve(internalError(job));
    }
    worker.unref();
    idle.push(worker);
    dispatch();
  }

  function spawnWorker(): Worker {
    // execArgv: [] so workers do not inherit loader flags; the entry registers tsx itself.
    const worker = new Worker(ENTRY, { execArgv: [] });
    worker.on('message', (reply: WorkerReply) => settle(worker, reply));
    worker.on('error', (err) => console.error('analysis worker crashed:', err));
    worker.on('exit', () => {
      readyWaiters.get(worker)?.();
      const job = busy.get(worker);
      busy.delete(worker);
      const wasIdle = idle.indexOf(worker);
      if (wasIdle >= 0) idle.splice(wasIdle, 1);
      if (job) job.resolve(internalError(job));
      if (!closed) dispatch();
    });
    return worker;
  }

  function dispatch() {
    while (!closed && queue.length && (idle.length || busy.size + idle.length < size)) {
      const worker = idle.pop() ?? spawnWorker();
      const job = queue.shift()!;
      busy.set(worker, job);
      worker.ref();
      const { domain, activity } = job.options;
      worker.postMessage({ type: 'run', id: job.id, videoPath: job.videoPath, options: { domain, activity } } satisfies WorkerRequest);
    }
  }

  const analyze: Analyzer = (videoPath, options) =>
    new Promise<AnalysisOutcome>((resolve, reject) => {
      if (closed) return reject(new Error('analysis pool is closed'));
      const { signal } = options;
      if (signal?.aborted) return reject(signal.reason);
      const job: Job = { id: nextId++, videoPath, options, resolve, reject };
      const onAbort = () => {
        const queued = queue.indexOf(job);
        if (queued >= 0) {
          queue.splice(queued, 1);
          reject(signal!.reason);
        }
        for (const [worker, running] of busy) {
          if (running === job) worker.postMessage({ type: 'abort', id: job.id } satisfies WorkerRequest);
        }
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      job.resolve = (o) => {
        signal?.removeEventListener('abort', onAbort);
        resolve(o);
      };
      job.reject = (e) => {
        signal?.removeEventListener('abort', onAbort);
        reject(e);
      };
      queue.push(job);
      dispatch();
    });

  async function warm() {
    const started: Promise<void>[] = [];
    while (!closed && busy.size + idle.length < size) {
      const worker = spawnWorker();
      // Referenced while loading, so a caller awaiting warm() keeps the process alive.
      const ready = new Promise<void>((resolve) => readyWaiters.set(worker, resolve)).then(() => {
        readyWaiters.delete(worker);
        if (idle.includes(worker)) worker.unref();
      });
      started.push(ready);
      idle.push(worker);
    }
    await Promise.all(started);
  }

  async function close() {
    closed = true;
    for (const job of queue.splice(0)) job.reject(new Error('analysis pool is closed'));
    const workers = [...idle, ...busy.keys()];
    for (const job of busy.values()) job.reject(new Error('analysis pool is closed'));
    busy.clear();
    idle.length = 0;
    await Promise.all(workers.map((w) => w.terminate()));
  }

  return { analyze, size, warm, close };
}
