// @vitest-environment jsdom
import { act, renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import '../../test/setup-dom.ts';
import type { Rep } from '../../contract/guru.ts';
import { useReviewPlayer } from './use-review-player.ts';

const rep = (start: number, end: number): Rep => ({ startTimestampMs: start, midTimestampMs: (start + end) / 2, endTimestampMs: end, analyses: [] });
const reps = [rep(1000, 2000), rep(3000, 4000), rep(5000, 6000)];

/** With no video the replay clock drives the player: real time, no media element to fake. */
function renderPlayer(fps = 25) {
  return renderHook(() => useReviewPlayer({ reps, uri: null, j2p: undefined, fps }));
}

describe('useReviewPlayer', () => {
  it('plays from the replay clock when there is no video, over the reps plus a margin', () => {
    const { result } = renderPlayer();
    expect(result.current.playable).toBe(false);
    expect(result.current.durationMs).toBe(6000);
    expect(result.current.clock.currentTimeMs).toBe(0);
    expect(result.current.shownIndex).toBeUndefined();
  });

  it('selectRep seeks to the rep start and does not start play; goToRep plays it', () => {
    const { result } = renderPlayer();
    act(() => result.current.selectRep(1));
    expect(result.current.clock.currentTimeMs).toBe(3000);
    expect(result.current.activeIndex).toBe(1);
    expect(result.current.shownIndex).toBe(1);
    expect(result.current.clock.playing).toBe(false);

    act(() => result.current.goToRep(2));
    expect(result.current.clock.currentTimeMs).toBe(5000);
    expect(result.current.activeIndex).toBe(2);
    expect(result.current.clock.playing).toBe(true);
    act(() => result.current.selectRep(7));
    expect(result.current.activeIndex).toBe(2);
  });

  it('stepRep moves like a timeline click: paused stays paused, playing plays on', () => {
    const { result } = renderPlayer();
    expect(result.current.hasPrevious).toBe(false);
    act(() => result.current.stepRep(1));
    expect(result.current.clock.currentTimeMs).toBe(1000);
    expect(result.current.activeIndex).toBe(0);
    act(() => result.current.stepRep(1));
    expect(result.current.clock.currentTimeMs).toBe(3000);
    expect(result.current.clock.playing).toBe(false);
    act(() => result.current.stepRep(-1));
    expect(result.current.clock.currentTimeMs).toBe(1000);

    act(() => result.current.togglePlay());
    expect(result.current.clock.playing).toBe(true);
    act(() => result.current.stepRep(1));
    expect(result.current.activeIndex).toBe(1);
    expect(result.current.clock.playing).toBe(true);
    act(() => result.current.togglePlay());
    expect(result.current.clock.playing).toBe(false);
  });

  it('has no next rep after the last one and no previous before the first', () => {
    const { result } = renderPlayer();
    act(() => result.current.selectRep(2));
    expect(result.current.hasNext).toBe(false);
    act(() => result.current.stepRep(1));
    expect(result.current.activeIndex).toBe(2);
    expect(result.current.clock.currentTimeMs).toBe(5000);
  });

  it('stepFrame moves exactly one frame at the given fps, pauses, and stops at zero', () => {
    const { result } = renderPlayer(25);
    act(() => result.current.selectRep(1));
    act(() => result.current.stepFrame(1));
    expect(result.current.clock.currentTimeMs).toBeCloseTo(3040, 6);
    act(() => result.current.togglePlay());
    act(() => result.current.stepFrame(-1));
    expect(result.current.clock.playing).toBe(false);
    expect(result.current.clock.currentTimeMs).toBeCloseTo(3000, 6);
    act(() => result.current.seekTo(10));
    act(() => result.current.stepFrame(-1));
    expect(result.current.clock.currentTimeMs).toBe(0);
  });

  it('toggleLoop loops the rep under the playhead, or the first when none is chosen', () => {
    const { result } = renderPlayer();
    act(() => result.current.toggleLoop());
    expect(result.current.loop).toBe(true);
    expect(result.current.activeIndex).toBe(0);
    act(() => result.current.toggleLoop());
    expect(result.current.loop).toBe(false);
    act(() => result.current.selectRep(2));
    act(() => result.current.toggleLoop());
    expect(result.current.activeIndex).toBe(2);
  });

  it('seekTo moves the playhead without choosing a rep', () => {
    const { result } = renderPlayer();
    act(() => result.current.seekTo(3500));
    expect(result.current.activeIndex).toBeUndefined();
    expect(result.current.shownIndex).toBe(1);
  });
});
