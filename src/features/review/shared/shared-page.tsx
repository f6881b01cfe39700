import { useMemo, useState, type ReactNode } from 'react';
import { useParams } from 'react-router';
import { isClientError } from '../../../api/api-client.ts';
import { sharedCompareSource } from '../../../api/compare-source.ts';
import { sharedSource, useDrawings, useNotes } from '../../../api/feedback.ts';
import { useSharedLink, useSharedReview } from '../../../api/shared-review.ts';
import type { SharedComparison, SharedReview } from '../../../contract/feedback.ts';
import { ErrorState, errorMessage } from '../../../components/error-state.tsx';
import { PanelBoundary } from '../../../components/panel-boundary.tsx';
import { Skeleton } from '../../../components/skeleton.tsx';
import { formatDate, humanize } from '../../../lib/format.ts';
import { NotesCard } from '../feedback/notes-card.tsx';
import { pictureSize, playerFeedback } from '../feedback/player-feedback.ts';
import { withVelocity } from '../../../contract/velocity.ts';
import { BarPathCard } from '../bar-path-card.tsx';
import { CompareView } from '../compare/compare-page.tsx';
import { useCompareSide } from '../compare/use-compare-side.ts';
import { JointAnglePanel } from '../joint-angle-panel.tsx';
import { PlayerCard } from '../player-card.tsx';
import { RepChartCard } from '../rep-chart-card.tsx';
import { sortedReps } from '../rep-utils.ts';
import { RepsTableCard } from '../reps-table-card.tsx';
import { useReviewPlayer } from '../use-review-player.ts';
import { useSetVelocity } from '../use-set-reps.ts';
import { VelocitySummary } from '../velocity-summary.tsx';

const DEFAULT_FPS = 30;

/** The page a share link opens, outside the dashboard's layout: no sign-in, no navigation. */
function SharedShell({ what = 'shared review', children }: { what?: string; children: ReactNode }) {
  return (
    <div className="min-h-screen">
      <header className="bg-brand-900">
        <div className="mx-auto flex max-w-6xl items-center gap-2 px-4 py-3 text-white sm:px-6">
          <svg aria-hidden="true" viewBox="0 0 24 24" className="size-7" fill="none">
            <rect width="24" height="24" rx="6" fill="#338dfc" />
            <path d="M6 15.5l3-5 3 3 3-6 3 8" stroke="white" strokeWidth="1.8" strokeLinecap="round" strokeLinejoin="round" />
          </svg>
          <span className="text-base font-semibold tracking-tight">RepLens</span>
          <span className="text-sm text-brand-100">· {what}</span>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-6xl space-y-6 px-4 py-6 sm:px-6 sm:py-8">
        {children}
      </main>
    </div>
  );
}

/**
 * A coach's review, or two reps compared, shared with the athlete, read-only. An unknown, expired
 * or revoked link says so and shows nothing else.
 */
export function SharedPage() {
  const { token = '' } = useParams();
  const link = useSharedLink(token);

  if (link.error) {
    return (
      <SharedShell>
        {isClientError(link.error) ? (
          <div role="alert" className="mx-auto max-w-lg rounded-xl bg-white p-6 text-center shadow-sm ring-1 ring-slate-200">
            <h1 className="text-lg font-semibold text-slate-900">This link is no longer valid</h1>
            <p className="mt-2 text-sm text-slate-600">It has expired or was withdrawn. Ask your coach for a new link.</p>
          </div>
        ) : (
          <ErrorState title="We couldn't load this review" message={errorMessage(link.error)} onRetry={() => void link.refetch()} />
        )}
      </SharedShell>
    );
  }
  if (link.data?.kind === 'compare') return <SharedComparisonPage token={token} comparison={link.data} />;
  return (
    <SharedShell>
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{link.data ? `${link.data.athlete} · ${humanize(link.data.activity)}` : 'Shared review'}</h1>
        {link.data && <ValidUntil recordedAt={link.data.recordedAt} expiresAt={link.data.expiresAt} />}
      </div>
      {link.data ? <SharedReviewPage token={token} review={link.data} /> : <Skeleton className="aspect-video w-full max-w-3xl" />}
    </SharedShell>
  );
}

function ValidUntil({ recordedAt, expiresAt }: { recordedAt?: string; expiresAt: string }) {
  return (
    <p className="mt-1 text-sm text-slate-600">
      {recordedAt ? `Recorded ${formatDate(recordedAt)} · this` : 'This'} link works until {formatDate(expiresAt)}
    </p>
  );
}

