/**
 * /api/shared/:token/…: what a share link opens without a sign-in, and nothing else. Every route
 * resolves the token first and answers only about the videos its link shows: a review's one video
 * (its header with the athlete's height, for velocity; its signed URL, analysis, the coach's reps,
 * joint data, notes and drawings), or a comparison's two (their headers and URLs, analyses, reps
 * and joint data, each read under /videos/:video). Any other video is a 404. An unknown token is a
 * 404, an expired or revoked one a 410; the page says the link is no longer valid.
 */
import { Hono, type Context } from 'hono';
import { shareTokenSchema, type CompareSideRef, type Comparison, type SharedComparison, type SharedReview } from '../../src/contract/feedback.ts';
import type { Session } from '../../src/contract/api.ts';
import { DEFAULT_VELOCITY_LOSS_PCT } from '../../src/contract/velocity.ts';
import { tokenHash } from '../lib/signing.ts';
import { ProxyError } from './errors.ts';
import { drawingView, noteView } from './feedback-routes.ts';
import type { GuruClient } from './guru-client.ts';
import type { Library } from './library-store.ts';

const NO_LONGER_VALID = 'This link is no longer valid. Ask your coach for a new one.';
const notShared = () => new ProxyError(404, 'share_not_found', NO_LONGER_VALID);

export function createSharedApi(guru: GuruClient, library: Library) {
  const api = new Hono();

  /** The share this request's link names, or the answer that it shows nothing any more. */
  async function validShare(c: Context) {
    const token = shareTokenSchema.safeParse(c.req.param('token'));
    const share = token.success ? await library.shares.byTokenHash(tokenHash(token.data)) : undefined;
    if (!share) throw notShared();
    if (share.revokedAt || Date.parse(share.expiresAt) <= Date.now()) throw new ProxyError(410, 'share_gone', NO_LONGER_VALID);
    return share;
  }
  async function sessionOf(id: string) {
    const session = await library.get(id);
    if (!session) throw notShared();
    return session;
  }
  /**
   * The video a request asks about (named by /videos/:video, else the link's first) if its link
   * shows it. The notes and drawings are a review's: a comparison shows neither.
   */
  async function sharedVideo(c: Context, { feedback = false } = {}) {
    const share = await validShare(c);
    const id = c.req.param('video') ?? share.videoId;
    const shown = share.comparison ? [share.comparison.a.videoId, share.comparison.b.videoId] : [share.videoId];
    if (!shown.includes(id) || (feedback && share.comparison)) throw notShared();
    return (await sessionOf(id)).id;
  }

  /** Who and what a video shows, and only what the player needs of Guru's answer (it may carry more). */
  async function recording(session: Session) {
    const { status, uri, fps, playback, originalUri } = await guru.getVideo(session.id);
    return { athlete: session.athlete, activity: session.activity, recordedAt: session.createdAt, video: { status, uri, fps, playback, originalUri } };
  }
  async function comparisonHeader({ a, b, align, matchTempo }: Comparison, expiresAt: string): Promise<SharedComparison> {
    const side = async (ref: CompareSideRef) => ({ ...ref, ...(await recording(await sessionOf(ref.videoId))) });
    return { kind: 'compare', expiresAt, align, matchTempo, a: await side(a), b: await side(b) };
  }

  api.get('/:token', async (c) => {
    const share = await validShare(c);
    if (share.comparison) return c.json(await comparisonHeader(share.comparison, share.expiresAt));
    const session = await sessionOf(share.videoId);
    const athlete = await library.athletes.get(session.athleteId);
    const review: SharedReview = {
      kind: 'review',
      expiresAt: share.expiresAt,
      ...(await recording(session)),
      athleteNumbers: { heightCm: athlete?.heightCm ?? null, velocityLossPct: athlete?.velocityLossPct ?? DEFAULT_VELOCITY_LOSS_PCT },
    };
    return c.json(review);
  });
  for (const video of ['/:token', '/:token/videos/:video']) {
    api.get(`${video}/analysis`, async (c) => c.json(await guru.getAnalysis(await sharedVideo(c))));
    api.get(`${video}/reps`, async (c) => c.json(await library.repEdits.current(await sharedVideo(c))));
    api.get(`${video}/j2p`, async (c) => c.body(await guru.streamJ2p(await sharedVideo(c)), 200, { 'content-type': 'application/json' }));
    api.get(`${video}/notes`, async (c) => c.json({ items: (await library.notes.list(await sharedVideo(c, { feedback: true }))).map((n) => noteView(n, 'athlete')) }));
    api.get(`${video}/drawings`, async (c) =>
      c.json({ items: (await library.drawings.list(await sharedVideo(c, { feedback: true }))).map((d) => drawingView(d, 'athlete')) }),
    );
  }
  // Read-only, and nothing else answers here (not the guard's 401: there is no sign-in to ask for).
  api.all('*', () => {
    throw new ProxyError(404, 'not_found', 'There is no such API route.');
  });
  return api;
}
