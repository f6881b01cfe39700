/** Builds the dashboard once and generates the test videos (cached between runs). */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { FIXTURES, ensureFixtures } from './fixtures.ts';

export default async function globalSetup() {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  fs.mkdirSync(FIXTURES, { recursive: true });
  await ensureFixtures();
}
