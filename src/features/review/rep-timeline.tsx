import { memo, useRef, useState, type PointerEvent } from 'react';
import { focusRing } from '../../components/button.tsx';
import { formatClock } from '../../lib/format.ts';
import { needsCheck, repOpinion, type RepOpinion, type SetRep } from './rep-utils.ts';

const COLOURS: Record<RepOpinion, string> = {
  good: 'bg-good/80 hover:bg-good',
  bad: 'bg-bad/80 hover:bg-bad',
  neutral: 'bg-slate-500 hover:bg-slate-600',
};

const pct = (ms: number, durationMs: number) => `${Math.max(0, Math.min(100, (ms / durationMs) * 100))}%`;

/** Memoised so the playhead can move every frame without re-rendering a hundred bands. */
const RepBand = memo(function RepBand({
  rep,
  index: i,
  duration,
  active,
  onSeek,
}: {
  rep: SetRep;
  index: number;
  duration: number;
  active: boolean;
  onSeek: (timeMs: number, index: number) => void;
}) {
  const opinion = repOpinion(rep);
  const check = needsCheck(rep);
  const width = rep.endTimestampMs - rep.startTimestampMs;
  const mid = rep.midTimestampMs;
  return (
    <button
      type="button"
      aria-label={`Rep ${i + 1}${rep.edited ? ', edited by coach' : ''}`}
      aria-pressed={active}
      title={`Rep ${i + 1}: ${formatClock(rep.startTimestampMs)}–${formatClock(rep.endTimestampMs)} (${opinion})${check ? ', check this rep' : ''}${rep.edited ? ', edited by coach' : ''}`}
      data-opinion={opinion}
      data-check={check || undefined}
      data-edited={rep.edited || undefined}
      onClick={() => onSeek(rep.startTimestampMs, i)}
      className={`absolute top-1.5 bottom-1.5 min-w-3 rounded text-[11px] font-semibold text-white transition-colors ${COLOURS[opinion]} ${
        active ? 'ring-2 ring-slate-900 ring-offset-1' : check ? 'outline-2 outline-dashed outline-amber-500' : ''
      } ${focusRing}`}
      style={{ left: pct(rep.startTimestampMs, duration), width: pct(width, duration) }}
    >
      <span aria-hidden="true" className="pointer-events-none relative z-10">
        {i + 1}
        {check && '?'}
      </span>
      {rep.edited && (
        // A folded corner, not text: it reads at any band width (the label says "edited by coach").
        <span aria-hidden="true" data-testid="edited-mark" className="pointer-events-none absolute top-0 right-0 size-0 border-t-8 border-l-8 border-t-white border-l-transparent" />
      )}
      {typeof mid === 'number' && width > 0 && (
        <span
          aria-hidden="true"
          data-testid="rep-bottom"
          className="pointer-events-none absolute top-0 bottom-0 flex w-0.5 -translate-x-1/2 flex-col justify-between"
          style={{ left: pct(mid - rep.startTimestampMs, width) }}
        >
          <span className="h-1.5 w-full bg-white" />
          <span className="h-1.5 w-full bg-white" />
        </span>
      )}
    </button>
  );
});

/** A drag shorter than this many pixels is a click, not a new rep. */
const MIN_DRAG_PX = 6;

/**
 * Every rep as a band across the video's duration, its bottom marked; clicking seeks there.
 * Reps are numbered in the order given (1-based). With `onDragRange` (editing), a drag across the
 * empty timeline gives the span for a new rep.
 */
export function RepTimeline({
  reps,
  durationMs,
  currentTimeMs,
  activeIndex,
  onSeek,
  onDragRange,
  id,
}: {
  reps: readonly SetRep[];
  durationMs: number;
  currentTimeMs: number;
  activeIndex?: number;
  onSeek: (timeMs: number, index: number) => void;
  onDragRange?: (fromMs: number, toMs: number) => void;
  /** Where a "Skip to rep timeline" link lands: the group takes focus (not a tab stop itself). */
  id?: string;
}) {
  const duration = Math.max(durationMs, ...reps.map((r) => r.endTimestampMs), 1);
  const [drag, setDrag] = useState<{ from: number; to: number } | null>(null);
  const dragStartX = useRef(0);
  const msAt = (e: PointerEvent<HTMLDivElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    return Math.max(0, Math.min(1, (e.clientX - box.left) / box.width)) * duration;
  };
  const dragHandlers = onDragRange && {
    onPointerDown: (e: PointerEvent<HTMLDivElement>) => {
      if (e.target !== e.currentTarget || e.button !== 0) return;
      e.currentTarget.setPointerCapture(e.pointerId);
      dragStartX.current = e.clientX;
      setDrag({ from: msAt(e), to: msAt(e) });
    },
    onPointerMove: (e: PointerEvent<HTMLDivElement>) => {
      if (drag) setDrag({ ...drag, to: msAt(e) });
    },
    onPointerUp: (e: PointerEvent<HTMLDivElement>) => {
      if (!drag) return;
      setDrag(null);
      if (Math.abs(e.clientX - dragStartX.current) >= MIN_DRAG_PX) onDragRange(drag.from, msAt(e));
    },
    onPointerCancel: () => setDrag(null),
  };
  return (
    <div>
      <div
        id={id}
        role="group"
        aria-label="Rep timeline"
        tabIndex={id ? -1 : undefined}
        className={`relative h-12 w-full rounded-md bg-slate-100 ring-1 ring-inset ring-slate-200 focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-600 ${onDragRange ? 'cursor-crosshair touch-none' : ''}`}
        {...dragHandlers}
      >
        {drag && (
          <div
            aria-hidden="true"
            data-testid="new-rep"
            className="pointer-events-none absolute top-1.5 bottom-1.5 rounded bg-brand-500/40 ring-1 ring-brand-600"
            style={{ left: pct(Math.min(drag.from, drag.to), duration), width: pct(Math.abs(drag.to - drag.from), duration) }}
          />
        )}
        {reps.map((rep, i) => (
          <RepBand key={`${rep.startTimestampMs}-${i}`} rep={rep} index={i} duration={duration} active={i === activeIndex} onSeek={onSeek} />
        ))}
        <div
          aria-hidden="true"
          className="pointer-events-none absolute -top-1 -bottom-1 z-20 w-0.5 bg-slate-900"
          style={{ left: pct(currentTimeMs, duration) }}
        />
      </div>
      <div aria-hidden="true" className="mt-1 flex justify-between text-xs text-slate-500 tabular-nums">
        <span>{formatClock(0)}</span>
        <span>{formatClock(duration)}</span>
      </div>
    </div>
  );
}
