import { useRef, type ReactNode, type RefObject } from 'react';
import type { J2pResponse, Rep } from '../../contract/guru.ts';
import { Skeleton } from '../../components/skeleton.tsx';
import { formatClock } from '../../lib/format.ts';
import { SkeletonOverlay } from './skeleton-overlay.tsx';

/** The replay's length: the last joint sample or rep end, whichever is later. */
export function replayDurationMs(j2p: J2pResponse | undefined, reps: readonly Rep[]): number {
  let end = Math.max(0, ...reps.map((r) => r.endTimestampMs));
  for (const points of Object.values(j2p?.jointToPoints ?? {})) {
    for (const p of points) end = Math.max(end, p.timestamp * 1000);
  }
  return end;
}

/**
 * The detected joints drawn on their own at the replay clock's time: the set without its picture.
 * `over` draws on the replay's area as on a picture (the coach's drawings).
 */
export function SkeletonReplay({
  j2p,
  currentTimeMs,
  durationMs,
  over,
}: {
  j2p: J2pResponse | undefined;
  currentTimeMs: number;
  durationMs: number;
  over?: (area: RefObject<HTMLDivElement | null>) => ReactNode;
}) {
  const boxRef = useRef<HTMLDivElement | null>(null);
  if (!j2p) return <Skeleton className="aspect-video w-full rounded-none" />;
  const aspect = j2p.resolutionWidth && j2p.resolutionHeight ? j2p.resolutionWidth / j2p.resolutionHeight : 16 / 9;
  return (
    <div className="@container relative bg-slate-950">
      {/* The picture's own area, as the video would fill it: full width, or 70vh tall when portrait. */}
      <div
        ref={boxRef}
        className="relative mx-auto bg-slate-800"
        style={{ aspectRatio: aspect, width: `min(100cqw, ${70 * aspect}vh)` }}
      >
        <SkeletonOverlay j2p={j2p} boxRef={boxRef} currentTimeMs={currentTimeMs} />
        {over?.(boxRef)}
      </div>
      <p className="absolute top-2 left-3 text-xs text-slate-300 tabular-nums">
        Skeleton replay {formatClock(currentTimeMs)} / {formatClock(durationMs)}
      </p>
    </div>
  );
}
