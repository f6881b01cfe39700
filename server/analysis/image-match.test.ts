import { describe, expect, it } from 'vitest';
import { followPatch, type Image } from './image-match.ts';

const W = 160;
const H = 120;

/** A seeded textured background (so the patch's surroundings are not blank). */
function background(seed: number): Uint8Array {
  const data = new Uint8Array(W * H * 3);
  let s = seed;
  for (let i = 0; i < data.length; i++) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    data[i] = 90 + ((s >> 16) % 40);
  }
  return data;
}

/** A shaded disc at a sub-pixel centre, anti-aliased by 4x4 supersampling. */
function frame(cx: number, cy: number, bg: Uint8Array): Image {
  const data = bg.slice();
  for (let y = Math.floor(cy - 9); y <= cy + 9; y++) {
    for (let x = Math.floor(cx - 9); x <= cx + 9; x++) {
      let cover = 0;
      for (let j = 0; j < 4; j++) for (let i = 0; i < 4; i++) if (Math.hypot(x + (i + 0.5) / 4 - 0.5 - cx, y + (j + 0.5) / 4 - 0.5 - cy) <= 6) cover++;
      if (!cover) continue;
      const k = (y * W + x) * 3;
      // Lighter towards its top, so the disc has inner structure as a hand has.
      const shade = [230 - 4 * (y - cy), 180, 120];
      for (let c = 0; c < 3; c++) data[k + c] = Math.round(data[k + c] + ((shade[c] - data[k + c]) * cover) / 16);
    }
  }
  return { width: W, height: H, data };
}

describe('followPatch', () => {
  // A rep's rise: up 40 px in 12 frames, fastest in the middle, drifting 3 px sideways.
  const path = Array.from({ length: 13 }, (_, i) => ({ x: 70 + (3 * i) / 12, y: 90 - 20 * (1 - Math.cos((Math.PI * i) / 12)) }));
  const bg = background(7);
  const images = path.map((p) => frame(p.x, p.y, bg));
  const options = { radius: 8, reach: 8 };

  // Within half a pixel after 12 steps (the sub-pixel errors add up): ~1% of the 40 px rise.
  it('follows a moving patch to a fraction of a pixel, forward and backward', () => {
    const ahead = followPatch(images, 0, 12, path[0], options)!;
    expect(ahead).toHaveLength(13);
    ahead.forEach((s, i) => {
      expect(Math.abs(s.y - path[i].y), `frame ${i} y`).toBeLessThan(0.5);
      expect(Math.abs(s.x - path[i].x), `frame ${i} x`).toBeLessThan(0.5);
      expect(s.score).toBeGreaterThan(0.9);
    });
    const behind = followPatch(images, 12, 0, path[12], options)!;
    expect(Math.abs(behind[12].y - path[0].y)).toBeLessThan(0.5);
  });

  it('keeps the seed\'s sub-pixel offset from the patch (a seed 0.4 px below the centre stays 0.4 px below)', () => {
    const ahead = followPatch(images, 0, 12, { x: path[0].x, y: path[0].y + 0.4 }, options)!;
    expect(ahead[12].y - path[12].y).toBeCloseTo(0.4, 0);
  });

  it('reports a poor match when the patch is gone, and nothing to follow on a blank frame', () => {
    const gone = [images[0], { width: W, height: H, data: background(99) }];
    const lost = followPatch(gone, 0, 1, path[0], options)!;
    expect(lost[1].score).toBeLessThan(0.5);
    const blank = { width: W, height: H, data: new Uint8Array(W * H * 3).fill(128) };
    expect(followPatch([blank, images[0]], 0, 1, path[0], options)).toBeNull();
  });
});
