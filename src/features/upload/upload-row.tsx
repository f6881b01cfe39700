import { useId } from 'react';
import { Link } from 'react-router';
import { useAnalysis } from '../../api/get-analysis.ts';
import type { AthleteSummary } from '../../contract/api.ts';
import { DOMAINS, type Activity } from '../../contract/guru.ts';
import { offeredActivities } from '../../contract/measures.ts';
import { AthleteHint, findAthlete } from '../../components/athlete-name.tsx';
import { Button, buttonClass } from '../../components/button.tsx';
import { fieldClass, labelClass } from '../../components/field.ts';
import { ProgressBar } from '../../components/progress-bar.tsx';
import { StatusBadge } from '../../components/status-badge.tsx';
import { formatBytes, humanize, setsAhead } from '../../lib/format.ts';
import { ExpectedRepsField } from './expected-reps-field.tsx';
import { isActive, isEditable, uploadPercent } from './upload-machine.ts';
import { DEFAULT_ATHLETE, parseExpectedReps, type UploadTags } from './upload-tags.ts';
import type { QueueItem } from './use-upload-queue.ts';

function uploadText(item: QueueItem): string {
  const { state } = item;
  switch (state.status) {
    case 'staged':
      return `${formatBytes(item.file.size)} · ready to upload`;
    case 'idle':
      return 'Waiting…';
    case 'creating':
      return 'Preparing upload…';
    case 'uploading':
      return `Uploading ${Math.round(uploadPercent(state))}% of ${formatBytes(item.file.size)}`;
    case 'done':
      return 'Uploaded';
    case 'error':
      return state.message;
    case 'cancelled':
      return 'Cancelled';
  }
}

/** The analysis of an uploaded file, polled live: Pending, Complete with its rep count, or Failed and why. */
function AnalysisStatus({ id, expected }: { id: string; expected?: number }) {
  const analysis = useAnalysis(id);
  if (analysis.isError) return <span className="text-slate-600">Analysis status unavailable: open the review.</span>;
  const data = analysis.data;
  const status = data?.status ?? 'Pending';
  let detail = setsAhead(data?.queuePosition) ?? 'analysing, usually within a minute';
  if (data?.status === 'Complete') {
    const n = data.reps.length;
    detail = `${n} ${n === 1 ? 'rep' : 'reps'}${expected !== undefined && expected !== n ? ` (expected ${expected})` : ''}`;
  } else if (data?.status === 'Failed') {
    detail = humanize(data.reason ?? 'UNKNOWN');
  }
  return (
    <span className="inline-flex flex-wrap items-center gap-2">
      <StatusBadge status={status} />
      <span className={data?.status === 'Failed' ? 'text-bad' : 'text-slate-700'}>{detail}</span>
    </span>
  );
}

function TagFields({
  item,
  guru,
  athletes,
  athleteListId,
  onEdit,
}: {
  item: QueueItem;
  guru?: 'local' | 'remote';
  athletes: AthleteSummary[];
  athleteListId: string;
  onEdit: (change: Partial<UploadTags>) => void;
}) {
  const id = useId();
  const name = item.file.name;
  const reps = parseExpectedReps(item.tags.expectedReps);
  return (
    <div className="grid gap-3 sm:grid-cols-3">
      <div>
        <label htmlFor={`${id}-athlete`} className={labelClass}>
          Athlete <span className="sr-only">for {name}</span>
        </label>
        <input
          id={`${id}-athlete`}
          className={fieldClass}
          value={item.tags.athlete}
          maxLength={80}
          placeholder={DEFAULT_ATHLETE}
          autoComplete="off"
          list={athleteListId}
          aria-describedby={`${id}-athlete-hint`}
          onChange={(e) => onEdit({ athlete: e.target.value })}
        />
        <AthleteHint id={`${id}-athlete-hint`} name={item.tags.athlete} athletes={athletes} />
      </div>
      <div>
        <label htmlFor={`${id}-activity`} className={labelClass}>
          Activity <span className="sr-only">for {name}</span>
        </label>
        <select id={`${id}-activity`} className={fieldClass} value={item.tags.activity} onChange={(e) => onEdit({ activity: e.target.value as Activity })}>
          {DOMAINS.map((d) => (
            <optgroup key={d} label={humanize(d)}>
              {offeredActivities(d, guru ?? 'remote').map((a) => (
                <option key={a} value={a}>
                  {humanize(a)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <ExpectedRepsField
        id={`${id}-expected`}
        label={<>Expected reps <span className="sr-only">for {name}</span></>}
        value={item.tags.expectedReps}
        error={reps.error}
        onChange={(expectedReps) => onEdit({ expectedReps })}
      />
    </div>
  );
}

export function UploadRow({
  item,
  guru,
  athletes,
  athleteListId,
  onEdit,
  onStart,
  onCancel,
  onRetry,
  onRemove,
}: {
  item: QueueItem;
  guru?: 'local' | 'remote';
  athletes: AthleteSummary[];
  athleteListId: string;
  onEdit: (change: Partial<UploadTags>) => void;
  onStart: () => void;
  onCancel: () => void;
  onRetry: () => void;
  onRemove: () => void;
}) {
  const { state } = item;
  const name = item.file.name;
  const tone = state.status === 'error' ? 'text-bad' : 'text-slate-600';
  const expected = parseExpectedReps(item.tags.expectedReps);
  const athlete = item.tags.athlete.trim() || DEFAULT_ATHLETE;
  return (
    <li className="flex flex-col gap-3 px-4 py-3 sm:px-5">
      <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-2">
        <div className="min-w-0 flex-1">
          <p className="truncate text-sm font-medium text-slate-900" title={name}>
            {name}
          </p>
          <div className={`text-sm ${tone}`} role={state.status === 'error' ? 'alert' : undefined}>
            {state.status === 'done' ? (
              <span className="flex flex-wrap items-center gap-x-2">
                <span className="text-slate-600">
                  Uploaded for {findAthlete(athlete, athletes)?.name ?? athlete} ·
                </span>
                <AnalysisStatus id={state.id} expected={expected.value} />
              </span>
            ) : (
              uploadText(item)
            )}
          </div>
        </div>
        <div className="flex shrink-0 items-center gap-2">
          {state.status === 'staged' && (
            <>
              <Button size="sm" onClick={onStart} disabled={!!expected.error} aria-label={`Upload ${name}`}>
                Upload
              </Button>
              <Button variant="ghost" size="sm" onClick={onRemove} aria-label={`Remove ${name}`}>
                Remove
              </Button>
            </>
          )}
          {(isActive(state) || state.status === 'idle') && (
            <Button variant="secondary" size="sm" onClick={onCancel} aria-label={`Cancel upload of ${name}`}>
              Cancel
            </Button>
          )}
          {(state.status === 'error' || state.status === 'cancelled') && (
            <>
              <Button size="sm" onClick={onRetry} aria-label={`Retry upload of ${name}`}>
                Retry
              </Button>
              <Button variant="ghost" size="sm" onClick={onRemove} aria-label={`Remove ${name}`}>
                Remove
              </Button>
            </>
          )}
          {state.status === 'done' && (
            <Link to={`/videos/${state.id}`} className={buttonClass('primary', 'sm')} aria-label={`Review ${name}`}>
              Review
            </Link>
          )}
        </div>
      </div>
      {isEditable(state) && <TagFields item={item} guru={guru} athletes={athletes} athleteListId={athleteListId} onEdit={onEdit} />}
      {isActive(state) && <ProgressBar value={uploadPercent(state)} label={`Upload progress for ${name}`} />}
    </li>
  );
}
