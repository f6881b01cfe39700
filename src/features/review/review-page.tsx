import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useParams } from 'react-router';
import { useAnalysis } from '../../api/get-analysis.ts';
import { useJ2p } from '../../api/get-j2p.ts';
import { useVideo } from '../../api/get-video.ts';
import type { VideoDetail } from '../../contract/api.ts';
import type { AnalysisResponse } from '../../contract/guru.ts';
import { Button, buttonClass } from '../../components/button.tsx';
import { Card, CardHeader } from '../../components/card.tsx';
import { ErrorState, errorMessage } from '../../components/error-state.tsx';
import { Skeleton } from '../../components/skeleton.tsx';
import { StatusBadge } from '../../components/status-badge.tsx';
import { describeAnalysisType, formatDate, humanize } from '../../lib/format.ts';
import { ElapsedTime } from './elapsed-time.tsx';
import { FailedPanel, PendingPanel } from './status-panels.tsx';
import { JointAnglePanel } from './joint-angle-panel.tsx';
import { RepChart } from './rep-chart.tsx';
import { RepCountForm } from './rep-count-form.tsx';
import { RepTable } from './rep-table.tsx';
import { RepTimeline } from './rep-timeline.tsx';
import { SkeletonOverlay } from './skeleton-overlay.tsx';
import { SkeletonReplay, replayDurationMs } from './skeleton-replay.tsx';
import { PlayerControls } from './player-controls.tsx';
import { csvFilename, downloadText, repsToCsv } from './reps-csv.ts';
import { adjacentRepIndex, defaultChartType, needsCheck, numericAnalysisTypes, repIndexAt, sortedReps } from './rep-utils.ts';
import { MeasureLegend, MeasureMeaning } from './measure-legend.tsx';
import { ViewNote } from './view-note.tsx';
import { usePlayerShortcuts } from './use-player-shortcuts.ts';
import { useReplayClock } from './use-replay-clock.ts';
import { useVideoClock, type PlaybackClock } from './use-video-clock.ts';
import { NoPictureNotice, useVideoPicture } from './video-fallback.tsx';

const DEFAULT_FPS = 30;

export function ReviewPage() {
  const { id = '' } = useParams();
  const video = useVideo(id);
  const analysis = useAnalysis(id);
  const session = video.data?.session ?? null;
  const status = analysis.data?.status;
  // One message for the page: the analysis error if any, else the video's when nothing else shows.
  const loadError = analysis.data ? null : (analysis.error ?? video.error);
  const refreshError = analysis.data ? analysis.error : null;
  const refetchVideo = video.refetch;
  const previousStatus = useRef(status);
  useEffect(() => {
    // When the analysis finishes, refresh the video (its uri, if the upload was still landing) and library entry.
    if (previousStatus.current === 'Pending' && status && status !== 'Pending') void refetchVideo();
    previousStatus.current = status;
  }, [status, refetchVideo]);

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <Link to="/library" className="text-sm text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600 print:hidden">
            ← All videos
          </Link>
          <h1 className="mt-1 truncate text-2xl font-semibold tracking-tight text-slate-900">
            {session?.filename ?? 'Video review'}
          </h1>
          {session && (
            <p className="mt-1 text-sm text-slate-600">
              {session.athlete} · {humanize(session.activity ?? analysis.data?.activity)} · {formatDate(session.createdAt)}
            </p>
          )}
        </div>
        {status && (
          <div className="flex items-center gap-2 text-sm text-slate-600">
            <span className="sr-only">Analysis status:</span>
            <StatusBadge status={status} className="text-sm" />
            {status === 'Pending' && (
              <span>
                <span className="sr-only">elapsed </span>
                <ElapsedTime since={sinceOf(session?.createdAt)} />
              </span>
            )}
          </div>
        )}
      </div>

      {loadError && (
        <ErrorState
          title="We couldn't load this video"
          message={errorMessage(loadError)}
          onRetry={() => void Promise.all([video.refetch(), analysis.refetch()])}
        >
          <Link to="/library" className={buttonClass('secondary', 'sm')}>
            Go to the library
          </Link>
        </ErrorState>
      )}

      {refreshError && (
        <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900 ring-1 ring-amber-200">
          Couldn't refresh the analysis: {errorMessage(refreshError)} We'll keep trying.
        </p>
      )}
      {analysis.isPending && !loadError && <ReviewSkeleton />}
      {status === 'Pending' && (
        <PendingPanel video={video.data} queuePosition={analysis.data?.queuePosition} since={sinceOf(session?.createdAt)} />
      )}
      {status === 'Failed' && <FailedPanel reason={analysis.data?.reason} />}
      {status === 'Complete' && analysis.data && <CompleteView id={id} video={video.data} videoFailed={video.isError} analysis={analysis.data} />}
    </div>
  );
}

