/** The proxy and the local Guru together, over real HTTP on loopback (analysis stubbed here). */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ffmpeg from '@ffmpeg-installer/ffmpeg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { j2pResponseSchema } from '../src/contract/guru.ts';
import type { AnalysisOutcome, Analyzer } from './analysis/types.ts';
import { loadConfig } from './config.ts';
import { rawRequest } from './lib/raw-http.ts';
import { startRepLens, type RepLens } from './start.ts';

const outcome: AnalysisOutcome = {
  status: 'Complete', domain: 'weightlifting', activity: 'squat', view: 'side', fps: 30, width: 640, height: 480, durationMs: 3000,
  reps: [
    { startTimestampMs: 0, midTimestampMs: 500, endTimestampMs: 1000, analyses: [] },
    { startTimestampMs: 1000, midTimestampMs: 1500, endTimestampMs: 2000, analyses: [] },
  ],
  jointToPoints: {
    leftKnee: Array.from({ length: 40 }, (_, i) => ({ frame_idx: i, part: 'leftKnee', position: { x: 0.5, y: 0.6 }, score: 0.9, timestamp: i / 30 })),
  },
};

/** Stands in for the engine: a PNG is undecodable (as analyze.ts judges it), anything else a 2-rep squat. */
const analyze: Analyzer = async (file) =>
  fs.readFileSync(file).subarray(1, 4).toString() === 'PNG' ? { ...outcome, status: 'Failed', reason: 'UNDECODABLE_VIDEO', reps: [] } : outcome;

let dir: string;
let app: RepLens;
const responses: string[] = [];

async function api(p: string, init: RequestInit = {}) {
  const res = await fetch(`${app.url}${p}`, init);
  const text = await res.text();
  responses.push(text, JSON.stringify([...res.headers]));
  return { status: res.status, headers: res.headers, text, json: text ? JSON.parse(text) : undefined };
}

