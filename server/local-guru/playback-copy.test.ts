import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ffmpeg from '@ffmpeg-installer/ffmpeg';
import { afterAll, describe, expect, it } from 'vitest';
import { makePlaybackCopy, parseMediaBanner, playbackCopyReasons, playbackSize, readBanner, type MediaInfo } from './playback-copy.ts';

// As ffmpeg 5+ prints an iPhone 12+ portrait clip: HEVC Main 10 HLG in .mov, turned by a display matrix.
const IPHONE = `Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'IMG_0412.MOV':
  Metadata:
    major_brand     : qt
    minor_version   : 0
    compatible_brands: qt
    com.apple.quicktime.make: Apple
  Duration: 00:00:18.43, start: 0.000000, bitrate: 8214 kb/s
  Stream #0:0[0x1](und): Video: hevc (Main 10) (hvc1 / 0x31637668), yuv420p10le(tv, bt2020nc/bt2020/arib-std-b67), 1920x1080, 7993 kb/s, 29.98 fps, 29.97 tbr, 600 tbn (default)
    Side data:
      displaymatrix: rotation of -90.00 degrees
  Stream #0:1[0x2](und): Audio: aac (LC) (mp4a / 0x6134706D), 44100 Hz, stereo, fltp, 174 kb/s (default)
  Stream #0:2[0x3](und): Data: none (mebx / 0x7862656D), 0 kb/s (default)`;

const H264_MP4 = `Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'set.mp4':
  Metadata:
    major_brand     : isom
  Duration: 00:00:25.33, start: 0.000000, bitrate: 361 kb/s
    Stream #0:0(und): Video: h264 (High) (avc1 / 0x31637661), yuv420p(tv, bt709), 854x480 [SAR 1:1 DAR 427:240], 137 kb/s, 29.97 fps, 29.97 tbr, 30k tbn, 59.94 tbc (default)
    Stream #0:1(und): Audio: aac (LC) (mp4a / 0x6134706D), 48000 Hz, stereo, fltp, 128 kb/s (default)`;

const PRORES = `Input #0, mov,mp4,m4a,3gp,3g2,mj2, from 'pr.mov':
  Metadata:
    major_brand     : qt
  Duration: 00:00:01.00, start: 0.000000, bitrate: 6261 kb/s
    Stream #0:0(eng): Video: prores (HQ) (apch / 0x68637061), yuv422p10le(tv, progressive), 3840x2160, 6254 kb/s, SAR 1:1 DAR 16:9, 30 fps, 30 tbr, 15360 tbn, 15360 tbc (default)
    Stream #0:1(eng): Audio: pcm_s16le (sowt / 0x74776F73), 48000 Hz, stereo, s16, 1536 kb/s (default)`;

const WEBM = `Input #0, matroska,webm, from 'v.webm':
  Duration: 00:00:01.01, start: -0.007000, bitrate: 207 kb/s
    Stream #0:0: Video: vp9 (Profile 0), yuv420p(tv, progressive), 1280x720, SAR 1:1 DAR 16:9, 30 fps, 30 tbr, 1k tbn, 1k tbc (default)
    Stream #0:1: Audio: opus, 48000 Hz, mono, fltp (default)`;

const MKV_H264 = `Input #0, matroska,webm, from 'h.mkv':
  Duration: 00:00:01.00, start: 0.000000, bitrate: 65 kb/s
    Stream #0:0: Video: h264 (High), yuv420p(progressive), 320x240 [SAR 1:1 DAR 4:3], 30 fps, 30 tbr, 1k tbn, 60 tbc (default)`;

const info = (banner: string) => parseMediaBanner(banner) as MediaInfo;

describe('parseMediaBanner', () => {
  it('reads an iPhone clip: .mov, HEVC 10-bit, AAC, portrait by its rotation', () => {
    expect(info(IPHONE)).toEqual({
      container: 'mov',
      videoCodec: 'hevc',
      pixelFormat: 'yuv420p10le',
      audioCodecs: ['aac'],
      width: 1080,
      height: 1920,
      rotation: 90,
    });
  });

  it('tells MP4 from QuickTime by the brand, and reads ProRes, WebM and Matroska', () => {
    expect(info(H264_MP4)).toMatchObject({ container: 'mp4', videoCodec: 'h264', pixelFormat: 'yuv420p', audioCodecs: ['aac'], rotation: 0 });
    expect(info(PRORES)).toMatchObject({ container: 'mov', videoCodec: 'prores', pixelFormat: 'yuv422p10le', audioCodecs: ['pcm_s16le'] });
    expect(info(WEBM)).toMatchObject({ container: 'matroska', videoCodec: 'vp9', pixelFormat: 'yuv420p', audioCodecs: ['opus'] });
    expect(info(MKV_H264)).toMatchObject({ container: 'matroska', videoCodec: 'h264', audioCodecs: [] });
  });

  it('answers null for a file without a video stream', () => {
    expect(parseMediaBanner("notes.mp4: Invalid data found when processing input")).toBeNull();
  });
});

