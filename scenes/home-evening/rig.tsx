import { useFrame } from '@react-three/fiber';
import { useEffect, useLayoutEffect, useMemo, useRef, type ReactNode } from 'react';
import { Vector3, type BufferGeometry, type Group, type Material, type Mesh } from 'three';
import { Cue } from '../kit/Cue';
import { CUE_FADE_SECONDS, stepToward } from '../kit/fade';
import { useSceneLevel } from '../kit/levelContext';
import { mergeParts, type Part, type Vec3 } from '../kit/materials';
import type { AvatarProps } from '../kit/Avatar';

/*
 * Small helpers shared by the home-evening, cafe-terrace and bar scenes: merged static meshes, pose switching
 * for the kit `Avatar` (which bakes one pose into one mesh, so motion is a short series of pre-built poses
 * shown one at a time), easing, and avatar-local ↔ world conversions.
 */

// ---------------------------------------------------------------------------------------------------------------
// Merged meshes
// ---------------------------------------------------------------------------------------------------------------

export function useMerged(parts: Part[], worldUV?: number): BufferGeometry {
  const geo = useMemo(() => mergeParts(parts, worldUV ? { worldUV } : {}), [parts, worldUV]);
  useEffect(() => () => geo.dispose(), [geo]);
  return geo;
}

/** Static parts baked into one mesh (one draw call). */
export function MergedMesh({ parts, material, worldUV, renderOrder }: { parts: Part[]; material: Material; worldUV?: number; renderOrder?: number }) {
  const geo = useMerged(parts, worldUV);
  if (parts.length === 0) return null;
  return <mesh geometry={geo} material={material} renderOrder={renderOrder ?? 0} />;
}

// ---------------------------------------------------------------------------------------------------------------
// Timing
// ---------------------------------------------------------------------------------------------------------------

export const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
export const lerp = (a: number, b: number, t: number) => a + (b - a) * t;
export function smoothstep(a: number, b: number, x: number): number {
  const t = clamp01((x - a) / (b - a));
  return t * t * (3 - 2 * t);
}
/** 0 before `a`, eases to 1 by `b`, holds, eases back to 0 between `c` and `d`. */
export function trapezoid(x: number, a: number, b: number, c: number, d: number): number {
  return smoothstep(a, b, x) * (1 - smoothstep(c, d, x));
}
export const lerp3 = (a: Vec3, b: Vec3, t: number): Vec3 => [lerp(a[0], b[0], t), lerp(a[1], b[1], t), lerp(a[2], b[2], t)];

// ---------------------------------------------------------------------------------------------------------------
// Frames
// ---------------------------------------------------------------------------------------------------------------

/** World point → avatar-local coordinates for an avatar at `position` turned by `yaw`. */
export function toLocal(position: Vec3, yaw: number, world: Vec3): Vec3 {
  const dx = world[0] - position[0];
  const dz = world[2] - position[2];
  const c = Math.cos(yaw);
  const s = Math.sin(yaw);
  return [dx * c - dz * s, world[1] - position[1], dx * s + dz * c];
}

/** Avatar-local point → world. */
export function toWorld(position: Vec3, yaw: number, local: Vec3): Vec3 {
  const c = Math.cos(yaw);
  const s = Math.sin(yaw);
  return [position[0] + local[0] * c + local[2] * s, position[1] + local[1], position[2] - local[0] * s + local[2] * c];
}

/** Yaw that turns an avatar at `from` to face `to` (0 faces +z). */
export function yawToward(from: Vec3, to: Vec3): number {
  return Math.atan2(to[0] - from[0], to[2] - from[2]);
}

/** Mouth height above the avatar's origin (kit avatar proportions), seated or standing. */
export function mouthY(props: Pick<AvatarProps, 'seated' | 'seatHeight'>): number {
  const hip = props.seated ? (props.seatHeight ?? 0.46) + 0.07 : 0.93;
  return 1.5 + (hip - 0.93) + 0.072;
}

/** Shoulder height above the avatar's origin. */
export function shoulderY(props: Pick<AvatarProps, 'seated' | 'seatHeight'>): number {
  const hip = props.seated ? (props.seatHeight ?? 0.46) + 0.07 : 0.93;
  return 1.375 + (hip - 0.93);
}

/**
 * Hand positions (avatar-local) from a resting hand to just below the mouth, for the `counter` pose: the
 * in-between frames of lifting a glass or a cigarette. The last key is followed by the kit `drinking` pose.
 */
