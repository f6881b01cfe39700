import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ffmpeg from '@ffmpeg-installer/ffmpeg';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { j2pResponseSchema } from '../../src/contract/guru.ts';
import type { AnalysisOutcome, Analyzer } from '../analysis/types.ts';
import { createLocalGuru, type LocalGuru } from './app.ts';

const BASE = 'http://guru.test';
const outcome: AnalysisOutcome = {
  status: 'Complete',
  domain: 'weightlifting',
  activity: 'squat',
  view: 'side',
  fps: 30,
  width: 640,
  height: 480,
  durationMs: 4000,
  reps: [{ startTimestampMs: 100, midTimestampMs: 600, endTimestampMs: 1200, analyses: [{ analysisType: 'HIP_KNEE_ANGLE_DEGREES', analysisScalar: -5, analysisOpinion: 'good' }] }],
  jointToPoints: { leftKnee: [{ frame_idx: 0, part: 'leftKnee', position: { x: 0.5, y: 0.6 }, score: 0.9, timestamp: 0 }] },
};

let dir: string;
let guru: LocalGuru;
let analysed: string[];

function start(analyze?: Analyzer, maxUploadBytes = 1024, playbackCopies?: boolean) {
  analysed = [];
  guru = createLocalGuru({
    dataDir: dir,
    publicUrl: () => BASE,
    clientId: 'client',
    clientSecret: 'secret-value',
    analyze: analyze ?? (async (file) => (analysed.push(file), outcome)),
    allowedOrigins: () => ['http://dash.test'],
    maxUploadBytes,
    playbackCopies,
  });
}

const request = (p: string, init?: RequestInit) => guru.app.request(`${BASE}${p}`, init);

async function token() {
  const res = await request('/oauth/token', {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'client', client_secret: 'secret-value', audience: 'x' }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { access_token: string }).access_token;
}

