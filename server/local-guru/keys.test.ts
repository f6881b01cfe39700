import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, expect, it, vi } from 'vitest';
import { loadSigningKeys } from './keys.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'guru-keys-'));
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

it('keeps the keys it made, for the next start', () => {
  const first = loadSigningKeys(dir);
  expect(loadSigningKeys(dir)).toEqual(first);
  expect(fs.readdirSync(dir)).toEqual(['signing-keys.json']);
});

it('adopts the keys another server sharing DATA_DIR wrote first, rather than replacing them', () => {
  const theirs = loadSigningKeys(dir);
  // This server looked before the other's file existed, then both write.
  vi.spyOn(fs, 'existsSync').mockReturnValueOnce(false);
  expect(loadSigningKeys(dir)).toEqual(theirs);
  expect(fs.readdirSync(dir)).toEqual(['signing-keys.json']);
});

it('replaces an unreadable keys file', () => {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'signing-keys.json'), '{"tokenSecret":');
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  const keys = loadSigningKeys(dir);
  expect(loadSigningKeys(dir)).toEqual(keys);
});
