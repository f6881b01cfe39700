/** A local Guru video record for storage tests: uploaded, its analysis Pending unless `over` says otherwise. */
import type { VideoRecord } from './video-store.ts';

export const testRecord = (id: string, over: Partial<VideoRecord> = {}): VideoRecord => ({
  id,
  filename: 'set.mp4',
  size: 10,
  source: null,
  domain: 'weightlifting',
  activity: 'squat',
  repCount: null,
  createdAt: '2026-11-30T12:00:00.000Z',
  status: 'Success',
  uploadedBytes: 10,
  analysis: { status: 'Pending', reason: null, domain: 'weightlifting', activity: 'squat', reps: [] },
  fps: null,
  width: null,
  height: null,
  durationMs: null,
  ...over,
});
