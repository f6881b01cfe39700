/**
 * Several machines on one PostgreSQL (runs when TEST_DATABASE_URL is set): two web-only RepLens
 * servers sharing DATA_DIR, and analysis done by an `npm run worker` process. A coach uploads on
 * one server and sees the queue while no worker runs; once one starts the sets are analysed, and
 * the other server lists them and plays the review.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { startProcess } from '../scripts/start-process.ts';
import { videos } from './fixtures.ts';
import { startServer, type RunningServer } from './server.ts';

const TEST_DATABASE_URL = process.env.TEST_DATABASE_URL;
const name = `replens_e2e_${randomBytes(5).toString('hex')}`;
const admin = async (sql: string) => {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
  await client.connect();
  await client.query(sql).finally(() => client.end());
};

test.skip(!TEST_DATABASE_URL, 'TEST_DATABASE_URL is not set: no PostgreSQL to run several servers on');

let dataDir: string;
let env: Record<string, string>;
const servers: RunningServer[] = [];
let worker: Awaited<ReturnType<typeof startProcess>> | undefined;

test.beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'replens-e2e-shared-'));
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(TEST_DATABASE_URL!);
  url.pathname = `/${name}`;
  env = { DATA_DIR: dataDir, DATABASE_URL: url.href, SESSION_SECRET: randomBytes(32).toString('base64'), ANALYSIS_IN_PROCESS: 'false' };
  servers.push(...(await Promise.all([startServer(env), startServer(env)])));
});
test.afterAll(async () => {
  await Promise.all([...servers, ...(worker ? [worker] : [])].map((p) => p.stop()));
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('sets uploaded on one server wait in the queue, are analysed by a worker, and review on the other server', async ({ page }) => {
  const failures: string[] = [];
  page.on('pageerror', (e) => failures.push(e.message));
  const [a, b] = servers;

  await page.goto(a.url);
  await page.getByLabel('Athlete').fill('Queue Case');
  await page.getByLabel('Upload videos').setInputFiles([videos.squat5, videos.squat3]);
  await page.getByRole('button', { name: 'Upload all' }).click();
  // No worker yet: the set uploaded second waits behind the first, as the queue's table says.
  await expect(page.getByText('1 set ahead of this one')).toBeVisible({ timeout: 30_000 });
  // ...and the first says it waits for a worker, not that it is being analysed.
  await expect(page.getByText('next in line, waiting for a free analysis worker')).toBeVisible();

  worker = await startProcess('server/worker-main.ts', { ...env, ANALYSIS_THREADS: '1' }, /Analysis worker is (running)/);
  await expect(page.getByText('5 reps', { exact: true })).toBeVisible({ timeout: 120_000 });
  await expect(page.getByText('3 reps', { exact: true })).toBeVisible({ timeout: 120_000 });

  // The other server: the same library, and the review plays from the shared DATA_DIR.
  await page.goto(`${b.url}/library`);
  const group = page.getByRole('list', { name: 'Queue Case' });
  await expect(group.getByRole('link')).toHaveCount(2);
  await group.getByRole('link', { name: 'squat-5.mp4' }).click();
  await expect(page.getByRole('button', { name: /^Rep \d+$/ })).toHaveCount(5);
  const video = page.locator('video');
  await expect(video).toHaveAttribute('src', new RegExp(`^${b.url}/guru/files/`));
  await expect.poll(() => video.evaluate((v: HTMLVideoElement) => v.readyState), { timeout: 15_000 }).toBeGreaterThanOrEqual(1);
  expect(failures).toEqual([]);
});
