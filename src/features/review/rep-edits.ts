/**
 * The coach's edits of a set, as pure operations on rep bounds: each gives the whole new set (what
 * PUT /api/videos/:id/reps takes) or says in words why it can't be done. A rep left as it was keeps
 * its bottom, so the server keeps its numbers; a new or changed one is measured there.
 */
import type { RepBounds } from '../../contract/api.ts';
import type { Rep } from '../../contract/guru.ts';
import { formatClock } from '../../lib/format.ts';

/** Shorter than this is not a rep but a slip of the mouse (the fastest real reps take ~0.5 s). */
export const MIN_REP_MS = 300;

export type EditResult = { reps: RepBounds[] } | { error: string };
export type Edge = 'start' | 'mid' | 'end';

export function boundsOf(rep: Rep): RepBounds {
  const { startTimestampMs, midTimestampMs, endTimestampMs } = rep;
  return typeof midTimestampMs === 'number' ? { startTimestampMs, midTimestampMs, endTimestampMs } : { startTimestampMs, endTimestampMs };
}

const all = (reps: readonly Rep[]) => reps.map(boundsOf);
const round = (ms: number) => Math.round(ms);

export function deleteRep(reps: readonly Rep[], index: number): EditResult {
  return { reps: all(reps).filter((_, i) => i !== index) };
}

/** Two reps from one, cut at `atMs`; each half's bottom is found anew. */
export function splitRep(reps: readonly Rep[], index: number, atMs: number): EditResult {
  const rep = reps[index];
  const at = round(atMs);
  if (!rep) return { error: 'Select the rep to split.' };
  if (at - rep.startTimestampMs < MIN_REP_MS || rep.endTimestampMs - at < MIN_REP_MS) {
    return { error: `Move the playhead inside rep ${index + 1}, at least ${MIN_REP_MS / 1000} s from its ends, to split it there.` };
  }
  const bounds = all(reps);
  bounds.splice(index, 1, { startTimestampMs: rep.startTimestampMs, endTimestampMs: at }, { startTimestampMs: at, endTimestampMs: rep.endTimestampMs });
  return { reps: bounds };
}

/** One rep from a rep and the next: from the first's start to the second's end, its bottom found anew. */
export function mergeWithNext(reps: readonly Rep[], index: number): EditResult {
  const [rep, next] = [reps[index], reps[index + 1]];
  if (!rep || !next) return { error: 'There is no next rep to merge with.' };
  const bounds = all(reps);
  bounds.splice(index, 2, { startTimestampMs: rep.startTimestampMs, endTimestampMs: next.endTimestampMs });
  return { reps: bounds };
}

/** Moves one edge (or the bottom) of a rep to `atMs`, staying clear of its neighbours. */
export function moveEdge(reps: readonly Rep[], index: number, edge: Edge, atMs: number): EditResult {
  const rep = reps[index];
  if (!rep) return { error: 'Select the rep to change.' };
  const at = round(atMs);
  const next = { ...boundsOf(rep), [`${edge}TimestampMs`]: at } as RepBounds;
  if (next.endTimestampMs - next.startTimestampMs < MIN_REP_MS) {
    return { error: `A rep must last at least ${MIN_REP_MS / 1000} s: its start must come before its end.` };
  }
  const previous = reps[index - 1];
  const following = reps[index + 1];
  if (previous && next.startTimestampMs < previous.endTimestampMs) return { error: `Rep ${index + 1} would start before rep ${index} ends.` };
  if (following && next.endTimestampMs > following.startTimestampMs) return { error: `Rep ${index + 1} would end after rep ${index + 2} starts.` };
  const mid = next.midTimestampMs;
  if (mid !== undefined && (mid < next.startTimestampMs || mid > next.endTimestampMs)) {
    // The bottom set by hand must lie inside; one carried over from the engine is found anew.
    if (edge === 'mid') return { error: `The bottom must lie between the rep's start (${formatClock(next.startTimestampMs)}) and end (${formatClock(next.endTimestampMs)}).` };
    delete next.midTimestampMs;
  }
  const bounds = all(reps);
  bounds[index] = next;
  return { reps: bounds };
}

/** A rep the engine missed, from `fromMs` to `toMs` (either order), in a gap between reps. */
export function addRep(reps: readonly Rep[], fromMs: number, toMs: number): EditResult {
  const [start, end] = [round(Math.min(fromMs, toMs)), round(Math.max(fromMs, toMs))];
  if (end - start < MIN_REP_MS) return { error: `A rep must last at least ${MIN_REP_MS / 1000} s: mark its end later than its start.` };
  const overlapped = reps.findIndex((r) => start < r.endTimestampMs && end > r.startTimestampMs);
  if (overlapped >= 0) return { error: `That overlaps rep ${overlapped + 1}: a new rep goes in a gap between reps.` };
  const bounds = [...all(reps), { startTimestampMs: start, endTimestampMs: end }];
  return { reps: bounds.sort((a, b) => a.startTimestampMs - b.startTimestampMs) };
}
