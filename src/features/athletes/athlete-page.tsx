import { useId, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { useAthleteSets } from '../../api/get-athlete-sets.ts';
import { useVideos } from '../../api/get-videos.ts';
import { athleteIdSchema } from '../../contract/api.ts';
import { buttonClass } from '../../components/button.tsx';
import { Card, CardHeader } from '../../components/card.tsx';
import { EmptyState } from '../../components/empty-state.tsx';
import { ErrorState, errorMessage } from '../../components/error-state.tsx';
import { fieldClass, labelClass } from '../../components/field.ts';
import { Skeleton } from '../../components/skeleton.tsx';
import { StatusBadge } from '../../components/status-badge.tsx';
import { describeAnalysisType, formatDate, humanize } from '../../lib/format.ts';
import { coachTimeZone, defaultRange } from './date-range.ts';
import { AthleteNumbersForm } from './athlete-numbers-form.tsx';
import { TrendCharts } from './trend-charts.tsx';
import { activitiesOf, measuresOf, trendPoints, velocityUnit } from './trends.ts';

/**
 * One athlete over time: their sets' trends per activity (reps, a measure with its spread across
 * the set, tempo) with the coach's corrections applied, over dates the coach picks, and every
 * session newest first. A point on a chart opens that set.
 */
export function AthletePage() {
  const parsed = athleteIdSchema.safeParse(useParams().id);
  const id = parsed.success ? parsed.data : 0;
  const formId = useId();
  const navigate = useNavigate();
  const [range, setRange] = useState(defaultRange);
  const backwards = !!range.from && !!range.to && range.from > range.to;
  const query = useMemo(() => ({ from: range.from || undefined, to: range.to || undefined, tz: coachTimeZone() }), [range]);
  const sets = useAthleteSets(id, query);
  const sessions = useVideos({ athleteId: id, limit: 100 });
  const [chosenActivity, setActivity] = useState<string | null>(null);
  const [chosenMeasure, setMeasure] = useState<string | null>(null);

  const all = sets.data?.sets ?? [];
  const activities = activitiesOf(all);
  const activity = activities.find((a) => a.id === chosenActivity)?.id ?? activities[0]?.id ?? null;
  const ofActivity = all.filter((s) => s.activity === activity);
  const measures = measuresOf(ofActivity);
  const measure = chosenMeasure && measures.includes(chosenMeasure) ? chosenMeasure : (measures[0] ?? null);
  const points = trendPoints(ofActivity, measure);
  const name = sets.data?.athlete.name;

  if (!parsed.success) return <ErrorState title="There is no such athlete" message="Check the link, or pick the athlete from the list." />;
  return (
    <div className="space-y-6">
      <div>
        <Link to="/athletes" className="text-sm text-brand-700 hover:underline focus-visible:outline-2 focus-visible:outline-brand-600">
          ← Athletes
        </Link>
        <h1 className="mt-1 truncate text-2xl font-semibold tracking-tight text-slate-900">{name ?? 'Athlete'}</h1>
        {sets.data && (
          <p className="mt-1 text-sm text-slate-600">
            {sets.data.athlete.sessions} {sets.data.athlete.sessions === 1 ? 'video' : 'videos'}
            {sets.data.athlete.lastSessionAt && ` · last ${formatDate(sets.data.athlete.lastSessionAt)}`} ·{' '}
            <Link to={`/library?athleteId=${id}`} className="text-brand-700 underline underline-offset-2">
              Open in the library
            </Link>
          </p>
        )}
      </div>

      <Card className="p-4 sm:p-5">
        <form aria-label="Dates and activity" className="flex flex-wrap items-end gap-3" onSubmit={(e) => e.preventDefault()}>
          <div>
            <label htmlFor={`${formId}-from`} className={labelClass}>
              From
            </label>
            <input id={`${formId}-from`} type="date" className={fieldClass} value={range.from} onChange={(e) => setRange({ ...range, from: e.target.value })} />
          </div>
          <div>
            <label htmlFor={`${formId}-to`} className={labelClass}>
              To
            </label>
            <input id={`${formId}-to`} type="date" className={fieldClass} value={range.to} onChange={(e) => setRange({ ...range, to: e.target.value })} />
          </div>
          {activities.length > 1 && (
            <div>
              <label htmlFor={`${formId}-activity`} className={labelClass}>
                Activity
              </label>
              <select id={`${formId}-activity`} className={fieldClass} value={activity ?? ''} onChange={(e) => setActivity(e.target.value)}>
                {activities.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.name} ({a.sets})
                  </option>
                ))}
              </select>
            </div>
          )}
          {measures.length > 1 && (
            <div>
              <label htmlFor={`${formId}-measure`} className={labelClass}>
                Measure
              </label>
              <select id={`${formId}-measure`} className={fieldClass} value={measure ?? ''} onChange={(e) => setMeasure(e.target.value)}>
                {measures.map((m) => (
                  <option key={m} value={m}>
                    {describeAnalysisType(m).label}
                  </option>
                ))}
              </select>
            </div>
          )}
        </form>
        {sets.data && (
          <div className="mt-4 border-t border-slate-100 pt-4">
            <AthleteNumbersForm key={sets.data.athlete.id} athlete={sets.data.athlete} />
          </div>
        )}
        {backwards && (
          <p role="alert" className="mt-2 text-sm text-bad">
            The From date is after the To date.
          </p>
        )}
        {sets.data && sets.data.skipped > 0 && (
          <p role="status" className="mt-2 text-sm text-amber-800">
            {sets.data.skipped} {sets.data.skipped === 1 ? 'set' : 'sets'} could not be read from the analysis service just now and are not shown.
          </p>
        )}
      </Card>

      {sets.isPending && <Skeleton className="h-56 w-full" />}
      {sets.error && !backwards && <ErrorState title="We couldn't load this athlete's sets" message={errorMessage(sets.error)} onRetry={() => void sets.refetch()} />}
      {sets.data && points.length === 0 && !backwards && (
        <EmptyState title="No analysed sets in these dates" message="Pick other dates, or upload a set for this athlete." />
      )}
      {points.length > 0 && (
        <section aria-label={`Trends: ${activities.find((a) => a.id === activity)?.name ?? ''}`} className="space-y-2">
          <p className="text-sm text-slate-600">
            {points.length} {points.length === 1 ? 'set' : 'sets'} of {humanize(activity).toLowerCase()}, with the coach&apos;s corrections.
            Click a point to open that set.
            {points.length > 1 && (
              <>
                {' '}
                <Link
                  to={`/compare?a=${points[points.length - 2].id}:1&b=${points[points.length - 1].id}:1`}
                  className="text-brand-700 underline underline-offset-2"
                >
                  Compare the last two sets rep by rep
                </Link>
              </>
            )}
          </p>
          <TrendCharts points={points} measure={measure} velocityUnit={velocityUnit(ofActivity)} onOpen={(set) => navigate(`/videos/${set}`)} />
        </section>
      )}

      <Card>
        <CardHeader title="Every session, newest first" />
        {sessions.data?.items.length ? (
          <ul aria-label={`Sessions of ${name ?? 'the athlete'}`} className="divide-y divide-slate-100">
            {sessions.data.items.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center justify-between gap-2 px-4 py-2.5 sm:px-5">
                <div className="min-w-0">
                  <Link to={`/videos/${s.id}`} className="block truncate text-sm font-medium text-brand-700 hover:underline">
                    {s.filename}
                  </Link>
                  <p className="text-sm text-slate-600">
                    {humanize(s.activity)} · {formatDate(s.createdAt)}
                    {typeof (s.correctedReps ?? s.repsFound) === 'number' && ` · ${s.correctedReps ?? s.repsFound} reps`}
                    {typeof s.correctedReps === 'number' && typeof s.repsFound === 'number' && ` (detected ${s.repsFound})`}
                  </p>
                </div>
                <StatusBadge status={s.status} />
              </li>
            ))}
          </ul>
        ) : (
          <p className="px-4 py-3 text-sm text-slate-600 sm:px-5">{sessions.isPending ? 'Loading…' : 'No sessions.'}</p>
        )}
        {(sessions.data?.total ?? 0) > (sessions.data?.items.length ?? 0) && (
          <div className="border-t border-slate-100 px-4 py-3 sm:px-5">
            <Link to={`/library?athleteId=${id}`} className={buttonClass('secondary', 'sm')}>
              All {sessions.data?.total} sessions in the library
            </Link>
          </div>
        )}
      </Card>
    </div>
  );
}
