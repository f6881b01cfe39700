/**
 * Notes, drawings and share links, written once over sql-runner.ts for both backends (each call is
 * one statement, so neither needs a transaction). Drawings are stored as the contract's JSON and
 * parsed with its schema on the way out too, so a row that does not fit is never served.
 */
import { shapeSchema } from '../../src/contract/feedback.ts';
import type { DrawingStore, NoteStore, ShareStore, StoredDrawing, StoredNote, StoredShare } from './library-store.ts';
import type { SqlRunner } from './sql-runner.ts';

interface AuthoredRow {
  id: number;
  video_id: string;
  time_ms: number;
  created_by: number | null;
  author: string | null;
  created_at: string;
}
type NoteRow = AuthoredRow & { rep: number | null; body: string; updated_at: string };
type DrawingRow = AuthoredRow & { shape: string };
interface ShareRow {
  id: number;
  video_id: string;
  kind: 'review' | 'compare';
  compare_query: string | null;
  author: string | null;
  created_at: string;
  expires_at: string;
  revoked_at: string | null;
}

const authored = (r: AuthoredRow) => ({
  id: r.id,
  videoId: r.video_id,
  timeMs: r.time_ms,
  authorId: r.created_by,
  author: r.author,
  createdAt: r.created_at,
});
const toNote = (r: NoteRow): StoredNote => ({ ...authored(r), rep: r.rep, text: r.body, updatedAt: r.updated_at });
const toDrawing = (r: DrawingRow): StoredDrawing => ({ ...authored(r), shape: shapeSchema.parse(JSON.parse(r.shape)) });
const toShare = (r: ShareRow): StoredShare => ({
  id: r.id,
  videoId: r.video_id,
  kind: r.kind,
  compareQuery: r.compare_query,
  createdBy: r.author,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
});

const withAuthor = (table: string) => `SELECT t.*, a.name AS author FROM ${table} t LEFT JOIN accounts a ON a.id = t.created_by`;
const NOTES = withAuthor('video_notes');
const DRAWINGS = withAuthor('video_drawings');
const SHARES = withAuthor('share_links');

const count = async (sql: SqlRunner, table: string, videoId: string) =>
  Number((await sql.all<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table} WHERE video_id = ?`, [videoId]))[0].n);

export function feedbackStores(sql: SqlRunner): { notes: NoteStore; drawings: DrawingStore; shares: ShareStore } {
  const note = async (videoId: string, id: number) => (await sql.all<NoteRow>(`${NOTES} WHERE t.video_id = ? AND t.id = ?`, [videoId, id]))[0];
  const drawing = async (videoId: string, id: number) =>
    (await sql.all<DrawingRow>(`${DRAWINGS} WHERE t.video_id = ? AND t.id = ?`, [videoId, id]))[0];
  const share = async (where: string, params: unknown[]) => (await sql.all<ShareRow>(`${SHARES} WHERE ${where}`, params))[0];

  const notes: NoteStore = {
    list: async (videoId) => (await sql.all<NoteRow>(`${NOTES} WHERE t.video_id = ? ORDER BY t.time_ms, t.id`, [videoId])).map(toNote),
    async get(videoId, id) {
      const row = await note(videoId, id);
      return row && toNote(row);
    },
    async add(videoId, { timeMs, rep, text }, by) {
      const now = new Date().toISOString();
      const [{ id }] = await sql.all<{ id: number }>(
        'INSERT INTO video_notes (video_id, time_ms, rep, body, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id',
        [videoId, timeMs, rep, text, by, now, now],
      );
      return toNote((await note(videoId, id))!);
    },
    async update(videoId, id, change) {
      const current = await note(videoId, id);
      if (!current) return undefined;
      await sql.run('UPDATE video_notes SET time_ms = ?, rep = ?, body = ?, updated_at = ? WHERE id = ?', [
        change.timeMs ?? current.time_ms,
        change.rep === undefined ? current.rep : change.rep,
        change.text ?? current.body,
        new Date().toISOString(),
        id,
      ]);
      return toNote((await note(videoId, id))!);
    },
    remove: async (videoId, id) => (await sql.run('DELETE FROM video_notes WHERE video_id = ? AND id = ?', [videoId, id])) > 0,
    count: (videoId) => count(sql, 'video_notes', videoId),
  };

  const drawings: DrawingStore = {
    list: async (videoId) => (await sql.all<DrawingRow>(`${DRAWINGS} WHERE t.video_id = ? ORDER BY t.time_ms, t.id`, [videoId])).map(toDrawing),
    async get(videoId, id) {
      const row = await drawing(videoId, id);
      return row && toDrawing(row);
    },
    async add(videoId, { timeMs, shape }, by) {
      const [{ id }] = await sql.all<{ id: number }>(
        'INSERT INTO video_drawings (video_id, time_ms, shape, created_by, created_at) VALUES (?, ?, ?, ?, ?) RETURNING id',
        [videoId, timeMs, JSON.stringify(shapeSchema.parse(shape)), by, new Date().toISOString()],
      );
      return toDrawing((await drawing(videoId, id))!);
    },
    remove: async (videoId, id) => (await sql.run('DELETE FROM video_drawings WHERE video_id = ? AND id = ?', [videoId, id])) > 0,
    count: (videoId) => count(sql, 'video_drawings', videoId),
  };

  const shares: ShareStore = {
    async add({ videoId, tokenHash, expiresAt, by }) {
      const [{ id }] = await sql.all<{ id: number }>(
        `INSERT INTO share_links (token_hash, video_id, kind, created_by, created_at, expires_at) VALUES (?, ?, 'review', ?, ?, ?) RETURNING id`,
        [tokenHash, videoId, by, new Date().toISOString(), expiresAt],
      );
      return toShare((await share('t.id = ?', [id]))!);
    },
    list: async (videoId) => (await sql.all<ShareRow>(`${SHARES} WHERE t.video_id = ? ORDER BY t.id DESC`, [videoId])).map(toShare),
    revoke: async (videoId, id) =>
      (await sql.run('UPDATE share_links SET revoked_at = ? WHERE video_id = ? AND id = ? AND revoked_at IS NULL', [new Date().toISOString(), videoId, id])) > 0,
    async byTokenHash(tokenHash) {
      const row = await share('t.token_hash = ?', [tokenHash]);
      return row && toShare(row);
    },
  };

  return { notes, drawings, shares };
}
