/**
 * Notes, drawings and a share link, in Chromium through the real server with coach accounts (so
 * "without a sign-in" means something): the coach adds a note and an angle drawing on a paused
 * frame, sees both after a reload, shares the review; a fresh browser opens the link without
 * signing in and sees the review, the note and the drawing and nothing of the library; after a
 * revoke the link says it is no longer valid. The author moves a note (a typed time, a rep, the
 * video's time) and finds it there, in time order, after a reload. axe-core checks the review (with
 * the edit form open) and the shared page.
 */
import { expect, test, type Page } from '@playwright/test';
import { expectNoSeriousViolations } from './axe.ts';
import { uploadViaApi, waitForAnalysis } from '../scripts/replens-api.ts';
import { videos } from './fixtures.ts';
import { startServerWithAdmin, type RunningServer } from './server.ts';

const ADMIN = { email: 'head@club.example', password: 'head-coach-2026', name: 'Head Coach' };
const NOTE = 'Chest up out of the hole';
const DRAWN_AT_MS = 1000;

let server: RunningServer;
let videoId: string;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  let cookie: string;
  ({ server, cookie } = await startServerWithAdmin(ADMIN));
  videoId = await uploadViaApi(server.url, videos.squat3, { athlete: 'Shay Shared', repCount: 3, cookie });
  expect((await waitForAnalysis(server.url, videoId, 150_000, cookie)).status).toBe('Complete');
});
test.afterAll(async () => {
  await server?.stop();
});

async function seekTo(page: Page, ms: number) {
  await expect.poll(() => page.locator('video').evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(1);
  await page.locator('video').evaluate((v: HTMLVideoElement, t) => {
    v.pause();
    v.currentTime = t;
  }, ms / 1000);
  await expect.poll(() => page.locator('video').evaluate((v: HTMLVideoElement) => v.seeking)).toBe(false);
}

/** Clicks on the picture, `dx`/`dy` CSS pixels from its centre. */
async function clickPicture(page: Page, dx: number, dy: number) {
  const capture = page.getByTestId('drawing-capture');
  const box = (await capture.boundingBox())!;
  await capture.click({ position: { x: box.width / 2 + dx, y: box.height / 2 + dy } });
}

/** The review of the set, signed in as the admin. */
async function openReview(page: Page) {
  await page.goto(`${server.url}/videos/${videoId}`);
  await page.getByLabel('Email').fill(ADMIN.email);
  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('heading', { name: 'Notes and drawings' })).toBeVisible();
}

async function addNote(page: Page, ms: number, text: string) {
  await seekTo(page, ms);
  await page.getByLabel(/^Note at /).fill(text);
  await page.getByRole('button', { name: 'Add note' }).click();
  await expect(page.getByRole('list', { name: 'Notes' })).toContainText(text);
}

