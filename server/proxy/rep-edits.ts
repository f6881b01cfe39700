/**
 * The coach's versions of a set's reps, on the library's SQLite database. Guru's answer is never
 * overwritten: each save is a row (the whole set as the coach judged it, or null for "back to the
 * detected reps"), the newest row is what the coach sees, and undo removes it. The session's
 * `corrected_reps` follows the newest version so the library's counts and "needs review" do too;
 * `reps_version` counts saves and undos, so an edit made on a stale page is refused, not merged.
 */
import type { Database } from 'better-sqlite3';
import { coachRepSchema, type CoachRep, type CoachReps } from '../../src/contract/api.ts';
import type { RepEditStore, SaveResult } from './library-store.ts';

interface EditRow {
  id: number;
  reps: string | null;
  corrected_reps_before: number | null;
  created_at: string;
}

export const parseReps = (json: string | null): CoachRep[] | null => (json === null ? null : coachRepSchema.array().parse(JSON.parse(json)));

export function repEditStore(db: Database): RepEditStore {
  const newest = db.prepare<[string], EditRow>('SELECT * FROM rep_edits WHERE video_id = ? ORDER BY id DESC LIMIT 1');
  const version = db.prepare<[string], { reps_version: number; corrected_reps: number | null }>(
    'SELECT reps_version, corrected_reps FROM sessions WHERE id = ?',
  );
  const insert = db.prepare('INSERT INTO rep_edits (video_id, reps, corrected_reps_before, created_at, edited_by) VALUES (?, ?, ?, ?, ?)');
  const remove = db.prepare('DELETE FROM rep_edits WHERE id = ?');
  const removeAll = db.prepare('DELETE FROM rep_edits WHERE video_id = ?');
  const setSession = db.prepare(
    'UPDATE sessions SET corrected_reps = ?, reps_version = reps_version + 1, updated_at = ? WHERE id = ?',
  );
  const setEditedBy = db.prepare('UPDATE sessions SET edited_by = ? WHERE id = ?');

  function current(videoId: string): CoachReps | undefined {
    const session = version.get(videoId);
    if (!session) return undefined;
    const row = newest.get(videoId);
    return {
      version: session.reps_version,
      reps: row ? parseReps(row.reps) : null,
      editedAt: row?.created_at ?? null,
      canUndo: !!row,
    };
  }

  return {
    current: async (videoId) => current(videoId),
    async save(videoId, basedOn, reps, by = null) {
      return db.transaction((): SaveResult => {
        const session = version.get(videoId);
        if (!session) return { notFound: true };
        if (session.reps_version !== basedOn) return { stale: current(videoId)! };
        const now = new Date().toISOString();
        insert.run(videoId, reps === null ? null : JSON.stringify(reps), session.corrected_reps, now, by);
        setSession.run(reps?.length ?? null, now, videoId);
        setEditedBy.run(by, videoId);
        return { saved: current(videoId)! };
      })();
    },
    async undo(videoId, basedOn, by = null) {
      return db.transaction((): SaveResult => {
        const session = version.get(videoId);
        if (!session) return { notFound: true };
        if (session.reps_version !== basedOn) return { stale: current(videoId)! };
        const row = newest.get(videoId);
        if (!row) return { nothingToUndo: true };
        remove.run(row.id);
        setSession.run(row.corrected_reps_before, new Date().toISOString(), videoId);
        setEditedBy.run(by, videoId);
        return { saved: current(videoId)! };
      })();
    },
    async discard(videoId) {
      db.transaction(() => {
        if (removeAll.run(videoId).changes > 0) setSession.run(null, new Date().toISOString(), videoId);
      })();
    },
  };
}
