const REASONS: Record<string, string> = {
  LOW_QUALITY_POSE_ESTIMATE:
    "We couldn't see a person clearly enough to follow the movement. Film from the side with the whole body in frame, in good light.",
  UNDECODABLE_VIDEO: "That file isn't a video we can read. Export it again as MP4 (H.264) and upload it.",
  TRUNCATED_VIDEO: 'That video file is incomplete: it stops long before its recorded length. Upload the whole file again.',
  UNSUPPORTED_ACTIVITY: "We can't analyse that activity yet. Pick another activity and upload the video again.",
  NO_PERSON_DETECTED: "We couldn't find a person in the video. Make sure the athlete is in frame the whole set.",
  VIDEO_TOO_LONG: 'That video is too long to analyse. Trim it to the set and upload it again.',
  VIDEO_TOO_SHORT: 'That video is too short to find any reps. Film the whole set.',
  NO_REPS_DETECTED: "We couldn't find any reps in the video. Film the full range of motion from the side.",
  UPLOAD_EXPIRED: 'The upload never finished. Upload the video again.',
  UPLOAD_NOT_RECEIVED: 'The video never arrived. Upload it again.',
  VIDEO_NOT_FOUND: 'The analysis service no longer has this video. Upload it again.',
};

/** A failure reason in a coach's words; unknown reasons still say something useful. */
export function describeFailure(reason: string | null | undefined): string {
  if (!reason) return "The analysis didn't finish. Upload the video again; if it keeps failing, try another recording.";
  const known = REASONS[reason.toUpperCase()];
  if (known) return known;
  if (/[a-z]/.test(reason) && reason.includes(' ')) return reason;
  const words = reason.replace(/_+/g, ' ').toLowerCase();
  return `The analysis failed (${words}). Upload the video again; if it keeps failing, try another recording.`;
}
