import { Link } from 'react-router';
import type { VideoDetail } from '../../contract/api.ts';
import { buttonClass } from '../../components/button.tsx';
import { Card } from '../../components/card.tsx';
import { setsAhead } from '../../lib/format.ts';
import { useNow } from './elapsed-time.tsx';
import { describeFailure } from './failure-reason.ts';

/** Past this with no set ahead of it, an analysis has probably stopped: say so (RELIABILITY.md). */
const ANALYSIS_DEADLINE_MS = 10 * 60_000;

export function PendingPanel({
  video,
  queuePosition,
  since,
}: {
  video: VideoDetail | undefined;
  queuePosition: number | null | undefined;
  since: number;
}) {
  const now = useNow(5000);
  // Guru's video status is Success once the file has arrived; before that nothing is analysing.
  if (video && video.status !== 'Success') return <WaitingForUploadPanel />;
  if (queuePosition == null && now - since > ANALYSIS_DEADLINE_MS) return <TimedOutPanel />;
  return (
    <Card className="p-5">
      <div className="flex items-start gap-4">
        <span aria-hidden="true" className="mt-1 size-5 shrink-0 animate-spin rounded-full border-2 border-brand-200 border-t-brand-600" />
        <div>
          <p className="font-medium text-slate-900">
            {queuePosition != null ? `Waiting to be analysed: ${setsAhead(queuePosition)}` : 'Analysing the video'}
          </p>
          <p className="mt-1 text-sm text-slate-600">
            This usually takes under a minute. The page updates on its own; you can leave and come back from the library.
          </p>
        </div>
      </div>
      {video?.playback === 'Preparing' && <p className="mt-4 text-sm text-slate-600">Preparing playback…</p>}
      {video?.uri && (
        <video controls playsInline preload="metadata" src={video.uri} className="mt-5 aspect-video w-full max-w-3xl rounded-lg bg-black" />
      )}
    </Card>
  );
}

/** A pending analysis that needs the coach: what is happening, and a new upload if it does not move. */
function StalledPanel({ title, children }: { title: string; children: string }) {
  return (
    <Card className="p-5">
      <p className="font-medium text-slate-900">{title}</p>
      <p className="mt-1 text-sm text-slate-600">{children}</p>
      <Link to="/" className={`${buttonClass('secondary', 'sm')} mt-4`}>
        Upload again
      </Link>
    </Card>
  );
}

function TimedOutPanel() {
  return (
    <StalledPanel title="The analysis is taking much longer than usual">
      It has been over 10 minutes and it may have stopped. This page keeps checking and updates on its own if it
      finishes; if it does not, upload the video again.
    </StalledPanel>
  );
}

function WaitingForUploadPanel() {
  return (
    <StalledPanel title="Waiting for the upload">
      The video file hasn't arrived yet, so the analysis hasn't started. If its upload stopped (the tab was closed or the
      connection dropped), upload the file again. This page updates on its own when it arrives.
    </StalledPanel>
  );
}

export function FailedPanel({ reason }: { reason: string | null | undefined }) {
  return (
    <div role="alert" className="rounded-xl border border-red-200 bg-red-50 p-5">
      <p className="font-semibold text-bad">We couldn't analyse this video</p>
      <p className="mt-1 text-sm text-red-900">{describeFailure(reason)}</p>
      <Link to="/" className={`${buttonClass('primary', 'sm')} mt-4`}>
        Upload again
      </Link>
    </div>
  );
}
