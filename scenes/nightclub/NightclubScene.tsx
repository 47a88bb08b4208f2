import { Stressor } from '../stressors/StressorOnTable';
import type { SceneProps } from '../components';
import { useFrame } from '@react-three/fiber';
import { useMemo, useRef } from 'react';
import {
  AdditiveBlending,
  BoxGeometry,
  CanvasTexture,
  CylinderGeometry,
  DoubleSide,
  Euler,
  type Group,
  LatheGeometry,
  Matrix4,
  MeshBasicMaterial,
  MeshStandardMaterial,
  type Mesh,
  PlaneGeometry,
  type PointLight,
  Quaternion,
  SphereGeometry,
  SRGBColorSpace,
  Vector2,
  Vector3,
} from 'three';
import { Avatar, type AvatarProps } from '../kit/Avatar';
import { SpatialSound } from '../kit/audio/SpatialSound';
import { Cue } from '../kit/Cue';
import { SceneEnvironment } from '../kit/Environment';
import { useSceneLevel } from '../kit/levelContext';
import {
  bottleClearVC,
  bottleGlassVC,
  canvasTexture,
  contactShadow,
  glassClear,
  glowHalo,
  glowVC,
  leafVC,
  matteVC,
  metalVC,
  satinVC,
  seededRandom,
  type Part,
  type Vec3,
} from '../kit/materials';
import { useSceneEvent, useSegment } from '../kit/sceneClock';
import { carry, PoseSmoother, toWorldDir } from '../party-patio/choreo';
import { MergedMesh, hold, smooth, track } from '../party-patio/fx';
import { LEFT, RIGHT, Rig, makePose, type RigHandle } from '../party-patio/rig';

/*
 * A club lounge at night. Layout (metres; the patient sits in a U-shaped velvet booth at the origin facing -z,
 * eyes at y 1.2):
 *   - a round black table in front (centre z -0.72, r 0.4, top 0.45) with an LED under-glow;
 *   - the friend on the booth's right wing, turned toward the patient (all levels, soft drink);
 *   - the next table on the left (3 m): the neighbour and his friend on a banquette against the wall;
 *   - the toilets at the back left: two cubicles, one with its door ajar at level 3;
 *   - the dance floor (LED tiles, moving beams, a mirror ball) and the DJ at the back; the bar on the right.
 * Level 0 has no drugs and no alcohol in sight: the bar is closed and dark, the dance floor empty.
 */

const TABLE = { x: 0, z: -0.72, r: 0.4, h: 0.45 };
const TOP = TABLE.h + 0.001;
const ROOM = { x0: -3.8, x1: 4.8, z0: -10.5, z1: 1.5, h: 3.6 };
const FLOOR = { x0: -0.6, x1: 3.4, z0: -9.0, z1: -5.4 };
const UP = new Vector3(0, 1, 0);
const EYE = new Vector3(0, 1.2, 0);

const BOX = new BoxGeometry(1, 1, 1);
const CYL = new CylinderGeometry(1, 1, 1, 24, 1);
const CYL_LO = new CylinderGeometry(1, 1, 1, 8, 1);
const SPHERE_LO = new SphereGeometry(1, 8, 6);
const PLANE = new PlaneGeometry(1, 1);
const FLOOR_PLANE = new PlaneGeometry(1, 1).rotateX(-Math.PI / 2);
const v2 = (pts: [number, number][]) => pts.map(([x, y]) => new Vector2(x, y));

// ---------------------------------------------------------------------------------------------------------------
// Textures
// ---------------------------------------------------------------------------------------------------------------

function drawTiles(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const rnd = seededRandom(31);
  ctx.fillStyle = '#050507';
  ctx.fillRect(0, 0, w, h);
  const n = 4;
  const s = w / n;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const v = 18 + rnd() * 10;
      ctx.fillStyle = `rgb(${v},${v},${v + 4})`;
      ctx.fillRect(i * s + 2, j * s + 2, s - 4, s - 4);
      for (let k = 0; k < 80; k++) {
        ctx.fillStyle = `rgba(255,255,255,${rnd() * 0.05})`;
        ctx.fillRect(i * s + rnd() * s, j * s + rnd() * s, 2, 2);
      }
    }
}

function drawScreen(ctx: CanvasRenderingContext2D, w: number, h: number) {
  ctx.fillStyle = '#05010a';
  ctx.fillRect(0, 0, w, h);
  for (let i = 0; i < 14; i++) {
    const x = (i / 14) * w;
    const g = ctx.createLinearGradient(x, 0, x + w / 14, h);
    g.addColorStop(0, i % 2 ? '#ff2a9a' : '#2ad4ff');
    g.addColorStop(1, '#2a0a5a');
    ctx.fillStyle = g;
    ctx.beginPath();
    ctx.moveTo(x, h);
    ctx.lineTo(x + w / 28, h * (0.2 + 0.5 * Math.abs(Math.sin(i * 1.7))));
    ctx.lineTo(x + w / 14, h);
    ctx.fill();
  }
  ctx.strokeStyle = 'rgba(255,255,255,0.6)';
  ctx.lineWidth = 3;
  ctx.beginPath();
  for (let x = 0; x <= w; x += 4) ctx.lineTo(x, h * 0.5 + Math.sin(x / 18) * 20 * Math.sin(x / 90));
  ctx.stroke();
}

function drawBeam(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const g = ctx.createLinearGradient(0, 0, 0, h);
  g.addColorStop(0, 'rgba(255,255,255,0)');
  g.addColorStop(0.5, 'rgba(255,255,255,0.25)');
  g.addColorStop(0.92, 'rgba(255,255,255,0.85)');
  g.addColorStop(1, 'rgba(255,255,255,1)');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, w, h);
}

/** Generic banknote (no real currency) and a generic bank card, side by side. */
function drawMoney(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const half = w / 2;
  const g = ctx.createLinearGradient(0, 0, half, h);
  g.addColorStop(0, '#c98aa8');
  g.addColorStop(1, '#8a6aa8');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, half, h);
  ctx.strokeStyle = 'rgba(255,255,255,0.45)';
  ctx.lineWidth = 2;
  for (let i = 0; i < 12; i++) {
    ctx.beginPath();
    ctx.ellipse(half * 0.3, h / 2, 10 + i * 5, 6 + i * 3, 0, 0, Math.PI * 2);
    ctx.stroke();
  }
  ctx.fillStyle = '#f6eef4';
  ctx.font = 'bold 40px serif';
  ctx.fillText('20', half * 0.68, h * 0.42);
  ctx.fillText('20', 8, h - 12);
  // card
  const c = ctx.createLinearGradient(half, 0, w, h);
  c.addColorStop(0, '#1d3a7a');
  c.addColorStop(1, '#2a8ab0');
  ctx.fillStyle = c;
  ctx.fillRect(half, 0, half, h);
  ctx.fillStyle = '#e0c060';
  ctx.fillRect(half + 20, h * 0.32, 34, 26);
  ctx.fillStyle = '#e8eef4';
  ctx.font = '18px monospace';
  ctx.fillText('•••• •••• 4021', half + 18, h * 0.8);
}

function drawWC(ctx: CanvasRenderingContext2D, w: number, h: number) {
  ctx.fillStyle = '#0c1a14';
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = '#6affb0';
  ctx.font = 'bold 56px sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText('WC', w / 2, h / 2);
  ctx.strokeStyle = '#6affb0';
  ctx.lineWidth = 4;
  ctx.strokeRect(6, 6, w - 12, h - 12);
}

const tileTex = canvasTexture(512, 512, drawTiles, true);
const screenTex = canvasTexture(512, 256, drawScreen, true);
const beamTex = canvasTexture(32, 128, drawBeam);
const moneyTex = canvasTexture(512, 128, drawMoney);
const wcTex = canvasTexture(128, 64, drawWC);

