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
  material: Material;
  baseOpacity: number;
}

/**
 * A graded cue: fades and scales in over about a second when the level reaches `minLevel`, out when it
 * drops below. Its materials are its own copies so a fade never touches another cue.
 */
export function Cue({ id, minLevel, children, position, rotation }: CueProps) {
  const level = useSceneLevel();
  const group = useRef<Group>(null);
  const progress = useRef(level >= minLevel ? 1 : 0);
  const fades = useRef<FadeEntry[]>([]);

  useLayoutEffect(() => {
    const g = group.current;
    if (!g) return;
    const entries: FadeEntry[] = [];
    g.traverse((o) => {
      const mesh = o as Mesh;
      if (!mesh.isMesh) return;
      const own = (Array.isArray(mesh.material) ? mesh.material : [mesh.material]).map((m) => {
        const copy = m.clone();
        entries.push({ material: copy, baseOpacity: m.opacity });
        return copy;
      });
      mesh.material = Array.isArray(mesh.material) ? own : own[0]!;
    });
    fades.current = entries;
    apply(g, entries, progress.current);
    return () => entries.forEach((e) => e.material.dispose());
  }, []);

  useFrame((_, dt) => {
    const g = group.current;
    if (!g) return;
    const target = level >= minLevel ? 1 : 0;
    if (progress.current === target) return;
    // Clamp dt so a stalled frame (tab hidden) cannot make a cue jump in.
    progress.current = stepToward(progress.current, target, Math.min(dt, 0.1), CUE_FADE_SECONDS);
    apply(g, fades.current, progress.current);
  });

  return (
    <group ref={group} position={position} rotation={rotation} userData={{ cueId: id, minLevel }} name={`cue:${id}`}>
      {children}
    </group>
  );
}

function apply(g: Group, entries: FadeEntry[], p: number) {
  g.visible = p > 0;
  g.userData.fade = p;
  const s = 0.85 + 0.15 * p;
  g.scale.setScalar(s);
  for (const e of entries) {
    e.material.transparent = p < 1 || e.baseOpacity < 1;
    e.material.opacity = e.baseOpacity * p;
    e.material.depthWrite = p >= 1;
  }
}
