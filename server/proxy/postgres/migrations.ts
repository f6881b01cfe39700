/**
 * PostgreSQL's numbered migrations (db.ts runs them). A list of its own, not SQLite's
 * (library.ts): SQLite's carries the history of libraries made before athletes and accounts
 * existed, with ALTERs and a JS function (athlete_key) a PostgreSQL database never needs, and the
 * dialects differ where it matters (identity columns, STORED generated columns, booleans). The
 * first migration here is where SQLite's list stands at its migration 5; a later change is added to both.
 *
 * Same as SQLite: times are ISO-8601 UTC text (they compare and sort as text, so COLLATE "C"),
 * and a coach's reps are the JSON text the contract parses. PostgreSQL cannot call athleteKey,
 * so the folded filename is stored (`filename_key`) for search beside the athlete's `name_key`.
 */
export const MIGRATIONS = [
  `CREATE TABLE accounts (
     id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     email TEXT NOT NULL UNIQUE,
     name TEXT NOT NULL,
     role TEXT NOT NULL CHECK (role IN ('admin', 'coach')),
     password_hash TEXT NOT NULL,
     disabled_at TEXT COLLATE "C",
     created_at TEXT COLLATE "C" NOT NULL
   );
   CREATE TABLE invites (
     id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     token_hash TEXT NOT NULL UNIQUE,
     email TEXT NOT NULL,
     created_by BIGINT REFERENCES accounts (id),
     created_at TEXT COLLATE "C" NOT NULL,
     expires_at TEXT COLLATE "C" NOT NULL,
     used_at TEXT COLLATE "C",
     used_by BIGINT REFERENCES accounts (id),
     revoked_at TEXT COLLATE "C"
   );
   CREATE TABLE account_sessions (
     id_hash TEXT PRIMARY KEY,
     account_id BIGINT NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
     created_at TEXT COLLATE "C" NOT NULL,
     expires_at TEXT COLLATE "C" NOT NULL
   );
   CREATE INDEX account_sessions_account ON account_sessions (account_id);

   -- Identity ids are never reused, like SQLite's AUTOINCREMENT: a merged-away athlete stays gone.
   CREATE TABLE athletes (
     id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     name TEXT NOT NULL,
     name_key TEXT COLLATE "C" NOT NULL UNIQUE,
     created_at TEXT COLLATE "C" NOT NULL
   );
   -- seq is the order of arrival (SQLite's rowid), the tie-break of sessions made in the same millisecond.
   CREATE TABLE sessions (
     id TEXT PRIMARY KEY,
     seq BIGINT GENERATED ALWAYS AS IDENTITY,
     athlete_id BIGINT NOT NULL REFERENCES athletes (id),
     filename TEXT NOT NULL,
     filename_key TEXT NOT NULL,
     size BIGINT NOT NULL,
     domain TEXT,
     activity TEXT,
     expected_reps INTEGER,
     corrected_reps INTEGER,
     reps_found INTEGER,
     low_confidence_reps INTEGER,
     reps_version INTEGER NOT NULL DEFAULT 0,
     status TEXT NOT NULL,
     reason TEXT,
     created_at TEXT COLLATE "C" NOT NULL,
     updated_at TEXT COLLATE "C" NOT NULL,
     created_by BIGINT REFERENCES accounts (id),
     edited_by BIGINT REFERENCES accounts (id),
     needs_review BOOLEAN GENERATED ALWAYS AS (
       status = 'Complete' AND corrected_reps IS NULL AND (
         (expected_reps IS NOT NULL AND reps_found IS NOT NULL AND reps_found <> expected_reps)
         OR COALESCE(low_confidence_reps, 0) > 0)
     ) STORED
   );
   CREATE INDEX sessions_created ON sessions (created_at DESC, seq DESC);
   CREATE INDEX sessions_athlete_id ON sessions (athlete_id, created_at DESC);
   CREATE INDEX sessions_unfinished ON sessions (created_at DESC) WHERE status IN ('Uploading', 'Pending');

   CREATE TABLE rep_edits (
     id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     video_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
     reps TEXT,
     corrected_reps_before INTEGER,
     created_at TEXT COLLATE "C" NOT NULL,
     edited_by BIGINT REFERENCES accounts (id)
   );
   CREATE INDEX rep_edits_video ON rep_edits (video_id, id);`,
  // Feedback on a video (feedback-store.ts): notes and drawings (body: the note's text, or the
  // drawing's shape as the contract's JSON) and read-only share links (only the token's sha256 is kept).
  `CREATE TABLE feedback (
     id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     video_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
     kind TEXT NOT NULL CHECK (kind IN ('note', 'drawing')),
     time_ms INTEGER NOT NULL,
     rep INTEGER,
     body TEXT NOT NULL,
     created_by BIGINT REFERENCES accounts (id),
     created_at TEXT COLLATE "C" NOT NULL,
     updated_at TEXT COLLATE "C" NOT NULL
   );
   CREATE INDEX feedback_video ON feedback (video_id, time_ms);
   CREATE TABLE shares (
     id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     token_hash TEXT NOT NULL UNIQUE,
     video_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
     kind TEXT NOT NULL CHECK (kind IN ('review', 'compare')),
     compare_query TEXT,
     created_by BIGINT REFERENCES accounts (id),
     created_at TEXT COLLATE "C" NOT NULL,
     expires_at TEXT COLLATE "C" NOT NULL,
     revoked_at TEXT COLLATE "C"
   );
   CREATE INDEX shares_video ON shares (video_id);`,
  // The athlete's height (velocity in m/s) and velocity-loss threshold (velocity.ts).
  `ALTER TABLE athletes ADD COLUMN height_cm DOUBLE PRECISION,
     ADD COLUMN velocity_loss_pct DOUBLE PRECISION NOT NULL DEFAULT 20;`,
  // A compare link's second video (its first is video_id): deleting either ends the link.
  `ALTER TABLE shares ADD COLUMN compare_video_id TEXT REFERENCES sessions (id) ON DELETE CASCADE;
   CREATE INDEX shares_compare_video ON shares (compare_video_id);`,
];
