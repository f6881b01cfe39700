/** A RepLens that ran on one machine moves to PostgreSQL with its library and its analysed videos. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshSchema, notePostgresSkipped, TEST_DATABASE_URL } from './lib/test-postgres.ts';
import { openPostgresVideoStore } from './local-guru/postgres/video-store.ts';
import { testRecord } from './local-guru/test-records.ts';
import { openFileVideoStore, type VideoRecord } from './local-guru/video-store.ts';
import { moveToPostgres } from './move-to-postgres.ts';
import { openSqliteLibrary } from './proxy/library.ts';
import { openPostgresLibrary } from './proxy/postgres/library.ts';

const record = (id: string, status: 'Complete' | 'Pending'): VideoRecord =>
  testRecord(id, {
    filename: `${id}.mp4`,
    analysis: { status, reason: null, domain: 'weightlifting', activity: 'squat', view: 'side', reps: status === 'Complete' ? [{ startTimestampMs: 0, endTimestampMs: 900, analyses: [] }] : [] },
    fps: 30,
    width: 640,
    height: 480,
    durationMs: 3000,
  });

notePostgresSkipped();
describe.skipIf(!TEST_DATABASE_URL)('moving to PostgreSQL', () => {
  let dataDir: string;
  let schemas: Awaited<ReturnType<typeof freshSchema>>[];
  beforeEach(async () => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'replens-move-'));
    schemas = [await freshSchema(), await freshSchema()];
    const library = openSqliteLibrary(dataDir);
    for (const id of ['done', 'waiting']) {
      await library.add({ id, athlete: 'Maya', filename: `${id}.mp4`, size: 10, domain: 'weightlifting', activity: 'squat', expectedReps: 1 });
    }
    await library.update('done', { status: 'Complete', repsFound: 1 });
    await library.close();
    const files = openFileVideoStore(path.join(dataDir, 'local-guru'));
    await files.save(record('done', 'Complete'));
    await files.save(record('waiting', 'Pending'));
    files.saveJoints('done', { jointToPoints: { left_knee: [{ frame_idx: 0, part: 'left_knee', position: { x: 0.5, y: 0.5 }, score: 0.9, timestamp: 0 }] } });
  });
  afterEach(async () => {
    await Promise.all(schemas.map((s) => s.drop()));
    fs.rmSync(dataDir, { recursive: true, force: true });
  });

  const options = () => ({ librarySchema: schemas[0].schema, guruSchema: schemas[1].schema });

  it('brings the library and the local Guru records; the files stay and are found', async () => {
    expect(await moveToPostgres(dataDir, TEST_DATABASE_URL!, options())).toMatchObject({ library: { sessions: 2, athletes: 1 }, videos: 2 });

    const library = await openPostgresLibrary(TEST_DATABASE_URL!, { schema: schemas[0].schema, max: 1 });
    const videos = await openPostgresVideoStore(TEST_DATABASE_URL!, path.join(dataDir, 'local-guru'), { schema: schemas[1].schema, max: 1 });
    try {
      expect((await library.list()).items.map((s) => [s.id, s.status])).toEqual([
        ['waiting', 'Uploading'],
        ['done', 'Complete'],
      ]);
      expect(await videos.get('done')).toEqual(record('done', 'Complete'));
      // The one still waiting for its analysis is found, so a server starting on the database queues it.
      expect((await videos.unfinished()).map((r) => r.id)).toEqual(['waiting']);
      expect(videos.joints('done').jointToPoints.left_knee).toHaveLength(1);
    } finally {
      await library.close();
      await videos.close();
    }
  });

  it('refuses a database that already has videos, and copies nothing of the library either', async () => {
    const videos = await openPostgresVideoStore(TEST_DATABASE_URL!, path.join(dataDir, 'local-guru'), { schema: schemas[1].schema, max: 1 });
    await videos.save(record('other', 'Complete'));
    await videos.close();
    await expect(moveToPostgres(dataDir, TEST_DATABASE_URL!, options())).rejects.toThrow(/already has 1 videos/);
    const library = await openPostgresLibrary(TEST_DATABASE_URL!, { schema: schemas[0].schema, max: 1 });
    expect((await library.list()).total).toBe(0);
    await library.close();
  });
});
