/**
 * Joint-angle geometry, the one copy shared by the analysis engine and the dashboard so the two
 * can never disagree. Points are in display pixels (normalised coordinates would skew angles on
 * non-square frames); image y points down.
 */

export interface Point {
  x: number;
  y: number;
}

const DEG = 180 / Math.PI;

/** The angle at b between b→a and b→c, 0..180 degrees (e.g. hip-knee-ankle = knee angle). */
export function interiorAngle(a: Point, b: Point, c: Point): number {
  const d = Math.abs(Math.atan2(a.y - b.y, a.x - b.x) - Math.atan2(c.y - b.y, c.x - b.x)) * DEG;
  return d > 180 ? 360 - d : d;
}

/**
 * HIP_KNEE_ANGLE_DEGREES: the thigh (hip→knee line) against the horizontal, whichever way the
 * athlete faces. Positive with the hip above the knee (above parallel, +90 standing), zero at
 * parallel, negative with the hip below the knee (below parallel).
 */
export function thighToHorizontal(hip: Point, knee: Point): number {
  return Math.atan2(knee.y - hip.y, Math.abs(knee.x - hip.x)) * DEG;
}

/**
 * HIP_SAG_DEGREES for planks and push-ups: how far the body bends at the hip away from the
 * shoulder-ankle line (180 minus the hip angle), positive when the hip drops below that line
 * (sag), negative when it rises above it (pike).
 */
export function hipSag(shoulder: Point, hip: Point, ankle: Point): number {
  const bend = 180 - interiorAngle(shoulder, hip, ankle);
  const t = (hip.x - ankle.x) / (shoulder.x - ankle.x || 1e-9);
  const lineY = ankle.y + t * (shoulder.y - ankle.y);
  return hip.y > lineY ? bend : -bend;
}

/** Torso (hip→shoulder) against the horizontal, 0..90 degrees: near 90 upright, near 0 lying. */
export function torsoElevation(hip: Point, shoulder: Point): number {
  return Math.atan2(Math.abs(shoulder.y - hip.y), Math.abs(shoulder.x - hip.x)) * DEG;
}

/** Which joint angle shows an activity's movement: the angle the joint-angle curve plots. */
export type DrivingJoint = 'knee' | 'hip' | 'elbow';

/** The three joints (without the left/right prefix) whose middle one is the driving joint. */
export const DRIVING_JOINT_CHAIN: Record<DrivingJoint, readonly [string, string, string]> = {
  knee: ['Hip', 'Knee', 'Ankle'],
  hip: ['Shoulder', 'Hip', 'Knee'],
  elbow: ['Shoulder', 'Elbow', 'Wrist'],
};
