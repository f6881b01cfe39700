/**
 * The coach's library: every session uploaded through this dashboard (Guru has no list call).
 * The embedded backend of LibraryStore: SQLite in DATA_DIR with WAL and numbered migrations
 * (postgres/library.ts is the other one); updated as the proxy sees Guru's answers.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Session, SessionListQuery } from '../../src/contract/api.ts';
import { athleteKey, sessionListQuerySchema } from '../../src/contract/api.ts';
import { athleteStore } from './athletes.ts';
import { sqliteAccountStore } from './account-store.ts';
import { recoverLibraryFile } from './library-recovery.ts';
import {
  realChanges,
  SESSION_COLUMNS,
  toSession,
  type LibraryStore,
  type NewSession,
  type SessionChange,
  type SessionRow,
} from './library-store.ts';
import { feedbackStores } from './feedback-store.ts';
import { repEditStore } from './rep-edits.ts';
import { sqliteRunner } from './sql-runner.ts';

/** SQLite's migrations; PostgreSQL has its own list (postgres/migrations.ts says why): a change goes in both. */
export const MIGRATIONS = [
  `CREATE TABLE sessions (
     id TEXT PRIMARY KEY,
     athlete TEXT NOT NULL,
     filename TEXT NOT NULL,
     size INTEGER NOT NULL,
     domain TEXT,
     activity TEXT,
     expected_reps INTEGER,
     corrected_reps INTEGER,
     reps_found INTEGER,
     status TEXT NOT NULL,
     reason TEXT,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL
   );
   CREATE INDEX sessions_athlete ON sessions (athlete COLLATE NOCASE, created_at DESC);
   CREATE INDEX sessions_created ON sessions (created_at DESC);`,
  // SQLite's NOCASE folds ASCII only: search on a key folded in JS (athleteKey) instead.
  `ALTER TABLE sessions ADD COLUMN athlete_key TEXT;
   UPDATE sessions SET athlete_key = athlete_key(athlete);
   CREATE INDEX sessions_athlete_key ON sessions (athlete_key, created_at DESC);`,
  // Athletes become records with stable ids (AUTOINCREMENT: a merged-away id is never reused).
  // Existing names that fold to one key become one athlete, named as on its newest session.
  `CREATE TABLE athletes (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     name TEXT NOT NULL,
     name_key TEXT NOT NULL UNIQUE,
     created_at TEXT NOT NULL
   );
   INSERT INTO athletes (name, name_key, created_at)
     SELECT (SELECT s.athlete FROM sessions s WHERE athlete_key(s.athlete) = k.key ORDER BY s.created_at DESC, s.rowid DESC LIMIT 1),
            k.key, k.first
     FROM (SELECT athlete_key(athlete) AS key, MIN(created_at) AS first FROM sessions GROUP BY 1) k
     ORDER BY k.first;
   ALTER TABLE sessions ADD COLUMN athlete_id INTEGER REFERENCES athletes (id);
   UPDATE sessions SET athlete_id = (SELECT id FROM athletes WHERE name_key = athlete_key(sessions.athlete));
   DROP INDEX sessions_athlete;
   DROP INDEX sessions_athlete_key;
   ALTER TABLE sessions DROP COLUMN athlete;
   ALTER TABLE sessions DROP COLUMN athlete_key;
   CREATE INDEX sessions_athlete_id ON sessions (athlete_id, created_at DESC);
   ALTER TABLE sessions ADD COLUMN needs_review INTEGER GENERATED ALWAYS AS (
     status = 'Complete' AND expected_reps IS NOT NULL AND corrected_reps IS NULL
     AND reps_found IS NOT NULL AND reps_found <> expected_reps
   ) VIRTUAL;`,
  // The coach's versions of a set's reps (rep-edits.ts): every save is kept, so undo is a pop.
  // Needs review also holds sets with a "check this rep", until the coach corrects the set.
  `CREATE TABLE rep_edits (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     video_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
     reps TEXT,
     corrected_reps_before INTEGER,
     created_at TEXT NOT NULL
   );
   CREATE INDEX rep_edits_video ON rep_edits (video_id, id);
   ALTER TABLE sessions ADD COLUMN reps_version INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE sessions ADD COLUMN low_confidence_reps INTEGER;
   ALTER TABLE sessions DROP COLUMN needs_review;
   ALTER TABLE sessions ADD COLUMN needs_review INTEGER GENERATED ALWAYS AS (
     status = 'Complete' AND corrected_reps IS NULL AND (
       (expected_reps IS NOT NULL AND reps_found IS NOT NULL AND reps_found <> expected_reps)
       OR COALESCE(low_confidence_reps, 0) > 0)
   ) VIRTUAL;`,
  // Coach accounts (account-store.ts) and who did what; the *_by columns stay null in open and
  // single-password mode. Only hashes of invite tokens and session ids are kept.
  `CREATE TABLE accounts (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     email TEXT NOT NULL UNIQUE,
     name TEXT NOT NULL,
     role TEXT NOT NULL CHECK (role IN ('admin', 'coach')),
     password_hash TEXT NOT NULL,
     disabled_at TEXT,
     created_at TEXT NOT NULL
   );
   CREATE TABLE invites (
     id INTEGER PRIMARY KEY AUTOINCREMENT,
     token_hash TEXT NOT NULL UNIQUE,
     email TEXT NOT NULL,
     created_by INTEGER REFERENCES accounts (id),
     created_at TEXT NOT NULL,
     expires_at TEXT NOT NULL,
     used_at TEXT,
     used_by INTEGER REFERENCES accounts (id),
     revoked_at TEXT
   );
   CREATE TABLE account_sessions (
     id_hash TEXT PRIMARY KEY,
     account_id INTEGER NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
     created_at TEXT NOT NULL,
     expires_at TEXT NOT NULL
   );
   CREATE INDEX account_sessions_account ON account_sessions (account_id);
   ALTER TABLE sessions ADD COLUMN created_by INTEGER REFERENCES accounts (id);
   ALTER TABLE sessions ADD COLUMN edited_by INTEGER REFERENCES accounts (id);
   ALTER TABLE rep_edits ADD COLUMN edited_by INTEGER REFERENCES accounts (id);`,
  // Feedback on a video (feedback-store.ts): notes and drawings (body: the note's text, or the
  // drawing's shape as the contract's JSON) and read-only share links (only the token's sha256 is
  // kept). Terse: SQLite keeps this text in its schema, which must stay within the file's first
  // page for a damaged library to be salvaged (LIBRARY_PAGE_SIZE, library-recovery.test.ts).
  `CREATE TABLE feedback (id INTEGER PRIMARY KEY AUTOINCREMENT, video_id TEXT NOT NULL REFERENCES sessions ON DELETE CASCADE, kind TEXT NOT NULL, time_ms INTEGER NOT NULL, rep INTEGER, body TEXT NOT NULL, created_by INTEGER REFERENCES accounts, created_at TEXT NOT NULL, updated_at TEXT NOT NULL);
   CREATE INDEX feedback_video ON feedback (video_id, time_ms);
   CREATE TABLE shares (id INTEGER PRIMARY KEY AUTOINCREMENT, token_hash TEXT NOT NULL UNIQUE, video_id TEXT NOT NULL REFERENCES sessions ON DELETE CASCADE, kind TEXT NOT NULL, compare_query TEXT, created_by INTEGER REFERENCES accounts, created_at TEXT NOT NULL, expires_at TEXT NOT NULL, revoked_at TEXT);`,
  // The athlete's height (velocity in m/s) and velocity-loss threshold (velocity.ts).
  `ALTER TABLE athletes ADD COLUMN height_cm REAL;
   ALTER TABLE athletes ADD COLUMN velocity_loss_pct REAL NOT NULL DEFAULT 20;`,
  // A compare link's second video (its first is video_id): deleting either ends the link.
  `ALTER TABLE shares ADD COLUMN compare_video_id TEXT REFERENCES sessions ON DELETE CASCADE;`,
];

