import { useEffect, useMemo } from 'react';
import {
  BoxGeometry,
  CircleGeometry,
  CylinderGeometry,
  Euler,
  IcosahedronGeometry,
  LatheGeometry,
  Matrix4,
  MeshStandardMaterial,
  PlaneGeometry,
  Quaternion,
  SphereGeometry,
  TorusGeometry,
  Vector2,
  Vector3,
  type BufferGeometry,
  type Material,
} from 'three';
import { mergeVertices } from 'three/examples/jsm/utils/BufferGeometryUtils.js';
import { glowVC, matteVC, mergeParts, metalVC, satinVC, seededRandom, type Part, type Vec3 } from '../kit/materials';

/*
 * Small shared pieces for the crack-room, open-drug-scene and injection-flat scenes: merged meshes, template
 * geometries, atlas helpers and procedural paraphernalia (pipes, lighters, baggies, spoons, syringes) built
 * from parts so each prop costs a draw call per material.
 */

export const BOX = new BoxGeometry(1, 1, 1);
export const CYL = new CylinderGeometry(1, 1, 1, 16, 1);
export const CYL_LO = new CylinderGeometry(1, 1, 1, 8, 1);
export const CYL_OPEN = new CylinderGeometry(1, 1, 1, 12, 1, true);
export const SPHERE = new SphereGeometry(1, 14, 10);
export const SPHERE_LO = new SphereGeometry(1, 8, 6);
export const HALF_SPHERE = new SphereGeometry(1, 12, 6, 0, Math.PI * 2, Math.PI / 2, Math.PI / 2);
export const PLANE = new PlaneGeometry(1, 1);
export const FLOOR_PLANE = new PlaneGeometry(1, 1).rotateX(-Math.PI / 2);
export const CIRCLE = new CircleGeometry(0.5, 24);
export const TORUS = new TorusGeometry(1, 0.1, 6, 20);
export const ROCK = new IcosahedronGeometry(1, 0);

export type Rect = [number, number, number, number];

/** Atlas pixel rectangle [x, y, w, h] (canvas coordinates, y down) → uvRect [u0, v0, u1, v1]. */
export function uvOf(rect: Rect, W: number, H: number): [number, number, number, number] {
  const [x, y, w, h] = rect;
  return [x / W, 1 - (y + h) / H, (x + w) / W, 1 - y / H];
}

export function box(list: Part[], x0: number, y0: number, z0: number, x1: number, y1: number, z1: number, color: string, rotation?: Vec3) {
  list.push({
    geometry: BOX,
    position: [(x0 + x1) / 2, (y0 + y1) / 2, (z0 + z1) / 2],
    scale: [Math.abs(x1 - x0), Math.abs(y1 - y0), Math.abs(z1 - z0)],
    color,
    rotation,
  });
}

export function useMerged(parts: Part[], worldUV?: number): BufferGeometry {
  const geo = useMemo(() => mergeParts(parts, worldUV ? { worldUV } : {}), [parts, worldUV]);
  useEffect(() => () => geo.dispose(), [geo]);
  return geo;
}

export function MergedMesh({ parts, material, worldUV, renderOrder, name }: { parts: Part[]; material: Material; worldUV?: number; renderOrder?: number; name?: string }) {
  const geo = useMerged(parts, worldUV);
  if (parts.length === 0) return null;
  return <mesh geometry={geo} material={material} renderOrder={renderOrder ?? 0} name={name} />;
}

/** Soft contact shadow on a horizontal surface. */
export function shadowAt(list: Part[], x: number, z: number, sx: number, sz: number, y = 0.004, rotY = 0) {
  list.push({ geometry: FLOOR_PLANE, position: [x, y, z], rotation: [0, rotY, 0], scale: [sx, 1, sz] });
}

/** Points on the XZ plane placed and rotated: local (lx, y, lz) of an object at (x, z) turned by yaw. */
export function placer(x: number, y: number, z: number, yaw: number) {
  const c = Math.cos(yaw);
  const s = Math.sin(yaw);
  return (lx: number, ly: number, lz: number): Vec3 => [x + lx * c + lz * s, y + ly, z - lx * s + lz * c];
}

const v2 = (pts: [number, number][]) => pts.map(([x, y]) => new Vector2(x, y));

// ---------------------------------------------------------------------------------------------------------------
// Materials specific to paraphernalia
// ---------------------------------------------------------------------------------------------------------------

