/**
 * The converted ONNX model against the tfjs graph it came from (tfjs is a devDependency kept only
 * for this check): same int32 inputs cut from decoded video frames, same keypoints.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { loadGraphModel, type GraphModel } from '@tensorflow/tfjs-converter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateVideo } from '../../../scripts/fixtures/generate.ts';
import { estimatePose, fullFrameRegion, INPUT_SIZE, loadPoseModel, nextRegion, regionToInput, runModel } from '../pose.ts';
import { decodeSize, readFrames, type Frame } from '../video.ts';

const require = createRequire(import.meta.url);

async function loadTfjs(): Promise<GraphModel> {
  setWasmPaths(path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm')) + path.sep);
  await tf.setBackend('wasm');
  const base = path.join(path.dirname(path.dirname(require.resolve('@vladmandic/human'))), 'models', 'movenet-lightning');
  const json = JSON.parse(await readFile(`${base}.json`, 'utf8'));
  const bin = await readFile(`${base}.bin`);
  return loadGraphModel({
    load: async () => ({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest.flatMap((m: { weights: unknown[] }) => m.weights),
      weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength),
    }),
  });
}

describe('MoveNet converted to ONNX', () => {
  let dir: string;
  const frames: Frame[] = [];

  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'replens-onnx-'));
    const file = path.join(dir, 'squat.mp4');
    await generateVideo({ outPath: file, activity: 'squat', reps: 1, width: 640, height: 360, background: 'busy', noise: 10 });
    for await (const f of readFrames(file, decodeSize({ width: 640, height: 360, fps: 30, durationMs: 0, rotation: 0 }, 384), 3)) frames.push(f);
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('gives the keypoints tfjs gives, within 1 px of the model input, on full frames and crops', async () => {
    const [onnx, tfjs] = await Promise.all([loadPoseModel(), loadTfjs()]);
    const inputs: Int32Array[] = [];
    for (const frame of frames) {
      const full = fullFrameRegion(frame.width, frame.height);
      inputs.push(regionToInput(frame, full));
      // Also the crop the tracker would cut around the person found on the whole frame.
      const crop = nextRegion(await estimatePose(onnx, frame, full), frame.width, frame.height);
      if (crop && crop.size < full.size) inputs.push(regionToInput(frame, crop));
    }
    expect(inputs.length).toBeGreaterThanOrEqual(12);
    for (const input of inputs) {
      const fromOnnx = await runModel(onnx, input);
      const t = tf.tensor4d(input, [1, INPUT_SIZE, INPUT_SIZE, 3], 'int32');
      const out = tfjs.execute(t) as tf.Tensor;
      const fromTfjs = await out.data();
      tf.dispose([t, out]);
      for (let k = 0; k < 17 * 3; k++) {
        // y and x in input pixels; the score as is.
        const scale = k % 3 === 2 ? 100 : INPUT_SIZE;
        expect(Math.abs(fromOnnx[k] - fromTfjs[k]) * scale).toBeLessThan(1);
      }
    }
  });
});
