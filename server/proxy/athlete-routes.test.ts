/** /api/athletes through app.request() on both library backends (Guru, for the export, a fake upstream on app.request). */
import { Hono } from 'hono';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { athleteListSchema, athleteSetsSchema, athleteSummarySchema, type CoachRep } from '../../src/contract/api.ts';
import type { AnalysisResponse, J2pResponse, Rep } from '../../src/contract/guru.ts';
import { squatSet, SYNTHETIC } from '../../src/contract/synthetic-joints.ts';
import { parseCsv } from '../../src/contract/reps-csv.ts';
import { createAthleteApi } from './athlete-routes.ts';
import { ProxyError } from './errors.ts';
import { createGuruClient } from './guru-client.ts';
import type { Library } from './library-store.ts';
import { describeEachBackend, type TestLibrary } from './test-libraries.ts';

let library: Library;
let app: Hono;

/** Guru's analyses by video id; an id without one answers 404. Counts calls at once. */
const analyses = new Map<string, AnalysisResponse | 'broken'>();
/** Guru's joint data by video id; an id without one answers 404. */
const joints = new Map<string, J2pResponse>();
const guruCalls = { now: 0, most: 0 };
/** The sets whose joint data was asked for, in order. */
const j2pCalls: string[] = [];
const upstream = new Hono().get('/videos/:id/analysis', async (c) => {
  guruCalls.most = Math.max(guruCalls.most, ++guruCalls.now);
  await new Promise((r) => setTimeout(r, 5));
  guruCalls.now--;
  const analysis = analyses.get(c.req.param('id'));
  if (analysis === 'broken') return c.json({ message: 'boom' }, 500);
  return analysis ? c.json(analysis) : c.json({ message: 'Not found' }, 404);
}).get('/videos/:id/j2p', (c) => {
  j2pCalls.push(c.req.param('id'));
  const j2p = joints.get(c.req.param('id'));
  return j2p ? c.json(j2p) : c.json({ message: 'Not found' }, 404);
});
const guru = createGuruClient({
  apiUrl: 'http://guru.test',
  tokens: { get: async () => 'token', invalidate: () => {}, requests: 0 },
  authScheme: 'bearer',
  getRetries: 0,
  fetch: async (input, init) => upstream.request(String(input), init),
});


const add = async (id: string, athlete: string) =>
  (await library.add({ id, athlete, filename: 'set.mp4', size: 1, domain: 'weightlifting', activity: 'squat', expectedReps: null })).athleteId;
