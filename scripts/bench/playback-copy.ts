/**
 * Playback copies: how long the local Guru takes to turn a phone-style clip (10-bit HEVC in a
 * rotated .mov, with AAC sound) into its browser-safe MP4, against the clip's length, at 720p
 * and 1080p. CPU seconds are the ffmpeg child's own (Linux /proc), so they hold under load;
 * wall time on a shared machine does not.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import ffmpeg from '@ffmpeg-installer/ffmpeg';
import { makePlaybackCopy, parseMediaBanner, readBanner } from '../../server/local-guru/playback-copy.ts';
import { generateVideo } from '../fixtures/generate.ts';

/** CPU seconds of this process's finished children (utime + stime in /proc/self/stat, 100 Hz ticks). */
function childCpuSeconds() {
  const fields = fs.readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(fields[13]) + Number(fields[14])) / 100;
}

const run = (...args: string[]) => execFileSync(ffmpeg.path, ['-hide_banner', '-loglevel', 'error', '-y', ...args]);

export async function benchPlaybackCopy() {
  const dir = fs.mkdtempSync(path.join(tmpdir(), 'bench-playback-'));
  try {
    const source = path.join(dir, 'source.mp4');
    // A busy, grainy scene: flat mannequin frames would flatter the encoder.
    await generateVideo({ outPath: source, activity: 'squat', reps: 6, width: 1280, height: 720, background: 'busy', noise: 6, seed: 4 });
    const rows: string[][] = [];
    for (const height of [720, 1080]) {
      const encoded = path.join(dir, `encoded-${height}.mov`);
      const clip = path.join(dir, `phone-${height}.mov`);
      run('-i', source, '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-shortest',
        '-vf', `scale=-2:${height}`, '-c:v', 'libx265', '-preset', 'fast', '-crf', '22',
        '-x265-params', 'log-level=error', '-pix_fmt', 'yuv420p10le', '-tag:v', 'hvc1', '-c:a', 'aac', encoded);
      // Stored landscape, shown portrait, as a phone held upright records.
      run('-i', encoded, '-c', 'copy', '-metadata:s:v:0', 'rotate=90', clip);
      const banner = await readBanner(clip);
      const info = parseMediaBanner(banner);
      if (!info) throw new Error(`cannot read ${clip}`);
      const lengthS = Number(/Duration: (\d+):(\d+):([\d.]+)/.exec(banner)!.slice(1).reduce((s, v) => s * 60 + Number(v), 0));
      const cpuBefore = childCpuSeconds();
      const started = performance.now();
      await makePlaybackCopy(clip, path.join(dir, `copy-${height}.mp4`), info);
      const wallS = (performance.now() - started) / 1000;
      const cpuS = childCpuSeconds() - cpuBefore;
      rows.push([
        `${info.width}x${info.height} ${info.videoCodec} ${info.pixelFormat}`,
        lengthS.toFixed(1),
        `${wallS.toFixed(1)} (${(wallS / lengthS).toFixed(2)}x)`,
        `${cpuS.toFixed(1)} (${(cpuS / lengthS).toFixed(2)}x)`,
        loadavg()[0].toFixed(1),
      ]);
    }
    return {
      title: 'Playback copy of a phone clip (10-bit HEVC .mov to H.264 MP4: x264 veryfast, nice 10)',
      header: ['clip (display size)', 'length s', 'copy wall s', 'copy CPU s', 'load avg'],
      rows,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
