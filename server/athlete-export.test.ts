/**
 * An athlete's export through the real proxy and local Guru: two generated squat sets are
 * analysed, the coach splits a rep of one, and the CSV has one row per rep of the coach's version
 * (the split halves marked edited) and of Guru's version of the other, oldest first.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { athleteListSchema, dateIn } from '../src/contract/api.ts';
import type { Rep } from '../src/contract/guru.ts';
import { parseCsv } from '../src/contract/reps-csv.ts';
import { generateVideo } from '../scripts/fixtures/generate.ts';
import { uploadViaApi, waitForAnalysis } from '../scripts/replens-api.ts';
import { loadConfig } from './config.ts';
import { startRepLens, type RepLens } from './start.ts';

let dir: string;
let app: RepLens;
const sets: { id: string; reps: Rep[] }[] = [];

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replens-export-'));
  app = await startRepLens(loadConfig({ PORT: '0', DATA_DIR: path.join(dir, 'data') }), { distDir: dir });
  const files = [path.join(dir, 'first-set.mp4'), path.join(dir, 'second-set.mp4')];
  await Promise.all(files.map((outPath, i) => generateVideo({ outPath, activity: 'squat', reps: 2 + i, width: 480, height: 360 })));
  // One after the other, so the first is the older session.
  for (const file of files) sets.push({ id: await uploadViaApi(app.url, file, { athlete: 'Export Tester', activity: 'squat' }), reps: [] });
  for (const set of sets) set.reps = (await waitForAnalysis(app.url, set.id)).reps;
}, 240_000);
afterAll(async () => {
  await app?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("an athlete's sessions as CSV", () => {
  it("has one row per rep of the coach's version of each set in range, edited reps flagged", { timeout: 60_000 }, async () => {
    expect(sets.map((s) => s.reps.length)).toEqual([2, 3]);
    // The coach splits rep 1 of the second set at its bottom.
    const [one, ...rest] = sets[1].reps;
    const bounds = (r: Rep) => ({ startTimestampMs: r.startTimestampMs, endTimestampMs: r.endTimestampMs });
    const saved = await fetch(`${app.url}/api/videos/${sets[1].id}/reps`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        basedOn: 0,
        reps: [
          { startTimestampMs: one.startTimestampMs, endTimestampMs: one.midTimestampMs },
          { startTimestampMs: one.midTimestampMs, endTimestampMs: one.endTimestampMs },
          ...rest.map(bounds),
        ],
      }),
    });
    expect(saved.status).toBe(200);

    const { items } = athleteListSchema.parse(await (await fetch(`${app.url}/api/athletes`)).json());
    const athlete = items.find((a) => a.name === 'Export Tester')!;
    const today = dateIn(new Date().toISOString());
    const res = await fetch(`${app.url}/api/athletes/${athlete.id}/export.csv?from=${today}&to=${today}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(new RegExp(`^attachment; filename="Export-Tester-${today}-${today}\\.csv"`));
    expect(res.headers.get('x-replens-skipped')).toBe('0');
    const [header, ...rows] = parseCsv(await res.text());
    const col = (name: string) => header.indexOf(name);
    expect(rows.map((r) => [r[col('Athlete')], r[col('Date')], r[col('Activity')], r[col('Camera view')], r[col('Video')], r[col('Rep')], r[col('Edited by coach')]])).toEqual([
      ['Export Tester', today, 'Squat', 'Side', 'first-set.mp4', '1', 'no'],
      ['Export Tester', today, 'Squat', 'Side', 'first-set.mp4', '2', 'no'],
      ['Export Tester', today, 'Squat', 'Side', 'second-set.mp4', '1', 'yes'],
      ['Export Tester', today, 'Squat', 'Side', 'second-set.mp4', '2', 'yes'],
      ['Export Tester', today, 'Squat', 'Side', 'second-set.mp4', '3', 'no'],
      ['Export Tester', today, 'Squat', 'Side', 'second-set.mp4', '4', 'no'],
    ]);
    // Measured halves carry their own depth; Guru's rep keeps its number.
    expect(rows.every((r) => r[col('Squat depth (°)')] !== '')).toBe(true);
    const guruDepth = rest[0].analyses.find((a) => a.analysisType === 'HIP_KNEE_ANGLE_DEGREES')?.analysisScalar;
    expect(Number(rows[4][col('Squat depth (°)')])).toBe(guruDepth);

    // Out of range: the header only; bad input: words.
    const past = await fetch(`${app.url}/api/athletes/${athlete.id}/export.csv?to=2020-01-01`);
    expect(parseCsv(await past.text())).toHaveLength(1);
    const bad = await fetch(`${app.url}/api/athletes/${athlete.id}/export.csv?from=${today}&to=2020-01-01`);
    expect([bad.status, (await bad.json()).error.message]).toEqual([400, 'the From date is after the To date']);
    expect((await fetch(`${app.url}/api/athletes/99999/export.csv`)).status).toBe(404);
  });
});
