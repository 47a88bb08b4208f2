import { useFrame } from '@react-three/fiber';
import { useMemo, useRef } from 'react';
import {
  CylinderGeometry,
  Euler,
  Group,
  MeshBasicMaterial,
  MeshStandardMaterial,
  Quaternion,
  SphereGeometry,
  Vector3,
} from 'three';
import { SpatialSound } from '../kit/audio/SpatialSound';
import { Cue } from '../kit/Cue';
import { SceneEnvironment } from '../kit/Environment';
import { useSceneLevel } from '../kit/levelContext';
import { contactShadow, glowVC, leafVC, matteVC, metalVC, satinVC, seededRandom, woodVC, type Part, type Vec3 } from '../kit/materials';
import { useSceneEvent, useSegment } from '../kit/sceneClock';
import { blob, box, FLAT_PLANE, MergedMesh, UNIT_BOX, UNIT_PLANE } from '../stress-home/bits';
import { envelope, Person, smooth, toLocal, yawTo, type PersonLook, type PersonPose } from '../stress-home/Person';
import { uvOf, type Rect } from '../stress-home/textures';
import { carpetTex, cityTex, PAPERS, PAPERS_H, PAPERS_W, papersTex, SCREENS, SCREENS_H, SCREENS_W, screensTex } from './textures';

/*
 * Stress at work: an open-plan office on an upper floor, daytime. The patient sits at their desk (origin,
 * facing -z): monitor to the left, keyboard, a low fabric divider at the far edge. Beyond: two clusters of
 * desks, windows along the left wall, the manager's frosted-glass office in the back-right corner, a large wall
 * screen on the back wall. Levels: 0 the empty office; 1 the wall screen shows the team's figures with the
 * patient's row in red; 2 a written warning (and a sticky note) on the desk; 3 colleagues whisper and stare
 * (`whispering-glances`); 4 the manager stands over the desk and berates the patient (`manager-berates`).
 */

const ROOM = { x0: -5, x1: 5, z0: -8, z1: 3, h: 2.8 };
const DESK = { x0: -0.8, x1: 0.45, z0: -1.05, z1: -0.3, h: 0.74 };
const TOP = DESK.h + 0.001;
const OFFICE = { x0: 2.2, z1: -4.8, doorX0: 2.6, doorX1: 3.5 };
const TV = { x: -0.4, y: 1.62, z: ROOM.z0 + 0.06, w: 2.8, h: 1.575 };
const MONITOR = { x: -0.3, z: -0.84, yaw: Math.atan2(0.3, 0.84), w: 0.54, h: 0.32, y: 1.05 };

const CYL = new CylinderGeometry(1, 1, 1, 16, 1);
const CYL_LO = new CylinderGeometry(1, 1, 1, 8, 1);
const SPHERE_LO = new SphereGeometry(1, 8, 6);

const SUV = (r: Rect) => uvOf(r, SCREENS_W, SCREENS_H);
const PUV = (r: Rect) => uvOf(r, PAPERS_W, PAPERS_H);

const carpetMat = new MeshStandardMaterial({ map: carpetTex, roughness: 0.95, metalness: 0 });
const screenMat = new MeshBasicMaterial({ map: screensTex, toneMapped: false });
const paperMat = new MeshStandardMaterial({ map: papersTex, roughness: 0.85, emissive: '#ffffff', emissiveMap: papersTex, emissiveIntensity: 0.12 });
const cityMat = new MeshBasicMaterial({ map: cityTex });
const frostedGlass = new MeshStandardMaterial({ color: '#e9eef0', roughness: 0.25, metalness: 0, transparent: true, opacity: 0.82, depthWrite: false });

const WALL = '#eceae5';
const DESK_TOP = '#f2f0ea';
const FRAME = '#3a3d42';
const DIVIDER = '#6f8a86';

// ---------------------------------------------------------------------------------------------------------------
// Room (level 0)
// ---------------------------------------------------------------------------------------------------------------

interface Buckets {
  carpet: Part[];
  matte: Part[];
  satin: Part[];
  wood: Part[];
  metal: Part[];
  glow: Part[];
  leaf: Part[];
  screen: Part[];
  paper: Part[];
  city: Part[];
  glass: Part[];
  shadow: Part[];
}

function officeChair(b: Buckets, x: number, z: number, yaw: number, colour = '#2e3440', backTop = 1.0) {
  const c = Math.cos(yaw);
  const s = Math.sin(yaw);
  const at = (lx: number, y: number, lz: number): Vec3 => [x + lx * c + lz * s, y, z - lx * s + lz * c];
  b.satin.push({ geometry: UNIT_BOX, position: at(0, 0.47, 0), rotation: [0, yaw, 0], scale: [0.46, 0.07, 0.44], color: colour });
  b.satin.push({ geometry: UNIT_BOX, position: at(0, (0.56 + backTop) / 2, -0.24), rotation: [-0.1, yaw, 0], scale: [0.44, backTop - 0.56, 0.06], color: colour });
  b.metal.push({ geometry: UNIT_BOX, position: at(0, 0.52, -0.21), rotation: [0, yaw, 0], scale: [0.05, 0.12, 0.03], color: FRAME });
  b.metal.push({ geometry: CYL_LO, position: [x, 0.28, z], scale: [0.025, 0.36, 0.025], color: FRAME });
  for (let i = 0; i < 5; i++) {
    const a = (i / 5) * Math.PI * 2 + yaw;
    b.metal.push({ geometry: UNIT_BOX, position: [x + Math.cos(a) * 0.16, 0.07, z + Math.sin(a) * 0.16], rotation: [0, -a, 0], scale: [0.32, 0.03, 0.04], color: FRAME });
    b.matte.push({ geometry: SPHERE_LO, position: [x + Math.cos(a) * 0.3, 0.03, z + Math.sin(a) * 0.3], scale: 0.028, color: '#1c1c1c' });
  }
  blob(b.shadow, x, z, 0.75, 0.75);
}

