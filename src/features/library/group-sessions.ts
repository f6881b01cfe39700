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

/** The rep counts as a coach reads them: "expected 3, found 4" when they disagree and nobody corrected it. */
export function repsText(s: Session): string {
  if (s.needsReview) return `expected ${s.expectedReps}, found ${s.repsFound}`;
  const parts: string[] = [];
  if (typeof s.repsFound === 'number') parts.push(`${s.repsFound} found`);
  if (typeof s.correctedReps === 'number') parts.push(`${s.correctedReps} corrected`);
  const count = s.correctedReps ?? s.repsFound;
  if (typeof s.expectedReps === 'number' && (count === null || count !== s.expectedReps)) parts.push(`${s.expectedReps} expected`);
  return parts.join(' · ') || '—';
}
