/**
 * The ONNX MoveNet Lightning model, converted from the tfjs graph @vladmandic/human ships (MIT;
 * weights Apache-2.0). It is built, never committed: `npm install`, `npm test` and `npm start`
 * convert it into node_modules/.cache (about 1 s), and a worker converts it itself if it is missing.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { convertGraphModel } from './convert.ts';

const require = createRequire(import.meta.url);
const CACHE_DIR = fileURLToPath(new URL('../../../node_modules/.cache/replens/', import.meta.url));
const CONVERTER = fileURLToPath(new URL('./convert.ts', import.meta.url));

async function exists(file: string) {
  return stat(file).then(() => true, () => false);
}

/** Path of the converted model, converting first when the source or the converter changed. */
export async function movenetOnnx(): Promise<string> {
  // The package's exports block subpaths, so locate its files from the entry point.
  const base = path.join(path.dirname(path.dirname(require.resolve('@vladmandic/human'))), 'models', 'movenet-lightning');
  const [json, bin, converter] = await Promise.all([readFile(`${base}.json`), readFile(`${base}.bin`), readFile(CONVERTER)]);
  // Named by content: npm resets package file times, so a hash is what tells a stale model apart.
  const hash = createHash('sha256').update(json).update(bin).update(converter).digest('hex').slice(0, 12);
  const file = path.join(CACHE_DIR, `movenet-lightning-${hash}.onnx`);
  if (await exists(file)) return file;
  await mkdir(CACHE_DIR, { recursive: true });
  const tmp = `${file}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  await writeFile(tmp, convertGraphModel(JSON.parse(json.toString()), bin));
  // Atomic: two workers converting at once both end with a whole file.
  await rename(tmp, file);
  return file;
}
