/** /api/athletes through app.request() on a real SQLite library. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { athleteListSchema, athleteSummarySchema } from '../../src/contract/api.ts';
import { createAthleteApi } from './athlete-routes.ts';
import { ProxyError } from './errors.ts';
import { openLibrary, type Library } from './library.ts';

let dir: string;
let library: Library;
let app: Hono;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replens-athletes-'));
  library = openLibrary(dir);
  app = new Hono().route('/api/athletes', createAthleteApi(library));
  app.onError((e, c) => (e instanceof ProxyError ? c.json({ error: { code: e.code, message: e.message } }, e.status) : c.text('boom', 500)));
});
afterEach(() => {
  library.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const add = (id: string, athlete: string) =>
  library.add({ id, athlete, filename: 'set.mp4', size: 1, domain: 'weightlifting', activity: 'squat', expectedReps: null }).athleteId;
const send = (method: string, p: string, body?: unknown, type = 'application/json') =>
  app.request(`/api/athletes${p}`, { method, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': type } });

describe('/api/athletes', () => {
  it('lists athletes by name with their session counts', async () => {
    add('a', 'Zoe');
    add('b', 'ana');
    add('c', 'Ana');
    const res = await app.request('/api/athletes');
    expect(athleteListSchema.parse(await res.json()).items.map((a) => [a.name, a.sessions])).toEqual([
      ['ana', 2],
      ['Zoe', 1],
    ]);
  });

  it('renames, with a 409 naming the athlete who has the name already', async () => {
    const maya = add('a', 'maya chen');
    add('b', 'Ana');
    const renamed = await send('PUT', `/${maya}`, { name: '  Maya Chen ' });
    expect(renamed.status).toBe(200);
    expect(athleteSummarySchema.parse(await renamed.json())).toMatchObject({ id: maya, name: 'Maya Chen' });
    const taken = await send('PUT', `/${maya}`, { name: 'ANA' });
    expect(taken.status).toBe(409);
    expect((await taken.json()).error.message).toBe('Ana already exists. Merge the two athletes instead.');
  });

  it('merges, moving every session', async () => {
    const maya = add('a', 'Maya');
    const other = add('b', 'Maya C');
    const merged = await send('POST', `/${other}/merge`, { into: maya });
    expect(merged.status).toBe(200);
    expect(await merged.json()).toMatchObject({ id: maya, sessions: 2 });
    expect(library.get('b')!.athleteId).toBe(maya);
    expect((await send('POST', `/${other}/merge`, { into: maya })).status).toBe(404);
  });

  it('answers bad input with a clear 4xx', async () => {
    const id = add('a', 'Ana');
    const cases: [string, string, unknown, number, RegExp?][] = [
      ['PUT', `/${id}`, { name: '' }, 400, /athlete is required/],
      ['PUT', `/${id}`, { name: 'x'.repeat(81) }, 400, /longer than 80/],
      ['PUT', `/${id}`, { name: '\u202eAna' }, 400, /text-direction/],
      ['PUT', `/${id}`, { name: 'Bo', extra: 1 }, 400],
      ['PUT', `/${id}`, '{not json', 400, /not valid JSON/],
      ['PUT', '/abc', { name: 'Bo' }, 400],
      ['PUT', '/0', { name: 'Bo' }, 400],
      ['PUT', '/999', { name: 'Bo' }, 404, /no such athlete/],
      ['POST', `/${id}/merge`, { into: id }, 400, /into itself/],
      ['POST', `/${id}/merge`, { into: '2' }, 400],
      ['POST', `/${id}/merge`, {}, 400],
      ['DELETE', `/${id}`, undefined, 405],
      ['POST', '', { name: 'Bo' }, 405],
    ];
    for (const [method, p, body, status, message] of cases) {
      const res = await send(method, p, body);
      expect(res.status, `${method} ${p} ${JSON.stringify(body)}`).toBe(status);
      if (message) expect((await res.json()).error.message).toMatch(message);
    }
    expect((await send('PUT', `/${id}`, 'name=Bo', 'application/x-www-form-urlencoded')).status).toBe(415);
    expect(library.athletes.get(id)!.name).toBe('Ana');
  });
});
