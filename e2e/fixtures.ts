/** Generated test media with exact ground truth, shared by the specs. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { generateVideo, makeNoPersonVideo, makeNotAVideo, truthPathOf, type GroundTruth } from '../scripts/fixtures/generate.ts';

export const FIXTURES = path.resolve('e2e/.fixtures');

export const videos = {
  squat5: path.join(FIXTURES, 'squat-5.mp4'),
  squat3: path.join(FIXTURES, 'squat-3.mp4'),
  notAVideo: path.join(FIXTURES, 'notes.mp4'),
  /** The gym with nobody in it: analysed to Failed (LOW_QUALITY_POSE_ESTIMATE). */
  noPerson: path.join(FIXTURES, 'empty-gym.mp4'),
  /** A 3-rep squat filmed from the front: counted, but no depth or angle can be measured. */
  frontSquat: path.join(FIXTURES, 'front-squat-3.mp4'),
  /** A 2-rep bench press, small: its hands are followed by their image (velocity without "approximate"). */
  benchPress: path.join(FIXTURES, 'bench-press-2.mp4'),
};

export async function ensureFixtures() {
  if (!fs.existsSync(videos.squat5)) await generateVideo({ outPath: videos.squat5, activity: 'squat', reps: 5 });
  if (!fs.existsSync(videos.squat3)) await generateVideo({ outPath: videos.squat3, activity: 'squat', reps: 3 });
  if (!fs.existsSync(videos.notAVideo)) await makeNotAVideo(videos.notAVideo);
  if (!fs.existsSync(videos.noPerson)) await makeNoPersonVideo(videos.noPerson, { seconds: 2 });
  if (!fs.existsSync(videos.frontSquat)) await generateVideo({ outPath: videos.frontSquat, activity: 'squat', reps: 3, yaw: 90 });
  if (!fs.existsSync(videos.benchPress)) await generateVideo({ outPath: videos.benchPress, activity: 'bench_press', reps: 2, width: 480, height: 360 });
}

export function truthOf(video: string): GroundTruth {
  return JSON.parse(fs.readFileSync(truthPathOf(video), 'utf8')) as GroundTruth;
}

/** Debian's ffmpeg: it has libx265 and writes rotation flags the way phones do (.ci/run installs it). */
const DEBIAN_FFMPEG = '/usr/bin/ffmpeg';

/**
 * An iPhone-style clip: a 3-rep squat filmed upright, stored sideways as 10-bit HEVC with AAC sound
 * in a .mov whose rotation flag turns it portrait. Chromium plays such a file as sound only.
 */
export async function makePhoneClip(): Promise<string> {
  const out = path.join(FIXTURES, 'IMG_0412.mov');
  if (fs.existsSync(out)) return out;
  if (!fs.existsSync(DEBIAN_FFMPEG)) throw new Error(`${DEBIAN_FFMPEG} is missing: apt-get install -y ffmpeg (see .ci/run)`);
  const upright = path.join(FIXTURES, 'phone-upright.mp4');
  const stored = path.join(FIXTURES, 'phone-stored.mov');
  await generateVideo({ outPath: upright, activity: 'squat', reps: 3, width: 360, height: 640 });
  const ffmpeg = (...args: string[]) => execFileSync(DEBIAN_FFMPEG, ['-hide_banner', '-loglevel', 'error', '-y', ...args]);
  // Turned a quarter counter-clockwise here, so that `rotate=270` (as this ffmpeg writes it) shows it upright.
  ffmpeg('-i', upright, '-f', 'lavfi', '-i', 'sine=frequency=440:sample_rate=48000', '-shortest', '-vf', 'transpose=2',
    '-c:v', 'libx265', '-x265-params', 'log-level=error', '-pix_fmt', 'yuv420p10le', '-tag:v', 'hvc1', '-c:a', 'aac', stored);
  ffmpeg('-i', stored, '-c', 'copy', '-metadata:s:v:0', 'rotate=270', out);
  fs.copyFileSync(truthPathOf(upright), truthPathOf(out));
  fs.rmSync(stored);
  return out;
}
