import { useEffect, useRef } from 'react';
import { Link, useParams } from 'react-router';
import { useAnalysis } from '../../api/get-analysis.ts';
import { useVideo } from '../../api/get-video.ts';
import { buttonClass } from '../../components/button.tsx';
import { ErrorState, errorMessage } from '../../components/error-state.tsx';
import { Skeleton } from '../../components/skeleton.tsx';
import { StatusBadge } from '../../components/status-badge.tsx';
import { formatDate, humanize } from '../../lib/format.ts';
import { CompleteView } from './complete-view.tsx';
import { ElapsedTime } from './elapsed-time.tsx';
import { FailedPanel, PendingPanel } from './status-panels.tsx';

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
