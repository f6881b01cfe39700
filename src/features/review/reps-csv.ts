import type { CoachRep } from '../../contract/api.ts';
import type { Rep } from '../../contract/guru.ts';
import { setsToCsv, type CsvSetInfo } from '../../contract/reps-csv.ts';

export { downloadText } from '../../lib/download.ts';

/**
 * The review's CSV: the same columns as the athlete export (src/contract/reps-csv.ts), one row per
 * rep of the set; `set` names the athlete, date, activity, view and video on every row.
 */
export function repsToCsv(reps: readonly (Rep | CoachRep)[], set: CsvSetInfo = {}): string {
  return setsToCsv([{ ...set, reps }]);
}

/** "Back squat 1.mp4" → "Back squat 1-reps.csv"; path separators and control characters dropped. */
export function csvFilename(videoName: string | null | undefined): string {
  const base = (videoName ?? '')
    .replace(/\.[^.]*$/, '')
    // eslint-disable-next-line no-control-regex
    .replace(/[\\/:*?"<>|\u0000-\u001f\u007f]+/g, '_')
    .trim();
  return `${base || 'video'}-reps.csv`;
}
