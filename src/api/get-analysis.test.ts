import { describe, expect, it } from 'vitest';
import { ApiError } from './api-client.ts';
import { analysisRefetchInterval, pollDelay } from './get-analysis.ts';
import type { AnalysisResponse } from '../contract/guru.ts';

const state = (partial: { data?: Partial<AnalysisResponse>; error?: unknown; dataUpdateCount?: number }) => ({
  state: { data: partial.data, error: partial.error ?? null, dataUpdateCount: partial.dataUpdateCount ?? 0 },
}) as unknown as Parameters<typeof analysisRefetchInterval>[0];

describe('analysis polling', () => {
  it('starts at 2 s and backs off to at most 15 s', () => {
    const delays = Array.from({ length: 12 }, (_, i) => pollDelay(i));
    expect(delays[0]).toBe(2000);
    expect(delays[1]).toBe(2000);
    expect(delays[2]).toBe(3000);
    for (let i = 1; i < delays.length; i++) expect(delays[i]).toBeGreaterThanOrEqual(delays[i - 1]);
    expect(delays.at(-1)).toBe(15_000);
    expect(Math.max(...delays)).toBe(15_000);
  });

  it('polls while Pending, growing with each answer', () => {
    expect(analysisRefetchInterval(state({}))).toBe(2000);
    expect(analysisRefetchInterval(state({ data: { status: 'Pending' }, dataUpdateCount: 1 }))).toBe(2000);
    expect(analysisRefetchInterval(state({ data: { status: 'Pending' }, dataUpdateCount: 4 }))).toBe(6750);
    expect(analysisRefetchInterval(state({ data: { status: 'Pending' }, dataUpdateCount: 40 }))).toBe(15_000);
  });

  it('stops at Complete or Failed and on a 4xx', () => {
    expect(analysisRefetchInterval(state({ data: { status: 'Complete' }, dataUpdateCount: 3 }))).toBe(false);
    expect(analysisRefetchInterval(state({ data: { status: 'Failed' }, dataUpdateCount: 3 }))).toBe(false);
    expect(analysisRefetchInterval(state({ error: new ApiError(404, 'NOT_FOUND', 'gone') }))).toBe(false);
    expect(analysisRefetchInterval(state({ error: new ApiError(502, 'UPSTREAM', 'later') }))).toBe(2000);
  });
});
