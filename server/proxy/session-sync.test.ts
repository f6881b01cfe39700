/** Session sync on both library backends, with Guru as a scripted double and a clock the test moves. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AnalysisResponse, VideoResponse } from '../../src/contract/guru.ts';
import { ProxyError } from './errors.ts';
import type { Library } from './library-store.ts';
import { ABANDONED_AFTER_MS, createSessionSync } from './session-sync.ts';
import { describeEachBackend, type TestLibrary } from './test-libraries.ts';

let library: Library;
let clock: number;
const videos = new Map<string, VideoResponse | 'gone'>();
const analyses = new Map<string, AnalysisResponse>();
const asked: string[] = [];
const guru = {
  async getVideo(id: string) {
    asked.push(`video ${id}`);
    const v = videos.get(id);
    if (!v || v === 'gone') throw new ProxyError(404, 'not_found', 'gone');
    return v;
  },
  async getAnalysis(id: string) {
    asked.push(`analysis ${id}`);
    const a = analyses.get(id);
    if (!a) throw new ProxyError(503, 'guru_unavailable', 'down');
    return a;
  },
};

const add = (id: string) =>
  library.add({ id, athlete: 'A', filename: 'set.mp4', size: 1, domain: 'weightlifting', activity: 'squat', expectedReps: 3 });
const rep = (confidence: number) => ({ startTimestampMs: 0, endTimestampMs: 1000, confidence, analyses: [] });

describeEachBackend((backend) => {
  let opened: TestLibrary;
  beforeEach(async () => {
    opened = await backend.open();
    library = opened.library;
    clock = Date.parse('2026-11-30T10:00:00Z');
    videos.clear();
    analyses.clear();
    asked.length = 0;
  });
  afterEach(() => opened.close());

  describe('session sync', () => {
    it('moves sessions on their way to where Guru has them, each at most every few seconds', async () => {
      const sync = createSessionSync({ guru, library, now: () => clock, everyMs: 4000 });
      await add('arrived');
      await add('waiting');
      await add('gone');
      videos.set('arrived', { status: 'Success' });
      videos.set('waiting', { status: 'Pending' });
      videos.set('gone', 'gone');
      analyses.set('arrived', { status: 'Complete', reps: [rep(0.9), rep(0.3), rep(0.8)] });

      await sync.refreshNow();
      expect(await library.get('arrived')).toMatchObject({ status: 'Complete', repsFound: 3, lowConfidenceReps: 1, needsReview: true });
      expect(await library.get('waiting')).toMatchObject({ status: 'Uploading' });
      expect(await library.get('gone')).toMatchObject({ status: 'Failed', reason: 'VIDEO_NOT_FOUND' });

      asked.length = 0;
      clock += 1000;
      await sync.refreshNow();
      expect(asked).toEqual([]);
      clock += 3000;
      await sync.refreshNow();
      expect(asked).toEqual(['video waiting']);
    });

    it('marks a file that never arrived as failed after the signed form could have been used', async () => {
      const sync = createSessionSync({ guru, library, now: () => clock });
      await add('lost');
      videos.set('lost', { status: 'Pending' });
      clock = Date.parse((await library.get('lost'))!.createdAt) + ABANDONED_AFTER_MS - 1000;
      await sync.refreshNow();
      expect((await library.get('lost'))!.status).toBe('Uploading');
      clock += 10_000;
      await sync.refreshNow();
      expect(await library.get('lost')).toMatchObject({ status: 'Failed', reason: 'UPLOAD_NOT_RECEIVED' });
    });

    it('keeps going when Guru fails for one session, and joins a pass already running', async () => {
      const sync = createSessionSync({ guru, library, now: () => clock });
      await add('down');
      await add('fine');
      videos.set('down', { status: 'Success' });
      videos.set('fine', { status: 'Success' });
      analyses.set('fine', { status: 'Pending', reps: [] });
      const [a, b] = [sync.refreshNow(), sync.refreshNow()];
      expect(a).toBe(b);
      await a;
      expect((await library.get('down'))!.status).toBe('Pending');
      expect((await library.get('fine'))!.status).toBe('Pending');
    });
  });
});
