/**
 * Athletes as records: a stable id, a display name, and the folded key (athleteKey) that makes
 * "maya chen" and "Maya Chén" one person. Runs on the library's database.
 */
import type { Database } from 'better-sqlite3';
import { athleteKey, type AthleteSummary } from '../../src/contract/api.ts';

const SUMMARY = `SELECT a.id, a.name, COUNT(s.id) AS sessions, COALESCE(SUM(s.needs_review), 0) AS needsReview,
                        MAX(s.created_at) AS lastSessionAt
                 FROM athletes a LEFT JOIN sessions s ON s.athlete_id = a.id`;

export type RenameResult = { athlete: AthleteSummary } | { conflict: AthleteSummary } | { notFound: true };
export type MergeResult = { athlete: AthleteSummary } | { notFound: number } | { same: true };

export function athleteStore(db: Database) {
  const idByKey = db.prepare<[string], { id: number }>('SELECT id FROM athletes WHERE name_key = ?');
  const insert = db.prepare('INSERT INTO athletes (name, name_key, created_at) VALUES (?, ?, ?)');
  const summary = db.prepare<[number], AthleteSummary>(`${SUMMARY} WHERE a.id = ? GROUP BY a.id`);
  const all = db.prepare<[], AthleteSummary>(`${SUMMARY} GROUP BY a.id ORDER BY a.name_key, a.id`);
  const setName = db.prepare('UPDATE athletes SET name = ?, name_key = ? WHERE id = ?');
  const moveAll = db.prepare('UPDATE sessions SET athlete_id = ?, updated_at = ? WHERE athlete_id = ?');
  const removeOne = db.prepare('DELETE FROM athletes WHERE id = ?');
  const removeEmpty = db.prepare('DELETE FROM athletes WHERE NOT EXISTS (SELECT 1 FROM sessions WHERE athlete_id = athletes.id)');

  return {
    /** The id of the athlete a typed name means: an existing one whatever its case or accents, else a new one. */
    resolve(name: string): number {
      const key = athleteKey(name);
      const existing = idByKey.get(key);
      if (existing) return existing.id;
      return Number(insert.run(name, key, new Date().toISOString()).lastInsertRowid);
    },
    get: (id: number): AthleteSummary | undefined => summary.get(id),
    list: (): AthleteSummary[] => all.all(),
    /** A new spelling of the same key is a rename; a name another athlete has is a conflict (merge instead). */
    rename(id: number, name: string): RenameResult {
      if (!summary.get(id)) return { notFound: true };
      const key = athleteKey(name);
      const holder = idByKey.get(key);
      if (holder && holder.id !== id) return { conflict: summary.get(holder.id)! };
      setName.run(name, key, id);
      return { athlete: summary.get(id)! };
    },
    /** Every session of `from` goes to `into`; `from` is gone for good (its id is never reused). */
    merge(from: number, into: number): MergeResult {
      if (from === into) return { same: true };
      for (const id of [from, into]) if (!summary.get(id)) return { notFound: id };
      db.transaction(() => {
        moveAll.run(into, new Date().toISOString(), from);
        removeOne.run(from);
      })();
      return { athlete: summary.get(into)! };
    },
    /** An athlete is a name for sessions: with none left (moved or deleted) the record goes. */
    pruneEmpty() {
      removeEmpty.run();
    },
  };
}

export type AthleteStore = ReturnType<typeof athleteStore>;
