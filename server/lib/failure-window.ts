/**
 * Counting failed attempts per key (a client address, an email) in a fixed window: after `max`
 * failures the key is refused until the window that began with its first failure has passed.
 */
export interface FailureWindowOptions {
  max: number;
  windowMs: number;
  now: () => number;
}

export function createFailureWindow({ max, windowMs, now }: FailureWindowOptions) {
  const failures = new Map<string, { count: number; since: number }>();
  const live = (key: string) => {
    const record = failures.get(key);
    if (record && now() - record.since >= windowMs) {
      failures.delete(key);
      return undefined;
    }
    return record;
  };
  return {
    /** Seconds until `key` may try again, or 0 when it may now. */
    blockedFor(key: string): number {
      const record = live(key);
      return record && record.count >= max ? Math.max(1, Math.ceil((record.since + windowMs - now()) / 1000)) : 0;
    },
    fail(key: string) {
      const record = live(key);
      failures.set(key, record ? { count: record.count + 1, since: record.since } : { count: 1, since: now() });
      // Forget old keys now and then, so a stream of distinct addresses cannot grow the map forever.
      if (failures.size > 10_000) for (const k of failures.keys()) live(k);
    },
    clear(key: string) {
      failures.delete(key);
    },
  };
}

export type FailureWindow = ReturnType<typeof createFailureWindow>;
