import type { Posture } from '../../../contract';

/** Eye heights the scenes are built around, in metres: the patient's seat is at the origin, facing -z. */
export const EYE_HEIGHT: Record<Posture, number> = { seated: 1.2, standing: 1.65 };
