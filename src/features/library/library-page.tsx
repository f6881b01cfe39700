import { useEffect, useId, useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { useDeleteVideo } from '../../api/delete-video.ts';
import { useAthletes } from '../../api/get-athletes.ts';
import { useVideos } from '../../api/get-videos.ts';
import { useMoveVideo } from '../../api/move-video.ts';
import { SESSION_STATUSES, type AthleteSummary, type Session, type SessionListQuery } from '../../contract/api.ts';
import { ACTIVITIES } from '../../contract/guru.ts';
import { AthleteDatalist, AthleteHint } from '../../components/athlete-name.tsx';
import { Button, buttonClass } from '../../components/button.tsx';
import { Card, CardHeader } from '../../components/card.tsx';
import { fieldClass, labelClass } from '../../components/field.ts';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorState, errorMessage } from '../../components/error-state.tsx';
import { Skeleton } from '../../components/skeleton.tsx';
import { StatusBadge } from '../../components/status-badge.tsx';
import { formatDate, humanize } from '../../lib/format.ts';
import { groupByAthlete, repsText, reviewFlags } from './group-sessions.ts';

const ATHLETE_LIST_ID = 'library-athletes';

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

function MoveForm({ session, athletes, onDone }: { session: Session; athletes: AthleteSummary[]; onDone: () => void }) {
  const id = useId();
  const move = useMoveVideo();
  const [athlete, setAthlete] = useState('');
  function submit(event: FormEvent) {
    event.preventDefault();
    move.mutate({ id: session.id, athlete }, { onSuccess: onDone });
  }
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-2 px-4 pb-3 sm:px-5">
      <div className="min-w-0 flex-1 basis-full sm:basis-48">
        <label htmlFor={id} className={labelClass}>
          Move {session.filename} to athlete
        </label>
        {/* eslint-disable-next-line jsx-a11y/no-autofocus -- opened by the Move button: typing is the next step */}
        <input id={id} className={fieldClass} list={ATHLETE_LIST_ID} value={athlete} maxLength={80} autoFocus autoComplete="off" aria-describedby={`${id}-hint`} onChange={(e) => setAthlete(e.target.value)} />
        <AthleteHint id={`${id}-hint`} name={athlete} athletes={athletes} />
      </div>
      <Button type="submit" size="sm" disabled={move.isPending || !athlete.trim()}>
        Move
      </Button>
      <Button variant="ghost" size="sm" onClick={onDone}>
        Cancel
      </Button>
      {move.error && (
        <p role="alert" className="basis-full text-sm text-bad">
          {errorMessage(move.error)}
        </p>
      )}
    </form>
  );
}

