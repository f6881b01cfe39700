import { useId, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useExportAthlete } from '../../api/export-athlete.ts';
import { useAthletes } from '../../api/get-athletes.ts';
import { useMergeAthlete } from '../../api/merge-athlete.ts';
import { useRenameAthlete } from '../../api/rename-athlete.ts';
import type { AthleteSummary } from '../../contract/api.ts';
import { Button, buttonClass } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorState, errorMessage } from '../../components/error-state.tsx';
import { fieldClass, labelClass } from '../../components/field.ts';
import { Skeleton } from '../../components/skeleton.tsx';
import { downloadBlob } from '../../lib/download.ts';
import { formatDate } from '../../lib/format.ts';
import { coachTimeZone, defaultRange } from './date-range.ts';

const videos = (n: number) => `${n} ${n === 1 ? 'video' : 'videos'}`;

function RenameForm({ athlete, onDone }: { athlete: AthleteSummary; onDone: () => void }) {
  const id = useId();
  const rename = useRenameAthlete();
  const [name, setName] = useState(athlete.name);
  function submit(event: FormEvent) {
    event.preventDefault();
    rename.mutate({ id: athlete.id, name }, { onSuccess: onDone });
  }
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-2">
      <div className="min-w-0 flex-1 basis-full sm:basis-48">
        <label htmlFor={id} className={labelClass}>
          New name for {athlete.name}
        </label>
        {/* eslint-disable-next-line jsx-a11y/no-autofocus -- opened by the Rename button: typing is the next step */}
        <input id={id} className={fieldClass} value={name} maxLength={80} autoFocus autoComplete="off" onChange={(e) => setName(e.target.value)} />
      </div>
      <Button type="submit" size="sm" disabled={rename.isPending || !name.trim()}>
        Save name
      </Button>
      <Button variant="ghost" size="sm" onClick={onDone}>
        Cancel
      </Button>
      {rename.error && (
        <p role="alert" className="basis-full text-sm text-bad">
          {errorMessage(rename.error)}
        </p>
      )}
    </form>
  );
}

function MergeForm({ athlete, others, onDone }: { athlete: AthleteSummary; others: AthleteSummary[]; onDone: () => void }) {
  const id = useId();
  const merge = useMergeAthlete();
  const [into, setInto] = useState(others[0]?.id);
  function submit(event: FormEvent) {
    event.preventDefault();
    const target = others.find((a) => a.id === into);
    if (!target) return;
    const question = `Move ${videos(athlete.sessions)} of ${athlete.name} to ${target.name}? ${athlete.name} is then removed.`;
    if (window.confirm(question)) merge.mutate({ id: athlete.id, into: target.id }, { onSuccess: onDone });
  }
  if (others.length === 0) return <p className="text-sm text-slate-600">There is no other athlete to merge with.</p>;
  return (
    <form onSubmit={submit} className="flex flex-wrap items-end gap-2">
      <div className="min-w-0 flex-1 basis-full sm:basis-48">
        <label htmlFor={id} className={labelClass}>
          Merge {athlete.name} into
        </label>
        <select id={id} className={fieldClass} value={into} onChange={(e) => setInto(Number(e.target.value))}>
          {others.map((a) => (
            <option key={a.id} value={a.id}>
              {a.name} ({videos(a.sessions)})
            </option>
          ))}
        </select>
      </div>
      <Button type="submit" size="sm" variant="danger" disabled={merge.isPending}>
        Merge
      </Button>
      <Button variant="ghost" size="sm" onClick={onDone}>
        Cancel
      </Button>
      {merge.error && (
        <p role="alert" className="basis-full text-sm text-bad">
          {errorMessage(merge.error)}
        </p>
      )}
    </form>
  );
}

const sets = (n: number) => `${n} ${n === 1 ? 'set' : 'sets'}`;

