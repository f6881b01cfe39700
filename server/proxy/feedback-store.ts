/**
 * Notes, drawings and share links, written once over sql-runner.ts for both backends (each call is
 * one statement, so neither needs a transaction). Notes and drawings share the `feedback` table
 * (kind 'note' or 'drawing'; body: the text, or the shape as the contract's JSON, parsed with its
 * schema on the way out too, so a row that does not fit is never served). A compare link keeps
 * its reps as the compare page's query, and its second video in compare_video_id (so deleting
 * either video ends it).
 */
import { comparisonQuery, comparisonQueryPrefix, parseComparisonQuery, shapeSchema } from '../../src/contract/feedback.ts';
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
type FeedbackRow = AuthoredRow & { rep: number | null; body: string; updated_at: string };
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
const toNote = (r: FeedbackRow): StoredNote => ({ ...authored(r), rep: r.rep, text: r.body, updatedAt: r.updated_at });
const toDrawing = (r: FeedbackRow): StoredDrawing => ({ ...authored(r), shape: shapeSchema.parse(JSON.parse(r.body)) });
const toShare = (r: ShareRow): StoredShare => ({
  id: r.id,
  videoId: r.video_id,
  kind: r.kind,
  comparison: r.compare_query === null ? null : parseComparisonQuery(r.compare_query),
  createdBy: r.author,
  createdAt: r.created_at,
  expiresAt: r.expires_at,
  revokedAt: r.revoked_at,
});

const withAuthor = (table: string) => `SELECT t.*, a.name AS author FROM ${table} t LEFT JOIN accounts a ON a.id = t.created_by`;
const FEEDBACK = withAuthor('feedback');
const SHARES = withAuthor('shares');
type Kind = 'note' | 'drawing';

export function feedbackStores(sql: SqlRunner): { notes: NoteStore; drawings: DrawingStore; shares: ShareStore } {
  const one = async (kind: Kind, videoId: string, id: number) =>
    (await sql.all<FeedbackRow>(`${FEEDBACK} WHERE t.video_id = ? AND t.id = ? AND t.kind = ?`, [videoId, id, kind]))[0];
  const all = (kind: Kind, videoId: string) => sql.all<FeedbackRow>(`${FEEDBACK} WHERE t.video_id = ? AND t.kind = ? ORDER BY t.time_ms, t.id`, [videoId, kind]);
  const add = async (kind: Kind, videoId: string, timeMs: number, rep: number | null, body: string, by: number | null) => {
    const now = new Date().toISOString();
    const [{ id }] = await sql.all<{ id: number }>(
      'INSERT INTO feedback (video_id, kind, time_ms, rep, body, created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id',
      [videoId, kind, timeMs, rep, body, by, now, now],
    );
    return (await one(kind, videoId, id))!;
  };
  const remove = async (kind: Kind, videoId: string, id: number) =>
    (await sql.run('DELETE FROM feedback WHERE video_id = ? AND id = ? AND kind = ?', [videoId, id, kind])) > 0;
  const count = async (kind: Kind, videoId: string) =>
    Number((await sql.all<{ n: number }>('SELECT COUNT(*) AS n FROM feedback WHERE video_id = ? AND kind = ?', [videoId, kind]))[0].n);
  const share = async (where: string, params: unknown[]) => (await sql.all<ShareRow>(`${SHARES} WHERE ${where}`, params))[0];

  const notes: NoteStore = {
    list: async (videoId) => (await all('note', videoId)).map(toNote),
    async get(videoId, id) {
      const row = await one('note', videoId, id);
      return row && toNote(row);
    },
    add: async (videoId, { timeMs, rep, text }, by) => toNote(await add('note', videoId, timeMs, rep, text, by)),
    async update(videoId, id, change) {
      const current = await one('note', videoId, id);
      if (!current) return undefined;
      await sql.run('UPDATE feedback SET time_ms = ?, rep = ?, body = ?, updated_at = ? WHERE id = ?', [
        change.timeMs ?? current.time_ms,
        change.rep === undefined ? current.rep : change.rep,
        change.text ?? current.body,
        new Date().toISOString(),
        id,
      ]);
      return toNote((await one('note', videoId, id))!);
    },
    remove: (videoId, id) => remove('note', videoId, id),
    count: (videoId) => count('note', videoId),
  };

  const drawings: DrawingStore = {
    list: async (videoId) => (await all('drawing', videoId)).map(toDrawing),
    async get(videoId, id) {
      const row = await one('drawing', videoId, id);
      return row && toDrawing(row);
    },
    add: async (videoId, { timeMs, shape }, by) => toDrawing(await add('drawing', videoId, timeMs, null, JSON.stringify(shapeSchema.parse(shape)), by)),
    remove: (videoId, id) => remove('drawing', videoId, id),
    count: (videoId) => count('drawing', videoId),
  };

  const shares: ShareStore = {
    async add({ videoId, tokenHash, expiresAt, by, comparison }) {
      const [{ id }] = await sql.all<{ id: number }>(
        `INSERT INTO shares (token_hash, video_id, kind, compare_query, compare_video_id, created_by, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        [tokenHash, videoId, comparison ? 'compare' : 'review', comparison ? comparisonQuery(comparison) : null, comparison?.b.videoId ?? null,
          by, new Date().toISOString(), expiresAt],
      );
      return toShare((await share('t.id = ?', [id]))!);
    },
    list: async (videoId) =>
      (await sql.all<ShareRow>(`${SHARES} WHERE ? IN (t.video_id, t.compare_video_id) ORDER BY t.id DESC`, [videoId])).map(toShare),
    async listComparison(a, b) {
      // The reps are only in the kept query, which starts with them: compared as a prefix with
      // substr (not LIKE, whose wildcards an id could hold); the video columns narrow it first.
      const prefix = comparisonQueryPrefix(a, b);
      const rows = await sql.all<ShareRow>(
        `${SHARES} WHERE t.kind = 'compare' AND t.video_id = ? AND t.compare_video_id = ? AND substr(t.compare_query, 1, ?) = ? ORDER BY t.id DESC`,
        [a.videoId, b.videoId, prefix.length, prefix],
      );
      return rows.map(toShare);
    },
    revoke: async (videoId, id) =>
      (await sql.run('UPDATE shares SET revoked_at = ? WHERE ? IN (video_id, compare_video_id) AND id = ? AND revoked_at IS NULL', [
        new Date().toISOString(),
        videoId,
        id,
      ])) > 0,
    async byTokenHash(tokenHash) {
      const row = await share('t.token_hash = ?', [tokenHash]);
      return row && toShare(row);
    },
  };

  return { notes, drawings, shares };
}
