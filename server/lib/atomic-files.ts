/** Files written whole or not at all, safe when several processes (or machines) share a directory. */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';

/**
 * A temp name for `file` no other process picks, even on another machine sharing the directory
 * (where process ids repeat). `ext` keeps the extension a tool reads the format from.
 */
export const tempPath = (file: string, ext = '.tmp') => `${file}.${process.pid}-${randomBytes(4).toString('hex')}${ext}`;

/**
 * Writes `data` to `file` unless it exists, and answers what the file holds: when several servers
 * make the same key at once, the first one written wins and the others adopt it.
 */
export function writeOnce(file: string, data: string, mode = 0o600): string {
  const tmp = tempPath(file);
  fs.writeFileSync(tmp, data, { mode });
  try {
    fs.linkSync(tmp, file); // fails if the file exists
    return data;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    return fs.readFileSync(file, 'utf8');
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}
