/** A coach's upload done through the real /api from Node: for tests and scripts that need a video in a given state. */
import fs from 'node:fs';
import path from 'node:path';
import { analysisResponseSchema, type AnalysisResponse } from '../src/contract/guru.ts';

export interface SignedForm {
  id: string;
  url: string;
  fields: Record<string, string>;
}

export interface NewSessionDetails {
  athlete?: string;
  domain?: string;
  activity?: string;
  repCount?: number;
  /** A signed-in coach's cookie, for a server that asks for a sign-in. */
  cookie?: string;
}

/** POST /api/videos: the session is in the library and its signed upload form comes back. */
export async function createSession(
  baseUrl: string,
  filename: string,
  size: number,
  { athlete = 'E2E Athlete', domain = 'weightlifting', activity = 'squat', repCount, cookie }: NewSessionDetails = {},
): Promise<SignedForm> {
  const created = await fetch(`${baseUrl}/api/videos`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify({ athlete, filename, size, domain, activity, repCount }),
  });
  if (created.status !== 201) throw new Error(`POST /api/videos: ${created.status} ${await created.text()}`);
  return (await created.json()) as SignedForm;
}

/** Posts the signed form with `bytes` as its file, as the browser does; answers the HTTP status. */
export async function postForm({ url, fields }: SignedForm, bytes: Uint8Array, filename = 'set.mp4'): Promise<number> {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(bytes)], { type: 'video/mp4' }), filename);
  const res = await fetch(url, { method: 'POST', body: form });
  await res.arrayBuffer();
  return res.status;
}

export async function uploadViaApi(baseUrl: string, file: string, details: NewSessionDetails = {}): Promise<string> {
  const bytes = fs.readFileSync(file);
  const filename = path.basename(file);
  const form = await createSession(baseUrl, filename, bytes.length, details);
  const status = await postForm(form, bytes, filename);
  if (status !== 204) throw new Error(`signed upload: ${status}`);
  return form.id;
}

/** Polls the analysis (as the dashboard does) until it leaves Pending. */
export async function waitForAnalysis(baseUrl: string, id: string, timeoutMs = 150_000, cookie?: string): Promise<AnalysisResponse> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const res = await fetch(`${baseUrl}/api/videos/${id}/analysis`, { headers: cookie ? { cookie } : {} });
    if (res.ok) {
      const analysis = analysisResponseSchema.parse(await res.json());
      if (analysis.status !== 'Pending') return analysis;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`analysis of ${id} still pending after ${timeoutMs} ms`);
}
