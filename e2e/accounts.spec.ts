/**
 * Coach accounts, end to end: the admin from ADMIN_EMAIL/ADMIN_PASSWORD signs in and invites a
 * coach; the coach accepts in a fresh browser, uploads and corrects a set; the library shows who
 * uploaded it; a coach is refused the admin API; a disabled coach's next request is refused.
 * axe-core checks the sign-in, coaches, invite and setup pages. The setup page turns an open
 * RepLens on its own machine into coach accounts.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousViolations } from './axe.ts';
import { videos } from './fixtures.ts';
import { startServer, type RunningServer } from './server.ts';

test.describe.configure({ mode: 'serial' });

const ADMIN = { email: 'head@club.example', password: 'head-coach-2026', name: 'Head Coach' };
const COACH = { email: 'sam@club.example', password: 'sam-squats-daily', name: 'Sam Coach' };

let server: RunningServer;
test.beforeAll(async () => {
  server = await startServer({ ADMIN_EMAIL: ADMIN.email, ADMIN_PASSWORD: ADMIN.password, ADMIN_NAME: ADMIN.name });
});
test.afterAll(async () => {
  await server?.stop();
});


async function signIn(page: Page, { email, password }: { email: string; password: string }) {
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

test('an admin invites a coach, the coach uploads and corrects, the admin disables the coach', async ({ page, browser }) => {
  const failures: string[] = [];
  page.on('pageerror', (e) => failures.push(e.message));

  // The admin from the environment signs in with email and password.
  await page.goto(`${server.url}/library`);
  await expect(page.getByRole('heading', { name: 'Sign in to RepLens' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Library' })).toHaveCount(0);
  await expectNoSeriousViolations(page);
  await signIn(page, { email: ADMIN.email, password: 'not-the-password' });
  await expect(page.getByRole('alert')).toHaveText('That email or password is not right.');
  await signIn(page, ADMIN);
  await expect(page.getByRole('heading', { name: 'Library' })).toBeVisible();
  await expect(page.getByText(`Signed in as ${ADMIN.name}`)).toBeVisible();

  // Invite a coach: the link is shown once, to copy.
  await page.getByRole('link', { name: 'Coaches' }).click();
  await expect(page.getByRole('heading', { name: 'Coaches', level: 1 })).toBeVisible();
  await page.getByLabel("Coach's email").fill(COACH.email);
  await page.getByRole('button', { name: 'Create invite link' }).click();
  const link = await page.getByLabel('Invite link').inputValue();
  expect(link).toMatch(new RegExp(`^${server.url}/invite/[A-Za-z0-9_-]{43}$`));
  await expect(page.getByRole('list', { name: 'Invites not used yet' })).toContainText(COACH.email);
  await expectNoSeriousViolations(page);

  // The coach, in a browser of their own, accepts the invite.
  const coachContext = await browser.newContext();
  const coach = await coachContext.newPage();
  coach.on('pageerror', (e) => failures.push(e.message));
  await coach.goto(link);
  await expect(coach.getByRole('heading', { name: 'Join your club on RepLens' })).toBeVisible();
  await expect(coach.getByLabel('Email')).toHaveValue(COACH.email);
  await expectNoSeriousViolations(coach);
  await coach.getByLabel('Your name').fill(COACH.name);
  await coach.getByLabel('Password').fill(COACH.password);
  await coach.getByRole('button', { name: 'Create my account' }).click();
  await expect(coach.getByRole('heading', { name: 'Upload videos' })).toBeVisible();
  await expect(coach.getByText(`Signed in as ${COACH.name}`)).toBeVisible();
  await expect(coach.getByRole('link', { name: 'Coaches' })).toHaveCount(0);

  // The link worked once.
  const reuse = await browser.newPage();
  await reuse.goto(link);
  await expect(reuse.getByRole('alert')).toContainText('already used');
  await reuse.close();

  // A coach never reaches the admin API or page.
  const forbidden = await coach.request.get(`${server.url}/api/accounts`);
  expect(forbidden.status()).toBe(403);
  expect((await forbidden.json()) as unknown).toMatchObject({ error: { code: 'admin_only' } });
  expect((await coach.request.post(`${server.url}/api/accounts/invites`, { data: { email: 'x@club.example' } })).status()).toBe(403);
  await coach.goto(`${server.url}/coaches`);
  await expect(coach.getByRole('alert')).toContainText('Only an admin can manage coaches');

  // The coach uploads a set and corrects its count.
  await coach.getByRole('link', { name: 'Upload' }).click();
  await coach.getByLabel('Upload videos').setInputFiles(videos.squat3);
  await coach.getByRole('button', { name: 'Upload all' }).click();
  await expect(coach).toHaveURL(/\/videos\/[A-Za-z0-9-]+$/, { timeout: 60_000 });
  await expect(coach.getByText('Complete', { exact: true })).toBeVisible({ timeout: 150_000 });
  await coach.getByLabel('Rep count').fill('4');
  await coach.getByRole('button', { name: 'Save', exact: true }).click();
  await expect(coach.getByText(/saved/i)).toBeVisible();

  // The library says who uploaded it, for the admin too.
  await page.getByRole('link', { name: 'Library' }).click();
  await expect(page.getByText(`Uploaded by ${COACH.name}`)).toBeVisible();

  // Disabled: the coach's very next request is refused.
  await page.getByRole('link', { name: 'Coaches' }).click();
  const accounts = page.getByRole('list', { name: 'Accounts' });
  await expect(accounts.getByRole('listitem').filter({ hasText: COACH.email })).toContainText('Active');
  await page.getByRole('button', { name: `Disable ${COACH.name}` }).click();
  await expect(accounts.getByRole('listitem').filter({ hasText: COACH.email })).toContainText('Disabled');
  expect((await coach.request.get(`${server.url}/api/videos`)).status()).toBe(401);
  await coach.reload();
  await expect(coach.getByRole('heading', { name: 'Sign in to RepLens' })).toBeVisible();
  await signIn(coach, COACH);
  await expect(coach.getByRole('alert')).toContainText('disabled');

  // Enabled again, the coach signs in anew (disabling ended every sign-in).
  await page.getByRole('button', { name: `Enable ${COACH.name}` }).click();
  await expect(accounts.getByRole('listitem').filter({ hasText: COACH.email })).toContainText('Active');
  await signIn(coach, COACH);
  await expect(coach.getByText(`Signed in as ${COACH.name}`)).toBeVisible();
  await coachContext.close();

  // Sign out everywhere ends the admin's sign-in in this browser too.
  await page.getByRole('button', { name: 'Sign out everywhere' }).click();
  await expect(page.getByRole('heading', { name: 'Sign in to RepLens' })).toBeVisible();
  expect((await page.request.get(`${server.url}/api/videos`)).status()).toBe(401);
  expect(failures).toEqual([]);
});

test('on its own machine, an open RepLens turns into coach accounts from the setup page', async ({ page, browser }) => {
  const open = await startServer();
  try {
    await page.goto(open.url);
    await expect(page.getByRole('heading', { name: 'Upload videos' })).toBeVisible();
    await page.getByRole('link', { name: 'Set up coach accounts' }).click();
    await expect(page.getByRole('heading', { name: 'Create the admin account' })).toBeVisible();
    await expectNoSeriousViolations(page);
    await page.getByLabel('Email').fill('me@club.example');
    await page.getByLabel('Your name').fill('Mia Admin');
    await page.getByLabel('Password').fill('short');
    await page.getByRole('button', { name: 'Create the admin account' }).click();
    // The browser's own check stops a too-short password before it is sent.
    await expect(page.getByRole('heading', { name: 'Create the admin account' })).toBeVisible();
    await page.getByLabel('Password').fill('mia-admin-password');
    await page.getByRole('button', { name: 'Create the admin account' }).click();
    await expect(page.getByRole('heading', { name: 'Coaches', level: 1 })).toBeVisible();
    await expect(page.getByText('Signed in as Mia Admin')).toBeVisible();

    // Everyone else now signs in, on this machine too; the setup is gone.
    const other = await browser.newPage();
    await other.goto(open.url);
    await expect(other.getByRole('heading', { name: 'Sign in to RepLens' })).toBeVisible();
    await expect(other.getByRole('link', { name: 'Set up coach accounts' })).toHaveCount(0);
    expect((await other.request.post(`${open.url}/api/setup`, { data: { email: 'x@club.example', name: 'X', password: 'another-password' } })).status()).toBe(409);
    await other.close();
  } finally {
    await open.stop();
  }
});
