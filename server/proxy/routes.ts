/**
 * The /api routes: an explicit map from each dashboard call to one Guru call. Bodies and ids are
 * validated before anything leaves; the library is updated from what Guru answers.
 */
import fs from 'node:fs';
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import {
  createSessionRequestSchema,
  moveSessionRequestSchema,
  sessionListQuerySchema,
  updateSessionRequestSchema,
  type Health,
  type VideoDetail,
} from '../../src/contract/api.ts';
import { isActivityInDomain, videoIdSchema } from '../../src/contract/guru.ts';
import { activityName, ANALYSABLE_ACTIVITIES, isAnalysable } from '../../src/contract/measures.ts';
import { actorId } from './actor.ts';
import { createAthleteApi } from './athlete-routes.ts';
import { methodNotAllowed, ProxyError } from './errors.ts';
import { createFeedbackApi } from './feedback-routes.ts';
import type { GuruClient } from './guru-client.ts';
import type { Library } from './library-store.ts';
import type { PosterStore } from './posters.ts';
import { createRepApi } from './rep-routes.ts';
import { jsonBody, parse } from './request.ts';
import type { SessionSync } from './session-sync.ts';

export interface ApiOptions {
  guru: GuruClient;
  library: Library;
  sync: SessionSync;
  posters: PosterStore;
  mode: 'local' | 'remote';
  maxUploadBytes: number;
}

const videoId = (c: Context) => parse(videoIdSchema, c.req.param('id'));
const stillTimeSchema = z.coerce.number().int().min(0).max(24 * 3600 * 1000);

