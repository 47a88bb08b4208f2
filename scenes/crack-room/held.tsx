import { useFrame } from '@react-three/fiber';
import { useMemo, useRef } from 'react';
import { MeshBasicMaterial, MeshStandardMaterial, type Mesh } from 'three';
import { CYL_LO, LIGHTER_TOP, PIPE_LENGTH, Props, SPHERE_LO, lighterParts, pipeParts, spoonParts, syringeParts } from './common';
import { Flame } from './rig';

/* Objects held by the animated people (each with its local origin where the pose functions expect it). */

/** A pipe in a hand, with a glowing ember at its far end driven by `ember()`. */
export function HeldPipe({ ember }: { ember?: () => number }) {
  const glow = useRef<Mesh>(null);
  const mat = useMemo(() => new MeshBasicMaterial({ color: '#ff7a1a', transparent: true, opacity: 0, toneMapped: false, depthWrite: false }), []);
  useFrame(() => {
    const k = ember?.() ?? 0;
    const m = glow.current;
    if (!m) return;
    m.visible = k > 0.02;
    (m.material as MeshBasicMaterial).depthWrite = false;
    const f = 0.85 + 0.15 * Math.sin(performance.now() / 60);
    m.scale.setScalar(0.0065 * (0.7 + 0.5 * k * f));
    (m.material as MeshBasicMaterial).opacity = Math.min(1, k * f);
  });
  return (
    <>
      <Props build={(b) => pipeParts(b)} />
      <mesh ref={glow} geometry={SPHERE_LO} material={mat} position={[0, PIPE_LENGTH - 0.01, 0]} renderOrder={6} visible={false} />
    </>
  );
}

export function HeldLighter({ color, lit }: { color: string; lit: () => number }) {
  return (
    <>
      <Props build={(b) => lighterParts(b, color)} />
      <group position={[-0.003, LIGHTER_TOP, 0]}>
        <Flame lit={lit} />
      </group>
    </>
  );
}

/** Thin metal push rod (to pack the steel wool), origin at the tip, +y toward the hand. */
export function PushRod() {
  return <Props build={(b) => b.metal.push({ geometry: CYL_LO, position: [0, 0.075, 0], scale: [0.0016, 0.15, 0.0016], color: '#c8c8c8' })} />;
}


/** A 1 ml syringe, origin at the needle end, +y toward the plunger; the orange cap shows while `capped()`. */
export function HeldSyringe({ capped }: { capped: () => boolean }) {
  const cap = useRef<Mesh>(null);
  useFrame(() => {
    const m = cap.current;
    if (m) m.visible = capped();
  });
  return (
    <>
      <Props build={(b) => syringeParts(b, false, 0.012)} />
      <mesh ref={cap} geometry={CYL_LO} material={capMat} position={[0, 0.009, 0]} scale={[0.0036, 0.021, 0.0036]} />
    </>
  );
}
const capMat = new MeshStandardMaterial({ color: '#f07a18', roughness: 0.45 });

/** A teaspoon held by the end of its handle: origin at the bowl, handle toward -x; optional liquid in the bowl. */
export function HeldSpoon({ liquid, blackened = true }: { liquid?: string; blackened?: boolean }) {
  return (
    <Props
      build={(b) => {
        spoonParts(b, [0, -0.008, 0], 0, undefined, blackened);
        if (liquid) b.glow.push({ geometry: SPHERE_LO, position: [0, -0.0015, 0], scale: [0.015, 0.0016, 0.011], color: liquid });
      }}
    />
  );
}