function SessionRow({ session, athletes }: { session: Session; athletes: AthleteSummary[] }) {
  const [moving, setMoving] = useState(false);
  return (
    <li>
      <div className="relative flex flex-col gap-2 px-4 py-3 hover:bg-slate-50 sm:flex-row sm:items-center sm:gap-4 sm:px-5">
        <Poster session={session} />
        <div className="min-w-0 flex-1">
          <Link
            to={`/videos/${session.id}`}
            className="block truncate text-sm font-medium text-slate-900 after:absolute after:inset-0 focus-visible:outline-none focus-visible:after:outline-2 focus-visible:after:outline-brand-600"
            title={session.filename}
          >
            {session.filename}
          </Link>
          <p className="mt-0.5 text-sm text-slate-600">
            {humanize(session.activity)} · <time dateTime={session.createdAt}>{formatDate(session.createdAt)}</time>
            {session.uploadedBy && <> · Uploaded by {session.uploadedBy}</>}
          </p>
        </div>
        <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-sm text-slate-600 sm:w-96 sm:justify-end sm:gap-x-3">
          {session.needsReview && <StatusBadge status="Needs review" label={reviewFlags(session).join(' · ') || undefined} />}
          <span className="tabular-nums">
            <span className="sr-only">Reps: </span>
            {repsText(session)}
            {session.repsEdited && (
              <span title="The coach edited these reps" className="ml-1.5 rounded bg-brand-50 px-1.5 py-0.5 text-xs font-medium text-brand-700">
                edited
              </span>
            )}
          </span>
          <StatusBadge status={session.status} />
          <button
            type="button"
            onClick={() => setMoving(!moving)}
            aria-expanded={moving}
            aria-label={`Move ${session.filename} to another athlete`}
            title="Move to another athlete"
            className="relative z-10 rounded-md p-1.5 text-slate-500 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-600"
          >
            <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="currentColor">
              <path d="M8 9a3 3 0 1 0 0-6 3 3 0 0 0 0 6Zm-6 7a6 6 0 0 1 11.2-3H12a1 1 0 0 0 0 2h2.6l-.3.3a1 1 0 1 0 1.4 1.4l2-2a1 1 0 0 0 0-1.4l-2-2a1 1 0 0 0-1.4 1.4l.3.3H13.2A6 6 0 0 0 2 16Z" />
            </svg>
          </button>
          <DeleteButton session={session} />
        </div>
      </div>
      {moving && <MoveForm session={session} athletes={athletes} onDone={() => setMoving(false)} />}
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


type Filters = { q: string; athleteId: string; activity: string; status: string; needsReview: string };
const FILTER_NAMES = ['q', 'athleteId', 'activity', 'status', 'needsReview'] as const;

/** The search box asks the server once typing pauses, not on every key. */
function useDebounced<T>(value: T, ms = 250): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

function LibraryFilters({
  filters,
  athletes,
  onChange,
}: {
  filters: Filters;
  athletes: AthleteSummary[];
  onChange: (change: Partial<Filters>) => void;
}) {
  const id = useId();
  return (
    <div role="search" className="grid gap-3 sm:grid-cols-2 lg:grid-cols-[minmax(0,2fr)_repeat(3,minmax(0,1fr))]">
      <div className="sm:col-span-2 lg:col-span-1">
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
        <label htmlFor={`${id}-athlete`} className={labelClass}>
          Athlete
        </label>
        <select id={`${id}-athlete`} value={filters.athleteId} onChange={(e) => onChange({ athleteId: e.target.value })} className={fieldClass}>
          <option value="">All athletes</option>
          {athletes.map((a) => (
            <option key={a.id} value={String(a.id)}>
              {a.name}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor={`${id}-activity`} className={labelClass}>
          Activity
        </label>
        <select id={`${id}-activity`} value={filters.activity} onChange={(e) => onChange({ activity: e.target.value })} className={fieldClass}>
          <option value="">All activities</option>
          {ACTIVITIES.map((a) => (
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
      <label className="flex items-start gap-2 text-sm font-medium text-slate-700 sm:col-span-2 lg:col-span-4">
        <input
          type="checkbox"
          checked={filters.needsReview === 'true'}
          onChange={(e) => onChange({ needsReview: e.target.checked ? 'true' : '' })}
          className="mt-0.5 size-4 shrink-0 rounded border-slate-300 text-brand-600 focus-visible:outline-2 focus-visible:outline-brand-600"
        />
        <span>
          Needs review <span className="block font-normal text-slate-600 sm:inline">found reps differ from the expected count, or some rep needs checking</span>
        </span>
      </label>
    </div>
  );
}

export function LibraryPage() {
  // Filters live in the URL so "back" from a review returns to the same filtered list.
  const [params, setParams] = useSearchParams();
  const filters = Object.fromEntries(FILTER_NAMES.map((k) => [k, params.get(k) ?? ''])) as Filters;
  const q = useDebounced(filters.q.trim());
  const query: SessionListQuery = {
    q: q || undefined,
    athleteId: filters.athleteId || undefined,
    activity: (filters.activity || undefined) as SessionListQuery['activity'],
    status: (filters.status || undefined) as SessionListQuery['status'],
    needsReview: filters.needsReview === 'true' || undefined,
  };
  const videos = useVideos(query);
  const athletes = useAthletes().data?.items ?? [];
  const filtering = FILTER_NAMES.some((k) => filters[k].trim());
  const setFilters = (change: Partial<Filters>) =>
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
  const clearFilters = () => setFilters(Object.fromEntries(FILTER_NAMES.map((k) => [k, ''])));
  const items = videos.data?.items ?? [];
  const total = videos.data?.total ?? 0;

  let body;
  if (videos.isPending) body = <LibrarySkeleton />;
  else if (videos.isError)
    body = <ErrorState title="We couldn't load the library" message={errorMessage(videos.error)} onRetry={() => void videos.refetch()} />;
  else if (total === 0 && !filtering)
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
  else if (total === 0)
    body = (
      <EmptyState
        title="No videos match"
        message="Nothing in the library matches this search and these filters."
        action={
          <Button variant="secondary" onClick={clearFilters}>
            Clear filters
          </Button>
        }
      />
    );
  else
    body = (
      <div className="space-y-6">
        <AthleteDatalist id={ATHLETE_LIST_ID} athletes={athletes} />
        {groupByAthlete(items).map((group) => {
          const headingId = `athlete-${group.athleteId}`;
          return (
            <Card key={group.athleteId}>
              <CardHeader
                id={headingId}
                title={group.athlete}
                action={<span className="text-xs text-slate-600">{group.sessions.length} {group.sessions.length === 1 ? 'video' : 'videos'}</span>}
              />
              <ul aria-labelledby={headingId} className="divide-y divide-slate-100">
                {group.sessions.map((s) => (
                  <SessionRow key={s.id} session={s} athletes={athletes} />
                ))}
              </ul>
            </Card>
          );
        })}
        {total > items.length && (
          <p className="text-center text-sm text-slate-600">
            Showing the newest {items.length} of {total} {filtering ? 'matching ' : ''}videos. Narrow the search to see older ones.
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
      {(filtering || total > 0) && (
        <Card className="p-4 sm:p-5">
          <LibraryFilters filters={filters} athletes={athletes} onChange={setFilters} />
          <p role="status" className="mt-3 text-sm text-slate-600">
            {videos.isSuccess && (filtering ? `${total} ${total === 1 ? 'video matches' : 'videos match'}.` : `${total} ${total === 1 ? 'video' : 'videos'}.`)}
          </p>
        </Card>
      )}
      {body}
    </div>
  );
}
