/**
 * Notes, drawings and share links over real loopback HTTP with coach accounts (analysis stubbed):
 * the routes' checks and 4xx answers, authorship, and that a share link's routes answer about its
 * one video (or a comparison's two) only: no other video's data, no library, no secret, and
 * nothing after a revoke. And who may read one athlete (GET /api/athletes/:id).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { athleteSummarySchema } from '../src/contract/api.ts';
import {
  createdShareSchema,
  drawingSchema,
  noteListSchema,
  noteSchema,
  shareListSchema,
  sharedComparisonSchema,
  sharedReviewSchema,
} from '../src/contract/feedback.ts';
import { createSession, uploadViaApi, waitForAnalysis } from '../scripts/replens-api.ts';
import type { AnalysisOutcome, Analyzer } from './analysis/types.ts';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { tokenHash } from './lib/signing.ts';
import { openSqliteLibrary } from './proxy/library.ts';
import type { GuruClient } from './proxy/guru-client.ts';
import type { PosterStore } from './proxy/posters.ts';
import type { SessionSync } from './proxy/session-sync.ts';
import { startRepLens, type RepLens } from './start.ts';

const outcome: AnalysisOutcome = {
  status: 'Complete', domain: 'weightlifting', activity: 'squat', view: 'side', fps: 30, width: 640, height: 480, durationMs: 3000,
  reps: [{ startTimestampMs: 0, midTimestampMs: 500, endTimestampMs: 1000, analyses: [] }],
  jointToPoints: {
    leftKnee: Array.from({ length: 40 }, (_, i) => ({ frame_idx: i, part: 'leftKnee', position: { x: 0.5, y: 0.6 }, score: 0.9, timestamp: i / 30 })),
  },
};
const analyze: Analyzer = async () => outcome;
const SESSION_SECRET = 'feedback-test-session-secret-0123456789abcdef';
const ADMIN = { ADMIN_EMAIL: 'Head@Club.example', ADMIN_PASSWORD: 'head-coach-pass', ADMIN_NAME: 'Head Coach' };

let dir: string;
let app: RepLens;
let admin: string;
let coach: string;
let shown: string;
let second: string;
let other: string;

const call = (p: string, method = 'GET', body?: unknown, cookie?: string) =>
  fetch(`${app.url}/api${p}`, {
    method,
    headers: { ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...(cookie ? { cookie } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
const cookieOf = (res: Response) => res.headers.get('set-cookie')!.split(';')[0];
const errorOf = async (res: Response) => ({ status: res.status, code: ((await res.json()) as { error: { code: string } }).error.code });

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replens-feedback-'));
  app = await startRepLens(loadConfig({ PORT: '0', DATA_DIR: dir, SESSION_SECRET, ...ADMIN }), { analyze, distDir: dir, hashCost: { ln: 10, r: 8, p: 1 } });
  admin = cookieOf(await call('/session', 'POST', { email: ADMIN.ADMIN_EMAIL, password: ADMIN.ADMIN_PASSWORD }));
  const invite = await (await call('/accounts/invites', 'POST', { email: 'second@club.example' }, admin)).json() as { path: string };
  coach = cookieOf(await call(`/invites/${invite.path.replace('/invite/', '')}`, 'POST', { name: 'Second Coach', password: 'second-coach-pass' }));
  const file = path.join(dir, 'set.mp4');
  fs.writeFileSync(file, Buffer.alloc(2048, 1));
  shown = await uploadViaApi(app.url, file, { athlete: 'Shared Athlete', cookie: admin });
  await waitForAnalysis(app.url, shown, 30_000, admin);
  second = await uploadViaApi(app.url, file, { athlete: 'Second Athlete', cookie: admin });
  await waitForAnalysis(app.url, second, 30_000, admin);
  other = (await createSession(app.url, 'other-set.mp4', 2048, { athlete: 'Private Athlete', cookie: admin })).id;
}, 60_000);
afterAll(async () => {
  await app?.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('notes', () => {
  it('are added with their author, listed in time order, edited and deleted by their author only', async () => {
    const late = await call(`/videos/${shown}/notes`, 'POST', { timeMs: 2500, text: '  Knees cave on the way up  ' }, admin);
    expect(late.status).toBe(201);
    expect(noteSchema.parse(await late.json())).toMatchObject({ timeMs: 2500, rep: null, text: 'Knees cave on the way up', author: 'Head Coach', mine: true });
    const early = noteSchema.parse(await (await call(`/videos/${shown}/notes`, 'POST', { timeMs: 400, rep: 1, text: 'Good depth' }, coach)).json());
    const list = noteListSchema.parse(await (await call(`/videos/${shown}/notes`, 'GET', undefined, admin)).json()).items;
    expect(list.map((n) => [n.text, n.author, n.mine])).toEqual([['Good depth', 'Second Coach', false], ['Knees cave on the way up', 'Head Coach', true]]);

    expect(await errorOf(await call(`/videos/${shown}/notes/${early.id}`, 'PATCH', { text: 'Mine now' }, admin))).toEqual({ status: 403, code: 'not_author' });
    expect(await errorOf(await call(`/videos/${shown}/notes/${early.id}`, 'DELETE', undefined, admin))).toEqual({ status: 403, code: 'not_author' });
    const edited = await call(`/videos/${shown}/notes/${early.id}`, 'PATCH', { text: 'Good depth, keep it', rep: null }, coach);
    expect(noteSchema.parse(await edited.json())).toMatchObject({ text: 'Good depth, keep it', rep: null, timeMs: 400 });
    expect((await call(`/videos/${shown}/notes/${early.id}`, 'DELETE', undefined, coach)).status).toBe(204);
    expect(await errorOf(await call(`/videos/${shown}/notes/${early.id}`, 'DELETE', undefined, coach))).toEqual({ status: 404, code: 'not_found' });
  });

  it('refuse bad input with a clear 4xx', async () => {
    const bad: unknown[] = [
      { timeMs: 0, text: '   ' },
      { timeMs: -1, text: 'x' },
      { timeMs: 1.5, text: 'x' },
      { timeMs: 0, rep: 0, text: 'x' },
      { timeMs: 0, text: 'x'.repeat(1001) },
      { timeMs: 0, text: 'spoof \u202e txt' },
      { timeMs: 0, text: 'x', author: 'Someone else' },
      'text',
    ];
    for (const body of bad) expect(await errorOf(await call(`/videos/${shown}/notes`, 'POST', body, admin)), JSON.stringify(body)).toEqual({ status: 400, code: 'invalid_request' });
    expect((await call(`/videos/${shown}/notes/abc`, 'PATCH', { text: 'x' }, admin)).status).toBe(400);
    expect(await errorOf(await call(`/videos/${shown}/notes/1`, 'PATCH', {}, admin))).toEqual({ status: 400, code: 'invalid_request' });
    expect(await errorOf(await call('/videos/not-in-library/notes', 'POST', { timeMs: 0, text: 'x' }, admin))).toEqual({ status: 404, code: 'not_found' });
    expect(await errorOf(await call(`/videos/${shown}/notes`, 'PUT', { timeMs: 0, text: 'x' }, admin))).toEqual({ status: 405, code: 'method_not_allowed' });
  });
});

describe('moving a note', () => {
  const patch = (noteId: number, body: unknown, cookie: string) => call(`/videos/${shown}/notes/${noteId}`, 'PATCH', body, cookie);

  it('takes a new time or rep from its author, keeps the list in time order, unpins with rep null', async () => {
    const first = noteSchema.parse(await (await call(`/videos/${shown}/notes`, 'POST', { timeMs: 200, rep: 1, text: 'Move me' }, coach)).json());
    const second = noteSchema.parse(await (await call(`/videos/${shown}/notes`, 'POST', { timeMs: 900, text: 'Stay' }, coach)).json());
    const moved = await patch(first.id, { timeMs: 1800, rep: null }, coach);
    expect(noteSchema.parse(await moved.json())).toMatchObject({ timeMs: 1800, rep: null, text: 'Move me' });
    const order = async () => noteListSchema.parse(await (await call(`/videos/${shown}/notes`, 'GET', undefined, coach)).json()).items.map((n) => n.id);
    expect((await order()).filter((n) => n === first.id || n === second.id)).toEqual([second.id, first.id]);
    expect(await (await patch(first.id, { rep: 1 }, coach)).json()).toMatchObject({ timeMs: 1800, rep: 1 });
    // Only its author moves it.
    expect(await errorOf(await patch(first.id, { timeMs: 0 }, admin))).toEqual({ status: 403, code: 'not_author' });
    expect(await errorOf(await patch(first.id, { rep: null }, admin))).toEqual({ status: 403, code: 'not_author' });
    expect(noteSchema.parse(await (await patch(first.id, { text: 'Moved' }, coach)).json())).toMatchObject({ timeMs: 1800, rep: 1 });
  });

  it('refuses a tampered time or a rep the set does not have with a 400, and changes nothing', async () => {
    const note = noteSchema.parse(await (await call(`/videos/${shown}/notes`, 'POST', { timeMs: 300, rep: 1, text: 'Tamper with me' }, admin)).json());
    const bad: [unknown, RegExp][] = [
      [{ timeMs: -1 }, /timeMs/],
      [{ timeMs: 1.5 }, /timeMs/],
      [{ timeMs: '1000' }, /timeMs/],
      [{ timeMs: null }, /timeMs/],
      [{ timeMs: 1e300 }, /timeMs/],
      [{ timeMs: 25 * 3600 * 1000 }, /timeMs/],
      [{ rep: 0 }, /rep/],
      [{ rep: -1 }, /rep/],
      [{ rep: 1.5 }, /rep/],
      [{ rep: '1' }, /rep/],
      // This set has one rep (the stub's analysis).
      [{ rep: 2 }, /rep: this set has 1 rep$/],
      [{ timeMs: 100, rep: 501 }, /rep/],
      [{ timeMs: 100, author: 'Someone else' }, /author/],
    ];
    for (const [body, message] of bad) {
      const res = await patch(note.id, body, admin);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as { error: { message: string } }).error.message, JSON.stringify(body)).toMatch(message);
    }
    expect(await errorOf(await call(`/videos/${shown}/notes`, 'POST', { timeMs: 0, rep: 2, text: 'x' }, admin))).toEqual({ status: 400, code: 'invalid_request' });
    const kept = noteListSchema.parse(await (await call(`/videos/${shown}/notes`, 'GET', undefined, admin)).json()).items.find((n) => n.id === note.id);
    expect(kept).toMatchObject({ timeMs: 300, rep: 1, text: 'Tamper with me' });
  });

  it("counts the reps of the coach's version of the set where there is one", async () => {
    const note = noteSchema.parse(await (await call(`/videos/${shown}/notes`, 'POST', { timeMs: 1500, text: 'Second rep' }, admin)).json());
    const { version } = (await app.library.repEdits.current(shown))!;
    const rep = (startTimestampMs: number, edited: boolean) => ({ startTimestampMs, midTimestampMs: startTimestampMs + 500, endTimestampMs: startTimestampMs + 1000, analyses: [], edited });
    const saved = await app.library.repEdits.save(shown, version, [rep(0, false), rep(1000, true)], null);
    expect('saved' in saved).toBe(true);
    try {
      expect(await (await patch(note.id, { rep: 2 }, admin)).json()).toMatchObject({ rep: 2 });
      expect(await errorOf(await patch(note.id, { rep: 3 }, admin))).toEqual({ status: 400, code: 'invalid_request' });
    } finally {
      await app.library.repEdits.save(shown, version + 1, null, null);
    }
  });
});

describe('drawings', () => {
  it('keep their vector data, and refuse shapes that do not fit', async () => {
    const angle = { kind: 'angle', points: [{ x: 0.2, y: 0.2 }, { x: 0.5, y: 0.5 }, { x: 0.8, y: 0.2 }] };
    const res = await call(`/videos/${shown}/drawings`, 'POST', { timeMs: 500, shape: angle }, admin);
    expect(res.status).toBe(201);
    expect(drawingSchema.parse(await res.json())).toMatchObject({ timeMs: 500, shape: angle, author: 'Head Coach', mine: true });
    const bad = [
      { kind: 'angle', points: angle.points.slice(0, 2) },
      { kind: 'line', points: angle.points },
      { kind: 'square', points: angle.points.slice(0, 2) },
      { kind: 'arrow', points: [{ x: 1.2, y: 0 }, { x: 0, y: 0 }] },
      { kind: 'circle', points: [{ x: 0, y: 0 }, { x: 0, y: 0, z: 1 }] },
    ];
    for (const shape of bad) expect((await call(`/videos/${shown}/drawings`, 'POST', { timeMs: 0, shape }, admin)).status, JSON.stringify(shape)).toBe(400);
  });
});

describe('share links', () => {
  it('only let a share link see its own video, without a sign-in, until revoked', async () => {
    await call(`/videos/${other}/notes`, 'POST', { timeMs: 0, text: 'PRIVATE-NOTE-OF-THE-OTHER-SET' }, admin);
    await call(`/videos/${shown}/notes`, 'POST', { timeMs: 100, text: 'Shared note' }, admin);
    expect(await errorOf(await call(`/videos/${shown}/shares`, 'POST', { days: 3 }, admin))).toEqual({ status: 400, code: 'invalid_request' });
    const made = await call(`/videos/${shown}/shares`, 'POST', { days: 7 }, admin);
    expect(made.status).toBe(201);
    const share = createdShareSchema.parse(await made.json());
    const token = share.path.replace('/shared/', '');
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(share).toMatchObject({ kind: 'review', createdBy: 'Head Coach', revokedAt: null });
    expect(Date.parse(share.expiresAt) - Date.now()).toBeGreaterThan(6.9 * 24 * 3600 * 1000);
    // The list never carries a token again, and the library keeps only its hash.
    const listed = await (await call(`/videos/${shown}/shares`, 'GET', undefined, admin)).text();
    expect(listed).not.toContain(token);
    expect(shareListSchema.parse(JSON.parse(listed)).items).toHaveLength(1);
    const stored = ['library.db', 'library.db-wal'].map((f) => path.join(dir, f)).filter(fs.existsSync).map((f) => fs.readFileSync(f).toString('latin1')).join('');
    expect(stored).not.toContain(token);

    // Without any cookie: every shared route answers, about this video only.
    const bodies: string[] = [];
    for (const route of ['', '/analysis', '/reps', '/j2p', '/notes', '/drawings']) {
      const res = await call(`/shared/${token}${route}`);
      expect(res.status, route).toBe(200);
      bodies.push(await res.text());
    }
    const review = sharedReviewSchema.parse(JSON.parse(bodies[0]));
    // The athlete's own height and threshold come along, for velocity in m/s; nothing else of the athlete record.
    expect(review).toMatchObject({ kind: 'review', athlete: 'Shared Athlete', activity: 'squat', athleteNumbers: { heightCm: null, velocityLossPct: 20 } });
    expect(review.video.uri).toContain(shown);
    expect(JSON.parse(bodies[4]).items.map((n: { text: string; mine: boolean }) => [n.text, n.mine])).toContainEqual(['Shared note', false]);
    const keys = JSON.parse(fs.readFileSync(path.join(dir, 'local-guru', 'signing-keys.json'), 'utf8')) as Record<string, string>;
    const secrets = [other, 'Private Athlete', 'PRIVATE-NOTE-OF-THE-OTHER-SET', 'other-set.mp4', SESSION_SECRET, ADMIN.ADMIN_PASSWORD, ADMIN.ADMIN_EMAIL.toLowerCase(),
      'second@club.example', admin.split('=')[1], ...Object.values(keys)];
    for (const body of bodies) for (const secret of secrets) expect(body.toLowerCase()).not.toContain(secret.toLowerCase());
    // No library, no writes, no other route through a share.
    for (const [method, route] of [['GET', '/videos'], ['GET', `/videos/${other}`], ['POST', '/notes'], ['DELETE', '/notes/1'], ['GET', '/stills/0'], ['GET', `/../videos/${other}`]]) {
      expect((await call(`/shared/${token}${route}`, method, method === 'POST' ? { timeMs: 0, text: 'x' } : undefined)).status, `${method} ${route}`).toBeGreaterThanOrEqual(400);
    }

    expect(await errorOf(await call(`/shared/${'A'.repeat(43)}`))).toEqual({ status: 404, code: 'share_not_found' });
    expect(await errorOf(await call('/shared/short'))).toEqual({ status: 404, code: 'share_not_found' });
    expect(await errorOf(await call(`/videos/${other}/shares/${share.id}`, 'DELETE', undefined, admin))).toEqual({ status: 404, code: 'not_found' });
    expect((await call(`/videos/${shown}/shares/${share.id}`, 'DELETE', undefined, coach)).status).toBe(204);
    for (const route of ['', '/analysis', '/notes', '/j2p']) {
      const res = await call(`/shared/${token}${route}`);
      expect(await res.json(), route).toEqual({ error: { code: 'share_gone', message: 'This link is no longer valid. Ask your coach for a new one.' } });
      expect(res.status).toBe(410);
    }
    expect((await call(`/videos/${shown}/shares`, 'GET', undefined, admin)).ok).toBe(true);
  });

  it('end at their expiry', async () => {
    const share = createdShareSchema.parse(await (await call(`/videos/${shown}/shares`, 'POST', { days: 1 }, admin)).json());
    const token = share.path.replace('/shared/', '');
    expect((await call(`/shared/${token}/notes`)).status).toBe(200);
    const expired = 'e'.repeat(43);
    await app.library.shares.add({ videoId: shown, tokenHash: tokenHash(expired), expiresAt: new Date(Date.now() - 1000).toISOString(), by: null });
    expect(await errorOf(await call(`/shared/${expired}`))).toEqual({ status: 410, code: 'share_gone' });
  });
});

describe('compare links', () => {
  const comparison = () => ({ a: { videoId: shown, rep: 1 }, b: { videoId: second, rep: 1 }, align: 'bottom' as const, matchTempo: false });
  const tokenOf = (share: { path: string }) => share.path.replace('/shared/', '');

  it('refuse a tampered body, a video not in the library, and a sign-in they lack', async () => {
    const bad: unknown[] = [
      { ...comparison(), days: 3 },
      { ...comparison(), align: 'middle', days: 7 },
      { ...comparison(), matchTempo: 'yes', days: 7 },
      { ...comparison(), matchTempo: null, days: 7 },
      { ...comparison(), a: { videoId: shown, rep: 0 }, days: 7 },
      { ...comparison(), b: { videoId: '../videos', rep: 1 }, days: 7 },
      { ...comparison(), b: { videoId: second }, days: 7 },
      { ...comparison(), days: 7, video: other },
      { a: comparison().a, days: 7 },
    ];
    for (const body of bad) expect(await errorOf(await call('/compare/shares', 'POST', body, admin)), JSON.stringify(body)).toEqual({ status: 400, code: 'invalid_request' });
    const missing = { ...comparison(), b: { videoId: 'not-in-library', rep: 1 }, days: 7 };
    expect(await errorOf(await call('/compare/shares', 'POST', missing, admin))).toEqual({ status: 404, code: 'not_found' });
    expect(await errorOf(await call('/compare/shares', 'POST', { ...comparison(), days: 7 }))).toEqual({ status: 401, code: 'login_required' });
    expect(await errorOf(await call(`/compare/shares?a=${shown}:1&b=not-in-library:1`, 'GET', undefined, admin))).toEqual({ status: 404, code: 'not_found' });
    expect(await errorOf(await call(`/compare/shares?a=${shown}:1`, 'GET', undefined, admin))).toEqual({ status: 400, code: 'invalid_request' });
  });

  it('let a compare link see exactly its two videos, without a sign-in, until revoked', async () => {
    const made = await call('/compare/shares', 'POST', { ...comparison(), days: 30 }, coach);
    expect(made.status).toBe(201);
    const share = createdShareSchema.parse(await made.json());
    expect(share).toMatchObject({ kind: 'compare', comparison: comparison(), createdBy: 'Second Coach', revokedAt: null });
    const token = tokenOf(share);
    // Listed for this comparison, and among each video's links (a review's list shows it too); never with its token.
    const listed = await (await call(`/compare/shares?a=${shown}:1&b=${second}:1`, 'GET', undefined, admin)).text();
    expect(listed).not.toContain(token);
    expect(shareListSchema.parse(JSON.parse(listed)).items.map((s) => s.id)).toEqual([share.id]);
    expect(shareListSchema.parse(await (await call(`/compare/shares?a=${shown}:1&b=${second}:2`, 'GET', undefined, admin)).json()).items).toEqual([]);
    for (const id of [shown, second]) {
      const items = shareListSchema.parse(await (await call(`/videos/${id}/shares`, 'GET', undefined, admin)).json()).items;
      expect(items.find((s) => s.id === share.id), id).toMatchObject({ kind: 'compare', comparison: comparison() });
    }

    const header = sharedComparisonSchema.parse(await (await call(`/shared/${token}`)).json());
    expect(header).toMatchObject({ kind: 'compare', align: 'bottom', a: { videoId: shown, rep: 1, athlete: 'Shared Athlete' }, b: { videoId: second, rep: 1, athlete: 'Second Athlete' } });
    expect(header.b.video.uri).toContain(second);
    const bodies: string[] = [JSON.stringify(header)];
    for (const id of [shown, second]) {
      for (const part of ['analysis', 'reps', 'j2p']) {
        const res = await call(`/shared/${token}/videos/${id}/${part}`);
        expect(res.status, `${id} ${part}`).toBe(200);
        bodies.push(await res.text());
      }
    }
    for (const body of bodies) for (const secret of [other, 'Private Athlete', 'PRIVATE-NOTE-OF-THE-OTHER-SET', SESSION_SECRET]) expect(body).not.toContain(secret);
    // Any other video, and the notes and drawings (a review's, not a comparison's), are not found.
    for (const route of [`/videos/${other}/analysis`, `/videos/${other}/j2p`, `/videos/${other}/reps`, `/videos/${shown}/notes`, `/videos/${second}/drawings`, '/notes']) {
      expect(await errorOf(await call(`/shared/${token}${route}`)), route).toEqual({ status: 404, code: 'share_not_found' });
    }
    // A review's link opens its own video only, under either path.
    const review = tokenOf(createdShareSchema.parse(await (await call(`/videos/${shown}/shares`, 'POST', { days: 1 }, admin)).json()));
    expect((await call(`/shared/${review}/videos/${shown}/analysis`)).status).toBe(200);
    expect(await errorOf(await call(`/shared/${review}/videos/${second}/analysis`))).toEqual({ status: 404, code: 'share_not_found' });

    // Revoked from the second video's list: gone for both videos.
    expect((await call(`/videos/${other}/shares/${share.id}`, 'DELETE', undefined, admin)).status).toBe(404);
    expect((await call(`/videos/${second}/shares/${share.id}`, 'DELETE', undefined, admin)).status).toBe(204);
    for (const route of ['', `/videos/${shown}/analysis`, `/videos/${second}/j2p`]) {
      expect(await errorOf(await call(`/shared/${token}${route}`)), route).toEqual({ status: 410, code: 'share_gone' });
    }
  });

  it("keep whether B plays at A's tempo; a body without it (an older dashboard) leaves each at its own", async () => {
    const { matchTempo: _, ...older } = comparison();
    const own = createdShareSchema.parse(await (await call('/compare/shares', 'POST', { ...older, days: 1 }, admin)).json());
    const timed = createdShareSchema.parse(await (await call('/compare/shares', 'POST', { ...comparison(), matchTempo: true, days: 1 }, admin)).json());
    expect(own.comparison?.matchTempo).toBe(false);
    expect(timed.comparison).toEqual({ ...comparison(), matchTempo: true });
    expect(sharedComparisonSchema.parse(await (await call(`/shared/${tokenOf(timed)}`)).json()).matchTempo).toBe(true);
    expect(sharedComparisonSchema.parse(await (await call(`/shared/${tokenOf(own)}`)).json()).matchTempo).toBe(false);
    // Both are links to these two reps.
    const listed = shareListSchema.parse(await (await call(`/compare/shares?a=${shown}:1&b=${second}:1`, 'GET', undefined, admin)).json()).items;
    expect(listed.slice(0, 2).map((s) => s.id)).toEqual([timed.id, own.id]);
  });

  it('end at their expiry, and with either video', async () => {
    const expired = 'x'.repeat(43);
    await app.library.shares.add({ videoId: shown, tokenHash: tokenHash(expired), expiresAt: new Date(Date.now() - 1000).toISOString(), by: null, comparison: comparison() });
    expect(await errorOf(await call(`/shared/${expired}/videos/${second}/analysis`))).toEqual({ status: 410, code: 'share_gone' });

    const gone = await uploadViaApi(app.url, path.join(dir, 'set.mp4'), { athlete: 'Gone Athlete', cookie: admin });
    await waitForAnalysis(app.url, gone, 30_000, admin);
    const share = createdShareSchema.parse(await (await call('/compare/shares', 'POST', { ...comparison(), b: { videoId: gone, rep: 1 }, days: 7 }, admin)).json());
    expect((await call(`/shared/${tokenOf(share)}`)).status).toBe(200);
    expect((await call(`/videos/${gone}`, 'DELETE', undefined, admin)).status).toBe(204);
    expect(await errorOf(await call(`/shared/${tokenOf(share)}`))).toEqual({ status: 404, code: 'share_not_found' });
  });
});

describe('one athlete', () => {
  it("is read by any signed-in coach (the library is the club's), never without a sign-in nor through a share link", async () => {
    const { session } = (await (await call(`/videos/${shown}`, 'GET', undefined, admin)).json()) as { session: { athleteId: number } };
    // The admin uploaded this athlete's sets; the second coach reads them all the same, as in the list.
    const read = await call(`/athletes/${session.athleteId}`, 'GET', undefined, coach);
    expect(read.status).toBe(200);
    expect(athleteSummarySchema.parse(await read.json())).toMatchObject({ id: session.athleteId, name: 'Shared Athlete', heightCm: null, velocityLossPct: 20 });
    expect(await errorOf(await call(`/athletes/${session.athleteId}`))).toEqual({ status: 401, code: 'login_required' });
    expect(await errorOf(await call('/athletes/999999', 'GET', undefined, coach))).toEqual({ status: 404, code: 'athlete_not_found' });
    const token = createdShareSchema.parse(await (await call(`/videos/${shown}/shares`, 'POST', { days: 1 }, admin)).json()).path.replace('/shared/', '');
    expect((await call(`/shared/${token}/athletes/${session.athleteId}`)).status).toBe(404);
  });
});

describe('the sign-in', () => {
  it('is still needed by every /api route but the public ones', async () => {
    const library = openSqliteLibrary(fs.mkdtempSync(path.join(dir, 'routes-')));
    const guru = {} as GuruClient;
    const stub = createApp({
      guru, library, sync: {} as SessionSync, posters: {} as PosterStore, mode: 'local', maxUploadBytes: 1e6, distDir: dir, guruOrigins: [],
      dashboardPassword: 'a-password', dataDir: dir, allowedHosts: [],
    });
    const PUBLIC = /^\/api\/(health|session|session\/all|setup|invites\/:token|shared\/.*)$/;
    const routes = stub.routes.filter((r) => r.path.startsWith('/api/') && !r.path.endsWith('*') && !PUBLIC.test(r.path));
    expect(routes.length).toBeGreaterThan(30);
    expect(routes.map((r) => r.path)).toContain('/api/videos/:id/notes/:item');
    for (const { method, path: route } of routes) {
      const url = `http://127.0.0.1${route.replace(/:[a-z]+(\{[^}]*\})?/gi, (p) => (p.startsWith(':call') ? 'analysis' : '1'))}`;
      const res = await stub.request(url, { method: method === 'ALL' ? 'GET' : method, headers: { host: '127.0.0.1' } });
      expect(res.status, `${method} ${route}`).toBe(401);
    }
    await library.close();
  });
});