/** Pipe glass: clear and shiny but more visible than a drinking glass (a thin tube would vanish otherwise). */
export const pipeGlass = new MeshStandardMaterial({
  color: '#eef8f8',
  roughness: 0.05,
  metalness: 0.2,
  transparent: true,
  opacity: 0.72,
  depthWrite: false,
  envMapIntensity: 3,
});
/** Clear plastic (baggies, syringe barrel), colour per vertex. */
export const plasticClearVC = new MeshStandardMaterial({
  vertexColors: true,
  roughness: 0.25,
  metalness: 0,
  transparent: true,
  opacity: 0.5,
  depthWrite: false,
  envMapIntensity: 1.5,
});

// ---------------------------------------------------------------------------------------------------------------
// Paraphernalia builders (parts in local coordinates; origin on the supporting surface unless said otherwise)
// ---------------------------------------------------------------------------------------------------------------

export interface PropBuckets {
  matte: Part[];
  satin: Part[];
  metal: Part[];
  glass: Part[];
  clear: Part[];
  glow: Part[];
}
export const newProps = (): PropBuckets => ({ matte: [], satin: [], metal: [], glass: [], clear: [], glow: [] });

export const PIPE_LENGTH = 0.105;
const PIPE_R = 0.0055;

/**
 * Straight glass stem ("doseur"), origin at the mouth end, +y along the stem to the far end, which is blackened
 * and holds a steel-wool plug. 10.5 cm long.
 */
export function pipeParts(b: PropBuckets, parent?: Matrix4, used = true) {
  const add = (p: Part): Part => (parent ? withParent(parent)(p) : p);
  b.glass.push(add({ geometry: CYL_OPEN, position: [0, PIPE_LENGTH / 2, 0], scale: [PIPE_R, PIPE_LENGTH, PIPE_R], color: '#ffffff' }));
  // thick glass rims at both ends
  for (const y of [0.001, PIPE_LENGTH - 0.001]) b.glass.push(add({ geometry: TORUS, position: [0, y, 0], rotation: [Math.PI / 2, 0, 0], scale: [PIPE_R, PIPE_R, 0.02] }));
  if (used) {
    // residue: dark amber toward the far end, soot at the tip
    b.matte.push(add({ geometry: CYL_LO, position: [0, PIPE_LENGTH * 0.72, 0], scale: [PIPE_R * 0.78, PIPE_LENGTH * 0.36, PIPE_R * 0.78], color: '#4a2e16' }));
    b.matte.push(add({ geometry: CYL_LO, position: [0, PIPE_LENGTH - 0.012, 0], scale: [PIPE_R * 0.85, 0.02, PIPE_R * 0.85], color: '#171310' }));
  }
  // steel-wool plug just inside the far end
  b.metal.push(add({ geometry: CYL_LO, position: [0, PIPE_LENGTH - 0.008, 0], scale: [PIPE_R * 0.8, 0.012, PIPE_R * 0.8], color: '#8b8d90' }));
}

export function parentMatrix(position: Vec3, rotation: Vec3, scale = 1): Matrix4 {
  return new Matrix4().compose(new Vector3(...position), new Quaternion().setFromEuler(new Euler(...rotation)), new Vector3(scale, scale, scale));
}
const withParent = (m: Matrix4) => (p: Part): Part => ({ ...p, parent: p.parent ? p.parent.clone().premultiply(m) : m });

/** Lighter standing at its origin (+y up), 7.5 cm tall; `lying` lays it flat on its broad side, centred on `at`. */
export function lighterParts(b: PropBuckets, color: string, at: Vec3 = [0, 0, 0], yaw = 0, lying = false) {
  const m = lying
    ? parentMatrix([at[0], at[1] + 0.0062, at[2]], [0, yaw, 0])
        .multiply(new Matrix4().makeRotationX(-Math.PI / 2))
        .multiply(new Matrix4().makeTranslation(0, -0.0375, 0))
    : parentMatrix(at, [0, yaw, 0]);
  const add = withParent(m);
  b.satin.push(add({ geometry: BOX, position: [0, 0.031, 0], scale: [0.024, 0.062, 0.012], color }));
  b.metal.push(add({ geometry: BOX, position: [0, 0.0685, 0], scale: [0.024, 0.013, 0.0125], color: '#b8bcc2' }));
  b.metal.push(add({ geometry: CYL_LO, position: [-0.004, 0.077, 0], rotation: [Math.PI / 2, 0, 0], scale: [0.0045, 0.008, 0.0045], color: '#6d7075' }));
  b.matte.push(add({ geometry: BOX, position: [0.006, 0.073, 0], scale: [0.008, 0.006, 0.008], color: '#1c1c1c' }));
}
export const LIGHTER_TOP = 0.08;

