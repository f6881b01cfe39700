/**
 * A compare link, in Chromium through the real server with coach accounts: the coach shares rep 2
 * of a 3-rep set against rep 4 of a 5-rep set, B matched to A's tempo, from the compare page; a
 * fresh browser opens the link without signing in and sees both videos and reps, read-only,
 * aligned at their bottoms within a frame, tempo matched and in step while playing, and nothing
 * of any other video; after a revoke the link says it is no longer valid. axe-core checks the
 * shared view; screenshots of it (desktop and a 390 px phone) are attached to the run.
 */
import { expect, test } from '@playwright/test';
import { expectNoSeriousViolations } from './axe.ts';
import { expectInStepAtBottoms } from './compare-steps.ts';
import type { Rep } from '../src/contract/guru.ts';
import { createSession, uploadViaApi, waitForAnalysis } from '../scripts/replens-api.ts';
import { videos } from './fixtures.ts';
import { startServerWithAdmin, type RunningServer } from './server.ts';

const ADMIN = { email: 'head@club.example', password: 'head-coach-2026', name: 'Head Coach' };

let server: RunningServer;
let a: { id: string; reps: Rep[] };
let b: { id: string; reps: Rep[] };
let unshared: string;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  let cookie: string;
  ({ server, cookie } = await startServerWithAdmin(ADMIN));
  const [idA, idB] = await Promise.all([
    uploadViaApi(server.url, videos.squat3, { athlete: 'Cory Compare', cookie }),
    uploadViaApi(server.url, videos.squat5, { athlete: 'Dana Compare', cookie }),
  ]);
  a = { id: idA, reps: (await waitForAnalysis(server.url, idA, 150_000, cookie)).reps };
  b = { id: idB, reps: (await waitForAnalysis(server.url, idB, 150_000, cookie)).reps };
  // Another set in the library, which the link must never mention.
  unshared = (await createSession(server.url, 'private-set.mp4', 2048, { athlete: 'Private Athlete', cookie })).id;
});
test.afterAll(async () => {
  await server?.stop();
});

test('two reps shared read-only without a sign-in, aligned at the bottom and tempo matched, until the link is revoked', async ({ page, browser }, testInfo) => {
  test.setTimeout(120_000);
  await page.goto(`${server.url}/compare?a=${a.id}:2&b=${b.id}:4`);
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Compare reps' })).toBeVisible();
  await page.getByLabel(/Match B to A/).check();

  await page.getByLabel('Link expires after').selectOption('7');
  await page.getByRole('button', { name: 'Create link' }).click();
  const link = await page.getByRole('textbox', { name: /^Share link/ }).inputValue();
  expect(link).toMatch(new RegExp(`^${server.url}/shared/[A-Za-z0-9_-]{43}$`));
  await expect(page.getByRole('list', { name: 'Share links' })).toContainText("Comparison: rep 2 and rep 4 of two sets, aligned at the bottom, B at A's tempo");

  // The athlete, in a browser never signed in: both reps, read-only, asked of this link only.
  const athleteContext = await browser.newContext();
  const athlete = await athleteContext.newPage();
  const failures: string[] = [];
  athlete.on('pageerror', (e) => failures.push(e.message));
  const seen: Promise<string>[] = [];
  athlete.on('response', (r) => {
    const url = new URL(r.url());
    const body = url.pathname.startsWith('/api/') ? r.text().catch(() => '') : Promise.resolve('');
    seen.push(body.then((text) => `${url.pathname}${url.search} ${text}`));
  });
  await athlete.goto(link);
  await expect(athlete.getByRole('heading', { level: 1 })).toHaveText('Cory Compare and Dana Compare · Squat: rep 2 and rep 4');
  await expect(athlete.getByRole('region', { name: 'Side A' })).toContainText('Rep 2 of 3');
  await expect(athlete.getByRole('region', { name: 'Side B' })).toContainText('Rep 4 of 5');
  // Shown as shared: at the bottom, B at A's tempo.
  await expect(athlete.getByRole('radio', { name: 'Bottom' })).toBeChecked();
  await expect(athlete.getByLabel(/Match B to A/)).toBeChecked();
  await expectInStepAtBottoms(athlete, a.reps[1], b.reps[3], { matchTempo: true });
  const measures = athlete.getByRole('table', { name: 'Measures of both reps' });
  await expect(measures.getByRole('row')).not.toHaveCount(1);
  // Velocity in body heights per second: the link needs no athlete's height.
  await expect(measures.getByRole('row', { name: /^Mean velocity \(RepLens\)/ })).toContainText(/\d BH\/s.*\d BH\/s/);
  await expect(athlete.getByRole('heading', { name: /Knee angle, both reps/ })).toBeVisible();

  for (const name of ['Create link', 'Revoke']) await expect(athlete.getByRole('button', { name })).toHaveCount(0);
  await expect(athlete.getByLabel(/^(Set|Rep) [AB]$/)).toHaveCount(0);
  await expect(athlete.getByRole('link')).toHaveCount(0);
  await athlete.getByLabel('Skeleton').check();
  await expectNoSeriousViolations(athlete);
  const shot = async (name: string) => {
    const file = testInfo.outputPath(`${name}.png`);
    await athlete.screenshot({ path: file, fullPage: true });
    await testInfo.attach(name, { path: file, contentType: 'image/png' });
  };
  await shot('shared-compare-desktop');
  await athlete.setViewportSize({ width: 390, height: 844 });
  await athlete.evaluate(() => window.scrollTo(0, 0));
  // Nothing wider than the phone, once the chart has followed the new width.
  await expect.poll(() => athlete.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await shot('shared-compare-phone');

  // Every request stayed under this link, and no answer names another video.
  const token = link.split('/').at(-1)!;
  const responses = await Promise.all(seen);
  expect(responses.filter((r) => r.startsWith('/api/')).length).toBeGreaterThan(0);
  expect(responses.filter((r) => r.startsWith('/api/') && !r.startsWith(`/api/shared/${token}`))).toEqual([]);
  for (const r of responses) expect(r).not.toContain(unshared);

  // Revoked, the link shows nothing but that it is no longer valid.
  await page.getByRole('button', { name: /^Revoke the link/ }).click();
  await expect(page.getByRole('list', { name: 'Share links' })).toContainText('Revoked');
  await athlete.reload();
  await expect(athlete.getByRole('heading', { name: 'This link is no longer valid' })).toBeVisible();
  await expect(athlete.locator('video')).toHaveCount(0);
  await athleteContext.close();
  expect(failures).toEqual([]);

  // The review of either set lists the comparison among its links.
  await page.goto(`${server.url}/videos/${b.id}`);
  await expect(page.getByRole('list', { name: 'Share links' })).toContainText('Comparison: rep 2 and rep 4 of two sets');
});
