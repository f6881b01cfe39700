import { Button } from '../../components/button.tsx';
import { formatNumber } from '../../lib/format.ts';
import { SHORTCUTS } from './use-player-shortcuts.ts';

export const SPEEDS = [0.25, 0.5, 1, 1.5, 2] as const;

const checkboxClass =
  'size-4 rounded border-slate-300 text-brand-600 focus-visible:outline-2 focus-visible:outline-brand-600';

/** Play/pause, frame and rep stepping, loop, skeleton and speed; the keys that do the same are listed below. */
export function PlayerControls({
  playing,
  disabled,
  fps,
  speed,
  loop,
  showSkeleton,
  skeletonAvailable,
  hasPrevious,
  hasNext,
  onTogglePlay,
  onStepFrame,
  onStepRep,
  onSpeed,
  onToggleLoop,
  onSkeleton,
}: {
  playing: boolean;
  disabled: boolean;
  fps: number;
  speed: number;
  loop: boolean;
  showSkeleton: boolean;
  skeletonAvailable: boolean;
  hasPrevious: boolean;
  hasNext: boolean;
  onTogglePlay: () => void;
  onStepFrame: (direction: 1 | -1) => void;
  onStepRep: (direction: 1 | -1) => void;
  onSpeed: (speed: number) => void;
  onToggleLoop: () => void;
  onSkeleton: (on: boolean) => void;
}) {
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-2">
        <Button size="sm" className="min-w-20" disabled={disabled} onClick={onTogglePlay} aria-keyshortcuts="Space">
          {playing ? 'Pause' : 'Play'}
        </Button>
        <div role="group" aria-label="Frame step" className="inline-flex">
          <Button
            variant="secondary"
            size="sm"
            className="rounded-r-none"
            disabled={disabled}
            onClick={() => onStepFrame(-1)}
            aria-label="Previous frame"
            aria-keyshortcuts="ArrowLeft"
            title={`Back one frame (1/${formatNumber(fps, 2)} s)`}
          >
            <span aria-hidden="true">◀︎</span> Frame
          </Button>
          <Button
            variant="secondary"
            size="sm"
            className="-ml-px rounded-l-none"
            disabled={disabled}
            onClick={() => onStepFrame(1)}
            aria-label="Next frame"
            aria-keyshortcuts="ArrowRight"
            title={`Forward one frame (1/${formatNumber(fps, 2)} s)`}
          >
            Frame <span aria-hidden="true">▶︎</span>
          </Button>
        </div>
        <Button variant="secondary" size="sm" disabled={!hasPrevious} onClick={() => onStepRep(-1)} aria-keyshortcuts="ArrowUp [">
          ← Previous rep
        </Button>
        <Button variant="secondary" size="sm" disabled={!hasNext} onClick={() => onStepRep(1)} aria-keyshortcuts="ArrowDown ]">
          Next rep →
        </Button>
      </div>
      <div className="flex flex-wrap items-center gap-x-4 gap-y-2">
        <label className="inline-flex items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            checked={loop}
            onChange={onToggleLoop}
            aria-keyshortcuts="L"
            className={checkboxClass}
          />
          Loop rep
        </label>
        <label className="inline-flex items-center gap-2 text-sm text-slate-700">
          <input
            type="checkbox"
            checked={showSkeleton}
            disabled={!skeletonAvailable}
            onChange={(e) => onSkeleton(e.target.checked)}
            className={checkboxClass}
          />
          Skeleton
        </label>
        <div role="group" aria-label="Playback speed" className="inline-flex rounded-md shadow-xs sm:ml-auto">
          {SPEEDS.map((s, i) => (
            <button
              key={s}
              type="button"
              aria-pressed={speed === s}
              aria-label={`${s}× speed`}
              onClick={() => onSpeed(s)}
              className={`px-2.5 py-1.5 text-sm tabular-nums ring-1 ring-inset ring-slate-300 focus-visible:z-10 focus-visible:outline-2 focus-visible:outline-brand-600 ${
                i === 0 ? 'rounded-l-md' : ''
              } ${i === SPEEDS.length - 1 ? 'rounded-r-md' : '-mr-px'} ${
                speed === s ? 'bg-brand-600 text-white ring-brand-600' : 'bg-white text-slate-700 hover:bg-slate-50'
              }`}
            >
              {s}×
            </button>
          ))}
        </div>
      </div>
      <p className="hidden text-xs text-slate-600 sm:block">
        <span className="font-medium">Keyboard:</span>{' '}
        {SHORTCUTS.map((s, i) => (
          <span key={s.action + i} className="mr-3 inline-block">
            {s.keys.map((k) => (
              <kbd
                key={k}
                className="mr-0.5 rounded border border-slate-300 bg-slate-50 px-1 py-px font-sans text-[11px] text-slate-700"
              >
                {k}
              </kbd>
            ))}{' '}
            {s.action}
          </span>
        ))}
        <span className="inline-block">Space and arrows work while the player has focus.</span>
      </p>
    </div>
  );
}
