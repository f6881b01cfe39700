/** Athletes (athletes.ts) on PostgreSQL. Changes to who exists take one lock, as SQLite's single writer did. */
import { athleteKey, type AthleteSummary } from '../../../src/contract/api.ts';
import type { AthleteStore, MergeResult, RenameResult } from '../library-store.ts';
import { lockFor, transaction, type Db, type Queryable, type Tx } from './db.ts';

const SUMMARY = `SELECT a.id, a.name, COUNT(s.id) AS sessions, COALESCE(SUM(s.needs_review::int), 0) AS "needsReview",
                        MAX(s.created_at) AS "lastSessionAt", a.height_cm AS "heightCm", a.velocity_loss_pct AS "velocityLossPct"
                 FROM athletes a LEFT JOIN sessions s ON s.athlete_id = a.id`;

/**
 * Held by every step that makes, renames, merges or prunes athletes, so a new session is never
 * filed under an athlete another request is pruning at that moment.
 */
export const lockAthletes = (tx: Tx) => lockFor(tx, 'athletes');

async function summary(db: Queryable, id: number) {
  const { rows } = await db.query<AthleteSummary>(`${SUMMARY} WHERE a.id = $1 GROUP BY a.id`, [id]);
  return rows[0];
}

/** The id of the athlete a typed name means: an existing one whatever its case or accents, else a new one. */
export async function resolveAthlete(tx: Tx, name: string): Promise<number> {
  const key = athleteKey(name);
  const existing = await tx.query<{ id: number }>('SELECT id FROM athletes WHERE name_key = $1', [key]);
  if (existing.rows[0]) return existing.rows[0].id;
  const { rows } = await tx.query<{ id: number }>(
    'INSERT INTO athletes (name, name_key, created_at) VALUES ($1, $2, $3) RETURNING id',
    [name, key, new Date().toISOString()],
  );
  return rows[0].id;
}

/** An athlete is a name for sessions: with none left (moved or deleted) the record goes. */
export const pruneEmptyAthletes = (tx: Tx) =>
  tx.query('DELETE FROM athletes a WHERE NOT EXISTS (SELECT 1 FROM sessions s WHERE s.athlete_id = a.id)');

export function postgresAthleteStore(db: Db): AthleteStore {
  return {
    get: (id) => summary(db, id),
    async list() {
      const { rows } = await db.query<AthleteSummary>(`${SUMMARY} GROUP BY a.id ORDER BY a.name_key, a.id`);
      return rows;
    },
    rename: (id, name) =>
      transaction(db, async (tx): Promise<RenameResult> => {
        await lockAthletes(tx);
        if (!(await summary(tx, id))) return { notFound: true };
        const key = athleteKey(name);
        const holder = (await tx.query<{ id: number }>('SELECT id FROM athletes WHERE name_key = $1', [key])).rows[0];
        if (holder && holder.id !== id) return { conflict: (await summary(tx, holder.id))! };
        await tx.query('UPDATE athletes SET name = $1, name_key = $2 WHERE id = $3', [name, key, id]);
        return { athlete: (await summary(tx, id))! };
      }),
    async setNumbers(id, { heightCm, velocityLossPct }) {
      await db.query(
        `UPDATE athletes SET height_cm = CASE WHEN $2 THEN NULL ELSE COALESCE($3, height_cm) END,
                             velocity_loss_pct = COALESCE($4, velocity_loss_pct) WHERE id = $1`,
        [id, heightCm === null, heightCm ?? null, velocityLossPct ?? null],
      );
      return summary(db, id);
    },
    async merge(from, into): Promise<MergeResult> {
      if (from === into) return { same: true };
      return transaction(db, async (tx): Promise<MergeResult> => {
        await lockAthletes(tx);
        for (const id of [from, into]) if (!(await summary(tx, id))) return { notFound: id };
        await tx.query('UPDATE sessions SET athlete_id = $1, updated_at = $2 WHERE athlete_id = $3', [into, new Date().toISOString(), from]);
        await tx.query('DELETE FROM athletes WHERE id = $1', [from]);
        return { athlete: (await summary(tx, into))! };
      });
    },
  };
}
