/** A damaged library file at start: the server opens, names and quarantines it, and keeps what is readable. */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import Database from 'better-sqlite3';
import { LIBRARY_PAGE_SIZE, openSqliteLibrary } from './library.ts';

const SESSIONS = 480;
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
  fs.writeSync(fd, randomBytes(LIBRARY_PAGE_SIZE), 0, LIBRARY_PAGE_SIZE, page * LIBRARY_PAGE_SIZE);
  fs.closeSync(fd);
}

/** Asks SQLite's page statistics (dbstat) about the library's file. */
function dbstat(dataDir: string, sql: string, ...params: unknown[]) {
  const db = new Database(path.join(dataDir, 'library.db'), { readonly: true });
  try {
    return db.prepare(sql).pluck().get(...params) as number;
  } finally {
    db.close();
  }
}
const fullestLeaf = (dataDir: string, table: string) => dbstat(dataDir, "SELECT max(ncell) FROM dbstat WHERE name = ? AND pagetype = 'leaf'", table);

const quarantined = (dataDir: string) => fs.readdirSync(path.join(dataDir, 'quarantine'));

it('opens past a garbage page anywhere after the header: the file is named, quarantined, and the readable sessions kept', async () => {
  const pages = fs.statSync(file).size / LIBRARY_PAGE_SIZE;
  // The fullest leaf of the sessions table: what one garbage page may cost at most.
  const rowsPerPage = fullestLeaf(dir, 'sessions');
  expect(rowsPerPage).toBeLessThan(SESSIONS / 2);
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
  expect(kept.filter((n) => n < SESSIONS - rowsPerPage).length).toBeLessThanOrEqual(1);
});

it('keeps the whole schema on the first page, with room for more migrations', () => {
  // A schema spilling onto a second page would make that page's damage fatal to every table.
  expect(dbstat(dir, "SELECT count(*) FROM dbstat WHERE name = 'sqlite_schema'")).toBe(1);
  expect(dbstat(dir, 'SELECT sum(length(sql)) FROM sqlite_schema')).toBeLessThan(LIBRARY_PAGE_SIZE / 2);
});

it('rewrites a library made with 4 KB pages with the larger pages, keeping every row', async () => {
  const old = path.join(dir, 'old');
  fs.mkdirSync(old);
  fs.copyFileSync(file, path.join(old, 'library.db'));
  const pageSize = () => {
    const db = new Database(path.join(old, 'library.db'));
    try {
      return db.pragma('page_size', { simple: true });
    } finally {
      db.close();
    }
  };
  const db = new Database(path.join(old, 'library.db'));
  db.pragma('journal_mode = DELETE');
  db.pragma('page_size = 4096');
  db.exec('VACUUM');
  db.close();
  expect(pageSize()).toBe(4096);

  const library = openSqliteLibrary(old);
  expect((await library.list()).total).toBe(SESSIONS);
  await library.close();
  expect(pageSize()).toBe(LIBRARY_PAGE_SIZE);
  expect(fs.existsSync(path.join(dir, 'quarantine'))).toBe(false);
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
