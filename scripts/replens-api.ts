/** A coach's upload done through the real /api from Node: for tests and scripts that need a video in a given state. */
import fs from 'node:fs';
import path from 'node:path';
import { analysisResponseSchema, type AnalysisResponse } from '../src/contract/guru.ts';

export async function uploadViaApi(
  baseUrl: string,
  file: string,
  { athlete = 'E2E Athlete', domain = 'weightlifting', activity = 'squat', repCount }: { athlete?: string; domain?: string; activity?: string; repCount?: number } = {},
): Promise<string> {
  const bytes = fs.readFileSync(file);
  const filename = path.basename(file);
  const created = await fetch(`${baseUrl}/api/videos`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ athlete, filename, size: bytes.length, domain, activity, repCount }),
  });
  if (!created.ok) throw new Error(`POST /api/videos: ${created.status} ${await created.text()}`);
  const { id, url, fields } = (await created.json()) as { id: string; url: string; fields: Record<string, string> };
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  form.append('file', new Blob([bytes], { type: 'video/mp4' }), filename);
  const uploaded = await fetch(url, { method: 'POST', body: form });
  if (!uploaded.ok) throw new Error(`signed upload: ${uploaded.status} ${await uploaded.text()}`);
  return id;
}

/** Polls the analysis (as the dashboard does) until it leaves Pending. */
export async function waitForAnalysis(baseUrl: string, id: string, timeoutMs = 150_000): Promise<AnalysisResponse> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const res = await fetch(`${baseUrl}/api/videos/${id}/analysis`);
    if (res.ok) {
      const analysis = analysisResponseSchema.parse(await res.json());
      if (analysis.status !== 'Pending') return analysis;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`analysis of ${id} still pending after ${timeoutMs} ms`);
}
