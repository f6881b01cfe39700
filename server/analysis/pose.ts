/**
 * MoveNet Lightning (single pose, 192x192) on tfjs's wasm backend, loaded from the files
 * @vladmandic/human ships: no network, no native addon. One model per thread, loaded once.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import type { io } from '@tensorflow/tfjs-core';
import type { Frame } from './video.ts';

export const INPUT_SIZE = 192;

/** MoveNet's keypoint order, which is also the contract's JOINTS order. */
export interface Keypoint {
  /** 0..1 of the frame. */
  x: number;
  y: number;
  score: number;
}

/** A square window of the frame, in frame pixels; it may extend past the edges (padded black). */
export interface Region {
  x: number;
  y: number;
  size: number;
}

const require = createRequire(import.meta.url);

async function loadModelArtifacts(): Promise<io.ModelArtifacts> {
  // The package's exports block subpaths, so locate its files from the entry point.
  const humanDir = path.dirname(path.dirname(require.resolve('@vladmandic/human')));
  const base = path.join(humanDir, 'models', 'movenet-lightning');
  const json = JSON.parse(await readFile(`${base}.json`, 'utf8'));
  const bin = await readFile(`${base}.bin`);
  return {
    modelTopology: json.modelTopology,
    format: json.format,
    generatedBy: json.generatedBy,
    convertedBy: json.convertedBy,
    signature: json.signature,
    weightSpecs: json.weightsManifest.flatMap((m: { weights: io.WeightsManifestEntry[] }) => m.weights),
    weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
  };
}

let model: Promise<GraphModel> | null = null;

export function loadPoseModel(): Promise<GraphModel> {
  model ??= (async () => {
    const wasmDir = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
    setWasmPaths(wasmDir + path.sep);
    await tf.setBackend('wasm');
    await tf.ready();
    return loadGraphModel({ load: loadModelArtifacts });
  })();
  model.catch(() => (model = null));
  return model;
}

/** The whole frame, letterboxed into a square. */
export function fullFrameRegion(width: number, height: number): Region {
  const size = Math.max(width, height);
  return { x: (width - size) / 2, y: (height - size) / 2, size };
}

/** Bilinear resample of `region` into the model's int32 RGB input; outside the frame is black. */
export function regionToInput(frame: Frame, region: Region, out = new Int32Array(INPUT_SIZE * INPUT_SIZE * 3)): Int32Array {
  const { width, height, data } = frame;
  const step = region.size / INPUT_SIZE;
  let o = 0;
  for (let j = 0; j < INPUT_SIZE; j++) {
    const sy = region.y + (j + 0.5) * step - 0.5;
    const y0 = Math.floor(sy);
    const fy = sy - y0;
    for (let i = 0; i < INPUT_SIZE; i++, o += 3) {
      const sx = region.x + (i + 0.5) * step - 0.5;
      const x0 = Math.floor(sx);
      const fx = sx - x0;
      if (x0 < -1 || y0 < -1 || x0 >= width || y0 >= height) {
        out[o] = out[o + 1] = out[o + 2] = 0;
        continue;
      }
      // Clamp neighbours at the edges; pixels fully outside were handled above.
      const xa = Math.max(0, x0);
      const xb = Math.min(width - 1, x0 + 1);
      const ya = Math.max(0, y0);
      const yb = Math.min(height - 1, y0 + 1);
      const a = (ya * width + xa) * 3;
      const b = (ya * width + xb) * 3;
      const c = (yb * width + xa) * 3;
      const d = (yb * width + xb) * 3;
      for (let k = 0; k < 3; k++) {
        const top = data[a + k] + (data[b + k] - data[a + k]) * fx;
        const bottom = data[c + k] + (data[d + k] - data[c + k]) * fx;
        out[o + k] = Math.round(top + (bottom - top) * fy);
      }
    }
  }
  return out;
}

/** Runs the model on one region of a frame; keypoints come back in 0..1 of the whole frame. */
export async function estimatePose(m: GraphModel, frame: Frame, region: Region): Promise<Keypoint[]> {
  const input = tf.tensor4d(regionToInput(frame, region), [1, INPUT_SIZE, INPUT_SIZE, 3], 'int32');
  const output = m.execute(input) as tf.Tensor;
  try {
    const raw = await output.data();
    const points: Keypoint[] = [];
    for (let k = 0; k < 17; k++) {
      const y = raw[k * 3];
      const x = raw[k * 3 + 1];
      points.push({
        x: (region.x + x * region.size) / frame.width,
        y: (region.y + y * region.size) / frame.height,
        score: raw[k * 3 + 2],
      });
    }
    return points;
  } finally {
    input.dispose();
    output.dispose();
  }
}

const MIN_SCORE = 0.3;
const [L_SHOULDER, R_SHOULDER, L_HIP, R_HIP] = [5, 6, 11, 12];

/**
 * Where to look in the next frame: MoveNet's published cropping heuristic (a square around the
 * hips sized from the torso and body extents), which roughly doubles the pixels on the person
 * compared with the letterboxed frame. Falls back to the full frame when the torso is lost.
 */
export function nextRegion(points: Keypoint[], width: number, height: number): Region {
  const full = fullFrameRegion(width, height);
  const px = points.map((p) => ({ x: p.x * width, y: p.y * height, ok: p.score >= MIN_SCORE }));
  const torso = [L_SHOULDER, R_SHOULDER, L_HIP, R_HIP].filter((k) => px[k].ok);
  if (torso.length < 3) return full;
  const hips = [L_HIP, R_HIP].filter((k) => px[k].ok);
  const centre = hips.length ? hips : torso;
  const cx = centre.reduce((s, k) => s + px[k].x, 0) / centre.length;
  const cy = centre.reduce((s, k) => s + px[k].y, 0) / centre.length;
  let torsoRange = 0;
  for (const k of torso) torsoRange = Math.max(torsoRange, Math.abs(px[k].x - cx), Math.abs(px[k].y - cy));
  let bodyRange = 0;
  for (const p of px) if (p.ok) bodyRange = Math.max(bodyRange, Math.abs(p.x - cx), Math.abs(p.y - cy));
  let half = Math.max(torsoRange * 1.9, bodyRange * 1.2);
  half = Math.min(half, Math.max(cx, width - cx, cy, height - cy));
  if (half * 2 >= full.size) return full;
  return { x: cx - half, y: cy - half, size: half * 2 };
}