/** A small zip baggie lying flat (4 × 5 cm); `contents` adds crumbs/powder. */
export function baggieParts(b: PropBuckets, at: Vec3, yaw: number, zip = '#c03a3a', contents?: string) {
  const add = withParent(parentMatrix(at, [0, yaw, 0]));
  b.clear.push(add({ geometry: BOX, position: [0, 0.0015, 0], scale: [0.04, 0.003, 0.05], color: '#f3f6f8' }));
  b.satin.push(add({ geometry: BOX, position: [0, 0.0032, -0.021], scale: [0.04, 0.0015, 0.003], color: zip }));
  if (contents) b.matte.push(add({ geometry: SPHERE_LO, position: [0.002, 0.0022, 0.006], scale: [0.012, 0.0018, 0.014], color: contents }));
}

/** Small off-white rocks scattered around `at`. */
export function rocksParts(list: Part[], at: Vec3, count: number, seed: number, spread = 0.02, size = 0.0055) {
  const rnd = seededRandom(seed);
  for (let i = 0; i < count; i++) {
    const s = size * (0.6 + rnd() * 0.8);
    list.push({
      geometry: ROCK,
      position: [at[0] + (rnd() - 0.5) * spread * 2, at[1] + s * 0.55, at[2] + (rnd() - 0.5) * spread * 2],
      rotation: [rnd() * 6, rnd() * 6, rnd() * 6],
      scale: [s * (0.9 + rnd() * 0.5), s * 0.7, s * (0.9 + rnd() * 0.4)],
      color: rnd() < 0.5 ? '#eee5cf' : '#e3d6b8',
    });
  }
}

/** A tuft of steel wool (loose grey-bronze fibres). */
export function steelWoolParts(list: Part[], at: Vec3, seed: number, scale = 1) {
  const rnd = seededRandom(seed);
  for (let i = 0; i < 9; i++) {
    const s = (0.007 + rnd() * 0.007) * scale;
    list.push({
      geometry: ROCK,
      position: [at[0] + (rnd() - 0.5) * 0.02 * scale, at[1] + s * 0.8, at[2] + (rnd() - 0.5) * 0.02 * scale],
      rotation: [rnd() * 6, rnd() * 6, rnd() * 6],
      scale: [s, s * 0.8, s * 1.2],
      color: rnd() < 0.6 ? '#9a9a96' : '#a8825a',
    });
  }
}

const SPOON_BOWL = new SphereGeometry(1, 12, 5, 0, Math.PI * 2, Math.PI * 0.55, Math.PI * 0.45);

/** Teaspoon lying on a surface, bowl at the origin, handle toward -x (turned by yaw). */
export function spoonParts(b: PropBuckets, at: Vec3, yaw: number, residue?: string, blackened = false) {
  const add = withParent(parentMatrix(at, [0, yaw, 0]));
  b.metal.push(add({ geometry: SPOON_BOWL, position: [0, 0.008, 0], scale: [0.021, 0.009, 0.015], color: '#c9ccd0' }));
  b.metal.push(add({ geometry: BOX, position: [-0.07, 0.006, 0], rotation: [0, 0, -0.08], scale: [0.1, 0.0025, 0.009], color: '#c9ccd0' }));
  b.metal.push(add({ geometry: BOX, position: [-0.03, 0.0025, 0], rotation: [0, 0, 0.2], scale: [0.025, 0.0025, 0.006], color: '#c9ccd0' }));
  // burnt: soot on the underside and a dark cooked stain inside the bowl (the rim stays metal)
  if (blackened) {
    b.matte.push(add({ geometry: SPOON_BOWL, position: [0, 0.0075, 0], scale: [0.0214, 0.0094, 0.0154], color: '#1b1612' }));
    b.matte.push(add({ geometry: SPHERE_LO, position: [0, 0.0012, 0], scale: [0.0155, 0.0012, 0.011], color: '#2b1d12' }));
  }
  if (residue) b.matte.push(add({ geometry: SPHERE_LO, position: [0, 0.0019, 0], scale: [0.01, 0.0012, 0.007], color: residue }));
}