function ExportForm({ athlete, onDone }: { athlete: AthleteSummary; onDone: () => void }) {
  const id = useId();
  const exporter = useExportAthlete();
  const [from, setFrom] = useState(() => defaultRange().from);
  const [to, setTo] = useState(() => defaultRange().to);
  const backwards = !!from && !!to && from > to;
  function submit(event: FormEvent) {
    event.preventDefault();
    const tz = coachTimeZone();
    exporter.mutate(
      { id: athlete.id, query: { from: from || undefined, to: to || undefined, tz } },
      { onSuccess: (file) => file.sets > 0 && downloadBlob(file.filename, file.blob) },
    );
  }
  const done = exporter.data;
  return (
    <form onSubmit={submit} aria-label={`Export ${athlete.name} as CSV`} className="flex flex-wrap items-end gap-2">
      <div>
        <label htmlFor={`${id}-from`} className={labelClass}>
          From
        </label>
        <input id={`${id}-from`} type="date" className={fieldClass} value={from} max={to || undefined} aria-describedby={`${id}-hint`} onChange={(e) => setFrom(e.target.value)} />
      </div>
      <div>
        <label htmlFor={`${id}-to`} className={labelClass}>
          To
        </label>
        <input id={`${id}-to`} type="date" className={fieldClass} value={to} min={from || undefined} aria-describedby={`${id}-hint`} onChange={(e) => setTo(e.target.value)} />
      </div>
      <Button type="submit" size="sm" disabled={exporter.isPending || backwards}>
        {exporter.isPending ? 'Preparing…' : 'Download CSV'}
      </Button>
      <Button variant="ghost" size="sm" onClick={onDone}>
        Cancel
      </Button>
      <p id={`${id}-hint`} className="basis-full text-sm text-slate-600">
        One row per rep of every analysed set in these dates (both included), with the coach&apos;s edits; leave a date empty to include everything that way.
      </p>
      {backwards && (
        <p role="alert" className="basis-full text-sm text-bad">
          The From date is after the To date.
        </p>
      )}
      {exporter.error && (
        <p role="alert" className="basis-full text-sm text-bad">
          {errorMessage(exporter.error)}
        </p>
      )}
      <p role="status" className="basis-full text-sm text-slate-700">
        {done &&
          (done.sets === 0 && done.skipped === 0
            ? `${athlete.name} has no analysed sets in these dates: nothing to download.`
            : `Downloaded ${sets(done.sets)}.`)}
        {done && done.skipped > 0 && (
          <span className="font-medium text-amber-800">
            {' '}
            {sets(done.skipped)} left out: their analysis could not be read just now. Export again later to include {done.skipped === 1 ? 'it' : 'them'}.
          </span>
        )}
      </p>
    </form>
  );
}

function AthleteRow({ athlete, all }: { athlete: AthleteSummary; all: AthleteSummary[] }) {
  const [editing, setEditing] = useState<'rename' | 'merge' | 'export' | null>(null);
  return (
    <li className="space-y-3 px-4 py-3 sm:px-5">
      <div className="flex flex-wrap items-center justify-between gap-x-4 gap-y-2">
        <div className="min-w-0">
          <Link
            to={`/athletes/${athlete.id}`}
            className="block truncate text-sm font-medium text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600"
          >
            {athlete.name}
          </Link>
          <p className="mt-0.5 text-sm text-slate-600">
            {videos(athlete.sessions)}
            {athlete.lastSessionAt && (
              <>
                {' · last '}
                <time dateTime={athlete.lastSessionAt}>{formatDate(athlete.lastSessionAt)}</time>
              </>
            )}
            {athlete.needsReview > 0 && <span className="font-medium text-amber-800"> · {athlete.needsReview} to review</span>}
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Button variant="secondary" size="sm" aria-label={`Rename ${athlete.name}`} aria-expanded={editing === 'rename'} onClick={() => setEditing(editing === 'rename' ? null : 'rename')}>
            Rename
          </Button>
          <Button variant="secondary" size="sm" aria-label={`Merge ${athlete.name}`} aria-expanded={editing === 'merge'} onClick={() => setEditing(editing === 'merge' ? null : 'merge')}>
            Merge…
          </Button>
          <Button variant="secondary" size="sm" aria-label={`Export CSV for ${athlete.name}`} aria-expanded={editing === 'export'} onClick={() => setEditing(editing === 'export' ? null : 'export')}>
            Export CSV…
          </Button>
        </div>
      </div>
      {editing === 'rename' && <RenameForm athlete={athlete} onDone={() => setEditing(null)} />}
      {editing === 'export' && <ExportForm athlete={athlete} onDone={() => setEditing(null)} />}
      {editing === 'merge' && <MergeForm athlete={athlete} others={all.filter((a) => a.id !== athlete.id)} onDone={() => setEditing(null)} />}
    </li>
  );
}

function AthletesSkeleton() {
  return (
    <Card>
      <div aria-busy="true" aria-label="Loading the athletes" className="divide-y divide-slate-100">
        {[0, 1, 2].map((r) => (
          <div key={r} className="space-y-2 px-5 py-4">
            <Skeleton className="h-4 w-40" />
            <Skeleton className="h-3 w-56 max-w-full" />
          </div>
        ))}
      </div>
    </Card>
  );
}

export function AthletesPage() {
  const athletes = useAthletes();
  let body;
  if (athletes.isPending) body = <AthletesSkeleton />;
  else if (athletes.isError)
    body = <ErrorState title="We couldn't load the athletes" message={errorMessage(athletes.error)} onRetry={() => void athletes.refetch()} />;
  else if (athletes.data.items.length === 0)
    body = (
      <EmptyState
        title="No athletes yet"
        message="Athletes appear here when their first video is uploaded."
        action={
          <Link to="/" className={buttonClass('primary')}>
            Upload a video
          </Link>
        }
      />
    );
  else
    body = (
      <Card>
        <ul aria-label="Athletes" className="divide-y divide-slate-100">
          {athletes.data.items.map((a) => (
            <AthleteRow key={a.id} athlete={a} all={athletes.data.items} />
          ))}
        </ul>
      </Card>
    );
  return (
    <div className="space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">Athletes</h1>
        <p className="mt-1 text-sm text-slate-600">
          Everyone with a video in the library. Names match whatever their case or accents; rename a record, merge two records of one person, or export an athlete's reps over a range of dates.
        </p>
      </div>
      {body}
    </div>
  );
}
