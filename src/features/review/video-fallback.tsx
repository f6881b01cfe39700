import { useState, type SyntheticEvent } from 'react';
import { buttonClass } from '../../components/button.tsx';

export type NoPictureReason = 'preparing' | 'unplayable' | 'missing';

/**
 * Whether this browser shows the video's picture. Chromium plays an HEVC file as sound only: no
 * error event, just `videoWidth` 0 once the metadata is in. Stays false once seen, so a refetched
 * (re-signed) URL doesn't bring the black box back.
 */
export function useVideoPicture() {
  const [unplayable, setUnplayable] = useState(false);
  const handlers = {
    onError: () => setUnplayable(true),
    onLoadedMetadata: (e: SyntheticEvent<HTMLVideoElement>) => {
      if (e.currentTarget.videoWidth === 0) setUnplayable(true);
    },
  };
  return { unplayable, handlers };
}

const TEXT: Record<NoPictureReason, { title: string; body: string }> = {
  preparing: {
    title: 'Preparing playback',
    body: "This video is being converted so every browser can play it; it appears here by itself. Until then the skeleton replay below shows the movement.",
  },
  unplayable: {
    title: "This browser can't play this video",
    body: 'It was probably recorded in a format such as HEVC (iPhones use it) that this browser cannot show. Download it to watch in another player. The reps, charts and the skeleton replay below still work.',
  },
  missing: {
    title: "The video file isn't available yet",
    body: 'The reps, charts and the skeleton replay below still work.',
  },
};

/** Why the review shows the skeleton replay instead of the video, and the original to download. */
export function NoPictureNotice({
  reason,
  downloadUri,
  filename,
}: {
  reason: NoPictureReason;
  downloadUri?: string | null;
  filename?: string;
}) {
  const { title, body } = TEXT[reason];
  return (
    <div role="status" className="flex items-start gap-3 border-b border-slate-200 bg-amber-50 px-4 py-3 text-sm sm:px-5">
      {reason === 'preparing' && (
        <span aria-hidden="true" className="mt-0.5 size-4 shrink-0 animate-spin rounded-full border-2 border-amber-200 border-t-amber-600" />
      )}
      <div className="min-w-0">
        <p className="font-medium text-amber-950">{title}</p>
        <p className="mt-0.5 text-amber-900">{body}</p>
        {downloadUri && reason !== 'missing' && (
          <a href={downloadUri} download={filename ?? true} className={`${buttonClass('secondary', 'sm')} mt-2`}>
            Download the original video
          </a>
        )}
      </div>
    </div>
  );
}
