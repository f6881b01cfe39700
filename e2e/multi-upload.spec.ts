/**
 * Many files at once: two videos and one fake dropped together; the fake is refused before anything
 * is sent, the two upload (two at a time) under the athlete, cancel and retry work (a retry asks for
 * a fresh signed form), and the library lists both sessions under the athlete, with search and filters.
 */
import { expect, test } from '@playwright/test';
import { videos } from './fixtures.ts';
import { startServer, type RunningServer } from './server.ts';

let server: RunningServer;
test.beforeAll(async () => {
  server = await startServer();
});
test.afterAll(async () => {
  await server?.stop();
});

test('three files dropped at once: two upload, one is refused with a message; the library lists both', async ({ page }) => {
  const failures: string[] = [];
  page.on('pageerror', (e) => failures.push(e.message));
  const creates: string[] = [];
  page.on('request', (r) => {
    if (r.method() === 'POST' && new URL(r.url()).pathname === '/api/videos') creates.push(r.postDataJSON().filename);
  });

  await page.goto(server.url);
  await page.getByLabel('Athlete').fill('Riley Park');
  await page.getByLabel('Upload videos').setInputFiles([videos.squat5, videos.squat3, videos.notAVideo]);

  await expect(page.getByRole('alert')).toContainText('“notes.mp4” doesn\'t look like a video');
  // Staged with the batch's athlete until the coach sends them.
  await expect(page.getByLabel('Athlete for squat-3.mp4')).toHaveValue('Riley Park');
  expect(creates).toEqual([]);
  await page.getByRole('button', { name: 'Upload all' }).click();
  const rows = page.getByRole('list').filter({ has: page.getByText('squat-5.mp4') }).getByRole('listitem');
  await expect(rows).toHaveCount(2);
  await expect(page.getByRole('link', { name: 'Review squat-5.mp4' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('link', { name: 'Review squat-3.mp4' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByText('Uploaded for Riley Park')).toHaveCount(2);
  // Several files: the page stays on the queue instead of jumping to one review.
  await expect(page).toHaveURL(`${server.url}/`);
  expect(creates.sort()).toEqual(['squat-3.mp4', 'squat-5.mp4']);

  // Athlete remembered for the next visit.
  await page.reload();
  await expect(page.getByLabel('Athlete')).toHaveValue('Riley Park');

  await page.getByRole('link', { name: 'Library' }).click();
  const group = page.getByRole('list', { name: 'Riley Park' });
  // Newest first; the two were filed within milliseconds of each other, so either order is right.
  await expect(group.getByRole('link')).toHaveCount(2);
  expect((await group.getByRole('link').allTextContents()).sort()).toEqual(['squat-3.mp4', 'squat-5.mp4']);

  await page.getByLabel('Search').fill('squat-5');
  await expect(group.getByRole('link')).toHaveText(['squat-5.mp4']);
  await expect(page).toHaveURL(/\?q=squat-5/);
  await page.getByLabel('Search').fill('');
  await page.getByLabel('Status').selectOption('Failed');
  await expect(page.getByText('No videos match')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await page.getByLabel('Activity').selectOption('squat');
  await expect(group.getByRole('link')).toHaveCount(2);
  expect(failures).toEqual([]);
});

test('a slow upload can be cancelled and retried with a fresh signed form', async ({ page }) => {
  const creates: string[] = [];
  page.on('response', async (r) => {
    if (r.request().method() === 'POST' && new URL(r.url()).pathname === '/api/videos' && r.ok()) creates.push((await r.json()).id);
  });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: 16 * 1024 });

  await page.goto(server.url);
  await page.getByLabel('Athlete').fill('Cancel Case');
  // Two files so the page stays on the queue.
  await page.getByLabel('Upload videos').setInputFiles([videos.squat5, videos.squat3]);
  await page.getByRole('button', { name: 'Upload all' }).click();
  const progress = page.getByRole('progressbar', { name: 'Upload progress for squat-5.mp4' });
  await expect.poll(async () => Number(await progress.getAttribute('aria-valuenow')), { timeout: 20_000 }).toBeGreaterThan(0);
  await page.getByRole('button', { name: 'Cancel upload of squat-5.mp4' }).click();
  await expect(page.getByText('Cancelled')).toBeVisible();

  await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });
  await page.getByRole('button', { name: 'Retry upload of squat-5.mp4' }).click();
  await expect(page.getByRole('link', { name: 'Review squat-5.mp4' })).toBeVisible({ timeout: 60_000 });
  await expect(page.getByRole('link', { name: 'Review squat-3.mp4' })).toBeVisible({ timeout: 60_000 });
  // squat-5 twice (the retry is a new video), squat-3 once.
  await expect.poll(() => creates.length).toBe(3);
  expect(new Set(creates).size).toBe(3);
  const retried = await page.getByRole('link', { name: 'Review squat-5.mp4' }).getAttribute('href');
  expect(creates).toContain(retried!.split('/').pop());
});
