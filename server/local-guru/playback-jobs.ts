/**
 * Makes a playback copy of each upload that browsers may not play, one at a time, off the request
 * path and alongside its analysis. Until the copy exists the video's `uri` is withheld (Preparing),
 * so neither the review nor the poster frame ever sees the unplayable original.
 */
import { makePlaybackCopy, parseMediaBanner, playbackCopyReasons, readBanner } from './playback-copy.ts';
import type { PlaybackState, VideoStore } from './video-store.ts';

export function createPlaybackJobs(store: VideoStore) {
  let queue = Promise.resolve();
  const shutdown = new AbortController();
  const running = new Set<string>();
  const set = (id: string, playback: PlaybackState) =>
    store.update(id, (r) => {
      r.playback = playback;
    });

  async function prepare(id: string) {
    const file = store.filePath(id);
    const info = parseMediaBanner(await readBanner(file, shutdown.signal));
    const reasons = info ? playbackCopyReasons(info) : [];
    // Not a video ffmpeg can read: the analysis reports that; there is nothing to convert.
    if (!info || reasons.length === 0) return void (await set(id, 'Original'));
    const started = Date.now();
    await makePlaybackCopy(file, store.playbackPath(id), info, shutdown.signal);
    console.log(`[local-guru] playback copy of ${id} (${reasons.join(', ')}) in ${Date.now() - started} ms`);
    await set(id, 'Copy');
  }

  async function start(id: string) {
    if (running.has(id)) return;
    running.add(id);
    const known = await set(id, 'Preparing').then(
      (record) => !!record,
      (error: unknown) => (running.delete(id), Promise.reject(error)),
    );
    if (!known) return void running.delete(id);
    queue = queue
      .then(() => prepare(id))
      .catch((error: unknown) => {
        if (shutdown.signal.aborted) return; // still Preparing: resume() finishes it after the restart
        // The original still downloads, and the review explains when the browser can't show it.
        console.error(`[local-guru] playback copy of ${id} failed:`, error);
        return set(id, 'Original').then(() => {});
      })
      // Even a store that cannot be written must not stop the queue.
      .catch((error: unknown) => console.error(`[local-guru] could not record the playback of ${id}:`, error))
      .finally(() => running.delete(id));
  }

  return {
    start,
    /** After a restart: finish every copy that was being prepared. */
    async resume() {
      for (const r of await store.unfinished()) if (r.playback === 'Preparing') await start(r.id);
    },
    /** Resolves when no copy is queued or running (tests). */
    async idle() {
      while (running.size) await queue;
    },
    /** Stops the running copy and drops the queue; their videos stay Preparing for resume(). */
    async close() {
      shutdown.abort();
      await queue;
    },
  };
}
