/**
 * The library (library.ts) on PostgreSQL, chosen by DATABASE_URL: the same sessions, athletes, rep
 * edits and accounts, for several RepLens servers on one database. Migrations run at open.
 */
import { athleteKey, sessionListQuerySchema, type Session, type SessionListQuery } from '../../../src/contract/api.ts';
import { realChanges, SESSION_COLUMNS, toSession, type LibraryStore, type SessionRow } from '../library-store.ts';
import { postgresAccountStore } from './account-store.ts';
import { lockAthletes, postgresAthleteStore, pruneEmptyAthletes, resolveAthlete } from './athletes.ts';
import { createPool, describeUrl, migrate, postgresRunner, transaction, type PoolOptions, type Queryable } from './db.ts';
import { feedbackStores } from '../feedback-store.ts';
import { postgresRepEditStore } from './rep-edits.ts';

/** The coach's version counts as edited while its newest save holds reps (not "back to detected"). */
const SELECT_SESSIONS = `SELECT s.*, a.name AS athlete, u.name AS uploaded_by,
  COALESCE((SELECT e.reps IS NOT NULL FROM rep_edits e WHERE e.video_id = s.id ORDER BY e.id DESC LIMIT 1), false) AS reps_edited
  FROM sessions s JOIN athletes a ON a.id = s.athlete_id LEFT JOIN accounts u ON u.id = s.created_by`;

async function sessions(db: Queryable, where: string, params: unknown[]): Promise<Session[]> {
  const { rows } = await db.query<SessionRow>(`${SELECT_SESSIONS} ${where}`, params);
  return rows.map(toSession);
}

export async function openPostgresLibrary(url: string, options: PoolOptions = {}): Promise<LibraryStore> {
  const db = createPool(url, options);
  try {
    await migrate(db, options.schema);
  } catch (error) {
    await db.end();
    throw new Error(`[library] could not open the PostgreSQL library at ${describeUrl(url)}: ${(error as Error).message}`, { cause: error });
  }

  const get = async (id: string, q: Queryable = db) => (await sessions(q, 'WHERE s.id = $1', [id]))[0];

  return {
    backend: 'postgres',
    athletes: postgresAthleteStore(db),
    repEdits: postgresRepEditStore(db),
    accounts: postgresAccountStore(db),
    ...feedbackStores(postgresRunner(db)),
    async add(session) {
      const now = new Date().toISOString();
      await transaction(db, async (tx) => {
        await lockAthletes(tx);
        await tx.query(
          `INSERT INTO sessions (id, athlete_id, filename, filename_key, size, domain, activity, expected_reps, status, created_at, updated_at, created_by)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'Uploading', $9, $9, $10)`,
          [session.id, await resolveAthlete(tx, session.athlete), session.filename, athleteKey(session.filename), session.size,
            session.domain, session.activity, session.expectedReps, now, session.createdBy ?? null],
        );
      });
      return (await get(session.id))!;
    },
    get: (id) => get(id),
    async update(id, change) {
      const current = await get(id);
      if (!current) return undefined;
      const entries = realChanges(current, change);
      if (entries.length === 0) return current;
      const sets = entries.map(([k], i) => `${SESSION_COLUMNS[k]} = $${i + 3}`).join(', ');
      await db.query(`UPDATE sessions SET ${sets}, updated_at = $2 WHERE id = $1`, [id, new Date().toISOString(), ...entries.map(([, v]) => v)]);
      return get(id);
    },
    async markEdited(id, by) {
      await db.query('UPDATE sessions SET edited_by = $1 WHERE id = $2', [by, id]);
    },
    async move(id, name) {
      const moved = await transaction(db, async (tx) => {
        await lockAthletes(tx);
        if (!(await tx.query('SELECT 1 FROM sessions WHERE id = $1 FOR UPDATE', [id])).rowCount) return false;
        await tx.query('UPDATE sessions SET athlete_id = $1, updated_at = $2 WHERE id = $3', [await resolveAthlete(tx, name), new Date().toISOString(), id]);
        await pruneEmptyAthletes(tx);
        return true;
      });
      return moved ? get(id) : undefined;
    },
    async list(query: SessionListQuery = {}) {
      const q = sessionListQuerySchema.parse(query);
      const where: string[] = [];
      const params: unknown[] = [];
      const param = (value: unknown) => `$${params.push(value)}`;
      if (q.athlete) where.push(`a.name_key = ${param(athleteKey(q.athlete))}`);
      if (q.athleteId) where.push(`s.athlete_id = ${param(q.athleteId)}`);
      if (q.activity) where.push(`s.activity = ${param(q.activity)}`);
      if (q.status) where.push(`s.status = ${param(q.status)}`);
      if (q.needsReview !== undefined) where.push(`s.needs_review = ${param(q.needsReview)}`);
      // strpos, not LIKE: the words need no escaping. Both keys are folded as athleteKey folds.
      for (const word of athleteKey(q.q ?? '').split(' ').filter(Boolean)) {
        where.push(`strpos(a.name_key || ' ' || s.filename_key, ${param(word)}) > 0`);
      }
      const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const filters = [...params];
      const page = `ORDER BY s.created_at DESC, s.seq DESC LIMIT ${param(q.limit)} OFFSET ${param(q.offset)}`;
      const [items, count] = await Promise.all([
        sessions(db, `${clause} ${page}`, params),
        db.query<{ total: number }>(`SELECT COUNT(*) AS total FROM sessions s JOIN athletes a ON a.id = s.athlete_id ${clause}`, filters),
      ]);
      return { items, total: count.rows[0].total };
    },
    analysedOf: (athleteId) => sessions(db, `WHERE s.athlete_id = $1 AND s.status = 'Complete' ORDER BY s.created_at, s.seq`, [athleteId]),
    unfinished: (limit = 100) => sessions(db, `WHERE s.status IN ('Uploading', 'Pending') ORDER BY s.created_at DESC LIMIT $1`, [limit]),
    delete: (id) =>
      transaction(db, async (tx) => {
        await lockAthletes(tx);
        const { rowCount } = await tx.query('DELETE FROM sessions WHERE id = $1', [id]);
        await pruneEmptyAthletes(tx);
        return (rowCount ?? 0) > 0;
      }),
    async close() {
      await db.end();
    },
  };
}
