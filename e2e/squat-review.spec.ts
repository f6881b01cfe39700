/**
 * The walking skeleton, end to end on the local Guru: drop a generated 5-rep squat video, watch it
 * upload, land on review, wait for Complete, see 5 reps, click rep 3 and see the video seek into it,
 * correct the rep count and see it survive a reload, then find the session (with its poster frame)
 * in the library and delete it.
 */
import { expect, test } from '@playwright/test';
import { startServer, type RunningServer } from './server.ts';
import { truthOf, videos } from './fixtures.ts';

let server: RunningServer;
test.beforeAll(async () => {
  server = await startServer();
});
test.afterAll(async () => {
  await server?.stop();
});

test('a coach uploads a squat set and reviews its reps', async ({ page }) => {
  const truth = truthOf(videos.squat5);
  const failures: string[] = [];
  page.on('pageerror', (e) => failures.push(e.message));

  // Slow the upload down so its progress can be seen (loopback is otherwise instant).
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 256 * 1024 });

  await page.goto(server.url);
  await page.getByLabel('Upload videos').setInputFiles(videos.squat5);
  await page.getByRole('button', { name: 'Upload all' }).click();
  const progress = page.getByRole('progressbar').first();
  await expect(progress).toBeVisible();
  await expect.poll(async () => Number(await progress.getAttribute('aria-valuenow')), { timeout: 20_000 }).toBeGreaterThan(0);
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

  await expect(page).toHaveURL(/\/videos\/[A-Za-z0-9-]+$/, { timeout: 60_000 });
  await expect(page.getByText('Complete', { exact: true })).toBeVisible({ timeout: 150_000 });

  const reps = page.getByRole('button', { name: /^Rep \d+$/ });
  await expect(reps).toHaveCount(truth.reps.length);

  await page.getByRole('button', { name: 'Rep 3', exact: true }).click();
  const rep3 = truth.reps[2];
  await expect
    .poll(() => page.locator('video').evaluate((v: HTMLVideoElement) => v.currentTime * 1000))
    .toBeGreaterThanOrEqual(rep3.startMs - 400);
  const seekedTo = await page.locator('video').evaluate((v: HTMLVideoElement) => v.currentTime * 1000);
  expect(seekedTo).toBeLessThanOrEqual(rep3.endMs + 400);

  // On a wide screen the rep table sits right under the player, beside the side column's cards,
  // not below the last of them.
  await page.setViewportSize({ width: 1280, height: 900 });
  const table = (await page.getByRole('region', { name: 'Rep table' }).boundingBox())!;
  const share = (await page.getByRole('heading', { name: 'Share with the athlete' }).boundingBox())!;
  expect(table.y).toBeLessThan(share.y);

  await page.getByLabel('Rep count').fill('6');
  await page.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(page.getByText(/saved/i)).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Rep count')).toHaveValue('6');

  await page.getByRole('link', { name: 'Library' }).click();
  await expect(page.getByText('squat-5.mp4')).toBeVisible();
  // The poster frame is cut from the uploaded video by the server.
  const poster = page.locator('li img').first();
  await expect.poll(() => poster.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(320);

  page.once('dialog', (dialog) => dialog.accept());
  await page.getByRole('button', { name: 'Delete squat-5.mp4' }).click();
  await expect(page.getByText('squat-5.mp4')).toHaveCount(0);
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Library' })).toBeVisible();
  await expect(page.getByText('squat-5.mp4')).toHaveCount(0);
  expect(failures).toEqual([]);
});