test('a note and an angle drawing, shared read-only without a sign-in, until the link is revoked', async ({ page, browser }) => {
  test.setTimeout(120_000);
  const failures: string[] = [];
  page.on('pageerror', (e) => failures.push(e.message));

  await openReview(page);

  // A note at the paused time, with its author.
  await seekTo(page, DRAWN_AT_MS);
  await page.getByLabel(/^Note at 0:01\.0/).fill(NOTE);
  await page.getByRole('button', { name: 'Add note' }).click();
  const notes = page.getByRole('list', { name: 'Notes' });
  await expect(notes).toContainText(NOTE);
  await expect(notes).toContainText(ADMIN.name);

  // An angle of 45° on the picture (the value is measured in pixels, whatever the frame's shape).
  await page.getByRole('button', { name: 'Angle' }).click();
  await clickPicture(page, 80, 0);
  await clickPicture(page, 0, 0);
  await clickPicture(page, 80, -80);
  const drawingsList = page.getByRole('list', { name: 'Drawings' });
  await expect(drawingsList).toContainText('Angle 45°');
  await expect(page.getByTestId('drawing-layer').locator('g[data-kind="angle"]')).toHaveText('45°');

  // After a reload: both are there, and the drawing shows when the video is at its time only.
  await page.reload();
  await expect(notes).toContainText(NOTE);
  await expect(drawingsList).toContainText('Angle 45°');
  await seekTo(page, 3500);
  await expect(page.getByTestId('drawing-layer').locator('g')).toHaveCount(0);
  await drawingsList.getByRole('button', { name: /Go to 0:01\.0/ }).click();
  await expect(page.getByTestId('drawing-layer').locator('g[data-kind="angle"]')).toHaveText('45°');
  await expect(notes.getByRole('listitem').first()).toHaveAttribute('aria-current', 'true');
  await expectNoSeriousViolations(page);

  // The printed summary carries the note, and the frame drawn on with its angle over it.
  await page.evaluate(() => {
    window.print = () => void ((window as unknown as { printed: number }).printed = 1);
  });
  await page.getByRole('button', { name: 'Print summary' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { printed?: number }).printed)).toBe(1);
  await page.emulateMedia({ media: 'print' });
  const drawn = page.getByRole('region', { name: 'Drawings on the video' });
  await expect(drawn.getByRole('img')).toHaveCount(1);
  await expect.poll(() => drawn.getByRole('img').evaluate((i: HTMLImageElement) => i.complete && i.naturalWidth > 0)).toBe(true);
  await expect(drawn.locator('svg text')).toHaveText('45°');
  await expect(notes).toBeVisible();
  await page.emulateMedia({ media: 'screen' });

  // Share for 7 days: the link is shown once.
  await page.getByLabel('Link expires after').selectOption('7');
  await page.getByRole('button', { name: 'Create link' }).click();
  const link = await page.getByRole('textbox', { name: /^Share link/ }).inputValue();
  expect(link).toMatch(new RegExp(`^${server.url}/shared/[A-Za-z0-9_-]{43}$`));

  // The athlete, in a browser never signed in: the review, the note and the drawing, read-only.
  const athleteContext = await browser.newContext();
  const athlete = await athleteContext.newPage();
  const apiCalls: string[] = [];
  athlete.on('request', (r) => {
    const url = new URL(r.url());
    if (url.pathname.startsWith('/api/')) apiCalls.push(url.pathname);
  });
  await athlete.goto(link);
  await expect(athlete.getByRole('heading', { level: 1 })).toHaveText('Shay Shared · Squat');
  await expect(athlete.getByRole('list', { name: 'Notes' })).toContainText(NOTE);
  await expect(athlete.getByRole('list', { name: 'Notes' })).toContainText(ADMIN.name);
  await expect(athlete.getByRole('table', { name: 'Reps and their analyses' }).locator('tbody tr')).toHaveCount(3);
  // RepLens's velocity too, with its bar path (in BH/s: this athlete has no height on record).
  await expect(athlete.getByRole('columnheader', { name: 'Mean velocity (RepLens) (BH/s)' })).toBeVisible();
  await expect(athlete.getByRole('heading', { name: 'Bar path' })).toBeVisible();
  await athlete.getByRole('list', { name: 'Drawings' }).getByRole('button', { name: /Go to 0:01\.0/ }).click();
  await expect(athlete.getByTestId('drawing-layer').locator('g[data-kind="angle"]')).toHaveText('45°');
  for (const name of ['Edit reps', 'Add note', 'Angle', 'Create link', 'Edit', 'Delete']) {
    await expect(athlete.getByRole('button', { name, exact: true })).toHaveCount(0);
  }
  await expect(athlete.getByRole('link', { name: 'Library' })).toHaveCount(0);
  await expectNoSeriousViolations(athlete);
  // It asked only about its own link.
  expect(apiCalls.length).toBeGreaterThan(0);
  expect(apiCalls.filter((p) => !p.startsWith(`/api/shared/${link.split('/').at(-1)}`))).toEqual([]);

  // Revoked, the link shows nothing but that it is no longer valid.
  await page.getByRole('button', { name: /^Revoke the link/ }).click();
  await expect(page.getByRole('list', { name: 'Share links' })).toContainText('Revoked');
  await athlete.reload();
  await expect(athlete.getByRole('heading', { name: 'This link is no longer valid' })).toBeVisible();
  await expect(athlete.getByRole('list', { name: 'Notes' })).toHaveCount(0);
  await expect(athlete.locator('video')).toHaveCount(0);
  await expectNoSeriousViolations(athlete);
  await athleteContext.close();

  // The coach deletes the drawing and the note (each by its labelled button): gone after a reload.
  await page.getByRole('button', { name: 'Delete the angle at 0:01.0' }).click();
  await expect(drawingsList).toHaveCount(0);
  await page.getByRole('button', { name: 'Delete the note at 0:01.0' }).click();
  await expect(notes).toHaveCount(0);
  await page.reload();
  await expect(page.getByText('No notes yet.', { exact: false })).toBeVisible();
  expect(failures).toEqual([]);
});

