import { describe, expect, it } from 'vitest';
import { fillGaps, median, median3, smoothSeries } from './smooth.ts';

describe('smoothing', () => {
  it('bridges short gaps only', () => {
    expect(fillGaps([1, NaN, 3], 2)).toEqual([1, 2, 3]);
    expect(fillGaps([1, NaN, NaN, NaN, 5], 2).slice(1, 4).every(Number.isNaN)).toBe(true);
    expect(fillGaps([NaN, 2, 4, NaN], 1)).toEqual([2, 2, 4, 4]);
  });
  it('removes a one-frame spike but keeps the bottom of a fast rep within a few degrees', () => {
    expect(median3([10, 10, 90, 10, 10])).toEqual([10, 10, 10, 10, 10]);
    // A 0.5 s descent and 0.5 s ascent from 170 to 70 degrees, sampled at 15 fps.
    const rep = Array.from({ length: 16 }, (_, i) => 120 + 50 * Math.cos((2 * Math.PI * i) / 15));
    expect(Math.min(...smoothSeries(rep, 15))).toBeLessThan(70 + 5);
  });
});

describe('median', () => {
  it('is the middle value, the upper middle for an even count, NaN for none', () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(3);
    expect(median([])).toBeNaN();
  });
});
