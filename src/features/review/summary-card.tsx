import type { VideoDetail } from '../../contract/api.ts';
import type { AnalysisResponse } from '../../contract/guru.ts';
import { Button, buttonClass } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { Skeleton } from '../../components/skeleton.tsx';
import { formatDate } from '../../lib/format.ts';
import { RepCountForm } from './rep-count-form.tsx';
import { needsCheck } from './rep-utils.ts';
import { csvFilename, downloadText, repsToCsv } from './reps-csv.ts';
import type { useSetReps } from './use-set-reps.ts';
import { VelocitySummary } from './velocity-summary.tsx';
import { ViewNote } from './view-note.tsx';

const repsWord = (n: number) => `${n} ${n === 1 ? 'rep' : 'reps'}`;

/** "1, 2 and 6" */
function listOf(numbers: number[]): string {
  return numbers.length < 2 ? numbers.join('') : `${numbers.slice(0, -1).join(', ')} and ${numbers[numbers.length - 1]}`;
}

/**
 * The count as the coach judged it (their edited reps, or their corrected count, else what was
 * detected) with what was detected and expected beside it, a mismatch flag, the coach's
 * corrections (printed too), the correction form and the exports.
 */
export function SummaryCard({
  id,
  set,
  video,
  videoFailed,
  analysis,
  onPrint,
}: {
  id: string;
  set: ReturnType<typeof useSetReps>;
  video: VideoDetail | undefined;
  videoFailed: boolean;
  analysis: AnalysisResponse;
  onPrint: () => void;
}) {
  const session = video?.session ?? null;
  const { reps, detected, edited, coach } = set;
  const corrected = typeof session?.correctedReps === 'number';
  const count = edited ? reps.length : (session?.correctedReps ?? detected);
  const expected = session?.expectedReps;
  const placed = reps.flatMap((r, i) => (r.edited ? [i + 1] : []));
  const details = [
    edited ? 'reps edited by coach' : corrected ? 'count corrected by coach' : null,
    edited || corrected ? `detected ${detected}` : null,
    typeof expected === 'number' ? `expected ${expected}` : null,
  ].filter(Boolean);
  return (
    <Card className="p-4 sm:p-5 print:shadow-none">
      <p className="text-lg font-semibold text-slate-900">{repsWord(count)}</p>
      {details.length > 0 && <p className="mt-0.5 text-sm text-slate-600">{details.join(' · ')}</p>}
      {typeof expected === 'number' && count !== expected && (
        <p className="mt-2 rounded-md bg-amber-50 px-3 py-1.5 text-sm text-amber-900 ring-1 ring-amber-200">
          Expected {expected}, found {count}: check the reps on the timeline{edited || corrected ? '' : ', then edit them or correct the count'}.
        </p>
      )}
      {edited && coach && (
        <p className="mt-2 text-sm text-slate-700">
          <span className="font-medium">Coach&apos;s corrections:</span>{' '}
          {placed.length > 0 ? `${placed.length === 1 ? 'rep' : 'reps'} ${listOf(placed)} placed by the coach and measured by RepLens` : 'reps removed by the coach'}
          {reps.length !== detected && ` (${repsWord(detected)} detected)`}
          {coach.editedAt && `, ${formatDate(coach.editedAt)}`}.
        </p>
      )}
      <ViewNote view={analysis.view} checks={reps.filter(needsCheck).length} />
      {set.velocity && <VelocitySummary velocity={set.velocity} athleteId={session?.athleteId} />}
      <div className="mt-4 print:hidden">
        {/* Mounted once the library entry is known, so it starts from the saved correction. */}
        {video || videoFailed ? (
          <RepCountForm
            key={id}
            videoId={id}
            initialCount={count}
            initialDomain={session?.domain ?? analysis.domain}
            initialActivity={session?.activity ?? analysis.activity}
            editedCount={edited ? reps.length : undefined}
          />
        ) : (
          <Skeleton className="h-16 w-56" />
        )}
      </div>
      <div className="mt-4 flex flex-wrap gap-2 border-t border-slate-100 pt-4 print:hidden">
        <Button
          variant="secondary"
          size="sm"
          disabled={reps.length === 0}
          onClick={() =>
            downloadText(
              csvFilename(session?.filename),
              repsToCsv(reps, {
                athlete: session?.athlete,
                date: session?.createdAt,
                activity: session?.activity ?? analysis.activity,
                view: analysis.view,
                filename: session?.filename,
              }),
            )
          }
        >
          Download CSV
        </Button>
        <Button variant="secondary" size="sm" onClick={onPrint}>
          Print summary
        </Button>
        {video?.originalUri && (
          <a href={video.originalUri} download={session?.filename ?? true} className={buttonClass('secondary', 'sm')}>
            Download original
          </a>
        )}
      </div>
    </Card>
  );
}
