import { reviewShares, useDrawings, useFeedbackChanges, useNotes, videoSource } from '../../api/feedback.ts';
import { useJ2p } from '../../api/get-j2p.ts';
import type { VideoDetail } from '../../contract/api.ts';
import type { AnalysisResponse } from '../../contract/guru.ts';
import { Card } from '../../components/card.tsx';
import { PanelBoundary } from '../../components/panel-boundary.tsx';
import { NotesCard } from './feedback/notes-card.tsx';
import { ShareCard } from './feedback/share-card.tsx';
import { pictureSize, playerFeedback } from './feedback/player-feedback.ts';
import { JointAnglePanel } from './joint-angle-panel.tsx';
import { PlayerCard } from './player-card.tsx';
import { RepChartCard } from './rep-chart-card.tsx';
import { RepsTableCard } from './reps-table-card.tsx';
import { SummaryCard } from './summary-card.tsx';
import { BarPathCard } from './bar-path-card.tsx';
import { BottomStills, usePrintSummary } from './bottom-stills.tsx';
import { useRepEditing } from './use-rep-editing.ts';
import { useReviewPlayer } from './use-review-player.ts';
import { useSetReps } from './use-set-reps.ts';

const DEFAULT_FPS = 30;

/**
 * A finished analysis: the player and the panels around it. `reps` (the coach's version where
 * there is one, else Guru's) is worked out once here and handed to every panel, so they all show
 * the same set. Each panel has its own error boundary:
 * bad joint data blanks one chart, never the page.
 */
export function CompleteView({
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
  const j2p = useJ2p(id);
  const activity = analysis.activity ?? video?.session?.activity;
  const set = useSetReps(id, analysis, { j2p: j2p.data, activity, athleteId: video?.session?.athleteId });
  const { reps } = set;
  const editing = useRepEditing(id, set.coach);
  const printing = usePrintSummary();
  const fps = video?.fps && video.fps > 0 ? video.fps : DEFAULT_FPS;
  const player = useReviewPlayer({ reps, uri: video?.uri, j2p: j2p.data, fps });
  const source = videoSource(id);
  const notes = useNotes(source);
  const drawings = useDrawings(source);
  const changes = useFeedbackChanges(id);
  const feedback = playerFeedback(notes.data, drawings.data, changes);

  return (
    // On wide screens the side column spans the player's three rows, so the rep table and the curve
    // sit right under the video instead of below the side column's last card.
    <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)] lg:grid-rows-[auto_auto_1fr] print:block print:space-y-4">
      <div className="min-w-0 space-y-6 print:hidden">
        <PanelBoundary>
          <PlayerCard player={player} reps={reps} video={video} j2p={j2p.data} editing={editing} feedback={feedback} velocity={set.velocity} />
        </PanelBoundary>
      </div>

      <div className="min-w-0 space-y-6 lg:col-start-2 lg:row-span-3 lg:row-start-1 print:space-y-4">
        <PanelBoundary>
          <SummaryCard id={id} set={set} video={video} videoFailed={videoFailed} analysis={analysis} onPrint={printing.requestPrint} />
        </PanelBoundary>
        {set.velocity && (
          <PanelBoundary>
            <BarPathCard velocity={set.velocity} index={player.shownIndex} />
          </PanelBoundary>
        )}
        <PanelBoundary>
          <NotesCard
            notes={feedback.notes}
            drawings={feedback.drawings}
            reps={reps}
            currentTimeMs={player.clock.currentTimeMs}
            picture={pictureSize(j2p.data)}
            videoMs={player.clock.durationMs || null}
            onSeek={player.seekTo}
            changes={changes}
            loadError={notes.error ?? drawings.error}
          />
        </PanelBoundary>
        <PanelBoundary>
          <RepChartCard reps={reps} activeIndex={player.shownIndex} onSelect={player.selectRep} />
        </PanelBoundary>
        <PanelBoundary>
          <ShareCard target={reviewShares(id)} intro="A read-only link to this review: the video, reps, measures, notes and drawings, nothing else of the library." />
        </PanelBoundary>
        {reps.length === 0 && (
          <Card className="p-5 text-sm text-slate-600">
            No reps were found: the athlete was seen, but no movement deep enough to be a rep. If the athlete did reps,
            check the camera saw the whole body, then correct the count above.
          </Card>
        )}
      </div>

      {reps.length > 0 && (
        <PanelBoundary className="min-w-0 lg:col-start-1">
          <RepsTableCard compareId={id} reps={reps} activeIndex={player.shownIndex} onSelect={player.goToRep} />
        </PanelBoundary>
      )}
      {printing.stillsWanted && (
        <BottomStills id={id} reps={reps} drawings={feedback.drawings} picture={pictureSize(j2p.data)} onReady={printing.onStillsReady} />
      )}
      <div className="min-w-0 lg:col-start-1 print:hidden">
        <PanelBoundary>
          <JointAnglePanel
            j2p={j2p}
            reps={reps}
            activity={activity}
            durationMs={player.durationMs}
            currentTimeMs={player.clock.currentTimeMs}
            onSeek={player.seekTo}
          />
        </PanelBoundary>
      </div>
    </div>
  );
}
