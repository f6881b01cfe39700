import type { FeedbackChanges } from '../../../api/feedback.ts';
import type { Drawing, Note } from '../../../contract/feedback.ts';
import type { J2pResponse } from '../../../contract/guru.ts';
import { errorMessage } from '../../../components/error-state.tsx';
import type { PlayerFeedback } from '../player-card.tsx';

const none: never[] = [];

/** The notes and drawings as the player shows them; with `changes` (the review), its drawing tools too. */
export function playerFeedback(notes: Note[] | undefined, drawings: Drawing[] | undefined, changes?: FeedbackChanges): PlayerFeedback {
  const add = changes?.addDrawing;
  const draw = add && { add: add.mutate, saving: add.isPending, problem: add.error ? errorMessage(add.error) : null };
  return { notes: notes ?? none, drawings: drawings ?? none, draw };
}

/** The video's size in pixels as the analysis saw it: what an angle drawing is measured on. */
export const pictureSize = (j2p: J2pResponse | undefined) =>
  j2p?.resolutionWidth && j2p.resolutionHeight ? { width: j2p.resolutionWidth, height: j2p.resolutionHeight } : null;
