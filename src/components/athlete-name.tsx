import { athleteKey, type AthleteSummary } from '../contract/api.ts';

/** The existing athlete a typed name means (same key: case, accents and spacing aside). */
export function findAthlete(name: string, athletes: readonly AthleteSummary[]): AthleteSummary | undefined {
  const key = athleteKey(name);
  return key ? athletes.find((a) => athleteKey(a.name) === key) : undefined;
}

/** One per page: athlete name inputs point at it with `list={id}` for suggestions. */
export function AthleteDatalist({ id, athletes }: { id: string; athletes: readonly AthleteSummary[] }) {
  return (
    <datalist id={id}>
      {athletes.map((a) => (
        <option key={a.id} value={a.name} />
      ))}
    </datalist>
  );
}

/** Says where a typed name will file the video, so a typo or a second spelling is seen before upload. */
export function AthleteHint({ id, name, athletes }: { id: string; name: string; athletes: readonly AthleteSummary[] }) {
  if (!name.trim()) return null;
  const match = findAthlete(name, athletes);
  if (match && match.name === name.trim()) return null;
  return (
    <p id={id} className="mt-1 text-xs text-slate-600">
      {match ? `Files under ${match.name}` : 'New athlete'}
    </p>
  );
}