const floorMat = new MeshStandardMaterial({ map: tileTex, roughness: 0.28, metalness: 0.3, color: '#9a98a8' });
const screenMat = new MeshBasicMaterial({ map: screenTex, toneMapped: false, color: '#b0b0b0' });
const wcMat = new MeshBasicMaterial({ map: wcTex, toneMapped: false });
const noteMat = new MeshStandardMaterial({ map: moneyTex, roughness: 0.8, side: DoubleSide, emissive: '#ffffff', emissiveMap: moneyTex, emissiveIntensity: 0.25 });
const mirrorMat = new MeshStandardMaterial({ color: '#d8e2e8', roughness: 0.04, metalness: 1, envMapIntensity: 2.2 });
const powderMat = new MeshStandardMaterial({ color: '#f4f4f2', roughness: 0.9, emissive: '#3a3a3a' });
const bagMat = new MeshStandardMaterial({ color: '#f4f6f8', roughness: 0.15, transparent: true, opacity: 0.35, depthWrite: false });
const underGlow = glowHalo.clone();
underGlow.color.set('#ff3ab0');
underGlow.opacity = 0.55;
const stripHalo = glowHalo.clone();
stripHalo.color.set('#7a4aff');
stripHalo.opacity = 0.3;

/** Banknote UVs (left half) and card UVs (right half) of the money texture. */
const UV_NOTE: [number, number, number, number] = [0, 0, 0.5, 1];
const UV_CARD: [number, number, number, number] = [0.5, 0, 1, 1];

// ---------------------------------------------------------------------------------------------------------------
// The club (level 0)
// ---------------------------------------------------------------------------------------------------------------

interface Buckets {
  floor: Part[];
  matte: Part[];
  satin: Part[];
  metal: Part[];
  glow: Part[];
  halo: Part[];
  leaf: Part[];
  screen: Part[];
  shadow: Part[];
}

function box(list: Part[], x0: number, y0: number, z0: number, x1: number, y1: number, z1: number, color: string, parent?: Matrix4) {
  list.push({ geometry: BOX, position: [(x0 + x1) / 2, (y0 + y1) / 2, (z0 + z1) / 2], scale: [Math.abs(x1 - x0), Math.abs(y1 - y0), Math.abs(z1 - z0)], color, parent });
}

const VELVET = '#5a1424';
const VELVET_DARK = '#3e0c18';

/** Tufted velvet banquette built facing +z with its front edge at z = 0, placed at `at`, turned by `yaw`. */
function banquette(b: Buckets, at: Vec3, yaw: number, width: number) {
  const M = new Matrix4().compose(new Vector3(...at), new Quaternion().setFromEuler(new Euler(0, yaw, 0)), new Vector3(1, 1, 1));
  const x0 = -width / 2;
  const x1 = width / 2;
  box(b.satin, x0, 0, -0.62, x1, 0.3, 0, '#1a1014', M);
  box(b.satin, x0, 0.3, -0.6, x1, 0.45, 0.02, VELVET, M);
  box(b.satin, x0, 0.3, -0.72, x1, 1.15, -0.55, VELVET_DARK, M);
  // tufted back: rows of rounded pads
  const cols = Math.max(3, Math.round(width / 0.2));
  for (let i = 0; i < cols; i++)
    for (let j = 0; j < 3; j++) {
      const x = x0 + ((i + 0.5 + (j % 2) * 0.5) * width) / cols;
      if (x > x1 - 0.05) continue;
      b.satin.push({ geometry: SPHERE_LO, position: [x, 0.58 + j * 0.19, -0.55], scale: [(width / cols / 2) * 0.92, 0.09, 0.022], color: VELVET, parent: M });
    }
  box(b.metal, x0, 0.0, 0.0, x1, 0.03, 0.012, '#b8902a', M);
  b.shadow.push({ geometry: FLOOR_PLANE, position: [0, 0.004, -0.3], scale: [width + 0.5, 1, 1.1], parent: M });
}

