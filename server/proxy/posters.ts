/**
 * Poster frames for the library (one small JPEG per video) and stills of a moment (each rep's
 * bottom, for the printed summary): cut by ffmpeg from the video's signed URL the first time they
 * are asked for, then served from DATA_DIR. Guru has no thumbnail call.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import ffmpeg from '@ffmpeg-installer/ffmpeg';
import { tempPath } from '../lib/atomic-files.ts';

const MAX_CONCURRENT = 2;
const TIMEOUT_MS = 20_000;

export function createPosterStore(dataDir: string) {
  const dir = path.join(dataDir, 'posters');
  fs.mkdirSync(dir, { recursive: true });
  const inFlight = new Map<string, Promise<string | null>>();
  const waiting: (() => void)[] = [];
  let running = 0;

  async function slot() {
    if (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => waiting.push(resolve));
    running++;
  }
  function release() {
    running--;
    waiting.shift()?.();
  }

  async function cut(videoUrl: string, out: string, atSeconds: number) {
    const tmp = tempPath(out, '.tmp.jpg');
    const args = ['-hide_banner', '-loglevel', 'error', '-protocol_whitelist', 'http,https,tcp,tls,file'];
    args.push('-ss', String(atSeconds), '-i', videoUrl, '-frames:v', '1', '-vf', 'scale=320:-2', '-q:v', '5', '-y', tmp);
    const ok = await new Promise<boolean>((resolve) => {
      const child = spawn(ffmpeg.path, args, { stdio: 'ignore', signal: AbortSignal.timeout(TIMEOUT_MS) });
      child.on('error', () => resolve(false));
      child.on('exit', (code) => resolve(code === 0));
    });
    if (ok && fs.existsSync(tmp) && fs.statSync(tmp).size > 0) {
      fs.renameSync(tmp, out);
      return true;
    }
    fs.rmSync(tmp, { force: true });
    return false;
  }

  // A video ffmpeg could not cut a frame from is remembered, so it is not tried on every request.
  const failedMark = (id: string) => path.join(dir, `${id}.failed`);

  return {
    cached(id: string) {
      const file = path.join(dir, `${id}.jpg`);
      return fs.existsSync(file) ? file : null;
    },
    failed: (id: string) => fs.existsSync(failedMark(id)),
    remove(id: string) {
      fs.rmSync(path.join(dir, `${id}.jpg`), { force: true });
      fs.rmSync(path.join(dir, id), { recursive: true, force: true });
      fs.rmSync(failedMark(id), { force: true });
    },
    /** The poster's path, cutting it from `videoUrl` (http/https only) if needed; null if it can't be cut. */
    make(id: string, videoUrl: string): Promise<string | null> {
      // One second in skips black lead-in frames; short clips fall back to the first frame.
      return once(id, path.join(dir, `${id}.jpg`), videoUrl, [1, 0], () => fs.writeFileSync(failedMark(id), ''));
    },
    /** A still `atMs` into the video (cached per video and time); null if it can't be cut. */
    still(id: string, atMs: number, videoUrl: string): Promise<string | null> {
      const out = path.join(dir, id, `${atMs}.jpg`);
      if (fs.existsSync(out)) return Promise.resolve(out);
      fs.mkdirSync(path.dirname(out), { recursive: true });
      return once(`${id}/${atMs}`, out, videoUrl, [atMs / 1000]);
    },
  };

  /** Cuts `out` at the first of `times` (seconds) that works, one job per key at a time. */
  function once(key: string, out: string, videoUrl: string, times: number[], onFail?: () => void): Promise<string | null> {
    const existing = inFlight.get(key);
    if (existing) return existing;
    if (!/^https?:\/\//i.test(videoUrl)) return Promise.resolve(null);
    const job = (async () => {
      await slot();
      try {
        for (const t of times) if (await cut(videoUrl, out, t)) return out;
        onFail?.();
        return null;
      } finally {
        release();
      }
    })().finally(() => inFlight.delete(key));
    inFlight.set(key, job);
    return job;
  }
}

export type PosterStore = ReturnType<typeof createPosterStore>;
