import { domainOf, MAX_REP_COUNT, type Activity } from '../../contract/guru.ts';
import type { UploadRequest } from './upload-machine.ts';

export const DEFAULT_ATHLETE = 'Unassigned';

/** What the coach typed for one file (or for the batch), kept as typed so a bad count can be shown and fixed. */
export type UploadTags = { athlete: string; activity: Activity; expectedReps: string };

export function parseExpectedReps(raw: string): { value?: number; error?: string } {
  if (raw.trim() === '') return {};
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0 || n > MAX_REP_COUNT) return { error: `Expected reps must be a whole number from 0 to ${MAX_REP_COUNT}.` };
  return { value: n };
}

/** The create-video request a file's tags make; an empty athlete files under "Unassigned". */
export function requestFromTags(tags: UploadTags): { request: UploadRequest } | { error: string } {
  const reps = parseExpectedReps(tags.expectedReps);
  if (reps.error) return { error: reps.error };
  return {
    request: {
      athlete: tags.athlete.trim() || DEFAULT_ATHLETE,
      domain: domainOf(tags.activity),
      activity: tags.activity,
      ...(reps.value !== undefined ? { repCount: reps.value } : {}),
    },
  };
}