async function create(body: object = { filename: 'set.mp4', size: 10, domain: 'weightlifting', activity: 'squat' }) {
  const res = await request('/videos', {
    method: 'POST',
    headers: { authorization: `Bearer ${await token()}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { res, json: (await res.json()) as { id: string; url: string; fields: Record<string, string> } };
}

function upload(fields: Record<string, string>, file: Blob | null = new Blob([Buffer.alloc(10, 1)])) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append('file', file, 'set.mp4');
  return request('/uploads', { method: 'POST', body: form, headers: { origin: 'http://dash.test' } });
}

const storedFiles = () => fs.readdirSync(path.join(dir, 'files'));

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'local-guru-'));
  start();
});
afterEach(async () => {
  await guru.copies.idle();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('auth', () => {
  it('refuses wrong client credentials with 401 access_denied', async () => {
    const res = await request('/oauth/token', {
      method: 'POST',
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: 'client', client_secret: 'nope' }),
    });
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: 'access_denied' });
  });

  it('answers 401 without a valid token, and accepts bearer or bare tokens', async () => {
    expect((await request('/videos/abc')).status).toBe(401);
    expect((await request('/videos/abc', { headers: { authorization: 'Bearer forged.token.x' } })).status).toBe(401);
    const t = await token();
    expect((await request('/videos/abc', { headers: { authorization: `Bearer ${t}` } })).status).toBe(404);
    expect((await request('/videos/abc', { headers: { authorization: t } })).status).toBe(404);
  });
});

describe('create video', () => {
  it('validates the body', async () => {
    expect((await create({ filename: 'a.mp4' })).res.status).toBe(400);
    expect((await create({ filename: 'a.mp4', size: 5, domain: 'calisthenics', activity: 'squat' })).res.status).toBe(400);
    expect((await create({ filename: 'a.mp4', size: 5, repCount: -1 })).res.status).toBe(400);
    expect((await create({ filename: 'a.mp4', size: 4096 })).res.status).toBe(400); // over the cap
  });

  it('answers an S3-style signed form', async () => {
    const { res, json } = await create();
    expect(res.status).toBe(200);
    expect(json.url).toBe(`${BASE}/uploads`);
    expect(Object.keys(json.fields).sort()).toEqual(['AWSAccessKeyId', 'Content-Type', 'key', 'policy', 'signature', 'x-amz-security-token']);
    const policy = JSON.parse(Buffer.from(json.fields.policy, 'base64').toString());
    expect(Date.parse(policy.expiration)).toBeGreaterThan(Date.now());
    expect(policy.conditions).toContainEqual(['content-length-range', 10, 10]);
  });
});

describe('update video', () => {
  it('refuses a change that leaves an activity outside its domain', async () => {
    const { json } = await create();
    const put = async (body: object) =>
      (await request(`/videos/${json.id}`, { method: 'PUT', headers: { authorization: await token(), 'content-type': 'application/json' }, body: JSON.stringify(body) })).status;
    expect(await put({ domain: 'calisthenics' })).toBe(400);
    expect(await guru.store.get(json.id)).toMatchObject({ domain: 'weightlifting', activity: 'squat' });
    expect(await put({ domain: 'calisthenics', activity: 'push_up' })).toBe(200);
  });
});

describe('signed upload', () => {
  it('stores the file, marks it uploaded and analyses it', async () => {
    const { json } = await create();
    const res = await upload(json.fields);
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('http://dash.test');
    expect(storedFiles()).toEqual([json.id]);
    await Promise.all([guru.jobs.idle(), guru.copies.idle()]);
    expect(analysed).toEqual([path.join(dir, 'files', json.id)]);
    const t = await token();
    const analysis = await (await request(`/videos/${json.id}/analysis`, { headers: { authorization: t } })).json();
    expect(analysis).toMatchObject({ status: 'Complete', reps: outcome.reps });
    const video = await (await request(`/videos/${json.id}?include=j2p,analysis`, { headers: { authorization: t } })).json();
    expect(video).toMatchObject({ status: 'Success', fps: 30, analysis: { status: 'Complete' }, j2p: { jointToPoints: outcome.jointToPoints } });
    expect(video.uri).toMatch(new RegExp(`^${BASE}/files/${json.id}\\?expires=\\d+&signature=`));
    const j2p = await request(`/videos/${json.id}/j2p`, { headers: { authorization: t } });
    expect(j2p.headers.get('content-type')).toMatch(/^application\/json/);
    expect(await j2p.json()).toEqual({ status: 'Complete', resolutionWidth: 640, resolutionHeight: 480, analysis: { reps: outcome.reps }, jointToPoints: outcome.jointToPoints });
  });

  it('serves the followed joint with the joint data, and nothing when none was followed (RepLens extension)', async () => {
    start(async () => ({ ...outcome, followedJoint: 'leftShoulder' }));
    const { json } = await create();
    await upload(json.fields);
    await Promise.all([guru.jobs.idle(), guru.copies.idle()]);
    const t = await token();
    const j2p = await (await request(`/videos/${json.id}/j2p`, { headers: { authorization: t } })).json();
    expect(j2p).toMatchObject({ followedJoint: 'leftShoulder', jointToPoints: outcome.jointToPoints });
    const video = await (await request(`/videos/${json.id}?include=j2p`, { headers: { authorization: t } })).json();
    expect(video.j2p).toMatchObject({ followedJoint: 'leftShoulder' });
    expect(j2pResponseSchema.parse(j2p).followedJoint).toBe('leftShoulder');
  });

  it.each([
    ['a tampered signature', (f: Record<string, string>) => ({ ...f, signature: (f.signature.startsWith('x') ? 'y' : 'x') + f.signature.slice(1) }), 403, 'SignatureDoesNotMatch'],
    ['a tampered key', (f: Record<string, string>) => ({ ...f, key: 'videos/other' }), 403, 'Policy Condition failed'],
    ['an extra field', (f: Record<string, string>) => ({ ...f, acl: 'public-read' }), 403, 'Extra input fields'],
    ['a tampered policy', (f: Record<string, string>) => ({ ...f, policy: Buffer.from('{"expiration":"2999-01-01T00:00:00Z","conditions":[]}').toString('base64') }), 403, 'SignatureDoesNotMatch'],
    ['no key', (f: Record<string, string>) => Object.fromEntries(Object.entries(f).filter(([k]) => k !== 'key')), 400, 'key'],
  ])('refuses %s and stores nothing', async (_name, tamper, status, message) => {
    const { json } = await create();
    const res = await upload(tamper(json.fields));
    expect(res.status).toBe(status);
    expect(await res.text()).toContain(message);
    expect(storedFiles()).toEqual([]);
  });

  it('answers malformed multipart (no boundary) with 400, not 500', async () => {
    const res = await request('/uploads', { method: 'POST', body: 'file=x', headers: { 'content-type': 'multipart/form-data' } });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('MalformedPOSTRequest');
  });

  it('refuses a form without a file (400)', async () => {
    const { json } = await create();
    const res = await upload(json.fields, null);
    expect(res.status).toBe(400);
    expect(storedFiles()).toEqual([]);
  });

  it('judges the bytes received: empty and oversized files are refused', async () => {
    const { json } = await create({ filename: 'set.mp4', size: 10 });
    const empty = await upload(json.fields, new Blob([]));
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('EntityTooSmall');
    const big = await upload(json.fields, new Blob([Buffer.alloc(2048, 1)]));
    expect(big.status).toBe(400);
    expect(await big.text()).toContain('EntityTooLarge');
    expect(storedFiles()).toEqual([]);
    expect((await upload(json.fields)).status).toBe(204); // the form still works for a good file
  });

  it('binds the declared size: more or fewer bytes than declared are refused', async () => {
    const { json } = await create({ filename: 'set.mp4', size: 10 });
    expect(await (await upload(json.fields, new Blob([Buffer.alloc(916, 1)]))).text()).toContain('EntityTooLarge');
    expect(await (await upload(json.fields, new Blob([Buffer.alloc(9, 1)]))).text()).toContain('EntityTooSmall');
    expect(storedFiles()).toEqual([]);
  });

  it('refuses an expired form with 403', async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    guru = createLocalGuru({
      dataDir: dir, publicUrl: () => BASE, clientId: 'client', clientSecret: 'secret-value',
      analyze: async () => outcome, allowedOrigins: () => [], maxUploadBytes: 1024, uploadFormTtlSeconds: -1,
    });
    const { json } = await create();
    const res = await upload(json.fields);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Policy expired');
    expect(storedFiles()).toEqual([]);
  });

  it('lets exactly one of three concurrent uploads of one form succeed', async () => {
    const { json } = await create();
    const bodies = [1, 2, 3].map((n) => Buffer.alloc(10, n));
    const statuses = await Promise.all(bodies.map(async (b) => (await upload(json.fields, new Blob([b]))).status));
    expect([...statuses].sort()).toEqual([204, 409, 409]);
    expect(storedFiles()).toEqual([json.id]);
    const winner = bodies[statuses.indexOf(204)];
    expect(fs.readFileSync(path.join(dir, 'files', json.id))).toEqual(winner);
  });

  it('refuses a second upload to the same video', async () => {
    const { json } = await create();
    expect((await upload(json.fields)).status).toBe(204);
    expect((await upload(json.fields)).status).toBe(409);
  });
});

describe('files', () => {
  it('serves byte ranges of an uploaded video behind a signed URL', async () => {
    const { json } = await create();
    await upload(json.fields, new Blob([Buffer.from('0123456789')]));
    await guru.copies.idle();
    const video = await (await request(`/videos/${json.id}`, { headers: { authorization: await token() } })).json();
    const uri = new URL(video.uri);
    const whole = await request(uri.pathname + uri.search);
    expect(whole.status).toBe(200);
    expect(await whole.text()).toBe('0123456789');
    const part = await request(uri.pathname + uri.search, { headers: { range: 'bytes=2-5' } });
    expect(part.status).toBe(206);
    expect(part.headers.get('content-range')).toBe('bytes 2-5/10');
    expect(await part.text()).toBe('2345');
    expect((await request(uri.pathname + uri.search, { headers: { range: 'bytes=50-' } })).status).toBe(416);
    expect((await request(`${uri.pathname}?expires=${Date.now() + 1000}&signature=forged`)).status).toBe(403);
  });
});

describe('failures and restarts', () => {
  it('says why a finished analysis found no reps', async () => {
    start(async () => ({ ...outcome, reps: [] }));
    const { json } = await create();
    await upload(json.fields);
    await guru.jobs.idle();
    const analysis = await (await request(`/videos/${json.id}/analysis`, { headers: { authorization: await token() } })).json();
    expect(analysis).toMatchObject({ status: 'Complete', reps: [], reason: 'NO_REPS_DETECTED' });
  });

  it('records a crashed analysis as Failed', async () => {
    start(async () => {
      throw new Error('boom');
    });
    const { json } = await create();
    await upload(json.fields);
    await guru.jobs.idle();
    const analysis = await (await request(`/videos/${json.id}/analysis`, { headers: { authorization: await token() } })).json();
    expect(analysis).toMatchObject({ status: 'Failed', reason: 'INTERNAL_ERROR' });
  });

  it('starts past a corrupt record: skips it, names it in the log, quarantines it', async () => {
    const { json } = await create();
    const videos = path.join(dir, 'videos');
    fs.writeFileSync(path.join(videos, 'broken-1.video.json'), '{"id": "broken-1", "stat');
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    start();
    expect(await guru.store.get(json.id)).toMatchObject({ id: json.id });
    expect(errors.mock.calls.flat().join(' ')).toContain(path.join(videos, 'broken-1.video.json'));
    errors.mockRestore();
    expect(fs.readdirSync(path.join(dir, 'quarantine'))).toEqual(['broken-1.video.json']);
    expect(fs.existsSync(path.join(videos, 'broken-1.video.json'))).toBe(false);
  });

  it('removes temp files a crash left behind when it starts', async () => {
    const { json } = await create();
    await upload(json.fields);
    fs.writeFileSync(path.join(dir, 'files', '.upload-0b1d'), 'half an upload');
    fs.writeFileSync(path.join(dir, 'videos', `${json.id}.video.json.1234.tmp`), '{');
    start();
    expect(storedFiles()).toEqual([json.id]);
    expect(fs.readdirSync(path.join(dir, 'videos')).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('keeps videos across a restart and resumes unfinished analyses', async () => {
    let release!: () => void;
    start(() => new Promise(() => (release = () => {}))); // never finishes
    const { json } = await create();
    await upload(json.fields);
    expect(release).toBeTypeOf('function');
    await guru.copies.idle();
    start(); // a new process over the same DATA_DIR
    await guru.resumed;
    await guru.jobs.idle();
    expect(analysed).toEqual([path.join(dir, 'files', json.id)]);
    expect((await guru.store.get(json.id))?.analysis.status).toBe('Complete');
  });
});

describe('the analysis queue', () => {
  it('tells each waiting set how many sets are ahead of it, in upload order', async () => {
    const gates: (() => void)[] = [];
    start(() => new Promise((resolve) => gates.push(() => resolve(outcome))));
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      const { json } = await create();
      await upload(json.fields);
      ids.push(json.id);
    }
    const ahead = async () => {
      const t = await token();
      return Promise.all(ids.map(async (id) => ((await (await request(`/videos/${id}/analysis`, { headers: { authorization: t } })).json()) as { queuePosition: number | null }).queuePosition));
    };
    // Two analyse at once (the default); the others wait behind both.
    await vi.waitFor(() => expect(gates).toHaveLength(2));
    expect(await ahead()).toEqual([null, null, 2, 3]);
    gates[0]();
    await vi.waitFor(() => expect(gates).toHaveLength(3));
    expect(await ahead()).toEqual([null, null, null, 2]);
    for (const g of gates.slice(1)) g();
    await vi.waitFor(() => expect(gates).toHaveLength(4));
    gates[3]();
    await guru.jobs.idle();
    expect(await ahead()).toEqual([null, null, null, null]);
  });
});

describe('activities the local engine measures', () => {
  const authed = async (init: RequestInit = {}) => ({ ...init, headers: { authorization: await token(), 'content-type': 'application/json' } });

  it('refuses at creation an activity it cannot analyse, naming the ones it can', async () => {
    const { res, json } = await create({ filename: 'a.mp4', size: 10, domain: 'calisthenics', activity: 'burpee' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(json)).toMatch(/burpee is counted only by the cloud Guru.*push_up/);
    expect(fs.readdirSync(path.join(dir, 'videos'))).toEqual([]);
  });

  it('analyses a video again when a correction changes its activity', async () => {
    const seen: (string | null | undefined)[] = [];
    start(async (_file, opts) => {
      seen.push(opts.activity);
      await new Promise((r) => setTimeout(r, 20));
      return { ...outcome, activity: opts.activity ?? null };
    });
    const { json } = await create();
    await upload(json.fields);
    await guru.jobs.idle();
    const put = (body: object) => request(`/videos/${json.id}`, { method: 'PUT', body: JSON.stringify(body), headers: { authorization: 'x' } });
    expect((await request(`/videos/${json.id}`, { ...(await authed()), method: 'PUT', body: JSON.stringify({ activity: 'deadlift' }) })).status).toBe(200);
    expect((await guru.store.get(json.id))?.analysis).toMatchObject({ status: 'Pending', reps: [] });
    await guru.jobs.idle();
    expect(seen).toEqual(['squat', 'deadlift']);
    expect((await guru.store.get(json.id))?.analysis).toMatchObject({ status: 'Complete', activity: 'deadlift', view: 'side' });
    // A repCount-only correction, or the same activity again, does not re-run the analysis.
    await request(`/videos/${json.id}`, { ...(await authed()), method: 'PUT', body: JSON.stringify({ repCount: 3, activity: 'deadlift' }) });
    await guru.jobs.idle();
    expect(seen).toHaveLength(2);
    expect((await put({ activity: 'snatch' })).status).toBe(401);
    const refused = await request(`/videos/${json.id}`, { ...(await authed()), method: 'PUT', body: JSON.stringify({ domain: 'weightlifting', activity: 'snatch' }) });
    expect(refused.status).toBe(400);
  });
});

describe('playback copies', () => {
  /** A second of HEVC in a .mov, as phones record. */
  function phoneClip() {
    const file = path.join(dir, 'clip.mov');
    execFileSync(ffmpeg.path, [
      '-hide_banner', '-loglevel', 'error', '-f', 'lavfi', '-i', 'testsrc=size=320x180:rate=30:duration=1',
      '-c:v', 'libx265', '-x265-params', 'log-level=error', '-tag:v', 'hvc1', file,
    ]);
    const bytes = fs.readFileSync(file);
    fs.rmSync(file);
    return bytes;
  }

  async function uploadClip(bytes: Buffer) {
    const { json } = await create({ filename: 'IMG_0412.MOV', size: bytes.length, domain: 'weightlifting', activity: 'squat' });
    expect((await upload(json.fields, new Blob([new Uint8Array(bytes)]))).status).toBe(204);
    const t = await token();
    return { id: json.id, get: async () => (await request(`/videos/${json.id}`, { headers: { authorization: t } })).json() };
  }

  it('withholds uri while the copy is made, then serves the copy, and the original as a download', async () => {
    start(undefined, 1_000_000);
    const clip = await uploadClip(phoneClip());
    expect(await clip.get()).toMatchObject({ status: 'Success', uri: null, playback: 'Preparing' });

    await guru.copies.idle();
    const video = await clip.get();
    expect(video.playback).toBe('Copy');
    const played = await request(new URL(video.uri).pathname + new URL(video.uri).search);
    expect(new URL(video.uri).pathname).toBe(`/files/${clip.id}/playback.mp4`);
    expect(played.status).toBe(200);
    expect(played.headers.get('content-type')).toBe('video/mp4');
    expect((await played.arrayBuffer()).byteLength).toBeGreaterThan(1000);

    const original = await request(new URL(video.originalUri).pathname + new URL(video.originalUri).search);
    expect(original.status).toBe(200);
    expect(original.headers.get('content-disposition')).toBe(`attachment; filename="IMG_0412.MOV"; filename*=UTF-8''IMG_0412.MOV`);
    expect(original.headers.get('content-type')).toBe('video/quicktime');
    // The copy's URL is signed for the copy only.
    const forged = new URL(video.uri);
    forged.pathname = `/files/${clip.id}`;
    expect((await request(forged.pathname + forged.search)).status).toBe(403);
  });

  it('serves a browser-safe upload as it is', async () => {
    const clip = await uploadClip(Buffer.from('0123456789'));
    await guru.copies.idle();
    const video = await clip.get();
    expect(video.playback).toBe('Original');
    expect(new URL(video.uri).pathname).toBe(`/files/${clip.id}`);
  });

  it('makes no copy and adds no extension fields when copies are off, as the cloud Guru', async () => {
    start(undefined, 1_000_000, false);
    const clip = await uploadClip(phoneClip());
    await guru.copies.idle();
    const video = await clip.get();
    expect(new URL(video.uri).pathname).toBe(`/files/${clip.id}`);
    expect(video).not.toHaveProperty('playback');
    expect(video).not.toHaveProperty('originalUri');
  });
});