test('the author moves a note to a typed time, into a rep, to the current time; it stays there, in time order, after a reload', async ({ page }) => {
  test.setTimeout(120_000);
  const failures: string[] = [];
  page.on('pageerror', (e) => failures.push(e.message));
  await openReview(page);
  await addNote(page, 500, 'Early note');
  await addNote(page, 8500, 'Move me');
  const notes = page.getByRole('list', { name: 'Notes' });
  const order = () => notes.getByRole('listitem').locator('p').allTextContents();
  const times = async () => (await notes.getByRole('button', { name: /^Go to/ }).allTextContents()).map((t) => t.replace('Go to ', ''));
  expect(await order()).toEqual(['Early note', 'Move me']);

  // A typed time: before the other note now, and pinned to no rep (the set starts at 1 s).
  await page.getByRole('button', { name: 'Edit the note at 0:08.5' }).click();
  const form = page.getByRole('form', { name: 'Edit the note at 0:08.5' });
  const time = form.getByLabel('Time (m:ss.s)');
  await expect(time).toBeFocused();
  await time.fill('0:30');
  await expect(form.getByText('The video is 0:09.2 long.')).toBeVisible();
  await expect(form.getByRole('button', { name: 'Save' })).toBeDisabled();
  await time.fill('0:00.2');
  await expect(form.getByLabel('Rep')).toHaveValue('');
  await expectNoSeriousViolations(page);
  await form.getByRole('button', { name: 'Save' }).click();
  await expect.poll(order).toEqual(['Move me', 'Early note']);
  expect(await times()).toEqual(['0:00.2', '0:00.5']);

  // By keyboard from its Edit button (the focus came back to it): into rep 2, at its start.
  const edit = page.getByRole('button', { name: 'Edit the note at 0:00.2' });
  await expect(edit).toBeFocused();
  await page.keyboard.press('Enter');
  const again = page.getByRole('form', { name: 'Edit the note at 0:00.2' });
  await again.getByLabel('Rep').selectOption('Rep 2');
  await expect(again.getByLabel('Time (m:ss.s)')).toHaveValue(/^0:0[34]\.\d$/);
  await again.getByRole('button', { name: 'Save' }).click();
  await expect.poll(order).toEqual(['Early note', 'Move me']);
  await expect(notes.getByRole('listitem').nth(1)).toContainText('rep 2');

  // To the paused video's time: the rep playing there comes with it.
  await seekTo(page, 7000);
  const editing = page.getByRole('form', { name: /^Edit the note/ });
  await notes.getByRole('button', { name: /^Edit the note at 0:0[34]/ }).click();
  await editing.getByRole('button', { name: 'Use current time (0:07.0)' }).click();
  await expect(editing.getByLabel('Rep')).toHaveValue('3');
  // Escape cancels: nothing moved.
  await page.keyboard.press('Escape');
  await expect(editing).toHaveCount(0);
  await expect(notes.getByRole('listitem').nth(1)).toContainText('rep 2');
  await notes.getByRole('button', { name: /^Edit the note at 0:0[34]/ }).click();
  await editing.getByRole('button', { name: 'Use current time (0:07.0)' }).click();
  await editing.getByRole('button', { name: 'Save' }).click();
  await expect(notes.getByRole('listitem').nth(1)).toContainText('0:07.0 · rep 3');

  await page.reload();
  await expect.poll(order).toEqual(['Early note', 'Move me']);
  expect(await times()).toEqual(['0:00.5', '0:07.0 · rep 3']);
  expect(failures).toEqual([]);
});
