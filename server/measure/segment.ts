/**
 * Rep segmentation on one series where the top of the movement is the large value (the travel
 * signal, see travel.ts; deadlifts use it upside down, so their "bottom" is the lockout).
 *
 * A rep leaves the top, reaches a bottom and returns to the top. Crossing thresholds are set from
 * the series' own range with hysteresis (leave below `enter`, return above `exit`, exit > enter)
 * so jitter near a threshold cannot split or double a rep; excursions shallower than
 * `minRangeDeg`, or than half the deepest one, are partial reps and ignored. Pauses are
 * handled by timing: a rep starts when the angle last left its top plateau, ends when it first
 * regains it, and its bottom is the middle of the bottom plateau.
 */

export interface SegmentOptions {
  /** Smallest top-to-bottom excursion (in the series' units) that counts as a rep. */
  minRange: number;
  /**
   * How a rep still open when the clip ends counts: 'bottom' when its bottom was reached and held
   * (a deadlift's lockout), 'return' when it also came at least halfway back up (a press's last
   * lockout in the final frames), never otherwise.
   */
  openEnd?: 'bottom' | 'return';
}

export interface RepSegment {
  startIndex: number;
  bottomIndex: number;
  endIndex: number;
  startMs: number;
  bottomMs: number;
  endMs: number;
  /** Top-to-bottom excursion, in the series' units. */
  range: number;
}

/** Fractions of the series' range (top minus bottom percentile). */
const ENTER = 0.35;
const EXIT = 0.25;
const PARTIAL = 0.5;
/** Plateau tolerances: a fraction of the range. */
const TOP_TOLERANCE = 0.06;
const BOTTOM_TOLERANCE = 0.04;
/** The percentile of an excursion's samples read as its bottom level. */
const BOTTOM_LEVEL = 0.15;
/** An open rep's bottom must come this many samples before the clip's last (reached, not cut off). */
const OPEN_BOTTOM_MARGIN = 2;
/** ...and come within this fraction of the range of its lowest value (a held lockout drifts). */
const OPEN_BOTTOM_TOLERANCE = 0.15;

function percentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))))];
}

function argMax(values: number[], from: number, to: number): number {
  let best = from;
  for (let i = from; i <= to; i++) if (values[i] > values[best]) best = i;
  return best;
}

interface Excursion {
  down: number;
  low: number;
  up: number;
}

/** `timesMs` and `angles` are parallel, in time order, with no gaps (NaN) left. */
export function segmentReps(timesMs: number[], angles: number[], opts: SegmentOptions): RepSegment[] {
  const n = angles.length;
  if (n < 3) return [];
  const top = percentile(angles, 0.9);
  const range = top - percentile(angles, 0.03);
  if (range < opts.minRange) return [];
  const enter = top - ENTER * range;
  const exit = top - EXIT * range;

  const excursions: Excursion[] = [];
  let current: Excursion | null = null;
  for (let i = 0; i < n; i++) {
    if (!current) {
      if (angles[i] < enter) current = { down: i, low: i, up: -1 };
    } else {
      if (angles[i] < angles[current.low]) current.low = i;
      if (angles[i] > exit) {
        current.up = i;
        excursions.push(current);
        current = null;
      }
    }
  }
  if (current && opts.openEnd) {
    // Reached: the bottom plateau began before the last samples (it was held, not cut off).
    let first = current.low;
    while (first > current.down && angles[first - 1] <= angles[current.low] + OPEN_BOTTOM_TOLERANCE * range) first--;
    const reached = first <= n - 1 - OPEN_BOTTOM_MARGIN;
    const returned = angles[n - 1] - angles[current.low] >= 0.5 * (top - angles[current.low]);
    if (reached && (opts.openEnd === 'bottom' || returned)) excursions.push({ ...current, up: n - 1 });
  }

  const depth = (e: Excursion, prevUp: number) => angles[argMax(angles, prevUp, e.down)] - angles[e.low];
  const depths = excursions.map((e, k) => depth(e, k ? excursions[k - 1].up : 0));
  const deepest = Math.max(0, ...depths);
  const topTol = TOP_TOLERANCE * range;
  const bottomTol = BOTTOM_TOLERANCE * range;

  const reps: RepSegment[] = [];
  excursions.forEach((e, k) => {
    const repRange = depths[k];
    if (repRange < opts.minRange || repRange < PARTIAL * deepest) return;
    const before = k ? excursions[k - 1].up : 0;
    const after = k + 1 < excursions.length ? excursions[k + 1].down : n - 1;
    // Start: the last sample still on the top plateau before the descent.
    const topBefore = angles[argMax(angles, before, e.down)];
    let start = e.down;
    while (start > before && angles[start] < topBefore - topTol) start--;
    // End: the first sample back on the top plateau after the ascent.
    const topAfter = angles[argMax(angles, e.up, after)];
    let end = e.up;
    while (end < after && angles[end] < topAfter - topTol) end++;
    // Bottom: the middle of the plateau around the lowest sample (a pause at the bottom). Its level
    // is read from the excursion's low percentile, so a one- or two-frame keypoint glitch below the
    // plateau does not become the bottom.
    const floor = percentile(angles.slice(e.down, e.up + 1), BOTTOM_LEVEL) + bottomTol;
    let a = e.low;
    let b = e.low;
    while (a > start && angles[a - 1] <= floor) a--;
    while (b < end && angles[b + 1] <= floor) b++;
    const bottomMs = (timesMs[a] + timesMs[b]) / 2;
    let bottom = a;
    for (let i = a; i <= b; i++) if (Math.abs(timesMs[i] - bottomMs) < Math.abs(timesMs[bottom] - bottomMs)) bottom = i;
    reps.push({
      startIndex: start,
      bottomIndex: bottom,
      endIndex: end,
      startMs: timesMs[start],
      bottomMs,
      endMs: timesMs[end],
      range: repRange,
    });
  });
  return reps;
}
