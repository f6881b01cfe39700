/**
 * The rep signal ("travel"): how high the moving part of the body is over a body length the rep
 * does not change (see `verticalRatio`). Vertical distances are not foreshortened when the
 * athlete turns, so one squat reads as one dip from the side, the front or anywhere between,
 * where a joint angle seen from the front shrinks, doubles or vanishes; walking in, standing
 * still and stepping toward the camera keep it flat.
 */
import { ARM_MIN_SCORE, MIN_KEYPOINT_SCORE, verticalRatio, type Limb, type PoseFrame } from './measures.ts';
import { median5, smoothSeries } from '../../src/contract/smooth.ts';

/**
 * - hips: hip above knee over thigh length (squats): 1 standing, 0 at parallel.
 * - shoulders: shoulders above ankles over standing height (deadlifts): 1 standing, ~0.6 at the floor.
 * - pushUp: shoulders above wrists over arm reach: ~1 at the top, ~0.3 at the bottom.
 * - bench: wrists above shoulders over arm reach: ~1 locked out, ~0.4 at the chest.
 */
export type TravelKind = 'hips' | 'shoulders' | 'pushUp' | 'bench';

/** Arms accept lower scores (as the reach measure does): wrists over the chest score low. */
const KINDS: Record<TravelKind, { upper: Limb; lower: Limb; minScore: number }> = {
  hips: { upper: 'Hip', lower: 'Knee', minScore: MIN_KEYPOINT_SCORE },
  shoulders: { upper: 'Shoulder', lower: 'Ankle', minScore: MIN_KEYPOINT_SCORE },
  pushUp: { upper: 'Shoulder', lower: 'Wrist', minScore: ARM_MIN_SCORE },
  bench: { upper: 'Wrist', lower: 'Shoulder', minScore: ARM_MIN_SCORE },
};

/** Smoothed travel per frame (NaN where the joints were not seen), aligned with `frames`. */
export function travelSeries(frames: PoseFrame[], kind: TravelKind, width: number, height: number, fps: number): number[] {
  const { upper, lower, minScore } = KINDS[kind];
  return smoothSeries(median5(verticalRatio(frames, upper, lower, width, height, minScore)), fps);
}

/** The joints (without side) a travel signal reads. */
export function travelJoints(kind: TravelKind): Limb[] {
  return [KINDS[kind].upper, KINDS[kind].lower];
}
