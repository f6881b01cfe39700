import { describe, expect, it } from 'vitest';
import { createFailureWindow } from './failure-window.ts';

describe('failure window', () => {
  it('blocks a key after max failures until its window has passed', () => {
    let t = 1_000_000;
    const w = createFailureWindow({ max: 3, windowMs: 60_000, now: () => t });
    for (let i = 0; i < 3; i++) {
      expect(w.blockedFor('a')).toBe(0);
      w.fail('a');
    }
    expect(w.blockedFor('a')).toBe(60);
    expect(w.blockedFor('b')).toBe(0); // keys are apart
    t += 45_000;
    expect(w.blockedFor('a')).toBe(15);
    t += 15_000;
    expect(w.blockedFor('a')).toBe(0);
    w.fail('a'); // a new window starts
    expect(w.blockedFor('a')).toBe(0);
  });

  it('clears a key on success', () => {
    const w = createFailureWindow({ max: 2, windowMs: 60_000, now: () => 0 });
    w.fail('a');
    w.clear('a');
    w.fail('a');
    expect(w.blockedFor('a')).toBe(0);
  });
});
