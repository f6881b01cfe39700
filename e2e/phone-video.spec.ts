/**
 * Every phone format plays. An iPhone-style clip (10-bit HEVC, .mov, portrait by a rotation flag,
 * made here with Debian's ffmpeg) uploads to the local Guru, which makes a browser-safe copy: the
 * review plays it upright with a picture and "Rep 2" seeks into rep 2. Against a Guru that makes
 * no copies (as the cloud), the same clip shows no picture in Chromium: the review says so, offers
 * the download, and the rep timeline drives a skeleton replay instead.
 */
import { expect, test, type Page } from '@playwright/test';
import { makePhoneClip, truthOf } from './fixtures.ts';
import { startServer, startStandaloneGuru, type RunningServer } from './server.ts';

let clip: string;
const servers: RunningServer[] = [];

test.beforeAll(async () => {
  clip = await makePhoneClip();
});
test.afterAll(async () => {
  for (const server of servers.reverse()) await server.stop();
});

async function uploadAndWait(page: Page, url: string) {
  await page.goto(url);
  await page.getByLabel('Upload videos').setInputFiles(clip);
  await page.getByRole('button', { name: 'Upload all' }).click();
  await expect(page).toHaveURL(/\/videos\/[A-Za-z0-9-]+$/, { timeout: 60_000 });
  await expect(page.getByText('Complete', { exact: true })).toBeVisible({ timeout: 150_000 });
}

test('an iPhone HEVC .mov plays upright from its playback copy, and Rep 2 seeks into rep 2', async ({ page }) => {
  const server = await startServer();
  servers.push(server);
  const rep2 = truthOf(clip).reps[1];
  const failures: string[] = [];
  page.on('pageerror', (e) => failures.push(e.message));

  await uploadAndWait(page, server.url);
  const video = page.getByLabel(/^Video of/);
  await expect(video).toBeVisible({ timeout: 60_000 });
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.videoWidth)).toBeGreaterThan(0);
  const size = await video.evaluate((v: HTMLVideoElement) => ({ width: v.videoWidth, height: v.videoHeight }));
  expect(size.width).toBeLessThan(size.height);

  await page.getByRole('button', { name: 'Rep 2', exact: true }).click();
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime * 1000)).toBeGreaterThanOrEqual(rep2.startMs - 400);
  expect(await video.evaluate((v: HTMLVideoElement) => v.currentTime * 1000)).toBeLessThanOrEqual(rep2.endMs + 400);
  await video.evaluate((v: HTMLVideoElement) => v.pause());
  await page.screenshot({ path: 'test-results/phone-video-copy.png', fullPage: true });

  const download = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download original' }).click();
  expect((await download).suggestedFilename()).toBe('IMG_0412.mov');

  // The library's poster frame is cut from the upright copy.
  await page.getByRole('link', { name: 'Library' }).click();
  const poster = page.locator('li img').first();
  await expect.poll(() => poster.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(320);
  expect(await poster.evaluate((img: HTMLImageElement) => img.naturalHeight)).toBeGreaterThan(320);
  expect(failures).toEqual([]);
});

/** The standalone local Guru's client secret in this test: made up, never a real credential. */
const MADE_UP_SECRET = 'e2e-made-up-client-secret';

test('a video the browser cannot show: the review says so, offers the download, and the timeline drives a skeleton replay the coach can draw on', async ({ page }) => {
  // The dashboard origin is only known once RepLens runs, so the port is fixed up front.
  const port = String(43000 + Math.floor(Math.random() * 2000));
  const guru = await startStandaloneGuru({
    LOCAL_GURU_CLIENT_ID: 'e2e-client',
    LOCAL_GURU_CLIENT_SECRET: MADE_UP_SECRET,
    LOCAL_GURU_ALLOWED_ORIGINS: `http://127.0.0.1:${port}`,
    LOCAL_GURU_PLAYBACK_COPIES: 'off',
  });
  servers.push(guru);
  const replens = await startServer({
    PORT: port,
    GURU_CLIENT_ID: 'e2e-client',
    GURU_CLIENT_SECRET: MADE_UP_SECRET,
    GURU_AUTH_URL: `${guru.url}/oauth/token`,
    GURU_API_URL: guru.url,
  });
  servers.push(replens);
  const rep2 = truthOf(clip).reps[1];

  await uploadAndWait(page, replens.url);
  await expect(page.getByText("This browser can't play this video")).toBeVisible();
  await expect(page.getByLabel(/^Video of/)).toHaveCount(0);
  const download = page.getByRole('link', { name: 'Download the original video' });
  await expect(download).toHaveAttribute('href', new RegExp(`^${guru.url}/files/`));

  await page.getByRole('button', { name: 'Rep 2', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Rep 2', exact: true })).toHaveAttribute('aria-pressed', 'true');
  const replayMs = async () => {
    const [, m, s] = /Skeleton replay (\d+):([\d.]+)/.exec((await page.getByText(/^Skeleton replay/).textContent()) ?? '') ?? [];
    return (Number(m) * 60 + Number(s)) * 1000;
  };
  expect(await replayMs()).toBeGreaterThanOrEqual(rep2.startMs - 100);
  expect(await replayMs()).toBeLessThanOrEqual(rep2.endMs);
  // Play runs the replay on; the skeleton is drawn on the canvas.
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(replayMs).toBeGreaterThan(rep2.startMs + 300);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  const drawn = await page.locator('canvas').first().evaluate((c: HTMLCanvasElement) => {
    const data = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    return data.some((v, i) => i % 4 === 3 && v > 0);
  });
  expect(drawn).toBe(true);

  // The coach draws on the replay as on a picture: an angle of 45°, shown over the skeleton.
  await page.getByRole('button', { name: 'Angle' }).click();
  const capture = page.getByTestId('drawing-capture');
  const area = (await capture.boundingBox())!;
  for (const [dx, dy] of [[60, 0], [0, 0], [60, -60]]) await capture.click({ position: { x: area.width / 2 + dx, y: area.height / 2 + dy } });
  await expect(page.getByRole('list', { name: 'Drawings' })).toContainText('Angle 45°');
  await expect(page.getByTestId('drawing-layer').locator('g[data-kind="angle"]')).toHaveText('45°');
  await page.screenshot({ path: 'test-results/phone-video-no-picture.png', fullPage: true });
});
