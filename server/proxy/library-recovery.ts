/**
 * Opening the library's SQLite file when it may be damaged (a bad disk, a bad copy, a restore gone
 * wrong): one garbage page must not stop the server or break every later query. A damaged file is
 * named in the log, moved to DATA_DIR/quarantine for a person to look at, and replaced by a new
 * file holding every row SQLite can still read from it.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

/** A WAL file starts with one of these two magic numbers (sqlite.org/fileformat2.html#walformat). */
const WAL_MAGIC = new Set([0x377f0682, 0x377f0683]);
/** Only these mean the file itself is bad; anything else (busy, permissions, disk full) is thrown. */
const DAMAGE_CODES = new Set(['SQLITE_CORRUPT', 'SQLITE_NOTADB']);

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const stamp = () => new Date().toISOString().replace(/[:.]/g, '-');

function moveTo(quarantine: string, file: string, name: string) {
  fs.mkdirSync(quarantine, { recursive: true });
  const target = path.join(quarantine, name);
  fs.renameSync(file, target);
  return target;
}

/** A WAL whose header is not SQLite's would be dropped silently by SQLite: set it aside and say so. */
function setAsideGarbageWal(file: string, quarantine: string) {
  const wal = `${file}-wal`;
  if (!fs.existsSync(wal) || fs.statSync(wal).size === 0) return;
  const header = Buffer.alloc(4);
  const fd = fs.openSync(wal, 'r');
  const read = fs.readSync(fd, header, 0, 4, 0);
  fs.closeSync(fd);
  if (read === 4 && WAL_MAGIC.has(header.readUInt32BE(0))) return;
  const moved = moveTo(quarantine, wal, `${path.basename(wal)}-${stamp()}`);
  fs.rmSync(`${file}-shm`, { force: true });
  console.error(`[library] ${wal} is not a SQLite WAL file (garbage header); moved it to ${moved}. The library keeps what ${file} holds.`);
}

/** Why the file cannot be used as it is, or undefined when it is sound. */
function damage(file: string): string | undefined {
  let db: Database.Database | undefined;
  try {
    db = new Database(file);
    const check = db.pragma('quick_check', { simple: true }) as string;
    // The first line may only say which database ("*** in database main ***").
    return check === 'ok' ? undefined : check.split('\n').find((line) => !line.startsWith('***')) ?? check;
  } catch (error) {
    if (!DAMAGE_CODES.has((error as { code?: string }).code ?? '')) throw error;
    return (error as Error).message;
  } finally {
    db?.close();
  }
}

/** Every row of `table` that SQLite can still read, copied from `from` into `into`; answers how many. */
function copyRows(from: Database.Database, into: Database.Database, table: string) {
  // table_info leaves out generated columns, which cannot be written.
  const names = (from.pragma(`table_info(${quote(table)})`) as { name: string }[]).map((c) => quote(c.name));
  const columns = names.join(', ');
  const insert = into.prepare(`INSERT OR IGNORE INTO ${quote(table)} (${columns}) VALUES (${names.map(() => '?').join(', ')})`);
  let copied = 0;
  let lastRowid = 0;
  const copy = ([rowid, ...values]: unknown[]) => {
    lastRowid = Number(rowid);
    try {
      copied += insert.run(values).changes;
    } catch {
      // A row that no longer fits the schema (garbage read as data) is left behind.
    }
  };
  try {
    for (const row of from.prepare(`SELECT rowid, ${columns} FROM ${quote(table)} ORDER BY rowid`).raw().iterate()) copy(row as unknown[]);
    return copied;
  } catch {
    // A damaged page: go on past it one rowid at a time, up to the largest rowid the file can hold.
  }
  // Bounded whatever the damage says: no row of this library is under 16 bytes, so no page holds more than page_size / 16.
  const rowsPerPage = (from.pragma('page_size', { simple: true }) as number) / 16;
  let last = lastRowid + (from.pragma('page_count', { simple: true }) as number) * rowsPerPage;
  try {
    last = Math.min(last, Number(from.prepare(`SELECT max(rowid) FROM ${quote(table)}`).pluck().get() ?? 0));
  } catch {
    // The last page is the damaged one.
  }
  const byRowid = from.prepare(`SELECT rowid, ${columns} FROM ${quote(table)} WHERE rowid = ?`).raw();
  for (let rowid = lastRowid + 1; rowid <= last; rowid++) {
    try {
      const row = byRowid.get(rowid) as unknown[] | undefined;
      if (row) copy(row);
    } catch {
      // This row sits on a damaged page.
    }
  }
  return copied;
}

