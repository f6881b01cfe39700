import type { Session } from '../../contract/api.ts';

export type AthleteGroup = { athleteId: number; athlete: string; sessions: Session[] };

/** Sessions grouped by athlete record (not by spelling); groups and sessions newest first. */
export function groupByAthlete(sessions: readonly Session[]): AthleteGroup[] {
  const time = (s: Session) => Date.parse(s.createdAt) || 0;
  const sorted = [...sessions].sort((a, b) => time(b) - time(a));
  const groups = new Map<number, AthleteGroup>();
  for (const s of sorted) {
    const group = groups.get(s.athleteId);
    if (group) group.sessions.push(s);
    else groups.set(s.athleteId, { athleteId: s.athleteId, athlete: s.athlete, sessions: [s] });
  }
  return [...groups.values()];
}

const reps = (n: number) => `${n} ${n === 1 ? 'rep' : 'reps'}`;

/** The count a coach goes by: theirs when they corrected or edited the set, else the detected one. */
export const repCount = (s: Session) => s.correctedReps ?? s.repsFound;

/**
 * Why a set needs review, in words: "expected 3, found 4" when the count differs from the
 * expected one, "2 reps to check" for low-confidence reps, both when both. Empty when it needs none.
 */
export function reviewFlags(s: Session): string[] {
  if (!s.needsReview) return [];
  const flags: string[] = [];
  const count = repCount(s);
  if (typeof s.expectedReps === 'number' && typeof count === 'number' && count !== s.expectedReps) {
    flags.push(`expected ${s.expectedReps}, found ${count}`);
  }
  if (s.lowConfidenceReps) flags.push(`${reps(s.lowConfidenceReps)} to check`);
  return flags;
}

/** The rep count as a coach reads it: the coach's with "detected N" beside it, and the expected one when it differs. */
export function repsText(s: Session): string {
  const count = repCount(s);
  const parts: string[] = [];
  if (typeof count === 'number') parts.push(reps(count));
  if (typeof s.correctedReps === 'number' && typeof s.repsFound === 'number') parts.push(`detected ${s.repsFound}`);
  // A flagged mismatch already says what was expected.
  const flagged = reviewFlags(s).some((f) => f.startsWith('expected'));
  if (typeof s.expectedReps === 'number' && count !== s.expectedReps && !flagged) parts.push(`expected ${s.expectedReps}`);
  return parts.join(' · ') || '—';
}
