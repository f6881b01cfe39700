/**
 * Crashes and damaged files against a real RepLens process: kill -9 during an upload, an analysis
 * and library writes, and records damaged while it was down. Each case checks that nothing was
 * lost: the session is listed, the stored bytes are the ones sent, the analysis ends Complete or
 * with a clear reason, and the server starts again.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { generateVideo } from '../fixtures/generate.ts';
import { createSession, postForm, uploadViaApi, waitForAnalysis, type SignedForm } from '../replens-api.ts';
import { listedIds, sameBytes, sessionOf, startFaultServer, storedBytes, type FaultServer } from './fault-server.ts';

const LARGE_UPLOAD = 64 * 2 ** 20;
const WRITERS = 8;
const WRITES_EACH = 50;
const LIBRARY_SESSIONS = 300;

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(1)} MB`;
const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const verdict = (problems: string[]) => (problems.length ? `NO: ${problems.join('; ')}` : 'yes');

/** Polls `probe` every 50 ms, at most `tries` times, until it answers something truthy. */
async function until<T>(probe: () => T | Promise<T>, tries = 200): Promise<T | undefined> {
  for (let i = 0; i < tries; i++) {
    const value = await probe();
    if (value) return value;
    await sleep(50);
  }
  return undefined;
}

/** Upload temp files the local Guru holds, with their sizes. */
function tempFiles(server: FaultServer) {
  const dir = path.join(server.dataDir, 'local-guru', 'files');
  return fs.readdirSync(dir).filter((name) => name.startsWith('.upload-')).map((name) => fs.statSync(path.join(dir, name)).size);
}

/**
 * Starts posting the signed form with `bytes` as a streamed multipart body, sends the first
 * `sent` bytes of the file and no more: the upload stays open until the server goes away.
 */
function startUpload(form: SignedForm, bytes: Uint8Array, sent: number) {
  const boundary = `----replens-${randomUUID()}`;
  const fields = Object.entries(form.fields).map(([k, v]) => `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`);
  const head = Buffer.from(`${fields.join('')}--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="set.mp4"\r\nContent-Type: video/mp4\r\n\r\n`);
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const request = http.request(form.url, {
    method: 'POST',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, 'content-length': head.length + bytes.length + tail.length },
  });
  const ended = new Promise<string>((resolve) => {
    request.on('response', (res) => resolve(`answered ${res.statusCode}`));
    request.on('error', (error) => resolve((error as NodeJS.ErrnoException).code ?? error.message));
  });
  request.write(head);
  for (let at = 0; at < sent; at += 2 ** 20) request.write(bytes.subarray(at, Math.min(sent, at + 2 ** 20)));
  return ended;
}

async function killDuringUpload(server: FaultServer) {
  const bytes = new Uint8Array(randomBytes(LARGE_UPLOAD));
  const form = await createSession(server.url, 'killed-upload.mp4', bytes.length, { athlete: 'Crash Upload' });
  const ended = startUpload(form, bytes, bytes.length / 2);
  // Killed once the server holds at least a quarter of the file in its temp file.
  const held = await until(() => tempFiles(server).find((size) => size >= bytes.length / 4));
  await server.kill();
  const client = await ended;
  const restart = await server.start();

  const problems: string[] = [];
  if (!held) problems.push('the upload never reached the temp file');
  const left = tempFiles(server);
  if (left.length) problems.push(`${left.length} temp file(s) left`);
  const before = await sessionOf(server.url, form.id);
  const status = await postForm(form, bytes).catch(() => 0);
  if (status !== 204) problems.push(`the same form answered ${status}`);
  if (!sameBytes(await storedBytes(server.url, form.id), bytes)) problems.push('stored bytes differ');
  // Random bytes are no video: the analysis must end Failed with its reason.
  const analysis = await waitForAnalysis(server.url, form.id);
  if (analysis.status === 'Pending' || (analysis.status === 'Failed' && !analysis.reason)) problems.push(`analysis ${analysis.status} without a reason`);
  if (!(await listedIds(server.url)).has(form.id)) problems.push('not listed');
  return [
    `during an upload (${mb(bytes.length)} streamed)`,
    `at ${mb(held ?? 0)} in the temp file (client: ${client})`,
    `up in ${seconds(restart)}; temp files left: ${left.length}; session read ${before.session?.status ?? before.httpStatus}; ` +
      `the same form: ${status}; analysis ${analysis.status}${analysis.reason ? ` (${analysis.reason})` : ''}`,
    verdict(problems),
  ];
}

