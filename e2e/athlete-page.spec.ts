/**
 * The athlete page in Chromium through the real server: three analysed squat sets of one athlete
 * (one of them edited by the coach) show as trends, the coach's count on the chart, and a click on
 * a set's point opens that set.
 */
import { expect, test } from '@playwright/test';
import { expectNoSeriousViolations } from './axe.ts';
import { uploadViaApi, waitForAnalysis } from '../scripts/replens-api.ts';
import { videos } from './fixtures.ts';
import { startServer, type RunningServer } from './server.ts';

let server: RunningServer;
const ids: string[] = [];

test.beforeAll(async () => {
  test.setTimeout(240_000);
  server = await startServer();
  // One at a time, so the sets are in a known order (the page shows them oldest first).
  for (const video of [videos.squat3, videos.squat5, videos.squat3]) {
    const id = await uploadViaApi(server.url, video, { athlete: 'Tara Trend' });
    expect((await waitForAnalysis(server.url, id)).status).toBe('Complete');
    ids.push(id);
  }
  // The coach removed the last rep of the 5-rep set.
  const { reps } = await waitForAnalysis(server.url, ids[1]);
  const kept = reps.slice(0, 4).map(({ startTimestampMs, midTimestampMs, endTimestampMs }) => ({ startTimestampMs, midTimestampMs: midTimestampMs ?? undefined, endTimestampMs }));
  const saved = await fetch(`${server.url}/api/videos/${ids[1]}/reps`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ basedOn: 0, reps: kept }),
  });
  expect(saved.status).toBe(200);
});
test.afterAll(async () => {
  await server?.stop();
});

test("an athlete's sets as trends with the coach's corrections; a point opens its set", async ({ page }) => {
  await page.goto(`${server.url}/athletes`);
  await page.getByRole('list', { name: 'Athletes' }).getByRole('link', { name: 'Tara Trend' }).click();
  await expect(page.getByRole('heading', { name: 'Tara Trend', level: 1 })).toBeVisible();
  await expect(page.getByText(/^3 sets of squat, with the coach's corrections/)).toBeVisible();
  for (const title of ['Reps per set', /^Squat depth per set/, 'Tempo per set (mean seconds)']) {
    await expect(page.getByRole('heading', { name: title })).toBeVisible();
  }
  // The reps line: 3, then the coach's 4 (5 detected), then 3.
  const repsChart = page.getByRole('region', { name: 'Reps per set' });
  const dots = repsChart.locator('circle[data-set]');
  await expect(dots).toHaveCount(3);
  const heights = await dots.evaluateAll((cs) => cs.map((c) => Number(c.getAttribute('cy'))));
  expect(heights[1]).toBeLessThan(heights[0]); // 4 reps sit higher than 3
  expect(heights[2]).toBe(heights[0]);
  await expect(page.getByRole('list', { name: 'Sessions of Tara Trend' }).getByRole('link')).toHaveCount(3);

  await expectNoSeriousViolations(page);

  expect(await dots.evaluateAll((cs) => cs.map((c) => c.getAttribute('data-set')))).toEqual(ids);
  await dots.nth(1).click();
  await expect(page).toHaveURL(new RegExp(`/videos/${ids[1]}$`));
  await expect(page.getByText('4 reps', { exact: true })).toBeVisible();
});
