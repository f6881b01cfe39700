/**
 * /api/shared/:token/…: what a share link opens without a sign-in, and nothing else. Every route
 * resolves the token to its one video first and answers only about that video: the review's
 * header (with the athlete's height, for velocity), the video's own signed URL, analysis, the coach's reps, joint data, notes and drawings.
 * An unknown token is a 404, an expired or revoked one a 410; the page says the link is no longer valid.
 */
import { Hono, type Context } from 'hono';
import { shareTokenSchema, type SharedReview } from '../../src/contract/feedback.ts';
import { DEFAULT_VELOCITY_LOSS_PCT } from '../../src/contract/velocity.ts';
import { tokenHash } from '../lib/signing.ts';
import { ProxyError } from './errors.ts';
import { drawingView, noteView } from './feedback-routes.ts';
import type { GuruClient } from './guru-client.ts';
import type { Library } from './library-store.ts';

const NO_LONGER_VALID = 'This link is no longer valid. Ask your coach for a new one.';

export function createSharedApi(guru: GuruClient, library: Library) {
  const api = new Hono();

  /** The video this request's link shows, or the answer that it shows nothing any more. */
  async function sharedVideo(c: Context) {
    const token = shareTokenSchema.safeParse(c.req.param('token'));
    const share = token.success ? await library.shares.byTokenHash(tokenHash(token.data)) : undefined;
    if (!share) throw new ProxyError(404, 'share_not_found', NO_LONGER_VALID);
    if (share.revokedAt || Date.parse(share.expiresAt) <= Date.now()) throw new ProxyError(410, 'share_gone', NO_LONGER_VALID);
    const session = await library.get(share.videoId);
    if (!session) throw new ProxyError(404, 'share_not_found', NO_LONGER_VALID);
    return { share, session };
  }

  api.get('/:token', async (c) => {
    const { share, session } = await sharedVideo(c);
    // Only what the player needs: Guru's answer may carry more than this page should pass on.
    const { status, uri, fps, playback, originalUri } = await guru.getVideo(session.id);
    const athlete = await library.athletes.get(session.athleteId);
    const review: SharedReview = {
      expiresAt: share.expiresAt,
      athlete: session.athlete,
      activity: session.activity,
      recordedAt: session.createdAt,
      athleteNumbers: { heightCm: athlete?.heightCm ?? null, velocityLossPct: athlete?.velocityLossPct ?? DEFAULT_VELOCITY_LOSS_PCT },
      video: { status, uri, fps, playback, originalUri },
    };
    return c.json(review);
  });
  api.get('/:token/analysis', async (c) => c.json(await guru.getAnalysis((await sharedVideo(c)).session.id)));
  api.get('/:token/reps', async (c) => c.json(await library.repEdits.current((await sharedVideo(c)).session.id)));
  api.get('/:token/j2p', async (c) => c.body(await guru.streamJ2p((await sharedVideo(c)).session.id), 200, { 'content-type': 'application/json' }));
  api.get('/:token/notes', async (c) => c.json({ items: (await library.notes.list((await sharedVideo(c)).session.id)).map((n) => noteView(n, 'athlete')) }));
  api.get('/:token/drawings', async (c) =>
    c.json({ items: (await library.drawings.list((await sharedVideo(c)).session.id)).map((d) => drawingView(d, 'athlete')) }),
  );
  // Read-only, and nothing else answers here (not the guard's 401: there is no sign-in to ask for).
  api.all('*', () => {
    throw new ProxyError(404, 'not_found', 'There is no such API route.');
  });
  return api;
}
