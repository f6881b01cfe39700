/**
 * Following a small image patch from frame to frame by normalised cross-correlation (NCC), the
 * way velocity-based-training apps follow a bar end: sub-pixel, and blind to lighting changes.
 */

/** An rgb24 frame. */
export interface Image {
  width: number;
  height: number;
  data: Uint8Array;
}

export interface Spot {
  x: number;
  y: number;
  /** The match's correlation, -1..1 (1 for the seed). */
  score: number;
}

/**
 * A patch's pixel weights: a Gaussian of sigma r/2, so the joint at its centre counts most and
 * the background that slides past its edges least.
 */
function gaussian(r: number): Float32Array {
  const n = 2 * r + 1;
  const w = new Float32Array(n * n);
  const s2 = 2 * (r / 2) ** 2;
  for (let j = -r; j <= r; j++) for (let i = -r; i <= r; i++) w[(j + r) * n + i + r] = Math.exp(-(i * i + j * j) / s2);
  return w;
}

/**
 * A patch is read every other pixel, across and down: a quarter of the work, while the search
 * still moves one pixel at a time and the peak is placed between pixels (generated sets read as
 * well as with every pixel).
 */
const STRIDE = 2;

/** Where a patch pixel reads the image: clamped to the border. */
const clamp = (v: number, hi: number) => (v < 0 ? 0 : v > hi ? hi : v);

/** The patch at (cx, cy) as a template: weighted, zero-mean, unit-norm (null on a flat patch). */
function template(img: Image, cx: number, cy: number, r: number, w: Float32Array): Float32Array | null {
  const n = 2 * r + 1;
  const t = new Float32Array(n * n * 3);
  let sum = 0;
  let weights = 0;
  for (let j = -r; j <= r; j += STRIDE) {
    const y = clamp(cy + j, img.height - 1);
    for (let i = -r; i <= r; i += STRIDE) {
      const x = clamp(cx + i, img.width - 1);
      const k = (j + r) * n + i + r;
      for (let c = 0; c < 3; c++) {
        const v = img.data[(y * img.width + x) * 3 + c];
        t[k * 3 + c] = v;
        sum += w[k] * v;
      }
      weights += 3 * w[k];
    }
  }
  const mean = sum / weights;
  // Only the pixels read: the others stay 0 and are never read.
  const read: number[] = [];
  for (let j = -r; j <= r; j += STRIDE) for (let i = -r; i <= r; i += STRIDE) read.push((j + r) * n + i + r);
  let norm = 0;
  for (const k of read) for (let c = 0; c < 3; c++) norm += w[k] * (t[k * 3 + c] - mean) ** 2;
  if (norm < 1e-6) return null;
  const s = 1 / Math.sqrt(norm);
  // Weighted once here, so a candidate's correlation is a plain dot product with its pixels.
  for (const k of read) for (let c = 0; c < 3; c++) t[k * 3 + c] = w[k] * (t[k * 3 + c] - mean) * s;
  return t;
}

/** NCC of a template with the patch at (cx, cy): one pass over the patch's pixels. */
function correlate(img: Image, tpl: Float32Array, cx: number, cy: number, r: number, w: Float32Array): number {
  const n = 2 * r + 1;
  const inside = cx - r >= 0 && cy - r >= 0 && cx + r < img.width && cy + r < img.height;
  const data = img.data;
  let dot = 0;
  let sum = 0;
  let sq = 0;
  let weights = 0;
  for (let j = -r; j <= r; j += STRIDE) {
    const y = inside ? cy + j : clamp(cy + j, img.height - 1);
    // Inside the frame (nearly always), a row's pixels are evenly spaced: no clamping per pixel.
    let p = (y * img.width + cx - r) * 3;
    for (let i = -r, k = (j + r) * n; i <= r; i += STRIDE, k += STRIDE, p += 3 * STRIDE) {
      if (!inside) p = (y * img.width + clamp(cx + i, img.width - 1)) * 3;
      const wk = w[k];
      const t = k * 3;
      const a = data[p];
      const b = data[p + 1];
      const c = data[p + 2];
      dot += tpl[t] * a + tpl[t + 1] * b + tpl[t + 2] * c;
      sum += wk * (a + b + c);
      sq += wk * (a * a + b * b + c * c);
      weights += wk;
    }
  }
  weights *= 3;
  const variance = sq - (sum * sum) / weights;
  return variance > 1e-6 ? dot / Math.sqrt(variance) : 0;
}

