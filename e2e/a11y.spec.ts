/**
 * axe-core on every page (the login page is covered by login.spec.ts): no serious or critical
 * violations on upload, library (with filters), review of a Complete and of a Failed analysis.
 */
import { expect, test } from '@playwright/test';
import { expectNoSeriousViolations } from './axe.ts';
import { uploadViaApi, waitForAnalysis } from '../scripts/replens-api.ts';
import { videos } from './fixtures.ts';
import { startServer, type RunningServer } from './server.ts';

test.describe.configure({ mode: 'serial' });

let server: RunningServer;
let completeId: string;
let failedId: string;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  server = await startServer();
  completeId = await uploadViaApi(server.url, videos.squat3, { athlete: 'Axe Athlete' });
  failedId = await uploadViaApi(server.url, videos.noPerson, { athlete: 'Axe Athlete' });
  const [complete, failed] = await Promise.all([waitForAnalysis(server.url, completeId), waitForAnalysis(server.url, failedId)]);
  expect(complete.status).toBe('Complete');
  expect(failed.status).toBe('Failed');
});
test.afterAll(async () => {
  await server?.stop();
});


// One width: the 375 px layouts hold the same elements (checked by eye in screenshots, see the report).
test.use({ viewport: { width: 1280, height: 900 } });

test('upload page, also with a refused file', async ({ page }) => {
  await page.goto(server.url);
  await expect(page.getByRole('heading', { name: 'Upload videos' })).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.getByLabel('Upload videos').setInputFiles([videos.notAVideo]);
  await expect(page.getByRole('alert')).toBeVisible();
  await expectNoSeriousViolations(page);
});

test('library page, with filters', async ({ page }) => {
  await page.goto(`${server.url}/library`);
  await expect(page.getByRole('list', { name: 'Axe Athlete' })).toBeVisible();
  await expectNoSeriousViolations(page);
  await page.getByLabel('Search').fill('nobody-here');
  await expect(page.getByText('No videos match')).toBeVisible();
  await expectNoSeriousViolations(page);
});

test('review page, Complete, with the skeleton on', async ({ page }) => {
  await page.goto(`${server.url}/videos/${completeId}`);
  await expect(page.getByText('Complete', { exact: true })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Reps and their analyses' })).toBeVisible();
  await page.getByLabel('Skeleton').check();
  await expectNoSeriousViolations(page);
});

test('review page, Failed', async ({ page }) => {
  await page.goto(`${server.url}/videos/${failedId}`);
  await expect(page.getByText('Failed', { exact: true })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Upload again' })).toBeVisible();
  await expectNoSeriousViolations(page);
});
