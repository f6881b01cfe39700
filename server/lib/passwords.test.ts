import { describe, expect, it } from 'vitest';
import { hashPassword, verifyPassword } from './passwords.ts';

const cheap = { ln: 10, r: 8, p: 1 };

describe('password hashing (scrypt)', () => {
  it('stores the parameters and a per-password salt beside the hash', async () => {
    const a = await hashPassword('deadlift-day-1', cheap);
    const b = await hashPassword('deadlift-day-1', cheap);
    expect(a).toMatch(/^\$scrypt\$ln=10,r=8,p=1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('deadlift');
  });

  it('verifies the right password only', async () => {
    const stored = await hashPassword('deadlift-day-1', cheap);
    expect(await verifyPassword('deadlift-day-1', stored)).toBe(true);
    expect(await verifyPassword('deadlift-day-2', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('verifies with the parameters the hash was made with', async () => {
    const stronger = await hashPassword('bench-press-77', { ln: 12, r: 8, p: 1 });
    expect(await verifyPassword('bench-press-77', stronger)).toBe(true);
  });

  it('treats the same text in another Unicode form as the same password', async () => {
    const stored = await hashPassword('Ch\u00e9n-squats', cheap);
    expect(await verifyPassword('Che\u0301n-squats', stored)).toBe(true);
  });

  it('answers false, never throws, for values that are not its hashes or have absurd costs', async () => {
    for (const bad of ['', 'plain', '$scrypt$ln=10,r=8,p=1$short$short', '$scrypt$ln=40,r=8,p=1$AAAAAAAAAAAAAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA']) {
      expect(await verifyPassword('x', bad)).toBe(false);
    }
  });
});
