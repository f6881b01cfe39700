/**
 * /api/videos/:id/notes, …/drawings and …/shares: the coach's feedback on one video and the
 * read-only links that show it to the athlete (shared-routes.ts serves those); /api/compare/shares:
 * links to two reps compared. A note or drawing is changed only by its author; one made without
 * coach accounts (no author) by anyone signed in.
 */
import { Hono, type Context } from 'hono';
import {
  MAX_FEEDBACK_PER_VIDEO,
  newCompareShareSchema,
  newDrawingSchema,
  newNoteSchemaFor,
  newShareSchema,
  noteChangeSchemaFor,
  parseCompareSide,
  type Comparison,
  type CreatedShare,
  type Drawing,
  type Note,
  type Share,
} from '../../src/contract/feedback.ts';
import { videoIdSchema } from '../../src/contract/guru.ts';
import { randomSecret, tokenHash } from '../lib/signing.ts';
import { actorId } from './actor.ts';
import { methodNotAllowed, ProxyError } from './errors.ts';
import type { Library, StoredDrawing, StoredNote, StoredShare } from './library-store.ts';
import { jsonBody, parse } from './request.ts';
import { z } from 'zod';

const DAY_MS = 24 * 3600 * 1000;
const itemIdSchema = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);

/** What a reader sees of a note or drawing: the author's name, never their account id. */
export function noteView({ authorId, videoId: _, ...note }: StoredNote, reader: number | null | 'athlete'): Note {
  return { ...note, mine: reader !== 'athlete' && (authorId === null || authorId === reader) };
}
export function drawingView({ authorId, videoId: _, ...drawing }: StoredDrawing, reader: number | null | 'athlete'): Drawing {
  return { ...drawing, mine: reader !== 'athlete' && (authorId === null || authorId === reader) };
}
const shareView = ({ videoId: _, ...share }: StoredShare): Share => share;

const videoId = (c: Context) => parse(videoIdSchema, c.req.param('id'));
const itemId = (c: Context) => parse(itemIdSchema, c.req.param('item'));
const notInLibrary = () => new ProxyError(404, 'not_found', 'This session is not in the library.');
const compareSideQuery = z.string().transform((value, ctx) => {
  const side = parseCompareSide(value);
  if (!side) ctx.addIssue({ code: 'custom', message: 'not a video and its rep (<video id>:<rep>)' });
  return side ?? z.NEVER;
});
const comparedQuerySchema = z.object({ a: compareSideQuery, b: compareSideQuery });