function sinceOf(iso: string | undefined): number {
  const t = iso ? Date.parse(iso) : NaN;
  return Number.isNaN(t) ? Date.now() : t;
}

function ReviewSkeleton() {
  return (
    <div className="space-y-4" aria-busy="true" aria-label="Loading the analysis">
      <Skeleton className="aspect-video w-full max-w-3xl" />
      <Skeleton className="h-12 w-full max-w-3xl" />
      <Skeleton className="h-40 w-full" />
    </div>
  );
}

function CompleteView({
  id,
  video,
  videoFailed,
  analysis,
}: {
  id: string;
  video: VideoDetail | undefined;
  videoFailed: boolean;
  analysis: AnalysisResponse;
}) {
  const reps = useMemo(() => sortedReps(analysis.reps), [analysis.reps]);
  const videoClock = useVideoClock();
  const picture = useVideoPicture();
  const [activeIndex, setActiveIndex] = useState<number | undefined>(undefined);
  const [loop, setLoop] = useState(false);
  const [speed, setSpeed] = useState<number>(1);
  const [showSkeleton, setShowSkeleton] = useState(false);
  const j2p = useJ2p(id);
  const types = useMemo(() => numericAnalysisTypes(reps), [reps]);
  const [chartType, setChartType] = useState<string | null>(null);
  const selectedType = chartType && types.includes(chartType) ? chartType : defaultChartType(types);
  const fps = video?.fps && video.fps > 0 ? video.fps : DEFAULT_FPS;
  // Without a picture (copy still being made, or a format this browser can't show) a replay
  // clock drives the timeline, the panels and the skeleton drawn from the joint data.
  const replayClock = useReplayClock(replayDurationMs(j2p.data, reps), speed);
  const playable = !!video?.uri && !picture.unplayable;
  const clock: PlaybackClock = playable ? videoClock : replayClock;

  const session = video?.session ?? null;
  const detected = reps.length;
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

  useEffect(() => {
    if (videoClock.ref.current) videoClock.ref.current.playbackRate = speed;
  }, [speed, videoClock.ref, video?.uri]);

  const { seek, play } = clock;
  const goToRep = useCallback(
    (index: number, andPlay = true) => {
      const rep = reps[index];
      if (!rep) return;
      setActiveIndex(index);
      seek(rep.startTimestampMs);
      if (andPlay) play();
    },
    [reps, seek, play],
  );
  const selectRep = useCallback((index: number) => goToRep(index, false), [goToRep]);
  const seekToRep = useCallback((_: number, index: number) => goToRep(index, false), [goToRep]);
  const seekTo = useCallback((ms: number) => seek(ms), [seek]);

  function togglePlay() {
    if (clock.playing) clock.pause();
    else clock.play();
  }

  /** Exactly one frame (1/fps s) from where the video is; pauses first, as any frame stepper does. */
  function stepFrame(direction: 1 | -1) {
    clock.pause();
    const end = clock.durationMs || Infinity;
    seek(Math.min(end, Math.max(0, clock.now() + (direction * 1000) / fps)));
  }

  function stepRep(direction: 1 | -1) {
    const index = direction === 1 ? nextRep : previousRep;
    if (index >= 0) goToRep(index);
  }

  function toggleLoop() {
    if (!loop && activeIndex === undefined) setActiveIndex(shownIndex ?? 0);
    setLoop(!loop);
  }

  usePlayerShortcuts({ togglePlay, stepFrame, stepRep, toggleLoop });

  return (
    <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)] print:block print:space-y-4">
      <div className="min-w-0 space-y-6 print:hidden">
        <Card className="overflow-hidden">
          {playable ? (
            <div className="relative bg-black">
              <video
                ref={videoClock.ref}
                controls
                playsInline
                preload="metadata"
                src={video.uri ?? undefined}
                aria-label={`Video of ${session?.filename ?? 'the set'}`}
                className="mx-auto block max-h-[70vh] w-full"
                {...videoClock.handlers}
                onError={picture.handlers.onError}
                onLoadedMetadata={(e) => {
                  videoClock.handlers.onLoadedMetadata(e);
                  picture.handlers.onLoadedMetadata(e);
                }}
              />
              {showSkeleton && j2p.data && (
                <SkeletonOverlay j2p={j2p.data} boxRef={videoClock.ref} currentTimeMs={clock.currentTimeMs} />
              )}
            </div>
          ) : (
            <>
              <NoPictureNotice
                reason={video?.playback === 'Preparing' ? 'preparing' : video?.uri ? 'unplayable' : 'missing'}
                downloadUri={video?.originalUri ?? video?.uri}
                filename={session?.filename}
              />
              <SkeletonReplay j2p={j2p.data} currentTimeMs={clock.currentTimeMs} durationMs={clock.durationMs} />
            </>
          )}
          <div className="space-y-3 p-4 sm:p-5">
            <RepTimeline
              reps={reps}
              durationMs={durationMs}
              currentTimeMs={clock.currentTimeMs}
              activeIndex={shownIndex}
              onSeek={seekToRep}
            />
            <PlayerControls
              playing={clock.playing}
              disabled={!playable && !j2p.data}
              fps={fps}
              speed={speed}
              loop={loop}
              showSkeleton={showSkeleton}
              skeletonAvailable={playable && !!j2p.data}
              hasPrevious={previousRep >= 0}
              hasNext={nextRep >= 0}
              onTogglePlay={togglePlay}
              onStepFrame={stepFrame}
              onStepRep={stepRep}
              onSpeed={setSpeed}
              onLoop={(on) => {
                if (on && activeIndex === undefined) setActiveIndex(shownIndex ?? 0);
                setLoop(on);
              }}
              onSkeleton={setShowSkeleton}
            />
          </div>
        </Card>
      </div>

      <div className="min-w-0 space-y-6 print:space-y-4">
        <Card className="p-4 sm:p-5 print:shadow-none">
          <p className="text-lg font-semibold text-slate-900">
            Detected {detected} {detected === 1 ? 'rep' : 'reps'}
            {typeof session?.expectedReps === 'number' && (
              <span className="font-normal text-slate-600"> · expected {session.expectedReps}</span>
            )}
          </p>
          {typeof session?.correctedReps === 'number' && (
            <p className="mt-0.5 text-sm text-slate-600">Corrected by coach: {session.correctedReps}</p>
          )}
          <ViewNote view={analysis.view} checks={reps.filter(needsCheck).length} />
          <div className="mt-4 print:hidden">
            {/* Mounted once the library entry is known, so it starts from the saved correction. */}
            {video || videoFailed ? (
              <RepCountForm
                key={id}
                videoId={id}
                initialCount={session?.correctedReps ?? detected}
                initialDomain={session?.domain ?? analysis.domain}
                initialActivity={session?.activity ?? analysis.activity}
              />
            ) : (
              <Skeleton className="h-16 w-56" />
            )}
          </div>
          <div className="mt-4 flex flex-wrap gap-2 border-t border-slate-100 pt-4 print:hidden">
            <Button
              variant="secondary"
              size="sm"
              disabled={reps.length === 0}
              onClick={() => downloadText(csvFilename(session?.filename), repsToCsv(reps))}
            >
              Download CSV
            </Button>
            <Button variant="secondary" size="sm" onClick={() => window.print()}>
              Print summary
            </Button>
            {video?.originalUri && (
              <a href={video.originalUri} download={session?.filename ?? true} className={buttonClass('secondary', 'sm')}>
                Download original
              </a>
            )}
          </div>
        </Card>

        {selectedType && (
          <Card className="print:hidden">
            <CardHeader
              title={`${describeAnalysisType(selectedType).label} per rep`}
              action={
                types.length > 1 && (
                  <label className="flex items-center gap-2 text-sm text-slate-600">
                    <span>Measure</span>
                    <select
                      value={selectedType}
                      onChange={(e) => setChartType(e.target.value)}
                      className="rounded-md border-0 py-1 pr-8 pl-2 text-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-brand-600"
                    >
                      {types.map((t) => (
                        <option key={t} value={t}>
                          {describeAnalysisType(t).label}
                        </option>
                      ))}
                    </select>
                  </label>
                )
              }
            />
            <div className="p-3 sm:p-4">
              <MeasureMeaning type={selectedType} />
              <RepChart reps={reps} type={selectedType} activeIndex={shownIndex} onSelect={selectRep} />
            </div>
          </Card>
        )}

        {reps.length === 0 && (
          <Card className="p-5 text-sm text-slate-600">
            No reps were found: the athlete was seen, but no movement deep enough to be a rep. If the athlete did reps,
            check the camera saw the whole body, then correct the count above.
          </Card>
        )}
      </div>

      {reps.length > 0 && (
        <Card className="min-w-0 print:shadow-none print:ring-0">
          <CardHeader title="Reps" />
          <RepTable reps={reps} activeIndex={shownIndex} onSelect={goToRep} />
          <MeasureLegend reps={reps} />
        </Card>
      )}
      <div className="min-w-0 print:hidden">
        <JointAnglePanel
          id={id}
          reps={reps}
          activity={analysis.activity ?? session?.activity}
          durationMs={durationMs}
          currentTimeMs={clock.currentTimeMs}
          onSeek={seekTo}
        />
      </div>
    </div>
  );
}
