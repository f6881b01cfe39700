import { Link } from 'react-router';
import { useVideos } from '../../api/get-videos.ts';
import type { Session } from '../../contract/api.ts';
import { buttonClass } from '../../components/button.tsx';
import { Card, CardHeader } from '../../components/card.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorState, errorMessage } from '../../components/error-state.tsx';
import { Skeleton } from '../../components/skeleton.tsx';
import { StatusBadge } from '../../components/status-badge.tsx';
import { formatDate, humanize } from '../../lib/format.ts';
import { groupByAthlete } from './group-sessions.ts';

function repsText(s: Session): string {
  const parts: string[] = [];
  if (typeof s.repsFound === 'number') parts.push(`${s.repsFound} found`);
  if (typeof s.correctedReps === 'number') parts.push(`${s.correctedReps} corrected`);
  if (parts.length === 0 && typeof s.expectedReps === 'number') parts.push(`${s.expectedReps} expected`);
  return parts.join(' · ') || '—';
}

function SessionRow({ session }: { session: Session }) {
  return (
    <li className="relative flex flex-col gap-2 px-4 py-3 hover:bg-slate-50 sm:flex-row sm:items-center sm:gap-4 sm:px-5">
      <div className="min-w-0 flex-1">
        <Link
          to={`/videos/${session.id}`}
          className="block truncate text-sm font-medium text-slate-900 after:absolute after:inset-0 focus-visible:outline-none focus-visible:after:outline-2 focus-visible:after:outline-brand-600"
          title={session.filename}
        >
          {session.filename}
        </Link>
        <p className="mt-0.5 text-sm text-slate-500">
          {humanize(session.activity)} · <time dateTime={session.createdAt}>{formatDate(session.createdAt)}</time>
        </p>
      </div>
      <div className="flex items-center gap-3 text-sm text-slate-600 sm:w-64 sm:justify-end">
        <span className="tabular-nums">
          <span className="sr-only">Reps: </span>
          {repsText(session)}
        </span>
        <StatusBadge status={session.status} />
      </div>
    </li>
  );
}

function LibrarySkeleton() {
  return (
    <div className="space-y-6" aria-busy="true" aria-label="Loading the library">
      {[0, 1].map((g) => (
        <Card key={g}>
          <div className="border-b border-slate-100 px-5 py-3">
            <Skeleton className="h-4 w-32" />
          </div>
          {[0, 1, 2].map((r) => (
            <div key={r} className="flex items-center gap-4 px-5 py-4">
              <div className="flex-1 space-y-2">
                <Skeleton className="h-4 w-48 max-w-full" />
                <Skeleton className="h-3 w-32" />
              </div>
              <Skeleton className="h-5 w-20 rounded-full" />
            </div>
          ))}
        </Card>
      ))}
    </div>
  );
}

export function LibraryPage() {
  const videos = useVideos();

  let body;
  if (videos.isPending) body = <LibrarySkeleton />;
  else if (videos.isError)
    body = <ErrorState title="We couldn't load the library" message={errorMessage(videos.error)} onRetry={() => void videos.refetch()} />;
  else if (videos.data.items.length === 0)
    body = (
      <EmptyState
        title="No videos yet"
        message="Upload a set and it will show up here, grouped by athlete, with its rep count and status."
        action={
          <Link to="/" className={buttonClass('primary')}>
            Upload a video
          </Link>
        }
      />
    );
  else
    body = (
      <div className="space-y-6">
        {groupByAthlete(videos.data.items).map((group) => {
          const headingId = `athlete-${group.athlete.replace(/\W+/g, '-')}`;
          return (
            <Card key={group.athlete}>
              <CardHeader
                id={headingId}
                title={group.athlete}
                action={<span className="text-xs text-slate-500">{group.sessions.length} {group.sessions.length === 1 ? 'video' : 'videos'}</span>}
              />
              <ul aria-labelledby={headingId} className="divide-y divide-slate-100">
                {group.sessions.map((s) => (
                  <SessionRow key={s.id} session={s} />
                ))}
              </ul>
            </Card>
          );
        })}
        {videos.data.total > videos.data.items.length && (
          <p className="text-center text-sm text-slate-500">
            Showing the newest {videos.data.items.length} of {videos.data.total} videos.
          </p>
        )}
      </div>
    );

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Library</h1>
          <p className="mt-1 text-sm text-slate-600">Every uploaded set, grouped by athlete, newest first.</p>
        </div>
        <Link to="/" className={buttonClass('primary')}>
          New upload
        </Link>
      </div>
      {body}
    </div>
  );
}
