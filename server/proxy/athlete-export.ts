/**
 * An athlete's analysed sets over a date range: as JSON for the athlete page's trends, and as one
 * CSV (the review's columns, reps-csv.ts). A set whose analysis cannot be read is left out and
 * counted, so the coach is told rather than handed a silently shorter answer.
 */
import { dateIn, type AthleteSet, type AthleteSummary, type Session } from '../../src/contract/api.ts';
import type { Rep } from '../../src/contract/guru.ts';
import { setsToCsv, type CsvSet } from '../../src/contract/reps-csv.ts';
import { setVelocity, trackedPointOf, withVelocity, type SetVelocity } from '../../src/contract/velocity.ts';
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

/**
 * Velocities already worked out, by set and by everything they depend on (activity, reps, the
 * athlete's numbers): the athlete page asks for every set at each visit, and reading each set's
 * joint data again would cost a Guru call and a large parse per set. The oldest goes first.
 */
export class VelocityCache {
  private readonly entries = new Map<string, SetVelocity | null>();
  constructor(private readonly max = 2000) {}

  static key(id: string, activity: string | null, reps: readonly Rep[], athlete: AthleteSummary) {
    const bounds = reps.map((r) => `${r.startTimestampMs}/${r.midTimestampMs ?? ''}/${r.endTimestampMs}`).join(',');
    return `${id}|${activity}|${athlete.heightCm ?? ''}|${athlete.velocityLossPct}|${bounds}`;
  }

  get(key: string) {
    return this.entries.get(key);
  }

  set(key: string, velocity: SetVelocity | null) {
    this.entries.delete(key);
    this.entries.set(key, velocity && { ...velocity, reps: velocity.reps.map((r) => ({ ...r, path: [] })) });
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }
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

/**
 * The athlete's analysed sets in the range, oldest first, each as the coach judged it: their
 * version of the reps where one exists, else Guru's, with RepLens's velocity from the joint data
 * (at the athlete's height). Each analysis is read from Guru (its reps and camera view), a few at
 * a time; one that cannot be read is left out and counted.
 */
export async function collectAthleteSets(
  guru: GuruClient,
  library: Library,
  athlete: AthleteSummary,
  range: ExportRange,
  cache = new VelocityCache(),
  concurrency = 4,
): Promise<{ sets: AthleteSet[]; skipped: number; asked: number }> {
  const inRange = (s: Session) => {
    const day = dateIn(s.createdAt, range.tz);
    return (!range.from || day >= range.from) && (!range.to || day <= range.to);
  };
  const sessions = (await library.analysedOf(athlete.id)).filter(inRange);
  const sets = await mapLimit(sessions, concurrency, async (session): Promise<AthleteSet | null> => {
    let analysis;
    try {
      analysis = await guru.getAnalysis(session.id);
    } catch (error) {
      console.warn(`[athlete] analysis of ${session.id} unavailable: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
    if (analysis.status !== 'Complete') return null;
    const coach = (await library.repEdits.current(session.id))?.reps;
    const activity = session.activity ?? analysis.activity ?? analysis.liftType ?? null;
    const reps = coach ?? analysis.reps.map((r) => ({ ...r, edited: false }));
    return {
      id: session.id,
      createdAt: session.createdAt,
      date: dateIn(session.createdAt, range.tz),
      activity,
      view: analysis.view ?? null,
      filename: session.filename,
      detected: analysis.reps.length,
      reps: withVelocity(reps, await velocityOf(guru, session.id, activity, reps, athlete, cache)),
    };
  });
  const written = sets.filter((s): s is AthleteSet => s !== null);
  return { sets: written, skipped: sets.length - written.length, asked: sessions.length };
}

/**
 * The set's velocity (velocity.ts) from Guru's joint data, as the review page computes it; null
 * when the activity has no tracked point or the joint data cannot be read (the set still counts).
 */
async function velocityOf(guru: GuruClient, id: string, activity: string | null, reps: readonly Rep[], athlete: AthleteSummary, cache: VelocityCache) {
  if (!trackedPointOf(activity) || reps.length === 0) return null;
  const key = VelocityCache.key(id, activity, reps, athlete);
  const known = cache.get(key);
  if (known !== undefined) return known;
  let j2p;
  try {
    j2p = await guru.getJ2p(id);
  } catch (error) {
    console.warn(`[athlete] joint data of ${id} unavailable: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
  const velocity = setVelocity({
    jointToPoints: j2p.jointToPoints,
    followedJoint: j2p.followedJoint,
    width: j2p.resolutionWidth ?? 0,
    height: j2p.resolutionHeight ?? 0,
    activity,
    reps,
    heightCm: athlete.heightCm,
    thresholdPct: athlete.velocityLossPct,
  });
  // Not cached: a set whose joint data could not be read (above) is tried again next time.
  cache.set(key, velocity);
  return velocity;
}

export async function exportAthlete(
  guru: GuruClient,
  library: Library,
  athlete: AthleteSummary,
  range: ExportRange,
  cache?: VelocityCache,
): Promise<AthleteExport> {
  const { sets, skipped, asked } = await collectAthleteSets(guru, library, athlete, range, cache);
  if (asked > 0 && sets.length === 0) {
    throw new ProxyError(502, 'export_unavailable', `None of the ${asked} sets could be read from the analysis service just now. Try again in a moment.`);
  }
  const span = `${range.from ?? 'earliest'}-${range.to ?? 'latest'}`;
  return {
    csv: setsToCsv(sets.map((s): CsvSet => ({ ...s, athlete: athlete.name }))),
    disposition: attachment(`${fileSafe(athlete.name)}-${span}.csv`, `${athlete.name}-${span}.csv`),
    sets: sets.length,
    skipped,
  };
}
