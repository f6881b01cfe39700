/**
 * Offline smoothing of per-frame measurements (the whole series is known, so filters are
 * centred and add no lag). NaN marks frames where the joints were not confidently seen.
 * Shared: the engine's angle series and velocity.ts's tracked point use the same filters.
 */

/** Linear interpolation across gaps of at most `maxGap` samples; the ends hold the nearest value. */
export function fillGaps(values: number[], maxGap: number): number[] {
  const out = [...values];
  let last = -1;
  for (let i = 0; i < out.length; i++) {
    if (Number.isNaN(out[i])) continue;
    const gap = i - last - 1;
    if (gap > 0 && gap <= maxGap) {
      for (let j = last + 1; j < i; j++) {
        out[j] = last < 0 ? out[i] : out[last] + ((out[i] - out[last]) * (j - last)) / (i - last);
      }
    }
    last = i;
  }
  if (last >= 0 && out.length - 1 - last <= maxGap) out.fill(out[last], last + 1);
  return out;
}

/** Median of three: removes single-frame keypoint jumps without blunting the bottom of a rep. */
/** The middle value (the upper of the two middle ones for an even count); NaN for none. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : NaN;
}

export function median3(values: number[]): number[] {
  return values.map((v, i) => {
    const a = values[i - 1];
    const c = values[i + 1];
    if (a === undefined || c === undefined || [a, v, c].some(Number.isNaN)) return v;
    return Math.max(Math.min(a, v), Math.min(Math.max(a, v), c));
  });
}

/** Median of five known neighbours: removes keypoint glitches lasting up to two frames (a wrist
 *  read at the shoulder as a press starts down), which median3 lets through. */
export function median5(values: number[]): number[] {
  return values.map((v, i) => {
    if (Number.isNaN(v)) return v;
    const near = values.slice(Math.max(0, i - 2), i + 3).filter((x) => !Number.isNaN(x)).sort((a, b) => a - b);
    return near[Math.floor(near.length / 2)];
  });
}

/**
 * Savitzky-Golay (quadratic, 5 points): a local least-squares parabola, which keeps the depth of
 * a rep's bottom where a moving average would shave several degrees off fast reps.
 */
function savitzkyGolay5(values: number[]): number[] {
  const w = [-3, 12, 17, 12, -3];
  return values.map((v, i) => {
    if (i < 2 || i > values.length - 3) return v;
    let sum = 0;
    for (let k = -2; k <= 2; k++) sum += w[k + 2] * values[i + k];
    return Number.isNaN(sum) ? v : sum / 35;
  });
}

/** The pipeline used for angle series sampled at `fps`: bridge short dropouts, de-spike, smooth. */
export function smoothSeries(values: number[], fps: number): number[] {
  const filled = fillGaps(values, Math.round(fps * 0.5));
  return savitzkyGolay5(median3(filled));
}