/** Two reps compared, as on the coach's compare page, without its pickers and library. */
function SharedComparisonPage({ token, comparison }: { token: string; comparison: SharedComparison }) {
  const source = useMemo(() => sharedCompareSource(token), [token]);
  const a = useCompareSide(source, comparison.a);
  const b = useCompareSide(source, comparison.b);
  // Shown as it was shared; the athlete may align or time it otherwise here, and nothing of that is kept.
  const [settings, setSettings] = useState({ align: comparison.align, matchTempo: comparison.matchTempo });
  const athletes = [...new Set([comparison.a.athlete, comparison.b.athlete])].join(' and ');
  return (
    <SharedShell what="shared comparison">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">
          {athletes} · {humanize(comparison.a.activity)}: rep {comparison.a.rep} and rep {comparison.b.rep}
        </h1>
        <ValidUntil expiresAt={comparison.expiresAt} />
      </div>
      <CompareView a={a} b={b} settings={settings} onSettings={setSettings} />
    </SharedShell>
  );
}

/** The review's analysis, notes and drawings, once the link is known to be a review's. */
function SharedReviewPage({ token, review }: { token: string; review: SharedReview }) {
  const { analysis, reps: coach, j2p } = useSharedReview(token);
  const source = sharedSource(token);
  const notes = useNotes(source);
  const drawings = useDrawings(source);
  return (
    <>
      {analysis.isPending && <Skeleton className="aspect-video w-full max-w-3xl" />}
      {analysis.error && <ErrorState title="We couldn't load the analysis" message={errorMessage(analysis.error)} onRetry={() => void analysis.refetch()} />}
      {analysis.data && analysis.data.status !== 'Complete' && (
        <p className="text-sm text-slate-600">The analysis of this video is not finished yet. Open the link again later.</p>
      )}
      {analysis.data?.status === 'Complete' && (
        <SharedReviewView
          video={review.video}
          detected={analysis.data.reps}
          edited={coach.data?.reps}
          activity={review.activity}
          athleteNumbers={review.athleteNumbers}
          j2p={j2p}
          notes={notes}
          drawings={drawings}
        />
      )}
    </>
  );
}

type Shared = ReturnType<typeof useSharedReview>;

function SharedReviewView({
  video,
  detected,
  edited,
  activity,
  athleteNumbers,
  j2p,
  notes,
  drawings,
}: {
  video: SharedReview['video'];
  detected: NonNullable<Shared['analysis']['data']>['reps'];
  edited: NonNullable<Shared['reps']['data']>['reps'] | undefined;
  activity: string | null;
  athleteNumbers: SharedReview['athleteNumbers'];
  j2p: Shared['j2p'];
  notes: ReturnType<typeof useNotes>;
  drawings: ReturnType<typeof useDrawings>;
}) {
  // The coach's version of the set where there is one, as on the review.
  const judged = useMemo(() => sortedReps(edited ?? detected), [edited, detected]);
  const velocity = useSetVelocity(j2p.data, activity, judged, athleteNumbers);
  const reps = useMemo(() => withVelocity(judged, velocity), [judged, velocity]);
  const fps = video.fps && video.fps > 0 ? video.fps : DEFAULT_FPS;
  const player = useReviewPlayer({ reps, uri: video.uri, j2p: j2p.data, fps });
  const feedback = playerFeedback(notes.data, drawings.data);
  return (
    // As on the review: the side column spans the player's rows, the table and curve sit under the video.
    <div className="grid grid-cols-1 items-start gap-6 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)] lg:grid-rows-[auto_auto_1fr]">
      <div className="min-w-0 space-y-6">
        <PanelBoundary>
          <PlayerCard player={player} reps={reps} video={{ ...video, session: null }} j2p={j2p.data} feedback={feedback} velocity={velocity} />
        </PanelBoundary>
      </div>
      <div className="min-w-0 space-y-6 lg:col-start-2 lg:row-span-3 lg:row-start-1">
        <PanelBoundary>
          <NotesCard
            notes={feedback.notes}
            drawings={feedback.drawings}
            reps={reps}
            currentTimeMs={player.clock.currentTimeMs}
            picture={pictureSize(j2p.data)}
            onSeek={player.seekTo}
            loadError={notes.error ?? drawings.error}
          />
        </PanelBoundary>
        {velocity && (
          <PanelBoundary>
            <BarPathCard velocity={velocity} index={player.shownIndex} />
            <VelocitySummary velocity={velocity} athleteId={undefined} />
          </PanelBoundary>
        )}
        <PanelBoundary>
          <RepChartCard reps={reps} activeIndex={player.shownIndex} onSelect={player.selectRep} />
        </PanelBoundary>
      </div>
      {reps.length > 0 && (
        <PanelBoundary className="min-w-0 lg:col-start-1">
          <RepsTableCard reps={reps} activeIndex={player.shownIndex} onSelect={player.goToRep} />
        </PanelBoundary>
      )}
      <div className="min-w-0 lg:col-start-1">
        <PanelBoundary>
          <JointAnglePanel j2p={j2p} reps={reps} activity={activity} durationMs={player.durationMs} currentTimeMs={player.clock.currentTimeMs} onSeek={player.seekTo} />
        </PanelBoundary>
      </div>
    </div>
  );
}
