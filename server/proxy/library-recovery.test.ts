/** A damaged library file at start: the server opens, names and quarantines it, and keeps what is readable. */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { openSqliteLibrary } from './library.ts';

const SESSIONS = 300;
let dir: string;
let file: string;
let logged: string;

beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replens-library-recovery-'));
  file = path.join(dir, 'library.db');
  const library = openSqliteLibrary(dir);
  for (let i = 0; i < SESSIONS; i++) {
    await library.add({ id: `session-${i}`, athlete: `Athlete ${i % 7}`, filename: `set-${i}.mp4`, size: 1000 + i, domain: 'weightlifting', activity: 'squat', expectedReps: 5 });
  }
  await library.close();
  logged = '';
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void (logged += `${args.join(' ')}\n`));
});
afterEach(() => {
  vi.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

function garble(dataDir: string, page: number) {
  const fd = fs.openSync(path.join(dataDir, 'library.db'), 'r+');
  fs.writeSync(fd, randomBytes(4096), 0, 4096, page * 4096);
  fs.closeSync(fd);
}

const quarantined = (dataDir: string) => fs.readdirSync(path.join(dataDir, 'quarantine'));

it('opens past a garbage page anywhere after the header: the file is named, quarantined, and the readable sessions kept', async () => {
  const pages = fs.statSync(file).size / 4096;
  const kept: number[] = [];
  for (let page = 1; page < pages; page++) {
    const copy = path.join(dir, `copy-${page}`);
    fs.mkdirSync(copy);
    fs.copyFileSync(file, path.join(copy, 'library.db'));
    garble(copy, page);
    const library = openSqliteLibrary(copy);
    const { items, total } = await library.list({ limit: 500 });
    expect(items).toHaveLength(total);
    // Every session listed is whole: its own file name, an athlete.
    expect(items.every((s) => s.athlete !== '' && s.filename === `set-${s.id.slice('session-'.length)}.mp4`)).toBe(true);
    await library.add({ id: 'new', athlete: 'Athlete 1', filename: 'new.mp4', size: 1, domain: 'weightlifting', activity: 'squat', expectedReps: null });
    expect(await library.get('new')).toBeDefined();
    await library.close();
    expect(quarantined(copy)).toEqual([expect.stringMatching(/^library-.*\.db$/)]);
    kept.push(total);
  }
  expect(logged).toMatch(/library\.db is damaged .*moved it to .*quarantine/);
  // Only the sessions table's root page takes every row with it; any other page costs at most its own rows.
  expect(kept.filter((n) => n < SESSIONS - 40).length).toBeLessThanOrEqual(1);
});

it('starts an empty library when the header page is garbage, keeping the old file in quarantine', async () => {
  garble(dir, 0);
  const library = openSqliteLibrary(dir);
  expect((await library.list()).total).toBe(0);
  await library.close();
  expect(quarantined(dir)).toEqual([expect.stringMatching(/^library-.*\.db$/)]);
  expect(logged).toMatch(/library\.db is damaged \(file is not a database\)/);
});

it('sets a garbage WAL file aside and keeps every session of the database file', async () => {
  fs.writeFileSync(`${file}-wal`, randomBytes(50_000));
  const library = openSqliteLibrary(dir);
  expect((await library.list()).total).toBe(SESSIONS);
  await library.close();
  expect(quarantined(dir)).toEqual([expect.stringMatching(/^library\.db-wal-/)]);
  expect(logged).toMatch(/library\.db-wal is not a SQLite WAL file/);
});

it('leaves a sound library alone', async () => {
  const library = openSqliteLibrary(dir);
  expect((await library.list({ limit: 500 })).total).toBe(SESSIONS);
  await library.close();
  expect(fs.existsSync(path.join(dir, 'quarantine'))).toBe(false);
  expect(logged).toBe('');
});
