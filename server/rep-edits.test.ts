/**
 * The coach's version of a set, through the real proxy and local Guru: a generated squat set is
 * analysed, then reps are deleted, split and merged back; kept reps keep Guru's numbers, edited
 * ones are measured from the joint data as the engine measures, and undo and a restart keep it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { coachRepsSchema, sessionSchema, type CoachReps, type RepBounds } from '../src/contract/api.ts';
import type { Rep } from '../src/contract/guru.ts';
import { generateVideo } from '../scripts/fixtures/generate.ts';
import { uploadViaApi, waitForAnalysis } from '../scripts/replens-api.ts';
import { loadConfig } from './config.ts';
import { startRepLens, type RepLens } from './start.ts';

let dir: string;
let app: RepLens;
let id: string;
let detected: Rep[];

const start = () => startRepLens(loadConfig({ PORT: '0', DATA_DIR: path.join(dir, 'data') }), { distDir: dir });

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replens-rep-edits-'));
  app = await start();
  const file = path.join(dir, 'squat.mp4');
  await generateVideo({ outPath: file, activity: 'squat', reps: 3, width: 480, height: 360 });
  id = await uploadViaApi(app.url, file, { athlete: 'Edit Test', activity: 'squat', repCount: 3 });
  detected = (await waitForAnalysis(app.url, id)).reps;
}, 180_000);
afterAll(async () => {
  await app?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function call(method: string, route: string, body?: unknown) {
  const res = await fetch(`${app.url}/api/videos/${id}${route}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as unknown };
}
const reps = async () => coachRepsSchema.parse((await call('GET', '/reps')).body);
async function save(basedOn: number, bounds: RepBounds[] | null): Promise<CoachReps> {
  const res = await call('PUT', '/reps', { basedOn, reps: bounds });
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return coachRepsSchema.parse(res.body);
}
const session = async () => sessionSchema.parse(((await call('GET', '')).body as { session: unknown }).session);
const bounds = ({ startTimestampMs, midTimestampMs, endTimestampMs }: Rep): RepBounds =>
  ({ startTimestampMs, endTimestampMs, ...(midTimestampMs == null ? {} : { midTimestampMs }) });
const scalar = (rep: Rep, type: string) => rep.analyses.find((a) => a.analysisType === type)?.analysisScalar;

describe("the coach's version of a set", () => {
  it('deletes, splits and merges reps, measured as the engine measures, undoable', { timeout: 60_000 }, async () => {
    expect(detected).toHaveLength(3);
    expect(await reps()).toEqual({ version: 0, reps: null, editedAt: null, canUndo: false });

    // Delete rep 3, split rep 1 at its bottom.
    const [one, two] = detected;
    const v1 = await save(0, [
      { startTimestampMs: one.startTimestampMs, endTimestampMs: one.midTimestampMs! },
      { startTimestampMs: one.midTimestampMs!, endTimestampMs: one.endTimestampMs },
      bounds(two),
    ]);
    expect(v1.version).toBe(1);
    expect(v1.reps!.map((r) => r.edited)).toEqual([true, true, false]);
    // The kept rep is Guru's, untouched; the halves were measured (depth read at their own bottoms).
    expect(v1.reps![2]).toEqual({ ...two, edited: false });
    for (const half of v1.reps!.slice(0, 2)) {
      expect(half.analyses.map((a) => a.analysisType)).toContain('HIP_KNEE_ANGLE_DEGREES');
      expect(half.startTimestampMs).toBeLessThanOrEqual(half.midTimestampMs!);
      expect(half.midTimestampMs).toBeLessThanOrEqual(half.endTimestampMs);
      // Its timing adds up (no negative phase where the bottom sits at an edge).
      expect(scalar(half, 'DESCENT_MS')! + scalar(half, 'ASCENT_MS')!).toBe(half.endTimestampMs - half.startTimestampMs);
      expect(scalar(half, 'ASCENT_MS')).toBeGreaterThanOrEqual(0);
    }
    expect(await session()).toMatchObject({ correctedReps: 3, repsFound: 3, repsEdited: true, needsReview: false });

    // Merged back where the engine put it, the rep reads the engine's numbers again.
    const v2 = await save(1, [bounds(one), bounds(two)]);
    expect(v2.reps!.map((r) => r.edited)).toEqual([true, false]);
    for (const type of ['HIP_KNEE_ANGLE_DEGREES', 'KNEE_ANGLE_DEGREES', 'TORSO_LEAN_DEGREES']) {
      expect(Math.abs(scalar(v2.reps![0], type)! - scalar(one, type)!), type).toBeLessThanOrEqual(1);
    }
    expect((await session()).correctedReps).toBe(2);
    // The set as returned is a valid edit as it is (each bottom inside its rep).
    const again = await save(2, v2.reps!.map(bounds));
    expect(again.reps).toEqual(v2.reps);

    // A page still on version 1 is refused, not merged.
    expect(await call('PUT', '/reps', { basedOn: 2, reps: null })).toMatchObject({ status: 409, body: { error: { code: 'reps_changed' } } });
    // An edited set's count is its reps'.
    expect((await call('PUT', '', { repCount: 5 })).status).toBe(409);

    // Survives a restart.
    await app.close();
    app = await start();
    expect((await reps()).reps).toEqual(v2.reps);

    const undo = async (basedOn: number) => coachRepsSchema.parse((await call('POST', '/reps/undo', { basedOn })).body);
    expect(await undo(3)).toMatchObject({ version: 4, reps: v2.reps, canUndo: true });
    const undone = await undo(4);
    expect(undone).toMatchObject({ version: 5, canUndo: true });
    expect(undone.reps).toEqual(v1.reps);
    expect(await undo(5)).toMatchObject({ version: 6, reps: null, canUndo: false });
    expect(await session()).toMatchObject({ correctedReps: null, repsEdited: false });
    expect(await call('POST', '/reps/undo', { basedOn: 6 })).toMatchObject({ status: 409, body: { error: { code: 'nothing_to_undo' } } });
  });

  it('refuses bad rep bounds with a clear 400', async () => {
    const bad: unknown[] = [
      [{ startTimestampMs: 2000, endTimestampMs: 1000 }],
      [{ startTimestampMs: 0, midTimestampMs: 3000, endTimestampMs: 1000 }],
      [{ startTimestampMs: 0, endTimestampMs: 2000 }, { startTimestampMs: 1500, endTimestampMs: 3000 }],
      [{ startTimestampMs: -5, endTimestampMs: 100 }],
      [{ startTimestampMs: 0, endTimestampMs: 100, extra: true }],
      'three',
    ];
    const { version } = await reps();
    for (const value of bad) {
      const res = await call('PUT', '/reps', { basedOn: version, reps: value });
      expect(res.status, JSON.stringify(value)).toBe(400);
      expect(res.body).toMatchObject({ error: { code: 'invalid_request' } });
    }
    expect((await fetch(`${app.url}/api/videos/nope-not-here/reps`)).status).toBe(404);
  });

  it("cuts a still of a rep's bottom for the printed summary", async () => {
    const still = await fetch(`${app.url}/api/videos/${id}/stills/${detected[0].midTimestampMs}`);
    expect(still.status).toBe(200);
    expect(still.headers.get('content-type')).toBe('image/jpeg');
    expect([...new Uint8Array(await still.arrayBuffer()).slice(0, 2)]).toEqual([0xff, 0xd8]);
    expect(fs.existsSync(path.join(dir, 'data', 'posters', id, `${detected[0].midTimestampMs}.jpg`))).toBe(true);
    expect((await fetch(`${app.url}/api/videos/${id}/stills/-4`)).status).toBe(400);
    expect((await fetch(`${app.url}/api/videos/${id}/stills/../../etc`)).status).toBe(404);
  });
});
