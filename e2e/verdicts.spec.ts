/**
 * Verdicts a coach can trust, through the real server and Chromium: a squat filmed from the front
 * is counted once per squat, says what the view limits, shows "not measured" (never a fault) for
 * what it cannot measure, and its joint-angle curve seeks on a click anywhere; the upload form
 * offers only what the local Guru measures.
 */
import { expect, test } from '@playwright/test';
import { uploadViaApi, waitForAnalysis } from '../scripts/replens-api.ts';
import { truthOf, videos } from './fixtures.ts';
import { startServer, type RunningServer } from './server.ts';

test.describe.configure({ mode: 'serial' });

let server: RunningServer;
let videoId: string;
const truth = truthOf(videos.frontSquat);

test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = await startServer();
  videoId = await uploadViaApi(server.url, videos.frontSquat, { athlete: 'Fran Front' });
  expect((await waitForAnalysis(server.url, videoId)).status).toBe('Complete');
});
test.afterAll(async () => {
  await server?.stop();
});

test('a front-view squat: one rep per squat, the view explained, nothing judged that was not measured', async ({ page }) => {
  await page.goto(`${server.url}/videos/${videoId}`);
  await expect(page.getByText('Complete', { exact: true })).toBeVisible();
  await expect(page.getByText('Camera view: Front')).toBeVisible();
  await expect(page.getByText(/Filmed from the front: reps and timing are measured, depth and joint angles are not/)).toBeVisible();
  for (let i = 1; i <= truth.reps.length; i++) await expect(page.getByRole('button', { name: `Rep ${i}`, exact: true })).toBeVisible();
  await expect(page.getByRole('button', { name: `Rep ${truth.reps.length + 1}`, exact: true })).toHaveCount(0);

  const table = page.getByRole('table', { name: 'Reps and their analyses' });
  await expect(table.getByRole('columnheader', { name: /Squat depth/ })).toBeVisible();
  await expect(table.getByText('not measured').first()).toBeVisible();
  await expect(table.getByText('Bad', { exact: true })).toHaveCount(0);
  // The meaning and rule of each measure, beside the table.
  await expect(page.getByText('Good at or below 0° (hip crease at or below the knee).')).toBeVisible();

  // The curve spans the video like the timeline: a click at its middle seeks to the middle.
  await expect(page.getByText(/Knee angle over time/)).toBeVisible();
  await expect.poll(() => page.locator('video').evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(1);
  const plot = page.getByTestId('angle-plot');
  await plot.scrollIntoViewIfNeeded();
  const box = (await plot.boundingBox())!;
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  const mid = truth.durationMs / 2000;
  await expect.poll(() => page.locator('video').evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThan(mid - 0.5);
  expect(await page.locator('video').evaluate((v: HTMLVideoElement) => v.currentTime)).toBeLessThan(mid + 0.5);
});

test('a tap on the joint-angle curve seeks too (touch screens)', async ({ browser }) => {
  const context = await browser.newContext({ hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`${server.url}/videos/${videoId}`);
  await expect(page.getByText('Complete', { exact: true })).toBeVisible();
  await expect.poll(() => page.locator('video').evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(1);
  const plot = page.getByTestId('angle-plot');
  await plot.scrollIntoViewIfNeeded();
  const box = (await plot.boundingBox())!;
  await page.touchscreen.tap(box.x + box.width * 0.75, box.y + box.height / 2);
  const at = (0.75 * truth.durationMs) / 1000;
  await expect.poll(() => page.locator('video').evaluate((v: HTMLVideoElement) => v.currentTime)).toBeGreaterThan(at - 0.6);
  expect(await page.locator('video').evaluate((v: HTMLVideoElement) => v.currentTime)).toBeLessThan(at + 0.6);
  await context.close();
});

test('the upload form offers only the activities the local Guru measures', async ({ page }) => {
  await page.goto(server.url);
  await page.getByLabel('Domain').selectOption('calisthenics');
  const options = page.getByLabel('Activity').locator('option');
  await expect(options).toHaveText(['Push up', 'Bodyweight squat']);
});
