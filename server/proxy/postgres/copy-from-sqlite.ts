/**
 * Moves the embedded library (DATA_DIR/library.db) into an empty PostgreSQL library, so a coach
 * who started on one machine keeps every session, athlete, rep edit and account when the club
 * moves to a server. Table by table with ids kept, in one transaction: all or nothing.
 *
 * Generic over the schema, so a table added by a later migration is copied without a change
 * here: the columns both sides have are copied; a column only PostgreSQL has must be derived
 * (DERIVED) or have a default, else the copy stops and says which.
 */
import Database from 'better-sqlite3';
import { athleteKey } from '../../../src/contract/api.ts';
import { openSqliteLibrary } from '../library.ts';
import { createPool, migrate, transaction, type PoolOptions, type Tx } from './db.ts';

type Row = Record<string, unknown>;

/** PostgreSQL-only columns and how to make them from the SQLite row. */
const DERIVED: Record<string, Record<string, (row: Row) => unknown>> = {
  sessions: { filename_key: (row) => athleteKey(String(row.filename)) },
};

interface PgColumn {
  table_name: string;
  column_name: string;
  data_type: string;
  is_nullable: 'YES' | 'NO';
  column_default: string | null;
  is_identity: 'YES' | 'NO';
  is_generated: 'ALWAYS' | 'NEVER';
}

export type CopyResult = Record<string, number>;

const quote = (name: string) => `"${name.replaceAll('"', '""')}"`;
const ROWS_PER_INSERT = 500;

/** Copies `dataDir`'s library into the PostgreSQL database at `url`; the count of rows per table. */
export async function copySqliteLibrary(dataDir: string, url: string, options: PoolOptions = {}): Promise<CopyResult> {
  const db = createPool(url, { ...options, max: 1 });
  try {
    await migrate(db, options.schema);
    return await transaction(db, (tx) => copySqliteLibraryInto(tx, dataDir));
  } finally {
    await db.end();
  }
}

/** The copy itself, inside the caller's transaction, into the tables of the current schema (migrated already). */
export async function copySqliteLibraryInto(tx: Tx, dataDir: string): Promise<CopyResult> {
  // Opening it brings an older library.db up to the newest schema first (and sets a damaged one aside).
  await openSqliteLibrary(dataDir).close();
  const sqlite = new Database(`${dataDir}/library.db`, { readonly: true, fileMustExist: true });
  try {
    const tables = await tablesInDependencyOrder(tx);
    for (const table of tables) {
      const { rows } = await tx.query<{ n: number }>(`SELECT count(*) AS n FROM ${quote(table)}`);
      if (rows[0].n > 0) throw new Error(`the PostgreSQL library is not empty (${table} has ${rows[0].n} rows): copy into a new database`);
    }
    const columns = await pgColumns(tx);
    const result: CopyResult = {};
    for (const table of tables) result[table] = await copyTable(sqlite, tx, table, columns.filter((c) => c.table_name === table));
    return result;
  } finally {
    sqlite.close();
  }
}

async function copyTable(sqlite: Database.Database, tx: Tx, table: string, columns: PgColumn[]) {
  const sqliteColumns = new Set((sqlite.pragma(`table_xinfo(${quote(table)})`) as { name: string; hidden: number }[]).filter((c) => c.hidden === 0).map((c) => c.name));
  if (sqliteColumns.size === 0) throw new Error(`library.db has no table ${table}: is it older than this RepLens? Start RepLens on it once first`);
  const derived = DERIVED[table] ?? {};
  const copied = columns.filter((c) => c.is_generated === 'NEVER' && (sqliteColumns.has(c.column_name) || derived[c.column_name]));
  for (const c of columns) {
    const filled = copied.includes(c) || c.is_generated === 'ALWAYS' || c.is_identity === 'YES' || c.column_default !== null || c.is_nullable === 'YES';
    if (!filled) throw new Error(`${table}.${c.column_name} is only in PostgreSQL and has no way to be filled: add it to DERIVED in copy-from-sqlite.ts`);
  }
  // In order of arrival, so PostgreSQL's own sequence numbers (sessions.seq) keep SQLite's order.
  const rows = sqlite.prepare(`SELECT * FROM ${quote(table)} ORDER BY rowid`).all() as Row[];
  const names = copied.map((c) => c.column_name);
  const identity = copied.some((c) => c.is_identity === 'YES') ? ' OVERRIDING SYSTEM VALUE' : '';
  for (let at = 0; at < rows.length; at += ROWS_PER_INSERT) {
    const batch = rows.slice(at, at + ROWS_PER_INSERT);
    const values: unknown[] = [];
    const tuples = batch.map((row) => {
      const cells = copied.map((c) => {
        const value = derived[c.column_name] ? derived[c.column_name](row) : row[c.column_name];
        values.push(c.data_type === 'boolean' && typeof value === 'number' ? value !== 0 : value);
        return `$${values.length}`;
      });
      return `(${cells.join(', ')})`;
    });
    await tx.query(`INSERT INTO ${quote(table)} (${names.map(quote).join(', ')})${identity} VALUES ${tuples.join(', ')}`, values);
  }
  // New ids continue after the highest SQLite ever gave (AUTOINCREMENT): a merged-away athlete's id is never reused.
  for (const c of copied.filter((col) => col.is_identity === 'YES')) {
    const given = hasSequenceTable(sqlite) ? (sqlite.prepare('SELECT seq FROM sqlite_sequence WHERE name = ?').get(table) as { seq: number } | undefined)?.seq ?? 0 : 0;
    await tx.query(
      `SELECT setval(pg_get_serial_sequence($1, $2), GREATEST($3::bigint, (SELECT COALESCE(max(${quote(c.column_name)}), 0) FROM ${quote(table)}), 1), $4)`,
      [quote(table), c.column_name, given, rows.length > 0 || given > 0],
    );
  }
  return rows.length;
}

const hasSequenceTable = (sqlite: Database.Database) => !!sqlite.prepare("SELECT 1 FROM sqlite_master WHERE name = 'sqlite_sequence'").get();

async function pgColumns(tx: Tx) {
  const { rows } = await tx.query<PgColumn>(
    `SELECT table_name, column_name, data_type, is_nullable, column_default, is_identity, is_generated
     FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
  );
  return rows;
}

/** The schema's tables, each after the tables its foreign keys point to. */
async function tablesInDependencyOrder(tx: Tx) {
  const { rows: tables } = await tx.query<{ name: string }>(
    `SELECT table_name AS name FROM information_schema.tables
     WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name <> 'schema_migrations' ORDER BY 1`,
  );
  const { rows: refs } = await tx.query<{ child: string; parent: string }>(
    `SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent
     FROM pg_constraint c WHERE c.contype = 'f' AND c.connamespace = current_schema()::regnamespace`,
  );
  const bare = (name: string) => name.replace(/^.*\./, '').replaceAll('"', '');
  const ordered: string[] = [];
  const visit = (name: string, path: string[]) => {
    if (ordered.includes(name) || path.includes(name)) return;
    for (const r of refs) if (bare(r.child) === name && bare(r.parent) !== name) visit(bare(r.parent), [...path, name]);
    ordered.push(name);
  };
  for (const t of tables) visit(t.name, []);
  return ordered;
}