export function liftPath(props: AvatarProps, side: 'right' | 'left', rest: Vec3, steps: number, reach = 0.3): Vec3[] {
  const s = side === 'right' ? -1 : 1;
  const top: Vec3 = [s * 0.09, mouthY(props) - 0.16, reach];
  const out: Vec3[] = [];
  for (let i = 1; i <= steps; i++) {
    const t = i / (steps + 1);
    const p = lerp3(rest, top, t);
    // bow the path forward a little so the hand clears the body
    p[2] += Math.sin(t * Math.PI) * 0.06;
    out.push(p);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Pose switching
// ---------------------------------------------------------------------------------------------------------------

/**
 * Shows exactly one of `poses` per frame, chosen by `pick()` (an index, clamped). All poses stay mounted (so a
 * parent `Cue` fades every one of them); hidden ones cost no draw call.
 */
export function PoseSwitch({ poses, pick, name }: { poses: ReactNode[]; pick: () => number; name?: string }) {
  const groups = useRef<(Group | null)[]>([]);
  const shown = useRef(-1);
  const update = () => {
    const i = Math.max(0, Math.min(poses.length - 1, Math.round(pick())));
    if (i === shown.current) return;
    shown.current = i;
    groups.current.forEach((g, k) => {
      if (g) g.visible = k === i;
    });
  };
  useFrame(update);
  return (
    <group name={name}>
      {poses.map((p, i) => (
        <group
          key={i}
          visible={i === 0}
          ref={(g) => {
            groups.current[i] = g;
          }}
        >
          {p}
        </group>
      ))}
    </group>
  );
}

/** Index into `n` poses for a blend 0..1 (0 = first pose, 1 = last). */
export const poseIndex = (blend: number, n: number) => Math.round(clamp01(blend) * (n - 1));

const tmp = new Vector3();
/** World position of an object (for effects that follow a hand). */
export function worldOf(o: { getWorldPosition(v: Vector3): Vector3 } | null, out: Vector3): Vector3 | null {
  if (!o) return null;
  o.getWorldPosition(tmp);
  return out.copy(tmp);
}

// ---------------------------------------------------------------------------------------------------------------
// Leaving at a level
// ---------------------------------------------------------------------------------------------------------------

/**
 * Fades its children out (over the cue fade time) once the level goes above `maxLevel`, back in when it
 * returns: for someone who moves elsewhere at the next level. Put it inside the `Cue` that brings them in.
 */
export function FadeOutAbove({ maxLevel, children }: { maxLevel: number; children: ReactNode }) {
  const level = useSceneLevel();
  const group = useRef<Group>(null);
  const progress = useRef(level <= maxLevel ? 1 : 0);
  const applied = useRef(progress.current);
  /** Each mesh's own opacities, read before the parent Cue swaps in (and fades) its copies. */
  const bases = useRef(new Map<Mesh, number[]>());
  useLayoutEffect(() => {
    const g = group.current;
    if (!g) return;
    g.traverse((o) => {
      const mesh = o as Mesh;
      if (mesh.isMesh) bases.current.set(mesh, (Array.isArray(mesh.material) ? mesh.material : [mesh.material]).map((m) => m.opacity));
    });
    g.visible = progress.current > 0;
  }, []);
  useFrame((_, dt) => {
    const g = group.current;
    if (!g) return;
    const target = level <= maxLevel ? 1 : 0;
    progress.current = stepToward(progress.current, target, Math.min(dt, 0.1), CUE_FADE_SECONDS);
    const p = progress.current;
    if (p === applied.current) return;
    applied.current = p;
    g.visible = p > 0;
    bases.current.forEach((base, mesh) => {
      (Array.isArray(mesh.material) ? mesh.material : [mesh.material]).forEach((m, i) => {
        const b = base[i] ?? 1;
        m.transparent = p < 1 || b < 1;
        m.opacity = b * p;
        m.depthWrite = p >= 1;
      });
    });
  });
  return <group ref={group}>{children}</group>;
}

/**
 * A kit `Cue` that fades and scales about `at` (its own place) instead of the world origin, so a cue far away
 * does not slide toward the patient while it fades in. Children stay in world coordinates.
 */
export function AnchoredCue({ id, minLevel, at, children }: { id: string; minLevel: number; at: Vec3; children: ReactNode }) {
  return (
    <Cue id={id} minLevel={minLevel} position={at}>
      <group position={[-at[0], -at[1], -at[2]]}>{children}</group>
    </Cue>
  );
}

/**
 * A stable function that always calls the latest `fn`: lets memoised poses and emitters use per-render getters
 * (`useSegment` returns a new one on every render) without being rebuilt, which would remount avatars.
 */
export function useStable<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R {
  const ref = useRef(fn);
  ref.current = fn;
  return useMemo(() => (...args: A) => ref.current(...args), []);
}
