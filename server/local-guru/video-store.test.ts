import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { freshSchema, notePostgresSkipped, TEST_DATABASE_URL } from '../lib/test-postgres.ts';
import { openPostgresVideoStore } from './postgres/video-store.ts';
import { testRecord } from './test-records.ts';
import { openFileVideoStore, type VideoRecord, type VideoStore } from './video-store.ts';

const backends: { name: string; available: boolean; open(root: string): Promise<{ store: VideoStore; drop(): Promise<void> }> }[] = [
  { name: 'files', available: true, open: async (root) => ({ store: openFileVideoStore(root), drop: async () => {} }) },
  {
    name: 'postgres',
    available: !!TEST_DATABASE_URL,
    async open(root) {
      const { schema, drop } = await freshSchema();
      return { store: await openPostgresVideoStore(TEST_DATABASE_URL!, root, { schema, max: 3 }), drop: () => drop() };
    },
  },
];
notePostgresSkipped();

const complete = (r: VideoRecord) => void (r.analysis = { ...r.analysis, status: 'Complete' });

for (const backend of backends) {
  describe.skipIf(!backend.available)(`VideoStore on ${backend.name}`, () => {
    let root: string;
    let store: VideoStore;
    let drop: () => Promise<void>;
    beforeEach(async () => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'video-store-'));
      ({ store, drop } = await backend.open(root));
    });
    afterEach(async () => {
      await store.close();
      await drop();
      fs.rmSync(root, { recursive: true, force: true });
    });

    it('saves, reads back and updates a record; an unknown id is undefined', async () => {
      await store.save(testRecord('a'));
      expect(await store.get('a')).toEqual(testRecord('a'));
      expect(await store.update('a', (r) => void (r.repCount = 5))).toMatchObject({ repCount: 5 });
      expect((await store.get('a'))?.repCount).toBe(5);
      expect(await store.get('nope')).toBeUndefined();
      expect(await store.update('nope', (r) => void (r.repCount = 1))).toBeUndefined();
    });

    it('lists the uploaded videos whose analysis or playback copy is unfinished', async () => {
      await store.save(testRecord('pending'));
      await store.save(testRecord('not-uploaded', { status: 'Pending' }));
      await store.save(testRecord('done', { analysis: { ...testRecord('x').analysis, status: 'Complete' } }));
      await store.save(testRecord('copying', { analysis: { ...testRecord('x').analysis, status: 'Complete' }, playback: 'Preparing' }));
      expect((await store.unfinished()).map((r) => r.id).sort()).toEqual(['copying', 'pending']);
    });

    it('records an analysis outcome once, and only for the current run', async () => {
      await store.save(testRecord('a', { analysisRun: 1 }));
      expect(await store.recordAnalysis('a', 0, complete)).toBe(false); // a replaced run
      expect((await store.get('a'))?.analysis.status).toBe('Pending');
      const twice = await Promise.all([store.recordAnalysis('a', 1, complete), store.recordAnalysis('a', 1, complete)]);
      expect(twice.sort()).toEqual([false, true]);
      expect((await store.get('a'))?.analysis.status).toBe('Complete');
      expect(await store.recordAnalysis('missing', 0, complete)).toBe(false);
    });

    it('keeps joint data and uploads as files under its root', async () => {
      store.saveJoints('a', { jointToPoints: { leftKnee: [] } });
      expect(store.jointsFile('a')).toBe(path.join(root, 'videos', 'a.j2p.json'));
      expect(store.joints('a')).toEqual({ jointToPoints: { leftKnee: [] } });
      expect(store.joints('b')).toEqual({ jointToPoints: {} });
      expect(store.filePath('a')).toBe(path.join(root, 'files', 'a'));
    });
  });
}

describe.skipIf(!TEST_DATABASE_URL)('VideoStore on postgres, two instances', () => {
  it('shares records at once (no cache) and logs each recorded outcome', async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'video-store-'));
    const { schema, drop } = await freshSchema();
    // Two servers starting at once: the migrations run once, under the lock.
    const [a, b] = await Promise.all([0, 1].map(() => openPostgresVideoStore(TEST_DATABASE_URL!, root, { schema, max: 2 })));
    try {
      await a.save(testRecord('v'));
      expect((await b.get('v'))?.id).toBe('v');
      await b.update('v', (r) => void (r.repCount = 4));
      expect((await a.get('v'))?.repCount).toBe(4);
      const results = await Promise.all([a.recordAnalysis('v', 0, complete, 'a'), b.recordAnalysis('v', 0, complete, 'b')]);
      expect(results.filter(Boolean)).toHaveLength(1);
      const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
      await client.connect();
      const { rows } = await client.query(`SELECT video_id, run, status FROM ${schema}.analysis_outcomes`);
      await client.end();
      expect(rows).toEqual([{ video_id: 'v', run: 0, status: 'Complete' }]);
    } finally {
      await Promise.all([a.close(), b.close()]);
      await drop();
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});