export function createApi(options: ApiOptions) {
  const { guru, library, posters, sync } = options;
  const api = new Hono();

  /** The local Guru measures a subset of Guru's activities: say so before anything is created. */
  function refuseUnanalysable(activity: string | undefined) {
    if (options.mode === 'local' && activity && !isAnalysable(activity)) {
      throw new ProxyError(400, 'activity_not_analysable',
        `The local analysis does not measure ${activityName(activity)} (only the cloud Guru counts it). It measures ${ANALYSABLE_ACTIVITIES.map(activityName).join(', ')}.`);
    }
  }

  api.get('/health', (c) => c.json({ ok: true, guru: options.mode } satisfies Health));

  api.post('/videos', async (c) => {
    const raw = (await jsonBody(c)) as { size?: unknown } | null;
    // Too large is its own answer (413), before the schema's general 400.
    if (typeof raw?.size === 'number' && raw.size > options.maxUploadBytes) {
      throw new ProxyError(413, 'file_too_large', `This file is larger than the ${Math.round(options.maxUploadBytes / 2 ** 20)} MB limit.`);
    }
    const body = parse(createSessionRequestSchema, raw);
    refuseUnanalysable(body.activity);
    const created = await guru.createVideo({
      filename: body.filename,
      size: body.size,
      domain: body.domain,
      activity: body.activity,
      repCount: body.repCount,
      source: 'replens',
    });
    await library.add({
      id: created.id,
      athlete: body.athlete,
      filename: body.filename,
      size: body.size,
      domain: body.domain,
      activity: body.activity,
      expectedReps: body.repCount ?? null,
      createdBy: actorId(c),
    });
    return c.json({ id: created.id, url: created.url, fields: created.fields }, 201);
  });

  // The list answers from the library at once; session-sync.ts brings unfinished sessions up to date.
  api.get('/videos', async (c) => c.json(await library.list(parse(sessionListQuerySchema, c.req.query()))));

  api.get('/videos/:id', async (c) => {
    const id = videoId(c);
    const video = await guru.getVideo(id);
    let session = (await library.get(id)) ?? null;
    if (session?.status === 'Uploading' && video.status === 'Success') session = (await library.update(id, { status: 'Pending' })) ?? null;
    const detail: VideoDetail = { ...video, analysis: undefined, j2p: undefined, session };
    return c.json(detail);
  });

  api.put('/videos/:id', async (c) => {
    const id = videoId(c);
    const body = parse(updateSessionRequestSchema, await jsonBody(c));
    // The pair after the change must be valid, not just the fields sent.
    const current = await library.get(id);
    const domain = body.domain ?? current?.domain;
    const activity = body.activity ?? current?.activity;
    if (domain && activity && !isActivityInDomain(domain, activity)) {
      throw new ProxyError(400, 'invalid_request', `activity: ${activity} is not an activity of ${domain}`);
    }
    refuseUnanalysable(body.activity);
    // An edited set's count is its reps': a different number would say two things at once.
    if (current?.repsEdited && body.repCount !== undefined && body.repCount !== current.correctedReps) {
      throw new ProxyError(409, 'reps_edited',
        `The reps of this set were edited on the timeline, so its count is theirs (${current.correctedReps}). Undo or reset the edits to type a count.`);
    }
    await guru.updateVideo(id, body);
    // Another activity is analysed anew (local Guru) or measured differently: edits of the old reps no longer apply.
    if (body.activity && current && body.activity !== current.activity) await library.repEdits.discard(id);
    // Guru's repCount only records the expected count; the coach's correction lives here too.
    await library.update(id, { correctedReps: body.repCount, domain: body.domain, activity: body.activity });
    await library.markEdited(id, actorId(c));
    return c.json({ id });
  });

  // Ours, never forwarded: Guru knows nothing of athletes.
  api.put('/videos/:id/athlete', async (c) => {
    const id = videoId(c);
    const { athlete } = parse(moveSessionRequestSchema, await jsonBody(c));
    const session = await library.move(id, athlete);
    if (!session) throw new ProxyError(404, 'not_found', 'This session is not in the library.');
    return c.json(session);
  });

  api.delete('/videos/:id', async (c) => {
    const id = videoId(c);
    if (!(await library.delete(id))) throw new ProxyError(404, 'not_found', 'This session is not in the library.');
    posters.remove(id);
    return c.body(null, 204);
  });

  api.get('/videos/:id/analysis', async (c) => {
    const id = videoId(c);
    const analysis = await guru.getAnalysis(id);
    await sync.record(id, analysis);
    return c.json(analysis);
  });

  /** A session's video URL for cutting a frame from, or a clear 404. */
  async function frameSource(id: string): Promise<string> {
    const session = await library.get(id);
    if (!session) throw new ProxyError(404, 'not_found', 'This session is not in the library.');
    if (session.reason === 'UNDECODABLE_VIDEO') throw new ProxyError(404, 'no_poster', 'No picture could be taken from this video.');
    const video = await guru.getVideo(id);
    if (video.status !== 'Success' || !video.uri) throw new ProxyError(404, 'no_poster', 'This video has no picture yet.');
    return video.uri;
  }
  const jpeg = async (c: Context, file: string | null) => {
    if (!file) throw new ProxyError(404, 'no_poster', 'No picture could be taken from this video.');
    return c.body(await fs.promises.readFile(file), 200, { 'content-type': 'image/jpeg', 'cache-control': 'private, max-age=86400' });
  };

  api.get('/videos/:id/poster', async (c) => {
    const id = videoId(c);
    const cached = (await library.get(id)) && posters.cached(id);
    if (cached) return jpeg(c, cached);
    if (posters.failed(id)) throw new ProxyError(404, 'no_poster', 'No picture could be taken from this video.');
    return jpeg(c, await posters.make(id, await frameSource(id)));
  });

  // A still of one moment (a rep's bottom, for the printed summary).
  api.get('/videos/:id/stills/:ms', async (c) => {
    const id = videoId(c);
    const ms = parse(stillTimeSchema, c.req.param('ms'));
    return jpeg(c, await posters.still(id, ms, await frameSource(id)));
  });

  api.get('/videos/:id/j2p', async (c) => c.body(await guru.streamJ2p(videoId(c)), 200, { 'content-type': 'application/json' }));

  api.route('/videos/:id/reps', createRepApi(guru, library));
  const feedback = createFeedbackApi(library);
  api.route('/videos/:id/notes', feedback.notes);
  api.route('/videos/:id/drawings', feedback.drawings);
  api.route('/videos/:id/shares', feedback.shares);
  api.route('/compare/shares', feedback.compareShares);
  api.route('/athletes', createAthleteApi(library, guru));

  api.all('/videos', () => methodNotAllowed());
  api.all('/videos/:id', () => methodNotAllowed());
  api.all('/videos/:id/:call{analysis|j2p|poster|athlete}', () => methodNotAllowed());
  api.all('/videos/:id/stills/:ms', () => methodNotAllowed());
  api.all('*', () => {
    throw new ProxyError(404, 'not_found', 'There is no such API route.');
  });
  return api;
}
