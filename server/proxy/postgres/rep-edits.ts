/** The coach's versions of a set's reps (rep-edits.ts) on PostgreSQL; the session row is locked while a save decides. */
import type { CoachReps } from '../../../src/contract/api.ts';
import type { RepEditStore, SaveResult } from '../library-store.ts';
import { parseReps } from '../rep-edits.ts';
import { transaction, type Db, type Queryable, type Tx } from './db.ts';

interface EditRow {
  id: number;
  reps: string | null;
  corrected_reps_before: number | null;
  created_at: string;
}
interface VersionRow {
  reps_version: number;
  corrected_reps: number | null;
}

const newest = async (db: Queryable, videoId: string) =>
  (await db.query<EditRow>('SELECT * FROM rep_edits WHERE video_id = $1 ORDER BY id DESC LIMIT 1', [videoId])).rows[0];

/** The session's version, locked to the end of the transaction so two saves on one version cannot both win. */
const lockVersion = async (tx: Tx, videoId: string) =>
  (await tx.query<VersionRow>('SELECT reps_version, corrected_reps FROM sessions WHERE id = $1 FOR UPDATE', [videoId])).rows[0];

const setSession = (tx: Tx, videoId: string, correctedReps: number | null, by: number | null) =>
  tx.query('UPDATE sessions SET corrected_reps = $1, reps_version = reps_version + 1, updated_at = $2, edited_by = $3 WHERE id = $4', [
    correctedReps,
    new Date().toISOString(),
    by,
    videoId,
  ]);

async function current(db: Queryable, videoId: string): Promise<CoachReps | undefined> {
  const session = (await db.query<VersionRow>('SELECT reps_version FROM sessions WHERE id = $1', [videoId])).rows[0];
  if (!session) return undefined;
  const row = await newest(db, videoId);
  return { version: session.reps_version, reps: row ? parseReps(row.reps) : null, editedAt: row?.created_at ?? null, canUndo: !!row };
}

export function postgresRepEditStore(db: Db): RepEditStore {
  return {
    current: (videoId) => current(db, videoId),
    save: (videoId, basedOn, reps, by = null) =>
      transaction(db, async (tx): Promise<SaveResult> => {
        const session = await lockVersion(tx, videoId);
        if (!session) return { notFound: true };
        if (session.reps_version !== basedOn) return { stale: (await current(tx, videoId))! };
        await tx.query('INSERT INTO rep_edits (video_id, reps, corrected_reps_before, created_at, edited_by) VALUES ($1, $2, $3, $4, $5)', [
          videoId,
          reps === null ? null : JSON.stringify(reps),
          session.corrected_reps,
          new Date().toISOString(),
          by,
        ]);
        await setSession(tx, videoId, reps?.length ?? null, by);
        return { saved: (await current(tx, videoId))! };
      }),
    undo: (videoId, basedOn, by = null) =>
      transaction(db, async (tx): Promise<SaveResult> => {
        const session = await lockVersion(tx, videoId);
        if (!session) return { notFound: true };
        if (session.reps_version !== basedOn) return { stale: (await current(tx, videoId))! };
        const row = await newest(tx, videoId);
        if (!row) return { nothingToUndo: true };
        await tx.query('DELETE FROM rep_edits WHERE id = $1', [row.id]);
        await setSession(tx, videoId, row.corrected_reps_before, by);
        return { saved: (await current(tx, videoId))! };
      }),
    discard: (videoId) =>
      transaction(db, async (tx) => {
        await lockVersion(tx, videoId);
        const { rowCount } = await tx.query('DELETE FROM rep_edits WHERE video_id = $1', [videoId]);
        if (rowCount) {
          await tx.query('UPDATE sessions SET corrected_reps = NULL, reps_version = reps_version + 1, updated_at = $1 WHERE id = $2', [
            new Date().toISOString(),
            videoId,
          ]);
        }
      }),
  };
}
