/**
 * Served on every interface with PUBLIC_URL set, the dashboard works from an address other than
 * 127.0.0.1 (here the second loopback name 127.0.0.2, standing in for a LAN address): sign in,
 * upload, and play the video, with every URL the browser gets built on PUBLIC_URL.
 */
import net from 'node:net';
import { expect, test } from '@playwright/test';
import { videos } from './fixtures.ts';
import { startServer, type RunningServer } from './server.ts';

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = net.createServer().listen(0, '0.0.0.0', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });

let server: RunningServer;
let publicUrl: string;
test.beforeAll(async () => {
  const port = await freePort();
  publicUrl = `http://127.0.0.2:${port}`;
  server = await startServer({ HOST: '0.0.0.0', PORT: String(port), PUBLIC_URL: publicUrl, DASHBOARD_PASSWORD: 'front-squat-7' });
});
test.afterAll(async () => {
  await server?.stop();
});

test('a coach on another address signs in, uploads and plays the video', async ({ page }) => {
  expect(server.url).toBe(publicUrl);
  const requested: string[] = [];
  page.on('request', (r) => requested.push(r.url()));

  await page.goto(publicUrl);
  await page.getByLabel('Password').fill('front-squat-7');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByLabel('Upload videos').setInputFiles(videos.squat3);
  await page.getByRole('button', { name: 'Upload all' }).click();
  await expect(page).toHaveURL(/\/videos\/[A-Za-z0-9-]+$/, { timeout: 60_000 });

  const video = page.locator('video');
  await expect(video).toHaveAttribute('src', new RegExp(`^${publicUrl}/guru/files/`), { timeout: 30_000 });
  await video.evaluate((v: HTMLVideoElement) => {
    v.muted = true;
    return v.play();
  });
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout: 20_000 }).toBeGreaterThan(0.3);
  expect(requested.filter((u) => !u.startsWith(publicUrl) && !u.startsWith('data:') && !u.startsWith('blob:'))).toEqual([]);
  expect(requested.some((u) => u.startsWith(`${publicUrl}/guru/uploads`))).toBe(true);
});
