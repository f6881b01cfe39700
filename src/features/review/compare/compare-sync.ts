/**
 * Two reps side by side on one clock. Time is counted from each rep's anchor (its start or its
 * bottom); with "match tempo" the second rep's time is stretched by the ratio of the reps'
 * durations, so both start, reach the bottom (when aligned there) and finish together.
 */
import type { Align } from '../../../contract/feedback.ts';
import type { Rep } from '../../../contract/guru.ts';

export interface SideWindow {
  startMs: number;
  anchorMs: number;
  endMs: number;
}

export function windowOf(rep: Rep, align: Align): SideWindow {
  const bottom = typeof rep.midTimestampMs === 'number' ? rep.midTimestampMs : (rep.startTimestampMs + rep.endTimestampMs) / 2;
  return { startMs: rep.startTimestampMs, anchorMs: align === 'start' ? rep.startTimestampMs : bottom, endMs: rep.endTimestampMs };
}

/** How much slower B's clock runs than A's: 1, or B's duration over A's when matching tempo. */
export function tempoScale(a: SideWindow, b: SideWindow, matchTempo: boolean): number {
  const da = a.endMs - a.startMs;
  const db = b.endMs - b.startMs;
  return matchTempo && da > 0 && db > 0 ? db / da : 1;
}

/** B's video time (ms) when A's video is at `aMs`. */
export function followerTime(aMs: number, a: SideWindow, b: SideWindow, scale: number): number {
  return b.anchorMs + (aMs - a.anchorMs) * scale;
}

/** Where A starts playing for both reps to be seen from their start (B may start earlier). */
export function playFrom(a: SideWindow, b: SideWindow, scale: number): number {
  return a.anchorMs + Math.min(a.startMs - a.anchorMs, (b.startMs - b.anchorMs) / scale);
}

/** Where A stops, once both reps have ended. */
export function playUntil(a: SideWindow, b: SideWindow, scale: number): number {
  return a.anchorMs + Math.max(a.endMs - a.anchorMs, (b.endMs - b.anchorMs) / scale);
}
