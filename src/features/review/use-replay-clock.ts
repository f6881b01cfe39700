import { useCallback, useEffect, useRef, useState } from 'react';
import type { PlaybackClock } from './use-video-clock.ts';

/** A clock with no media behind it, for the skeleton replay when the video shows no picture. */
export function useReplayClock(durationMs: number, rate: number): PlaybackClock {
  const [currentTimeMs, setCurrentTimeMs] = useState(0);
  const [playing, setPlaying] = useState(false);
  const time = useRef(0);

  useEffect(() => {
    if (!playing) return;
    let last: number | undefined;
    let frame = requestAnimationFrame(function tick(now) {
      const t = Math.min(durationMs, time.current + (last === undefined ? 0 : (now - last) * rate));
      last = now;
      time.current = t;
      setCurrentTimeMs(t);
      if (t >= durationMs) setPlaying(false);
      else frame = requestAnimationFrame(tick);
    });
    return () => cancelAnimationFrame(frame);
  }, [playing, durationMs, rate]);

  const seek = useCallback(
    (timeMs: number) => {
      time.current = Math.min(durationMs, Math.max(0, timeMs));
      setCurrentTimeMs(time.current);
    },
    [durationMs],
  );
  const play = useCallback(() => {
    if (time.current >= durationMs) seek(0);
    setPlaying(true);
  }, [durationMs, seek]);
  const pause = useCallback(() => setPlaying(false), []);
  const now = useCallback(() => time.current, []);

  return { currentTimeMs, durationMs, playing, seek, play, pause, now };
}
