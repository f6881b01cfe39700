/** Generated test media with exact ground truth, shared by the specs. */
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
};

export async function ensureFixtures() {
  if (!fs.existsSync(videos.squat5)) await generateVideo({ outPath: videos.squat5, activity: 'squat', reps: 5 });
  if (!fs.existsSync(videos.squat3)) await generateVideo({ outPath: videos.squat3, activity: 'squat', reps: 3 });
  if (!fs.existsSync(videos.notAVideo)) await makeNotAVideo(videos.notAVideo);
  if (!fs.existsSync(videos.noPerson)) await makeNoPersonVideo(videos.noPerson, { seconds: 2 });
}

export function truthOf(video: string): GroundTruth {
  return JSON.parse(fs.readFileSync(truthPathOf(video), 'utf8')) as GroundTruth;
}
