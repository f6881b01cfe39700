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

export type SessionFilters = { q?: string; activity?: string; status?: string };

/** Text search over athlete and filename (case- and accent-insensitive), plus exact activity and status. */
export function filterSessions(sessions: readonly Session[], { q = '', activity = '', status = '' }: SessionFilters): Session[] {
  const fold = (s: string) => s.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();
  const words = fold(q).split(/\s+/).filter(Boolean);
  return sessions.filter(
    (s) =>
      (!activity || s.activity === activity) &&
      (!status || s.status === status) &&
      words.every((w) => fold(`${s.athlete} ${s.filename}`).includes(w)),
  );
}
