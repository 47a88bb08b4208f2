import { useFrame } from '@react-three/fiber';
import { useMemo, useRef, type ReactNode, type RefObject } from 'react';
import {
  CylinderGeometry,
  DoubleSide,
  Euler,
  Group,
  LatheGeometry,
  MeshBasicMaterial,
  MeshStandardMaterial,
  Quaternion,
  SphereGeometry,
  TorusGeometry,
  Vector2,
  Vector3,
  type Mesh,
} from 'three';
import { SpatialSound } from '../kit/audio/SpatialSound';
import { Cue } from '../kit/Cue';
import { SceneEnvironment } from '../kit/Environment';
import { useSceneLevel } from '../kit/levelContext';
import {
  contactShadow,
  glowHalo,
  glowVC,
  leafVC,
  matteVC,
  metalVC,
  satinVC,
  seededRandom,
  woodVC,
  type Part,
  type Vec3,
} from '../kit/materials';
import { useSceneEvent, useSegment } from '../kit/sceneClock';
import { blob, box, FLAT_PLANE, MergedMesh, UNIT_BOX, UNIT_PLANE } from './bits';
import { envelope, Person, smooth, type PersonLook, type PersonPose } from './Person';
import {
  duskTex,
  floorTileTex,
  PAPER,
  PAPER_H,
  PAPER_W,
  paperTex,
  SCREEN,
  SCREEN_H,
  SCREEN_W,
  screenTex,
  subwayTex,
  uvOf,
  type Rect,
} from './textures';

/*
 * Stress at home: a small kitchen in the evening. The patient sits at the kitchen table (origin, facing -z).
 *   - table 1.1 × 0.8 m, near edge 0.35 m ahead; fruit bowl, a mug of tea and the patient's phone on it;
 *   - counter run along the back wall (sink under the window, hob and hood, cupboards), fridge in the right corner;
 *   - a door to the hallway on the left wall (the `door-slams` event), shelf, calendar and radiator on the right.
 * Levels: 0 the kitchen; 1 unpaid bills and red final notices at the far end of the table and on the fridge;
 * 2 the phone shows missed calls and an opened final notice lies in front of the patient; 3 the partner stands
 * by the counter arguing (peaks in `argument-peak`); 4 the partner comes to the table, shouts, waves a notice
 * and slams a hand on the table (`table-slam`), making things on it jump.
 */

const ROOM = { x0: -2.2, x1: 2.2, z0: -3.4, z1: 1.6, h: 2.5 };
const TABLE = { x0: -0.55, x1: 0.55, z0: -1.15, z1: -0.35, h: 0.75 };
const TOP = TABLE.h + 0.001;
const COUNTER = { x0: -2.2, x1: 1.45, back: -3.4, front: -2.8, h: 0.9 };
const WINDOW = { x0: 0.0, x1: 1.1, y0: 1.1, y1: 2.05 };
const DOOR = { z0: -1.75, z1: -0.9, h: 2.05 };
const LAMP = { x: 0, z: -0.78, bottom: 1.8 };

/** Where the partner argues from (level 3) and stands at the table (level 4). */
const FAR = { x: 0.95, z: -2.3, yaw: Math.atan2(-0.95, 2.3) };
const NEAR = { x: 0.12, z: -1.42, yaw: 0 };

const CYL = new CylinderGeometry(1, 1, 1, 16, 1);
const CYL_LO = new CylinderGeometry(1, 1, 1, 8, 1);
const SPHERE = new SphereGeometry(1, 14, 10);
const SPHERE_LO = new SphereGeometry(1, 8, 6);
const RING = new TorusGeometry(1, 0.08, 6, 28);
const HANDLE = new TorusGeometry(1, 0.22, 6, 12, Math.PI);

const v2 = (pts: [number, number][]) => pts.map(([x, y]) => new Vector2(x, y));
const SHADE_PROFILE: [number, number][] = [
  [0.03, 0.0],
  [0.05, -0.02],
  [0.12, -0.08],
  [0.2, -0.17],
  [0.215, -0.19],
];
const SHADE_OUTER = new LatheGeometry(v2(SHADE_PROFILE), 24);
const SHADE_INNER = new LatheGeometry(v2([...SHADE_PROFILE].reverse().map(([x, y]) => [x * 0.96, y + 0.004])), 24);
const BOWL = new LatheGeometry(
  v2([
    [0, 0],
    [0.06, 0],
    [0.065, 0.008],
    [0.12, 0.05],
    [0.14, 0.085],
    [0.134, 0.088],
    [0.115, 0.052],
    [0.06, 0.014],
    [0, 0.014],
  ]),
  24,
);
const MUG = new LatheGeometry(
  v2([
    [0, 0],
    [0.036, 0],
    [0.04, 0.006],
    [0.041, 0.095],
    [0.037, 0.095],
    [0.036, 0.012],
    [0, 0.012],
  ]),
  20,
);

// ---------------------------------------------------------------------------------------------------------------
// Materials
// ---------------------------------------------------------------------------------------------------------------

const floorMat = new MeshStandardMaterial({ map: floorTileTex, roughness: 0.55, metalness: 0 });
const tileMat = new MeshStandardMaterial({ map: subwayTex, roughness: 0.22, metalness: 0, envMapIntensity: 1.2 });
const paperMat = new MeshStandardMaterial({
  map: paperTex,
  roughness: 0.85,
  metalness: 0,
  emissive: '#ffffff',
  emissiveMap: paperTex,
  emissiveIntensity: 0.14,
});
const screenMat = new MeshBasicMaterial({ map: screenTex, toneMapped: false });
const windowMat = new MeshBasicMaterial({ map: duskTex });
const heldPaperMat = paperMat.clone();
heldPaperMat.side = DoubleSide;
const phoneHalo = glowHalo.clone();
phoneHalo.color.set('#7fb8ff');

const UV = (r: Rect) => uvOf(r, PAPER_W, PAPER_H);
const SUV = (r: Rect) => uvOf(r, SCREEN_W, SCREEN_H);

const WALL = '#e6ddcf';
const CABINET = '#5f7f74';
const OAK = '#b98a5a';
const STEEL = '#b9bcc0';
const WHITE = '#ecebe6';

// ---------------------------------------------------------------------------------------------------------------
// Room (level 0)
// ---------------------------------------------------------------------------------------------------------------

interface Buckets {
  floor: Part[];
  tile: Part[];
  matte: Part[];
  satin: Part[];
  wood: Part[];
  metal: Part[];
  glow: Part[];
  leaf: Part[];
  paper: Part[];
  window: Part[];
  shadow: Part[];
}

function wallPlane(b: Buckets, axis: 'x' | 'z', at: number, a0: number, a1: number, y0: number, y1: number, facing: number, color = WALL) {
  const mid = (a0 + a1) / 2;
  if (axis === 'z') {
    b.matte.push({ geometry: UNIT_PLANE, position: [mid, (y0 + y1) / 2, at], rotation: [0, facing > 0 ? 0 : Math.PI, 0], scale: [a1 - a0, y1 - y0, 1], color });
  } else {
    b.matte.push({ geometry: UNIT_PLANE, position: [at, (y0 + y1) / 2, mid], rotation: [0, facing > 0 ? Math.PI / 2 : -Math.PI / 2, 0], scale: [a1 - a0, y1 - y0, 1], color });
  }
}

