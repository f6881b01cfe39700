/**
 * The library backends the storage tests run on: SQLite always, PostgreSQL when TEST_DATABASE_URL
 * names a database to use (`bash .ci/run` starts a throwaway one). Each test gets a fresh
 * library: a new DATA_DIR, or a new schema that is dropped afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { describe } from 'vitest';
import { freshSchema, notePostgresSkipped, TEST_DATABASE_URL } from '../lib/test-postgres.ts';
import { openSqliteLibrary } from './library.ts';
import type { LibraryStore } from './library-store.ts';
import { openPostgresLibrary } from './postgres/library.ts';

export interface TestLibrary {
  library: LibraryStore;
  /** Every byte the backend keeps of these tables, as text: to show what is never stored. */
  storedText(tables: string[]): Promise<string>;
  /** Closes the library and throws its data away. */
  close(): Promise<void>;
}

export interface TestBackend {
  name: 'sqlite' | 'postgres';
  available: boolean;
  open(): Promise<TestLibrary>;
}

const sqlite: TestBackend = {
  name: 'sqlite',
  available: true,
  async open() {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replens-store-'));
    const library = openSqliteLibrary(dir);
    return {
      library,
      async storedText() {
        const file = path.join(dir, 'library.db');
        return [file, `${file}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f).toString('latin1')).join('');
      },
      async close() {
        await library.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    };
  },
};

const postgres: TestBackend = {
  name: 'postgres',
  available: !!TEST_DATABASE_URL,
  async open() {
    const { schema, drop } = await freshSchema();
    const library = await openPostgresLibrary(TEST_DATABASE_URL!, { schema, max: 4 });
    return {
      library,
      async storedText(tables) {
        const admin = new pg.Client({ connectionString: TEST_DATABASE_URL });
        await admin.connect();
        try {
          const texts = await Promise.all(tables.map(async (t) => (await admin.query(`SELECT t::text AS row FROM ${schema}.${t} t`)).rows.map((r: { row: string }) => r.row)));
          return texts.flat().join('\n');
        } finally {
          await admin.end();
        }
      },
      async close() {
        await library.close();
        await drop();
      },
    };
  },
};

export const backends: TestBackend[] = [sqlite, postgres];

/** Runs `suite` once per backend; a backend that is not available is skipped, with a note. */
export function describeEachBackend(suite: (backend: TestBackend) => void) {
  notePostgresSkipped();
  for (const backend of backends) describe.skipIf(!backend.available)(`on ${backend.name}`, () => suite(backend));
}
