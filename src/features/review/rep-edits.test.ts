import { describe, expect, it } from 'vitest';
import type { Rep } from '../../contract/guru.ts';
import { addRep, deleteRep, mergeWithNext, moveEdge, splitRep } from './rep-edits.ts';

const rep = (start: number, mid: number, end: number): Rep => ({ startTimestampMs: start, midTimestampMs: mid, endTimestampMs: end, analyses: [] });
const SET = [rep(1000, 1500, 2000), rep(3000, 3600, 4000), rep(5000, 5400, 6000)];
const starts = (result: ReturnType<typeof deleteRep>) => ('reps' in result ? result.reps.map((r) => r.startTimestampMs) : result.error);

describe('rep edits', () => {
  it('deletes a rep and keeps the others exactly (their bottoms too)', () => {
    expect(deleteRep(SET, 1)).toEqual({
      reps: [
        { startTimestampMs: 1000, midTimestampMs: 1500, endTimestampMs: 2000 },
        { startTimestampMs: 5000, midTimestampMs: 5400, endTimestampMs: 6000 },
      ],
    });
  });

  it('splits a rep at the playhead into two whose bottoms are found anew, not at its very ends', () => {
    const split = splitRep(SET, 1, 3500.4);
    expect('reps' in split && split.reps.slice(1, 3)).toEqual([
      { startTimestampMs: 3000, endTimestampMs: 3500 },
      { startTimestampMs: 3500, endTimestampMs: 4000 },
    ]);
    expect(splitRep(SET, 1, 3100)).toHaveProperty('error');
    expect(splitRep(SET, 1, 4500)).toHaveProperty('error');
  });

  it('merges a rep with the next, and says so when there is none', () => {
    expect(mergeWithNext(SET, 0)).toEqual({
      reps: [{ startTimestampMs: 1000, endTimestampMs: 4000 }, { startTimestampMs: 5000, midTimestampMs: 5400, endTimestampMs: 6000 }],
    });
    expect(mergeWithNext(SET, 2)).toEqual({ error: 'There is no next rep to merge with.' });
  });

  it("moves an edge within its neighbours; a bottom left outside is found anew, one set outside is refused", () => {
    expect(moveEdge(SET, 1, 'start', 2500)).toMatchObject({ reps: [{}, { startTimestampMs: 2500, midTimestampMs: 3600 }, {}] });
    expect(moveEdge(SET, 1, 'start', 1900)).toEqual({ error: 'Rep 2 would start before rep 1 ends.' });
    expect(moveEdge(SET, 1, 'end', 5100)).toEqual({ error: 'Rep 2 would end after rep 3 starts.' });
    expect(moveEdge(SET, 1, 'end', 3200)).toEqual({ error: 'A rep must last at least 0.3 s: its start must come before its end.' });
    const moved = moveEdge(SET, 1, 'end', 3500);
    expect('reps' in moved && moved.reps[1]).toEqual({ startTimestampMs: 3000, endTimestampMs: 3500 });
    expect(moveEdge(SET, 1, 'mid', 3800)).toMatchObject({ reps: [{}, { midTimestampMs: 3800 }, {}] });
    expect(moveEdge(SET, 1, 'mid', 4200)).toHaveProperty('error');
  });

  it('adds a missed rep in a gap, in time order, from a drag either way', () => {
    expect(starts(addRep(SET, 4900, 4100))).toEqual([1000, 3000, 4100, 5000]);
    expect(starts(addRep(SET, 2100, 2200))).toMatch(/at least 0.3 s/);
    expect(starts(addRep(SET, 1800, 2600))).toBe('That overlaps rep 1: a new rep goes in a gap between reps.');
  });
});
