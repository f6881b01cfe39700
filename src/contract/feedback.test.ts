import { describe, expect, it } from 'vitest';
import { drawnAngle, feedbackAt, newNoteSchema, shapeSchema, type Shape } from './feedback.ts';

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

  it('shows an item from its time for its window', () => {
    const items = [{ timeMs: 1000 }, { timeMs: 3000 }];
    expect(feedbackAt(items, 999, 1000)).toEqual([{ timeMs: 1000 }]);
    expect(feedbackAt(items, 1999, 1000)).toEqual([{ timeMs: 1000 }]);
    expect(feedbackAt(items, 2000, 1000)).toEqual([]);
    expect(feedbackAt(items, 900, 1000)).toEqual([]);
  });
});
