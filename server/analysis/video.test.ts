import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateVideo } from '../../scripts/fixtures/generate.ts';
import { decodeSize, parseBanner, readFrames, type Frame } from './video.ts';

const banner = (extra = '') => `Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'phone.mov':
  Duration: 00:00:21.53, start: 0.000000, bitrate: 15983 kb/s
    Stream #0:0(und): Video: h264 (High) (avc1 / 0x31637661), yuv420p(tv, bt709), 1920x1080 [SAR 1:1 DAR 16:9], 15983 kb/s, 29.97 fps, 29.97 tbr, 90k tbn, 180k tbc (default)
    Metadata:
${extra}    Stream #0:1(und): Audio: aac (LC) (mp4a / 0x6134706D), 44100 Hz, stereo, fltp, 128 kb/s (default)`;

describe('parseBanner', () => {
  it('reads size, frame rate and duration', () => {
    expect(parseBanner(banner())).toEqual({ width: 1920, height: 1080, fps: 29.97, durationMs: 21530, rotation: 0 });
  });
  it('swaps the display size for portrait phone videos (rotate tag or display matrix)', () => {
    expect(parseBanner(banner('      rotate          : 90\n'))).toMatchObject({ width: 1080, height: 1920, rotation: 90 });
    expect(parseBanner(banner('      displaymatrix: rotation of -90.00 degrees\n'))).toMatchObject({ width: 1080, height: 1920, rotation: 90 });
  });
  it('answers null when there is no video stream', () => {
    expect(parseBanner("text.mp4: Invalid data found when processing input")).toBeNull();
  });
});

describe('decodeSize', () => {
  it('keeps the aspect with the long side bounded, in even pixels', () => {
    expect(decodeSize({ width: 1080, height: 1920, fps: 30, durationMs: 0, rotation: 90 }, 384)).toEqual({ width: 216, height: 384 });
    expect(decodeSize({ width: 320, height: 240, fps: 30, durationMs: 0, rotation: 0 }, 384)).toEqual({ width: 320, height: 240 });
  });
});

describe('readFrames', () => {
  it('yields only the asked samples, each the same picture as in a full read, with its index and time', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'replens-frames-'));
    try {
      const file = path.join(dir, 'clip.mp4');
      await generateVideo({ outPath: file, activity: 'squat', reps: 1, width: 160, height: 120 });
      const size = { width: 160, height: 120 };
      const all: Frame[] = [];
      for await (const f of readFrames(file, size, 15)) all.push(f);
      const picked: Frame[] = [];
      for await (const f of readFrames(file, size, 15, undefined, [2, 3, 4, 20, all.length - 1])) picked.push(f);
      expect(picked.map((f) => f.index)).toEqual([2, 3, 4, 20, all.length - 1]);
      for (const f of picked) {
        expect(f.timeMs).toBeCloseTo(all[f.index].timeMs, 6);
        expect(Buffer.compare(Buffer.from(f.data), Buffer.from(all[f.index].data)), `sample ${f.index}`).toBe(0);
      }
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
