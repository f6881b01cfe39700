import type { Rep } from '../../contract/guru.ts';
import { describeAnalysisType } from '../../lib/format.ts';
import { analysisTypes, findAnalysis, needsCheck, repOpinion } from './rep-utils.ts';

/** RFC 4180: quote a field holding a comma, quote, CR or LF; double the quotes inside. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  // A leading =, +, -, @ makes spreadsheets evaluate the cell; names are text, so defuse them.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const seconds = (ms: number | null | undefined) => (typeof ms === 'number' ? Number((ms / 1000).toFixed(3)) : null);

/** A column name a coach can read, with its unit: "Squat depth (°)", "Descent (s)". */
function columnOf(type: string): string {
  const { label, unit } = describeAnalysisType(type);
  if (unit === 'ms') return `${label} (s)`;
  return unit ? `${label} (${unit})` : label;
}

/**
 * One row per rep: timing, each analysis once (milliseconds as seconds) with its opinion, the
 * rep's confidence and overall opinion. A measure without a number reads "not measured".
 */
export function repsToCsv(reps: readonly Rep[]): string {
  const types = analysisTypes(reps);
  // Timing the analysis reports itself is not repeated.
  const ownDuration = !types.includes('REP_DURATION_MS');
  const ownPhases = !types.some((t) => /DESCENT|ASCENT/i.test(t));
  const header = [
    'Rep',
    'Start (s)',
    'Mid (s)',
    'End (s)',
    ...(ownDuration ? ['Duration (s)'] : []),
    ...(ownPhases ? ['Descent (s)', 'Ascent (s)'] : []),
    ...types.flatMap((t) => [columnOf(t), `${describeAnalysisType(t).label} opinion`]),
    'Confidence',
    'Check this rep',
    'Opinion',
  ];
  const rows = reps.map((rep, i) => {
    const mid = rep.midTimestampMs;
    const hasMid = typeof mid === 'number';
    return [
      i + 1,
      seconds(rep.startTimestampMs),
      seconds(mid),
      seconds(rep.endTimestampMs),
      ...(ownDuration ? [seconds(rep.endTimestampMs - rep.startTimestampMs)] : []),
      ...(ownPhases ? [hasMid ? seconds(mid - rep.startTimestampMs) : null, hasMid ? seconds(rep.endTimestampMs - mid) : null] : []),
      ...types.flatMap((t): (string | number | null)[] => {
        const a = findAnalysis(rep, t);
        if (!a) return [null, null];
        if (typeof a.analysisScalar !== 'number') return ['not measured', null];
        const value = describeAnalysisType(t).unit === 'ms' ? seconds(a.analysisScalar) : a.analysisScalar;
        return [value, a.analysisOpinion ?? null];
      }),
      rep.confidence ?? null,
      needsCheck(rep) ? 'yes' : 'no',
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
