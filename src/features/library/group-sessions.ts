import type { Session } from '../../contract/api.ts';

export type AthleteGroup = { athlete: string; sessions: Session[] };

/** Sessions grouped by athlete; groups and sessions newest first. */
export function groupByAthlete(sessions: readonly Session[]): AthleteGroup[] {
  const time = (s: Session) => Date.parse(s.createdAt) || 0;
  const sorted = [...sessions].sort((a, b) => time(b) - time(a));
  const groups = new Map<string, Session[]>();
  for (const s of sorted) {
    const list = groups.get(s.athlete);
    if (list) list.push(s);
    else groups.set(s.athlete, [s]);
  }
  return [...groups].map(([athlete, list]) => ({ athlete, sessions: list }));
}