describe('playbackCopyReasons', () => {
  it('passes browser-safe files as they are', () => {
    expect(playbackCopyReasons(info(H264_MP4))).toEqual([]);
    expect(playbackCopyReasons(info(WEBM))).toEqual([]);
  });

  it('names every reason a browser may not play the file', () => {
    expect(playbackCopyReasons(info(IPHONE))).toEqual(['container mov', 'video codec hevc', 'pixel format yuv420p10le', 'rotated 90°']);
    expect(playbackCopyReasons(info(PRORES))).toEqual(['container mov', 'video codec prores', 'pixel format yuv422p10le', 'audio codec pcm_s16le']);
    expect(playbackCopyReasons(info(MKV_H264))).toEqual(['video codec h264']);
  });

  it.each([
    [{ container: 'mov' }, 'container mov'],
    [{ container: 'avi' }, 'container avi'],
    [{ videoCodec: 'hevc' }, 'video codec hevc'],
    [{ pixelFormat: 'yuv420p10le' }, 'pixel format yuv420p10le'],
    [{ pixelFormat: 'yuv422p' }, 'pixel format yuv422p'],
    [{ audioCodecs: ['ac3'] }, 'audio codec ac3'],
    [{ rotation: 270 }, 'rotated 270°'],
  ])('one unsafe trait is enough: %o', (change, reason) => {
    expect(playbackCopyReasons({ ...info(H264_MP4), ...change })).toEqual([reason]);
  });
});

describe('playbackSize', () => {
  it.each([
    [3840, 2160, 1920, 1080],
    [2160, 3840, 1080, 1920],
    [4032, 3024, 1440, 1080],
    [1280, 720, 1280, 720],
    [1081, 1921, 1080, 1918],
    [641, 361, 640, 360],
  ])('%ix%i plays at %ix%i', (width, height, w, h) => {
    expect(playbackSize({ width, height })).toEqual({ width: w, height: h });
  });
});

describe('makePlaybackCopy', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'playback-copy-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('turns a rotated 10-bit HEVC .mov into an upright H.264/AAC MP4 with its index first', async () => {
    const encoded = path.join(dir, 'encoded.mov');
    const original = path.join(dir, 'phone.mov');
    execFileSync(ffmpeg.path, [
      '-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x180:rate=30:duration=1',
      '-f', 'lavfi', '-i', 'sine=duration=1', '-c:v', 'libx265', '-x265-params', 'log-level=error',
      '-pix_fmt', 'yuv420p10le', '-tag:v', 'hvc1', '-c:a', 'aac', encoded,
    ]);
    // This ffmpeg writes a rotation flag only when remuxing.
    execFileSync(ffmpeg.path, ['-hide_banner', '-loglevel', 'error', '-i', encoded, '-c', 'copy', '-metadata:s:v:0', 'rotate=90', original]);
    fs.rmSync(encoded);
    const source = info(await readBanner(original));
    expect(source).toMatchObject({ container: 'mov', videoCodec: 'hevc', width: 180, height: 320 });

    const copy = path.join(dir, 'phone.playback.mp4');
    await makePlaybackCopy(original, copy, source);
    const played = info(await readBanner(copy));
    expect(played).toMatchObject({ container: 'mp4', videoCodec: 'h264', pixelFormat: 'yuv420p', audioCodecs: ['aac'], rotation: 0, width: 180, height: 320 });
    expect(playbackCopyReasons(played)).toEqual([]);
    const head = fs.readFileSync(copy).toString('latin1');
    expect(head.indexOf('moov')).toBeLessThan(head.indexOf('mdat'));
    expect(fs.readdirSync(dir).sort()).toEqual(['phone.mov', 'phone.playback.mp4']);
  });

  it('fails on a file ffmpeg cannot decode and leaves nothing behind', async () => {
    const bad = path.join(dir, 'notes.mov');
    fs.writeFileSync(bad, 'not a video');
    await expect(makePlaybackCopy(bad, path.join(dir, 'notes.mp4'), info(H264_MP4))).rejects.toThrow();
    expect(fs.existsSync(path.join(dir, 'notes.mp4'))).toBe(false);
  });
});
