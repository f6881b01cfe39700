/** `npm run model`: builds the ONNX pose model (runs before install, test and start; cached). */
import { movenetOnnx } from '../server/analysis/onnx/movenet-model.ts';

const t0 = performance.now();
const file = await movenetOnnx();
console.log(`pose model: ${file} (${Math.round(performance.now() - t0)} ms)`);
