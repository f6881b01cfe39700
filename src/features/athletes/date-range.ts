/** A calendar date in the coach's own time zone, as date inputs read and write it. */
export function localDate(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** Exports and trends start this many days back unless the coach picks other dates. */
export const DEFAULT_DAYS = 90;

/** From DEFAULT_DAYS ago to today, in the coach's calendar. */
export function defaultRange(now = new Date()): { from: string; to: string } {
  const start = new Date(now);
  start.setDate(start.getDate() - DEFAULT_DAYS);
  return { from: localDate(start), to: localDate(now) };
}

/** The coach's time zone: a range is in their calendar, so "today" holds this evening's sets. */
export const coachTimeZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;
