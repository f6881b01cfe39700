import { useMemo } from 'react';
import type { FeedbackChanges } from '../../../api/feedback.ts';
import type { Drawing, Note } from '../../../contract/feedback.ts';
import type { J2pResponse } from '../../../contract/guru.ts';
import { errorMessage } from '../../../components/error-state.tsx';
import type { PlayerFeedback } from '../player-card.tsx';

const none: never[] = [];

/** The notes and drawings as the player shows them; with `changes` (the review), its drawing tools too. */
export function usePlayerFeedback(notes: Note[] | undefined, drawings: Drawing[] | undefined, changes?: FeedbackChanges): PlayerFeedback {
  const addDrawing = changes?.addDrawing;
  const draw = useMemo(
    () => addDrawing && { add: addDrawing.mutate, saving: addDrawing.isPending, problem: addDrawing.error ? errorMessage(addDrawing.error) : null },
    [addDrawing],
  );
  return { notes: notes ?? none, drawings: drawings ?? none, draw };
}

/** The video's size in pixels as the analysis saw it: what an angle drawing is measured on. */
export const pictureSize = (j2p: J2pResponse | undefined) =>
  j2p?.resolutionWidth && j2p.resolutionHeight ? { width: j2p.resolutionWidth, height: j2p.resolutionHeight } : null;
