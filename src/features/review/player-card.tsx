import { useCallback } from 'react';
import type { VideoDetail } from '../../contract/api.ts';
import type { J2pResponse, Rep } from '../../contract/guru.ts';
import { Card } from '../../components/card.tsx';
import { PlayerControls } from './player-controls.tsx';
import { RepTimeline } from './rep-timeline.tsx';
import { SkeletonOverlay } from './skeleton-overlay.tsx';
import { SkeletonReplay } from './skeleton-replay.tsx';
import { usePlayerShortcuts } from './use-player-shortcuts.ts';
import type { ReviewPlayer } from './use-review-player.ts';
import { NoPictureNotice } from './video-fallback.tsx';

/** The video (or the skeleton replay without a picture), the rep timeline and the controls. */
export function PlayerCard({
  player,
  reps,
  video,
  j2p,
}: {
  player: ReviewPlayer;
  reps: readonly Rep[];
  video: VideoDetail | undefined;
  j2p: J2pResponse | undefined;
}) {
  usePlayerShortcuts(player);
  const { clock, playable, selectRep } = player;
  const filename = video?.session?.filename;
  // The timeline's (time, index) callback, stable so its memoised bands don't redraw every frame.
  const onTimelineSeek = useCallback((_: number, index: number) => selectRep(index), [selectRep]);

  return (
    <Card className="overflow-hidden">
      {playable ? (
        <div className="relative bg-black">
          <video
            ref={player.video.ref}
            controls
            playsInline
            preload="metadata"
            src={video?.uri ?? undefined}
            aria-label={`Video of ${filename ?? 'the set'}`}
            className="mx-auto block max-h-[70vh] w-full"
            {...player.video.handlers}
          />
          {player.showSkeleton && j2p && <SkeletonOverlay j2p={j2p} boxRef={player.video.ref} currentTimeMs={clock.currentTimeMs} />}
        </div>
      ) : (
        <>
          <NoPictureNotice
            reason={video?.playback === 'Preparing' ? 'preparing' : video?.uri ? 'unplayable' : 'missing'}
            downloadUri={video?.originalUri ?? video?.uri}
            filename={filename}
          />
          <SkeletonReplay j2p={j2p} currentTimeMs={clock.currentTimeMs} durationMs={clock.durationMs} />
        </>
      )}
      <div className="space-y-3 p-4 sm:p-5">
        <RepTimeline
          reps={reps}
          durationMs={player.durationMs}
          currentTimeMs={clock.currentTimeMs}
          activeIndex={player.shownIndex}
          onSeek={onTimelineSeek}
        />
        <PlayerControls
          playing={clock.playing}
          disabled={!playable && !j2p}
          fps={player.fps}
          speed={player.speed}
          loop={player.loop}
          showSkeleton={player.showSkeleton}
          skeletonAvailable={playable && !!j2p}
          hasPrevious={player.hasPrevious}
          hasNext={player.hasNext}
          onTogglePlay={player.togglePlay}
          onStepFrame={player.stepFrame}
          onStepRep={player.stepRep}
          onSpeed={player.setSpeed}
          onToggleLoop={player.toggleLoop}
          onSkeleton={player.setShowSkeleton}
        />
      </div>
    </Card>
  );
}
