import { useCallback, useEffect, useRef, useState } from 'react';
import { formatClock } from '../../lib/format.ts';
import type { SetRep } from './rep-utils.ts';

/** Printing does not wait longer than this for the stills (the alt text prints in their place). */
const STILLS_WAIT_MS = 8_000;

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
 * each rep looked like. Print only: on screen the video does this.
 */
export function BottomStills({ id, reps, onReady }: { id: string; reps: readonly SetRep[]; onReady: () => void }) {
  const shown = reps.flatMap((rep, i) => (typeof rep.midTimestampMs === 'number' ? [{ rep, n: i + 1, at: Math.round(rep.midTimestampMs) }] : []));
  const settled = useRef(new Set<number>());
  useEffect(() => {
    if (shown.length === 0) onReady();
  }, [shown.length, onReady]);
  if (shown.length === 0) return null;
  const settle = (at: number) => {
    settled.current.add(at);
    if (settled.current.size === shown.length) onReady();
  };
  return (
    <section aria-label="Bottom of each rep" className="hidden break-inside-avoid print:block">
      <h2 className="mb-2 text-base font-semibold text-slate-900">Bottom of each rep</h2>
      <ul className="grid grid-cols-4 gap-2">
        {shown.map(({ rep, n, at }) => (
          <li key={at} className="break-inside-avoid text-xs text-slate-700">
            <img
              src={`/api/videos/${encodeURIComponent(id)}/stills/${at}`}
              alt={`Rep ${n} at its bottom, ${formatClock(at)}`}
              onLoad={() => settle(at)}
              onError={() => settle(at)}
              className="w-full rounded bg-slate-100"
            />
            Rep {n} · {formatClock(at)}
            {rep.edited ? ' · edited by coach' : ''}
          </li>
        ))}
      </ul>
    </section>
  );
}
