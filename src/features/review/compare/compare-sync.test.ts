import { describe, expect, it } from 'vitest';
import { followerTime, playFrom, playUntil, tempoScale, windowOf } from './compare-sync.ts';

const rep = (start: number, mid: number, end: number) => ({ startTimestampMs: start, midTimestampMs: mid, endTimestampMs: end, analyses: [] });

describe('compare sync', () => {
  // A: 2 s rep with its bottom 1 s in; B: a slower 3 s rep with its bottom 2 s in.
  const a = rep(10_000, 11_000, 12_000);
  const b = rep(4_000, 6_000, 7_000);

  it('puts both bottoms at the same moment when aligned at the bottom', () => {
    const [wa, wb] = [windowOf(a, 'bottom'), windowOf(b, 'bottom')];
    expect(followerTime(11_000, wa, wb, 1)).toBe(6_000);
    expect(followerTime(11_500, wa, wb, 1)).toBe(6_500);
  });

  it('aligned at the start with matched tempo, both start and end together', () => {
    const [wa, wb] = [windowOf(a, 'start'), windowOf(b, 'start')];
    const scale = tempoScale(wa, wb, true);
    expect(scale).toBe(1.5);
    expect(followerTime(10_000, wa, wb, scale)).toBe(4_000);
    expect(followerTime(12_000, wa, wb, scale)).toBe(7_000);
    expect(tempoScale(wa, wb, false)).toBe(1);
  });

  it('plays from the earlier start to the later end of the two, on A’s clock', () => {
    const [wa, wb] = [windowOf(a, 'bottom'), windowOf(b, 'bottom')];
    // B's start is 2 s before its bottom, A's only 1 s: A starts 2 s before its bottom.
    expect(playFrom(wa, wb, 1)).toBe(9_000);
    expect(playUntil(wa, wb, 1)).toBe(12_000);
  });
});
