/**
 * Moves a RepLens that ran on one machine to PostgreSQL: the library (DATA_DIR/library.db) and
 * the local Guru's video records (DATA_DIR/local-guru) go into an empty database in one
 * transaction, all or nothing. The files (uploads, joint data, posters, keys) stay in DATA_DIR,
 * which the servers keep using. `npm run library:to-postgres` runs it.
 */
import path from 'node:path';
import { createPool, quoteIdent, transaction } from './lib/postgres.ts';
import { copyFileRecordsInto } from './local-guru/postgres/copy-records.ts';
import { LOCAL_GURU_SCHEMA, openPostgresVideoStore } from './local-guru/postgres/video-store.ts';
import { copySqliteLibraryInto } from './proxy/postgres/copy-from-sqlite.ts';
import { openPostgresLibrary } from './proxy/postgres/library.ts';

export interface MoveOptions {
  /** Where the library's tables go: by default the database user's default schema, as a server puts them. */
  librarySchema?: string;
  guruSchema?: string;
}

export async function moveToPostgres(dataDir: string, url: string, options: MoveOptions = {}) {
  const guruDir = path.join(dataDir, 'local-guru');
  const guruSchema = options.guruSchema ?? LOCAL_GURU_SCHEMA;
  // Each side makes its tables as a server's start would.
  await (await openPostgresLibrary(url, { schema: options.librarySchema, max: 1 })).close();
  await (await openPostgresVideoStore(url, guruDir, { schema: guruSchema, max: 1 })).close();
  const db = createPool(url, { max: 1 }, 'move');
  try {
    return await transaction(db, async (tx) => {
      const librarySchema = options.librarySchema ?? (await tx.query<{ s: string }>('SELECT current_schema() AS s')).rows[0].s;
      await tx.query(`SET LOCAL search_path TO ${quoteIdent(librarySchema)}`);
      const library = await copySqliteLibraryInto(tx, dataDir);
      await tx.query(`SET LOCAL search_path TO ${quoteIdent(guruSchema)}`);
      const videos = await copyFileRecordsInto(tx, guruDir);
      return { library, videos };
    });
  } finally {
    await db.end();
  }
}
