/**
 * Athletes as records: a batch of three files tagged per file (three athletes, three expected
 * counts) lands under the right athletes, a name typed in another case joins the existing
 * athlete, a count that differs from the expected one shows in the library's "Needs review"
 * filter, and athletes are renamed and merged on the athlete list (checked with axe-core).
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousViolations } from './axe.ts';
import { uploadViaApi } from '../scripts/replens-api.ts';
import { truthOf, videos } from './fixtures.ts';
import { startServer, type RunningServer } from './server.ts';

test.describe.configure({ mode: 'serial' });

let server: RunningServer;
test.beforeAll(async () => {
  server = await startServer();
  // An athlete who already exists, spelled in lower case.
  await uploadViaApi(server.url, videos.squat3, { athlete: 'maya chen' });
});
test.afterAll(async () => {
  await server?.stop();
});

async function tag(page: Page, file: string, athlete: string, expected: number) {
  await page.getByLabel(`Athlete for ${file}`).fill(athlete);
  await page.getByLabel(`Expected reps for ${file}`).fill(String(expected));
}

test('a batch of three files, each with its own athlete and expected count, lands under the right athletes', async ({ page }) => {
  const failures: string[] = [];
  page.on('pageerror', (e) => failures.push(e.message));
  await page.goto(server.url);
  await page.getByLabel('Upload videos').setInputFiles([videos.squat5, videos.squat3, videos.noPerson]);

  const squat5 = truthOf(videos.squat5).reps.length;
  const squat3 = truthOf(videos.squat3).reps.length;
  await tag(page, 'squat-5.mp4', 'MAYA CHEN', squat5);
  await expect(page.getByText('Files under maya chen')).toBeVisible();
  // Expected one rep fewer than the video has: a mismatch to review.
  await tag(page, 'squat-3.mp4', 'Ben Okafor', squat3 - 1);
  await expect(page.getByText('New athlete')).toBeVisible();
  await tag(page, 'empty-gym.mp4', 'Cy Park', 3);
  await page.getByRole('button', { name: 'Upload all' }).click();

  const row = (file: string) => page.getByRole('listitem').filter({ has: page.getByRole('link', { name: `Review ${file}` }) });
  await expect(row('squat-5.mp4')).toContainText(`Complete${squat5} reps`, { timeout: 150_000 });
  await expect(row('squat-3.mp4')).toContainText(`Complete${squat3} reps (expected ${squat3 - 1})`, { timeout: 150_000 });
  await expect(row('empty-gym.mp4')).toContainText('Failed', { timeout: 150_000 });
  await expect(page).toHaveURL(`${server.url}/`);

  await page.getByRole('link', { name: 'Library', exact: true }).click();
  const files = (athlete: string) => page.getByRole('list', { name: athlete }).getByRole('link');
  await expect(files('maya chen')).toHaveCount(2);
  await expect(files('Ben Okafor')).toHaveText(['squat-3.mp4']);
  await expect(files('Cy Park')).toHaveText(['empty-gym.mp4']);

  // The filter is a navigation (the URL holds it), so the box shows checked once it lands.
  await page.getByLabel(/Needs review/).click();
  await expect(page.getByLabel(/Needs review/)).toBeChecked();
  await expect(page).toHaveURL(/needsReview=true/);
  await expect(page.getByRole('link', { name: /\.mp4$/ })).toHaveText(['squat-3.mp4']);
  await expect(page.getByRole('list', { name: 'Ben Okafor' })).toContainText(`expected ${squat3 - 1}, found ${squat3}`);
  await expect(page.getByText('1 video matches.')).toBeVisible();
  expect(failures).toEqual([]);
});

test('rename and merge athletes on the athlete list; the library follows', async ({ page }) => {
  await page.goto(server.url);
  await page.getByRole('link', { name: 'Athletes' }).click();
  const list = page.getByRole('list', { name: 'Athletes' });
  await expect(list.getByRole('listitem')).toHaveCount(3);
  await expect(list.getByRole('listitem').filter({ hasText: 'Ben Okafor' })).toContainText('1 to review');
  await expectNoSeriousViolations(page);

  await page.getByRole('button', { name: 'Rename maya chen' }).click();
  await page.getByLabel('New name for maya chen').fill('Maya Chen');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(list.getByRole('link', { name: 'Maya Chen' })).toBeVisible();

  // Another athlete's name is refused, with the way out.
  await page.getByRole('button', { name: 'Rename Cy Park' }).click();
  await page.getByLabel('New name for Cy Park').fill('ben okafor');
  await page.getByRole('button', { name: 'Save name' }).click();
  await expect(page.getByRole('alert')).toHaveText('Ben Okafor already exists. Merge the two athletes instead.');
  await page.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: 'Merge Cy Park' }).click();
  await page.getByLabel('Merge Cy Park into').selectOption({ label: 'Ben Okafor (1 video)' });
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Merge', exact: true }).click();
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expectNoSeriousViolations(page);

  // The name opens the athlete's page: every session, newest first; the library holds them too.
  await list.getByRole('link', { name: 'Ben Okafor' }).click();
  await expect(page).toHaveURL(/\/athletes\/\d+$/);
  await expect(page.getByRole('list', { name: 'Sessions of Ben Okafor' }).getByRole('link')).toHaveCount(2);
  await page.getByRole('link', { name: 'Open in the library' }).click();
  await expect(page).toHaveURL(/\/library\?athleteId=\d+$/);
  const ben = page.getByRole('list', { name: 'Ben Okafor' }).getByRole('link');
  await expect(ben).toHaveCount(2);
  expect((await ben.allTextContents()).sort()).toEqual(['empty-gym.mp4', 'squat-3.mp4']);
  await page.goto(`${server.url}/library`);
  await expect(page.getByRole('list', { name: 'Maya Chen' }).getByRole('link')).toHaveCount(2);
});
