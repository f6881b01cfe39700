/**
 * Two reps side by side in Chromium through the real server: rep 2 of a 3-rep set against rep 4
 * of a 5-rep set, reached from the rep table; aligned at the bottom both videos stand at their
 * bottoms within a frame, and they stay in step while playing. The page's address keeps its
 * alignment and tempo through a reload.
 */
import { expect, test } from '@playwright/test';
import { expectNoSeriousViolations } from './axe.ts';
import { expectInStepAtBottoms } from './compare-steps.ts';
import type { Rep } from '../src/contract/guru.ts';
import { uploadViaApi, waitForAnalysis } from '../scripts/replens-api.ts';
import { videos } from './fixtures.ts';
import { startServer, type RunningServer } from './server.ts';

let server: RunningServer;
let a: { id: string; reps: Rep[] };
let b: { id: string; reps: Rep[] };

test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = await startServer();
  const [idA, idB] = await Promise.all([
    uploadViaApi(server.url, videos.squat3, { athlete: 'Cory Compare' }),
    uploadViaApi(server.url, videos.squat5, { athlete: 'Dana Compare' }),
  ]);
  a = { id: idA, reps: (await waitForAnalysis(server.url, idA)).reps };
  b = { id: idB, reps: (await waitForAnalysis(server.url, idB)).reps };
});
test.afterAll(async () => {
  await server?.stop();
});

test('rep 2 of one set against rep 4 of another: in sync at the bottom, in step while playing', async ({ page }) => {
  await page.goto(`${server.url}/videos/${a.id}`);
  await page.getByRole('link', { name: 'Compare rep 2 with another rep' }).click();
  await expect(page).toHaveURL(new RegExp(`/compare\\?a=${a.id}%3A2|/compare\\?a=${a.id}:2`));
  await expect(page.getByRole('heading', { name: 'Compare reps' })).toBeVisible();

  await page.getByLabel('Set B').selectOption({ label: (await page.getByLabel('Set B').locator('option', { hasText: 'squat-5.mp4' }).textContent())! });
  await page.getByLabel('Rep B', { exact: true }).selectOption('4');
  await expectInStepAtBottoms(page, a.reps[1], b.reps[3]);

  const measures = page.getByRole('table', { name: 'Measures of both reps' });
  await expect(measures.getByRole('row')).not.toHaveCount(1);
  // RepLens's velocity too, in body heights per second on both sides (fair across athletes).
  await expect(measures.getByRole('row', { name: /^Mean velocity \(RepLens\)/ })).toContainText(/\d BH\/s.*\d BH\/s/);
  await expect(page.getByRole('heading', { name: /Knee angle, both reps/ })).toBeVisible();
  await page.getByLabel(/Match B to A/).check();
  await expect(page).toHaveURL(/[?&]tempo=match(&|$)/);
  await page.getByLabel('Skeleton').check();
  await expectNoSeriousViolations(page);

  // On a phone both reps and the play button are in view at once.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.getByRole('button', { name: 'Play both' }).scrollIntoViewIfNeeded();
  for (const name of ['Side A', 'Side B']) await expect(page.getByRole('region', { name }).locator('video')).toBeInViewport({ ratio: 0.9 });
  await expect(page.getByRole('button', { name: 'Play both' })).toBeInViewport();
});

test('the address keeps the alignment and the tempo: opened, changed (in place), reloaded', async ({ page }) => {
  const compare = `${server.url}/compare?a=${a.id}:2&b=${b.id}:4`;
  await page.goto(`${compare}&align=start`);
  await expect(page.getByRole('radio', { name: 'Start' })).toBeChecked();
  await expect(page.getByRole('button', { name: 'Go to both starts' })).toBeVisible();
  await expect(page.getByLabel(/Match B to A/)).not.toBeChecked();
  const history = await page.evaluate(() => window.history.length);

  await page.getByRole('radio', { name: 'Bottom' }).check();
  await expect(page).toHaveURL(/[?&]align=bottom(&|$)/);
  await page.getByLabel(/Match B to A/).check();
  await expect(page).toHaveURL(/[?&]tempo=match(&|$)/);
  // Replaced, not pushed: Back leaves the page rather than undoing a toggle.
  expect(await page.evaluate(() => window.history.length)).toBe(history);

  await page.reload();
  await expect(page.getByRole('radio', { name: 'Bottom' })).toBeChecked();
  await expect(page.getByLabel(/Match B to A/)).toBeChecked();
  await expect(page.getByRole('region', { name: 'Side B' })).toContainText('Rep 4 of 5');

  // A hand-edited address with values it does not know shows the defaults.
  await page.goto(`${compare}&align=middle&tempo=yes`);
  await expect(page.getByRole('radio', { name: 'Bottom' })).toBeChecked();
  await expect(page.getByLabel(/Match B to A/)).not.toBeChecked();
  await expect(page.getByRole('region', { name: 'Side A' })).toContainText('Rep 2 of 3');
});
