import { OrbitControls } from '@react-three/drei';
import { Canvas, useFrame, useThree } from '@react-three/fiber';
import { useEffect, useRef } from 'react';
import { type Group, Quaternion, Vector3 } from 'three';
import type { HeadPose } from '../../../contract';
import { SceneView, type SceneViewProps } from '../../common/SceneView';
import { useLiveLink } from './liveLink';

// The console's mirror: the headset's scene rendered again here, from the head pose the headset streams
// (no video). Loaded lazily, so three.js stays out of the console's first chunk.

export type MirrorMode = 'head' | 'free';

/** Where the seated patient's eyes are before the first pose arrives (the scenes' seat, facing -z). */
const SEAT: HeadPose = { p: [0, 1.2, 0], q: [0, 0, 0, 1] };
/**
 * The mirror redraws when a pose arrives (at most 20 a second) and otherwise 5 times a second for the
 * scene's own motion: a fraction of the work of drawing at the display's rate.
 */
const IDLE_FRAMES_PER_SECOND = 5;
/** How fast the mirror camera catches up with a new pose (1/s): smooth at 10–20 poses a second. */
const FOLLOW_RATE = 18;

const position = new Vector3();
const quaternion = new Quaternion();

function latestPose(): HeadPose {
  return useLiveLink.getState().pose ?? SEAT;
}

/** For the end-to-end tests and for support: the mirror camera, the mode and the last pose, read-only. */
interface MirrorProbe {
  mode: MirrorMode;
  camera: { p: number[]; q: number[] };
  pose: HeadPose | null;
}
declare global {
  interface Window {
    cueroomMirror?: MirrorProbe;
  }
}

/** Patient's view: the camera is the patient's head, eased toward each new pose. */
function HeadCamera() {
  const camera = useThree((s) => s.camera);
  useEffect(() => {
    const { p, q } = latestPose();
    camera.position.set(...p);
    camera.quaternion.set(...q);
  }, [camera]);
  useFrame((_, dt) => {
    const { p, q } = latestPose();
    const k = 1 - Math.exp(-FOLLOW_RATE * Math.min(dt, 0.1));
    camera.position.lerp(position.set(...p), k);
    camera.quaternion.slerp(quaternion.set(...q), k);
  });
  return null;
}

/** Free camera: orbit around the patient's head, starting behind and above it. */
function FreeCamera() {
  const camera = useThree((s) => s.camera);
  const target = useRef<[number, number, number]>([...latestPose().p]);
  useEffect(() => {
    const [x, y, z] = target.current;
    camera.position.set(x + 1.6, y + 1.1, z + 2.2);
    camera.lookAt(x, y, z);
  }, [camera]);
  return <OrbitControls makeDefault target={target.current} enableDamping={false} />;
}

/** The patient's head and where it points: a marker and a 4 m gaze ray, seen from the free camera. */
function HeadMarker() {
  const group = useRef<Group>(null);
  useFrame(() => {
    const g = group.current;
    if (!g) return;
    const { p, q } = latestPose();
    g.position.set(...p);
    g.quaternion.set(...q);
  });
  return (
    <group ref={group} name="mirror-head">
      <mesh>
        <sphereGeometry args={[0.11, 16, 12]} />
        <meshBasicMaterial color="#f5b400" />
      </mesh>
      {/* The face: a nose toward the gaze (-z), so the head's turn reads at a glance. */}
      <mesh position={[0, 0, -0.13]} rotation={[-Math.PI / 2, 0, 0]}>
        <coneGeometry args={[0.04, 0.1, 12]} />
        <meshBasicMaterial color="#f5b400" />
      </mesh>
      <mesh position={[0, 0, -2.1]} rotation={[-Math.PI / 2, 0, 0]} name="mirror-gaze">
        <cylinderGeometry args={[0.008, 0.008, 4, 6]} />
        <meshBasicMaterial color="#ff3b30" transparent opacity={0.85} depthTest={false} />
      </mesh>
    </group>
  );
}

/** Whether the head moved between two poses (a still head streams the same pose over and over). */
function moved(a: HeadPose | null, b: HeadPose | null): boolean {
  if (!a || !b) return a !== b;
  return [...a.p, ...a.q].some((v, i) => Math.abs(v - [...b.p, ...b.q][i]!) > 1e-3);
}

/** Asks for frames while the mirror is on screen; none while it is scrolled away or the tab is hidden. */
function Ticker({ active }: { active: boolean }) {
  const invalidate = useThree((s) => s.invalidate);
  useEffect(() => {
    if (!active) return;
    const draw = () => document.visibilityState === 'visible' && invalidate();
    const timer = setInterval(draw, 1000 / IDLE_FRAMES_PER_SECOND);
    const unsubscribe = useLiveLink.subscribe((s, before) => moved(s.pose, before.pose) && draw());
    return () => {
      clearInterval(timer);
      unsubscribe();
    };
  }, [invalidate, active]);
  return null;
}

function Probe({ mode }: { mode: MirrorMode }) {
  const camera = useThree((s) => s.camera);
  useEffect(() => () => void delete window.cueroomMirror, []);
  useFrame(() => {
    window.cueroomMirror = { mode, camera: { p: camera.position.toArray(), q: camera.quaternion.toArray() }, pose: useLiveLink.getState().pose };
  });
  return null;
}

export function MirrorView({ mode, scene, active }: { mode: MirrorMode; scene: Omit<SceneViewProps, 'audio'>; active: boolean }) {
  return (
    <Canvas dpr={1} frameloop="demand" camera={{ fov: 70, near: 0.05, far: 200, position: SEAT.p }} gl={{ antialias: false, powerPreference: 'low-power' }}>
      <SceneView {...scene} audio={false} />
      {mode === 'head' ? <HeadCamera /> : <FreeCamera />}
      {mode === 'free' && <HeadMarker />}
      <Probe mode={mode} />
      <Ticker active={active} />
    </Canvas>
  );
}
