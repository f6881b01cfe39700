/**
 * The local Guru's own numbered migrations, in its own schema (`local_guru` by default): it is a
 * separate service from the library (server/proxy/postgres/migrations.ts), sharing only the
 * database. A record is the same JSON the file backend writes, so both stay one shape.
 */
export const MIGRATIONS = [
  `CREATE TABLE videos (
     id TEXT PRIMARY KEY,
     record JSONB NOT NULL
   );
   CREATE INDEX videos_unfinished ON videos (id) WHERE record->>'status' = 'Success'
     AND (record->'analysis'->>'status' = 'Pending' OR record->>'playback' = 'Preparing');
   -- One row per recorded analysis outcome: the evidence that each run is recorded once.
   CREATE TABLE analysis_outcomes (
     id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
     video_id TEXT NOT NULL REFERENCES videos (id) ON DELETE CASCADE,
     run INTEGER NOT NULL,
     status TEXT NOT NULL,
     recorded_by TEXT NOT NULL,
     recorded_at TIMESTAMPTZ NOT NULL DEFAULT now()
   );
   CREATE INDEX analysis_outcomes_video ON analysis_outcomes (video_id);`,
];
