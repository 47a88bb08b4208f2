import { useFrame } from '@react-three/fiber';
import { useLayoutEffect, useRef, type ReactNode } from 'react';
import type { Group, Material, Mesh } from 'three';
import { CUE_FADE_SECONDS, stepToward } from './fade';
import { useSceneLevel } from './levelContext';

interface CueProps {
  /** Manifest cue id; tagged on the object so gaze on it can be measured. */
  id: string;
  /** The cue shows from this level up. */
  minLevel: number;
  children: ReactNode;
  position?: [number, number, number];
  rotation?: [number, number, number];
}

interface FadeEntry {
  mesh: Mesh;
  /** What the mesh had before the cue took it over, restored on unmount. */
  original: Material | Material[];
  copies: { material: Material; opacity: number; transparent: boolean; depthWrite: boolean }[];
}

/**
 * A graded cue: fades and scales in over about a second when the level reaches `minLevel`, out when it
 * drops below. Its meshes get their own copies of their materials so a fade never touches another cue;
 * meshes that mount later are taken over while the cue fades.
 */
export function Cue({ id, minLevel, children, position, rotation }: CueProps) {
  const level = useSceneLevel();
  const group = useRef<Group>(null);
  const progress = useRef(level >= minLevel ? 1 : 0);
  const fades = useRef(new Map<Mesh, FadeEntry>());

  useLayoutEffect(() => {
    const g = group.current;
    if (!g) return;
    // Set here, not as a prop: a re-render would replace userData and lose the fade written below.
    Object.assign(g.userData, { cueId: id, minLevel });
    const entries = fades.current;
    adopt(g, entries);
    apply(g, entries, progress.current);
    // React may run this again (a suspended tree shown again): put the originals back so a re-run copies
    // the materials as they were, not our faded copies.
    return () => {
      for (const e of entries.values()) {
        e.mesh.material = e.original;
        e.copies.forEach((c) => c.material.dispose());
      }
      entries.clear();
    };
  }, []);

  useFrame((_, dt) => {
    const g = group.current;
    if (!g) return;
    const target = level >= minLevel ? 1 : 0;
    if (progress.current === target) return;
    // Clamp dt so a stalled frame (tab hidden) cannot make a cue jump in.
    progress.current = stepToward(progress.current, target, Math.min(dt, 0.1), CUE_FADE_SECONDS);
    adopt(g, fades.current);
    apply(g, fades.current, progress.current);
  });

  return (
    <group ref={group} position={position} rotation={rotation} name={`cue:${id}`}>
      {children}
    </group>
  );
}

/** Gives every mesh of the cue not yet taken over its own copies of its materials. */
function adopt(g: Group, entries: Map<Mesh, FadeEntry>) {
  g.traverse((o) => {
    const mesh = o as Mesh;
    if (!mesh.isMesh || entries.has(mesh)) return;
    const original = mesh.material;
    const copies = (Array.isArray(original) ? original : [original]).map((m) => ({
      material: m.clone(),
      opacity: m.opacity,
      transparent: m.transparent,
      depthWrite: m.depthWrite,
    }));
    mesh.material = Array.isArray(original) ? copies.map((c) => c.material) : copies[0]!.material;
    entries.set(mesh, { mesh, original, copies });
  });
}

/** Part-way, everything is see-through and writes no depth; fully in, each material is as it was made. */
function apply(g: Group, entries: Map<Mesh, FadeEntry>, p: number) {
  g.visible = p > 0;
  g.userData.fade = p;
  g.scale.setScalar(0.85 + 0.15 * p);
  for (const e of entries.values()) {
    for (const c of e.copies) {
      c.material.opacity = c.opacity * p;
      c.material.transparent = p < 1 || c.transparent;
      c.material.depthWrite = p < 1 ? false : c.depthWrite;
    }
  }
}
