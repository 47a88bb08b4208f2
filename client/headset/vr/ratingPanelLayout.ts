import type { Posture } from '../../../contract';
import { EYE_HEIGHT } from './eyeHeight';

// Where the craving scale sits, in metres: a metre in front of the patient, a little above eye level for
// their posture, readable and never close to the face. Shared with the end-to-end tests that aim the
// controller at it.
export function panelPosition(posture: Posture): [number, number, number] {
  return [0, EYE_HEIGHT[posture] + 0.05, -1.0];
}
export const LINE_WIDTH = 0.8;
export const LINE_Y = -0.02;
export const CONFIRM_Y = -0.17;
