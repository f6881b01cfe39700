import type { Rep } from '../../contract/guru.ts';
import { analysisTypes, findAnalysis, repOpinion } from './rep-utils.ts';

/** RFC 4180: quote a field holding a comma, quote, CR or LF; double the quotes inside. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  // A leading =, +, -, @ makes spreadsheets evaluate the cell; names are text, so defuse them.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const seconds = (ms: number | null | undefined) => (typeof ms === 'number' ? Number((ms / 1000).toFixed(3)) : null);

/** One row per rep: timing, each analysis's scalar and opinion (any type), and the rep's overall opinion. */
export function repsToCsv(reps: readonly Rep[]): string {
  const types = analysisTypes(reps);
  const header = [
    'rep',
    'start_s',
    'mid_s',
    'end_s',
    'duration_s',
    'descent_s',
    'ascent_s',
    ...types.flatMap((t) => [t, `${t}_opinion`]),
    'opinion',
  ];
  const rows = reps.map((rep, i) => {
    const mid = rep.midTimestampMs;
    const hasMid = typeof mid === 'number';
    return [
      i + 1,
      seconds(rep.startTimestampMs),
      seconds(mid),
      seconds(rep.endTimestampMs),
      seconds(rep.endTimestampMs - rep.startTimestampMs),
      hasMid ? seconds(mid - rep.startTimestampMs) : null,
      hasMid ? seconds(rep.endTimestampMs - mid) : null,
      ...types.flatMap((t) => {
        const a = findAnalysis(rep, t);
        return [a?.analysisScalar ?? null, a?.analysisOpinion ?? null];
      }),
      repOpinion(rep),
    ];
  });
  return [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
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

export function downloadText(filename: string, text: string, type = 'text/csv;charset=utf-8') {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke after the click has been handled, or some browsers cancel the download.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
