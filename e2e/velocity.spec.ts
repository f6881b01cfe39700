/**
 * Velocity in Chromium through the real server: a set reads in body heights per second until the
 * coach enters the athlete's height on the athlete page, then in m/s in the rep table, with the
 * bar path over the video, the velocity loss in the summary and a velocity trend (back on the
 * review at once, and after a reload). The review reads its one athlete, not the list. Bad heights
 * get a clear message; axe stays clean on the athlete page.
 */
import { expect, test } from '@playwright/test';
import { expectNoSeriousViolations } from './axe.ts';
import { uploadViaApi, waitForAnalysis } from '../scripts/replens-api.ts';
import { videos } from './fixtures.ts';
import { startServer, type RunningServer } from './server.ts';

let server: RunningServer;
let id: string;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startServer();
  id = await uploadViaApi(server.url, videos.squat3, { athlete: 'Vera Velocity' });
  expect((await waitForAnalysis(server.url, id)).status).toBe('Complete');
});
test.afterAll(async () => {
  await server?.stop();
});

test("velocity in BH/s, then in m/s once the athlete's height is entered, with the bar path over the video", async ({ page }) => {
  const athleteCalls: string[] = [];
  page.on('request', (r) => {
    const { pathname } = new URL(r.url());
    if (pathname.startsWith('/api/athletes')) athleteCalls.push(pathname);
  });
  await page.goto(`${server.url}/videos/${id}`);
  const table = page.getByRole('region', { name: 'Rep table' });
  await expect(table.getByRole('columnheader', { name: 'Mean velocity (RepLens) (BH/s)' })).toBeVisible();
  // The review reads its one athlete, never the whole list.
  expect(athleteCalls).toEqual([expect.stringMatching(/^\/api\/athletes\/\d+$/)]);
  await expect(page.getByTestId('velocity-summary')).toContainText(/Velocity loss \d+(\.\d)?%/);
  await page.getByTestId('velocity-summary').getByRole('link', { name: "Enter the athlete's height" }).click();

  await expect(page.getByRole('heading', { name: 'Vera Velocity', level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Mean concentric velocity per set (RepLens, BH/s)' })).toBeVisible();
  const form = page.getByRole('form', { name: 'Height and velocity loss' });
  await form.getByLabel('Height (cm)').fill('90');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('alert')).toContainText('at least 100 cm');
  await form.getByLabel('Height (cm)').fill('178');
  await form.getByLabel('Velocity loss threshold (%)').fill('10');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(form.getByRole('status')).toHaveText('Saved.');
  await expect(page.getByRole('heading', { name: 'Mean concentric velocity per set (RepLens, m/s)' })).toBeVisible();
  // Speeds are read from 0: a small change must not look like a big one.
  const velocityCard = page.getByRole('region', { name: 'Mean concentric velocity per set (RepLens, m/s)' });
  await expect(velocityCard.locator('svg text').first()).toBeVisible();
  const ticks = (await velocityCard.locator('svg text').allTextContents()).filter((t) => /^-?\d+(\.\d+)?$/.test(t)).map(Number);
  expect(Math.min(...ticks)).toBe(0);
  await expectNoSeriousViolations(page);

  // Back to the review without a reload: the edit refetched the athlete's own read, so it is in m/s already.
  await page.goBack();
  await expect(table.getByRole('columnheader', { name: 'Mean velocity (RepLens) (m/s)' })).toBeVisible();

  await page.goto(`${server.url}/videos/${id}`);
  await expect(table.getByRole('columnheader', { name: 'Mean velocity (RepLens) (m/s)' })).toBeVisible();
  // A squat's shoulders rise at a few tenths of a metre per second to a couple.
  const first = table.getByRole('row').nth(1).getByRole('cell').filter({ hasText: / m\/s$/ }).first();
  const speed = Number((await first.textContent())!.replace(' m/s', ''));
  expect(speed).toBeGreaterThan(0.2);
  expect(speed).toBeLessThan(3);
  await expect(page.getByTestId('velocity-summary')).toContainText(/(first 10% or more slower|No rep is 10% slower)/);

  await table.getByRole('button', { name: 'Play rep 2' }).click();
  const overlay = page.getByTestId('bar-path-overlay');
  await expect(overlay).toBeVisible();
  await expect(overlay.locator('polyline')).toHaveCount(2);
  await expect(page.getByRole('img', { name: /^Path of rep 2: mean \d/ })).toBeVisible();
});

test('a bench press whose hands the engine followed by their image reads its speeds without the "approximate" caveat', async ({ page }) => {
  test.setTimeout(120_000);
  const bench = await uploadViaApi(server.url, videos.benchPress, { athlete: 'Vera Velocity', domain: 'weightlifting', activity: 'bench_press' });
  expect((await waitForAnalysis(server.url, bench)).status).toBe('Complete');
  // The joint data says which joint was followed (a RepLens extension of j2p).
  const j2p = await (await page.request.get(`${server.url}/api/videos/${bench}/j2p`)).json();
  expect(j2p.followedJoint).toMatch(/^(left|right)Wrist$/);
  await page.goto(`${server.url}/videos/${bench}`);
  const summary = page.getByTestId('velocity-summary');
  await expect(summary).toContainText(/Velocity loss/);
  await expect(page.getByTestId('velocity-approximate')).toHaveCount(0);
  // A bench press rises at a few tenths of a metre per second (the athlete's height is set above).
  const first = page.getByRole('region', { name: 'Rep table' }).getByRole('row').nth(1).getByRole('cell').filter({ hasText: / m\/s$/ }).first();
  const speed = Number((await first.textContent())!.replace(' m/s', ''));
  expect(speed).toBeGreaterThan(0.1);
  expect(speed).toBeLessThan(1.5);
});