function buildClub(): Buckets {
  const b: Buckets = { floor: [], matte: [], satin: [], metal: [], glow: [], halo: [], leaf: [], screen: [], shadow: [] };
  const { x0, x1, z0, z1, h } = ROOM;
  b.floor.push({ geometry: FLOOR_PLANE, position: [(x0 + x1) / 2, 0, (z0 + z1) / 2], scale: [x1 - x0, 1, z1 - z0] });
  b.matte.push({ geometry: PLANE, position: [(x0 + x1) / 2, h, (z0 + z1) / 2], rotation: [Math.PI / 2, 0, 0], scale: [x1 - x0, z1 - z0, 1], color: '#08070a' });
  const WALL = '#16121c';
  b.matte.push({ geometry: PLANE, position: [(x0 + x1) / 2, h / 2, z0], scale: [x1 - x0, h, 1], color: WALL });
  b.matte.push({ geometry: PLANE, position: [(x0 + x1) / 2, h / 2, z1], rotation: [0, Math.PI, 0], scale: [x1 - x0, h, 1], color: WALL });
  b.matte.push({ geometry: PLANE, position: [x0, h / 2, (z0 + z1) / 2], rotation: [0, Math.PI / 2, 0], scale: [z1 - z0, h, 1], color: WALL });
  b.matte.push({ geometry: PLANE, position: [x1, h / 2, (z0 + z1) / 2], rotation: [0, -Math.PI / 2, 0], scale: [z1 - z0, h, 1], color: WALL });
  // wall panels and vertical LED strips on the left wall
  for (let z = z1 - 0.8; z > -3.4; z -= 1.1) {
    box(b.satin, x0, 0.2, z - 0.5, x0 + 0.04, 2.6, z + 0.5, '#221a2a');
    box(b.glow, x0 + 0.045, 0.25, z + 0.52, x0 + 0.06, 2.55, z + 0.55, '#8a4aff');
    b.halo.push({ geometry: PLANE, position: [x0 + 0.07, 1.4, z + 0.535], rotation: [0, Math.PI / 2, 0], scale: [0.5, 2.6, 1] });
  }
  // ceiling star lights
  const rnd = seededRandom(2);
  for (let i = 0; i < 90; i++) b.glow.push({ geometry: SPHERE_LO, position: [x0 + rnd() * (x1 - x0), h - 0.01, z0 + rnd() * (z1 - z0)], scale: 0.012, color: rnd() < 0.5 ? '#ffffff' : '#b8a0ff' });

  // The patient's U booth and the round table with its glow ring
  banquette(b, [0, 0, -0.02], Math.PI, 1.6);
  banquette(b, [0.8, 0, -0.48], -Math.PI / 2, 1.75);
  b.satin.push({ geometry: CYL, position: [TABLE.x, TOP - 0.02, TABLE.z], scale: [TABLE.r, 0.04, TABLE.r], color: '#0c0c0e' });
  b.metal.push({ geometry: CYL, position: [TABLE.x, TOP - 0.042, TABLE.z], scale: [TABLE.r + 0.005, 0.006, TABLE.r + 0.005], color: '#c8a040' });
  b.metal.push({ geometry: CYL_LO, position: [TABLE.x, 0.22, TABLE.z], scale: [0.05, 0.44, 0.05], color: '#1a1a1a' });
  b.metal.push({ geometry: CYL, position: [TABLE.x, 0.01, TABLE.z], scale: [0.25, 0.02, 0.25], color: '#1a1a1a' });
  b.halo.push({ geometry: FLOOR_PLANE, position: [TABLE.x, 0.01, TABLE.z], scale: [1.3, 1, 1.3] });

  // The next table: banquette against the left wall, a small round table
  banquette(b, [-3.1, 0, -2.3], Math.PI / 2, 1.6);
  b.satin.push({ geometry: CYL, position: [-2.45, 0.48, -2.35], scale: [0.33, 0.04, 0.33], color: '#0c0c0e' });
  b.metal.push({ geometry: CYL_LO, position: [-2.45, 0.24, -2.35], scale: [0.04, 0.46, 0.04], color: '#1a1a1a' });
  b.metal.push({ geometry: CYL, position: [-2.45, 0.01, -2.35], scale: [0.2, 0.02, 0.2], color: '#1a1a1a' });
  b.shadow.push({ geometry: FLOOR_PLANE, position: [-2.45, 0.005, -2.35], scale: [0.9, 1, 0.9] });

  // Toilets at the back left: a partition wall with two cubicles (the left one's door is separate)
  {
    // Two cubicles side by side: the left one (x -3.1…-2.2) stays closed; the right one (x -2.2…-1.3), whose door
    // is separate and hinged on its left edge, stands ajar from level 3.
    const cz = -4.3;
    box(b.matte, x0, 0, cz - 0.02, -3.13, 2.6, cz, '#1f3436');
    box(b.matte, -1.27, 0, cz - 1.58, -1.22, 2.6, cz, '#1f3436');
    box(b.matte, -3.13, 2.1, cz - 0.03, -1.22, 2.6, cz + 0.005, '#1f3436');
    box(b.glow, x0, 2.58, cz, -1.22, 2.6, cz + 0.02, '#6affb0');
    for (const [a, c] of [
      [-3.1, -2.2],
      [-2.2, -1.3],
    ] as const) {
      box(b.satin, a - 0.03, 0.12, cz - 1.5, a, 2.1, cz - 0.02, '#8a8f9a');
      box(b.satin, c, 0.12, cz - 1.5, c + 0.03, 2.1, cz - 0.02, '#8a8f9a');
      box(b.matte, a, 0, cz - 1.55, c, 2.6, cz - 1.5, '#c9ccd4');
      box(b.satin, (a + c) / 2 - 0.18, 0.55, cz - 1.5, (a + c) / 2 + 0.18, 0.9, cz - 1.35, '#f2f2f4');
      b.satin.push({ geometry: new CylinderGeometry(0.17, 0.13, 0.4, 16), position: [(a + c) / 2, 0.2, cz - 1.2], scale: [1, 1, 1.3], color: '#f2f2f4' });
      b.glow.push({ geometry: BOX, position: [(a + c) / 2, 2.45, cz - 0.8], scale: [0.6, 0.03, 0.08], color: '#e8f4ff' });
      b.matte.push({ geometry: FLOOR_PLANE, position: [(a + c) / 2, 0.003, cz - 0.78], scale: [c - a, 1, 1.5], color: '#6a6e78' });
    }
    box(b.satin, -3.1, 0.12, cz - 0.05, -2.2, 2.1, cz - 0.02, '#9aa0ac');
    box(b.metal, -2.35, 1.0, cz - 0.01, -2.3, 1.1, cz + 0.01, '#d0d0d0');
    b.screen.push({ geometry: PLANE, position: [-2.2, 2.3, cz + 0.01], scale: [0.4, 0.2, 1], uvRect: [0, 0, 1, 1] });
    b.shadow.push({ geometry: FLOOR_PLANE, position: [-2.2, 0.004, cz + 0.2], scale: [2.2, 1, 0.5] });
  }

  // Dance floor frame, DJ booth, speakers
  const { x0: fx0, x1: fx1, z0: fz0, z1: fz1 } = FLOOR;
  box(b.metal, fx0 - 0.06, 0, fz0 - 0.06, fx1 + 0.06, 0.05, fz1 + 0.06, '#222228');
  box(b.satin, 0.1, 0, -10.1, 2.1, 1.05, -9.5, '#101014');
  box(b.glow, 0.1, 0.95, -9.49, 2.1, 0.98, -9.48, '#2ad4ff');
  box(b.metal, 0.4, 1.05, -10.0, 1.8, 1.1, -9.6, '#2a2a30');
  for (const x of [-0.9, 3.0]) {
    box(b.satin, x - 0.35, 0, -10.3, x + 0.35, 1.9, -9.7, '#0e0e12');
    for (const y of [0.5, 1.3]) b.matte.push({ geometry: CYL, position: [x, y, -9.69], rotation: [Math.PI / 2, 0, 0], scale: [0.25, 0.02, 0.25], color: '#1e1e24' });
  }
  // LED wall behind the DJ
  b.screen.push({ geometry: PLANE, position: [1.1, 2.3, z0 + 0.02], scale: [5.5, 1.9, 1], uvRect: [0, 0, 1, 1] });
  // lighting truss over the dance floor
  box(b.metal, fx0, 3.3, -7.2, fx1, 3.36, -7.14, '#2a2a30');
  box(b.metal, fx0, 3.3, -7.2, fx0 + 0.06, h, -7.14, '#2a2a30');
  box(b.metal, fx1 - 0.06, 3.3, -7.2, fx1, h, -7.14, '#2a2a30');

  // The bar on the right (dark and empty at level 0)
  {
    const bx = 3.3;
    box(b.satin, bx, 0, -6.6, bx + 0.6, 1.08, -2.4, '#141218');
    box(b.metal, bx - 0.04, 1.06, -6.65, bx + 0.62, 1.1, -2.35, '#8a7a5a');
    box(b.metal, bx - 0.02, 0.12, -6.6, bx, 0.15, -2.4, '#b8902a');
    box(b.satin, x1 - 0.45, 0, -6.6, x1, 0.95, -2.4, '#141218');
    for (const y of [1.35, 1.75, 2.15]) box(b.metal, x1 - 0.3, y, -6.5, x1, y + 0.02, -2.5, '#3a3a40');
    for (const z of [-5.8, -4.5, -3.2]) {
      b.satin.push({ geometry: CYL, position: [bx - 0.35, 0.76, z], scale: [0.18, 0.05, 0.18], color: '#2a2a30' });
      b.metal.push({ geometry: CYL_LO, position: [bx - 0.35, 0.38, z], scale: [0.025, 0.74, 0.025], color: '#aaa' });
      b.metal.push({ geometry: CYL, position: [bx - 0.35, 0.01, z], scale: [0.18, 0.02, 0.18], color: '#aaa' });
    }
  }
  // plants by the booth
  for (const [px, pz, seed] of [
    [-1.5, 0.9, 4],
    [1.6, 0.9, 5],
  ] as const) {
    b.satin.push({ geometry: new CylinderGeometry(0.2, 0.16, 0.5, 16), position: [px, 0.25, pz], color: '#141418' });
    const r = seededRandom(seed);
    for (let i = 0; i < 22; i++) {
      const a = r() * Math.PI * 2;
      const tilt = 0.2 + r() * 0.7;
      const len = 0.3 + r() * 0.25;
      const q = new Quaternion().setFromEuler(new Euler(-(Math.PI / 2 - tilt), Math.PI / 2 - a, 0, 'YXZ'));
      const d = new Vector3(0, 0, 1).applyQuaternion(q);
      b.leaf.push({ geometry: SPHERE_LO, position: [px + d.x * len * 0.5, 0.5 + d.y * len * 0.5 + r() * 0.3, pz + d.z * len * 0.5], quaternion: q, scale: [0.05, 0.006, len * 0.5], color: '#1e4a2a' });
    }
  }
  return b;
}

function ClubSet() {
  const b = useMemo(buildClub, []);
  const screenParts = useMemo(() => b.screen.filter((p) => p.position?.[2] !== undefined && p.position[2] < -9), [b]);
  const wcParts = useMemo(() => b.screen.filter((p) => p.position?.[2] !== undefined && p.position[2] > -9), [b]);
  const underParts = useMemo(() => b.halo.filter((p) => (p.position?.[1] ?? 1) < 0.1), [b]);
  const stripParts = useMemo(() => b.halo.filter((p) => (p.position?.[1] ?? 1) >= 0.1), [b]);
  useFrame((_, dt) => {
    if (screenTex) screenTex.offset.x = (screenTex.offset.x + Math.min(dt, 0.1) * 0.04) % 1;
  });
  return (
    <group name="cue:lounge" userData={{ cueId: 'lounge', minLevel: 0 }}>
      <MergedMesh parts={b.floor} material={floorMat} worldUV={0.5} />
      <MergedMesh parts={b.matte} material={matteVC} />
      <MergedMesh parts={b.satin} material={satinVC} />
      <MergedMesh parts={b.metal} material={metalVC} />
      <MergedMesh parts={b.glow} material={glowVC} />
      <MergedMesh parts={b.leaf} material={leafVC} />
      <MergedMesh parts={screenParts} material={screenMat} />
      <MergedMesh parts={wcParts} material={wcMat} />
      <MergedMesh parts={b.shadow} material={contactShadow} renderOrder={1} />
      <MergedMesh parts={underParts} material={underGlow} renderOrder={2} />
      <MergedMesh parts={stripParts} material={stripHalo} renderOrder={2} />
      <SoftDrinks />
    </group>
  );
}

