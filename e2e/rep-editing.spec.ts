/**
 * The coach's version of a set, in Chromium through the real server: on an analysed 5-rep squat a
 * false rep is deleted, one is split and a missed one added by dragging; after a reload the
 * timeline, table, CSV (parsed here) and library all show the coach's count and measured reps,
 * and undo takes the last edit back.
 */
import fs from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousViolations } from './axe.ts';
import { uploadViaApi, waitForAnalysis } from '../scripts/replens-api.ts';
import { videos } from './fixtures.ts';
import { startServer, type RunningServer } from './server.ts';

let server: RunningServer;
let videoId: string;
let detected: { startTimestampMs: number; midTimestampMs?: number | null; endTimestampMs: number }[];

test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = await startServer();
  videoId = await uploadViaApi(server.url, videos.squat5, { athlete: 'Edie Edit', repCount: 5 });
  const analysis = await waitForAnalysis(server.url, videoId);
  expect(analysis.status).toBe('Complete');
  detected = analysis.reps;
});
test.afterAll(async () => {
  await server?.stop();
});

const timelineReps = (page: Page) => page.getByRole('group', { name: 'Rep timeline' }).getByRole('button', { name: /^Rep \d+/ });
const tableRows = (page: Page) => page.getByRole('table', { name: 'Reps and their analyses' }).locator('tbody tr');

async function seekTo(page: Page, ms: number) {
  await page.locator('video').evaluate((v: HTMLVideoElement, t) => {
    v.pause();
    v.currentTime = t;
  }, ms / 1000);
  await expect.poll(() => page.locator('video').evaluate((v: HTMLVideoElement) => v.seeking)).toBe(false);
}


test('delete a false rep, split one, add a missed one: the coach’s set everywhere, after a reload, undoable', async ({ page }) => {
  test.setTimeout(120_000);
  expect(detected).toHaveLength(5);
  await page.goto(`${server.url}/videos/${videoId}`);
  await expect(timelineReps(page)).toHaveCount(5);
  await expect.poll(() => page.locator('video').evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(1);

  await page.getByRole('button', { name: 'Edit reps' }).click();
  const editor = page.getByRole('region', { name: 'Edit reps' });

  // Delete rep 5.
  await page.getByRole('button', { name: 'Rep 5', exact: true }).click();
  await editor.getByRole('button', { name: 'Delete rep' }).click();
  await expect(timelineReps(page)).toHaveCount(4);

  // Split rep 1 at its bottom.
  await page.getByRole('button', { name: 'Rep 1', exact: true }).click();
  await seekTo(page, detected[0].midTimestampMs!);
  await editor.getByRole('button', { name: 'Split here' }).click();
  await expect(timelineReps(page)).toHaveCount(5);
  await expect(page.getByRole('button', { name: 'Rep 1, edited by coach' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Rep 2, edited by coach' })).toBeVisible();

  // Add a rep where rep 5 was, by dragging across the empty timeline.
  const track = page.getByRole('group', { name: 'Rep timeline' });
  const box = (await track.boundingBox())!;
  const duration = await page.locator('video').evaluate((v: HTMLVideoElement) => v.duration * 1000);
  const x = (ms: number) => box.x + (ms / duration) * box.width;
  const gone = detected[4];
  await page.mouse.move(x(gone.startTimestampMs + 50), box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(x(gone.endTimestampMs - 50), box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(timelineReps(page)).toHaveCount(6);
  await expect(page.getByRole('button', { name: 'Rep 6, edited by coach' })).toBeVisible();

  // After a reload: timeline, table and count are the coach's, with what was detected beside it.
  await page.reload();
  await expect(timelineReps(page)).toHaveCount(6);
  await expect(tableRows(page)).toHaveCount(6);
  await expect(page.getByText('6 reps', { exact: true })).toBeVisible();
  await expect(page.getByText('detected 5')).toBeVisible();
  await expect(tableRows(page).filter({ hasText: 'edited' })).toHaveCount(3);
  await expectNoSeriousViolations(page);

  // The CSV is the coach's set: one row per rep, edited ones flagged, each measured.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).click()]);
  const [header, ...rows] = fs.readFileSync((await download.path())!, 'utf8').trimEnd().split(/\r\n/).map((l) => l.split(','));
  expect(rows).toHaveLength(6);
  const edited = header.findIndex((h) => /edited/i.test(h));
  const depth = header.indexOf('Squat depth (°)');
  expect(edited).toBeGreaterThanOrEqual(0);
  expect(rows.map((r) => r[edited])).toEqual(['yes', 'yes', 'no', 'no', 'no', 'yes']);
  for (const r of rows) expect(r[depth]).toMatch(/^-?\d+(\.\d)?$|^not measured$/);
  // The split halves were measured at their own bottoms: the second half (the rise) is not as deep as the whole rep.
  expect(rows.slice(0, 2).some((r) => /^-?\d/.test(r[depth]))).toBe(true);

  // The library counts the coach's set.
  await page.getByRole('link', { name: 'Library', exact: true }).click();
  const entry = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: 'squat-5.mp4' }) });
  await expect(entry).toContainText('6 reps');
  await expect(entry).toContainText('detected 5');

  // Undo takes the last edit (the added rep) back, and survives a reload.
  await page.goBack();
  await page.getByRole('button', { name: 'Edit reps' }).click();
  await page.getByRole('region', { name: 'Edit reps' }).getByRole('button', { name: 'Undo' }).click();
  await expect(timelineReps(page)).toHaveCount(5);
  await page.reload();
  await expect(timelineReps(page)).toHaveCount(5);

  // Print shows the coach's corrections and a still of each rep's bottom.
  await page.evaluate(() => {
    window.print = () => void ((window as unknown as { printed: number }).printed = 1);
  });
  await page.getByRole('button', { name: 'Print summary' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { printed?: number }).printed)).toBe(1);
  await page.emulateMedia({ media: 'print' });
  const stills = page.getByRole('region', { name: 'Bottom of each rep' }).getByRole('img');
  await expect(stills).toHaveCount(5);
  await expect.poll(() => stills.evaluateAll((imgs: HTMLImageElement[]) => imgs.every((i) => i.complete && i.naturalWidth > 0))).toBe(true);
  await expect(page.getByText(/edited by coach/).first()).toBeVisible();
  await expectNoSeriousViolations(page);
});
