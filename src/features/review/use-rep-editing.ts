import { useState } from 'react';
import { useChangeReps } from '../../api/coach-reps.ts';
import type { CoachReps } from '../../contract/api.ts';
import { errorMessage } from '../../components/error-state.tsx';
import type { EditResult } from './rep-edits.ts';

/**
 * Saving the coach's edits: one place for the tools under the timeline and a drag across it. An
 * edit that can't be done says why and sends nothing; one the server refuses says its reason.
 */
export function useRepEditing(id: string, coach: CoachReps | undefined) {
  const change = useChangeReps(id);
  const [problem, setProblem] = useState<string | null>(null);
  const { mutate } = change;

  function apply(result: EditResult | { reps: null }) {
    if ('error' in result) {
      setProblem(result.error);
      return;
    }
    setProblem(null);
    mutate({ reps: result.reps });
  }

  return {
    apply,
    undo: () => {
      setProblem(null);
      mutate({ undo: true });
    },
    saving: change.isPending,
    message: problem ?? (change.error ? errorMessage(change.error) : null),
    /** The coach's version is showing (not the detected reps). */
    edited: !!coach?.reps,
    canUndo: !!coach?.canUndo,
  };
}

export type RepEditing = ReturnType<typeof useRepEditing>;
