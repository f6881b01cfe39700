/**
 * Moves the local Guru's video records from their JSON files (the embedded default) into the
 * PostgreSQL table, so videos analysed before a club moved to DATABASE_URL are still found. The
 * uploads and joint data stay where they are, in DATA_DIR.
 */
import fs from 'node:fs';
import type { Tx } from '../../lib/postgres.ts';
import { openFileVideoStore } from '../video-store.ts';

const SUFFIX = '.video.json';

/** Inside the caller's transaction, into the current schema's `videos` (migrated already); answers how many. */
export async function copyFileRecordsInto(tx: Tx, root: string): Promise<number> {
  const files = openFileVideoStore(root);
  const { rows } = await tx.query<{ n: number }>('SELECT count(*) AS n FROM videos');
  if (rows[0].n > 0) throw new Error(`the PostgreSQL local Guru already has ${rows[0].n} videos: copy into a new database`);
  let copied = 0;
  for (const name of fs.readdirSync(files.videoDir).filter((n) => n.endsWith(SUFFIX)).sort()) {
    // A record the store could not read was set aside when it opened, and is not copied.
    const record = await files.get(name.slice(0, -SUFFIX.length));
    if (!record) continue;
    await tx.query('INSERT INTO videos (id, record) VALUES ($1, $2)', [record.id, record]);
    copied++;
  }
  return copied;
}