async function killDuringAnalysis(server: FaultServer, video: string, reps: number) {
  const id = await uploadViaApi(server.url, video, { athlete: 'Crash Analysis', repCount: reps });
  const sent = new Uint8Array(fs.readFileSync(video));
  // Its turn has come (no set ahead of it); then 3 s into the work.
  await until(async () => {
    const res = await fetch(`${server.url}/api/videos/${id}/analysis`);
    const a = (await res.json()) as { status: string; queuePosition?: number | null };
    return a.status === 'Pending' && a.queuePosition == null;
  });
  await sleep(3000);
  const at = (await (await fetch(`${server.url}/api/videos/${id}/analysis`)).json()) as { status: string };
  await server.kill();
  const restart = await server.start();
  const resumed = performance.now();
  const analysis = await waitForAnalysis(server.url, id);
  const problems: string[] = [];
  if (at.status !== 'Pending') problems.push(`the analysis had already ended (${at.status}) when killed`);
  if (analysis.status !== 'Complete') problems.push(`analysis ${analysis.status} (${analysis.reason})`);
  if (analysis.reps.length !== reps) problems.push(`${analysis.reps.length} reps of ${reps}`);
  if (!sameBytes(await storedBytes(server.url, id), sent)) problems.push('stored bytes differ');
  if (!(await listedIds(server.url)).has(id)) problems.push('not listed');
  return [
    `during an analysis (${reps}-rep generated squat)`,
    `3 s into it (status ${at.status})`,
    `up in ${seconds(restart)}; the analysis resumed: ${analysis.status}, ${analysis.reps.length}/${reps} reps, ${seconds(performance.now() - resumed)} after the restart`,
    verdict(problems),
  ];
}

async function killDuringLibraryWrites(server: FaultServer) {
  const created: string[] = [];
  let cut = 0;
  let killing: Promise<void> | undefined;
  const writer = async (w: number) => {
    for (let i = 0; i < WRITES_EACH && !killing; i++) {
      try {
        created.push((await createSession(server.url, `w${w}-${i}.mp4`, 1024, { athlete: `Writer ${w}` })).id);
      } catch {
        cut++;
        return;
      }
      // The kill lands while the other writers' requests are in flight.
      if (created.length === (WRITERS * WRITES_EACH) / 4) killing = server.kill();
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, (_, w) => writer(w)));
  await killing;
  const acknowledged = [...created];
  const restart = await server.start();
  const listed = await listedIds(server.url);
  const missing = acknowledged.filter((id) => !listed.has(id));
  const quarantine = fs.existsSync(path.join(server.dataDir, 'quarantine'));
  const problems = [
    ...(missing.length ? [`${missing.length} acknowledged sessions missing`] : []),
    ...(quarantine ? ['the library was quarantined'] : []),
  ];
  return [
    `during library writes (${WRITERS} clients creating sessions)`,
    `after ${acknowledged.length} sessions got a 201 (${cut} requests cut)`,
    `up in ${seconds(restart)}; the library opened; ${acknowledged.length - missing.length}/${acknowledged.length} acknowledged sessions listed`,
    verdict(problems),
  ];
}

export async function killAtEachStage() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replens-bench-crash-'));
  const video = path.join(dir, 'squat.mp4');
  const truth = await generateVideo({ outPath: video, activity: 'squat', reps: 8 });
  const server = await startFaultServer();
  const rows: string[][] = [];
  try {
    rows.push(await killDuringUpload(server));
    rows.push(await killDuringAnalysis(server, video, truth.reps.length));
    rows.push(await killDuringLibraryWrites(server));
  } finally {
    await server.dispose();
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return { title: 'Faults: kill -9 of the server process, then a restart', header: ['stage', 'killed', 'after the restart', 'nothing lost'], rows };
}

const quarantined = (server: FaultServer, ...under: string[]) => {
  const dir = path.join(server.dataDir, ...under, 'quarantine');
  return fs.existsSync(dir) ? fs.readdirSync(dir) : [];
};

