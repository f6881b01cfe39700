import { describe, expect, it } from 'vitest';
import {
  comparisonQuery,
  compareSettingsOf,
  drawnAngle,
  feedbackAt,
  newCompareShareSchema,
  newNoteSchema,
  newNoteSchemaFor,
  noteChangeSchemaFor,
  parseComparisonQuery,
  shapeSchema,
  withCompareSettings,
  type Comparison,
  type Shape,
} from './feedback.ts';

describe('drawnAngle', () => {
  it('measures on the real picture, not on normalised coordinates', () => {
    // On a 1920×1080 frame, 0.1 across is 192 px and 0.1 down is 108 px.
    const shape: Shape = { kind: 'angle', points: [{ x: 0.6, y: 0.5 }, { x: 0.5, y: 0.5 }, { x: 0.6, y: 0.4 }] };
    expect(drawnAngle(shape, 1920, 1080)).toBeCloseTo((Math.atan2(108, 192) * 180) / Math.PI, 6);
    expect(drawnAngle(shape, 1000, 1000)).toBeCloseTo(45, 6);
    expect(drawnAngle({ kind: 'line', points: shape.points.slice(0, 2) }, 1920, 1080)).toBeNull();
    expect(drawnAngle(shape, 0, 0)).toBeNull();
  });
});

describe('the feedback contract', () => {
  it('takes a shape only with the points its tool needs, inside the picture', () => {
    const p = { x: 0.5, y: 0.5 };
    expect(shapeSchema.safeParse({ kind: 'circle', points: [p, p] }).success).toBe(true);
    expect(shapeSchema.safeParse({ kind: 'angle', points: [p, p] }).success).toBe(false);
    expect(shapeSchema.safeParse({ kind: 'arrow', points: [p, { x: -0.1, y: 0 }] }).success).toBe(false);
  });

  it('keeps line breaks in a note, refuses direction-changing characters', () => {
    expect(newNoteSchema.parse({ timeMs: 0, text: ' a\nb ' })).toEqual({ timeMs: 0, rep: null, text: 'a\nb' });
    expect(newNoteSchema.safeParse({ timeMs: 0, text: 'a\u202eb' }).success).toBe(false);
  });

  it("pins a note to one of the set's reps when their number is known; a move changes something", () => {
    expect(newNoteSchemaFor(3).safeParse({ timeMs: 0, rep: 3, text: 'x' }).success).toBe(true);
    expect(newNoteSchemaFor(3).safeParse({ timeMs: 0, rep: 4, text: 'x' }).error?.issues[0].message).toBe('this set has 3 reps');
    expect(newNoteSchemaFor(null).safeParse({ timeMs: 0, rep: 40, text: 'x' }).success).toBe(true);
    const move = noteChangeSchemaFor(1);
    expect(move.parse({ timeMs: 2500, rep: null })).toEqual({ timeMs: 2500, rep: null });
    expect(move.safeParse({ rep: 2 }).error?.issues[0].message).toBe('this set has 1 rep');
    for (const bad of [{}, { timeMs: -1 }, { timeMs: 0.5 }, { timeMs: Number.POSITIVE_INFINITY }, { rep: 0 }, { rep: 1, by: 'me' }]) {
      expect(move.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('shows an item from its time for its window', () => {
    const items = [{ timeMs: 1000 }, { timeMs: 3000 }];
    expect(feedbackAt(items, 999, 1000)).toEqual([{ timeMs: 1000 }]);
    expect(feedbackAt(items, 1999, 1000)).toEqual([{ timeMs: 1000 }]);
    expect(feedbackAt(items, 2000, 1000)).toEqual([]);
    expect(feedbackAt(items, 900, 1000)).toEqual([]);
  });
});

describe('a comparison as text', () => {
  const reps = { a: { videoId: 'vid-a', rep: 2 }, b: { videoId: 'vid-b', rep: 4 } };

  it('reads a link kept before the tempo was (no tempo parameter) as each rep at its own tempo', () => {
    expect(parseComparisonQuery('a=vid-a:2&b=vid-b:4&align=bottom')).toEqual({ ...reps, align: 'bottom', matchTempo: false });
  });

  it('keeps the tempo and the alignment through its text, and an unmatched one as before', () => {
    for (const settings of [
      { align: 'start', matchTempo: true },
      { align: 'bottom', matchTempo: false },
    ] as const) {
      const comparison: Comparison = { ...reps, ...settings };
      expect(parseComparisonQuery(comparisonQuery(comparison))).toEqual(comparison);
    }
    expect(comparisonQuery({ ...reps, align: 'start', matchTempo: true })).toBe('a=vid-a:2&b=vid-b:4&align=start&tempo=match');
    expect(comparisonQuery({ ...reps, align: 'bottom', matchTempo: false })).toBe('a=vid-a:2&b=vid-b:4&align=bottom');
  });

  it('refuses kept text with an unknown tempo or alignment', () => {
    for (const query of ['a=vid-a:2&b=vid-b:4&align=bottom&tempo=yes', 'a=vid-a:2&b=vid-b:4&align=bottom&tempo=', 'a=vid-a:2&b=vid-b:4&align=middle']) {
      expect(() => parseComparisonQuery(query), query).toThrow();
    }
  });

  it('takes a new link with or without the tempo, never with a tampered one', () => {
    expect(newCompareShareSchema.parse({ ...reps, align: 'bottom', days: 7 }).matchTempo).toBe(false);
    expect(newCompareShareSchema.parse({ ...reps, align: 'bottom', matchTempo: true, days: 7 }).matchTempo).toBe(true);
    for (const matchTempo of ['true', 1, null, 'match']) {
      expect(newCompareShareSchema.safeParse({ ...reps, align: 'bottom', matchTempo, days: 7 }).success, String(matchTempo)).toBe(false);
    }
  });

  it("reads the compare page's address quietly: what is missing or unknown is the default", () => {
    const of = (query: string) => compareSettingsOf(new URLSearchParams(query));
    expect(of('a=vid-a:2&align=start&tempo=match')).toEqual({ align: 'start', matchTempo: true });
    expect(of('a=vid-a:2')).toEqual({ align: 'bottom', matchTempo: false });
    expect(of('align=middle&tempo=yes')).toEqual({ align: 'bottom', matchTempo: false });
    expect(of('align=&tempo=')).toEqual({ align: 'bottom', matchTempo: false });
  });

  it("writes the settings into the compare page's address, keeping its reps", () => {
    const matched = withCompareSettings(new URLSearchParams('a=vid-a:2&b=vid-b:4'), { align: 'start', matchTempo: true });
    expect(Object.fromEntries(matched)).toEqual({ a: 'vid-a:2', b: 'vid-b:4', align: 'start', tempo: 'match' });
    const own = withCompareSettings(matched, { align: 'bottom', matchTempo: false });
    expect(Object.fromEntries(own)).toEqual({ a: 'vid-a:2', b: 'vid-b:4', align: 'bottom' });
    expect(compareSettingsOf(own)).toEqual({ align: 'bottom', matchTempo: false });
  });
});