const post = (p: string, body: unknown, headers: Record<string, string> = {}) =>
  api(p, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json', ...headers } });

const session = { athlete: 'Ana', filename: 'set.mp4', size: 4, domain: 'weightlifting', activity: 'squat', repCount: 2 };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'replens-api-'));
  app = await startRepLens(loadConfig({ PORT: '0', DATA_DIR: dir }), { analyze, distDir: dir });
});
afterAll(async () => {
  await app.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe('upload and review through the proxy', () => {
  it('creates, uploads to the signed URL, and reports the analysis and library entry', async () => {
    expect((await api('/api/health')).json).toEqual({ ok: true, guru: 'local' });
    const created = await post('/api/videos', session);
    expect(created.status).toBe(201);
    const { id, url, fields } = created.json;
    expect(url).toBe(`${app.url}/guru/uploads`); // the browser posts to the local Guru, not through /api

    const form = new FormData();
    for (const [k, v] of Object.entries(fields as Record<string, string>)) form.append(k, v);
    form.append('file', new Blob([Buffer.from('abcd')]), 'set.mp4');
    const uploaded = await fetch(url, { method: 'POST', body: form, headers: { origin: app.url } });
    expect(uploaded.status).toBe(204);
    expect(uploaded.headers.get('access-control-allow-origin')).toBe(app.url);

    await app.localGuru!.jobs.idle();
    const analysis = await api(`/api/videos/${id}/analysis`);
    expect(analysis.json).toMatchObject({ status: 'Complete', reps: outcome.reps });
    const video = await api(`/api/videos/${id}`);
    expect(video.json).toMatchObject({ status: 'Success', session: { athlete: 'Ana', status: 'Complete', repsFound: 2, expectedReps: 2 } });
    const media = await fetch(video.json.uri, { headers: { range: 'bytes=1-2' } });
    expect(media.status).toBe(206);
    expect(await media.text()).toBe('bc');

    const put = await api(`/api/videos/${id}`, { method: 'PUT', body: JSON.stringify({ repCount: 3 }), headers: { 'content-type': 'application/json', origin: app.url } });
    expect(put.status).toBe(200);
    expect((await api(`/api/videos/${id}`)).json.session.correctedReps).toBe(3);
    const list = await api('/api/videos?athlete=ana');
    expect(list.json).toMatchObject({ total: 1, items: [{ id, correctedReps: 3 }] });
  });

  it('brings unfinished sessions up to date in the background, not in the list request', async () => {
    const created = await post('/api/videos', { ...session, athlete: 'Bo' });
    const { id, url, fields } = created.json;
    const form = new FormData();
    for (const [k, v] of Object.entries(fields as Record<string, string>)) form.append(k, v);
    form.append('file', new Blob([Buffer.from('abcd')]), 'set.mp4');
    expect((await fetch(url, { method: 'POST', body: form })).status).toBe(204);
    await app.localGuru!.jobs.idle();
    // Nobody opened the video: the background sync alone moves it from Uploading to Complete.
    await app.sync.refreshNow();
    expect((await api('/api/videos?athlete=Bo')).json.items).toMatchObject([{ id, status: 'Complete', repsFound: 2 }]);
  });

  it('flags a set whose reps differ from the expected count until the coach corrects it', async () => {
    const { id, url, fields } = (await post('/api/videos', { ...session, athlete: 'Cy', repCount: 3 })).json;
    const form = new FormData();
    for (const [k, v] of Object.entries(fields as Record<string, string>)) form.append(k, v);
    form.append('file', new Blob([Buffer.from('abcd')]), 'set.mp4');
    expect((await fetch(url, { method: 'POST', body: form })).status).toBe(204);
    await app.localGuru!.jobs.idle();
    await app.sync.refreshNow();
    const flagged = await api('/api/videos?needsReview=true');
    expect(flagged.json).toMatchObject({ total: 1, items: [{ id, expectedReps: 3, repsFound: 2, needsReview: true }] });
    expect((await api('/api/videos?needsReview=maybe')).status).toBe(400);
    await api(`/api/videos/${id}`, { method: 'PUT', body: JSON.stringify({ repCount: 2 }), headers: { 'content-type': 'application/json' } });
    expect((await api('/api/videos?needsReview=true')).json.total).toBe(0);
  });

  it('moves a session to another athlete, matched by name or made', async () => {
    const { id } = (await post('/api/videos', { ...session, athlete: 'Dee' })).json;
    const move = (body: unknown) => api(`/api/videos/${id}/athlete`, { method: 'PUT', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    const moved = await move({ athlete: 'ANA' });
    expect(moved.status).toBe(200);
    expect(moved.json).toMatchObject({ id, athlete: 'Ana' });
    expect((await api('/api/athletes')).json.items.map((a: { name: string }) => a.name)).not.toContain('Dee');
    expect((await move({ athlete: '' })).status).toBe(400);
    expect((await move({ athleteId: 1 })).status).toBe(400);
    expect((await api('/api/videos/missing-1/athlete', { method: 'PUT', body: JSON.stringify({ athlete: 'Ana' }), headers: { 'content-type': 'application/json' } })).status).toBe(404);
    expect((await api(`/api/videos/${id}/athlete`)).status).toBe(405);
  });

  it('keeps the library across a restart', async () => {
    await app.close();
    app = await startRepLens(loadConfig({ PORT: '0', DATA_DIR: dir }), { analyze, distDir: dir });
    expect((await api('/api/videos')).json.total).toBe(4);
  });

  it("marks a session whose video Guru no longer has Failed (VIDEO_NOT_FOUND) instead of leaving it Uploading", async () => {
    const { id } = (await post('/api/videos', { ...session, athlete: 'Eve' })).json;
    await app.close();
    // The local Guru's record is damaged while the server is down: it is set aside at start.
    fs.truncateSync(path.join(dir, 'local-guru', 'videos', `${id}.video.json`), 10);
    app = await startRepLens(loadConfig({ PORT: '0', DATA_DIR: dir }), { analyze, distDir: dir });
    expect((await api(`/api/videos/${id}`)).status).toBe(404);
    await app.sync.refreshNow();
    expect((await api('/api/videos?athlete=Eve')).json.items).toMatchObject([{ id, status: 'Failed', reason: 'VIDEO_NOT_FOUND' }]);
  });
});

describe('posters', () => {
  async function uploaded(bytes: Uint8Array<ArrayBuffer>, filename: string) {
    const { id, url, fields } = (await post('/api/videos', { ...session, filename, size: bytes.length })).json;
    const form = new FormData();
    for (const [k, v] of Object.entries(fields as Record<string, string>)) form.append(k, v);
    form.append('file', new Blob([bytes]), filename);
    expect((await fetch(url, { method: 'POST', body: form })).status).toBe(204);
    await app.localGuru!.jobs.idle();
    await api(`/api/videos/${id}/analysis`);
    return id as string;
  }

  it('gives a PNG renamed .mp4 no poster, though ffmpeg could cut one from it', async () => {
    const png = path.join(dir, 'picture.png');
    execFileSync(ffmpeg.path, ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc=size=64x64', '-frames:v', '1', png]);
    const id = await uploaded(new Uint8Array(fs.readFileSync(png)), 'picture.mp4');
    expect((await api(`/api/videos/${id}/poster`)).json.error.code).toBe('no_poster');
  });
});

describe('what the proxy refuses', () => {
  it('validates bodies before they leave', async () => {
    expect((await post('/api/videos', { ...session, size: 0 })).json.error.message).toMatch(/empty/);
    expect((await post('/api/videos', { ...session, activity: 'push_up' })).status).toBe(400);
    expect((await post('/api/videos', { ...session, extra: 1 })).status).toBe(400);
    expect((await post('/api/videos', { ...session, filename: 'x'.repeat(300) })).status).toBe(400);
    expect((await post('/api/videos', 'x'.repeat(20_000))).status).toBe(413);
    expect((await api('/api/videos', { method: 'POST', body: 'filename=a', headers: { 'content-type': 'application/x-www-form-urlencoded' } })).status).toBe(415);
  });

  it('validates the domain/activity pair a PUT would leave, not just the fields sent', async () => {
    const { id } = (await post('/api/videos', session)).json;
    const put = (body: object) => api(`/api/videos/${id}`, { method: 'PUT', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } });
    expect((await put({ domain: 'calisthenics' })).status).toBe(400);
    expect((await put({ activity: 'push_up' })).status).toBe(400);
    expect((await api(`/api/videos/${id}`)).json.session).toMatchObject({ domain: 'weightlifting', activity: 'squat' });
    expect((await put({ activity: 'deadlift' })).status).toBe(200);
    expect((await put({ domain: 'calisthenics', activity: 'push_up' })).status).toBe(200);
    const video = await api(`/api/videos/${id}`);
    expect(video.json).toMatchObject({ domain: 'calisthenics', activity: 'push_up', session: { domain: 'calisthenics', activity: 'push_up' } });
  });

  it('refuses, before anything is created, an activity the local analysis does not measure, saying why', async () => {
    const refused = await post('/api/videos', { ...session, domain: 'calisthenics', activity: 'burpee' });
    expect(refused.status).toBe(400);
    expect(refused.json.error).toMatchObject({ code: 'activity_not_analysable' });
    expect(refused.json.error.message).toMatch(/does not measure burpee .*It measures squat, bodyweight squat, deadlift, bench press, push up/);
    const { id } = (await post('/api/videos', session)).json;
    const put = await api(`/api/videos/${id}`, { method: 'PUT', body: JSON.stringify({ domain: 'weightlifting', activity: 'snatch' }), headers: { 'content-type': 'application/json' } });
    expect(put.status).toBe(400);
    expect((await api(`/api/videos/${id}`)).json.session).toMatchObject({ activity: 'squat' });
  });

  it('refuses control and text-direction characters in athlete names and filenames', async () => {
    for (const athlete of ['Ana\u0000', 'Ana\nBo', '\u202eAna', 'Ana\u2066x', 'Ana\u0085']) {
      expect((await post('/api/videos', { ...session, athlete })).status, JSON.stringify(athlete)).toBe(400);
    }
    for (const filename of ['\u202e4pm.exe.mp4', 'set\u200f.mp4', 'a\u0007.mp4']) {
      expect((await post('/api/videos', { ...session, filename })).status, JSON.stringify(filename)).toBe(400);
    }
    expect((await post('/api/videos', { ...session, athlete: 'José Müller 🏋️', filename: 'سكوات.mp4' })).status).toBe(201);
  });

  it('keeps only the base name of a file', async () => {
    const created = await post('/api/videos', { ...session, filename: '../../etc/passwd.mp4' });
    expect(created.status).toBe(201);
    expect((await api(`/api/videos/${created.json.id}`)).json.session.filename).toBe('passwd.mp4');
  });

  it('refuses cross-origin mutations, path tricks, unknown routes and methods', async () => {
    expect((await post('/api/videos', session, { origin: 'https://evil.example' })).status).toBe(403);
    expect((await post('/api/videos', session, { origin: app.url })).status).toBe(201);
    expect((await api('/api/videos/..%2f..%2fadmin')).status).toBe(400);
    expect((await api('/api/videos/a%2e%2e')).status).toBe(400);
    expect((await api('/api/videos/not_a_valid*id')).status).toBe(400);
    expect((await api('/api/videos/unknown-id')).status).toBe(404);
    expect((await api('/api/secrets')).status).toBe(404);
    expect((await api('/api/videos/x', { method: 'PATCH' })).status).toBe(405);
    expect((await api('/api/videos/x/analysis', { method: 'POST', headers: { origin: app.url } })).status).toBe(405);
    expect((await api('/api/videos/x/foo')).status).toBe(404);
    expect((await api('/api/videos/x/foo', { method: 'DELETE' })).status).toBe(404);
  });

  it('answers an oversize size with 413', async () => {
    const res = await post('/api/videos', { ...session, size: 2 * 1024 ** 3 });
    expect(res.status).toBe(413);
    expect(res.json.error.code).toBe('file_too_large');
  });

  it('refuses dot segments in the raw request path, before the URL is normalised', async () => {
    for (const p of ['/api/videos/%2e%2e/videos', '/api/videos/../videos', '/api/x/%2E%2E/health', '/api//videos']) {
      expect((await rawRequest(app.url, { path: p })).status, p).toBe(400);
    }
  });

  it('never answers with the client secret or the token', async () => {
    const token = await app.tokens.get();
    const all = responses.join('\n');
    expect(all.length).toBeGreaterThan(1000);
    expect(all).not.toContain(token);
    expect(all).not.toMatch(/client_secret|access_token/);
  });

  it('sets security headers', async () => {
    const res = await api('/api/health');
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('large answers', () => {
  it('are gzipped for clients that accept it, joint data included', async () => {
    const list = await rawRequest(app.url, { path: '/api/videos', headers: { 'accept-encoding': 'gzip, br' } });
    expect(list.headers['content-encoding']).toBe('gzip');
    const { id } = (await api('/api/videos')).json.items.find((s: { status: string }) => s.status === 'Complete');
    const j2p = await fetch(`${app.url}/api/videos/${id}/j2p`, { headers: { 'accept-encoding': 'gzip' } });
    expect(j2p.headers.get('content-encoding')).toBe('gzip');
    expect(j2pResponseSchema.parse(await j2p.json())).toMatchObject({ status: 'Complete', jointToPoints: outcome.jointToPoints });
  });
});

describe('DNS rebinding', () => {
  it('answers only to loopback names and the configured host', async () => {
    const port = new URL(app.url).port;
    const evil = { host: `evil.example:${port}`, origin: `http://evil.example:${port}` };
    const id = (await post('/api/videos', session)).json.id;
    for (const [method, p] of [['GET', '/api/videos'], ['DELETE', `/api/videos/${id}`], ['GET', '/'], ['GET', '/api/health'], ['POST', '/guru/oauth/token']]) {
      expect((await rawRequest(app.url, { method, path: p, headers: evil })).status).toBe(403);
    }
    expect((await api(`/api/videos/${id}`)).status).toBe(200); // not deleted
    for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`]) {
      expect((await rawRequest(app.url, { path: '/api/videos', headers: { host } })).status).toBe(200);
    }
  });
});