/** A corrupt-record case: damage files while the server is down, start it, read what it kept. */
async function restartWith(server: FaultServer, damage: () => string) {
  await server.stop();
  const logBefore = server.output().length;
  const file = damage();
  const restart = await server.start().catch(() => undefined);
  const log = server.output().slice(logBefore);
  return { file, restart, named: log.includes(file) };
}

async function truncatedVideoRecord(server: FaultServer) {
  const forms = await Promise.all([1, 2, 3].map((n) => createSession(server.url, `record-${n}.mp4`, 1024, { athlete: 'Corrupt Record' })));
  const { file, restart, named } = await restartWith(server, () => {
    const record = path.join(server.dataDir, 'local-guru', 'videos', `${forms[0].id}.video.json`);
    fs.truncateSync(record, Math.floor(fs.statSync(record).size / 2));
    return record;
  });
  const others = await Promise.all(forms.slice(1).map((f) => sessionOf(server.url, f.id)));
  const kept = others.filter((s) => s.httpStatus === 200).length;
  const { items } = (await (await fetch(`${server.url}/api/videos?athlete=Corrupt%20Record`)).json()) as { items: { id: string; status: string; reason: string | null }[] };
  const damaged = items.find((s) => s.id === forms[0].id);
  return [
    'a local Guru video record cut in half',
    restart ? `yes, in ${seconds(restart)}` : 'NO',
    named ? 'yes' : 'NO',
    quarantined(server, 'local-guru').includes(path.basename(file)) ? 'yes' : 'NO',
    `${kept}/${others.length} other records; ${items.length}/3 sessions listed, the damaged one ${damaged ? `${damaged.status} (${damaged.reason})` : 'missing'}`,
  ];
}

async function garbageLibraryPage(server: FaultServer) {
  for (let i = 0; i < LIBRARY_SESSIONS; i++) await createSession(server.url, `page-${i}.mp4`, 1024, { athlete: `Athlete ${i % 9}` });
  const before = (await listedIds(server.url)).size;
  let page = 0;
  let pages = 0;
  const { restart, named } = await restartWith(server, () => {
    const file = path.join(server.dataDir, 'library.db');
    pages = fs.statSync(file).size / 4096;
    page = Math.floor(pages / 2);
    const fd = fs.openSync(file, 'r+');
    fs.writeSync(fd, randomBytes(4096), 0, 4096, page * 4096);
    fs.closeSync(fd);
    return file;
  });
  const after = restart ? (await listedIds(server.url)).size : 0;
  const writable = restart ? await createSession(server.url, 'after.mp4', 1024).then(() => 'yes', () => 'NO') : 'NO';
  return [
    `library.db with garbage in page ${page + 1} of ${pages}`,
    restart ? `yes, in ${seconds(restart)}` : 'NO',
    named ? 'yes' : 'NO',
    quarantined(server).some((name) => /^library-.*\.db$/.test(name)) ? 'yes' : 'NO',
    `${after}/${before} sessions (${before - after} lost with that page); new sessions saved: ${writable}`,
  ];
}

async function garbageWal(server: FaultServer) {
  const before = (await listedIds(server.url)).size;
  const { restart, named } = await restartWith(server, () => {
    const wal = path.join(server.dataDir, 'library.db-wal');
    fs.writeFileSync(wal, randomBytes(64 * 1024));
    return wal;
  });
  const after = restart ? (await listedIds(server.url)).size : 0;
  return [
    'library.db-wal full of garbage',
    restart ? `yes, in ${seconds(restart)}` : 'NO',
    named ? 'yes' : 'NO',
    quarantined(server).some((name) => name.startsWith('library.db-wal')) ? 'yes' : 'NO',
    `${after}/${before} sessions`,
  ];
}

export async function corruptRecords() {
  const server = await startFaultServer();
  const rows: string[][] = [];
  try {
    rows.push(await truncatedVideoRecord(server));
    rows.push(await garbageLibraryPage(server));
    rows.push(await garbageWal(server));
  } finally {
    await server.dispose();
  }
  return {
    title: 'Faults: corrupt records at start',
    header: ['damaged while the server was down', 'server started', 'file named in its log', 'quarantined', 'good records kept'],
    rows,
  };
}