function monitorParts(b: Buckets, x: number, z: number, yaw: number, w: number, h: number, cy: number, screen: Rect | null) {
  const q = new Quaternion().setFromEuler(new Euler(0, yaw, 0));
  const off = (lx: number, ly: number, lz: number): Vec3 => {
    const v = new Vector3(lx, ly, lz).applyQuaternion(q);
    return [x + v.x, v.y, z + v.z];
  };
  b.satin.push({ geometry: UNIT_BOX, position: off(0, cy, 0), quaternion: q, scale: [w + 0.02, h + 0.02, 0.025], color: '#1d1f23' });
  b.satin.push({ geometry: UNIT_BOX, position: off(0, (DESK.h + cy) / 2, -0.04), quaternion: q, scale: [0.05, cy - DESK.h, 0.02], color: '#2b2e33' });
  b.satin.push({ geometry: UNIT_BOX, position: off(0, DESK.h + 0.008, -0.02), quaternion: q, scale: [0.22, 0.015, 0.17], color: '#2b2e33' });
  if (screen) b.screen.push({ geometry: UNIT_PLANE, position: off(0, cy, 0.0135), quaternion: q, scale: [w, h, 1], uvRect: SUV(screen) });
}

function desk(b: Buckets, x0: number, z0: number, x1: number, z1: number, top = DESK_TOP) {
  box(b.satin, x0, DESK.h - 0.025, z0, x1, DESK.h, z1, top);
  for (const lx of [x0 + 0.04, x1 - 0.04]) {
    box(b.metal, lx - 0.02, 0, z0 + 0.05, lx + 0.02, DESK.h - 0.025, z0 + 0.09, FRAME);
    box(b.metal, lx - 0.02, 0, z1 - 0.09, lx + 0.02, DESK.h - 0.025, z1 - 0.05, FRAME);
    box(b.metal, lx - 0.02, 0.0, z0 + 0.05, lx + 0.02, 0.03, z1 - 0.05, FRAME);
  }
  box(b.metal, x0 + 0.04, DESK.h - 0.07, (z0 + z1) / 2 - 0.015, x1 - 0.04, DESK.h - 0.04, (z0 + z1) / 2 + 0.015, FRAME);
  blob(b.shadow, (x0 + x1) / 2, (z0 + z1) / 2, x1 - x0 + 0.4, z1 - z0 + 0.4);
}

/** A desk pod: two rows of desks facing each other across a divider, monitors and chairs. */
function pod(b: Buckets, x0: number, x1: number, zFront: number, seed: number) {
  const rnd = seededRandom(seed);
  const depth = 0.75;
  const zMid = zFront - depth;
  const zBack = zMid - depth;
  const n = Math.round((x1 - x0) / 1.4);
  const dw = (x1 - x0) / n;
  box(b.matte, x0, DESK.h, zMid - 0.02, x1, 1.05, zMid + 0.02, DIVIDER);
  for (let i = 0; i < n; i++) {
    const a = x0 + i * dw;
    const c = a + dw;
    const cx = (a + c) / 2;
    desk(b, a + 0.01, zMid + 0.02, c - 0.01, zFront);
    desk(b, a + 0.01, zBack, c - 0.01, zMid - 0.02);
    monitorParts(b, cx + (rnd() - 0.5) * 0.3, zMid + 0.2, Math.PI, 0.5, 0.3, 1.02, SCREENS.sheet);
    monitorParts(b, cx + (rnd() - 0.5) * 0.3, zMid - 0.2, 0, 0.5, 0.3, 1.02, SCREENS.sheet);
    officeChair(b, cx + (rnd() - 0.5) * 0.3, zFront + 0.3, Math.PI + (rnd() - 0.5) * 0.6);
    officeChair(b, cx + (rnd() - 0.5) * 0.3, zBack - 0.3, (rnd() - 0.5) * 0.6);
    // desk clutter
    box(b.matte, cx - 0.2, DESK.h, zMid + 0.35, cx + 0.2, DESK.h + 0.02, zMid + 0.5, '#2a2c30');
    box(b.matte, cx - 0.2, DESK.h, zMid - 0.5, cx + 0.2, DESK.h + 0.02, zMid - 0.35, '#2a2c30');
    if (rnd() < 0.6) b.satin.push({ geometry: CYL, position: [c - 0.2, DESK.h + 0.05, zMid + 0.45], scale: [0.04, 0.1, 0.04], color: ['#e85a4f', '#f2f2f2', '#3a7bd5'][i % 3]! });
    if (rnd() < 0.5) box(b.matte, a + 0.12, DESK.h, zMid - 0.6, a + 0.42, DESK.h + 0.05, zMid - 0.38, '#f4f1e8');
  }
}

function plant(b: Buckets, x: number, z: number, size: number, seed: number, pot = '#e6e3dc') {
  const rnd = seededRandom(seed);
  const ph = 0.38 * size;
  b.satin.push({ geometry: new CylinderGeometry(0.18 * size, 0.14 * size, ph, 14), position: [x, ph / 2, z], color: pot });
  const n = Math.round(26 * size);
  for (let i = 0; i < n; i++) {
    const a = rnd() * Math.PI * 2;
    const tilt = 0.2 + rnd() * 0.9;
    const len = (0.25 + rnd() * 0.25) * size;
    const hgt = ph + (0.05 + rnd() * 0.8) * size;
    const q = new Quaternion().setFromEuler(new Euler(-(Math.PI / 2 - tilt), Math.PI / 2 - a, 0, 'YXZ'));
    const dir = new Vector3(0, 0, 1).applyQuaternion(q);
    b.leaf.push({
      geometry: SPHERE_LO,
      position: [x + dir.x * len * 0.5, hgt + dir.y * len * 0.5, z + dir.z * len * 0.5],
      quaternion: q,
      scale: [0.06 * size, 0.006, len * 0.5],
      color: ['#3f7a45', '#4f8c4c', '#356b3c', '#5c9a55'][Math.floor(rnd() * 4)]!,
    });
  }
  blob(b.shadow, x, z, 0.7 * size, 0.7 * size);
}