/** Soft drinks: the patient's cola with ice and a straw, the friend's, and two at the next table. */
function SoftDrinks() {
  const parts = useMemo(() => {
    const glass: Part[] = [];
    const liquid: Part[] = [];
    const trim: Part[] = [];
    const add = (x: number, y: number, z: number, colour: string) => {
      glass.push({ geometry: TALL_GLASS, position: [x, y, z] });
      liquid.push({ geometry: TALL_LIQUID, position: [x, y, z], color: colour });
      for (let i = 0; i < 3; i++) trim.push({ geometry: BOX, position: [x + (i - 1) * 0.012, y + 0.118 + (i % 2) * 0.008, z + (i % 2) * 0.01], rotation: [0.4 * i, 0.7 * i, 0.2], scale: 0.018, color: '#e8f4f8' });
      trim.push({ geometry: CYL_LO, position: [x + 0.012, y + 0.14, z], rotation: [0, 0, 0.2], scale: [0.003, 0.18, 0.003], color: '#e83a6a' });
      trim.push({ geometry: CYL, position: [x - 0.025, y + 0.148, z], rotation: [0, 0, 1.2], scale: [0.022, 0.004, 0.022], color: '#7ac24a' });
    };
    add(-0.2, TOP, -0.52, '#3a1408');
    add(0.2, TOP, -0.97, '#d8a020');
    add(-2.35, 0.5, -2.25, '#3a1408');
    add(-2.55, 0.5, -2.45, '#c8e0f0');
    return { glass, liquid, trim };
  }, []);
  return (
    <>
      <MergedMesh parts={parts.trim} material={matteVC} />
      <MergedMesh parts={parts.liquid} material={drinkMat} renderOrder={2} />
      <MergedMesh parts={parts.glass} material={glassClear} renderOrder={3} />
    </>
  );
}
const TALL_GLASS = new LatheGeometry(
  v2([
    [0, 0],
    [0.03, 0],
    [0.032, 0.005],
    [0.034, 0.15],
  ]),
  14,
);
const TALL_LIQUID = new LatheGeometry(
  v2([
    [0, 0.006],
    [0.029, 0.006],
    [0.031, 0.12],
    [0, 0.12],
  ]),
  14,
);
const drinkMat = new MeshStandardMaterial({ vertexColors: true, roughness: 0.15, emissive: '#1a0a04', transparent: true, opacity: 0.9 });

// ---------------------------------------------------------------------------------------------------------------
// Lights, LED floor, beams, mirror ball (animated; the strobe answers the bass-drop event)
// ---------------------------------------------------------------------------------------------------------------

function useLedFloor() {
  return useMemo(() => {
    if (typeof document === 'undefined') return null;
    const canvas = document.createElement('canvas');
    canvas.width = 128;
    canvas.height = 128;
    const tex = new CanvasTexture(canvas);
    tex.colorSpace = SRGBColorSpace;
    return { canvas, tex, ctx: canvas.getContext('2d'), last: -1 };
  }, []);
}

