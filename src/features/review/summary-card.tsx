import type { VideoDetail } from '../../contract/api.ts';
import type { AnalysisResponse, Rep } from '../../contract/guru.ts';
import { Button, buttonClass } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { Skeleton } from '../../components/skeleton.tsx';
import { RepCountForm } from './rep-count-form.tsx';
import { needsCheck } from './rep-utils.ts';
import { csvFilename, downloadText, repsToCsv } from './reps-csv.ts';
import { ViewNote } from './view-note.tsx';

/** The count (detected, expected, the coach's correction), the correction form and the exports. */
export function SummaryCard({
  id,
  reps,
  video,
  videoFailed,
  analysis,
}: {
  id: string;
  reps: readonly Rep[];
  video: VideoDetail | undefined;
  videoFailed: boolean;
  analysis: AnalysisResponse;
}) {
  const session = video?.session ?? null;
  const detected = reps.length;
  return (
    <Card className="p-4 sm:p-5 print:shadow-none">
      <p className="text-lg font-semibold text-slate-900">
        Detected {detected} {detected === 1 ? 'rep' : 'reps'}
        {typeof session?.expectedReps === 'number' && <span className="font-normal text-slate-600"> · expected {session.expectedReps}</span>}
      </p>
      {typeof session?.correctedReps === 'number' && (
        <p className="mt-0.5 text-sm text-slate-600">Corrected by coach: {session.correctedReps}</p>
      )}
      <ViewNote view={analysis.view} checks={reps.filter(needsCheck).length} />
      <div className="mt-4 print:hidden">
        {/* Mounted once the library entry is known, so it starts from the saved correction. */}
        {video || videoFailed ? (
          <RepCountForm
            key={id}
            videoId={id}
            initialCount={session?.correctedReps ?? detected}
            initialDomain={session?.domain ?? analysis.domain}
            initialActivity={session?.activity ?? analysis.activity}
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
          onClick={() => downloadText(csvFilename(session?.filename), repsToCsv(reps))}
        >
          Download CSV
        </Button>
        <Button variant="secondary" size="sm" onClick={() => window.print()}>
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
