import { useEffect, useState } from 'react';
import { formatElapsed } from '../../lib/format.ts';

/** The current time, ticking every `everyMs`. */
export function useNow(everyMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

export function ElapsedTime({ since }: { since: number }) {
  const now = useNow();
  return <span className="tabular-nums">{formatElapsed(now - since)}</span>;
}
