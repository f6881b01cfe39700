/**
 * A real RepLens process (`server/main.ts`) on a fixed loopback port with its own DATA_DIR, which the
 * fault cases stop, kill -9 and start again; and the "nothing lost" reads they check with.
 */
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { startProcess } from '../start-process.ts';

const freePort = () =>
  new Promise<string>((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(String(port)));
    });
  });

/** `seed` writes into DATA_DIR before the first start. */
export async function startFaultServer(seed?: (dataDir: string) => void) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'replens-bench-faults-'));
  seed?.(dataDir);
  // A fixed port: upload forms and video URLs name it, and they must survive the restart.
  const env = { PORT: await freePort(), HOST: '127.0.0.1', DATA_DIR: dataDir, ANALYSIS_THREADS: '1' };
  const runs = [await startProcess('server/main.ts', env)];
  const current = () => runs[runs.length - 1];
  return {
    dataDir,
    get url() {
      return current().url;
    },
    get pid() {
      return current().pid;
    },
    /** Everything every run of the server printed so far. */
    output: () => runs.map((run) => run.output()).join(''),
    /** Milliseconds until the new process answers. */
    async start() {
      const started = performance.now();
      runs.push(await startProcess('server/main.ts', env));
      return performance.now() - started;
    },
    stop: () => current().stop(),
    kill: () => current().kill(),
    async dispose() {
      await current().stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export type FaultServer = Awaited<ReturnType<typeof startFaultServer>>;

/** The ids the library lists (the newest 500). */
export async function listedIds(baseUrl: string) {
  const res = await fetch(`${baseUrl}/api/videos?limit=500`);
  const { items } = (await res.json()) as { items: { id: string }[] };
  return new Set(items.map((s) => s.id));
}

/** The session as the review page reads it: Guru's video and the library's row. */
export async function sessionOf(baseUrl: string, id: string) {
  const res = await fetch(`${baseUrl}/api/videos/${id}`);
  type Detail = { status?: string; uri?: string | null; originalUri?: string; session?: { status: string } | null };
  return { httpStatus: res.status, ...((await res.json()) as Detail) };
}

/** The stored file as uploaded (the download of the original), once the local Guru offers it. */
export async function storedBytes(baseUrl: string, id: string) {
  for (let i = 0; i < 50; i++) {
    const { uri, originalUri } = await sessionOf(baseUrl, id);
    const url = originalUri ?? uri;
    if (url) return new Uint8Array(await (await fetch(url)).arrayBuffer());
    await new Promise((r) => setTimeout(r, 200));
  }
  return undefined;
}

export const sameBytes = (a: Uint8Array | undefined, b: Uint8Array) => a !== undefined && Buffer.compare(a, b) === 0;
