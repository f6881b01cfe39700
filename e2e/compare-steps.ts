/** The compare view's check, on the coach's compare page and on a compare link alike. */
import { expect, type Page } from '@playwright/test';
import type { Rep } from '../src/contract/guru.ts';

const FRAME_MS = 1000 / 30;
const timeOf = (page: Page, name: string) =>
  page.getByRole('region', { name }).locator('video').evaluate((v: HTMLVideoElement) => v.currentTime * 1000);

/**
 * Aligned at the bottom both videos stand at their reps' bottoms within a frame, and stay in step
 * while playing at 1×: B as far from its bottom as A, or, with B matched to A's tempo, as far
 * scaled by their reps' durations.
 */
export async function expectInStepAtBottoms(page: Page, repA: Rep, repB: Rep, { matchTempo = false } = {}) {
  for (const name of ['Side A', 'Side B']) {
    await expect.poll(() => page.getByRole('region', { name }).locator('video').evaluate((v: HTMLVideoElement) => v.readyState)).toBeGreaterThanOrEqual(1);
  }
  await page.getByRole('button', { name: 'Go to both bottoms' }).click();
  await expect.poll(async () => Math.abs((await timeOf(page, 'Side A')) - repA.midTimestampMs!)).toBeLessThanOrEqual(FRAME_MS);
  await expect.poll(async () => Math.abs((await timeOf(page, 'Side B')) - repB.midTimestampMs!)).toBeLessThanOrEqual(FRAME_MS);

  // Anchored: with the tempo matched, the tempo's label says "(B at N% speed)" too.
  await page.getByLabel(/^Speed/).selectOption('1');
  await page.getByRole('button', { name: 'Play both' }).click();
  await page.waitForTimeout(700);
  await page.getByRole('button', { name: 'Pause both' }).click();
  const fromA = (await timeOf(page, 'Side A')) - repA.midTimestampMs!;
  const fromB = (await timeOf(page, 'Side B')) - repB.midTimestampMs!;
  const scale = matchTempo ? (repB.endTimestampMs - repB.startTimestampMs) / (repA.endTimestampMs - repA.startTimestampMs) : 1;
  expect(Math.abs(fromA * scale - fromB)).toBeLessThanOrEqual(2 * FRAME_MS);
}
