/**
 * The local Guru's video records in PostgreSQL (DATABASE_URL): no cache, so every RepLens server
 * and analysis worker on the database sees the same record. Files stay in the shared DATA_DIR.
 */
import os from 'node:os';
import { createPool, describeUrl, migrate, transaction, type Tx } from '../../lib/postgres.ts';
import { awaitsOutcome, videoFiles, type VideoRecord, type VideoStore } from '../video-store.ts';
import { MIGRATIONS } from './migrations.ts';

export const LOCAL_GURU_SCHEMA = 'local_guru';

export interface PostgresVideoStoreOptions {
  /** Default local_guru; tests use a fresh one each. */
  schema?: string;
  max?: number;
}

export async function openPostgresVideoStore(url: string, root: string, options: PostgresVideoStoreOptions = {}): Promise<VideoStore> {
  const schema = options.schema ?? LOCAL_GURU_SCHEMA;
  const db = createPool(url, { schema, max: options.max ?? 6 }, 'local-guru');
  try {
    await migrate(db, MIGRATIONS, schema);
  } catch (error) {
    await db.end();
    throw new Error(`[local-guru] could not open the video records at ${describeUrl(url)}: ${(error as Error).message}`, { cause: error });
  }
  const me = `${os.hostname()}:${process.pid}`;

  const locked = async (tx: Tx, id: string) =>
    (await tx.query<{ record: VideoRecord }>('SELECT record FROM videos WHERE id = $1 FOR UPDATE', [id])).rows[0]?.record;
  const write = (tx: Tx, record: VideoRecord) => tx.query('UPDATE videos SET record = $2 WHERE id = $1', [record.id, record]);

  return {
    ...videoFiles(root),
    backend: 'postgres',
    async get(id) {
      return (await db.query<{ record: VideoRecord }>('SELECT record FROM videos WHERE id = $1', [id])).rows[0]?.record;
    },
    async unfinished() {
      const { rows } = await db.query<{ record: VideoRecord }>(
        `SELECT record FROM videos WHERE record->>'status' = 'Success'
           AND (record->'analysis'->>'status' = 'Pending' OR record->>'playback' = 'Preparing')`,
      );
      return rows.map((r) => r.record);
    },
    async save(record) {
      await db.query('INSERT INTO videos (id, record) VALUES ($1, $2) ON CONFLICT (id) DO UPDATE SET record = EXCLUDED.record', [record.id, record]);
    },
    update: (id, change) =>
      transaction(db, async (tx) => {
        const record = await locked(tx, id);
        if (!record) return undefined;
        change(record);
        await write(tx, record);
        return record;
      }),
    recordAnalysis: (id, run, change, by = me) =>
      transaction(db, async (tx) => {
        const record = await locked(tx, id);
        if (!awaitsOutcome(record, run)) return false;
        change(record!);
        await write(tx, record!);
        await tx.query('INSERT INTO analysis_outcomes (video_id, run, status, recorded_by) VALUES ($1, $2, $3, $4)', [id, run, record!.analysis.status, by]);
        return true;
      }),
    close: () => db.end(),
  };
}
