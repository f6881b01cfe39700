/**
 * Real analysis through the Guru API: generated videos of every activity are created, uploaded to
 * the signed URL and analysed by the local Guru's worker pool; counts must match ground truth.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { domainOf, type Activity } from '../src/contract/guru.ts';
import { generateVideo, makeNoPersonVideo, type GroundTruth } from '../scripts/fixtures/generate.ts';
import { FIXTURE_ACTIVITIES } from '../scripts/fixtures/motion.ts';
import { uploadViaApi, waitForAnalysis } from '../scripts/replens-api.ts';
import { loadConfig } from './config.ts';
import { startRepLens, type RepLens } from './start.ts';

let dir: string;
let app: RepLens;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replens-analysis-api-'));
  app = await startRepLens(loadConfig({ PORT: '0', DATA_DIR: path.join(dir, 'data') }), { distDir: dir });
});
afterAll(async () => {
  await app?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function uploadAndWait(file: string, activity: Activity) {
  const id = await uploadViaApi(app.url, file, { athlete: 'Test', domain: domainOf(activity), activity });
  return { id, ...(await waitForAnalysis(app.url, id)) };
}

describe('analysis through the local Guru API', () => {
  it('counts the reps of every activity', { timeout: 240_000 }, async () => {
    const cases = await Promise.all(
      FIXTURE_ACTIVITIES.map(async (activity) => {
        const file = path.join(dir, `${activity}.mp4`);
        const truth: GroundTruth = await generateVideo({ outPath: file, activity, reps: 2, width: 480, height: 360 });
        return { activity, file, truth };
      }),
    );
    const results = await Promise.all(cases.map((c) => uploadAndWait(c.file, c.activity)));
    results.forEach((result, i) => {
      const { activity, truth } = cases[i];
      expect({ activity, status: result.status, reps: result.reps.length }).toEqual({ activity, status: 'Complete', reps: truth.reps.length });
      result.reps.forEach((rep, r) => expect(Math.abs((rep.midTimestampMs ?? NaN) - truth.reps[r].bottomMs)).toBeLessThan(400));
    });

    // The library's poster frame is cut from the uploaded video, then served from the cache.
    const poster = await fetch(`${app.url}/api/videos/${results[0].id}/poster`);
    expect(poster.status).toBe(200);
    expect(poster.headers.get('content-type')).toBe('image/jpeg');
    expect([...new Uint8Array(await poster.arrayBuffer()).slice(0, 2)]).toEqual([0xff, 0xd8]);
    expect(fs.existsSync(path.join(dir, 'data', 'posters', `${results[0].id}.jpg`))).toBe(true);
  });

  it('fails a video with no person, and a file that is not a video, with their reasons', { timeout: 120_000 }, async () => {
    const empty = path.join(dir, 'empty-room.mp4');
    await makeNoPersonVideo(empty);
    const text = path.join(dir, 'notes.mp4');
    fs.writeFileSync(text, 'these are my training notes, not a video\n'.repeat(50));
    const [noPerson, notVideo] = await Promise.all([uploadAndWait(empty, 'squat'), uploadAndWait(text, 'squat')]);
    expect(noPerson).toMatchObject({ status: 'Failed', reason: 'LOW_QUALITY_POSE_ESTIMATE' });
    expect(notVideo).toMatchObject({ status: 'Failed', reason: 'UNDECODABLE_VIDEO' });
    expect((await fetch(`${app.url}/api/videos/${notVideo.id}/poster`)).status).toBe(404);
  });
});
