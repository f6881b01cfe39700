import { useCallback, useEffect, useState, type SyntheticEvent } from 'react';
import type { J2pResponse, Rep } from '../../contract/guru.ts';
import { adjacentRepIndex, repIndexAt } from './rep-utils.ts';
import { replayDurationMs } from './skeleton-replay.tsx';
import { useReplayClock } from './use-replay-clock.ts';
import { useVideoClock, type PlaybackClock } from './use-video-clock.ts';
import { useVideoPicture } from './video-fallback.tsx';

export type ReviewPlayer = ReturnType<typeof useReviewPlayer>;

/**
 * The review's player: which clock drives it (the <video>, or the skeleton replay when there is no
 * picture), the chosen rep, loop, speed and skeleton, and the one set of handlers every control,
 * key, chart and table uses to move through the set.
 */
export function useReviewPlayer({
  reps,
  uri,
  j2p,
  fps,
}: {
  reps: readonly Rep[];
  /** The video to play; none (or one this browser shows no picture for) means the replay clock. */
  uri: string | null | undefined;
  j2p: J2pResponse | undefined;
  fps: number;
}) {
  const videoClock = useVideoClock();
  const picture = useVideoPicture();
  const [activeIndex, setActiveIndex] = useState<number | undefined>(undefined);
  const [loop, setLoop] = useState(false);
  const [speed, setSpeed] = useState<number>(1);
  const [showSkeleton, setShowSkeleton] = useState(false);
  const replayClock = useReplayClock(replayDurationMs(j2p, reps), speed);
  const playable = !!uri && !picture.unplayable;
  const clock: PlaybackClock = playable ? videoClock : replayClock;

  const durationMs = clock.durationMs || Math.max(0, ...reps.map((r) => r.endTimestampMs)) + 500;
  const playingIndex = repIndexAt(reps, clock.currentTimeMs);
  const shownIndex = playingIndex >= 0 ? playingIndex : activeIndex;
  const previousRep = adjacentRepIndex(reps, clock.currentTimeMs, -1);
  const nextRep = adjacentRepIndex(reps, clock.currentTimeMs, 1);

  // "Loop rep": jump back to the chosen rep's start whenever playback passes its end.
  useEffect(() => {
    if (!loop || activeIndex === undefined) return;
    const rep = reps[activeIndex];
    if (rep && clock.playing && clock.currentTimeMs >= rep.endTimestampMs) clock.seek(rep.startTimestampMs);
  }, [loop, activeIndex, reps, clock]);

  const videoRef = videoClock.ref;
  useEffect(() => {
    if (videoRef.current) videoRef.current.playbackRate = speed;
  }, [speed, videoRef, uri, playable]);

  const { seek, play, pause, now, playing } = clock;
  const clockDurationMs = clock.durationMs;

  /** Like a click on the timeline: the rep's start, playing on only if it was playing. */
  const selectRep = useCallback(
    (index: number) => {
      const rep = reps[index];
      if (!rep) return;
      setActiveIndex(index);
      seek(rep.startTimestampMs);
    },
    [reps, seek],
  );

  /** The rep from its start, playing ("Play rep N" in the table). */
  const goToRep = useCallback(
    (index: number) => {
      if (!reps[index]) return;
      selectRep(index);
      play();
    },
    [reps, selectRep, play],
  );

  const stepRep = useCallback(
    (direction: 1 | -1) => {
      const index = direction === 1 ? nextRep : previousRep;
      if (index >= 0) selectRep(index);
    },
    [nextRep, previousRep, selectRep],
  );

  /** Exactly one frame (1/fps s) from where the video is; pauses first, as any frame stepper does. */
  const stepFrame = useCallback(
    (direction: 1 | -1) => {
      pause();
      const end = clockDurationMs || Infinity;
      seek(Math.min(end, Math.max(0, now() + (direction * 1000) / fps)));
    },
    [pause, seek, now, fps, clockDurationMs],
  );

  const togglePlay = useCallback(() => (playing ? pause() : play()), [playing, pause, play]);

  /** Looping needs a rep: the one under the playhead, else the first. */
  const toggleLoop = useCallback(() => {
    if (!loop && activeIndex === undefined) setActiveIndex(shownIndex ?? 0);
    setLoop(!loop);
  }, [loop, activeIndex, shownIndex]);

  /** Seeks anywhere (the joint-angle chart); the chosen rep stays. */
  const seekTo = useCallback((timeMs: number) => seek(timeMs), [seek]);

  const onLoadedMetadata = videoClock.handlers.onLoadedMetadata;
  const onPictureMetadata = picture.handlers.onLoadedMetadata;
  const video = {
    ref: videoRef,
    handlers: {
      ...videoClock.handlers,
      onError: picture.handlers.onError,
      onLoadedMetadata: (e: SyntheticEvent<HTMLVideoElement>) => {
        onLoadedMetadata(e);
        onPictureMetadata(e);
      },
    },
  };

  return {
    clock,
    video,
    playable,
    fps,
    durationMs,
    activeIndex,
    shownIndex,
    hasPrevious: previousRep >= 0,
    hasNext: nextRep >= 0,
    loop,
    speed,
    setSpeed,
    showSkeleton,
    setShowSkeleton,
    selectRep,
    goToRep,
    stepRep,
    stepFrame,
    togglePlay,
    toggleLoop,
    seekTo,
  };
}