/** The coach's version counts as edited while its newest save holds reps (not "back to detected"). */
const SELECT_SESSIONS = `SELECT s.*, a.name AS athlete, u.name AS uploaded_by,
  COALESCE((SELECT e.reps IS NOT NULL FROM rep_edits e WHERE e.video_id = s.id ORDER BY e.id DESC LIMIT 1), 0) AS reps_edited
  FROM sessions s JOIN athletes a ON a.id = s.athlete_id LEFT JOIN accounts u ON u.id = s.created_by`;

/**
 * SQLite keeps every CREATE statement in its schema table, and a damaged library can only be
 * salvaged while that table sits whole on the first page (library-recovery.ts): 16 KB pages leave
 * the schema four times the room SQLite's 4 KB default did.
 */
export const LIBRARY_PAGE_SIZE = 16_384;

/** A library made with smaller pages is rewritten once with LIBRARY_PAGE_SIZE (VACUUM cannot change it in WAL mode). */
function usePageSize(db: Database.Database) {
  if (db.pragma('page_size', { simple: true }) === LIBRARY_PAGE_SIZE) return;
  db.pragma('journal_mode = DELETE');
  db.pragma(`page_size = ${LIBRARY_PAGE_SIZE}`);
  db.exec('VACUUM');
}

/** The library in DATA_DIR/library.db: damaged files are set aside first, then migrations run. */
export function openSqliteLibrary(dataDir: string): LibraryStore {
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'library.db');
  const recovered = recoverLibraryFile(file, path.join(dataDir, 'quarantine'));
  const db = new Database(file);
  db.pragma('busy_timeout = 5000');
  usePageSize(db);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.function('athlete_key', { deterministic: true }, (name) => athleteKey(String(name)));
  const version = db.pragma('user_version', { simple: true }) as number;
  for (let v = version; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
  if (recovered) {
    // Sessions whose athlete was on a lost page stay listed, under a name the coach can change.
    db.prepare(
      `INSERT INTO athletes (id, name, name_key, created_at)
       SELECT s.athlete_id, 'Recovered athlete ' || s.athlete_id, athlete_key('Recovered athlete ' || s.athlete_id), MIN(s.created_at)
       FROM sessions s LEFT JOIN athletes a ON a.id = s.athlete_id WHERE a.id IS NULL GROUP BY s.athlete_id`,
    ).run();
  }

  const athletes = athleteStore(db);
  const insert = db.prepare(
    `INSERT INTO sessions (id, athlete_id, filename, size, domain, activity, expected_reps, status, created_at, updated_at, created_by)
     VALUES (@id, @athleteId, @filename, @size, @domain, @activity, @expectedReps, 'Uploading', @now, @now, @createdBy)`,
  );
  const byId = db.prepare<[string], SessionRow>(`${SELECT_SESSIONS} WHERE s.id = ?`);
  const remove = db.prepare('DELETE FROM sessions WHERE id = ?');
  const unfinished = db.prepare<[number], SessionRow>(
    `${SELECT_SESSIONS} WHERE s.status IN ('Uploading', 'Pending') ORDER BY s.created_at DESC LIMIT ?`,
  );
  const setAthlete = db.prepare('UPDATE sessions SET athlete_id = ?, updated_at = ? WHERE id = ?');
  const analysedOf = db.prepare<[number], SessionRow>(
    `${SELECT_SESSIONS} WHERE s.athlete_id = ? AND s.status = 'Complete' ORDER BY s.created_at, s.rowid`,
  );
  const setEditedBy = db.prepare('UPDATE sessions SET edited_by = ? WHERE id = ?');

  const get = (id: string): Session | undefined => {
    const row = byId.get(id);
    return row && toSession(row);
  };

  function list(query: SessionListQuery = {}) {
    const q = sessionListQuerySchema.parse(query);
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: q.limit, offset: q.offset };
    if (q.athlete) {
      where.push('a.name_key = @athleteKey');
      params.athleteKey = athleteKey(q.athlete);
    }
    if (q.athleteId) {
      where.push('s.athlete_id = @athleteId');
      params.athleteId = q.athleteId;
    }
    if (q.activity) {
      where.push('s.activity = @activity');
      params.activity = q.activity;
    }
    if (q.status) {
      where.push('s.status = @status');
      params.status = q.status;
    }
    if (q.needsReview !== undefined) {
      where.push('s.needs_review = @needsReview');
      params.needsReview = q.needsReview ? 1 : 0;
    }
    // instr, not LIKE: the words need no escaping.
    athleteKey(q.q ?? '')
      .split(' ')
      .filter(Boolean)
      .forEach((word, i) => {
        where.push(`instr(athlete_key(a.name || ' ' || s.filename), @word${i}) > 0`);
        params[`word${i}`] = word;
      });
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const rows = db.prepare(`${SELECT_SESSIONS} ${clause} ORDER BY s.created_at DESC, s.rowid DESC LIMIT @limit OFFSET @offset`).all(params) as SessionRow[];
    const { total } = db
      .prepare(`SELECT COUNT(*) AS total FROM sessions s JOIN athletes a ON a.id = s.athlete_id ${clause}`)
      .get(params) as { total: number };
    return { items: rows.map(toSession), total };
  }

  // better-sqlite3 is synchronous: each method runs whole before the next request's, as before.
  return {
    backend: 'sqlite',
    athletes,
    repEdits: repEditStore(db),
    accounts: sqliteAccountStore(db),
    ...feedbackStores(sqliteRunner(db)),
    async add(session: NewSession) {
      db.transaction(() =>
        insert.run({ ...session, createdBy: session.createdBy ?? null, athleteId: athletes.resolve(session.athlete), now: new Date().toISOString() }),
      )();
      return get(session.id)!;
    },
    get: async (id) => get(id),
    async update(id: string, change: SessionChange) {
      const current = get(id);
      if (!current) return undefined;
      const entries = realChanges(current, change);
      if (entries.length === 0) return current;
      const sets = entries.map(([k]) => `${SESSION_COLUMNS[k]} = @${k}`).join(', ');
      db.prepare(`UPDATE sessions SET ${sets}, updated_at = @now WHERE id = @id`).run({ ...Object.fromEntries(entries), id, now: new Date().toISOString() });
      return get(id);
    },
    async markEdited(id, by) {
      setEditedBy.run(by, id);
    },
    async move(id, name) {
      if (!get(id)) return undefined;
      db.transaction(() => {
        setAthlete.run(athletes.resolve(name), new Date().toISOString(), id);
        athletes.pruneEmpty();
      })();
      return get(id);
    },
    list: async (query) => list(query),
    analysedOf: async (athleteId) => analysedOf.all(athleteId).map(toSession),
    unfinished: async (limit = 100) => unfinished.all(limit).map(toSession),
    async delete(id) {
      return db.transaction(() => {
        const removed = remove.run(id).changes > 0;
        athletes.pruneEmpty();
        return removed;
      })();
    },
    async close() {
      db.close();
    },
  };
}
