/**
 * /api/videos/:id/reps: the coach's version of a set (RepLens's own; Guru's answer is never
 * changed). A save sends the whole set as rep bounds; a rep that is exactly one the coach was
 * shown keeps its numbers, any other is measured from the set's joint data by the engine's own
 * per-rep measuring (server/measure/remeasure.ts), on the local or the cloud Guru's j2p alike.
 */
import { Hono, type Context } from 'hono';
import { saveRepsRequestSchema, undoRepsRequestSchema, type CoachRep, type RepBounds } from '../../src/contract/api.ts';
import { videoIdSchema, type Rep } from '../../src/contract/guru.ts';
import { measureReps, RemeasureError } from '../measure/remeasure.ts';
import { actorId } from './actor.ts';
import { methodNotAllowed, ProxyError } from './errors.ts';
import type { GuruClient } from './guru-client.ts';
import type { Library, SaveResult } from './library-store.ts';
import { jsonBody, parse } from './request.ts';

const videoId = (c: Context) => parse(videoIdSchema, c.req.param('id'));
const notInLibrary = () => new ProxyError(404, 'not_found', 'This session is not in the library.');

const sameBounds = (rep: Rep, b: RepBounds) =>
  rep.startTimestampMs === b.startTimestampMs && rep.endTimestampMs === b.endTimestampMs &&
  (b.midTimestampMs === undefined || rep.midTimestampMs === b.midTimestampMs);

export function createRepApi(guru: GuruClient, library: Library) {
  const { repEdits } = library;
  const api = new Hono();

  function answer(c: Context, result: SaveResult) {
    if ('notFound' in result) throw notInLibrary();
    if ('nothingToUndo' in result) throw new ProxyError(409, 'nothing_to_undo', 'There is no rep edit to undo.');
    if ('stale' in result) {
      throw new ProxyError(409, 'reps_changed', 'These reps were changed elsewhere since this page loaded. Reload to see the newest version.');
    }
    return c.json(result.saved);
  }

  /** The set as the coach judges it: kept reps as they were, the rest measured where they are now. */
  async function coachVersion(id: string, bounds: RepBounds[], shown: CoachRep[] | null): Promise<CoachRep[]> {
    const analysis = await guru.getAnalysis(id);
    if (analysis.status !== 'Complete') throw new ProxyError(409, 'not_analysed', 'Reps can be edited once the analysis is complete.');
    const current: CoachRep[] = shown ?? analysis.reps.map((r) => ({ ...r, edited: false }));
    const kept = bounds.map((b) => current.find((r) => sameBounds(r, b)));
    const moved = bounds.filter((_, i) => !kept[i]);
    if (moved.length === 0) return kept as CoachRep[];
    const activity = analysis.activity ?? (await library.get(id))?.activity;
    const j2p = await guru.getJ2p(id);
    if (!activity || !j2p.resolutionWidth || !j2p.resolutionHeight) {
      throw new ProxyError(422, 'cannot_measure', 'The analysis gave no joint data for this video, so edited reps cannot be measured.');
    }
    let measured: Rep[];
    try {
      measured = measureReps(j2p.jointToPoints, { width: j2p.resolutionWidth, height: j2p.resolutionHeight }, activity, analysis.view ?? null, moved);
    } catch (error) {
      if (error instanceof RemeasureError) throw new ProxyError(422, 'cannot_measure', error.message);
      throw error;
    }
    return kept.map((rep) => rep ?? { ...measured.shift()!, edited: true });
  }

  api.get('/', async (c) => {
    const reps = await repEdits.current(videoId(c));
    if (!reps) throw notInLibrary();
    return c.json(reps);
  });

  api.put('/', async (c) => {
    const id = videoId(c);
    const body = parse(saveRepsRequestSchema, await jsonBody(c));
    const before = await repEdits.current(id);
    if (!before) throw notInLibrary();
    // Checked before measuring, and again in the save's transaction.
    if (before.version !== body.basedOn) return answer(c, { stale: before });
    const reps = body.reps && (await coachVersion(id, body.reps, before.reps));
    return answer(c, await repEdits.save(id, body.basedOn, reps, actorId(c)));
  });

  api.post('/undo', async (c) => {
    const { basedOn } = parse(undoRepsRequestSchema, await jsonBody(c));
    return answer(c, await repEdits.undo(videoId(c), basedOn, actorId(c)));
  });

  api.all('/', () => methodNotAllowed());
  api.all('/undo', () => methodNotAllowed());
  return api;
}
