/** Damaged files end Failed with a reason that names the damage, never Complete with 0 reps. */
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import ffmpeg from '@ffmpeg-installer/ffmpeg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { analyzeVideo } from './analyze.ts';

let dir: string;
const file = (name: string) => path.join(dir, name);
const run = (...args: string[]) => promisify(execFile)(ffmpeg.path, ['-v', 'error', '-y', ...args]);

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replens-damaged-'));
  // faststart puts the index first, as phones do: the first 30% of the bytes still probes as 6 s.
  await run('-f', 'lavfi', '-i', 'testsrc=size=320x240:rate=30', '-t', '6', '-pix_fmt', 'yuv420p', '-movflags', '+faststart', file('full.mp4'));
  const bytes = fs.readFileSync(file('full.mp4'));
  fs.writeFileSync(file('cut.mp4'), bytes.subarray(0, Math.round(bytes.length * 0.3)));
  await run('-f', 'lavfi', '-i', 'testsrc=size=64x64', '-frames:v', '1', '-f', 'image2', '-c:v', 'png', file('picture.mp4'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

it('reports the first 30% of an MP4 as TRUNCATED_VIDEO', async () => {
  const outcome = await analyzeVideo(file('cut.mp4'), { domain: 'weightlifting', activity: 'squat' });
  expect(outcome).toMatchObject({ status: 'Failed', reason: 'TRUNCATED_VIDEO' });
});

it('reports a PNG renamed .mp4 as UNDECODABLE_VIDEO, not a pose problem', async () => {
  const outcome = await analyzeVideo(file('picture.mp4'), { domain: 'weightlifting', activity: 'squat' });
  expect(outcome).toMatchObject({ status: 'Failed', reason: 'UNDECODABLE_VIDEO' });
});
