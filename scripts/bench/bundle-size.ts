/** Initial JavaScript of the built dashboard: the entry script and what it preloads, gzipped. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

export async function benchBundle() {
  execFileSync(process.execPath, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'error'], { stdio: 'inherit' });
  const html = fs.readFileSync('dist/index.html', 'utf8');
  const initial = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]);
  const all = fs.readdirSync('dist/assets').filter((f) => f.endsWith('.js')).map((f) => `assets/${f}`);
  const gz = (file: string) => gzipSync(fs.readFileSync(path.join('dist', file))).length;
  const initialGz = initial.reduce((sum, f) => sum + gz(f), 0);
  const lazy = all.filter((f) => !initial.includes(f));
  return {
    title: 'Dashboard bundle (gzipped)',
    header: ['', 'files', 'size'],
    rows: [
      ['initial JS (goal <= 200 KB)', String(initial.length), kb(initialGz)],
      ['lazy chunks', String(lazy.length), kb(lazy.reduce((sum, f) => sum + gz(f), 0))],
      ...lazy.map((f) => [`  ${f.replace(/^assets\//, '')}`, '', kb(gz(f))]),
    ],
  };
}
