import { useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useDeleteVideo } from '../../api/delete-video.ts';
import { useVideos } from '../../api/get-videos.ts';
import { SESSION_STATUSES, type Session } from '../../contract/api.ts';
import { Button, buttonClass } from '../../components/button.tsx';
import { Card, CardHeader } from '../../components/card.tsx';
import { fieldClass, labelClass } from '../../components/field.ts';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorState, errorMessage } from '../../components/error-state.tsx';
import { Skeleton } from '../../components/skeleton.tsx';
import { StatusBadge } from '../../components/status-badge.tsx';
import { formatDate, humanize } from '../../lib/format.ts';
import { filterSessions, groupByAthlete, type SessionFilters } from './group-sessions.ts';

function repsText(s: Session): string {
  const parts: string[] = [];
  if (typeof s.repsFound === 'number') parts.push(`${s.repsFound} found`);
  if (typeof s.correctedReps === 'number') parts.push(`${s.correctedReps} corrected`);
  if (parts.length === 0 && typeof s.expectedReps === 'number') parts.push(`${s.expectedReps} expected`);
  return parts.join(' · ') || '—';
}

function Poster({ session }: { session: Session }) {
  const [failed, setFailed] = useState(false);
  const box = 'hidden h-12 w-20 shrink-0 overflow-hidden rounded-md bg-slate-100 sm:block';
  // Posters are cut from the uploaded video; until it has arrived there is nothing to show.
  if (session.status === 'Uploading' || failed) return <div aria-hidden="true" className={box} />;
  return (
    <div className={box}>
      <img
        src={`/api/videos/${encodeURIComponent(session.id)}/poster`}
        alt=""
        loading="lazy"
        className="h-full w-full object-cover"
        onError={() => setFailed(true)}
      />
    </div>
  );
}

function DeleteButton({ session }: { session: Session }) {
  const remove = useDeleteVideo();
  function onClick() {
    if (window.confirm(`Remove ${session.filename} from the library?`)) remove.mutate(session.id);
  }
  return (
    <>
      <button
        type="button"
        onClick={onClick}
        disabled={remove.isPending}
        aria-label={`Delete ${session.filename}`}
        title="Remove from the library"
        className="relative z-10 rounded-md p-1.5 text-slate-400 hover:bg-red-50 hover:text-bad focus-visible:outline-2 focus-visible:outline-brand-600 disabled:opacity-50"
      >
        <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="currentColor">
          <path d="M8 2a1 1 0 0 0-1 1v1H4a1 1 0 0 0 0 2h.3l.8 10.1A2 2 0 0 0 7.1 18h5.8a2 2 0 0 0 2-1.9L15.7 6h.3a1 1 0 1 0 0-2h-3V3a1 1 0 0 0-1-1H8Zm1 2V4h2v0H9Z" />
        </svg>
      </button>
      {remove.error && (
        <span role="alert" className="relative z-10 text-xs text-bad">
          Not deleted: {remove.error.message}
        </span>
      )}
    </>
  );
}

function SessionRow({ session }: { session: Session }) {
  return (
    <li className="relative flex flex-col gap-2 px-4 py-3 hover:bg-slate-50 sm:flex-row sm:items-center sm:gap-4 sm:px-5">
      <Poster session={session} />
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
        <DeleteButton session={session} />
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


function LibraryFilters({
  filters,
  activities,
  onChange,
}: {
  filters: Required<SessionFilters>;
  activities: string[];
  onChange: (change: SessionFilters) => void;
}) {
  const id = useId();
  return (
    <div role="search" className="grid gap-3 sm:grid-cols-[minmax(0,2fr)_minmax(0,1fr)_minmax(0,1fr)]">
      <div>
        <label htmlFor={`${id}-q`} className={labelClass}>
          Search
        </label>
        <input
          id={`${id}-q`}
          type="search"
          value={filters.q}
          placeholder="Athlete or file name"
          autoComplete="off"
          onChange={(e) => onChange({ q: e.target.value })}
          className={fieldClass}
        />
      </div>
      <div>
        <label htmlFor={`${id}-activity`} className={labelClass}>
          Activity
        </label>
        <select id={`${id}-activity`} value={filters.activity} onChange={(e) => onChange({ activity: e.target.value })} className={fieldClass}>
          <option value="">All activities</option>
          {activities.map((a) => (
            <option key={a} value={a}>
              {humanize(a)}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-status`} className={labelClass}>
          Status
        </label>
        <select id={`${id}-status`} value={filters.status} onChange={(e) => onChange({ status: e.target.value })} className={fieldClass}>
          <option value="">All statuses</option>
          {SESSION_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

export function LibraryPage() {
  const videos = useVideos();
  // Filters live in the URL so "back" from a review returns to the same filtered list.
  const [params, setParams] = useSearchParams();
  const filters = { q: params.get('q') ?? '', activity: params.get('activity') ?? '', status: params.get('status') ?? '' };
  const filtering = !!(filters.q.trim() || filters.activity || filters.status);
  const setFilters = (change: SessionFilters) =>
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(change)) {
          if (v) next.set(k, v);
          else next.delete(k);
        }
        return next;
      },
      { replace: true },
    );
  const items = videos.data?.items ?? [];
  const activities = [...new Set(items.map((s) => s.activity).filter((a): a is string => !!a))].sort();
  const shown = filterSessions(items, filters);

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
  else if (shown.length === 0)
    body = (
      <EmptyState
        title="No videos match"
        message="Nothing in the library matches this search and these filters."
        action={
          <Button variant="secondary" onClick={() => setFilters({ q: '', activity: '', status: '' })}>
            Clear filters
          </Button>
        }
      />
    );
  else
    body = (
      <div className="space-y-6">
        {groupByAthlete(shown).map((group) => {
          const headingId = `athlete-${group.athlete.replace(/\W+/g, '-')}`;
          return (
            <Card key={group.athlete}>
              <CardHeader
                id={headingId}
                title={group.athlete}
                action={<span className="text-xs text-slate-600">{group.sessions.length} {group.sessions.length === 1 ? 'video' : 'videos'}</span>}
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
          <p className="text-center text-sm text-slate-600">
            Showing the newest {videos.data.items.length} of {videos.data.total} videos{filtering ? ' (filters apply to these)' : ''}.
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
      {items.length > 0 && (
        <Card className="p-4 sm:p-5">
          <LibraryFilters filters={filters} activities={activities} onChange={setFilters} />
          <p role="status" className="mt-3 text-sm text-slate-600">
            {filtering ? `${shown.length} of ${items.length} videos match.` : `${items.length} ${items.length === 1 ? 'video' : 'videos'}.`}
          </p>
        </Card>
      )}
      {body}
    </div>
  );
}