function chair(b: Buckets, x: number, z: number, yaw: number, backTop = 0.92) {
  const c = Math.cos(yaw);
  const s = Math.sin(yaw);
  const at = (lx: number, y: number, lz: number): Vec3 => [x + lx * c + lz * s, y, z - lx * s + lz * c];
  const add = (list: Part[], lx: number, y: number, lz: number, sx: number, sy: number, sz: number, col: string) =>
    list.push({ geometry: UNIT_BOX, position: at(lx, y, lz), rotation: [0, yaw, 0], scale: [sx, sy, sz], color: col });
  add(b.wood, 0, 0.45, 0, 0.42, 0.03, 0.41, OAK);
  for (const lx of [-0.18, 0.18]) {
    add(b.wood, lx, 0.22, 0.17, 0.03, 0.44, 0.03, OAK);
    add(b.wood, lx, (backTop + 0.0) / 2, -0.185, 0.03, backTop, 0.03, OAK);
  }
  add(b.wood, 0, backTop - 0.06, -0.185, 0.36, 0.1, 0.02, OAK);
  add(b.wood, 0, backTop - 0.22, -0.185, 0.36, 0.04, 0.02, OAK);
  // seat cushion
  add(b.satin, 0, 0.475, 0.01, 0.38, 0.025, 0.37, '#c46d4a');
  blob(b.shadow, x, z, 0.6, 0.6, 0.004, yaw);
}

function plant(b: Buckets, x: number, y: number, z: number, size: number, seed: number, pot: string) {
  const rnd = seededRandom(seed);
  const ph = 0.12 * size;
  b.satin.push({ geometry: new CylinderGeometry(0.065 * size, 0.05 * size, ph, 12), position: [x, y + ph / 2, z], color: pot });
  b.matte.push({ geometry: CYL_LO, position: [x, y + ph - 0.006, z], scale: [0.06 * size, 0.01, 0.06 * size], color: '#3b2b1f' });
  const n = Math.round(12 + 10 * size);
  for (let i = 0; i < n; i++) {
    const a = rnd() * Math.PI * 2;
    const tilt = 0.3 + rnd() * 0.9;
    const len = (0.06 + rnd() * 0.06) * size;
    const hgt = y + ph + rnd() * 0.12 * size;
    const q = new Quaternion().setFromEuler(new Euler(-(Math.PI / 2 - tilt), Math.PI / 2 - a, 0, 'YXZ'));
    const dir = new Vector3(0, 0, 1).applyQuaternion(q);
    b.leaf.push({
      geometry: SPHERE_LO,
      position: [x + Math.cos(a) * 0.015 + dir.x * len * 0.5, hgt + dir.y * len * 0.5, z + Math.sin(a) * 0.015 + dir.z * len * 0.5],
      quaternion: q,
      scale: [0.02 * size, 0.004, len * 0.5],
      color: ['#3f7a45', '#4f8c4c', '#5c9a55', '#356b3c'][Math.floor(rnd() * 4)]!,
    });
  }
}

function books(b: Buckets, x: number, y: number, z0: number, count: number, seed: number) {
  const rnd = seededRandom(seed);
  const cols = ['#7a2e2a', '#2e4a6b', '#3e5a36', '#c9a23a', '#d7cfbf', '#5a3e62'];
  let z = z0;
  for (let i = 0; i < count; i++) {
    const w = 0.025 + rnd() * 0.02;
    const h = 0.2 + rnd() * 0.06;
    b.matte.push({ geometry: UNIT_BOX, position: [x, y + h / 2, z + w / 2], scale: [0.15, h, w], color: cols[Math.floor(rnd() * cols.length)]! });
    z += w + 0.002;
  }
}

