import { describe, expect, it } from 'vitest';
import type { VideoDetail } from '../contract/api.ts';
import { videoRefetchInterval } from './get-video.ts';

const state = (data: Partial<VideoDetail> | undefined, dataUpdateCount = 1) =>
  ({ state: { data, dataUpdateCount } }) as unknown as Parameters<typeof videoRefetchInterval>[0];

describe('video polling', () => {
  it('polls, backing off, only while a playback copy is being prepared', () => {
    expect(videoRefetchInterval(state({ status: 'Success', playback: 'Preparing' }))).toBe(2000);
    expect(videoRefetchInterval(state({ status: 'Success', playback: 'Preparing' }, 4))).toBe(6750);
    expect(videoRefetchInterval(state({ status: 'Success', playback: 'Copy' }))).toBe(false);
    expect(videoRefetchInterval(state({ status: 'Success' }))).toBe(false);
    expect(videoRefetchInterval(state(undefined, 0))).toBe(false);
  });
});
