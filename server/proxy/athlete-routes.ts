/** /api/athletes: RepLens's own routes (Guru knows nothing of athletes): list, one athlete, rename, merge, an athlete's sets, export. */
import { Hono, type Context } from 'hono';
import {
  athleteExportQuerySchema,
  athleteIdSchema,
  athleteSettingsRequestSchema,
  EXPORT_SETS_HEADER,
  EXPORT_SKIPPED_HEADER,
  mergeAthleteRequestSchema,
  renameAthleteRequestSchema,
  type AthleteList,
  type AthleteSets,
  type AthleteSummary,
} from '../../src/contract/api.ts';
import { collectAthleteSets, exportAthlete, VelocityCache } from './athlete-export.ts';
import { methodNotAllowed, ProxyError } from './errors.ts';
import type { GuruClient } from './guru-client.ts';
import type { Library } from './library-store.ts';
import { jsonBody, parse } from './request.ts';

const athleteId = (c: Context) => parse(athleteIdSchema, c.req.param('id'));
const notFound = () => new ProxyError(404, 'athlete_not_found', 'There is no such athlete (merged or removed?). Reload the list.');

export function createAthleteApi(library: Library, guru: GuruClient) {
  const { athletes } = library;
  const velocities = new VelocityCache();
  const api = new Hono();

  api.get('/', async (c) => c.json({ items: await athletes.list() } satisfies AthleteList));

  // One athlete's numbers, for a review: every signed-in coach sees every athlete, as in the list (access.ts).
  api.get('/:id', async (c) => {
    const athlete = await athletes.get(athleteId(c));
    if (!athlete) throw notFound();
    return c.json(athlete satisfies AthleteSummary);
  });

  api.put('/:id', async (c) => {
    const id = athleteId(c);
    const { name } = parse(renameAthleteRequestSchema, await jsonBody(c));
    const result = await athletes.rename(id, name);
    if ('notFound' in result) throw notFound();
    if ('conflict' in result) {
      throw new ProxyError(409, 'athlete_exists', `${result.conflict.name} already exists. Merge the two athletes instead.`);
    }
    return c.json(result.athlete);
  });

  api.patch('/:id', async (c) => {
    const id = athleteId(c);
    const numbers = parse(athleteSettingsRequestSchema, await jsonBody(c));
    const athlete = await athletes.setNumbers(id, numbers);
    if (!athlete) throw notFound();
    return c.json(athlete);
  });

  api.post('/:id/merge', async (c) => {
    const id = athleteId(c);
    const { into } = parse(mergeAthleteRequestSchema, await jsonBody(c));
    const result = await athletes.merge(id, into);
    if ('same' in result) throw new ProxyError(400, 'invalid_request', 'into: an athlete cannot be merged into itself');
    if ('notFound' in result) throw notFound();
    return c.json(result.athlete);
  });

  api.get('/:id/sets', async (c) => {
    const id = athleteId(c);
    const range = parse(athleteExportQuerySchema, c.req.query());
    const athlete = await athletes.get(id);
    if (!athlete) throw notFound();
    const { sets, skipped } = await collectAthleteSets(guru, library, athlete, range, velocities);
    return c.json({ athlete, sets, skipped } satisfies AthleteSets);
  });

  api.get('/:id/export.csv', async (c) => {
    const id = athleteId(c);
    const range = parse(athleteExportQuerySchema, c.req.query());
    const athlete = await athletes.get(id);
    if (!athlete) throw notFound();
    const result = await exportAthlete(guru, library, athlete, range, velocities);
    return c.body(result.csv, 200, {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': result.disposition,
      'cache-control': 'no-store',
      [EXPORT_SETS_HEADER]: String(result.sets),
      [EXPORT_SKIPPED_HEADER]: String(result.skipped),
    });
  });

  api.all('/', () => methodNotAllowed());
  api.all('/:id', () => methodNotAllowed());
  api.all('/:id/merge', () => methodNotAllowed());
  api.all('/:id/export.csv', () => methodNotAllowed());
  api.all('/:id/sets', () => methodNotAllowed());
  return api;
}
