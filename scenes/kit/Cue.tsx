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

/**
 * A material copy a cue made for one mesh, and the fade of every cue it sits in: cues nest (an offer
 * inside the person making it), so what shows is the product of their fades.
 */
interface FadedMaterial {
  original: Material;
  owner: object;
  opacity: number;
  transparent: boolean;
  depthWrite: boolean;
  fades: Map<object, number>;
}

const faded = new WeakMap<Material, FadedMaterial>();

const materialsOf = (mesh: Mesh): Material[] => (Array.isArray(mesh.material) ? mesh.material : [mesh.material]);

/**
 * A graded cue: fades and scales in over about a second when the level reaches `minLevel`, out when it
 * drops below. Its meshes get their own copies of their materials so a fade never touches another cue;
 * meshes that mount later are taken over while the cue fades.
 */
export function Cue({ id, minLevel, children, position, rotation }: CueProps) {
  const level = useSceneLevel();
  const group = useRef<Group>(null);
  const progress = useRef(level >= minLevel ? 1 : 0);
  const meshes = useRef(new Set<Mesh>());
  // Identifies this cue in the fades of the materials it shares with nested cues.
  const self = useRef({});

  useLayoutEffect(() => {
    const g = group.current;
    if (!g) return;
    // Set here, not as a prop: a re-render would replace userData and lose the fade written below.
    Object.assign(g.userData, { cueId: id, minLevel });
    const me = self.current;
    const mine = meshes.current;
    adopt(g, me, mine);
    apply(g, me, mine, progress.current);
    // React may run this again (a suspended tree shown again): put the originals back so a re-run copies
    // the materials as they were, not our faded copies.
    return () => {
      for (const mesh of mine) release(mesh, me);
      mine.clear();
    };
  }, []);

  // A cue's threshold may change while it is mounted (a personalisation chosen mid-scene): keep the tag true.
  useLayoutEffect(() => {
    if (group.current) group.current.userData.minLevel = minLevel;
  }, [minLevel]);

  useFrame((_, dt) => {
    const g = group.current;
    if (!g) return;
    const target = level >= minLevel ? 1 : 0;
    if (progress.current === target) return;
    // Clamp dt so a stalled frame (tab hidden) cannot make a cue jump in.
    progress.current = stepToward(progress.current, target, Math.min(dt, 0.1), CUE_FADE_SECONDS);
    adopt(g, self.current, meshes.current);
    apply(g, self.current, meshes.current, progress.current);
  });

  return (
    <group ref={group} position={position} rotation={rotation} name={`cue:${id}`}>
      {children}
    </group>
  );
}

/** Takes over every mesh of the cue not yet taken: its materials become copies a fade may change. */
function adopt(g: Group, me: object, mine: Set<Mesh>) {
  g.traverse((o) => {
    const mesh = o as Mesh;
    if (!mesh.isMesh || mine.has(mesh)) return;
    mine.add(mesh);
    const copies = materialsOf(mesh).map((m) => {
      if (faded.has(m)) return m; // a nested cue's copy already: share it
      const copy = m.clone();
      faded.set(copy, { original: m, owner: me, opacity: m.opacity, transparent: m.transparent, depthWrite: m.depthWrite, fades: new Map() });
      return copy;
    });
    mesh.material = Array.isArray(mesh.material) ? copies : copies[0]!;
  });
}

/** Part-way, everything is see-through and writes no depth; fully in, each material is as it was made. */
function apply(g: Group, me: object, mine: Set<Mesh>, p: number) {
  g.visible = p > 0;
  g.userData.fade = p;
  g.scale.setScalar(0.85 + 0.15 * p);
  for (const mesh of mine) {
    for (const m of materialsOf(mesh)) {
      const f = faded.get(m);
      if (!f) continue;
      f.fades.set(me, p);
      let shown = 1;
      for (const v of f.fades.values()) shown *= v;
      m.opacity = f.opacity * shown;
      m.transparent = shown < 1 || f.transparent;
      m.depthWrite = shown < 1 ? false : f.depthWrite;
    }
  }
}

/** The cue lets go of a mesh: its fade stops counting, and the copies it made give way to the originals. */
function release(mesh: Mesh, me: object) {
  const restored = materialsOf(mesh).map((m) => {
    const f = faded.get(m);
    if (!f) return m;
    f.fades.delete(me);
    if (f.owner !== me) return m;
    m.dispose();
    return f.original;
  });
  mesh.material = Array.isArray(mesh.material) ? restored : restored[0]!;
}
