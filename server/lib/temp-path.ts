/** Temp files beside their target, renamed over it when complete. */
import { randomBytes } from 'node:crypto';

/**
 * A temp name for `file` no other process picks, even on another machine sharing the directory
 * (where process ids repeat). `ext` keeps the extension a tool reads the format from.
 */
export const tempPath = (file: string, ext = '.tmp') => `${file}.${process.pid}-${randomBytes(4).toString('hex')}${ext}`;
