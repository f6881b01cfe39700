/**
 * Athletes as records: a stable id, a display name, and the folded key (athleteKey) that makes
 * "maya chen" and "Maya Chén" one person. Runs on the library's SQLite database.
 */
import type { Database } from 'better-sqlite3';
import { athleteKey, type AthleteSummary } from '../../src/contract/api.ts';
import type { AthleteStore, MergeResult, RenameResult } from './library-store.ts';

const SUMMARY = `SELECT a.id, a.name, COUNT(s.id) AS sessions, COALESCE(SUM(s.needs_review), 0) AS needsReview,
                        MAX(s.created_at) AS lastSessionAt, a.height_cm AS heightCm, a.velocity_loss_pct AS velocityLossPct
                 FROM athletes a LEFT JOIN sessions s ON s.athlete_id = a.id`;

/** The AthleteStore, plus the synchronous steps the library runs inside its own transactions. */
export function athleteStore(db: Database): AthleteStore & { resolve(name: string): number; pruneEmpty(): void } {
  const idByKey = db.prepare<[string], { id: number }>('SELECT id FROM athletes WHERE name_key = ?');
  const insert = db.prepare('INSERT INTO athletes (name, name_key, created_at) VALUES (?, ?, ?)');
  const summary = db.prepare<[number], AthleteSummary>(`${SUMMARY} WHERE a.id = ? GROUP BY a.id`);
  const all = db.prepare<[], AthleteSummary>(`${SUMMARY} GROUP BY a.id ORDER BY a.name_key, a.id`);
  const setName = db.prepare('UPDATE athletes SET name = ?, name_key = ? WHERE id = ?');
  const setNumbers = db.prepare('UPDATE athletes SET height_cm = COALESCE(@heightCm, height_cm), velocity_loss_pct = COALESCE(@velocityLossPct, velocity_loss_pct) WHERE id = @id');
  const clearHeight = db.prepare('UPDATE athletes SET height_cm = NULL WHERE id = ?');
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
    get: async (id) => summary.get(id),
    list: async () => all.all(),
    async rename(id, name): Promise<RenameResult> {
      if (!summary.get(id)) return { notFound: true };
      const key = athleteKey(name);
      const holder = idByKey.get(key);
      if (holder && holder.id !== id) return { conflict: summary.get(holder.id)! };
      setName.run(name, key, id);
      return { athlete: summary.get(id)! };
    },
    async setNumbers(id, { heightCm, velocityLossPct }) {
      db.transaction(() => {
        if (heightCm === null) clearHeight.run(id);
        setNumbers.run({ id, heightCm: heightCm ?? null, velocityLossPct: velocityLossPct ?? null });
      })();
      return summary.get(id);
    },
    async merge(from, into): Promise<MergeResult> {
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
