/**
 * The coach's library: every session uploaded through this dashboard (Guru has no list call).
 * SQLite in DATA_DIR with WAL and numbered migrations; updated as the proxy sees Guru's answers.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { Session, SessionListQuery, SessionStatus } from '../../src/contract/api.ts';
import { sessionListQuerySchema } from '../../src/contract/api.ts';

const MIGRATIONS = [
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
];

/** One spelling per name for search: Unicode-normalised, trimmed, case-folded ("JOSÉ " finds "José"). */
export const athleteKey = (name: string) => name.normalize('NFKC').trim().toUpperCase().toLowerCase().normalize('NFKC');

interface Row {
  id: string;
  athlete: string;
  filename: string;
  size: number;
  domain: string | null;
  activity: string | null;
  expected_reps: number | null;
  corrected_reps: number | null;
  reps_found: number | null;
  status: SessionStatus;
  reason: string | null;
  created_at: string;
  updated_at: string;
}

const toSession = (r: Row): Session => ({
  id: r.id,
  athlete: r.athlete,
  filename: r.filename,
  size: r.size,
  domain: r.domain,
  activity: r.activity,
  expectedReps: r.expected_reps,
  correctedReps: r.corrected_reps,
  repsFound: r.reps_found,
  status: r.status,
  reason: r.reason,
  createdAt: r.created_at,
  updatedAt: r.updated_at,
});

export type NewSession = Pick<Session, 'id' | 'athlete' | 'filename' | 'size' | 'domain' | 'activity' | 'expectedReps'>;
export type SessionChange = Partial<Pick<Session, 'domain' | 'activity' | 'correctedReps' | 'repsFound' | 'status' | 'reason'>>;

const COLUMNS: Record<keyof SessionChange, string> = {
  domain: 'domain',
  activity: 'activity',
  correctedReps: 'corrected_reps',
  repsFound: 'reps_found',
  status: 'status',
  reason: 'reason',
};

export function openLibrary(dataDir: string) {
  fs.mkdirSync(dataDir, { recursive: true });
  const db = new Database(path.join(dataDir, 'library.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.function('athlete_key', { deterministic: true }, (name) => athleteKey(String(name)));
  const version = db.pragma('user_version', { simple: true }) as number;
  for (let v = version; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }

  const insert = db.prepare(
    `INSERT INTO sessions (id, athlete, athlete_key, filename, size, domain, activity, expected_reps, status, created_at, updated_at)
     VALUES (@id, @athlete, athlete_key(@athlete), @filename, @size, @domain, @activity, @expectedReps, 'Uploading', @now, @now)`,
  );
  const byId = db.prepare('SELECT * FROM sessions WHERE id = ?');
  const remove = db.prepare('DELETE FROM sessions WHERE id = ?');

  return {
    add(session: NewSession): Session {
      insert.run({ ...session, now: new Date().toISOString() });
      return this.get(session.id)!;
    },
    get(id: string): Session | undefined {
      const row = byId.get(id) as Row | undefined;
      return row && toSession(row);
    },
    /** Applies only real changes, so polling does not rewrite unchanged rows. */
    update(id: string, change: SessionChange): Session | undefined {
      const current = this.get(id);
      if (!current) return undefined;
      const entries = Object.entries(change).filter(([k, v]) => v !== undefined && current[k as keyof SessionChange] !== v);
      if (entries.length === 0) return current;
      const sets = entries.map(([k]) => `${COLUMNS[k as keyof SessionChange]} = @${k}`).join(', ');
      db.prepare(`UPDATE sessions SET ${sets}, updated_at = @now WHERE id = @id`).run({ ...Object.fromEntries(entries), id, now: new Date().toISOString() });
      return this.get(id);
    },
    list(query: SessionListQuery = {}) {
      const q = sessionListQuerySchema.parse(query);
      const where: string[] = [];
      if (q.athlete) where.push('athlete_key = athlete_key(@athlete)');
      if (q.activity) where.push('activity = @activity');
      if (q.status) where.push('status = @status');
      const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const rows = db.prepare(`SELECT * FROM sessions ${clause} ORDER BY created_at DESC, rowid DESC LIMIT @limit OFFSET @offset`).all(q) as Row[];
      const { total } = db.prepare(`SELECT COUNT(*) AS total FROM sessions ${clause}`).get(q) as { total: number };
      return { items: rows.map(toSession), total };
    },
    delete(id: string) {
      return remove.run(id).changes > 0;
    },
    close() {
      db.close();
    },
  };
}

export type Library = ReturnType<typeof openLibrary>;
