/** With DASHBOARD_PASSWORD set, the dashboard asks for it before anything else. */
import { expect, test } from '@playwright/test';
import { startServer, type RunningServer } from './server.ts';

let server: RunningServer;
test.beforeAll(async () => {
  server = await startServer({ DASHBOARD_PASSWORD: 'clean-and-jerk-2026' });
});
test.afterAll(async () => {
  await server?.stop();
});

test('a coach signs in, stays signed in across a reload, and signs out', async ({ page }) => {
  await page.goto(`${server.url}/library`);
  await expect(page.getByRole('heading', { name: 'Sign in to RepLens' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Library' })).toHaveCount(0);

  await page.getByLabel('Password').fill('wrong');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert')).toHaveText('That password is not right.');

  await page.getByLabel('Password').fill('clean-and-jerk-2026');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('heading', { name: 'Library' })).toBeVisible();

  await page.reload();
  await expect(page.getByRole('heading', { name: 'Library' })).toBeVisible();
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name === 'replens_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to RepLens' })).toBeVisible();
  expect((await page.request.get(`${server.url}/api/videos`)).status()).toBe(401);
});
