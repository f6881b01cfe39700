import { useCallback, useId, useRef, useState, type MouseEvent, type RefObject } from 'react';
import type { VideoDetail } from '../../contract/api.ts';
import type { Drawing, DrawingKind, NewDrawing, Note } from '../../contract/feedback.ts';
import type { J2pResponse } from '../../contract/guru.ts';
import type { SetVelocity } from '../../contract/velocity.ts';
import { Button } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { BarPathOverlay } from './bar-path-overlay.tsx';
import { CurrentRep } from './current-rep.tsx';
import { PlayerControls } from './player-controls.tsx';
import { addRep } from './rep-edits.ts';
import { RepEditor } from './rep-editor.tsx';
import type { SetRep } from './rep-utils.ts';
import { RepTimeline } from './rep-timeline.tsx';
import { SkeletonOverlay } from './skeleton-overlay.tsx';
import { SkeletonReplay } from './skeleton-replay.tsx';
import { DrawingLayer } from './feedback/drawing-layer.tsx';
import { DrawingTools } from './feedback/drawing-tools.tsx';
import { FeedbackMarks } from './feedback/feedback-marks.tsx';
import { usePlayerShortcuts } from './use-player-shortcuts.ts';
import type { RepEditing } from './use-rep-editing.ts';
import type { ReviewPlayer } from './use-review-player.ts';
import { NoPictureNotice } from './video-fallback.tsx';

const skipLinkClass =
  'sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-30 focus:rounded-md focus:bg-white focus:px-3 focus:py-1.5 focus:text-sm focus:font-medium focus:text-brand-700 focus:outline-2 focus:outline-brand-600';

/** The coach's notes and drawings on the video; `draw` (the review, not a shared page) adds drawings. */
export interface PlayerFeedback {
  notes: readonly Note[];
  drawings: readonly Drawing[];
  draw?: { add: (drawing: NewDrawing) => void; saving: boolean; problem: string | null };
}

/**
 * The video (or the skeleton replay without a picture), the rep timeline and the controls: one
 * focusable region, inside which Space and the arrow keys drive the player. "Edit reps" opens the
 * coach's rep tools under the timeline and lets a drag across it add a rep. Without `editing`
 * (a shared page) the player only plays.
 */
export function PlayerCard({
  player,
  reps,
  video,
  j2p,
  editing,
  feedback,
  velocity,
}: {
  player: ReviewPlayer;
  reps: readonly SetRep[];
  video: Pick<VideoDetail, 'uri' | 'playback' | 'originalUri' | 'session'> | undefined;
  j2p: J2pResponse | undefined;
  editing?: RepEditing;
  feedback?: PlayerFeedback;
  velocity?: SetVelocity | null;
}) {
  const [editMode, setEditMode] = useState(false);
  const [tool, setTool] = useState<DrawingKind | null>(null);
  const region = useRef<HTMLElement>(null);
  const timelineId = useId();
  usePlayerShortcuts(player, region);
  const { clock, playable, selectRep } = player;
  const filename = video?.session?.filename;
  // The timeline's (time, index) callback, stable so its memoised bands don't redraw every frame.
  const onTimelineSeek = useCallback((_: number, index: number) => selectRep(index), [selectRep]);
  const apply = editing?.apply;
  const onDragRange = useCallback((from: number, to: number) => apply?.(addRep(reps, from, to)), [apply, reps]);
  const draw = feedback?.draw;
  const currentTimeMs = clock.currentTimeMs;
  const onDrawn = useCallback(
    (kind: DrawingKind, points: NewDrawing['shape']['points']) => {
      setTool(null);
      draw?.add({ timeMs: Math.round(currentTimeMs), shape: { kind, points } });
    },
    [draw, currentTimeMs],
  );

  /** The coach's drawings over a picture: the video's, or the skeleton replay's without one. */
  const drawingsOn = (picture: RefObject<HTMLVideoElement | HTMLElement | null>) =>
    feedback && (
      <DrawingLayer pictureRef={picture} drawings={feedback.drawings} currentTimeMs={clock.currentTimeMs} tool={clock.playing ? null : tool} onDrawn={onDrawn} />
    );

  // The native controls are half a dozen tab stops; this link jumps past them to the reps.
  function skipToTimeline(event: MouseEvent<HTMLAnchorElement>) {
    event.preventDefault();
    document.getElementById(timelineId)?.focus();
  }

  return (
    <Card
      ref={region}
      aria-label="Player"
      // A region that takes focus, so the arrow keys can be given to the player without starting anything.
      tabIndex={0}
      className="overflow-hidden focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600"
    >
      {playable ? (
        <div className="relative bg-black">
          <a href={`#${timelineId}`} onClick={skipToTimeline} className={skipLinkClass}>
            Skip to rep timeline
          </a>
          <video
            ref={player.video.ref}
            controls
            playsInline
            preload="metadata"
            src={video?.uri ?? undefined}
            aria-label={`Video of ${filename ?? 'the set'}`}
            // Capped lower on a phone, so a portrait video leaves room for the timeline and the rep's numbers.
            className="mx-auto block max-h-[45vh] w-full sm:max-h-[70vh]"
            {...player.video.handlers}
          />
          {player.showSkeleton && j2p && <SkeletonOverlay j2p={j2p} boxRef={player.video.ref} currentTimeMs={clock.currentTimeMs} />}
          {velocity && <BarPathOverlay velocity={velocity} index={player.shownIndex} currentTimeMs={clock.currentTimeMs} />}
          {drawingsOn(player.video.ref)}
        </div>
      ) : (
        <>
          <NoPictureNotice
            reason={video?.playback === 'Preparing' ? 'preparing' : video?.uri ? 'unplayable' : 'missing'}
            downloadUri={video?.originalUri ?? video?.uri}
            filename={filename}
          />
          <SkeletonReplay j2p={j2p} currentTimeMs={clock.currentTimeMs} durationMs={clock.durationMs} over={feedback && drawingsOn} />
        </>
      )}
      <div className="space-y-3 p-4 sm:p-5">
        <div className="flex items-center justify-between gap-2">
          <p className="text-sm text-slate-600">
            {editMode ? 'Editing reps: select a rep, or drag across the timeline to add one.' : 'Click a rep to play it.'}
          </p>
          {editing && (
            <Button variant={editMode ? 'primary' : 'secondary'} size="sm" aria-pressed={editMode} onClick={() => setEditMode(!editMode)}>
              Edit reps
            </Button>
          )}
        </div>
        <RepTimeline
          id={timelineId}
          reps={reps}
          durationMs={player.durationMs}
          currentTimeMs={clock.currentTimeMs}
          activeIndex={player.shownIndex}
          onSeek={onTimelineSeek}
          onDragRange={editMode ? onDragRange : undefined}
        />
        {feedback && (
          <FeedbackMarks notes={feedback.notes.map((n) => n.timeMs)} drawings={feedback.drawings.map((d) => d.timeMs)} durationMs={player.durationMs} />
        )}
        <CurrentRep reps={reps} index={player.shownIndex} />
        {draw && (playable || j2p) && <DrawingTools tool={tool} onTool={setTool} playing={clock.playing} saving={draw.saving} problem={draw.problem} />}
        {editing && editMode && <RepEditor reps={reps} selected={player.shownIndex} currentTimeMs={clock.currentTimeMs} editing={editing} />}
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
