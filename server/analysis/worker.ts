/** A pool thread: one analysis at a time, with the pose model loaded once for its lifetime. */
import { parentPort } from 'node:worker_threads';
import { analyzeVideo } from './analyze.ts';
import { inferenceCount, loadPoseModel } from './pose.ts';
import type { AnalyzeOptions } from './types.ts';

export type WorkerRequest =
  | { type: 'run'; id: number; videoPath: string; options: Omit<AnalyzeOptions, 'signal'> }
  | { type: 'abort'; id: number };

export type WorkerReply =
  | { ready: true }
  | { id: number; outcome: Awaited<ReturnType<typeof analyzeVideo>> }
  | { id: number; error: string; aborted: boolean };

if (!parentPort) throw new Error('worker.ts runs inside a worker thread');
const port = parentPort;
const running = new Map<number, AbortController>();

// Load at once, before any job arrives; the pool's warm() waits for this (a failure is retried by the first job).
loadPoseModel()
  .catch((err) => console.error('pose model failed to load:', err))
  .finally(() => port.postMessage({ ready: true } satisfies WorkerReply));

port.on('message', async (msg: WorkerRequest) => {
  if (msg.type === 'abort') {
    running.get(msg.id)?.abort();
    return;
  }
  const controller = new AbortController();
  running.set(msg.id, controller);
  try {
    const before = inferenceCount();
    const outcome = await analyzeVideo(msg.videoPath, { ...msg.options, signal: controller.signal });
    port.postMessage({ id: msg.id, outcome: { ...outcome, inferences: inferenceCount() - before } } satisfies WorkerReply);
  } catch (err) {
    port.postMessage({ id: msg.id, error: String(err), aborted: controller.signal.aborted } satisfies WorkerReply);
  } finally {
    running.delete(msg.id);
  }
});