/** Spoon as held: bowl origin, handle along -x, for a group placed by a pose. */
export function heldSpoonParts(b: PropBuckets, blackened: boolean) {
  spoonParts(b, [0, -0.006, 0], 0, undefined, blackened);
}

export const SYRINGE_LENGTH = 0.125;
/**
 * 1 ml insulin-type syringe, origin at the needle end (capped: the orange cap), +y toward the plunger.
 * `capped` false shows a short needle instead of the cap.
 */
export function syringeParts(b: PropBuckets, capped: boolean, plungerOut = 0.02, parent?: Matrix4) {
  const add = (p: Part): Part => (parent ? withParent(parent)(p) : p);
  const barrel0 = 0.022;
  const barrel1 = 0.095;
  b.clear.push(add({ geometry: CYL, position: [0, (barrel0 + barrel1) / 2, 0], scale: [0.0045, barrel1 - barrel0, 0.0045], color: '#f4f8fa' }));
  // scale marks
  for (let i = 0; i < 6; i++) b.matte.push(add({ geometry: BOX, position: [0.0046, barrel0 + 0.01 + i * 0.01, 0], scale: [0.0004, 0.0007, 0.003], color: '#2a2a2a' }));
  // rubber plunger head and rod
  const head = barrel0 + 0.012 + plungerOut;
  b.matte.push(add({ geometry: CYL_LO, position: [0, head, 0], scale: [0.0042, 0.004, 0.0042], color: '#2d2d2d' }));
  b.satin.push(add({ geometry: BOX, position: [0, (head + barrel1 + plungerOut + 0.012) / 2, 0], scale: [0.003, barrel1 + plungerOut + 0.012 - head, 0.003], color: '#f2f2ef' }));
  b.satin.push(add({ geometry: CYL_LO, position: [0, barrel1 + plungerOut + 0.013, 0], scale: [0.007, 0.0015, 0.007], color: '#f2f2ef' }));
  // flange
  b.satin.push(add({ geometry: BOX, position: [0, barrel1, 0], scale: [0.018, 0.0018, 0.008], color: '#f2f2ef' }));
  // hub
  b.satin.push(add({ geometry: CYL_LO, position: [0, barrel0 - 0.002, 0], scale: [0.0035, 0.006, 0.0035], color: '#f2f2ef' }));
  if (capped) b.satin.push(add({ geometry: CYL_LO, position: [0, 0.009, 0], scale: [0.0034, 0.02, 0.0034], color: '#f07a18' }));
  else b.metal.push(add({ geometry: CYL_LO, position: [0, 0.008, 0], scale: [0.0005, 0.014, 0.0005], color: '#d8dade' }));
}

/** An orange syringe cap lying on the ground. */
export function syringeCapParts(list: Part[], at: Vec3, yaw: number) {
  list.push({ geometry: CYL_LO, position: [at[0], at[1] + 0.0034, at[2]], rotation: [0, yaw, Math.PI / 2], scale: [0.0034, 0.02, 0.0034], color: '#f07a18' });
}

/** A cheap tourniquet / strap lying loosely (a flat curved band). */
export function strapParts(list: Part[], at: Vec3, yaw: number, color: string) {
  const rnd = seededRandom(3);
  const m = parentMatrix(at, [0, yaw, 0]);
  let x = -0.16;
  let z = 0;
  let a = 0.2;
  for (let i = 0; i < 12; i++) {
    a += (rnd() - 0.5) * 0.6 + 0.1;
    const len = 0.03;
    list.push({ geometry: BOX, position: [x + Math.cos(a) * len * 0.5, 0.0015, z - Math.sin(a) * len * 0.5], rotation: [0, a, 0], scale: [len + 0.002, 0.002, 0.022], color, parent: m });
    x += Math.cos(a) * len;
    z -= Math.sin(a) * len;
  }
}

/** Small square of folded foil or paper. */
export function foilParts(list: Part[], at: Vec3, yaw: number, size: number, color = '#cfd3d6') {
  list.push({ geometry: BOX, position: [at[0], at[1] + 0.0008, at[2]], rotation: [0, yaw, 0], scale: [size, 0.0016, size * 0.9], color });
}

/** A ball of cotton filter (tiny, white). */
export function cottonParts(list: Part[], at: Vec3) {
  list.push({ geometry: SPHERE_LO, position: [at[0], at[1] + 0.003, at[2]], scale: [0.0045, 0.0035, 0.0045], color: '#f6f4ee' });
}