const send = (method: string, p: string, body?: unknown, type = 'application/json') =>
  app.request(`/api/athletes${p}`, { method, body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': type } });

describeEachBackend((backend) => {
  let opened: TestLibrary;
  beforeEach(async () => {
    opened = await backend.open();
    library = opened.library;
    analyses.clear();
    joints.clear();
    j2pCalls.length = 0;
    guruCalls.most = 0;
    app = new Hono().route('/api/athletes', createAthleteApi(library, guru));
    app.onError((e, c) => (e instanceof ProxyError ? c.json({ error: { code: e.code, message: e.message } }, e.status) : c.text('boom', 500)));
  });
  afterEach(() => opened.close());

  describe('/api/athletes', () => {
    it('lists athletes by name with their session counts', async () => {
      await add('a', 'Zoe');
      await add('b', 'ana');
      await add('c', 'Ana');
      const res = await app.request('/api/athletes');
      expect(athleteListSchema.parse(await res.json()).items.map((a) => [a.name, a.sessions])).toEqual([
        ['ana', 2],
        ['Zoe', 1],
      ]);
    });

    it('renames, with a 409 naming the athlete who has the name already', async () => {
      const maya = await add('a', 'maya chen');
      await add('b', 'Ana');
      const renamed = await send('PUT', `/${maya}`, { name: '  Maya Chen ' });
      expect(renamed.status).toBe(200);
      expect(athleteSummarySchema.parse(await renamed.json())).toMatchObject({ id: maya, name: 'Maya Chen' });
      const taken = await send('PUT', `/${maya}`, { name: 'ANA' });
      expect(taken.status).toBe(409);
      expect((await taken.json()).error.message).toBe('Ana already exists. Merge the two athletes instead.');
    });

    it('merges, moving every session', async () => {
      const maya = await add('a', 'Maya');
      const other = await add('b', 'Maya C');
      const merged = await send('POST', `/${other}/merge`, { into: maya });
      expect(merged.status).toBe(200);
      expect(await merged.json()).toMatchObject({ id: maya, sessions: 2 });
      expect((await library.get('b'))!.athleteId).toBe(maya);
      expect((await send('POST', `/${other}/merge`, { into: maya })).status).toBe(404);
    });

    it("sets the athlete's height and velocity-loss threshold, keeps what is not given, clears the height with null", async () => {
      const id = await add('a', 'Ana');
      expect(await library.athletes.get(id)).toMatchObject({ heightCm: null, velocityLossPct: 20 });
      let res = await send('PATCH', `/${id}`, { heightCm: 172.5 });
      expect(res.status).toBe(200);
      expect(athleteSummarySchema.parse(await res.json())).toMatchObject({ name: 'Ana', heightCm: 172.5, velocityLossPct: 20 });
      res = await send('PATCH', `/${id}`, { velocityLossPct: 30 });
      expect(await res.json()).toMatchObject({ heightCm: 172.5, velocityLossPct: 30 });
      // The list carries them too (the athlete page reads them there).
      const list = athleteListSchema.parse(await (await send('GET', '')).json());
      expect(list.items[0]).toMatchObject({ heightCm: 172.5, velocityLossPct: 30 });
      res = await send('PATCH', `/${id}`, { heightCm: null });
      expect(await res.json()).toMatchObject({ heightCm: null, velocityLossPct: 30 });
    });

    it('reads one athlete with their numbers; an unknown or merged-away one is a 404', async () => {
      const ana = await add('a', 'Ana');
      const bo = await add('b', 'Bo');
      await send('PATCH', `/${ana}`, { heightCm: 168, velocityLossPct: 25 });
      const res = await send('GET', `/${ana}`);
      expect(res.status).toBe(200);
      expect(athleteSummarySchema.parse(await res.json())).toEqual({
        id: ana, name: 'Ana', sessions: 1, needsReview: 0, lastSessionAt: expect.any(String), heightCm: 168, velocityLossPct: 25,
      });
      expect(await (await send('GET', '/999')).json()).toMatchObject({ error: { code: 'athlete_not_found', message: expect.stringMatching(/no such athlete/) } });
      expect((await send('GET', '/999')).status).toBe(404);
      await send('POST', `/${bo}/merge`, { into: ana });
      expect((await send('GET', `/${bo}`)).status).toBe(404);
      expect(await (await send('GET', `/${ana}`)).json()).toMatchObject({ sessions: 2, heightCm: 168 });
      for (const bad of ['/abc', '/0', '/1.5', `/${Number.MAX_SAFE_INTEGER + 2}`]) expect((await send('GET', bad)).status, bad).toBe(400);
    });

    it('answers bad input with a clear 4xx', async () => {
      const id = await add('a', 'Ana');
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
        ['PATCH', `/${id}`, { heightCm: 99 }, 400, /at least 100 cm/],
        ['PATCH', `/${id}`, { heightCm: 251 }, 400, /at most 250 cm/],
        ['PATCH', `/${id}`, { heightCm: '180' }, 400, /number of centimetres/],
        ['PATCH', `/${id}`, { velocityLossPct: 2 }, 400, /at least 5%/],
        ['PATCH', `/${id}`, { velocityLossPct: 12.5 }, 400, /whole percentage/],
        ['PATCH', `/${id}`, {}, 400, /heightCm or velocityLossPct/],
        ['PATCH', `/${id}`, { heightCm: 180, weight: 80 }, 400],
        ['PATCH', '/999', { heightCm: 180 }, 404, /no such athlete/],
        ['DELETE', `/${id}`, undefined, 405],
        ['POST', '', { name: 'Bo' }, 405],
      ];
      for (const [method, p, body, status, message] of cases) {
        const res = await send(method, p, body);
        expect(res.status, `${method} ${p} ${JSON.stringify(body)}`).toBe(status);
        if (message) expect((await res.json()).error.message).toMatch(message);
      }
      expect((await send('PUT', `/${id}`, 'name=Bo', 'application/x-www-form-urlencoded')).status).toBe(415);
      expect((await library.athletes.get(id))!.name).toBe('Ana');
    });
  });

  describe('GET /api/athletes/:id/export.csv', () => {
    const rep = (startS: number, depth: number | null, confidence = 0.9): Rep => ({
      startTimestampMs: startS * 1000, midTimestampMs: startS * 1000 + 500, endTimestampMs: startS * 1000 + 1000, confidence,
      analyses: [{ analysisType: 'HIP_KNEE_ANGLE_DEGREES', analysisScalar: depth, analysisOpinion: depth === null ? null : depth <= 0 ? 'good' : 'bad' }],
    });
    /** An analysed set of `athlete` recorded at `iso`, with Guru's `reps`. */
    async function analysed(id: string, athlete: string, iso: string, reps: Rep[] | 'broken' | 'missing', activity = 'squat') {
      vi.useFakeTimers({ toFake: ['Date'] });
      vi.setSystemTime(new Date(iso));
      const { athleteId } = await library.add({ id, athlete, filename: `${id}.mp4`, size: 1, domain: 'weightlifting', activity, expectedReps: null });
      vi.useRealTimers();
      await library.update(id, { status: 'Complete', repsFound: Array.isArray(reps) ? reps.length : 0 });
      if (reps !== 'missing') analyses.set(id, reps === 'broken' ? reps : { status: 'Complete', activity, view: 'side', reps } as AnalysisResponse);
      return athleteId;
    }
    const rows = async (res: Response) => {
      const [header, ...body] = parseCsv(await res.text());
      return body.map((r) => Object.fromEntries(header.map((h, i) => [h, r[i]])));
    };

    it("writes one row per rep of each analysed set in range, oldest first, the coach's version where there is one", async () => {
      const maya = await analysed('m-old', 'Maya Chén', '2026-09-01T10:00:00Z', [rep(1, -5)]);
      await analysed('m-new', 'Maya Chén', '2026-11-20T10:00:00Z', [rep(1, 10), rep(3, -2, 0.2)]);
      await analysed('m-mid', 'Maya Chén', '2026-11-02T23:30:00Z', [rep(2, null)], 'deadlift');
      await analysed('other', 'Ben', '2026-11-10T10:00:00Z', [rep(1, 0)]);
      await library.add({ id: 'pending', athlete: 'Maya Chén', filename: 'p.mp4', size: 1, domain: 'weightlifting', activity: 'squat', expectedReps: null });
      // The coach split rep 1 of m-new in two and kept rep 2.
      const edited: CoachRep[] = [{ ...rep(0.5, -8), edited: true }, { ...rep(1.2, -1), edited: true }, { ...rep(3, -2, 0.2), edited: false }];
      await library.repEdits.save('m-new', 0, edited);

      const res = await app.request(`/api/athletes/${maya}/export.csv?from=2026-11-01&to=2026-11-30`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(res.headers.get('content-disposition')).toBe(
        `attachment; filename="Maya-Chen-2026-11-01-2026-11-30.csv"; filename*=UTF-8''${encodeURIComponent('Maya Chén-2026-11-01-2026-11-30.csv')}`,
      );
      expect([res.headers.get('x-replens-sets'), res.headers.get('x-replens-skipped')]).toEqual(['2', '0']);
      const written = await rows(res);
      expect(written.map((r) => [r.Athlete, r.Date, r.Activity, r.Video, r.Rep, r['Squat depth (°)'], r['Edited by coach'], r['Check this rep']])).toEqual([
        ['Maya Chén', '2026-11-02', 'Deadlift', 'm-mid.mp4', '1', 'not measured', 'no', 'no'],
        ['Maya Chén', '2026-11-20', 'Squat', 'm-new.mp4', '1', '-8', 'yes', 'no'],
        ['Maya Chén', '2026-11-20', 'Squat', 'm-new.mp4', '2', '-1', 'yes', 'no'],
        ['Maya Chén', '2026-11-20', 'Squat', 'm-new.mp4', '3', '-2', 'no', 'yes'],
      ]);
      expect(written[0]['Camera view']).toBe('Side');

      // Dates are the coach's calendar days: 23:30 UTC on Nov 2 is Nov 3 in Paris.
      const paris = await rows(await app.request(`/api/athletes/${maya}/export.csv?from=2026-11-03&to=2026-11-03&tz=Europe/Paris`));
      expect(paris.map((r) => [r.Video, r.Date])).toEqual([['m-mid.mp4', '2026-11-03']]);
      // Open ends take everything.
      const all = await app.request(`/api/athletes/${maya}/export.csv`);
      expect(all.headers.get('content-disposition')).toMatch(/filename="Maya-Chen-earliest-latest\.csv"/);
      expect((await rows(all)).map((r) => r.Video)).toEqual(['m-old.mp4', 'm-mid.mp4', 'm-new.mp4', 'm-new.mp4', 'm-new.mp4']);
    });

    it("adds RepLens's velocity from Guru's joint data: m/s at the athlete's height, else BH/s; a set without joint data still counts", async () => {
      // Shoulders rise 150 px at 300 then 240 px/s; the body is 300 px tall.
      const motion = squatSet([300, 240]);
      const reps = motion.reps.map((r) => ({ ...r, analyses: [] }));
      const maya = await analysed('v-1', 'Maya', '2026-11-20T10:00:00Z', reps);
      joints.set('v-1', { resolutionWidth: SYNTHETIC.W, resolutionHeight: SYNTHETIC.H, jointToPoints: motion.j2p() });
      await analysed('v-none', 'Maya', '2026-11-21T10:00:00Z', reps);
      let written = await rows(await app.request(`/api/athletes/${maya}/export.csv`));
      expect(written.map((r) => r.Video)).toEqual(['v-1.mp4', 'v-1.mp4', 'v-none.mp4', 'v-none.mp4']);
      expect(Number(written[0]['Mean velocity (RepLens) (BH/s)'])).toBeCloseTo(300 / SYNTHETIC.S, 1);
      expect(written[2]['Mean velocity (RepLens) (BH/s)']).toBe('');

      await send('PATCH', `/${maya}`, { heightCm: 180 });
      written = await rows(await app.request(`/api/athletes/${maya}/export.csv`));
      expect(Number(written[0]['Mean velocity (RepLens) (m/s)'])).toBeCloseTo((300 * 1.8) / SYNTHETIC.S, 1);
      expect(Number(written[1]['Velocity loss (RepLens) (%)'])).toBeCloseTo(20, -0.5);
      const sets = athleteSetsSchema.parse(await (await app.request(`/api/athletes/${maya}/sets`)).json());
      expect(sets.sets[0].reps[1].analyses.map((a) => a.analysisType)).toContain('MEAN_CONCENTRIC_VELOCITY_M_PER_S');
      // The joint data is read once per set and athlete numbers; a set without any is asked again.
      expect(j2pCalls.filter((id) => id === 'v-1')).toHaveLength(2);
      expect(j2pCalls.filter((id) => id === 'v-none')).toHaveLength(3);
      // The coach's own reps are measured anew.
      await library.repEdits.save('v-1', 0, [{ ...reps[0], edited: true }]);
      const edited = athleteSetsSchema.parse(await (await app.request(`/api/athletes/${maya}/sets`)).json());
      expect(j2pCalls.filter((id) => id === 'v-1')).toHaveLength(3);
      expect(edited.sets[0].reps).toHaveLength(1);
      expect(edited.sets[0].reps[0].analyses.find((a) => a.analysisType === 'MEAN_CONCENTRIC_VELOCITY_M_PER_S')?.analysisScalar).toBeCloseTo((300 * 1.8) / SYNTHETIC.S, 1);
    });

    it("gives the same sets as JSON for the athlete page: the coach's reps, what was detected, skipped ones counted", async () => {
      const maya = await analysed('j-old', 'Maya Chén', '2026-09-01T10:00:00Z', [rep(1, -5)]);
      await analysed('j-new', 'Maya Chén', '2026-11-20T10:00:00Z', [rep(1, 10), rep(3, -2)]);
      await analysed('j-broken', 'Maya Chén', '2026-11-21T10:00:00Z', 'broken');
      await library.repEdits.save('j-new', 0, [{ ...rep(3, -2), edited: false }]);
      const res = await app.request(`/api/athletes/${maya}/sets?from=2026-11-01`);
      expect(res.status).toBe(200);
      const body = athleteSetsSchema.parse(await res.json());
      expect(body.athlete.name).toBe('Maya Chén');
      expect(body.skipped).toBe(1);
      expect(body.sets.map((s) => [s.id, s.date, s.activity, s.view, s.detected, s.reps.length])).toEqual([['j-new', '2026-11-20', 'squat', 'side', 2, 1]]);
      expect((await app.request('/api/athletes/999/sets')).status).toBe(404);
      expect((await app.request(`/api/athletes/${maya}/sets?from=yesterday`)).status).toBe(400);
    });

    it('leaves out and counts sets whose analysis cannot be read, four at a time at most', async () => {
      const ana = await analysed('a0', 'Ana', '2026-11-01T10:00:00Z', [rep(1, 0)]);
      await analysed('a1', 'Ana', '2026-11-02T10:00:00Z', 'broken');
      await analysed('a2', 'Ana', '2026-11-03T10:00:00Z', 'missing');
      for (let i = 3; i < 10; i++) await analysed(`a${i}`, 'Ana', `2026-11-${String(i + 1).padStart(2, '0')}T10:00:00Z`, [rep(1, 0)]);
      const res = await app.request(`/api/athletes/${ana}/export.csv`);
      expect([res.status, res.headers.get('x-replens-sets'), res.headers.get('x-replens-skipped')]).toEqual([200, '8', '2']);
      expect((await rows(res)).map((r) => r.Video)).toEqual(['a0', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9'].map((v) => `${v}.mp4`));
      expect(guruCalls.most).toBe(4);

      // Nothing readable at all is an error, not an empty file.
      const bo = await analysed('b0', 'Bo', '2026-11-01T10:00:00Z', 'broken');
      const none = await app.request(`/api/athletes/${bo}/export.csv`);
      expect(none.status).toBe(502);
      expect((await none.json()).error.message).toMatch(/None of the 1 sets could be read/);
    });

    it('answers a range with no sets with the header only', async () => {
      const ana = await analysed('a0', 'Ana', '2026-11-01T10:00:00Z', [rep(1, 0)]);
      const res = await app.request(`/api/athletes/${ana}/export.csv?from=2026-12-01`);
      expect([res.status, res.headers.get('x-replens-sets'), res.headers.get('x-replens-skipped')]).toEqual([200, '0', '0']);
      expect(parseCsv(await res.text())).toHaveLength(1);
    });

    it('refuses bad dates, a From after To and an unknown athlete in words', async () => {
      const ana = await analysed('a0', 'Ana', '2026-11-01T10:00:00Z', [rep(1, 0)]);
      const cases: [string, number, RegExp][] = [
        [`/${ana}/export.csv?from=2026-02-30`, 400, /^from: use a date like 2026-11-30$/],
        [`/${ana}/export.csv?to=30/11/2026`, 400, /^to: use a date like/],
        [`/${ana}/export.csv?from=2026-11-02&to=2026-11-01`, 400, /From date is after the To date/],
        [`/${ana}/export.csv?tz=Mars/Olympus`, 400, /^tz: unknown time zone$/],
        ['/999/export.csv', 404, /no such athlete/],
        ['/abc/export.csv', 400, /./],
      ];
      for (const [p, status, message] of cases) {
        const res = await app.request(`/api/athletes${p}`);
        expect(res.status, p).toBe(status);
        expect((await res.json()).error.message, p).toMatch(message);
      }
      expect((await app.request(`/api/athletes/${ana}/export.csv`, { method: 'POST' })).status).toBe(405);
    });
  });
});
