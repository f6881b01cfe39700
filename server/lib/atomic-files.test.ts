import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, it } from 'vitest';
import { tempPath, writeOnce } from './atomic-files.ts';

it('writes a file once: a later writer gets what the first wrote, and no temp file stays', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'write-once-'));
  const file = path.join(dir, 'key');
  expect(writeOnce(file, 'first')).toBe('first');
  expect(writeOnce(file, 'second')).toBe('first');
  expect(fs.readdirSync(dir)).toEqual(['key']);
  expect(fs.statSync(file).mode & 0o777).toBe(0o600);
  fs.rmSync(dir, { recursive: true, force: true });
});

it('names temp files apart even within one process', () => {
  expect(tempPath('/d/f')).not.toBe(tempPath('/d/f'));
  expect(tempPath('/d/f.jpg', '.tmp.jpg')).toMatch(/^\/d\/f\.jpg\.\d+-[0-9a-f]{8}\.tmp\.jpg$/);
});
