import { useFrame } from '@react-three/fiber';
import { useXR } from '@react-three/xr';
import { useRef } from 'react';
import { requestPause } from '../link';

/** Seconds both grips must be held: deliberate, so it cannot happen by accident. */
export const PAUSE_HOLD_SECONDS = 1;

/** The patient's own stop: squeeze both controllers' grips for a second. */
export function PatientPause() {
  const session = useXR((s) => s.session);
  const heldFor = useRef(0);
  const sent = useRef(false);
  useFrame((_, dt) => {
    const sources = session ? [...session.inputSources] : [];
    const gripped = (hand: XRHandedness) => sources.some((s) => s.handedness === hand && s.gamepad?.buttons[1]?.pressed);
    if (gripped('left') && gripped('right')) {
      heldFor.current += Math.min(dt, 0.25);
      if (heldFor.current >= PAUSE_HOLD_SECONDS && !sent.current) {
        sent.current = true;
        requestPause();
      }
    } else {
      heldFor.current = 0;
      sent.current = false;
    }
  });
  return null;
}
