/**
 * Playback copies. Phones record HEVC (often 10-bit) in .mov with a rotation flag, which Chromium
 * shows as a black box with sound only. Such uploads get an H.264/AAC MP4 copy that every browser
 * plays: rotation applied, at most 1080p, yuv420p, moov atom first. The original is kept as is.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import ffmpeg from '@ffmpeg-installer/ffmpeg';
import { parseBanner } from '../analysis/video.ts';
import { tempPath } from '../lib/atomic-files.ts';

export interface MediaInfo {
  /** `mov` or `mp4` (one ffmpeg demuxer, told apart by the brand), `matroska` (WebM too), or ffmpeg's demuxer name. */
  container: string;
  videoCodec: string;
  pixelFormat: string;
  audioCodecs: string[];
  /** Display size, after rotation. */
  width: number;
  height: number;
  /** Clockwise degrees the player must turn the stored picture. */
  rotation: number;
}

const MP4_VIDEO = ['h264', 'vp9', 'av1'];
const MP4_AUDIO = ['aac', 'mp3', 'opus', 'flac'];
const WEBM_VIDEO = ['vp8', 'vp9', 'av1'];
const WEBM_AUDIO = ['opus', 'vorbis'];
/** 8-bit 4:2:0; 10-bit and 4:2:2/4:4:4 decode in few browsers. */
const SAFE_PIXEL_FORMATS = ['yuv420p', 'yuvj420p'];
const MAX_SHORT_SIDE = 1080;
const MAX_LONG_SIDE = 1920;

/** What `ffmpeg -i` says about a file's container and first video and audio streams; null without video. */
export function parseMediaBanner(banner: string): MediaInfo | null {
  const display = parseBanner(banner);
  const video = /Stream #\S+.*?: Video: (.*)/.exec(banner);
  if (!display || !video) return null;
  const demuxer = /Input #0, ([^ ]+), from/.exec(banner)?.[1] ?? 'unknown';
  const brand = /major_brand\s*:\s*(\S+)/.exec(banner)?.[1];
  const container = demuxer.startsWith('mov,mp4') ? (brand === 'qt' ? 'mov' : 'mp4') : demuxer.startsWith('matroska') ? 'matroska' : demuxer;
  const [codec = '', pixels = ''] = splitTopLevel(video[1]);
  return {
    container,
    videoCodec: codec.split(' ')[0],
    pixelFormat: /^\w+/.exec(pixels.trim())?.[0] ?? 'unknown',
    audioCodecs: [...banner.matchAll(/Stream #\S+.*?: Audio: (\w+)/g)].map((m) => m[1]),
    width: display.width,
    height: display.height,
    rotation: display.rotation,
  };
}

/** Why a video needs a playback copy; empty when every browser plays it as it is. */
export function playbackCopyReasons(info: MediaInfo): string[] {
  const webm = info.container === 'matroska';
  const videoCodecs = webm ? WEBM_VIDEO : MP4_VIDEO;
  const audioCodecs = webm ? WEBM_AUDIO : MP4_AUDIO;
  const reasons: string[] = [];
  if (info.container !== 'mp4' && !webm) reasons.push(`container ${info.container}`);
  if (!videoCodecs.includes(info.videoCodec)) reasons.push(`video codec ${info.videoCodec}`);
  if (!SAFE_PIXEL_FORMATS.includes(info.pixelFormat)) reasons.push(`pixel format ${info.pixelFormat}`);
  for (const codec of info.audioCodecs) if (!audioCodecs.includes(codec)) reasons.push(`audio codec ${codec}`);
  if (info.rotation !== 0) reasons.push(`rotated ${info.rotation}°`);
  return reasons;
}

/** The copy's size: the display size scaled down to fit 1080p (either orientation), even numbers. */
export function playbackSize(info: Pick<MediaInfo, 'width' | 'height'>): { width: number; height: number } {
  const scale = Math.min(1, MAX_SHORT_SIDE / Math.min(info.width, info.height), MAX_LONG_SIDE / Math.max(info.width, info.height));
  const even = (n: number) => Math.max(2, Math.floor((n * scale) / 2) * 2);
  return { width: even(info.width), height: even(info.height) };
}

/** `a (x, y), b(c, d), e` → `['a (x, y)', 'b(c, d)', 'e']`: commas inside brackets don't split. */
function splitTopLevel(text: string): string[] {
  const parts = [''];
  let depth = 0;
  for (const ch of text) {
    if (ch === '(' || ch === '[') depth++;
    else if (ch === ')' || ch === ']') depth--;
    if (ch === ',' && depth === 0) parts.push('');
    else parts[parts.length - 1] += ch;
  }
  return parts.map((p) => p.trim());
}

export function readBanner(file: string, signal?: AbortSignal): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(ffmpeg.path, ['-hide_banner', '-nostdin', '-i', file], { stdio: ['ignore', 'ignore', 'pipe'], signal });
    let banner = '';
    child.stderr.on('data', (d: Buffer) => {
      if (banner.length < 65536) banner += d.toString();
    });
    child.on('error', reject);
    // Without an output file ffmpeg always exits 1: the banner is the answer.
    child.on('close', () => resolve(banner));
  });
}

/**
 * Encodes `input` to a browser-safe MP4 at `output`, file to file (no frame passes through Node).
 * Runs at a lower CPU priority so a concurrent analysis keeps its pace.
 */
export async function makePlaybackCopy(input: string, output: string, info: MediaInfo, signal?: AbortSignal): Promise<void> {
  const size = playbackSize(info);
  const tmp = tempPath(output);
  // ffmpeg turns the picture by the rotation flag before these filters, and writes no flag itself.
  const args = [
    '-hide_banner', '-loglevel', 'error', '-nostdin', '-y', '-i', input,
    '-map', '0:v:0', '-map', '0:a:0?', '-sn', '-dn',
    '-vf', `scale=${size.width}:${size.height}`, '-pix_fmt', 'yuv420p',
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '23',
    '-c:a', 'aac', '-b:a', '128k',
    // Phone files interleave sparse tracks; a short muxing queue aborts on them.
    '-max_muxing_queue_size', '1024',
    '-movflags', '+faststart', '-f', 'mp4', tmp,
  ];
  try {
    await new Promise<void>((resolve, reject) => {
      const child = spawn(ffmpeg.path, args, { stdio: ['ignore', 'ignore', 'pipe'], signal });
      try {
        if (child.pid) os.setPriority(child.pid, 10);
      } catch {
        // It already exited; its exit code tells the rest.
      }
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => {
        if (stderr.length < 4096) stderr += d.toString();
      });
      child.on('error', reject);
      child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(stderr.trim() || `ffmpeg exited ${code}`))));
    });
    await fs.promises.rename(tmp, output);
  } finally {
    await fs.promises.rm(tmp, { force: true });
  }
}
