import { describe, expect, it } from 'vitest';
import { hipSag, interiorAngle, thighToHorizontal, torsoElevation } from './geometry.ts';

describe('interiorAngle', () => {
  it('measures the angle at the middle joint', () => {
    expect(interiorAngle({ x: 0, y: 0 }, { x: 0, y: 10 }, { x: 0, y: 20 })).toBeCloseTo(180);
    expect(interiorAngle({ x: 10, y: 0 }, { x: 0, y: 0 }, { x: 0, y: 10 })).toBeCloseTo(90);
    expect(interiorAngle({ x: 10, y: 0 }, { x: 0, y: 0 }, { x: 10, y: 10 })).toBeCloseTo(45);
    // Wrapping around ±180 still gives the interior angle.
    expect(interiorAngle({ x: -10, y: 1 }, { x: 0, y: 0 }, { x: -10, y: -1 })).toBeCloseTo(11.42, 1);
  });
});

describe('thighToHorizontal (HIP_KNEE_ANGLE_DEGREES)', () => {
  const knee = { x: 100, y: 100 };
  it('is +90 standing, 0 at parallel, negative below parallel', () => {
    expect(thighToHorizontal({ x: 100, y: 20 }, knee)).toBeCloseTo(90);
    expect(thighToHorizontal({ x: 20, y: 100 }, knee)).toBeCloseTo(0);
    // Image y points down: a hip 10 px lower than the knee, 80 px behind it.
    expect(thighToHorizontal({ x: 20, y: 110 }, knee)).toBeCloseTo(-7.13, 1);
    expect(thighToHorizontal({ x: 20, y: 90 }, knee)).toBeCloseTo(7.13, 1);
  });
  it('does not depend on which way the athlete faces', () => {
    expect(thighToHorizontal({ x: 180, y: 110 }, knee)).toBeCloseTo(thighToHorizontal({ x: 20, y: 110 }, knee));
  });
});

describe('hipSag and torsoElevation', () => {
  const ankle = { x: 0, y: 100 };
  const shoulder = { x: 200, y: 60 };
  it('is positive when the hip drops below the shoulder-ankle line, negative for a pike', () => {
    expect(hipSag(shoulder, { x: 100, y: 80 }, ankle)).toBeCloseTo(0);
    expect(hipSag(shoulder, { x: 100, y: 95 }, ankle)).toBeGreaterThan(5);
    expect(hipSag(shoulder, { x: 100, y: 60 }, ankle)).toBeLessThan(-5);
    // Mirrored (facing left) gives the same answer.
    expect(hipSag({ x: -200, y: 60 }, { x: -100, y: 95 }, ankle)).toBeCloseTo(hipSag(shoulder, { x: 100, y: 95 }, ankle));
  });
  it('reads upright and lying torsos', () => {
    expect(torsoElevation({ x: 0, y: 100 }, { x: 5, y: 0 })).toBeGreaterThan(85);
    expect(torsoElevation({ x: 0, y: 100 }, { x: -100, y: 95 })).toBeLessThan(5);
  });
});
