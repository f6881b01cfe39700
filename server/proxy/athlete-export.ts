/**
 * An athlete's analysed sets over a date range as one CSV (the review's columns, reps-csv.ts): the
 * coach's version of each set where there is one, else Guru's reps. Each set's analysis is read
 * from Guru (its reps and camera view), a few at a time; a set whose analysis cannot be read is
 * left out and counted, so the coach is told rather than handed a silently shorter file.
 */
import { dateIn, type AthleteSummary, type CoachRep, type Session } from '../../src/contract/api.ts';
import { setsToCsv, type CsvSet } from '../../src/contract/reps-csv.ts';
import { ProxyError } from './errors.ts';
import type { GuruClient } from './guru-client.ts';
import type { Library } from './library-store.ts';

export interface ExportRange {
  from?: string;
  to?: string;
  tz: string;
}

export interface AthleteExport {
  csv: string;
  /** The content-disposition header: an attachment named after the athlete and the range. */
  disposition: string;
  sets: number;
  skipped: number;
}

/** Runs `work` over `items` with at most `limit` running at once; results keep the items' order. */
async function mapLimit<T, R>(items: readonly T[], limit: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await work(items[i]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return results;
}

/** "Maya Chén" → "Maya-Chen": a file name any system and any header keeps intact. */
export function fileSafe(text: string): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|-+$/g, '')
    .replace(/-{2,}/g, '-');
  return ascii.slice(0, 60) || 'athlete';
}

/** `attachment` with an ASCII name and the exact one (RFC 6266 `filename*`). */
export function attachment(filename: string, exact: string): string {
  return `attachment; filename="${filename}"; filename*=UTF-8''${encodeURIComponent(exact)}`;
}

export async function exportAthlete(
  guru: GuruClient,
  library: Library,
  athlete: AthleteSummary,
  range: ExportRange,
  concurrency = 4,
): Promise<AthleteExport> {
  const inRange = (s: Session) => {
    const day = dateIn(s.createdAt, range.tz);
    return (!range.from || day >= range.from) && (!range.to || day <= range.to);
  };
  const sessions = (await library.analysedOf(athlete.id)).filter(inRange);
  const sets = await mapLimit(sessions, concurrency, async (session): Promise<CsvSet | null> => {
    let analysis;
    try {
      analysis = await guru.getAnalysis(session.id);
    } catch (error) {
      console.warn(`[export] analysis of ${session.id} unavailable: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
    if (analysis.status !== 'Complete') return null;
    const coach = (await library.repEdits.current(session.id))?.reps;
    const reps: CoachRep[] = coach ?? analysis.reps.map((r) => ({ ...r, edited: false }));
    return {
      athlete: session.athlete,
      date: dateIn(session.createdAt, range.tz),
      activity: session.activity ?? analysis.activity ?? analysis.liftType ?? null,
      view: analysis.view ?? null,
      filename: session.filename,
      reps,
    };
  });
  const written = sets.filter((s): s is CsvSet => s !== null);
  const skipped = sets.length - written.length;
  if (sessions.length > 0 && written.length === 0) {
    throw new ProxyError(502, 'export_unavailable', `None of the ${sessions.length} sets could be read from the analysis service just now. Try again in a moment.`);
  }
  const span = `${range.from ?? 'earliest'}-${range.to ?? 'latest'}`;
  return {
    csv: setsToCsv(written),
    disposition: attachment(`${fileSafe(athlete.name)}-${span}.csv`, `${athlete.name}-${span}.csv`),
    sets: written.length,
    skipped,
  };
}