/** The first template corrects the spot when it matches at least this well, within this many pixels. */
const ANCHOR_MIN_MATCH = 0.7;
const ANCHOR_REACH = 2;

/** The vertex of the parabola through three samples, as an offset from the middle one (±0.5). */
function vertex(before: number, at: number, after: number): number {
  const d = before - 2 * at + after;
  return d < 0 ? Math.max(-0.5, Math.min(0.5, (0.5 * (before - after)) / d)) : 0;
}

export interface FollowOptions {
  /** Patch radius, px. */
  radius: number;
  /** How far the patch may move between two frames, px (vertically; half that sideways: loads move up and down). */
  reach: number;
}

/** The best match of a template within reach of (x, y), to a tenth of a pixel or so. */
function bestMatch(img: Image, tpl: Float32Array, x: number, y: number, { radius: r, reach }: FollowOptions, w: Float32Array): Spot {
  const at = (px: number, py: number) => correlate(img, tpl, px, py, r, w);
  const rx = Math.ceil(reach / 2);
  let best = -2;
  let bx = x;
  let by = y;
  for (let dy = -reach; dy <= reach; dy++) {
    for (let dx = -rx; dx <= rx; dx++) {
      const v = at(x + dx, y + dy);
      if (v > best) [best, bx, by] = [v, x + dx, y + dy];
    }
  }
  return {
    x: bx + vertex(at(bx - 1, by), best, at(bx + 1, by)),
    y: by + vertex(at(bx, by - 1), best, at(bx, by + 1)),
    score: best,
  };
}

/**
 * The patch at `start` (in images[from]) followed through images[from..to] (either direction),
 * the template taken afresh from each frame's match so a turning hand or a changing light is
 * followed. Returns one spot per image from `from` to `to`, or null where the patch is flat (a
 * blank wall: nothing to follow).
 */
export function followPatch(images: readonly Image[], from: number, to: number, start: { x: number; y: number }, options: FollowOptions): Spot[] | null {
  const w = gaussian(options.radius);
  const step = to >= from ? 1 : -1;
  const spots: Spot[] = [{ ...start, score: 1 }];
  const origin = { x: Math.round(start.x), y: Math.round(start.y) };
  const first = template(images[from], origin.x, origin.y, options.radius, w);
  if (!first) return null;
  let at = { x: start.x, y: start.y };
  let motion = { x: 0, y: 0 };
  for (let i = from + step; step > 0 ? i <= to : i >= to; i += step) {
    // The template is cut on the pixel grid; the spot keeps its sub-pixel offset from the cut.
    const cx = Math.round(at.x);
    const cy = Math.round(at.y);
    const tpl = template(images[i - step], cx, cy, options.radius, w);
    if (!tpl) return null;
    // Searched around where the last step's motion leads.
    const m = bestMatch(images[i], tpl, cx + Math.round(motion.x), cy + Math.round(motion.y), options, w);
    let next = { x: m.x + at.x - cx, y: m.y + at.y - cy };
    // Each new template adds its match's error; where the first one still fits, it puts the spot
    // back where it started on the joint, so the errors do not add up over a rep.
    const anchored = bestMatch(images[i], first, Math.round(next.x - start.x + origin.x), Math.round(next.y - start.y + origin.y), { radius: options.radius, reach: ANCHOR_REACH }, w);
    if (anchored.score >= ANCHOR_MIN_MATCH) next = { x: anchored.x + start.x - origin.x, y: anchored.y + start.y - origin.y };
    motion = { x: next.x - at.x, y: next.y - at.y };
    at = next;
    spots.push({ ...at, score: m.score });
  }
  return spots;
}
