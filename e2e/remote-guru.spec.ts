/**
 * RepLens with credentials, against a Guru at another origin (the local Guru standing in for the
 * cloud): the browser uploads there directly, and no answer it sees, no log line and no built
 * file carries the client secret or a token.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startServer, startStandaloneGuru, type RunningServer } from './server.ts';
import { truthOf, videos } from './fixtures.ts';

const SECRET = 'e2e-client-secret-7f3a9c1d5b';
let guru: RunningServer;
let replens: RunningServer;

test.beforeAll(async () => {
  // The dashboard origin is only known once RepLens runs, so the port is fixed up front.
  const port = String(41000 + Math.floor(Math.random() * 2000));
  guru = await startStandaloneGuru({
    LOCAL_GURU_CLIENT_ID: 'e2e-client',
    LOCAL_GURU_CLIENT_SECRET: SECRET,
    LOCAL_GURU_ALLOWED_ORIGINS: `http://127.0.0.1:${port}`,
  });
  replens = await startServer({
    PORT: port,
    GURU_CLIENT_ID: 'e2e-client',
    GURU_CLIENT_SECRET: SECRET,
    GURU_AUTH_URL: `${guru.url}/oauth/token`,
    GURU_API_URL: guru.url,
  });
});
test.afterAll(async () => {
  await replens?.stop();
  await guru?.stop();
});

test('uploads go straight to Guru and no secret or token reaches the browser, logs or dist', async ({ page }) => {
  const seen: string[] = [];
  page.on('response', async (res) => {
    seen.push(res.url(), JSON.stringify(await res.allHeaders()));
    if (!/video|octet-stream/.test(res.headers()['content-type'] ?? '')) seen.push(await res.text().catch(() => ''));
  });
  const uploads: string[] = [];
  page.on('request', (req) => {
    if (req.method() === 'POST' && req.url().startsWith(guru.url)) uploads.push(req.url());
  });

  await page.goto(replens.url);
  await page.getByLabel('Upload videos').setInputFiles(videos.squat3);
  await page.getByRole('button', { name: 'Upload all' }).click();
  await expect(page.getByText('Complete', { exact: true })).toBeVisible({ timeout: 150_000 });
  await expect(page.getByRole('button', { name: /^Rep \d+$/ })).toHaveCount(truthOf(videos.squat3).reps.length);
  expect(uploads).toEqual([`${guru.url}/uploads`]);

  const tokenPattern = /lg1\.[A-Za-z0-9_-]{20,}\.[A-Za-z0-9_-]{20,}/;
  const browserSaw = seen.join('\n');
  expect(browserSaw.length).toBeGreaterThan(10_000);
  expect(browserSaw).not.toContain(SECRET);
  expect(browserSaw).not.toMatch(tokenPattern);

  const logs = replens.output() + guru.output();
  expect(logs).not.toContain(SECRET);
  expect(logs).not.toMatch(tokenPattern);

  const built = fs.readdirSync('dist', { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => fs.readFileSync(path.join(e.parentPath, e.name), 'utf8'))
    .join('\n');
  expect(built).not.toContain(SECRET);
  expect(built).not.toMatch(/client_secret|GURU_CLIENT_SECRET|lg1\./);
});
