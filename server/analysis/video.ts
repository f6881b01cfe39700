/**
 * Video decoding with the static ffmpeg shipped in npm: metadata from `ffmpeg -i`'s banner and
 * frames streamed as raw rgb24 at a sampling rate, one frame in memory at a time.
 */
import { spawn } from 'node:child_process';
import ffmpeg from '@ffmpeg-installer/ffmpeg';

export interface VideoInfo {
  /** Display size, after rotation metadata (ffmpeg auto-rotates decoded frames). */
  width: number;
  height: number;
  fps: number;
  durationMs: number;
  rotation: number;
}

export interface Frame {
  /** Position in the sampled sequence. */
  index: number;
  timeMs: number;
  width: number;
  height: number;
  /** rgb24, width * height * 3 bytes. */
  data: Uint8Array;
}

export class DecodeError extends Error {}

/** Parses the banner `ffmpeg -i` prints to stderr; null when it names no video stream. */
export function parseBanner(banner: string): VideoInfo | null {
  // A still image (a PNG renamed .mp4) has a "video" stream too, but it is not a video.
  if (/^Input #\d+, (\w+_pipe|image2),/m.test(banner)) return null;
  const stream = /Stream #\S+.*?: Video: (.*)/.exec(banner);
  if (!stream) return null;
  const size = /\b(\d{2,5})x(\d{2,5})\b/.exec(stream[1]);
  if (!size) return null;
  const fps = Number(/([\d.]+) fps/.exec(stream[1])?.[1] ?? /([\d.]+) tbr/.exec(stream[1])?.[1] ?? NaN);
  const d = /Duration: (\d+):(\d+):([\d.]+)/.exec(banner);
  const durationMs = d ? Math.round((Number(d[1]) * 3600 + Number(d[2]) * 60 + Number(d[3])) * 1000) : 0;
  // Clockwise degrees: the `rotate` tag, else the display matrix (which counts counter-clockwise).
  const tag = /rotate\s*:\s*(-?\d+)/.exec(banner)?.[1];
  const matrix = /rotation of (-?[\d.]+) degrees/.exec(banner)?.[1];
  const clockwise = tag !== undefined ? Number(tag) : -Number(matrix ?? 0);
  const rotation = ((Math.round(clockwise) % 360) + 360) % 360;
  const quarter = rotation === 90 || rotation === 270;
  const w = Number(size[1]);
  const h = Number(size[2]);
  return {
    width: quarter ? h : w,
    height: quarter ? w : h,
    fps: Number.isFinite(fps) && fps > 0 ? fps : 30,
    durationMs,
    rotation,
  };
}

export function probeVideo(path: string, signal?: AbortSignal): Promise<VideoInfo | null> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg.path, ['-hide_banner', '-i', path], { stdio: ['ignore', 'ignore', 'pipe'], signal });
    let banner = '';
    child.stderr.on('data', (d: Buffer) => {
      if (banner.length < 65536) banner += d.toString();
    });
    child.on('error', (err) => (err.name === 'AbortError' ? reject(err) : resolve(null)));
    // Without an output file ffmpeg always exits 1: the banner is the answer.
    child.on('close', () => resolve(parseBanner(banner)));
  });
}

/** The decoded size: the display aspect with the longer side at `longSide` (even numbers). */
export function decodeSize(info: VideoInfo, longSide: number): { width: number; height: number } {
  const scale = Math.min(1, longSide / Math.max(info.width, info.height));
  const even = (n: number) => Math.max(2, Math.round((n * scale) / 2) * 2);
  return { width: even(info.width), height: even(info.height) };
}

/** Ascending indices as inclusive runs of consecutive ones: [1, 2, 3, 7] → [[1, 3], [7, 7]]. */
function runsOf(indices: readonly number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const n of indices) {
    const last = runs.at(-1);
    if (last && n === last[1] + 1) last[1] = n;
    else runs.push([n, n]);
  }
  return runs;
}

/**
 * Yields frames sampled at `fps`, scaled to `size`. Backpressure keeps one frame buffered:
 * ffmpeg blocks on its pipe while pose estimation runs. With `samples` (ascending sample indices),
 * only those are scaled and yielded, from one decode of the whole video.
 */
export async function* readFrames(
  path: string,
  size: { width: number; height: number },
  fps: number,
  signal?: AbortSignal,
  samples?: readonly number[],
): AsyncGenerator<Frame> {
  // `n` counts the fps filter's output, so it is the sample index of a full read; passthrough
  // sync keeps ffmpeg from filling the gaps between the selected frames with copies.
  const select = samples ? [`select=${runsOf(samples).map(([a, b]) => `between(n\\,${a}\\,${b})`).join('+')}`] : [];
  const child = spawn(ffmpeg.path, [
    '-hide_banner', '-loglevel', 'error', '-nostdin', '-i', path, '-an', '-sn',
    '-vf', [`fps=${fps}`, ...select, `scale=${size.width}:${size.height}`].join(','),
    ...(samples ? ['-vsync', 'passthrough'] : []),
    '-f', 'rawvideo', '-pix_fmt', 'rgb24', 'pipe:1',
  ], { stdio: ['ignore', 'pipe', 'pipe'], signal });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => {
    if (stderr.length < 4096) stderr += d.toString();
  });
  const exited = new Promise<number | null>((resolve) => {
    child.on('close', (code) => resolve(code));
    child.on('error', () => resolve(-1));
  });
  const frameBytes = size.width * size.height * 3;
  let pending: Buffer[] = [];
  let pendingBytes = 0;
  let index = 0;
  try {
    for await (const chunk of child.stdout as AsyncIterable<Buffer>) {
      pending.push(chunk);
      pendingBytes += chunk.length;
      while (pendingBytes >= frameBytes) {
        const all = pending.length === 1 ? pending[0] : Buffer.concat(pending);
        const data = new Uint8Array(all.subarray(0, frameBytes));
        const rest = all.subarray(frameBytes);
        pending = rest.length ? [rest] : [];
        pendingBytes = rest.length;
        const at = samples ? samples[index] : index;
        yield { index: at, timeMs: (at * 1000) / fps, width: size.width, height: size.height, data };
        index++;
      }
    }
    const code = await exited;
    signal?.throwIfAborted();
    if (code !== 0 && index === 0) throw new DecodeError(stderr.trim() || `ffmpeg exited ${code}`);
  } finally {
    if (child.exitCode === null) child.kill('SIGKILL');
  }
}
