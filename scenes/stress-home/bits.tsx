import { useEffect, useMemo } from 'react';
import { BoxGeometry, PlaneGeometry, type BufferGeometry, type Material } from 'three';
import { mergeParts, type Part, type Vec3 } from '../kit/materials';

/*
 * Small helpers shared by the aquarium, nature, stress-home and stress-work scenes (kept here rather than in
 * the kit so the kit is untouched): a merged static mesh, an axis-aligned box part, a floor shadow blob.
 */

export const UNIT_BOX = new BoxGeometry(1, 1, 1);
export const UNIT_PLANE = new PlaneGeometry(1, 1);
/** A 1×1 plane lying flat, facing up. */
export const FLAT_PLANE = new PlaneGeometry(1, 1).rotateX(-Math.PI / 2);

/** Pushes an axis-aligned box given two opposite corners. */
export function box(list: Part[], x0: number, y0: number, z0: number, x1: number, y1: number, z1: number, color: string, rotation?: Vec3) {
  list.push({
    geometry: UNIT_BOX,
    position: [(x0 + x1) / 2, (y0 + y1) / 2, (z0 + z1) / 2],
    scale: [Math.abs(x1 - x0), Math.abs(y1 - y0), Math.abs(z1 - z0)],
    color,
    rotation,
  });
}

/** A soft contact shadow patch (use with the kit's `contactShadow` material). */
export function blob(list: Part[], x: number, z: number, sx: number, sz: number, y = 0.004, rotY = 0) {
  list.push({ geometry: FLAT_PLANE, position: [x, y, z], rotation: [0, rotY, 0], scale: [sx, 1, sz] });
}

export function useMerged(parts: Part[], worldUV?: number): BufferGeometry {
  const geo = useMemo(() => mergeParts(parts, worldUV ? { worldUV } : {}), [parts, worldUV]);
  useEffect(() => () => geo.dispose(), [geo]);
  return geo;
}

/** Static parts baked into one mesh: one draw call. */
export function MergedMesh({
  parts,
  material,
  worldUV,
  renderOrder,
  name,
}: {
  parts: Part[];
  material: Material;
  worldUV?: number;
  renderOrder?: number;
  name?: string;
}) {
  const geo = useMerged(parts, worldUV);
  if (parts.length === 0) return null;
  return <mesh geometry={geo} material={material} renderOrder={renderOrder ?? 0} name={name} />;
}