function buildOffice(): Buckets {
  const b: Buckets = { carpet: [], matte: [], satin: [], wood: [], metal: [], glow: [], leaf: [], screen: [], paper: [], city: [], glass: [], shadow: [] };
  const { x0, x1, z0, z1, h } = ROOM;
  const W = x1 - x0;
  const D = z1 - z0;
  b.carpet.push({ geometry: FLAT_PLANE, position: [0, 0, (z0 + z1) / 2], scale: [W, 1, D] });
  // Ceiling tiles with light panels
  b.matte.push({ geometry: UNIT_PLANE, position: [0, h, (z0 + z1) / 2], rotation: [Math.PI / 2, 0, 0], scale: [W, D, 1], color: '#e9e9e6' });
  for (let x = -3.6; x <= 3.6; x += 2.4) {
    for (let z = -6.6; z <= 2; z += 2.4) {
      b.glow.push({ geometry: UNIT_PLANE, position: [x, h - 0.005, z], rotation: [Math.PI / 2, 0, 0], scale: [0.6, 1.2, 1], color: '#f6f8fb' });
      box(b.matte, x - 0.32, h - 0.02, z - 0.62, x + 0.32, h - 0.005, z - 0.6, '#c9cbcd');
      box(b.matte, x - 0.32, h - 0.02, z + 0.6, x + 0.32, h - 0.005, z + 0.62, '#c9cbcd');
    }
  }
  // Walls: back, right, front; the left is windows
  b.matte.push({ geometry: UNIT_PLANE, position: [0, h / 2, z0], scale: [W, h, 1], color: WALL });
  b.matte.push({ geometry: UNIT_PLANE, position: [x1, h / 2, (z0 + z1) / 2], rotation: [0, -Math.PI / 2, 0], scale: [D, h, 1], color: WALL });
  b.matte.push({ geometry: UNIT_PLANE, position: [0, h / 2, z1], rotation: [0, Math.PI, 0], scale: [W, h, 1], color: WALL });
  // accent wall panel behind the screen
  box(b.matte, -2.2, 0, z0, 1.4, h, z0 + 0.02, '#3f5e6e');
  // Left wall: sill wall, window band, header
  b.matte.push({ geometry: UNIT_PLANE, position: [x0, 0.4, (z0 + z1) / 2], rotation: [0, Math.PI / 2, 0], scale: [D, 0.8, 1], color: WALL });
  b.matte.push({ geometry: UNIT_PLANE, position: [x0, 2.65, (z0 + z1) / 2], rotation: [0, Math.PI / 2, 0], scale: [D, 0.3, 1], color: WALL });
  b.city.push({ geometry: UNIT_PLANE, position: [x0 - 0.35, 1.65, (z0 + z1) / 2], rotation: [0, Math.PI / 2, 0], scale: [D, 1.7, 1] });
  box(b.metal, x0 - 0.05, 0.78, z0, x0 + 0.05, 0.82, z1, '#8a8f96');
  box(b.metal, x0 - 0.05, 2.48, z0, x0 + 0.05, 2.52, z1, '#8a8f96');
  for (let z = z0; z <= z1 + 0.01; z += 1.375) box(b.metal, x0 - 0.05, 0.8, z - 0.03, x0 + 0.05, 2.5, z + 0.03, '#8a8f96');
  box(b.satin, x0, 0.74, z0, x0 + 0.22, 0.8, z1, '#f1f0ec');
  // Skirting
  box(b.matte, -5, 0, z0, 5, 0.07, z0 + 0.03, '#5d6166');
  box(b.matte, x1 - 0.03, 0, z0, x1, 0.07, z1, '#5d6166');

  // Wall screen frame and mount (its picture is drawn by the screen meshes)
  box(b.satin, TV.x - TV.w / 2 - 0.03, TV.y - TV.h / 2 - 0.03, z0 + 0.02, TV.x + TV.w / 2 + 0.03, TV.y + TV.h / 2 + 0.03, TV.z - 0.002, '#121316');
  // Whiteboard and a poster on the back wall
  box(b.satin, -4.2, 1.0, z0, -2.6, 2.0, z0 + 0.03, '#c8cbcf');
  b.paper.push({ geometry: UNIT_PLANE, position: [-3.4, 1.5, z0 + 0.032], scale: [1.54, 0.94, 1], uvRect: PUV(PAPERS.whiteboard) });
  box(b.metal, -4.1, 0.96, z0 + 0.03, -2.7, 0.98, z0 + 0.09, '#9aa0a6');
  b.paper.push({ geometry: UNIT_PLANE, position: [1.75, 1.65, z0 + 0.01], scale: [0.6, 0.85, 1], uvRect: PUV(PAPERS.poster) });
  box(b.wood, 1.42, 1.2, z0, 2.08, 2.1, z0 + 0.008, '#2c2c2e');
  b.paper.push({ geometry: UNIT_PLANE, position: [1.75, 1.65, z0 + 0.012], scale: [0.6, 0.85, 1], uvRect: PUV(PAPERS.poster) });

  // Manager's office: frosted glass walls with aluminium frame, a door gap, desk and chair inside
  const O = OFFICE;
  const frame = (ax: number, az: number, bx: number, bz: number) => box(b.metal, Math.min(ax, bx) - 0.025, 0, Math.min(az, bz) - 0.025, Math.max(ax, bx) + 0.025, h, Math.max(az, bz) + 0.025, '#b4b8bd');
  const pane = (ax: number, az: number, bx: number, bz: number) => {
    const len = Math.hypot(bx - ax, bz - az);
    b.glass.push({ geometry: UNIT_BOX, position: [(ax + bx) / 2, h / 2, (az + bz) / 2], rotation: [0, Math.atan2(bz - az, bx - ax) * -1, 0], scale: [len, h, 0.012] });
  };
  pane(O.x0, z0, O.x0, O.z1);
  pane(O.x0, O.z1, O.doorX0, O.z1);
  pane(O.doorX1, O.z1, x1, O.z1);
  frame(O.x0, z0, O.x0, O.z1);
  frame(O.x0, O.z1, O.x0, O.z1);
  frame(O.doorX0, O.z1, O.doorX0, O.z1);
  frame(O.doorX1, O.z1, O.doorX1, O.z1);
  box(b.metal, O.x0, h - 0.05, O.z1 - 0.025, x1, h, O.z1 + 0.025, '#b4b8bd');
  box(b.metal, O.x0 - 0.025, h - 0.05, z0, O.x0 + 0.025, h, O.z1, '#b4b8bd');
  // frosting band hint and name plate by the door
  box(b.satin, O.doorX1 + 0.05, 1.45, O.z1 + 0.01, O.doorX1 + 0.35, 1.55, O.z1 + 0.02, '#2c3e50');
  box(b.wood, 3.3, 0, -7.4, 4.7, 0.74, -6.6, '#6b4a33');
  officeChair(b, 4.0, -7.7, 0, '#222');
  plant(b, 4.6, -5.2, 1.1, 11);

  // Open-plan desks
  pod(b, -3.9, -1.1, -2.6, 31);
  pod(b, 0.7, 3.5, -2.6, 32);
  pod(b, -3.9, -1.1, -5.2, 33);
  // Printer and water cooler at the left, near the windows
  box(b.satin, -4.7, 0, -1.4, -4.1, 0.95, -0.8, '#dcdde0');
  box(b.satin, -4.65, 0.95, -1.35, -4.15, 1.05, -0.85, '#bfc2c6');
  box(b.matte, -4.6, 0.6, -0.82, -4.2, 0.62, -0.78, '#2f3338');
  box(b.satin, -4.6, 0, 0.2, -4.25, 1.0, 0.55, '#e8eaed');
  b.satin.push({ geometry: CYL, position: [-4.425, 1.2, 0.375], scale: [0.14, 0.4, 0.14], color: '#9fd0ec' });
  // Plants
  plant(b, -4.5, -7.5, 1.3, 12);
  plant(b, 0.3, -4.4, 1.0, 13);
  plant(b, 4.5, -0.5, 1.2, 14, '#5d6b72');
  // Front wall: door and coat stand (behind the patient)
  box(b.wood, 2.8, 0, z1 - 0.04, 3.8, 2.1, z1, '#8a6a4a');
  box(b.metal, 2.9, 1.0, z1 - 0.08, 3.0, 1.02, z1 - 0.04, '#b4b8bd');

  // --- The patient's desk --------------------------------------------------------------------------------
  desk(b, DESK.x0, DESK.z0, DESK.x1, DESK.z1);
  monitorParts(b, MONITOR.x, MONITOR.z, MONITOR.yaw, MONITOR.w, MONITOR.h, MONITOR.y, SCREENS.desktop);
  // keyboard, mouse and mat, a mug of pens, a small plant, a notebook
  const kq = new Quaternion().setFromEuler(new Euler(0, MONITOR.yaw, 0));
  const kb = (lx: number, lz: number): Vec3 => {
    const v = new Vector3(lx, 0, lz).applyQuaternion(kq);
    return [-0.27 + v.x, 0, -0.5 + v.z];
  };
  const k0 = kb(0, 0);
  b.satin.push({ geometry: UNIT_BOX, position: [k0[0], TOP + 0.01, k0[2]], quaternion: kq, scale: [0.42, 0.02, 0.14], color: '#2a2c30' });
  for (let r = 0; r < 5; r++) {
    for (let c = 0; c < 13; c++) {
      const at = kb(-0.18 + c * 0.03, -0.05 + r * 0.025);
      b.matte.push({ geometry: UNIT_BOX, position: [at[0], TOP + 0.023, at[2]], quaternion: kq, scale: [0.024, 0.008, 0.02], color: '#55585e' });
    }
  }
  b.matte.push({ geometry: UNIT_BOX, position: [0.3, TOP + 0.001, -0.47], scale: [0.22, 0.003, 0.19], color: '#30343a' });
  b.satin.push({ geometry: SPHERE_LO, position: [0.3, TOP + 0.014, -0.47], scale: [0.032, 0.02, 0.055], color: '#d9dadc' });
  b.satin.push({ geometry: CYL, position: [0.4, TOP + 0.05, -0.66], scale: [0.04, 0.1, 0.04], color: '#f2efe8' });
  for (let i = 0; i < 4; i++) b.matte.push({ geometry: CYL_LO, position: [0.4 + (i - 1.5) * 0.012, TOP + 0.13, -0.66 + (i % 2) * 0.01], rotation: [0.1 * (i - 1.5), 0, 0.15 * (i - 1.5)], scale: [0.005, 0.15, 0.005], color: ['#1f3f8a', '#c4161c', '#111', '#2f8f4f'][i]! });
  b.satin.push({ geometry: CYL, position: [-0.68, TOP + 0.045, -0.93], scale: [0.055, 0.09, 0.055], color: '#c2673f' });
  for (let i = 0; i < 10; i++) {
    const a = (i / 10) * Math.PI * 2;
    b.leaf.push({ geometry: SPHERE_LO, position: [-0.68 + Math.cos(a) * 0.04, TOP + 0.14 + (i % 3) * 0.02, -0.93 + Math.sin(a) * 0.04], rotation: [Math.sin(a) * 0.6, 0, -Math.cos(a) * 0.6], scale: [0.02, 0.06, 0.008], color: '#4f8c4c' });
  }
  box(b.matte, -0.62, TOP, -0.5, -0.44, TOP + 0.012, -0.36, '#24466e');
  blob(b.shadow, MONITOR.x, MONITOR.z, 0.45, 0.3, TOP + 0.0006);
  // the patient's chair, low back well away from the head
  officeChair(b, 0, 0.1, Math.PI, '#2e3440', 0.82);
  return b;
}