export function createFeedbackApi(library: Library) {
  const { notes, drawings, shares } = library;

  /**
   * The video's id, once it is known to be in the library. Every signed-in coach sees the whole
   * library (access.ts): being in it is all the access a video needs.
   */
  async function inLibrary(id: string) {
    if (!(await library.get(id))) throw notInLibrary();
    return id;
  }
  const libraryVideo = (c: Context) => inLibrary(videoId(c));
  /** How many reps the set has as the review shows them: the coach's version, else Guru's (null until analysed). */
  async function repsOf(id: string) {
    const [session, edits] = await Promise.all([library.get(id), library.repEdits.current(id)]);
    return edits?.reps?.length ?? session?.repsFound ?? null;
  }
  async function roomFor(count: Promise<number>, what: string) {
    if ((await count) >= MAX_FEEDBACK_PER_VIDEO) {
      throw new ProxyError(409, 'too_many', `This video already has ${MAX_FEEDBACK_PER_VIDEO} ${what}: delete some first.`);
    }
  }
  /** Only its author changes a note or drawing (anyone, for one made without accounts). */
  function ownedBy(c: Context, item: { authorId: number | null } | undefined, what: string) {
    if (!item) throw new ProxyError(404, 'not_found', `There is no such ${what} on this video.`);
    if (item.authorId !== null && item.authorId !== actorId(c)) {
      throw new ProxyError(403, 'not_author', `Only the coach who made this ${what} can change it.`);
    }
  }

  const noteApi = new Hono();
  noteApi.get('/', async (c) => c.json({ items: (await notes.list(await libraryVideo(c))).map((n) => noteView(n, actorId(c))) }));
  noteApi.post('/', async (c) => {
    const id = await libraryVideo(c);
    const body = parse(newNoteSchemaFor(await repsOf(id)), await jsonBody(c));
    await roomFor(notes.count(id), 'notes');
    return c.json(noteView(await notes.add(id, body, actorId(c)), actorId(c)), 201);
  });
  noteApi.patch('/:item', async (c) => {
    const id = await libraryVideo(c);
    const change = parse(noteChangeSchemaFor(await repsOf(id)), await jsonBody(c));
    ownedBy(c, await notes.get(id, itemId(c)), 'note');
    return c.json(noteView((await notes.update(id, itemId(c), change))!, actorId(c)));
  });
  noteApi.delete('/:item', async (c) => {
    const id = await libraryVideo(c);
    ownedBy(c, await notes.get(id, itemId(c)), 'note');
    await notes.remove(id, itemId(c));
    return c.body(null, 204);
  });

  const drawingApi = new Hono();
  drawingApi.get('/', async (c) => c.json({ items: (await drawings.list(await libraryVideo(c))).map((d) => drawingView(d, actorId(c))) }));
  drawingApi.post('/', async (c) => {
    const id = await libraryVideo(c);
    const body = parse(newDrawingSchema, await jsonBody(c));
    await roomFor(drawings.count(id), 'drawings');
    return c.json(drawingView(await drawings.add(id, body, actorId(c)), actorId(c)), 201);
  });
  drawingApi.delete('/:item', async (c) => {
    const id = await libraryVideo(c);
    ownedBy(c, await drawings.get(id, itemId(c)), 'drawing');
    await drawings.remove(id, itemId(c));
    return c.body(null, 204);
  });

  const shareApi = new Hono();
  shareApi.get('/', async (c) => c.json({ items: (await shares.list(await libraryVideo(c))).map(shareView) }));
  /** A new link to `videoId`'s review, or to a comparison that starts with it. */
  async function createShare(c: Context, videoId: string, days: number, comparison?: Comparison) {
    // The token leaves this server once, in this answer; only its hash is kept.
    const token = randomSecret(32);
    const expiresAt = new Date(Date.now() + days * DAY_MS).toISOString();
    const share = await shares.add({ videoId, tokenHash: tokenHash(token), expiresAt, by: actorId(c), comparison });
    return c.json({ ...shareView(share), path: `/shared/${token}` } satisfies CreatedShare, 201);
  }
  shareApi.post('/', async (c) => {
    const id = await libraryVideo(c);
    return createShare(c, id, parse(newShareSchema, await jsonBody(c)).days);
  });
  // Any coach may revoke a link: stopping a share should never wait for the one who made it.
  shareApi.delete('/:item', async (c) => {
    const id = await libraryVideo(c);
    if (!(await shares.revoke(id, itemId(c)))) throw new ProxyError(404, 'not_found', 'This video has no such active link.');
    return c.body(null, 204);
  });

  // A comparison's links are revoked as either video's (DELETE /api/videos/:id/shares/:item).
  const compareShareApi = new Hono();
  compareShareApi.get('/', async (c) => {
    const { a, b } = parse(comparedQuerySchema, c.req.query());
    await Promise.all([inLibrary(a.videoId), inLibrary(b.videoId)]);
    return c.json({ items: (await shares.listComparison(a, b)).map(shareView) });
  });
  compareShareApi.post('/', async (c) => {
    const { days, ...comparison } = parse(newCompareShareSchema, await jsonBody(c));
    await Promise.all([inLibrary(comparison.a.videoId), inLibrary(comparison.b.videoId)]);
    return createShare(c, comparison.a.videoId, days, comparison);
  });

  for (const sub of [noteApi, drawingApi, shareApi]) {
    sub.all('/', () => methodNotAllowed());
    sub.all('/:item', () => methodNotAllowed());
  }
  compareShareApi.all('/', () => methodNotAllowed());
  return { notes: noteApi, drawings: drawingApi, shares: shareApi, compareShares: compareShareApi };
}
