import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeNoPersonVideo } from '../../scripts/fixtures/generate.ts';
import { createAnalysisPool } from './pool.ts';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'replens-pool-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('AnalysisPool.warm', () => {
  it('starts the workers with their model loaded before any job, then serves jobs on them', async () => {
    const file = path.join(dir, 'empty.mp4');
    await makeNoPersonVideo(file, { seconds: 1 });
    const pool = createAnalysisPool({ threads: 2 });
    try {
      await pool.warm();
      // A second call finds every worker started and returns at once.
      await pool.warm();
      expect(await pool.analyze(file, { activity: 'squat' })).toMatchObject({ status: 'Failed', reason: 'LOW_QUALITY_POSE_ESTIMATE' });
    } finally {
      await pool.close();
    }
    await expect(pool.warm()).resolves.toBeUndefined();
  });
});