/** Lathe profile of a small plastic bottle (ammonia), origin bottom centre, 13 cm tall. */
export const SMALL_BOTTLE = new LatheGeometry(
  v2([
    [0, 0],
    [0.025, 0],
    [0.027, 0.005],
    [0.027, 0.09],
    [0.022, 0.105],
    [0.011, 0.112],
    [0.011, 0.12],
    [0, 0.12],
  ]),
  14,
);


/** Renders prop buckets with the shared materials (one draw call per non-empty bucket). */
export function Props({ build, deps = [] }: { build: (b: PropBuckets) => void; deps?: unknown[] }) {
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const b = useMemo(() => {
    const out = newProps();
    build(out);
    return out;
  }, deps);
  return (
    <>
      <MergedMesh parts={b.matte} material={matteVC} />
      <MergedMesh parts={b.satin} material={satinVC} />
      <MergedMesh parts={b.metal} material={metalVC} />
      <MergedMesh parts={b.glow} material={glowVC} />
      <MergedMesh parts={b.clear} material={plasticClearVC} renderOrder={2} />
      <MergedMesh parts={b.glass} material={pipeGlass} renderOrder={3} />
    </>
  );
}

/** A crumpled cloth lying on a surface: an XZ plane `w` × `d` with soft random folds (up to `bump` high). */
export function crumpledCloth(w: number, d: number, seed: number, bump = 0.05, segX = 18, segZ = 14): BufferGeometry {
  const g = new PlaneGeometry(w, d, segX, segZ).rotateX(-Math.PI / 2);
  const rnd = seededRandom(seed);
  const waves = Array.from({ length: 6 }, () => ({ kx: (rnd() - 0.5) * 14, kz: (rnd() - 0.5) * 14, ph: rnd() * 6.28, a: 0.3 + rnd() * 0.7 }));
  const pos = g.getAttribute('position');
  for (let i = 0; i < pos.count; i++) {
    const x = pos.getX(i);
    const z = pos.getZ(i);
    let y = 0;
    for (const wv of waves) y += Math.sin(x * wv.kx + z * wv.kz + wv.ph) * wv.a;
    const edge = Math.min(1, Math.min(w / 2 - Math.abs(x), d / 2 - Math.abs(z)) / (Math.min(w, d) * 0.18));
    pos.setY(i, Math.max(0, (y / 3 + 0.5) * bump * edge));
  }
  g.computeVertexNormals();
  return g;
}

/** A hanging cloth (curtain, sheet): an XY plane `w` × `h` hanging from its top edge with vertical folds. */
export function hangingCloth(w: number, h: number, folds: number, depth: number, segX = 24): BufferGeometry {
  const g = new PlaneGeometry(w, h, segX, 4);
  const pos = g.getAttribute('position');
  for (let i = 0; i < pos.count; i++) {
    const x = pos.getX(i);
    pos.setZ(i, Math.sin((x / w) * Math.PI * 2 * folds) * depth);
  }
  g.computeVertexNormals();
  return g;
}

/** An irregular soft lump (clothes, bag, pillow) of radius ~1, to be scaled. */
export function lumpGeometry(seed: number, roughness = 0.25): BufferGeometry {
  const g = new IcosahedronGeometry(1, 2);
  const rnd = seededRandom(seed);
  const pos = g.getAttribute('position');
  const bumps = Array.from({ length: 5 }, () => ({ d: new Vector3(rnd() - 0.5, rnd() - 0.5, rnd() - 0.5).normalize(), a: (rnd() - 0.3) * roughness }));
  const v = new Vector3();
  for (let i = 0; i < pos.count; i++) {
    v.fromBufferAttribute(pos, i);
    const n = v.clone().normalize();
    let r = 1;
    for (const b of bumps) r += b.a * Math.max(0, n.dot(b.d)) ** 2;
    v.copy(n).multiplyScalar(r);
    if (v.y < -0.2) v.y = -0.2 - (v.y + 0.2) * 0.1;
    pos.setXYZ(i, v.x, v.y, v.z);
  }
  // IcosahedronGeometry is not indexed: weld it so the lump is smooth-shaded.
  g.deleteAttribute('normal');
  g.deleteAttribute('uv');
  const welded = mergeVertices(g);
  g.dispose();
  welded.computeVertexNormals();
  return welded;
}
