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
  const set = (id: string, playback: PlaybackState) => {
    store.update(id, (r) => {
      r.playback = playback;
    });
  };

  async function prepare(id: string) {
    const file = store.filePath(id);
    const info = parseMediaBanner(await readBanner(file, shutdown.signal));
    const reasons = info ? playbackCopyReasons(info) : [];
    // Not a video ffmpeg can read: the analysis reports that; there is nothing to convert.
    if (!info || reasons.length === 0) return set(id, 'Original');
    const started = Date.now();
    await makePlaybackCopy(file, store.playbackPath(id), info, shutdown.signal);
    console.log(`[local-guru] playback copy of ${id} (${reasons.join(', ')}) in ${Date.now() - started} ms`);
    set(id, 'Copy');
  }

  function start(id: string) {
    if (!store.get(id) || running.has(id)) return;
    running.add(id);
    set(id, 'Preparing');
    queue = queue
      .then(() => prepare(id))
      .catch((error: unknown) => {
        if (shutdown.signal.aborted) return; // still Preparing: resume() finishes it after the restart
        // The original still downloads, and the review explains when the browser can't show it.
        console.error(`[local-guru] playback copy of ${id} failed:`, error);
        set(id, 'Original');
      })
      // Even a store that cannot be written must not stop the queue.
      .catch((error: unknown) => console.error(`[local-guru] could not record the playback of ${id}:`, error))
      .finally(() => running.delete(id));
  }

  return {
    start,
    /** After a restart: finish every copy that was being prepared. */
    resume() {
      for (const r of store.all()) if (r.playback === 'Preparing') start(r.id);
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
