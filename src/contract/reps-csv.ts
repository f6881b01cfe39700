/**
 * The one CSV of reps a coach downloads, from the review page (one set) and from the server's
 * athlete export (many sets): one row per rep of the coach's version, readable headers with units,
 * each measure once with its opinion. Built here so both write exactly the same columns.
 */
import type { CoachRep } from './api.ts';
import type { Rep } from './guru.ts';
import { describeAnalysisType, isLowConfidence, repOpinion, sentenceCase } from './measures.ts';

/** What a row says about its set besides the rep; unknown parts are left empty. */
export interface CsvSetInfo {
  athlete?: string | null;
  /** The session's date: an ISO date or timestamp (written as its YYYY-MM-DD). */
  date?: string | null;
  /** Guru's id (`bench_press`), written readably ("Bench press"). */
  activity?: string | null;
  /** The camera view the analysis saw (`side`, `front`…). */
  view?: string | null;
  filename?: string | null;
}

export interface CsvSet extends CsvSetInfo {
  /** The coach's version where there is one (each rep says whether the coach edited it), else Guru's. */
  reps: readonly (Rep | CoachRep)[];
}

/** Spreadsheets want a byte-order mark to read UTF-8 (the ° of the units) instead of guessing ANSI. */
export const CSV_BOM = '\uFEFF';

/** RFC 4180: quote a field holding a comma, quote, CR or LF; double the quotes inside. */
export function csvField(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = typeof value === 'number' ? (Number.isFinite(value) ? String(value) : '') : value;
  // A leading =, +, -, @ makes spreadsheets evaluate the cell; names are text, so defuse them.
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** Reads RFC 4180 text back into rows of fields (for tools and tests that check an export). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  const body = text.startsWith(CSV_BOM) ? text.slice(1) : text;
  for (let i = 0; i < body.length; i++) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field);
      field = '';
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && body[i + 1] === '\n') i++;
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
    } else field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field]);
  return rows;
}

const seconds = (ms: number | null | undefined) => (typeof ms === 'number' && Number.isFinite(ms) ? Number((ms / 1000).toFixed(3)) : null);

/** Timing has fixed columns: the analysis's own number when it gave one, else read from the rep's times. */
const TIMING = [
  { type: 'REP_DURATION_MS', column: 'Duration (s)', fromTimes: (r: Rep) => r.endTimestampMs - r.startTimestampMs },
  { type: 'DESCENT_MS', column: 'Descent (s)', fromTimes: (r: Rep) => (typeof r.midTimestampMs === 'number' ? r.midTimestampMs - r.startTimestampMs : null) },
  { type: 'ASCENT_MS', column: 'Ascent (s)', fromTimes: (r: Rep) => (typeof r.midTimestampMs === 'number' ? r.endTimestampMs - r.midTimestampMs : null) },
] as const;
const TIMING_TYPES: ReadonlySet<string> = new Set(TIMING.map((t) => t.type));

/** A column name a coach can read, with its unit: "Squat depth (°)"; milliseconds are written as seconds. */
function columnOf(type: string): string {
  const { label, unit } = describeAnalysisType(type);
  if (unit === 'ms') return `${label} (s)`;
  return unit ? `${label} (${unit})` : label;
}

/** Every measure type of these reps (timing aside), in order of first appearance. */
export function measureTypes(reps: Iterable<Rep>): string[] {
  const seen = new Set<string>();
  for (const rep of reps) for (const a of rep.analyses) if (!TIMING_TYPES.has(a.analysisType)) seen.add(a.analysisType);
  return [...seen];
}

const isoDate = (date: string | null | undefined) => (date && /^\d{4}-\d{2}-\d{2}/.test(date) ? date.slice(0, 10) : (date ?? null));
const readable = (id: string | null | undefined) => (id ? sentenceCase(id.replace(/([a-z])([A-Z])/g, '$1_$2')) : null);

export const SET_COLUMNS = ['Athlete', 'Date', 'Activity', 'Camera view', 'Video'] as const;

/**
 * One row per rep of every set, sets in the order given and reps in time order (numbered as on the
 * timeline). Measure columns are the union over all sets; a measure a rep lacks is empty, one it
 * could not measure reads "not measured" and never carries an opinion.
 */
export function setsToCsv(sets: readonly CsvSet[]): string {
  const types = measureTypes(sets.flatMap((s) => s.reps));
  const header = [
    ...SET_COLUMNS,
    'Rep',
    'Start (s)',
    'Mid (s)',
    'End (s)',
    ...TIMING.map((t) => t.column),
    ...types.flatMap((t) => [columnOf(t), `${describeAnalysisType(t).label} opinion`]),
    'Confidence',
    'Check this rep',
    'Rep opinion',
    'Edited by coach',
  ];
  const rows = sets.flatMap((set) => {
    const info = [set.athlete ?? null, isoDate(set.date), readable(set.activity), readable(set.view), set.filename ?? null];
    const reps = [...set.reps].sort((a, b) => a.startTimestampMs - b.startTimestampMs);
    return reps.map((rep, i) => [
      ...info,
      i + 1,
      seconds(rep.startTimestampMs),
      seconds(rep.midTimestampMs),
      seconds(rep.endTimestampMs),
      ...TIMING.map((t) => {
        const own = rep.analyses.find((a) => a.analysisType === t.type)?.analysisScalar;
        return seconds(typeof own === 'number' ? own : t.fromTimes(rep));
      }),
      ...types.flatMap((t): (string | number | null)[] => {
        const a = rep.analyses.find((x) => x.analysisType === t);
        if (!a) return [null, null];
        if (typeof a.analysisScalar !== 'number' || !Number.isFinite(a.analysisScalar)) return ['not measured', null];
        const value = describeAnalysisType(t).unit === 'ms' ? seconds(a.analysisScalar) : a.analysisScalar;
        return [value, a.analysisOpinion ?? null];
      }),
      rep.confidence ?? null,
      isLowConfidence(rep) ? 'yes' : 'no',
      repOpinion(rep),
      'edited' in rep && rep.edited === true ? 'yes' : 'no',
    ]);
  });
  return CSV_BOM + [header, ...rows].map((row) => row.map(csvField).join(',')).join('\r\n') + '\r\n';
}
