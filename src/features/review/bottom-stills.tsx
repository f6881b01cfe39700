import { useCallback, useEffect, useRef, useState } from 'react';
import type { Drawing } from '../../contract/feedback.ts';
import { formatClock } from '../../lib/format.ts';
import { DrawnShape } from './feedback/drawing-shapes.tsx';
import type { SetRep } from './rep-utils.ts';

/** Printing does not wait longer than this for the stills (the alt text prints in their place). */
const STILLS_WAIT_MS = 8_000;
/** Most frames with drawings the print cuts stills of (the notes card lists every drawing anyway). */
const MAX_DRAWN_FRAMES = 12;

/**
 * "Print summary": the stills of each rep's bottom are cut by the server on first request, so they
 * are asked for only when the coach prints, and the print dialog opens once they have loaded.
 */
export function usePrintSummary() {
  const [stillsWanted, setStillsWanted] = useState(false);
  const waiting = useRef<ReturnType<typeof setTimeout> | null>(null);
  const print = useCallback(() => {
    if (waiting.current) clearTimeout(waiting.current);
    waiting.current = null;
    window.print();
  }, []);
  useEffect(() => () => void (waiting.current && clearTimeout(waiting.current)), []);
  const requestPrint = useCallback(() => {
    if (stillsWanted) return print();
    setStillsWanted(true);
    waiting.current = setTimeout(print, STILLS_WAIT_MS);
  }, [stillsWanted, print]);
  /** Called by BottomStills when every still has loaded or failed. */
  const onStillsReady = useCallback(() => {
    if (waiting.current) print();
  }, [print]);
  return { stillsWanted, requestPrint, onStillsReady };
}

/**
 * For the printed summary: a still of each rep's bottom, so a coach's notes on paper show what
 * each rep looked like, and of each frame the coach drew on, with the drawings over it (`picture`:
 * the video's size, which the drawings' points are fractions of). Print only: on screen the video does this.
 */
export function BottomStills({
  id,
  reps,
  drawings = [],
  picture = null,
  onReady,
}: {
  id: string;
  reps: readonly SetRep[];
  drawings?: readonly Drawing[];
  picture?: { width: number; height: number } | null;
  onReady: () => void;
}) {
  const shown = reps.flatMap((rep, i) => (typeof rep.midTimestampMs === 'number' ? [{ rep, n: i + 1, at: Math.round(rep.midTimestampMs) }] : []));
  const drawnAt = picture ? [...new Set(drawings.map((d) => d.timeMs))].slice(0, MAX_DRAWN_FRAMES) : [];
  const total = shown.length + drawnAt.length;
  const settled = useRef(new Set<string>());
  useEffect(() => {
    if (total === 0) onReady();
  }, [total, onReady]);
  if (total === 0) return null;
  const settle = (key: string) => {
    settled.current.add(key);
    if (settled.current.size === total) onReady();
  };
  const still = (at: number) => `/api/videos/${encodeURIComponent(id)}/stills/${at}`;
  return (
    <>
      {shown.length > 0 && (
        <section aria-label="Bottom of each rep" className="hidden break-inside-avoid print:block">
          <h2 className="mb-2 text-base font-semibold text-slate-900">Bottom of each rep</h2>
          <ul className="grid grid-cols-4 gap-2">
            {shown.map(({ rep, n, at }) => (
              <li key={at} className="break-inside-avoid text-xs text-slate-700">
                <img
                  src={still(at)}
                  alt={`Rep ${n} at its bottom, ${formatClock(at)}`}
                  onLoad={() => settle(`rep-${at}`)}
                  onError={() => settle(`rep-${at}`)}
                  className="w-full rounded bg-slate-100"
                />
                Rep {n} · {formatClock(at)}
                {rep.edited ? ' · edited by coach' : ''}
              </li>
            ))}
          </ul>
        </section>
      )}
      {picture && drawnAt.length > 0 && (
        <section aria-label="Drawings on the video" className="hidden break-inside-avoid print:block">
          <h2 className="mb-2 text-base font-semibold text-slate-900">Drawings</h2>
          <ul className="grid grid-cols-3 gap-2">
            {drawnAt.map((at) => (
              <li key={at} className="break-inside-avoid text-xs text-slate-700">
                <div className="relative">
                  <img
                    src={still(at)}
                    alt={`The frame at ${formatClock(at)}, drawn on`}
                    onLoad={() => settle(`drawing-${at}`)}
                    onError={() => settle(`drawing-${at}`)}
                    className="w-full rounded bg-slate-100"
                  />
                  <svg aria-hidden="true" viewBox={`0 0 ${picture.width} ${picture.height}`} className="absolute inset-0 h-full w-full">
                    {drawings
                      .filter((d) => d.timeMs === at)
                      .map((d) => (
                        <DrawnShape key={d.id} shape={d.shape} box={{ ...picture, left: 0, top: 0, pictureWidth: picture.width, pictureHeight: picture.height }} />
                      ))}
                  </svg>
                </div>
                {formatClock(at)}
              </li>
            ))}
          </ul>
        </section>
      )}
    </>
  );
}
