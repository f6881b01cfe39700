/**
 * `npm run bench [section ...]`: prints each benchmark as a table. Sections: bundle, proxy,
 * analysis, faults, playback, storage. Numbers are medians over repeated runs; on a noisy 2-core machine, read
 * the ratios.
 */
import { benchAnalysis } from './bench/analysis.ts';
import { benchBundle } from './bench/bundle-size.ts';
import { benchFaults } from './bench/faults.ts';
import { benchPlaybackCopy } from './bench/playback-copy.ts';
import { benchProxy } from './bench/proxy-overhead.ts';
import { benchStorage } from './bench/storage.ts';

interface Table {
  title: string;
  header: string[];
  rows: string[][];
}

const sections: Record<string, () => Promise<Table | Table[]>> = {
  bundle: benchBundle,
  proxy: benchProxy,
  analysis: benchAnalysis,
  faults: benchFaults,
  playback: benchPlaybackCopy,
  storage: benchStorage,
};

function print(table: Table) {
  const widths = table.header.map((_, i) => Math.max(...[table.header, ...table.rows].map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((c, i) => (c ?? '').padEnd(widths[i])).join(' | ')} |`;
  console.log(`\n${table.title}\n${line(table.header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
  for (const row of table.rows) console.log(line(row));
}

const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(sections);
for (const name of wanted) {
  const run = sections[name];
  if (!run) throw new Error(`unknown bench section ${name}; known: ${Object.keys(sections).join(', ')}`);
  const result = await run();
  for (const table of Array.isArray(result) ? result : [result]) print(table);
}