/** Builds `file` anew from what the quarantined `source` still holds: its schema, its rows, its version. */
function salvage(source: string, file: string) {
  const counts: Record<string, number> = {};
  let from: Database.Database | undefined;
  const into = new Database(file);
  try {
    from = new Database(source, { readonly: true, fileMustExist: true });
    const schema = from.prepare("SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'").all() as {
      type: string;
      name: string;
      sql: string;
    }[];
    // Rows go in table by table, in any order; the library checks what they refer to afterwards.
    into.pragma('foreign_keys = OFF');
    into.transaction(() => {
      for (const t of schema.filter((s) => s.type === 'table')) into.exec(t.sql);
      for (const t of schema.filter((s) => s.type === 'table')) counts[t.name] = copyRows(from!, into, t.name);
      // Indexes after the rows; a unique index the salvaged rows break is left out rather than failing the start.
      for (const entry of schema.filter((s) => s.type !== 'table')) {
        try {
          into.exec(entry.sql);
        } catch (error) {
          console.error(`[library] could not recreate ${entry.type} ${entry.name}: ${(error as Error).message}`);
        }
      }
      // AUTOINCREMENT counters, so an id given out before is never given again.
      try {
        for (const { name, seq } of from!.prepare('SELECT name, seq FROM sqlite_sequence').all() as { name: string; seq: number }[]) {
          into.prepare('DELETE FROM sqlite_sequence WHERE name = ?').run(name);
          into.prepare(`INSERT INTO sqlite_sequence (name, seq) VALUES (?, max(?, (SELECT ifnull(max(rowid), 0) FROM ${quote(name)})))`).run(name, seq);
        }
      } catch {
        // No counters readable: SQLite goes on from the largest id present.
      }
      into.pragma(`user_version = ${from!.pragma('user_version', { simple: true }) as number}`);
    })();
  } catch (error) {
    console.error(`[library] nothing could be read from ${source} (${(error as Error).message}): starting an empty library`);
  } finally {
    from?.close();
    into.close();
    // A read-only open of a WAL-mode file leaves an index and an empty WAL beside it: not evidence.
    fs.rmSync(`${source}-shm`, { force: true });
    if (fs.existsSync(`${source}-wal`) && fs.statSync(`${source}-wal`).size === 0) fs.rmSync(`${source}-wal`);
  }
  return counts;
}

/**
 * Makes `file` safe to open: a garbage WAL is set aside, a damaged database is quarantined and
 * rebuilt from its readable rows. Answers the rows recovered per table when it had to rebuild.
 */
export function recoverLibraryFile(file: string, quarantine: string): Record<string, number> | undefined {
  if (!fs.existsSync(file)) return undefined;
  setAsideGarbageWal(file, quarantine);
  const problem = damage(file);
  if (!problem) return undefined;
  const name = `${path.basename(file, '.db')}-${stamp()}.db`;
  const moved = moveTo(quarantine, file, name);
  if (fs.existsSync(`${file}-wal`)) moveTo(quarantine, `${file}-wal`, `${name}-wal`);
  fs.rmSync(`${file}-shm`, { force: true });
  const counts = salvage(moved, file);
  const kept = Object.entries(counts).map(([table, n]) => `${n} ${table}`).join(', ') || 'nothing';
  console.error(`[library] ${file} is damaged (${problem}); moved it to ${moved} and started a new library with what it still held: ${kept}`);
  return counts;
}
