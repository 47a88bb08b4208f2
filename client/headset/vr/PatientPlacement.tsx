import { useFrame, useThree } from '@react-three/fiber';
import { XROrigin, useXR } from '@react-three/xr';
import { useRef } from 'react';
import { type Group, Matrix4, Vector3 } from 'three';
import type { Posture } from '../../../contract';
import { useHeadset } from '../headsetStore';
import { EYE_HEIGHT } from './eyeHeight';


export function usePosture(): Posture {
  return useHeadset((s) => s.directive?.posture ?? 'seated');
}

const head = new Vector3();
const forward = new Vector3();
const toOrigin = new Matrix4();

/**
 * Puts the patient where the scene expects them. The scene stays real size (WebXR `local-floor`); when a
 * session starts, and whenever the clinician re-centres or changes the posture, the origin moves so the
 * patient's head is over the scene's seat, facing the scene, and — seated — at the seated eye height the
 * scenes are built around, whatever the chair. The scene never moves while the patient is in it otherwise:
 * no forced camera motion.
 */
export function PatientPlacement() {
  const session = useXR((s) => s.session);
  const posture = usePosture();
  const recenter = useHeadset((s) => s.directive?.recenter ?? 0);
  const xrCamera = useThree((s) => s.gl.xr.getCamera());
  const origin = useRef<Group>(null);
  const placedFor = useRef<string | null>(null);

  useFrame(() => {
    const o = origin.current;
    if (!session || !o) {
      placedFor.current = null;
      return;
    }
    const want = `${posture}:${recenter}`;
    if (placedFor.current === want) return;
    // The head pose in the origin's frame (the reference space), as last tracked: the XR camera is a child
    // of the origin.
    o.updateMatrixWorld();
    toOrigin.copy(o.matrixWorld).invert();
    xrCamera.getWorldPosition(head).applyMatrix4(toOrigin);
    // Wait for tracking: before the first pose the camera sits at the origin.
    if (head.y < 0.3) return;
    xrCamera.getWorldDirection(forward).transformDirection(toOrigin);
    const yaw = -Math.atan2(-forward.x, -forward.z);
    o.rotation.set(0, yaw, 0);
    const c = Math.cos(yaw);
    const s = Math.sin(yaw);
    // Rotated head position, negated: the head lands over the seat (x = z = 0).
    o.position.set(-(c * head.x + s * head.z), posture === 'seated' ? EYE_HEIGHT.seated - head.y : 0, -(-s * head.x + c * head.z));
    placedFor.current = want;
  });

  return <XROrigin ref={origin} />;
}
