/**
 * An athlete's sets over a date range as one CSV, from the athlete list: the download (parsed
 * here) has one row per rep of that athlete's sets in the range, the coach's split rep flagged as
 * edited; the form is labelled and passes axe-core while open.
 */
import fs from 'node:fs';
import { expect, test } from '@playwright/test';
import { expectNoSeriousViolations } from './axe.ts';
import type { Rep } from '../src/contract/guru.ts';
import { parseCsv } from '../src/contract/reps-csv.ts';
import { uploadViaApi, waitForAnalysis } from '../scripts/replens-api.ts';
import { truthOf, videos } from './fixtures.ts';
import { startServer, type RunningServer } from './server.ts';

let server: RunningServer;
const reps = truthOf(videos.squat3).reps.length;

test.beforeAll(async () => {
  server = await startServer();
  const [mine, other] = await Promise.all([
    uploadViaApi(server.url, videos.squat3, { athlete: 'Rosa Export' }),
    uploadViaApi(server.url, videos.squat5, { athlete: 'Someone Else' }),
  ]);
  const [detected] = await Promise.all([waitForAnalysis(server.url, mine), waitForAnalysis(server.url, other)]);
  // The coach splits Rosa's first rep at its bottom.
  const [one, ...rest] = detected.reps;
  const bounds = (r: Rep) => ({ startTimestampMs: r.startTimestampMs, endTimestampMs: r.endTimestampMs });
  const saved = await fetch(`${server.url}/api/videos/${mine}/reps`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      basedOn: 0,
      reps: [{ startTimestampMs: one.startTimestampMs, endTimestampMs: one.midTimestampMs }, { startTimestampMs: one.midTimestampMs, endTimestampMs: one.endTimestampMs }, ...rest.map(bounds)],
    }),
  });
  if (saved.status !== 200) throw new Error(`PUT reps: ${saved.status} ${await saved.text()}`);
});
test.afterAll(async () => {
  await server?.stop();
});

test("an athlete's sets over a date range download as one CSV, edited reps flagged", async ({ page }) => {
  const failures: string[] = [];
  page.on('pageerror', (e) => failures.push(e.message));
  await page.goto(`${server.url}/athletes`);
  await page.getByRole('button', { name: 'Export CSV for Rosa Export' }).click();
  const form = page.getByRole('form', { name: 'Export Rosa Export as CSV' });
  const today = await page.evaluate(() => new Date().toLocaleDateString('en-CA'));
  await expect(form.getByLabel('To')).toHaveValue(today);
  await expect(form.getByLabel('From')).not.toHaveValue('');
  await expectNoSeriousViolations(page);

  const [download] = await Promise.all([page.waitForEvent('download'), form.getByRole('button', { name: 'Download CSV' }).click()]);
  const from = await form.getByLabel('From').inputValue();
  expect(download.suggestedFilename()).toBe(`Rosa Export-${from}-${today}.csv`);
  await expect(form.getByRole('status')).toHaveText('Downloaded 1 set.');
  const bytes = fs.readFileSync((await download.path())!);
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const [header, ...rows] = parseCsv(bytes.toString('utf8'));
  const cell = (row: string[], name: string) => row[header.indexOf(name)];
  expect(rows).toHaveLength(reps + 1);
  for (const row of rows) {
    expect(cell(row, 'Athlete')).toBe('Rosa Export');
    expect(cell(row, 'Date') >= from && cell(row, 'Date') <= today).toBe(true);
    expect(cell(row, 'Video')).toBe('squat-3.mp4');
    expect(cell(row, 'Activity')).toBe('Squat');
  }
  expect(rows.map((r) => cell(r, 'Rep'))).toEqual(rows.map((_, i) => String(i + 1)));
  expect(rows.map((r) => cell(r, 'Edited by coach'))).toEqual(['yes', 'yes', ...Array(reps - 1).fill('no')]);
  expect(rows.every((r) => cell(r, 'Squat depth (°)') !== '')).toBe(true);

  // A range with no sets downloads nothing and says so; a backwards range is refused before asking.
  await form.getByLabel('From').fill('2020-01-01');
  await form.getByLabel('To').fill('2020-12-31');
  await form.getByRole('button', { name: 'Download CSV' }).click();
  await expect(form.getByRole('status')).toHaveText('Rosa Export has no analysed sets in these dates: nothing to download.');
  await form.getByLabel('From').fill('2021-01-01');
  await expect(form.getByRole('alert')).toHaveText('The From date is after the To date.');
  await expect(form.getByRole('button', { name: 'Download CSV' })).toBeDisabled();
  expect(failures).toEqual([]);
});
