import { Link } from 'react-router';
import { Button, buttonClass } from '../../components/button.tsx';
import { ProgressBar } from '../../components/progress-bar.tsx';
import { formatBytes } from '../../lib/format.ts';
import { isActive, uploadPercent } from './upload-machine.ts';
import type { QueueItem } from './use-upload-queue.ts';

function statusText(item: QueueItem): string {
  const { state } = item;
  switch (state.status) {
    case 'idle':
      return 'Waiting…';
    case 'creating':
      return 'Preparing upload…';
    case 'uploading':
      return `Uploading ${Math.round(uploadPercent(state))}% of ${formatBytes(item.file.size)}`;
    case 'done':
      return 'Uploaded: analysis has started';
    case 'error':
      return state.message;
    case 'cancelled':
      return 'Cancelled';
  }
}

export function UploadRow({
  item,
  onCancel,
  onRetry,
  onRemove,
}: {
  item: QueueItem;
  onCancel: () => void;
  onRetry: () => void;
  onRemove: () => void;
}) {
  const { state } = item;
  const tone =
    state.status === 'error' ? 'text-bad' : state.status === 'done' ? 'text-good' : 'text-slate-500';
  return (
    <li className="flex flex-col gap-2 px-4 py-3 sm:px-5">
      <div className="flex flex-wrap items-center justify-between gap-x-3 gap-y-2">
        <div className="min-w-0 flex-1">
          <p className="truncate text-sm font-medium text-slate-900" title={item.file.name}>
            {item.file.name}
          </p>
          <p className={`text-sm ${tone}`} role={state.status === 'error' ? 'alert' : undefined}>
            {statusText(item)}
          </p>
        </div>
        <div className="flex shrink-0 items-center gap-2">
          {(isActive(state) || state.status === 'idle') && (
            <Button variant="secondary" size="sm" onClick={onCancel} aria-label={`Cancel upload of ${item.file.name}`}>
              Cancel
            </Button>
          )}
          {(state.status === 'error' || state.status === 'cancelled') && (
            <>
              <Button size="sm" onClick={onRetry} aria-label={`Retry upload of ${item.file.name}`}>
                Retry
              </Button>
              <Button variant="ghost" size="sm" onClick={onRemove} aria-label={`Remove ${item.file.name}`}>
                Remove
              </Button>
            </>
          )}
          {state.status === 'done' && (
            <Link to={`/videos/${state.id}`} className={buttonClass('primary', 'sm')} aria-label={`Review ${item.file.name}`}>
              Review
            </Link>
          )}
        </div>
      </div>
      {(isActive(state) || state.status === 'done') && (
        <ProgressBar value={uploadPercent(state)} label={`Upload progress for ${item.file.name}`} />
      )}
    </li>
  );
}