function buildKitchen(): Buckets {
  const b: Buckets = { floor: [], tile: [], matte: [], satin: [], wood: [], metal: [], glow: [], leaf: [], paper: [], window: [], shadow: [] };
  const { x0, x1, z0, z1, h } = ROOM;
  const W = x1 - x0;
  const D = z1 - z0;

  // Floor and ceiling
  b.floor.push({ geometry: FLAT_PLANE, position: [(x0 + x1) / 2, 0, (z0 + z1) / 2], scale: [W, 1, D] });
  b.matte.push({ geometry: UNIT_PLANE, position: [(x0 + x1) / 2, h, (z0 + z1) / 2], rotation: [Math.PI / 2, 0, 0], scale: [W, D, 1], color: '#f1ece4' });

  // Back wall around the window
  wallPlane(b, 'z', z0, x0, WINDOW.x0, 0, h, 1);
  wallPlane(b, 'z', z0, WINDOW.x1, x1, 0, h, 1);
  wallPlane(b, 'z', z0, WINDOW.x0, WINDOW.x1, 0, WINDOW.y0, 1);
  wallPlane(b, 'z', z0, WINDOW.x0, WINDOW.x1, WINDOW.y1, h, 1);
  // Window: recessed view, reveals, white frame with a mullion, sill
  b.window.push({ geometry: UNIT_PLANE, position: [(WINDOW.x0 + WINDOW.x1) / 2, (WINDOW.y0 + WINDOW.y1) / 2, z0 - 0.12], scale: [WINDOW.x1 - WINDOW.x0, WINDOW.y1 - WINDOW.y0, 1] });
  box(b.matte, WINDOW.x0 - 0.01, WINDOW.y0, z0 - 0.12, WINDOW.x0, WINDOW.y1, z0, '#dcd3c4');
  box(b.matte, WINDOW.x1, WINDOW.y0, z0 - 0.12, WINDOW.x1 + 0.01, WINDOW.y1, z0, '#dcd3c4');
  box(b.matte, WINDOW.x0, WINDOW.y1, z0 - 0.12, WINDOW.x1, WINDOW.y1 + 0.01, z0, '#dcd3c4');
  const fz = z0 - 0.09;
  box(b.satin, WINDOW.x0, WINDOW.y0, fz, WINDOW.x0 + 0.05, WINDOW.y1, fz + 0.04, WHITE);
  box(b.satin, WINDOW.x1 - 0.05, WINDOW.y0, fz, WINDOW.x1, WINDOW.y1, fz + 0.04, WHITE);
  box(b.satin, WINDOW.x0, WINDOW.y1 - 0.05, fz, WINDOW.x1, WINDOW.y1, fz + 0.04, WHITE);
  box(b.satin, WINDOW.x0, WINDOW.y0, fz, WINDOW.x1, WINDOW.y0 + 0.05, fz + 0.04, WHITE);
  box(b.satin, (WINDOW.x0 + WINDOW.x1) / 2 - 0.025, WINDOW.y0, fz, (WINDOW.x0 + WINDOW.x1) / 2 + 0.025, WINDOW.y1, fz + 0.04, WHITE);
  box(b.satin, WINDOW.x0 - 0.04, WINDOW.y0 - 0.03, z0 - 0.12, WINDOW.x1 + 0.04, WINDOW.y0, z0 + 0.06, WHITE);
  // herbs on the sill
  plant(b, 0.18, WINDOW.y0, z0 - 0.03, 1, 3, '#c2673f');
  plant(b, 0.42, WINDOW.y0, z0 - 0.03, 0.8, 4, '#e9e4da');
  plant(b, 0.92, WINDOW.y0, z0 - 0.03, 0.9, 5, '#c2673f');

  // Side and front walls
  wallPlane(b, 'x', x0, z0, DOOR.z0, 0, h, 1);
  wallPlane(b, 'x', x0, DOOR.z1, z1, 0, h, 1);
  wallPlane(b, 'x', x0, DOOR.z0, DOOR.z1, DOOR.h, h, 1);
  wallPlane(b, 'x', x1, z0, z1, 0, h, -1);
  wallPlane(b, 'z', z1, x0, 0.55, 0, h, -1);
  wallPlane(b, 'z', z1, 1.45, x1, 0, h, -1);
  wallPlane(b, 'z', z1, 0.55, 1.45, 2.1, h, -1);
  // Doorway behind (to the living room, dim)
  b.matte.push({ geometry: UNIT_PLANE, position: [1.0, 1.05, z1 + 1.2], rotation: [0, Math.PI, 0], scale: [0.9, 2.1, 1], color: '#4a4038' });
  wallPlane(b, 'x', 0.55, z1, z1 + 1.2, 0, 2.1, 1, '#5a4e44');
  wallPlane(b, 'x', 1.45, z1, z1 + 1.2, 0, 2.1, -1, '#5a4e44');
  b.matte.push({ geometry: FLAT_PLANE, position: [1.0, 0.001, z1 + 0.6], scale: [0.9, 1, 1.2], color: '#5e4a38' });
  // Hallway behind the door (dim)
  const hx = x0 - 1.2;
  b.matte.push({ geometry: FLAT_PLANE, position: [(hx + x0) / 2, 0.001, (DOOR.z0 + DOOR.z1) / 2], scale: [1.2, 1, 1.6], color: '#6b5a48' });
  wallPlane(b, 'x', hx, DOOR.z0 - 0.4, DOOR.z1 + 0.4, 0, h, 1, '#8c8276');
  wallPlane(b, 'z', DOOR.z0 - 0.4, hx, x0, 0, h, 1, '#7d746a');
  wallPlane(b, 'z', DOOR.z1 + 0.4, hx, x0, 0, h, -1, '#7d746a');
  // Door casing
  const cz = [DOOR.z0 - 0.07, DOOR.z1 + 0.07];
  box(b.satin, x0, 0, cz[0]!, x0 + 0.02, DOOR.h + 0.07, DOOR.z0, WHITE);
  box(b.satin, x0, 0, DOOR.z1, x0 + 0.02, DOOR.h + 0.07, cz[1]!, WHITE);
  box(b.satin, x0, DOOR.h, DOOR.z0, x0 + 0.02, DOOR.h + 0.07, DOOR.z1, WHITE);
  // Skirting
  box(b.satin, x0, 0, z0, x0 + 0.015, 0.08, DOOR.z0 - 0.07, WHITE);
  box(b.satin, x0, 0, DOOR.z1 + 0.07, x0 + 0.015, 0.08, z1, WHITE);
  box(b.satin, x1 - 0.015, 0, -2.7, x1, 0.08, z1, WHITE);

  // --- Counter run ---------------------------------------------------------------------------------------
  const C = COUNTER;
  box(b.matte, C.x0, 0, C.back, C.x1, 0.1, C.front - 0.06, '#2b2a28');
  box(b.satin, C.x0, 0.1, C.back, C.x1, 0.86, C.front, CABINET);
  // doors and drawers (hob section gets the oven)
  const sections = [-2.2, -1.6, -1.3, -0.7, -0.1, 0.6, 1.45];
  for (let i = 0; i < sections.length - 1; i++) {
    const a = sections[i]! + 0.004;
    const c = sections[i + 1]! - 0.004;
    if (a > -1.31 && c < -0.69) {
      // oven
      box(b.satin, a, 0.12, C.front, c, 0.84, C.front + 0.02, '#1f2022');
      box(b.satin, a + 0.05, 0.25, C.front + 0.02, c - 0.05, 0.62, C.front + 0.024, '#0c0c0d');
      box(b.metal, a + 0.06, 0.7, C.front + 0.04, c - 0.06, 0.72, C.front + 0.06, STEEL);
      continue;
    }
    box(b.satin, a, 0.7, C.front, c, 0.85, C.front + 0.02, CABINET);
    box(b.satin, a, 0.11, C.front, c, 0.695, C.front + 0.02, CABINET);
    box(b.metal, (a + c) / 2 - 0.08, 0.78, C.front + 0.02, (a + c) / 2 + 0.08, 0.79, C.front + 0.04, STEEL);
    box(b.metal, c - 0.05, 0.45, C.front + 0.02, c - 0.04, 0.6, C.front + 0.04, STEEL);
  }
  // worktop
  box(b.wood, C.x0, 0.86, C.back, C.x1 + 0.02, C.h, C.front + 0.04, OAK);
  // hob: black glass with four rings
  box(b.satin, -1.27, C.h, -3.3, -0.73, C.h + 0.006, -2.86, '#111214');
  for (const [hx2, hz] of [
    [-1.13, -3.18],
    [-0.87, -3.18],
    [-1.13, -2.97],
    [-0.87, -2.97],
  ] as const) {
    b.metal.push({ geometry: RING, position: [hx2, C.h + 0.007, hz], rotation: [Math.PI / 2, 0, 0], scale: [0.075, 0.075, 0.075], color: '#56585c' });
  }
  // sink with tap
  box(b.metal, 0.2, C.h, -3.28, 0.8, C.h + 0.004, -2.88, STEEL);
  box(b.matte, 0.24, C.h + 0.002, -3.24, 0.76, C.h + 0.006, -2.92, '#6c7075');
  b.metal.push({ geometry: CYL, position: [0.5, C.h + 0.12, -3.32], scale: [0.016, 0.24, 0.016], color: STEEL });
  b.metal.push({ geometry: HANDLE, position: [0.5, C.h + 0.24, -3.22], rotation: [0, Math.PI / 2, 0], scale: [0.1, 0.1, 0.1], color: STEEL });
  // on the worktop: kettle, bread board, jars, dish rack
  b.satin.push({ geometry: new CylinderGeometry(0.07, 0.085, 0.2, 16), position: [-0.35, C.h + 0.1, -3.15], color: '#d8d4cc' });
  b.matte.push({ geometry: UNIT_BOX, position: [-0.35, C.h + 0.22, -3.15], scale: [0.05, 0.04, 0.05], color: '#2a2a2a' });
  b.wood.push({ geometry: UNIT_BOX, position: [-1.85, C.h + 0.01, -3.05], rotation: [0, 0.2, 0], scale: [0.4, 0.02, 0.28], color: '#a0703f' });
  b.satin.push({ geometry: SPHERE, position: [-1.85, C.h + 0.06, -3.05], scale: [0.13, 0.05, 0.07], color: '#c98d4a' });
  for (let i = 0; i < 3; i++) {
    b.satin.push({ geometry: CYL, position: [-2.05 + i * 0.11 + 0.36, C.h + 0.08, -3.3], scale: [0.045, 0.16, 0.045], color: ['#efeae0', '#e9dfcf', '#f4f0e8'][i]! });
    b.matte.push({ geometry: CYL, position: [-2.05 + i * 0.11 + 0.36, C.h + 0.17, -3.3], scale: [0.047, 0.025, 0.047], color: '#6b4a2f' });
  }
  box(b.metal, 0.88, C.h, -3.25, 1.3, C.h + 0.01, -2.95, '#9da1a6');
  for (let i = 0; i < 5; i++) b.satin.push({ geometry: CYL, position: [0.95 + i * 0.07, C.h + 0.11, -3.1], rotation: [0, 0, Math.PI / 2], scale: [0.1, 0.012, 0.1], color: '#f3f1ec' });
  // backsplash tiles
  const tiles = (a0: number, a1: number, y0: number, y1: number) =>
    b.tile.push({ geometry: UNIT_PLANE, position: [(a0 + a1) / 2, (y0 + y1) / 2, z0 + 0.003], scale: [a1 - a0, y1 - y0, 1] });
  tiles(x0, WINDOW.x0 - 0.01, C.h, 1.45);
  tiles(WINDOW.x1 + 0.01, C.x1, C.h, 1.45);
  tiles(WINDOW.x0 - 0.01, WINDOW.x1 + 0.01, C.h, WINDOW.y0 - 0.03);
  tiles(-1.4, -0.6, 1.45, 2.2);
  // upper cupboards
  for (const [a, c] of [
    [x0, -1.4],
    [-0.6, -0.1],
    [1.15, 1.45],
  ] as const) {
    box(b.satin, a, 1.45, z0, c, 2.2, z0 + 0.34, CABINET);
    const n = Math.max(1, Math.round((c - a) / 0.42));
    for (let i = 0; i < n; i++) {
      const da = a + ((c - a) * i) / n + 0.004;
      const dc = a + ((c - a) * (i + 1)) / n - 0.004;
      box(b.satin, da, 1.455, z0 + 0.34, dc, 2.195, z0 + 0.36, CABINET);
      const hxx = i % 2 ? da + 0.04 : dc - 0.04;
      box(b.metal, hxx - 0.005, 1.5, z0 + 0.36, hxx + 0.005, 1.62, z0 + 0.38, STEEL);
    }
    // light strip underneath
    box(b.glow, a + 0.03, 1.44, z0 + 0.26, c - 0.03, 1.447, z0 + 0.3, '#ffe4b8');
  }
  // hood
  box(b.metal, -1.32, 1.62, z0, -0.68, 1.74, z0 + 0.5, STEEL);
  box(b.metal, -1.12, 1.74, z0, -0.88, h, z0 + 0.26, STEEL);
  box(b.glow, -1.2, 1.615, z0 + 0.3, -0.8, 1.62, z0 + 0.4, '#fff0d2');

  // --- Fridge ---------------------------------------------------------------------------------------------
  const F = { x0: 1.5, x1: 2.15, z0: -3.38, z1: -2.72, h: 1.86 };
  box(b.satin, F.x0, 0.02, F.z0, F.x1, F.h, F.z1 - 0.02, '#e9e8e3');
  box(b.satin, F.x0 + 0.005, 0.04, F.z1 - 0.02, F.x1 - 0.005, 1.26, F.z1, '#eeede8');
  box(b.satin, F.x0 + 0.005, 1.28, F.z1 - 0.02, F.x1 - 0.005, F.h - 0.01, F.z1, '#eeede8');
  box(b.metal, F.x0 + 0.04, 0.85, F.z1, F.x0 + 0.06, 1.2, F.z1 + 0.03, STEEL);
  box(b.metal, F.x0 + 0.04, 1.34, F.z1, F.x0 + 0.06, 1.55, F.z1 + 0.03, STEEL);
  // child's drawing and photo held by magnets
  b.paper.push({ geometry: UNIT_PLANE, position: [1.99, 1.62, F.z1 + 0.002], rotation: [0, 0, 0.05], scale: [0.2, 0.152, 1], uvRect: UV(PAPER.drawing) });
  b.paper.push({ geometry: UNIT_PLANE, position: [1.78, 1.05, F.z1 + 0.002], rotation: [0, 0, -0.04], scale: [0.15, 0.11, 1], uvRect: UV(PAPER.photo) });
  for (const [mx, my, mc] of [
    [1.99, 1.69, '#2f8fd0'],
    [1.78, 1.1, '#f0b429'],
    [2.05, 0.95, '#3aa05a'],
    [2.06, 1.42, '#e25a4a'],
  ] as const) {
    b.satin.push({ geometry: CYL_LO, position: [mx, my, F.z1 + 0.006], rotation: [Math.PI / 2, 0, 0], scale: [0.014, 0.01, 0.014], color: mc });
  }
  blob(b.shadow, (F.x0 + F.x1) / 2, (F.z0 + F.z1) / 2 + 0.05, 0.9, 0.9);

  // --- Right wall: shelf, calendar, radiator --------------------------------------------------------------
  box(b.wood, x1 - 0.22, 1.52, -1.95, x1, 1.55, -0.85, OAK);
  books(b, x1 - 0.11, 1.55, -1.9, 9, 21);
  plant(b, x1 - 0.12, 1.55, -1.25, 1.3, 22, '#e9e4da');
  b.satin.push({ geometry: CYL, position: [x1 - 0.12, 1.6, -0.98], scale: [0.06, 0.1, 0.06], color: '#3c6e9e' });
  b.paper.push({ geometry: UNIT_PLANE, position: [x1 - 0.005, 1.32, -2.3], rotation: [0, -Math.PI / 2, 0], scale: [0.3, 0.42, 1], uvRect: UV(PAPER.calendar) });
  box(b.satin, x1 - 0.09, 0.15, -1.7, x1 - 0.02, 0.72, -0.9, '#f0efea');
  for (let z = -1.66; z < -0.92; z += 0.06) box(b.satin, x1 - 0.1, 0.16, z, x1 - 0.09, 0.71, z + 0.03, '#e4e3de');

  // --- Left wall: clock and a framed photo ----------------------------------------------------------------
  b.paper.push({ geometry: new CylinderGeometry(0.5, 0.5, 0.01, 32), position: [x0 + 0.03, 1.95, -0.35], rotation: [0, 0, -Math.PI / 2], scale: [0.3, 1, 0.3], uvRect: UV(PAPER.clock) });
  box(b.wood, x0, 1.3, -2.65, x0 + 0.025, 1.74, -2.1, '#3a2d22');
  b.paper.push({ geometry: UNIT_PLANE, position: [x0 + 0.027, 1.52, -2.375], rotation: [0, Math.PI / 2, 0], scale: [0.48, 0.36, 1], uvRect: UV(PAPER.photo) });

  // --- Behind: sideboard with a lamp ------------------------------------------------------------------
  box(b.wood, -1.5, 0, z1 - 0.45, -0.2, 0.8, z1, '#8a6142');
  b.satin.push({ geometry: CYL, position: [-0.5, 0.95, z1 - 0.22], scale: [0.07, 0.3, 0.07], color: '#c9b79a' });

  // --- Table and chairs -----------------------------------------------------------------------------------
  const T = TABLE;
  box(b.wood, T.x0, T.h - 0.035, T.z0, T.x1, T.h, T.z1, OAK);
  box(b.wood, T.x0 + 0.05, T.h - 0.11, T.z0 + 0.05, T.x1 - 0.05, T.h - 0.035, T.z0 + 0.07, '#9b7048');
  box(b.wood, T.x0 + 0.05, T.h - 0.11, T.z1 - 0.07, T.x1 - 0.05, T.h - 0.035, T.z1 - 0.05, '#9b7048');
  for (const [lx, lz] of [
    [T.x0 + 0.06, T.z0 + 0.06],
    [T.x1 - 0.06, T.z0 + 0.06],
    [T.x0 + 0.06, T.z1 - 0.06],
    [T.x1 - 0.06, T.z1 - 0.06],
  ] as const) {
    box(b.wood, lx - 0.025, 0, lz - 0.025, lx + 0.025, T.h - 0.035, lz + 0.025, '#9b7048');
  }
  blob(b.shadow, 0, (T.z0 + T.z1) / 2, 1.6, 1.2);
  chair(b, -0.88, -0.78, Math.PI / 2);
  chair(b, 0.9, -0.74, -Math.PI / 2 - 0.15);
  // the patient's own chair, low back well away from the head
  chair(b, 0, 0.06, Math.PI, 0.72);
  // place mat in front of the patient
  b.matte.push({ geometry: FLAT_PLANE, position: [-0.02, TOP + 0.0005, -0.6], scale: [0.42, 1, 0.3], color: '#c9b79a' });

  // Lamp cord and canopy
  b.metal.push({ geometry: CYL_LO, position: [LAMP.x, h - 0.01, LAMP.z], scale: [0.05, 0.02, 0.05], color: '#2b2b2b' });
  return b;
}