function ClubLights() {
  const level = useSceneLevel();
  const drop = useSceneEvent('bass-drop');
  const dance = useRef<PointLight>(null);
  const bar = useRef<PointLight>(null);
  const beams = useRef<(Mesh | null)[]>([]);
  const ball = useRef<Mesh>(null);
  const led = useLedFloor();
  const beamMats = useMemo(
    () =>
      ['#ff2a9a', '#2ad4ff', '#b04aff', '#ffd02a'].map(
        (c) => new MeshBasicMaterial({ map: beamTex, color: c, transparent: true, opacity: 0.35, blending: AdditiveBlending, depthWrite: false, side: DoubleSide, toneMapped: false }),
      ),
    [],
  );
  const ledMat = useMemo(() => new MeshBasicMaterial({ map: led?.tex ?? null, color: '#9a9a9a', toneMapped: false }), [led]);
  const beamGeo = useMemo(() => new CylinderGeometry(0.03, 0.55, 5, 18, 1, true).translate(0, -2.5, 0), []);

  useFrame((state) => {
    const t = state.clock.elapsedTime;
    const d = drop();
    // the drop lands about 1.2 s into the event: a white strobe for ~2 s
    const strobe = d.active && d.progress * 4 > 1.2 && d.progress * 4 < 3.4 ? (Math.floor(t * 12) % 2 === 0 ? 1 : 0) : 0;
    const beat = Math.pow(Math.max(0, Math.sin(t * Math.PI * 2 * 2.07)), 8);
    if (dance.current) dance.current.intensity = 6 + 3 * beat + 40 * strobe;
    if (bar.current) bar.current.intensity = level >= 1 ? 3.5 : 0.6;
    beams.current.forEach((m, i) => {
      if (!m) return;
      m.rotation.z = Math.sin(t * (0.5 + i * 0.13) + i) * 0.6;
      m.rotation.x = Math.cos(t * (0.4 + i * 0.11) + i * 2) * 0.45;
      const mat = beamMats[i]!;
      mat.opacity = strobe ? 0.9 : 0.22 + 0.15 * beat;
      mat.color.set(strobe ? '#ffffff' : (['#ff2a9a', '#2ad4ff', '#b04aff', '#ffd02a'][i] ?? '#ffffff'));
    });
    if (ball.current) ball.current.rotation.y = t * 0.3;
    if (led?.ctx) {
      const step = Math.floor(t * 4);
      if (step !== led.last || strobe) {
        led.last = step;
        const n = 8;
        const s = 128 / n;
        for (let i = 0; i < n; i++)
          for (let j = 0; j < n; j++) {
            const hue = (((i + j + step) % 12) / 12) * 360;
            const on = (i * 7 + j * 3 + step) % 5 < 2;
            led.ctx.fillStyle = strobe ? '#ffffff' : on ? `hsl(${hue},90%,45%)` : `hsl(${hue},60%,10%)`;
            led.ctx.fillRect(i * s + 1, j * s + 1, s - 2, s - 2);
          }
        led.tex.needsUpdate = true;
      }
    }
  });
  const { x0, x1, z0, z1 } = FLOOR;
  return (
    <>
      <hemisphereLight args={['#5a4a8a', '#1a1020', 1.0]} />
      <pointLight ref={dance} position={[1.0, 3.0, -7.2]} color="#ff3ab0" intensity={6} distance={10} decay={1.3} />
      <pointLight ref={bar} position={[3.6, 2.6, -4.5]} color="#2ad4ff" intensity={0.6} distance={6} decay={1.4} />
      <pointLight position={[0.1, 2.1, -0.8]} color="#ffb080" intensity={2.6} distance={4.5} decay={1.4} />
      <mesh geometry={FLOOR_PLANE} material={ledMat} position={[(x0 + x1) / 2, 0.052, (z0 + z1) / 2]} scale={[x1 - x0, 1, z1 - z0]} />
      {[0, 1, 2, 3].map((i) => (
        <mesh key={i} ref={(m) => void (beams.current[i] = m)} geometry={beamGeo} material={beamMats[i]} position={[x0 + 0.5 + i * ((x1 - x0 - 1) / 3), 3.3, -7.17]} renderOrder={4} />
      ))}
      <mesh ref={ball} position={[1.0, 3.1, -7.0]} material={metalVC}>
        <sphereGeometry args={[0.22, 14, 10]} />
      </mesh>
    </>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Level 1: dancers and the bar
// ---------------------------------------------------------------------------------------------------------------

interface Dancer extends AvatarProps {
  phase: number;
}
const DANCERS: Dancer[] = [
  { position: [0.2, 0, -6.2], yaw: 0.3, shirt: '#e83a6a', pants: '#1a1a22', hair: '#1a1410', skin: '#c68e68', hairStyle: 'long', sleeves: 'short', armPose: 'table', handTarget: [-0.25, 2.0, 0.1], phase: 0 },
  { position: [1.1, 0, -6.6], yaw: -0.4, shirt: '#2ad4ff', pants: '#2a2f3a', hair: '#6a4a2a', skin: '#f0c6a8', leftArmPose: 'table', leftHandTarget: [0.3, 1.95, 0.15], phase: 1.3 },
  { position: [2.2, 0, -6.1], yaw: -0.8, shirt: '#f2f2f2', pants: '#3a3a46', hair: '#2a1c14', skin: '#8d5a3b', hairStyle: 'bald', phase: 2.1 },
  { position: [-0.6, 0, -7.3], yaw: 0.6, shirt: '#7a4aff', pants: '#1a1a22', hair: '#d8b060', skin: '#f0d0b8', hairStyle: 'long', armPose: 'table', handTarget: [-0.2, 1.95, 0.2], leftArmPose: 'table', leftHandTarget: [0.2, 1.95, 0.2], phase: 0.7 },
  { position: [0.6, 0, -7.9], yaw: 0.1, shirt: '#ffd02a', pants: '#22303f', hair: '#1a1410', skin: '#a8764f', phase: 2.8 },
  { position: [1.8, 0, -7.6], yaw: -0.3, shirt: '#1a1a22', pants: '#1a1a22', hair: '#a8743a', skin: '#f0c9ac', hairStyle: 'long', sleeves: 'short', leftArmPose: 'table', leftHandTarget: [0.25, 2.0, 0.0], phase: 1.9 },
  { position: [2.8, 0, -8.3], yaw: -0.5, shirt: '#c44a3a', pants: '#2f3542', hair: '#3a2a1e', skin: '#d9a07f', phase: 0.4 },
  { position: [-0.2, 0, -8.6], yaw: 0.2, shirt: '#3aa86a', pants: '#2a2f3a', hair: '#2a1c14', skin: '#b07a58', armPose: 'table', handTarget: [-0.3, 1.9, 0.2], phase: 3.3 },
];

function Dancers() {
  const groups = useRef<(Group | null)[]>([]);
  const drop = useSceneEvent('bass-drop');
  useFrame((state) => {
    const t = state.clock.elapsedTime;
    const d = drop();
    const jump = d.active && d.progress * 4 > 1.2 && d.progress * 4 < 3.6 ? 1 : 0;
    groups.current.forEach((g, i) => {
      const dn = DANCERS[i];
      if (!g || !dn) return;
      const ph = t * Math.PI * 2 * 2.07 + dn.phase;
      g.position.y = (0.04 + 0.1 * jump) * Math.abs(Math.sin(ph / 2));
      g.rotation.y = (dn.yaw ?? 0) + 0.25 * Math.sin(t * 0.7 + dn.phase);
      g.rotation.z = 0.05 * Math.sin(ph / 2 + 1);
    });
  });
  const shadows = useMemo<Part[]>(() => DANCERS.map((dn) => ({ geometry: FLOOR_PLANE, position: [dn.position![0], 0.02, dn.position![2]] as Vec3, scale: [0.7, 1, 0.7] as Vec3 })), []);
  return (
    <>
      <MergedMesh parts={shadows} material={contactShadow} renderOrder={1} />
      {DANCERS.map((dn, i) => (
        <group key={i} ref={(g) => void (groups.current[i] = g)} position={dn.position}>
          <Avatar {...dn} position={[0, 0, 0]} yaw={0} />
        </group>
      ))}
    </>
  );
}

function bottleRow(list: Part[], clear: Part[], x: number, y: number, z0: number, z1: number, seed: number) {
  const rnd = seededRandom(seed);
  const cols = ['#1e5a2a', '#4a250e', '#b0621a', '#1d4f8a', '#123d1f'];
  for (let z = z0; z < z1; z += 0.085 + rnd() * 0.03) {
    const tall = 0.24 + rnd() * 0.08;
    const geo = new LatheGeometry(v2([[0, 0], [0.035, 0], [0.036, tall * 0.62], [0.014, tall * 0.8], [0.013, tall], [0, tall]]), 10);
    (rnd() < 0.35 ? clear : list).push({ geometry: geo, position: [x, y, z], color: rnd() < 0.35 ? '#e6f2f2' : cols[Math.floor(rnd() * cols.length)]! });
  }
}

function Bar() {
  const parts = useMemo(() => {
    const glass: Part[] = [];
    const clear: Part[] = [];
    const glow: Part[] = [];
    for (const [i, y] of [1.37, 1.77, 2.17].entries()) bottleRow(glass, clear, ROOM.x1 - 0.15, y, -6.4, -2.6, 50 + i);
    for (const y of [1.36, 1.76, 2.16]) glow.push({ geometry: BOX, position: [ROOM.x1 - 0.02, y + 0.15, -4.5], scale: [0.02, 0.3, 3.9], color: '#2a8aff' });
    glow.push({ geometry: BOX, position: [3.28, 1.0, -4.5], scale: [0.01, 0.03, 4.2], color: '#2ad4ff' });
    return { glass, clear, glow };
  }, []);
  return (
    <>
      <MergedMesh parts={parts.glow} material={glowVC} />
      <MergedMesh parts={parts.glass} material={bottleGlassVC} />
      <MergedMesh parts={parts.clear} material={bottleClearVC} renderOrder={2} />
      <Avatar position={[4.2, 0, -4.3]} yaw={-Math.PI / 2} shirt="#111" pants="#111" hair="#2a1c14" skin="#c68e68" armPose="counter" handTarget={[-0.2, 1.1, 0.4]} leftArmPose="counter" leftHandTarget={[0.2, 1.1, 0.4]} />
    </>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Cocaine props
// ---------------------------------------------------------------------------------------------------------------

/** A rolled banknote: origin at one end, +y along it, 7 cm. */
const NOTE_GEO = new CylinderGeometry(0.0068, 0.0068, 0.08, 12, 1, true).translate(0, 0.04, 0);
function RolledNote() {
  const parts = useMemo<Part[]>(() => [{ geometry: NOTE_GEO, uvRect: UV_NOTE }], []);
  return <MergedMesh parts={parts} material={noteMat} />;
}

function Card() {
  const parts = useMemo<Part[]>(() => [{ geometry: BOX, scale: [0.085, 0.0009, 0.054], uvRect: UV_CARD }], []);
  return <MergedMesh parts={parts} material={noteMat} />;
}

/** A small mirror tile, its frame and `lines` of powder, origin at its centre (top face at y = 0.006). */
function MirrorTile({ lines, size = 0.2 }: { lines: number; size?: number }) {
  const parts = useMemo(() => {
    const frame: Part[] = [{ geometry: BOX, position: [0, 0.002, 0], scale: [size + 0.012, 0.004, size + 0.012], color: '#111' }];
    const glass: Part[] = [{ geometry: BOX, position: [0, 0.005, 0], scale: [size, 0.002, size] }];
    const powder: Part[] = [];
    for (let i = 0; i < lines; i++) powder.push({ geometry: BOX, position: [0.01, 0.0075, -0.05 + i * 0.035], scale: [size * 0.45, 0.0025, 0.006] });
    powder.push({ geometry: SPHERE_LO, position: [-0.06, 0.0065, 0.06], scale: [0.012, 0.003, 0.01] });
    return { frame, glass, powder };
  }, [lines, size]);
  return (
    <>
      <MergedMesh parts={parts.frame} material={satinVC} />
      <MergedMesh parts={parts.glass} material={mirrorMat} />
      <MergedMesh parts={parts.powder} material={powderMat} />
    </>
  );
}

const MIRROR = { x: 0.12, z: -0.64, rot: 0.35 };
const NOTE_REST = { at: new Vector3(0.24, TOP + 0.0065, -0.5), dir: new Vector3(-0.8, 0, 0.6).normalize() };
const CARD_REST = new Vector3(-0.07, TOP + 0.0005, -0.55);
const BAGGIE_AT = new Vector3(0.3, TOP, -0.78);
/** The friend's free hand resting on the table's edge while he works. */
const TABLE_REST_HAND = new Vector3(0.36, TOP + 0.03, -0.5);
/** Mirror-local → scene. */
const MIRROR_M = new Matrix4().compose(new Vector3(MIRROR.x, TOP, MIRROR.z), new Quaternion().setFromEuler(new Euler(0, MIRROR.rot, 0)), new Vector3(1, 1, 1));
const onMirror = (x: number, y: number, z: number) => new Vector3(x, y, z).applyMatrix4(MIRROR_M);

function Baggie() {
  const parts = useMemo(
    () => ({
      bag: [{ geometry: BOX, position: [0, 0.006, 0] as Vec3, rotation: [0, 0.6, 0] as Vec3, scale: [0.04, 0.012, 0.05] as Vec3 }],
      powder: [{ geometry: SPHERE_LO, position: [0, 0.005, 0.006] as Vec3, rotation: [0, 0.6, 0] as Vec3, scale: [0.016, 0.005, 0.017] as Vec3 }],
      trim: [{ geometry: BOX, position: [Math.sin(0.6) * -0.022, 0.008, Math.cos(0.6) * -0.022] as Vec3, rotation: [0, 0.6, 0] as Vec3, scale: [0.04, 0.002, 0.004] as Vec3, color: '#d83a3a' }],
    }),
    [],
  );
  return (
    <group position={[BAGGIE_AT.x, BAGGIE_AT.y, BAGGIE_AT.z]}>
      <MergedMesh parts={parts.powder} material={powderMat} />
      <MergedMesh parts={parts.trim} material={matteVC} />
      <MergedMesh parts={parts.bag} material={bagMat} renderOrder={2} />
    </group>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// People and what they do
// ---------------------------------------------------------------------------------------------------------------

/** The friend on the booth's right wing, turned toward the patient. */
const FRIEND = { pos: [0.9, 0, -0.62] as Vec3, yaw: -1.02 };
/** The neighbour at the next table, on the banquette against the left wall, facing the room. */
const NEIGHBOUR = { pos: [-3.28, 0, -2.62] as Vec3, yaw: Math.PI / 2 };
const LOOK_FRIEND = { seated: true, seatHeight: 0.45, skin: '#e6c0a0', shirt: '#1e2a3a', pants: '#2a2a30', hair: '#5a3a22', hairStyle: 'short' as const };
const LOOK_NEIGHBOUR = { seated: true, seatHeight: 0.45, skin: '#c68e68', shirt: '#e8e8ec', pants: '#1a1a22', hair: '#1a1410', hairStyle: 'short' as const, beard: true, sleeves: 'short' as const };
/** The neighbour's plate (small mirror) on his table. */
const PLATE_REST = new Vector3(-2.55, 0.5, -2.5);
/** Where the friend holds the banknote out (~0.55 m from the patient's eyes). */
const OFFER_PT = new Vector3(0.34, 0.98, -0.4);
const OFFER_LOS = OFFER_PT.clone().sub(EYE).normalize();
const OFFER_DIR = new Vector3().crossVectors(UP, OFFER_LOS).normalize().addScaledVector(OFFER_LOS, 0.4).add(new Vector3(0, 0.1, 0)).normalize();

const scratchArm = { hand: new Vector3(), pole: new Vector3() };
const tv = new Vector3();
const tq = new Quaternion();

function pathV(t: number, keys: [number, Vector3][]): Vector3 {
  const out = new Vector3();
  const first = keys[0];
  if (!first) return out;
  if (t <= first[0]) return out.copy(first[1]);
  for (let i = 1; i < keys.length; i++) {
    const k = keys[i]!;
    if (t < k[0]) {
      const p = keys[i - 1]!;
      return out.copy(p[1]).lerp(k[1], smooth((t - p[0]) / (k[0] - p[0])));
    }
  }
  return out.copy(keys[keys.length - 1]![1]);
}

function People() {
  const level = useSceneLevel();
  const friend = useRef<RigHandle>(null);
  const neighbour = useRef<RigHandle>(null);
  const note = useRef<Group>(null);
  const card = useRef<Group>(null);
  const pile = useRef<Mesh>(null);
  const line3 = useRef<Mesh>(null);
  const plate = useRef<Group>(null);
  const plateNote = useRef<Group>(null);
  const plateLine = useRef<Mesh>(null);
  const evNote = useRef<Group>(null);
  const door = useRef<Group>(null);

  const cuts = useSegment('friend-cuts-lines');
  const offered = useSegment('banknote-offered');
  const snorts = useSegment('neighbour-snorts');
  const offerEv = useSceneEvent('offer-line');

  const st = useMemo(
    () => ({ pf: makePose(), pn: makePose(), smF: new PoseSmoother(), smN: new PoseSmoother(), cut: false, door: level >= 3 ? 1 : 0 }),
    [],
  );

  useFrame((state, dt) => {
    const F = friend.current;
    const N = neighbour.current;
    if (!F || !N) return;
    const time = state.clock.elapsedTime;
    const beat = Math.sin(time * Math.PI * 2 * 2.07);

    // ---------------- the friend ----------------
    const pf = F.frame.restPose(st.pf);
    pf.headPitch = 0.04 * beat;
    pf.headYaw = -0.5 * hold((time + 3) % 14, 2, 2.6, 6, 6.6) + 0.08 * Math.sin(time * 0.4);
    pf.lean = 0.05;
    const restR = F.toParent(F.frame.rest(RIGHT, scratchArm).hand, new Vector3());
    const restL = F.toParent(F.frame.rest(LEFT, scratchArm).hand, new Vector3());
    pf.right.pole.set(-0.5, -1, 0.1);
    pf.left.pole.set(0.5, -1, 0.1);
    let noteOwner: 'rest' | 'friend' = 'rest';
    let noteDir = NOTE_REST.dir;
    let cardOwner: 'rest' | 'friend' = 'rest';
    let cardTap = 0;
    let pileK = 0;
    let line3K = st.cut ? 1 : 0;
    let evNoteShow = 0;
    let offerW = 0;
    const cp = cuts();
    const op = offered();
    const ev = offerEv();
    const noteGrip = NOTE_REST.at.clone().addScaledVector(NOTE_REST.dir, 0.035).addScaledVector(UP, 0.025);
    const cardGrip = CARD_REST.clone().addScaledVector(UP, 0.03);
    const bagGrip = BAGGIE_AT.clone().addScaledVector(UP, 0.035);
    const pileAt = onMirror(-0.05, 0.007, 0.055);
    if (cp.active) {
      // pours a little powder from the baggie onto the mirror, chops it with the card, draws a line
      const t = cp.progress * 8;
      pf.lean = 0.05 + 0.72 * hold(t, 0, 0.9, 7.0, 7.9);
      pf.headPitch = 0.45 * hold(t, 0.2, 1.0, 7.0, 7.8);
      const overPile = pileAt.clone().addScaledVector(UP, 0.07);
      const tapping = 0.012 * Math.abs(Math.sin(t * 14)) * hold(t, 1.3, 1.5, 2.1, 2.3);
      F.toLocal(
        pathV(t, [
          [0, restL],
          [0.9, bagGrip],
          [1.0, bagGrip],
          [1.4, overPile.clone().addScaledVector(UP, tapping)],
          [2.2, overPile],
          [2.7, bagGrip],
          [2.8, bagGrip],
          [3.5, TABLE_REST_HAND],
          [7.0, TABLE_REST_HAND],
          [7.9, restL],
        ]),
        pf.left.hand,
      );
      const chop = 0.015 * Math.abs(Math.sin(t * 16)) * hold(t, 3.4, 3.6, 4.8, 5.0);
      const lineStart = onMirror(-0.06, 0.03, 0.055);
      const lineEnd = onMirror(0.06, 0.03, 0.055);
      F.toLocal(
        pathV(t, [
          [0, restR],
          [2.0, restR],
          [2.8, cardGrip],
          [2.9, cardGrip],
          [3.4, pileAt.clone().addScaledVector(UP, 0.03 + chop)],
          [5.0, pileAt.clone().addScaledVector(UP, 0.03)],
          [5.4, lineStart],
          [6.6, lineEnd],
          [7.2, cardGrip],
          [7.3, cardGrip],
          [8.0, restR],
        ]),
        pf.right.hand,
      );
      cardOwner = t > 2.85 && t < 7.25 ? 'friend' : 'rest';
      cardTap = chop;
      pileK = track(t, [
        [1.2, 0],
        [2.2, 1],
        [5.2, 1],
        [6.6, 0],
      ]);
      line3K = Math.max(line3K, track(t, [
        [5.2, 0],
        [6.6, 1],
      ]));
      if (t > 6.6) st.cut = true;
    } else if (op.active || ev.active) {
      // picks up the rolled banknote and holds it out to the patient (segment or clinician event)
      const t = op.active ? op.progress * 7 : ev.progress * 7 * (6 / 7) + 0.0;
      pf.lean = 0.05 + 0.4 * hold(t, 0, 0.8, 0.9, 1.6) + 0.3 * hold(t, 1.2, 2.2, 5.2, 6.0) + 0.4 * hold(t, 5.3, 5.9, 6.0, 6.6);
      pf.headPitch = 0.3 * hold(t, 0.1, 0.7, 0.9, 1.5) + 0.3 * hold(t, 5.3, 5.9, 6.0, 6.6) + 0.12 * hold(t, 2.6, 3.0, 3.6, 4.0);
      F.toLocal(
        pathV(t, [
          [0, restL],
          [0.9, noteGrip],
          [1.0, noteGrip],
          [2.2, OFFER_PT],
          [5.2, OFFER_PT.clone().add(tv.set(0, 0.008 * Math.sin(t * 3), 0))],
          [6.0, noteGrip],
          [6.1, noteGrip],
          [6.9, restL],
        ]),
        pf.left.hand,
      );
      pf.left.pole.set(0.5, -1, 0);
      noteDir = pathV(t, [
        [1.0, NOTE_REST.dir],
        [2.2, OFFER_DIR],
        [5.2, OFFER_DIR],
        [6.0, NOTE_REST.dir],
      ]).normalize();
      offerW = hold(t, 1.4, 2.2, 5.2, 5.8);
      if (op.active) noteOwner = t > 0.95 && t < 6.05 ? 'friend' : 'rest';
      else evNoteShow = hold(t, 0.6, 0.9, 6.0, 6.3);
    }
    F.apply(st.smF.step(pf, dt));
    const handPos = (R: RigHandle, side: number) => R.toParent(R.hand(side), new Vector3());
    /** The note's near end when held: under the fingers, or (held out) in front of them toward the patient. */
    const heldNote = () => {
      const h = handPos(F, LEFT);
      const base = h.clone().addScaledVector(noteDir, -0.035).addScaledVector(UP, -0.02);
      const shown = h.clone().addScaledVector(EYE.clone().sub(h).normalize(), 0.045).addScaledVector(noteDir, -0.04);
      return base.lerp(shown, offerW);
    };
    const nt = note.current;
    if (nt) {
      if (noteOwner === 'rest') carry(nt, NOTE_REST.at, NOTE_REST.dir);
      else carry(nt, heldNote(), noteDir);
    }
    const en = evNote.current;
    if (en) {
      en.visible = evNoteShow > 0.01;
      if (en.visible) carry(en, heldNote(), noteDir, evNoteShow);
    }
    const cd = card.current;
    if (cd) {
      if (cardOwner === 'rest') {
        cd.position.copy(CARD_REST);
        cd.rotation.set(0, -0.3, 0);
      } else {
        // held edge-down in the fingers
        cd.position.copy(handPos(F, RIGHT)).addScaledVector(UP, -0.03 - cardTap * 0.2);
        cd.rotation.set(0, MIRROR.rot + Math.PI / 2, Math.PI / 2 - 0.3);
      }
    }
    if (pile.current) {
      pile.current.visible = pileK > 0.01;
      pile.current.scale.set(0.014 * pileK, 0.004 * pileK, 0.012 * pileK);
    }
    if (line3.current) {
      line3.current.visible = line3K > 0.01;
      line3.current.scale.set(0.09 * line3K, 0.0025, 0.006);
      line3.current.position.set(-0.045 + 0.045 * line3K, 0.0075, 0.055);
    }

    // ---------------- the neighbour: chats; at level 3+ lifts his little mirror and snorts a line ----------------
    const pn = N.frame.restPose(st.pn);
    pn.headYaw = -0.35 * hold(time % 9, 1, 1.5, 4, 4.5) + 0.05 * beat;
    pn.lean = 0.06;
    pn.right.pole.set(-0.5, -1, 0.1);
    pn.left.pole.set(0.5, -1, 0.1);
    const sp = snorts();
    const rN = N.toParent(N.frame.rest(RIGHT, scratchArm).hand, new Vector3());
    const lN = N.toParent(N.frame.rest(LEFT, scratchArm).hand, new Vector3());
    let plateAt = PLATE_REST.clone();
    let plateTilt = 0;
    let plateNoteAt: Vector3 | null = null;
    let plateNoteDir = new Vector3(1, 0, 0);
    let lineK = 1;
    if (sp.active) {
      const t = sp.progress * 6;
      pn.lean = 0.06 + 0.35 * hold(t, 0, 0.8, 2.7, 3.3) + 0.3 * hold(t, 0, 0.5, 0.6, 1.0);
      pn.headPitch = 0.55 * hold(t, 0.6, 1.2, 2.6, 3.0) - 0.3 * hold(t, 3.0, 3.3, 3.8, 4.4);
      pn.headYaw = -0.12 * hold(t, 1.4, 1.6, 2.4, 2.6) * Math.sin((t - 1.4) * 2.6);
      // the plate comes up under his chin (left hand); the rolled note goes to his nose (right hand)
      const nose = N.toParent(N.frame.nose(pn, tv), new Vector3());
      const fwdN = toWorldDir(N, new Vector3(0, 0, 1), new Vector3());
      const chin = nose.clone().addScaledVector(UP, -0.085).addScaledVector(fwdN, 0.05);
      plateAt = pathV(t, [
        [0.4, PLATE_REST],
        [1.2, chin],
        [2.7, chin],
        [3.4, PLATE_REST],
      ]);
      plateTilt = 0.35 * hold(t, 0.4, 1.2, 2.7, 3.4);
      N.toLocal(
        pathV(t, [
          [0, lN],
          [0.4, PLATE_REST.clone().addScaledVector(UP, 0.02)],
          [3.4, PLATE_REST.clone().addScaledVector(UP, 0.02)],
          [4.0, lN],
        ]).lerp(plateAt.clone().add(toWorldDir(N, tv.set(0.06, -0.01, -0.02), new Vector3())), hold(t, 0.4, 0.41, 3.39, 3.4)),
        pn.left.hand,
      );
      const noteEnd = plateAt.clone().add(toWorldDir(N, tv.set(0.0, 0.012, 0.0), new Vector3()));
      const noteTop = nose.clone().addScaledVector(UP, -0.006);
      plateNoteDir = noteTop.clone().sub(noteEnd).normalize();
      const noteHand = noteEnd.clone().addScaledVector(plateNoteDir, 0.04).add(toWorldDir(N, tv.set(-0.035, 0, 0.01), new Vector3()));
      const wipe = N.toParent(N.frame.nose(pn, tv), new Vector3()).add(toWorldDir(N, tv.set(-0.02, -0.02, 0.05), new Vector3()));
      N.toLocal(
        pathV(t, [
          [0, rN],
          [0.9, noteHand],
          [2.7, noteHand],
          [3.2, rN],
          [3.6, rN],
          [4.0, wipe],
          [4.6, wipe],
          [5.3, rN],
        ]),
        pn.right.hand,
      );
      if (t > 0.9 && t < 2.7) plateNoteAt = noteEnd;
      lineK = 1 - track(t, [
        [1.4, 0],
        [2.6, 1],
      ]) + track(t, [
        [5.0, 0],
        [6.0, 1],
      ]);
    }
    N.apply(st.smN.step(pn, dt));
    const pl = plate.current;
    if (pl) {
      tq.setFromEuler(new Euler(0, 0.4, 0)).premultiply(new Quaternion().setFromAxisAngle(toWorldDir(N, tv.set(1, 0, 0), new Vector3()), -plateTilt));
      pl.matrix.compose(plateAt, tq, new Vector3(1, 1, 1));
      pl.matrixWorldNeedsUpdate = true;
    }
    const pn2 = plateNote.current;
    if (pn2) {
      if (plateNoteAt) carry(pn2, plateNoteAt, plateNoteDir);
      else carry(pn2, PLATE_REST.clone().add(tv.set(0.02, 0.008, 0.07)), new Vector3(0.2, 0, -1).normalize());
    }
    if (plateLine.current) plateLine.current.scale.set(0.09 * Math.max(0.02, Math.min(1, lineK)), 0.0025, 0.006);

    // ---------------- the toilet cubicle door: ajar from level 3 ----------------
    st.door += Math.sign((level >= 3 ? 1 : 0) - st.door) * Math.min(Math.abs((level >= 3 ? 1 : 0) - st.door), Math.min(dt, 0.1) / 1.5);
    if (door.current) door.current.rotation.y = -1.05 * smooth(st.door);
  });

  const shadows = useMemo<Part[]>(
    () => [
      { geometry: FLOOR_PLANE, position: [FRIEND.pos[0] - 0.35, 0.006, FRIEND.pos[2] + 0.2], scale: [0.5, 1, 0.5] },
      { geometry: FLOOR_PLANE, position: [NEIGHBOUR.pos[0] + 0.45, 0.006, NEIGHBOUR.pos[2]], scale: [0.5, 1, 0.5] },
    ],
    [],
  );
  const doorParts = useMemo<Part[]>(
    () => [
      { geometry: BOX, position: [0.45, 1.11, 0], scale: [0.9, 1.98, 0.03], color: '#9aa0ac' },
      { geometry: BOX, position: [0.8, 1.05, 0.02], scale: [0.05, 0.1, 0.02], color: '#d0d0d0' },
    ],
    [],
  );

  return (
    <>
      <MergedMesh parts={shadows} material={contactShadow} renderOrder={1} />
      <Rig ref={friend} look={LOOK_FRIEND} position={FRIEND.pos} yaw={FRIEND.yaw} name="friend" />
      <Rig ref={neighbour} look={LOOK_NEIGHBOUR} position={NEIGHBOUR.pos} yaw={NEIGHBOUR.yaw} name="neighbour" />
      <Avatar position={[-3.28, 0, -1.95]} yaw={Math.PI / 2 - 0.35} seated seatHeight={0.45} shirt="#b04aff" pants="#1a1a22" hair="#6a3a22" skin="#f0c9ac" hairStyle="long" sleeves="short" />
      <group ref={door} position={[-2.2, 0, -4.32]}>
        <MergedMesh parts={doorParts} material={satinVC} />
      </group>

      <Cue id="mirror-lines" minLevel={2}>
        <group position={[MIRROR.x, TOP, MIRROR.z]} rotation={[0, MIRROR.rot, 0]}>
          <MirrorTile lines={2} />
        </group>
      </Cue>
      <Cue id="rolled-banknote" minLevel={2}>
        <group ref={note} matrixAutoUpdate={false}>
          <RolledNote />
        </group>
      </Cue>
      <Cue id="bank-card" minLevel={2}>
        <group ref={card} position={[CARD_REST.x, CARD_REST.y, CARD_REST.z]}>
          <Card />
        </group>
      </Cue>
      <Cue id="coke-baggie" minLevel={4}>
        <Baggie />
      </Cue>
      <Cue id="fresh-line" minLevel={4}>
        <group position={[MIRROR.x, TOP, MIRROR.z]} rotation={[0, MIRROR.rot, 0]}>
          <mesh ref={pile} geometry={SPHERE_LO} material={powderMat} position={[-0.05, 0.0065, 0.055]} visible={false} />
          <mesh ref={line3} geometry={BOX} material={powderMat} position={[0, 0.0075, 0.055]} visible={false} />
        </group>
      </Cue>
      <Cue id="neighbour-lines" minLevel={3}>
        <group ref={plate} matrixAutoUpdate={false}>
          <MirrorTile lines={1} size={0.16} />
          <mesh ref={plateLine} geometry={BOX} material={powderMat} position={[0.01, 0.0075, 0.03]} scale={[0.09, 0.0025, 0.006]} />
        </group>
        <group ref={plateNote} matrixAutoUpdate={false}>
          <RolledNote />
        </group>
      </Cue>
      <Cue id="toilet-cubicle" minLevel={3}>
        <CubicleUsers />
      </Cue>
      <group ref={evNote} matrixAutoUpdate={false} visible={false}>
        <RolledNote />
      </group>
    </>
  );
}

/** Two people inside the cubicle with the door ajar: one bent over the cistern, one watching, phone lit. */
function CubicleUsers() {
  return (
    <>
      {/* bent over the cistern, back to the door */}
      <group position={[-1.86, 0, -5.15]} rotation={[0, Math.PI - 0.45, 0]}>
        <group rotation={[0.45, 0, 0]}>
          <Avatar shirt="#2a6ad0" pants="#1a1a22" hair="#2a1c14" skin="#d9a07f" armPose="table" handTarget={[-0.12, 1.15, 0.42]} leftArmPose="table" leftHandTarget={[0.12, 1.15, 0.42]} />
        </group>
      </group>
      {/* waiting their turn, lit by a phone */}
      <Avatar position={[-2.0, 0, -4.75]} yaw={Math.PI * 0.8} shirt="#e8d04a" pants="#2a2f3a" hair="#a8743a" skin="#f0c6a8" hairStyle="long" armPose="table" handTarget={[-0.05, 1.3, 0.3]} />
      <mesh position={[-1.99, 1.32, -4.53]} material={glowVC} scale={[0.035, 0.06, 0.006]} rotation={[0, 0.6, 0]}>
        <boxGeometry args={[1, 1, 1]} />
      </mesh>
    </>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Scene
// ---------------------------------------------------------------------------------------------------------------

/**
 * Club lounge, graded 0–4: the booth, a soft drink, the dance floor empty and the bar closed (0); dancers and
 * the lit bar (1); a mirror with lines, a rolled banknote and a card on the table (2); the neighbour snorts a
 * line at the next table and a toilet door stands ajar on two people (3); the friend beside the patient pours
 * and cuts a line and holds out the banknote (4).
 */
/** Where the music comes from: the DJ booth between the two stacks. */
const DJ: Vec3 = [1.1, 1.3, -9.6];

/**
 * Sounds: the club's music at every level (louder once people dance), the dancers' crowd from 1, the DJ's
 * drop when fired; the neighbour's snort (3–4) and the friend chopping lines on the mirror (4).
 */
function ClubSounds() {
  return (
    <>
      <SpatialSound id="club-music" sound="music-club" position={DJ} volume={[0.35, 0.5]} refDistance={4} />
      <SpatialSound id="club-crowd" sound="crowd" position={[1.4, 1.5, -7]} minLevel={1} volume={0.3} refDistance={3} />
      <SpatialSound id="bass-drop" sound="bass-drop" position={DJ} volume={0.5} refDistance={4} on={[{ event: 'bass-drop' }]} />
      <SpatialSound id="snorting" sound="sniff" position={[NEIGHBOUR.pos[0] + 0.1, 1.05, NEIGHBOUR.pos[2]]} minLevel={3} volume={0.5} refDistance={1.5} on={[{ segment: 'neighbour-snorts', at: 1.4 / 6 }]} />
      <SpatialSound id="chopping-lines" sound="chopping" position={[MIRROR.x, TABLE.h + 0.05, MIRROR.z]} minLevel={4} volume={0.45} on={[{ segment: 'friend-cuts-lines', at: 3.4 / 8 }]} />
    </>
  );
}

export function NightclubScene({ personalisation }: SceneProps) {
  return (
    <>
      <SceneEnvironment intensity={0.5} background="#030205" />
      <Stressor at={[-0.2, TOP, -0.52]} rotY={0.3} personalisation={personalisation ?? {}} />
      <ClubLights />
      <ClubSet />
      <Cue id="dancers" minLevel={1}>
        <Dancers />
      </Cue>
      <Cue id="bar" minLevel={1}>
        <Bar />
      </Cue>
      <People />
      <ClubSounds />
    </>
  );
}


