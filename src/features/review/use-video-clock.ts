import { useCallback, useEffect, useRef, useState, type SyntheticEvent } from 'react';

/** What the review's controls drive: the <video>, or the skeleton replay when there is no picture. */
export interface PlaybackClock {
  currentTimeMs: number;
  durationMs: number;
  playing: boolean;
  seek: (timeMs: number) => void;
  play: () => void;
  pause: () => void;
  /** The exact time now (the state above may lag a frame while playing). */
  now: () => number;
}

/** Tracks a <video>'s time and duration, smoothly while playing (timeupdate fires only ~4×/s). */
export function useVideoClock() {
  const ref = useRef<HTMLVideoElement | null>(null);
  const [currentTimeMs, setCurrentTimeMs] = useState(0);
  const [durationMs, setDurationMs] = useState(0);
  const [playing, setPlaying] = useState(false);

  useEffect(() => {
    if (!playing) return;
    let frame = 0;
    const tick = () => {
      if (ref.current) setCurrentTimeMs(ref.current.currentTime * 1000);
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playing]);

  const handlers = {
    onLoadedMetadata: (e: SyntheticEvent<HTMLVideoElement>) => {
      const d = e.currentTarget.duration;
      if (Number.isFinite(d)) setDurationMs(d * 1000);
    },
    onDurationChange: (e: SyntheticEvent<HTMLVideoElement>) => {
      const d = e.currentTarget.duration;
      if (Number.isFinite(d)) setDurationMs(d * 1000);
    },
    onTimeUpdate: (e: SyntheticEvent<HTMLVideoElement>) => setCurrentTimeMs(e.currentTarget.currentTime * 1000),
    onSeeked: (e: SyntheticEvent<HTMLVideoElement>) => setCurrentTimeMs(e.currentTarget.currentTime * 1000),
    onPlay: () => setPlaying(true),
    onPause: () => setPlaying(false),
    onEnded: () => setPlaying(false),
  };

  const seek = useCallback((timeMs: number) => {
    const video = ref.current;
    setCurrentTimeMs(timeMs);
    if (video) video.currentTime = timeMs / 1000;
  }, []);

  const play = useCallback(() => {
    // play() may reject (autoplay policy) or, in old engines, return nothing.
    const result = ref.current?.play() as Promise<void> | undefined;
    result?.catch(() => undefined);
  }, []);
  const pause = useCallback(() => ref.current?.pause(), []);
  const now = useCallback(() => (ref.current ? ref.current.currentTime * 1000 : 0), []);

  return { ref, currentTimeMs, durationMs, playing, handlers, seek, play, pause, now };
}