function KitchenRoom() {
  const b = useMemo(buildKitchen, []);
  return (
    <group name="cue:kitchen" userData={{ cueId: 'kitchen', minLevel: 0 }}>
      <MergedMesh parts={b.floor} material={floorMat} worldUV={0.83} />
      <MergedMesh parts={b.tile} material={tileMat} worldUV={1.67} />
      <MergedMesh parts={b.matte} material={matteVC} />
      <MergedMesh parts={b.satin} material={satinVC} />
      <MergedMesh parts={b.wood} material={woodVC} worldUV={1.1} />
      <MergedMesh parts={b.metal} material={metalVC} />
      <MergedMesh parts={b.glow} material={glowVC} />
      <MergedMesh parts={b.leaf} material={leafVC} />
      <MergedMesh parts={b.paper} material={paperMat} />
      <MergedMesh parts={b.window} material={windowMat} />
      <MergedMesh parts={b.shadow} material={contactShadow} renderOrder={1} />
    </group>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Timing shared by the animated pieces
// ---------------------------------------------------------------------------------------------------------------

const SLAM_DURATION = 7;
/** Where in the `table-slam` segment (0..1) the hand hits the table. */
const SLAM_HITS = [0.14, 0.54];
/** Where in the `door-slams` event the door shuts. */
const DOOR_SHUT = 0.5;

/** A decaying bounce after an impact `since` seconds ago (0 before the impact). */
function bounce(since: number, freq = 28, decay = 9) {
  if (since < 0 || since > 1.2) return 0;
  return Math.abs(Math.sin(since * freq)) * Math.exp(-since * decay);
}

function sinceLastHit(progress: number): number {
  let since = -1;
  for (const h of SLAM_HITS) if (progress >= h) since = (progress - h) * SLAM_DURATION;
  return since;
}

// ---------------------------------------------------------------------------------------------------------------
// Animated room pieces: door, lamp, table top, phone
// ---------------------------------------------------------------------------------------------------------------

function Door() {
  const door = useRef<Group>(null);
  const slam = useSceneEvent('door-slams');
  const parts = useMemo<Part[]>(() => {
    const w = DOOR.z1 - DOOR.z0;
    const p: Part[] = [];
    box(p, -0.02, 0, 0, 0.02, DOOR.h - 0.005, w - 0.005, '#efece5');
    for (const [y0, y1] of [
      [0.15, 0.95],
      [1.1, 1.9],
    ] as const) {
      box(p, 0.02, y0, 0.1, 0.028, y1, w - 0.1, '#e6e2da');
      box(p, -0.028, y0, 0.1, -0.02, y1, w - 0.1, '#e6e2da');
    }
    box(p, 0.02, 1.0, w - 0.1, 0.09, 1.02, w - 0.08, '#a8abb0');
    box(p, -0.09, 1.0, w - 0.1, -0.02, 1.02, w - 0.08, '#a8abb0');
    return p;
  }, []);
  useFrame(() => {
    const d = door.current;
    if (!d) return;
    const e = slam();
    let a = 0;
    if (e.active) {
      const p = e.progress;
      if (p < 0.42) a = 1.15 * smooth(0, 0.25, p);
      else if (p < DOOR_SHUT) a = 1.15 * (1 - smooth(0.42, DOOR_SHUT, p) ** 0.6);
      else a = 0.035 * bounce((p - DOOR_SHUT) * 3, 30, 12);
    }
    d.rotation.y = a;
  });
  return (
    <group ref={door} position={[ROOM.x0 + 0.03, 0, DOOR.z0]}>
      <MergedMesh parts={parts} material={satinVC} />
    </group>
  );
}

function Lamp() {
  const lamp = useRef<Group>(null);
  const door = useSceneEvent('door-slams');
  const slam = useSegment('table-slam');
  const parts = useMemo(() => {
    const len = ROOM.h - (LAMP.bottom + 0.19);
    return {
      satin: [
        { geometry: SHADE_OUTER, position: [0, -len, 0], color: '#2f5d50' },
        { geometry: CYL_LO, position: [0, -len + 0.02, 0], scale: [0.035, 0.05, 0.035], color: '#d6b56a' },
      ] as Part[],
      cord: [{ geometry: CYL_LO, position: [0, -len / 2, 0], scale: [0.004, len, 0.004], color: '#1d1d1d' }] as Part[],
      glow: [
        { geometry: SHADE_INNER, position: [0, -len, 0], color: '#ffd9a0' },
        { geometry: SPHERE_LO, position: [0, -len - 0.12, 0], scale: [0.05, 0.06, 0.05], color: '#fff3da' },
      ] as Part[],
    };
  }, []);
  useFrame(() => {
    const l = lamp.current;
    if (!l) return;
    let amp = 0;
    const d = door();
    if (d.active && d.progress > DOOR_SHUT) amp += 0.02 * Math.exp(-(d.progress - DOOR_SHUT) * 3 * 1.5);
    const s = slam();
    if (s.active) {
      const since = sinceLastHit(s.progress);
      if (since >= 0) amp += 0.03 * Math.exp(-since * 1.2);
    }
    const t = performance.now() / 1000;
    l.rotation.z = amp * Math.sin(t * 3.4);
    l.rotation.x = amp * 0.6 * Math.cos(t * 3.1);
  });
  return (
    <group ref={lamp} position={[LAMP.x, ROOM.h, LAMP.z]}>
      <MergedMesh parts={parts.satin} material={satinVC} />
      <MergedMesh parts={parts.cord} material={matteVC} />
      <MergedMesh parts={parts.glow} material={glowVC} />
    </group>
  );
}

/** Everything standing on the table top jumps a little when the partner's hand hits it. */
function TableTop({ children }: { children: ReactNode }) {
  const g = useRef<Group>(null);
  const slam = useSegment('table-slam');
  useFrame(() => {
    if (!g.current) return;
    const s = slam();
    g.current.position.y = s.active ? 0.007 * bounce(sinceLastHit(s.progress)) : 0;
  });
  return <group ref={g}>{children}</group>;
}

function TableThings() {
  const parts = useMemo(() => {
    const satin: Part[] = [];
    const matte: Part[] = [];
    const shadow: Part[] = [];
    // fruit bowl
    const bx = 0.3;
    const bz = -0.93;
    satin.push({ geometry: BOWL, position: [bx, TOP, bz], color: '#e8e2d4' });
    const fruit: [number, number, number, number, string][] = [
      [0.03, 0.045, 0.0, 0.036, '#f28c28'],
      [-0.05, 0.047, 0.02, 0.038, '#c8312b'],
      [0.0, 0.05, -0.055, 0.036, '#f28c28'],
      [0.055, 0.05, 0.05, 0.034, '#9cc24a'],
      [-0.025, 0.085, -0.01, 0.035, '#c8312b'],
    ];
    for (const [x, y, z, r, c] of fruit) satin.push({ geometry: SPHERE, position: [bx + x, TOP + y, bz + z], scale: r, color: c });
    // banana-ish arc
    satin.push({ geometry: new TorusGeometry(0.08, 0.016, 6, 12, 1.6), position: [bx - 0.02, TOP + 0.075, bz + 0.04], rotation: [-1.2, 0.3, 0.4], color: '#ecd24a' });
    blob(shadow, bx, bz, 0.36, 0.36, TOP + 0.0008);
    // mug of tea
    const mx = -0.37;
    const mz = -0.64;
    satin.push({ geometry: MUG, position: [mx, TOP, mz], color: '#3f6fa0' });
    satin.push({ geometry: HANDLE, position: [mx + 0.046, TOP + 0.05, mz], rotation: [0, 0, -Math.PI / 2], scale: [0.025, 0.025, 0.025], color: '#3f6fa0' });
    matte.push({ geometry: CYL, position: [mx, TOP + 0.08, mz], scale: [0.036, 0.002, 0.036], color: '#7a4a22' });
    blob(shadow, mx, mz, 0.15, 0.15, TOP + 0.0008);
    // salt, pepper, napkins
    satin.push({ geometry: CYL, position: [0.47, TOP + 0.04, -0.76], scale: [0.018, 0.08, 0.018], color: '#f4f2ee' });
    satin.push({ geometry: CYL, position: [0.5, TOP + 0.04, -0.71], scale: [0.018, 0.08, 0.018], color: '#2d2d30' });
    return { satin, matte, shadow };
  }, []);
  return (
    <>
      <MergedMesh parts={parts.shadow} material={contactShadow} renderOrder={1} />
      <MergedMesh parts={parts.satin} material={satinVC} />
      <MergedMesh parts={parts.matte} material={matteVC} />
    </>
  );
}

const PHONE = { x: 0.3, z: -0.56, rot: -0.45, w: 0.074, l: 0.152, t: 0.008 };

/** The patient's phone, face up: lock screen at level 0, missed calls from level 2, vibrating when it rings. */
function Phone() {
  const g = useRef<Group>(null);
  const incoming = useRef<Mesh>(null);
  const halo = useRef<Mesh>(null);
  const ring = useSceneEvent('phone-rings');
  const body = useMemo<Part[]>(
    () => [
      { geometry: UNIT_BOX, position: [0, PHONE.t / 2, 0], scale: [PHONE.w, PHONE.t, PHONE.l], color: '#1b1c1f' },
      { geometry: UNIT_BOX, position: [0, PHONE.t / 2, 0], scale: [PHONE.w + 0.002, PHONE.t - 0.002, PHONE.l + 0.002], color: '#5a5d63' },
    ],
    [],
  );
  const screen = (r: Rect, dy: number): Part[] => [
    { geometry: FLAT_PLANE, position: [0, PHONE.t + dy, 0], scale: [PHONE.w - 0.006, 1, PHONE.l - 0.008], uvRect: SUV(r) },
  ];
  const lock = useMemo(() => screen(SCREEN.lock, 0.0004), []);
  const missed = useMemo(() => screen(SCREEN.missed, 0.0008), []);
  const call = useMemo(() => screen(SCREEN.incoming, 0.0012), []);
  useFrame(() => {
    const e = ring();
    const t = performance.now() / 1000;
    const buzzing = e.active && (e.progress * 6) % 2 < 1.2;
    if (g.current) {
      g.current.rotation.y = PHONE.rot + (buzzing ? Math.sin(t * 70) * 0.025 : 0);
      g.current.position.x = PHONE.x + (buzzing ? Math.sin(t * 55) * 0.0015 : 0);
    }
    if (incoming.current) incoming.current.visible = e.active;
    if (halo.current) {
      halo.current.visible = e.active;
      halo.current.scale.setScalar(0.3 + (buzzing ? 0.05 * Math.sin(t * 12) : 0));
    }
  });
  return (
    <group ref={g} position={[PHONE.x, TOP, PHONE.z]} rotation={[0, PHONE.rot, 0]}>
      <MergedMesh parts={body} material={satinVC} />
      <MergedMesh parts={lock} material={screenMat} />
      <Cue id="missed-calls" minLevel={2}>
        <MergedMesh parts={missed} material={screenMat} />
      </Cue>
      <group ref={incoming} visible={false}>
        <MergedMesh parts={call} material={screenMat} />
      </group>
      <mesh ref={halo} geometry={FLAT_PLANE} material={phoneHalo} position={[0, 0.002, 0]} renderOrder={3} visible={false} />
    </group>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Level 1–2 cues: bills, notices, the opened letter
// ---------------------------------------------------------------------------------------------------------------

function sheet(list: Part[], rect: Rect, x: number, y: number, z: number, w: number, rotY: number) {
  const [, , rw, rh] = rect;
  const h = (w * rh) / rw;
  list.push({ geometry: FLAT_PLANE, position: [x, y, z], rotation: [0, rotY, 0], scale: [w, 1, h], uvRect: UV(rect) });
}

function UnpaidBills() {
  const parts = useMemo(() => {
    const paper: Part[] = [];
    const shadow: Part[] = [];
    const y = TOP + 0.001;
    sheet(paper, PAPER.envelope, -0.36, y, -1.0, 0.22, 0.25);
    sheet(paper, PAPER.bill, -0.3, y + 0.001, -0.96, 0.19, -0.12);
    sheet(paper, PAPER.envelopeUrgent, -0.22, y + 0.002, -1.02, 0.22, 0.08);
    sheet(paper, PAPER.notice, -0.42, y + 0.003, -0.9, 0.19, 0.3);
    sheet(paper, PAPER.envelopeUrgent, -0.12, y + 0.004, -0.93, 0.22, -0.28);
    sheet(paper, PAPER.notice, 0.13, y + 0.001, -0.98, 0.17, -0.2);
    sheet(paper, PAPER.receipt, -0.02, y + 0.005, -0.9, 0.07, 0.5);
    blob(shadow, -0.28, -0.96, 0.5, 0.3, TOP + 0.0006);
    return { paper, shadow };
  }, []);
  return (
    <>
      <MergedMesh parts={parts.shadow} material={contactShadow} renderOrder={1} />
      <MergedMesh parts={parts.paper} material={paperMat} />
    </>
  );
}

function FridgeNotice() {
  const parts = useMemo(() => {
    const paper: Part[] = [];
    const [, , rw, rh] = PAPER.notice;
    const w = 0.18;
    paper.push({ geometry: UNIT_PLANE, position: [1.72, 1.52, -2.715], rotation: [0, 0, -0.06], scale: [w, (w * rh) / rw, 1], uvRect: UV(PAPER.notice) });
    const magnet: Part[] = [{ geometry: CYL_LO, position: [1.72, 1.65, -2.71], rotation: [Math.PI / 2, 0, 0], scale: [0.016, 0.012, 0.016], color: '#c4161c' }];
    return { paper, magnet };
  }, []);
  return (
    <>
      <MergedMesh parts={parts.paper} material={paperMat} />
      <MergedMesh parts={parts.magnet} material={satinVC} />
    </>
  );
}

function OpenedLetter() {
  const parts = useMemo(() => {
    const paper: Part[] = [];
    const shadow: Part[] = [];
    const satin: Part[] = [];
    const y = TOP + 0.0015;
    sheet(paper, PAPER.envelopeUrgent, -0.27, y, -0.78, 0.22, 0.45);
    sheet(paper, PAPER.letter, -0.02, y + 0.001, -0.62, 0.21, 0.05);
    blob(shadow, -0.02, -0.62, 0.32, 0.4, TOP + 0.0007);
    // a pen beside it
    satin.push({ geometry: CYL_LO, position: [0.14, TOP + 0.005, -0.6], rotation: [Math.PI / 2, 0, 0.35], scale: [0.005, 0.14, 0.005], color: '#1f3f8a' });
    return { paper, shadow, satin };
  }, []);
  return (
    <>
      <MergedMesh parts={parts.shadow} material={contactShadow} renderOrder={1} />
      <MergedMesh parts={parts.paper} material={paperMat} />
      <MergedMesh parts={parts.satin} material={satinVC} />
    </>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Partner (levels 3–4)
// ---------------------------------------------------------------------------------------------------------------

const PARTNER_LOOK: PersonLook = {
  skin: '#e3b494',
  shirt: '#8e2f3c',
  pants: '#2e3440',
  hair: '#3d2618',
  shoes: '#2a2522',
  hairStyle: 'long',
  brows: 'angry',
  walker: true,
};

const tmpA = new Vector3();
const tmpB = new Vector3();

/** Blends hand targets: `into` = lerp(a, b, k). */
function mix(into: Vector3, a: Vec3, b: Vec3, k: number) {
  tmpA.set(...a);
  tmpB.set(...b);
  return into.copy(tmpA).lerp(tmpB, k);
}

/** Mouth movement while speaking: syllables modulated by phrases, scaled by `loud` (0..1). */
function speech(t: number, loud: number) {
  const syll = 0.5 + 0.5 * Math.sin(t * 14.0 + Math.sin(t * 3.7) * 2);
  const phrase = smooth(-0.4, 0.2, Math.sin(t * 1.3) + 0.3 * Math.sin(t * 0.53));
  return loud * phrase * (0.3 + 0.7 * syll);
}

interface Walker {
  x: number;
  z: number;
  yaw: number;
  stride: number;
}

function PartnerAndNotice() {
  const level = useSceneLevel();
  const peak = useSegment('argument-peak');
  const slam = useSegment('table-slam');
  const leftHand = useRef<Group>(null);
  const walker = useRef<Walker>({ ...(level >= 4 ? NEAR : FAR), stride: 0 });
  /** The level on the previous frame. */
  const shownFrom = useRef(level);
  const levelRef = useRef(level);
  levelRef.current = level;

  const pose = useMemo(
    () => (p: PersonPose, t: number, dt: number) => {
      const lv = levelRef.current;
      const w = walker.current;
      const goal = lv >= 4 ? NEAR : FAR;
      // Hidden below level 3: wait where the next level wants her (a jump to 4 fades her in at the table).
      if (lv < 3 || shownFrom.current < 3) Object.assign(w, goal, { stride: 0 });
      shownFrom.current = lv;
      // Walk toward the goal, facing the way, then turn to the patient.
      const dx = goal.x - w.x;
      const dz = goal.z - w.z;
      const dist = Math.hypot(dx, dz);
      let walking = 0;
      let wantYaw = goal.yaw;
      if (dist > 0.01) {
        const step = Math.min(dist, 0.7 * dt);
        w.x += (dx / dist) * step;
        w.z += (dz / dist) * step;
        w.stride += step / 0.55;
        walking = smooth(0, 0.15, dist);
        wantYaw = Math.atan2(dx, dz);
      }
      w.yaw += (wantYaw - w.yaw) * Math.min(1, dt * 5);
      p.offset.set(w.x, Math.abs(Math.sin(w.stride * Math.PI)) * 0.02 * walking, w.z);
      p.yaw = w.yaw;
      p.legSwing = Math.sin(w.stride * Math.PI) * 0.38 * walking;

      const atNear = lv >= 4 && dist < 0.05;
      // Head: look at the patient's eyes (seated, y 1.2).
      const distToPatient = Math.hypot(w.x, w.z);
      const lookDown = Math.atan2(1.62 - 1.2, distToPatient);

      if (!atNear) {
        // Level 3 (or walking): arms crossed, shifting weight, arguing; peaks with pointing and open palms.
        const ph = peak();
        const A = ph.active ? envelope(0, 0.08, 0.88, 1, ph.progress) : 0;
        const sway = Math.sin(t * 0.8);
        p.offset.x += sway * 0.015 * (1 - walking);
        p.lean = 0.04 + 0.1 * A;
        p.headPitch = lookDown - p.lean + 0.04 * Math.sin(t * 2.1);
        p.headYaw = 0.06 * Math.sin(t * 0.9) * (1 - A);
        p.mouth = speech(t, 0.35 + 0.65 * A);
        const crossedR: Vec3 = [0.1, 1.19, 0.2];
        const crossedL: Vec3 = [-0.1, 1.16, 0.17];
        p.rightPole.set(-1, -0.5, 0.3);
        p.leftPole.set(1, -0.5, 0.3);
        if (walking > 0) {
          const swing = Math.sin(w.stride * Math.PI) * 0.12 * walking;
          mix(p.right, crossedR, [-0.22, 0.86, 0.05 - swing], walking);
          mix(p.left, crossedL, [0.22, 0.86, 0.05 + swing], walking);
        } else if (A > 0) {
          const second = ph.progress > 0.5;
          const beat = Math.abs(Math.sin(t * 6.5));
          if (!second) {
            // pointing at the patient in beats, other hand on the hip
            mix(p.right, crossedR, [-0.24, 1.36 + 0.06 * beat, 0.52], A);
            p.point = A;
            mix(p.left, crossedL, [0.21, 1.0, -0.01], A);
            p.rightPole.set(-0.3, -1, 0);
            p.leftPole.set(1, 0, -0.6);
          } else {
            // both palms up, "what do you want from me?", shaking the head
            const open = 0.05 * beat;
            mix(p.right, crossedR, [-0.34 - open, 1.12 + open, 0.34], A);
            mix(p.left, crossedL, [0.34 + open, 1.12 + open, 0.34], A);
            p.rightPole.set(-1, -1, -0.3);
            p.leftPole.set(1, -1, -0.3);
            p.headYaw = 0.22 * Math.sin(t * 7) * A;
          }
          p.headPitch -= 0.08 * A;
        } else {
          p.right.set(...crossedR);
          p.left.set(...crossedL);
          // an occasional shrug of the crossed arms
          const shrug = Math.max(0, Math.sin(t * 0.7)) ** 8;
          p.right.y += 0.03 * shrug;
          p.left.y += 0.03 * shrug;
        }
        return;
      }

      // Level 4, at the table: leaning in, shouting, waving a final notice; slams a hand on the table.
      const s = slam();
      const sp = s.active ? s.progress : -1;
      let lean = 0.14;
      let handOnTable = 0;
      const hip: Vec3 = [-0.21, 1.0, -0.02];
      const up1: Vec3 = [-0.24, 1.74, 0.2];
      const up2: Vec3 = [-0.22, 1.5, 0.28];
      const hit: Vec3 = [-0.13, TOP + 0.035, 0.37];
      p.rightPole.set(-1, 0, -0.5);
      if (sp < 0) {
        p.right.set(...hip);
      } else if (sp < 0.1) {
        const k = smooth(0, 0.1, sp);
        mix(p.right, hip, up1, k);
        p.rightPole.set(-1, -0.3, -0.2);
        lean = 0.14 + 0.08 * k;
      } else if (sp < SLAM_HITS[0]!) {
        const k = smooth(0.1, SLAM_HITS[0]!, sp) ** 1.6;
        mix(p.right, up1, hit, k);
        p.rightPole.set(-1, 0.3, -0.2);
        lean = 0.22 + 0.3 * k;
        handOnTable = k;
      } else if (sp < 0.42) {
        p.right.set(...hit);
        p.rightPole.set(-1, 0.4, -0.2);
        lean = 0.52;
        handOnTable = 1;
      } else if (sp < 0.5) {
        const k = smooth(0.42, 0.5, sp);
        mix(p.right, hit, up2, k);
        p.rightPole.set(-1, 0.1, -0.2);
        lean = 0.52 - 0.15 * k;
        handOnTable = 1 - k;
      } else if (sp < SLAM_HITS[1]!) {
        const k = smooth(0.5, SLAM_HITS[1]!, sp) ** 1.6;
        mix(p.right, up2, hit, k);
        p.rightPole.set(-1, 0.3, -0.2);
        lean = 0.37 + 0.15 * k;
        handOnTable = k;
      } else if (sp < 0.82) {
        p.right.set(...hit);
        p.rightPole.set(-1, 0.4, -0.2);
        lean = 0.52;
        handOnTable = 1;
      } else {
        const k = smooth(0.82, 1, sp);
        mix(p.right, hit, hip, k);
        p.rightPole.set(-1, 0.2, -0.4);
        lean = 0.52 - 0.38 * k;
        handOnTable = 1 - k;
      }
      p.lean = lean;
      const loud = sp >= 0 ? 0.75 + 0.25 * smooth(0.08, 0.16, sp) * (1 - smooth(0.85, 1, sp)) : 0.6;
      p.mouth = speech(t, loud);
      // Look at the patient: the lean already tips the head down.
      const headHeight = 0.93 + 0.69 * Math.cos(lean);
      const headForward = 0.69 * Math.sin(lean);
      p.headPitch = Math.atan2(headHeight - 1.2, Math.max(0.3, distToPatient - headForward)) - lean;
      p.headYaw = 0.05 * Math.sin(t * 5) * (1 - handOnTable);
      // The notice in the left hand, held up and shaken.
      const shake = 0.025 * Math.sin(t * 9) * (0.5 + 0.5 * (1 - handOnTable));
      p.left.set(0.27, 1.14 + shake + 0.06 * handOnTable, 0.32);
      p.leftPole.set(1, -0.6, -0.4);
      p.offset.x += 0.01 * Math.sin(t * 0.9);
    },
    [peak, slam],
  );

  return (
    <>
      <Cue id="partner" minLevel={3}>
        <Person look={PARTNER_LOOK} pose={pose} leftAnchor={leftHand} name="partner" />
      </Cue>
      <HeldNotice anchor={leftHand} />
    </>
  );
}

const heldNoticeParts: Part[] = (() => {
  const [, , rw, rh] = PAPER.notice;
  const w = 0.2;
  const h = (w * rh) / rw;
  return [{ geometry: UNIT_PLANE, position: [0.0, h / 2 - 0.03, 0.035], scale: [w, h, 1], uvRect: UV(PAPER.notice) }];
})();

/** The final notice in the partner's left hand (level 4): follows the hand, turned toward the patient. */
function HeldNotice({ anchor }: { anchor: RefObject<Group | null> }) {
  const g = useRef<Group>(null);
  const at = useMemo(() => new Vector3(), []);
  useFrame(() => {
    const a = anchor.current;
    const group = g.current;
    if (!a || !group) return;
    a.updateWorldMatrix(true, false);
    a.getWorldPosition(at);
    group.position.copy(at);
    group.lookAt(0, 1.2, 0);
    const t = performance.now() / 1000;
    group.rotateZ(0.12 + 0.08 * Math.sin(t * 9));
    group.rotateX(-0.15);
  });
  return (
    <group ref={g}>
      <Cue id="slammed-letter" minLevel={4}>
        <MergedMesh parts={heldNoticeParts} material={heldPaperMat} />
      </Cue>
    </group>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Scene
// ---------------------------------------------------------------------------------------------------------------

function KitchenLights() {
  return (
    <>
      <hemisphereLight args={['#fff1dc', '#4a3a2c', 0.75]} />
      {/* Pendant over the table */}
      <pointLight position={[LAMP.x, LAMP.bottom + 0.06, LAMP.z]} color="#ffcf91" intensity={2.6} distance={6} decay={1.4} />
      {/* Under-cupboard lights over the worktop */}
      <pointLight position={[-0.4, 1.35, -3.0]} color="#ffe2b8" intensity={1.3} distance={3.2} decay={1.5} />
      {/* Dusk from the window */}
      <directionalLight position={[1.5, 3, -6]} color="#aebde0" intensity={0.35} />
    </>
  );
}

/**
 * A small kitchen in the evening, graded 0–4: the kitchen (0); bills and red final notices at the far end of the
 * table and on the fridge (1); missed calls on the phone and an opened final notice in front of the patient (2);
 * the partner arguing by the counter (3); the partner at the table shouting, waving a notice and slamming a hand
 * on the table (4).
 */
/**
 * Sounds: the kitchen's hum and clock at every level; at 3 the partner by the counter, tense, then shouting at
 * the argument's peaks; at 4 the partner at the table, tense, shouting and slamming a hand down during the
 * slam segment; the phone ringing on the table and the hallway door slamming when the clinician fires them.
 */
function Sounds() {
  const far: Vec3 = [FAR.x, 1.6, FAR.z];
  const near: Vec3 = [NEAR.x, 1.55, NEAR.z];
  const slam = { segment: 'table-slam' } as const;
  return (
    <>
      <SpatialSound id="kitchen" sound="kitchen" position={[1.8, 1.2, -3.0]} volume={0.2} refDistance={2.5} />
      <SpatialSound id="partner-voice" sound="partner-tense" position={far} minLevel={3} volume={[0, 0, 0, 0.4, 0]} off={[{ segment: 'argument-peak' }]} />
      <SpatialSound id="argument-peak" sound="partner-shouting" position={far} minLevel={3} volume={[0, 0, 0, 0.45, 0]} on={[{ segment: 'argument-peak' }]} />
      <SpatialSound id="partner-voice-near" sound="partner-tense" position={near} minLevel={4} volume={0.35} off={[{ ...slam, until: 0.8 }]} />
      <SpatialSound id="partner-shouts" sound="partner-shouting" position={near} minLevel={4} volume={0.42} on={[{ ...slam, until: 0.8 }]} />
      <SpatialSound id="hand-slam" sound="table-slam" position={[NEAR.x, TABLE.h + 0.05, TABLE.z0 + 0.15]} minLevel={4} volume={0.5} on={SLAM_HITS.map((at) => ({ ...slam, at }))} />
      <SpatialSound id="phone-rings" sound="mobile-ring" position={[PHONE.x, TABLE.h + 0.02, PHONE.z]} volume={0.35} on={[{ event: 'phone-rings' }]} />
      <SpatialSound id="door-slams" sound="door-slam" position={[ROOM.x0 + 0.05, 1.2, (DOOR.z0 + DOOR.z1) / 2]} volume={0.5} refDistance={1.5} on={[{ event: 'door-slams', at: DOOR_SHUT }]} />
    </>
  );
}

export function StressHomeScene() {
  return (
    <>
      <SceneEnvironment intensity={0.35} background="#1b1a22" />
      <KitchenLights />
      <KitchenRoom />
      <Door />
      <Lamp />
      <TableTop>
        <TableThings />
        <Phone />
        <Cue id="unpaid-bills" minLevel={1}>
          <UnpaidBills />
        </Cue>
        <Cue id="opened-letter" minLevel={2}>
          <OpenedLetter />
        </Cue>
      </TableTop>
      <Cue id="fridge-notice" minLevel={1}>
        <FridgeNotice />
      </Cue>
      <PartnerAndNotice />
      <Sounds />
    </>
  );
}