function OfficeRoom() {
  const b = useMemo(buildOffice, []);
  return (
    <group name="cue:office" userData={{ cueId: 'office', minLevel: 0 }}>
      <MergedMesh parts={b.carpet} material={carpetMat} worldUV={1} />
      <MergedMesh parts={b.matte} material={matteVC} />
      <MergedMesh parts={b.satin} material={satinVC} />
      <MergedMesh parts={b.wood} material={woodVC} worldUV={1.1} />
      <MergedMesh parts={b.metal} material={metalVC} />
      <MergedMesh parts={b.glow} material={glowVC} />
      <MergedMesh parts={b.leaf} material={leafVC} />
      <MergedMesh parts={b.screen} material={screenMat} />
      <MergedMesh parts={b.paper} material={paperMat} />
      <MergedMesh parts={b.city} material={cityMat} />
      <MergedMesh parts={b.shadow} material={contactShadow} renderOrder={1} />
      <MergedMesh parts={b.glass} material={frostedGlass} renderOrder={2} />
    </group>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Screens: the wall screen (idle / poor figures) and the email toast on the patient's monitor
// ---------------------------------------------------------------------------------------------------------------

const tvIdleParts: Part[] = [{ geometry: UNIT_PLANE, position: [TV.x, TV.y, TV.z], scale: [TV.w, TV.h, 1], uvRect: SUV(SCREENS.tvIdle) }];
const dashboardParts: Part[] = [{ geometry: UNIT_PLANE, position: [TV.x, TV.y, TV.z + 0.004], scale: [TV.w, TV.h, 1], uvRect: SUV(SCREENS.dashboard) }];

function EmailToast() {
  const g = useRef<Group>(null);
  const ping = useSceneEvent('email-ping');
  const parts = useMemo<Part[]>(() => {
    const [, , tw, th] = SCREENS.toast;
    const w = 0.24;
    return [{ geometry: UNIT_PLANE, position: [0, 0, 0], scale: [w, (w * th) / tw, 1], uvRect: SUV(SCREENS.toast) }];
  }, []);
  useFrame(() => {
    const group = g.current;
    if (!group) return;
    const e = ping();
    group.visible = e.active;
    if (!e.active) return;
    // slides in from the right edge, stays, slides out
    const k = smooth(0, 0.08, e.progress) * (1 - smooth(0.9, 1, e.progress));
    group.position.x = 0.13 + (1 - k) * 0.12;
    group.scale.x = Math.max(0.01, k);
  });
  const q = useMemo(() => new Quaternion().setFromEuler(new Euler(0, MONITOR.yaw, 0)), []);
  const origin = useMemo(() => {
    const v = new Vector3(0, 0, 0.016).applyQuaternion(q);
    return [MONITOR.x + v.x, MONITOR.y - 0.09, MONITOR.z + v.z] as Vec3;
  }, [q]);
  return (
    <group position={origin} quaternion={q}>
      <group ref={g} visible={false}>
        <MergedMesh parts={parts} material={screenMat} renderOrder={2} />
      </group>
    </group>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Level 2: the written warning
// ---------------------------------------------------------------------------------------------------------------

function WarningLetter() {
  const parts = useMemo(() => {
    const paper: Part[] = [];
    const shadow: Part[] = [];
    const [, , rw, rh] = PAPERS.warning;
    const w = 0.21;
    paper.push({ geometry: FLAT_PLANE, position: [0.1, TOP + 0.003, -0.82], rotation: [0, -0.08, 0], scale: [w, 1, (w * rh) / rw], uvRect: PUV(PAPERS.warning) });
    // an envelope under it, and a sticky note on the monitor bezel
    const q = new Quaternion().setFromEuler(new Euler(0, MONITOR.yaw, 0.06));
    const v = new Vector3(MONITOR.w / 2 - 0.03, 0, 0.0145).applyQuaternion(q);
    paper.push({ geometry: UNIT_PLANE, position: [MONITOR.x + v.x, MONITOR.y + MONITOR.h / 2 - 0.02, MONITOR.z + v.z], quaternion: q, scale: [0.075, 0.075, 1], uvRect: PUV(PAPERS.sticky) });
    blob(shadow, 0.12, -0.84, 0.34, 0.44, TOP + 0.0007);
    // the manila folder it came in
    const folder: Part[] = [{ geometry: UNIT_BOX, position: [0.2, TOP + 0.001, -0.88], rotation: [0, 0.28, 0], scale: [0.24, 0.0016, 0.31], color: '#d8b878' }];
    return { paper, shadow, folder };
  }, []);
  return (
    <>
      <MergedMesh parts={parts.shadow} material={contactShadow} renderOrder={1} />
      <MergedMesh parts={parts.folder} material={matteVC} />
      <MergedMesh parts={parts.paper} material={paperMat} />
    </>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------------------------------------------

const tmp = new Vector3();
const tmpB = new Vector3();
function mix(into: Vector3, a: Vec3 | Vector3, b: Vec3 | Vector3, k: number) {
  const va = Array.isArray(a) ? tmp.set(...a) : tmp.copy(a);
  const vb = Array.isArray(b) ? tmpB.set(...b) : tmpB.copy(b);
  return into.copy(va).lerp(vb, k);
}

function speech(t: number, loud: number, rate = 13) {
  const syll = 0.5 + 0.5 * Math.sin(t * rate + Math.sin(t * 3.3) * 2);
  const phrase = smooth(-0.4, 0.2, Math.sin(t * 1.1) + 0.3 * Math.sin(t * 0.47));
  return loud * phrase * (0.3 + 0.7 * syll);
}

const PATIENT_EYE = { x: 0, y: 1.2, z: 0 };

/** Turns the head (and a little of the torso) toward the patient by `k` (0..1). */
function lookAtPatient(p: PersonPose, px: number, pz: number, yaw: number, eyeY: number, k: number) {
  const want = yawTo(px, pz, yaw, PATIENT_EYE.x, PATIENT_EYE.z);
  const d = Math.hypot(px - PATIENT_EYE.x, pz - PATIENT_EYE.z);
  const twist = Math.max(-0.5, Math.min(0.5, want * 0.35));
  p.twist += twist * k;
  p.headYaw += Math.max(-1.2, Math.min(1.2, want - twist)) * k;
  p.headPitch += Math.atan2(eyeY - PATIENT_EYE.y, d) * k;
}

const WHISPERER: PersonLook = { skin: '#c68c6a', shirt: '#8fb3d9', pants: '#3a3f4a', hair: '#1f1713', hairStyle: 'short', sleeves: 'short', shoes: '#3b2c22' };
const LISTENER: PersonLook = { skin: '#f0c8a8', shirt: '#d0a13a', pants: '#2f3542', hair: '#7a4a2a', hairStyle: 'bun', brows: 'stern', shoes: '#1c1c1e' };
const ONLOOKER: PersonLook = { skin: '#8a5a3c', shirt: '#4f7a5a', pants: '#2c2f36', hair: '#1a1a1a', hairStyle: 'bald', shoes: '#222' };

const A_POS = { x: 1.15, z: -2.15 };
const B_POS = { x: 1.92, z: -2.4 };
const C_POS = { x: -1.75, z: -2.25 };
const A_YAW = Math.atan2(B_POS.x - A_POS.x, B_POS.z - A_POS.z) - 0.6;
const B_YAW = Math.atan2(A_POS.x - B_POS.x, A_POS.z - B_POS.z) + 0.45;
const C_YAW = Math.atan2(-C_POS.x, -C_POS.z) - 1.6;

function Colleagues() {
  const seg = useSegment('whispering-glances');
  // At level 4 they stop and watch while the manager raises his voice.
  const berate = useSegment('manager-berates');
  const watching = () => {
    const b = berate();
    return b.active ? envelope(0, 0.08, 0.9, 1, b.progress) : 0;
  };
  const poseA = useMemo(
    () => (p: PersonPose, t: number) => {
      const s = seg();
      const k = s.active ? s.progress : -1;
      const lean = k >= 0 ? envelope(0, 0.1, 0.55, 0.65, k) : 0;
      const stare = k >= 0 ? envelope(0.5, 0.62, 0.88, 1, k) : 0;
      // the whisperer leans to the listener's ear (the listener is 0.6 rad to his left), hand by his mouth
      p.lean = 0.04 + 0.12 * lean;
      p.twist = 0.35 * lean;
      p.offset.set(Math.sin(0.6) * 0.1 * lean, 0, Math.cos(0.6) * 0.1 * lean);
      p.headYaw = 0.05 * Math.sin(t * 0.7);
      p.headRoll = -0.15 * lean;
      const my = 0.93 + 0.64 * Math.cos(p.lean);
      const mz = 0.64 * Math.sin(p.lean);
      mix(p.right, [-0.2, 0.88, 0.06], [-0.02, my - 0.04, mz + 0.16], lean);
      p.rightPole.set(-1, -0.6, 0);
      // a paper cup of coffee in the left hand
      p.left.set(0.16, 1.05, 0.3);
      p.leftPole.set(1, -1, -0.3);
      p.mouth = k >= 0 ? speech(t, 0.25 * lean) : speech(t, 0.4);
      // a glance now and then, then a long stare
      const glance = k < 0 ? Math.max(0, Math.sin(t * 0.45)) ** 12 : 0;
      lookAtPatient(p, A_POS.x, A_POS.z, A_YAW, 1.62, Math.max(glance, stare, 0.6 * lean, watching()));
    },
    [seg, berate],
  );
  const poseB = useMemo(
    () => (p: PersonPose, t: number) => {
      const s = seg();
      const k = s.active ? s.progress : -1;
      const listen = k >= 0 ? envelope(0, 0.1, 0.55, 0.65, k) : 0;
      const stare = k >= 0 ? envelope(0.1, 0.25, 0.88, 1, k) : 0;
      // arms crossed, listening, then staring at the patient
      p.right.set(0.1, 1.17, 0.19);
      p.left.set(-0.1, 1.14, 0.16);
      p.rightPole.set(-1, -0.5, 0.3);
      p.leftPole.set(1, -0.5, 0.3);
      p.headRoll = 0.08 * listen;
      p.mouth = k >= 0 ? 0.15 * smooth(0.6, 0.7, k) * (1 - smooth(0.85, 0.95, k)) : speech(t + 2, 0.35);
      const glance = k < 0 ? Math.max(0, Math.sin(t * 0.45 + 2.5)) ** 12 : 0;
      lookAtPatient(p, B_POS.x, B_POS.z, B_YAW, 1.6, Math.max(glance, stare, watching()));
      p.headYaw += 0.04 * Math.sin(t * 0.9);
    },
    [seg, berate],
  );
  const poseC = useMemo(
    () => (p: PersonPose, t: number) => {
      const s = seg();
      const k = s.active ? s.progress : -1;
      const stare = Math.max(k >= 0 ? envelope(0.3, 0.42, 0.85, 0.97, k) : 0, watching());
      // by the window with a mug, looking at his phone; turns to stare during the segment
      p.right.set(-0.08, 1.12, 0.3);
      p.rightPole.set(-1, -1, -0.2);
      p.left.set(0.06, 1.1, 0.32);
      p.leftPole.set(1, -1, -0.2);
      p.headPitch = 0.45 * (1 - stare);
      p.headYaw = 0.03 * Math.sin(t * 0.5);
      lookAtPatient(p, C_POS.x, C_POS.z, C_YAW, 1.62, stare);
    },
    [seg, berate],
  );
  const cup = (
    <group position={[0.035, -0.03, 0.0]} rotation={[0, 0, 0]}>
      <mesh geometry={CYL} material={satinVC} scale={[0.035, 0.1, 0.035]} position={[0, 0, 0]} />
    </group>
  );
  const shadow = useMemo<Part[]>(() => {
    const s: Part[] = [];
    for (const pnt of [A_POS, B_POS, C_POS]) blob(s, pnt.x, pnt.z, 0.65, 0.65, 0.005);
    return s;
  }, []);
  return (
    <>
      <MergedMesh parts={shadow} material={contactShadow} renderOrder={1} />
      <Person position={[A_POS.x, 0, A_POS.z]} yaw={A_YAW} look={WHISPERER} pose={poseA} leftHolding={cup} name="whisperer" />
      <Person position={[B_POS.x, 0, B_POS.z]} yaw={B_YAW} look={LISTENER} pose={poseB} name="listener" />
      <Person position={[C_POS.x, 0, C_POS.z]} yaw={C_YAW} look={ONLOOKER} pose={poseC} name="onlooker" />
    </>
  );
}

const MANAGER_LOOK: PersonLook = {
  skin: '#e2b896',
  shirt: '#f4f4f2',
  jacket: '#27344a',
  tie: '#7a1f2b',
  pants: '#27344a',
  hair: '#8c8c8c',
  hairStyle: 'short',
  brows: 'angry',
  shoes: '#111',
};
const MGR = { x: 0.12, z: -1.42 };
const MGR_YAW = 0;
const FAR_MGR = { inside: { x: 3.6, z: -6.1 }, door: { x: 3.05, z: -4.55 } };

/** The manager at the patient's desk (level 4): arms crossed and stern; berates in `manager-berates`. */
function Manager() {
  const seg = useSegment('manager-berates');
  const call = useSceneEvent('manager-calls-name');
  const pose = useMemo(() => {
    const deskHit = toLocal(new Vector3(), MGR.x, MGR.z, MGR_YAW, 0.03, TOP + 0.03, -1.0);
    const deskRest = toLocal(new Vector3(), MGR.x, MGR.z, MGR_YAW, -0.08, TOP + 0.03, -1.02);
    const deskRestL = toLocal(new Vector3(), MGR.x, MGR.z, MGR_YAW, 0.34, TOP + 0.03, -1.02);
    const hold = new Vector3();
    return (p: PersonPose, t: number) => {
      const s = seg();
      const k = s.active ? s.progress : -1;
      const e = call();
      const crossedR: Vec3 = [0.1, 1.19, 0.2];
      const crossedL: Vec3 = [-0.1, 1.16, 0.17];
      p.rightPole.set(-1, -0.5, 0.3);
      p.leftPole.set(1, -0.5, 0.3);
      let lean = 0.08;
      let loud = 0.15;
      p.right.set(...crossedR);
      p.left.set(...crossedL);
      if (k >= 0) {
        const inA = envelope(0, 0.07, 0.47, 0.53, k);
        const spread = envelope(0.5, 0.56, 0.72, 0.78, k);
        const loom = envelope(0.75, 0.8, 0.92, 1, k);
        // 1: leans in, right hand slapping the desk in beats, left finger pointing at the patient
        const beat = Math.max(0, Math.sin(t * 9)) ** 3;
        hold.copy(deskHit);
        hold.y += 0.09 * beat;
        mix(p.right, crossedR, hold, inA);
        mix(p.left, crossedL, [0.2, 1.34 + 0.04 * Math.sin(t * 7), 0.5], inA);
        p.pointLeft = inA;
        p.rightPole.set(-1, 0.2, -0.2);
        p.leftPole.set(1, -1, 0);
        lean = 0.08 + 0.42 * inA;
        // 2: straightens up, arms spread wide, shaking his head ("what is this?")
        if (spread > 0) {
          const open = 0.04 * Math.abs(Math.sin(t * 6));
          mix(p.right, p.right, [-0.38 - open, 1.12 + open, 0.32], spread);
          mix(p.left, p.left, [0.38 + open, 1.12 + open, 0.32], spread);
          p.pointLeft = inA * (1 - spread);
          p.rightPole.set(-1, -1, -0.3);
          p.leftPole.set(1, -1, -0.3);
          p.headRoll = 0.12 * Math.sin(t * 5) * spread;
          lean = lean * (1 - spread) + 0.1 * spread;
        }
        // 3: both hands on the desk, looming over the patient
        if (loom > 0) {
          mix(p.right, p.right, deskRest, loom);
          mix(p.left, p.left, deskRestL, loom);
          p.pointLeft = 0;
          p.point = 0;
          p.rightPole.set(-1, 0.3, 0);
          p.leftPole.set(1, 0.3, 0);
          lean = lean * (1 - loom) + 0.52 * loom;
        }
        loud = 0.6 + 0.4 * Math.max(inA, loom) + 0.2 * spread;
      } else if (e.active) {
        // calls the patient's name sharply and points
        const a = envelope(0, 0.1, 0.8, 1, e.progress);
        mix(p.left, crossedL, [0.18, 1.36, 0.52], a);
        p.pointLeft = a;
        p.leftPole.set(1, -1, 0);
        lean = 0.08 + 0.12 * a;
        loud = 0.9 * a * (e.progress < 0.45 ? 1 : 0.4);
      }
      p.lean = lean;
      p.mouth = speech(t, loud, 12);
      const headH = 0.93 + 0.69 * Math.cos(lean);
      const d = Math.hypot(MGR.x, MGR.z) - 0.69 * Math.sin(lean);
      p.headPitch = Math.atan2(headH - 1.2, Math.max(0.25, d)) - lean;
      p.headYaw = 0.04 * Math.sin(t * 1.3);
    };
  }, [seg, call]);
  const shadow = useMemo<Part[]>(() => {
    const s: Part[] = [];
    blob(s, MGR.x, MGR.z, 0.7, 0.7, 0.005);
    return s;
  }, []);
  return (
    <>
      <MergedMesh parts={shadow} material={contactShadow} renderOrder={1} />
      <Person position={[MGR.x, 0, MGR.z]} yaw={MGR_YAW} look={MANAGER_LOOK} pose={pose} name="manager" />
    </>
  );
}

/** Below level 4, `manager-calls-name` brings the manager out of his office door to call the patient over. */
function ManagerAtDoor() {
  const level = useSceneLevel();
  const call = useSceneEvent('manager-calls-name');
  const root = useRef<Group>(null);
  const levelRef = useRef(level);
  levelRef.current = level;
  const pose = useMemo(
    () => (p: PersonPose, t: number) => {
      const e = call();
      const shown = e.active && levelRef.current < 4;
      if (root.current) root.current.visible = shown;
      if (!shown) return;
      const k = e.progress;
      const out = smooth(0, 0.25, k) * (1 - smooth(0.82, 1, k));
      const walking = k < 0.25 || k > 0.82 ? 1 : 0;
      const x = FAR_MGR.inside.x + (FAR_MGR.door.x - FAR_MGR.inside.x) * out;
      const z = FAR_MGR.inside.z + (FAR_MGR.door.z - FAR_MGR.inside.z) * out;
      const walkYaw = Math.atan2(FAR_MGR.door.x - FAR_MGR.inside.x, FAR_MGR.door.z - FAR_MGR.inside.z) + (k > 0.82 ? Math.PI : 0);
      const faceYaw = Math.atan2(-x, -z);
      const yaw = walking ? walkYaw : faceYaw;
      p.offset.set(x, 0, z);
      p.yaw = yaw;
      p.legSwing = walking * Math.sin(t * 7) * 0.35;
      const stand = walking ? 0 : 1;
      // beckoning: right hand raised, waving toward himself
      const wave = Math.sin(t * 6);
      mix(p.right, [-0.23, 0.86, 0.05], [-0.22, 1.45 + 0.03 * wave, 0.3 - 0.06 * wave], stand);
      p.rightPole.set(-1, -1, 0);
      p.mouth = stand * speech(t, 0.9);
      const d = Math.hypot(x, z);
      p.headPitch = Math.atan2(1.62 - 1.2, d) * stand;
    },
    [call],
  );
  return (
    <group ref={root} visible={false}>
      <Person look={{ ...MANAGER_LOOK, walker: true }} pose={pose} name="manager-at-door" />
    </group>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Scene
// ---------------------------------------------------------------------------------------------------------------

function OfficeLights() {
  return (
    <>
      <hemisphereLight args={['#f4f8ff', '#8a8478', 1.0]} />
      {/* Daylight through the windows on the left */}
      <directionalLight position={[-8, 6, -2]} color="#fff4e2" intensity={1.1} />
      {/* Ceiling panels over the patient's desk and over the pods */}
      <pointLight position={[0, 2.6, -0.9]} color="#f2f5ff" intensity={1.6} distance={6} decay={1.3} />
      <pointLight position={[0.5, 2.6, -5]} color="#f2f5ff" intensity={2.2} distance={9} decay={1.2} />
    </>
  );
}

/**
 * An open-plan office, graded 0–4: the empty office (0); the team's poor figures on the wall screen (1); a written
 * warning on the patient's desk (2); colleagues whispering and staring (3); the manager standing over the desk,
 * berating the patient (4).
 */
/**
 * Sounds: the ventilation of the empty floor at every level; from 1 a phone ringing unanswered in the
 * manager's office now and then; from 3 colleagues at work, whispering at the patient during their segment;
 * at 4 the manager's raised voice beside the desk; the e-mail ping and the manager calling the patient's name
 * (from his door, or beside the desk at 4) when the clinician fires them.
 */
function Sounds() {
  const manager: Vec3 = [MGR.x, 1.65, MGR.z];
  const door: Vec3 = [FAR_MGR.door.x, 1.65, FAR_MGR.door.z];
  return (
    <>
      <SpatialSound id="ventilation" sound="room-tone" position={[0, 2.6, -3]} volume={0.2} refDistance={5} />
      <SpatialSound id="desk-phone" sound="desk-phone" position={[FAR_MGR.inside.x, 1.0, FAR_MGR.inside.z]} minLevel={1} volume={0.25} refDistance={2} on={[{ every: 40, offset: 12 }]} />
      <SpatialSound id="office" sound="office" position={[0.4, 1.2, -3.2]} minLevel={3} volume={0.3} refDistance={3} />
      <SpatialSound id="whispers" sound="whispers" position={[(A_POS.x + B_POS.x) / 2, 1.5, (A_POS.z + B_POS.z) / 2]} minLevel={3} volume={0.35} refDistance={1.5} on={[{ segment: 'whispering-glances' }]} />
      <SpatialSound id="manager-voice" sound="manager-shouting" position={manager} minLevel={4} volume={0.42} on={[{ segment: 'manager-berates' }]} />
      <SpatialSound id="email-ping" sound="email-ping" position={[MONITOR.x, MONITOR.y, MONITOR.z]} volume={0.3} on={[{ event: 'email-ping' }]} />
      <SpatialSound id="manager-calls-name" sound="name-call" position={door} volume={[0.5, 0.5, 0.5, 0.5, 0]} refDistance={2} on={[{ event: 'manager-calls-name', at: 0.3 }]} />
      <SpatialSound id="manager-calls-name-near" sound="name-call" position={manager} minLevel={4} volume={0.4} on={[{ event: 'manager-calls-name', at: 0.1 }]} />
    </>
  );
}

export function StressWorkScene() {
  return (
    <>
      <SceneEnvironment intensity={0.45} background="#cfdbe6" />
      <OfficeLights />
      <OfficeRoom />
      <MergedMesh parts={tvIdleParts} material={screenMat} />
      <Cue id="performance-screen" minLevel={1}>
        <MergedMesh parts={dashboardParts} material={screenMat} />
      </Cue>
      <EmailToast />
      <Cue id="warning-letter" minLevel={2}>
        <WarningLetter />
      </Cue>
      <Cue id="whispering-colleagues" minLevel={3}>
        <Colleagues />
      </Cue>
      <Cue id="manager" minLevel={4}>
        <Manager />
      </Cue>
      <ManagerAtDoor />
      <Sounds />
    </>
  );
}

