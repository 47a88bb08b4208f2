import { Stressor } from '../stressors/StressorOnTable';
import type { SceneProps } from '../components';
import { useFrame } from '@react-three/fiber';
import { useMemo, useRef } from 'react';
import { CylinderGeometry, MeshBasicMaterial, MeshStandardMaterial, Quaternion, Vector3, type Group, type PointLight } from 'three';
import { SpatialSound } from '../kit/audio/SpatialSound';
import { Cue } from '../kit/Cue';
import { SceneEnvironment } from '../kit/Environment';
import { useSceneLevel } from '../kit/levelContext';
import { canvasTexture, contactShadow, floorLight, glowHalo, glowVC, leafVC, matteVC, metalVC, satinVC, seededRandom, tiledTexture, woodVC, type Part, type Vec3 } from '../kit/materials';
import { useSceneEvent, useSegment } from '../kit/sceneClock';
import { blotch, grain } from '../crack-room/canvasArt';
import {
  BOX,
  CYL,
  CYL_LO,
  FLOOR_PLANE,
  LIGHTER_TOP,
  MergedMesh,
  PLANE,
  Props,
  SPHERE_LO,
  baggieParts,
  box,
  cottonParts,
  crumpledCloth,
  hangingCloth,
  lighterParts,
  lumpGeometry,
  parentMatrix,
  placer,
  plasticClearVC,
  shadowAt,
  spoonParts,
  strapParts,
  syringeParts,
  uvOf,
  type Rect,
} from '../crack-room/common';
import { HeldLighter, HeldSpoon, HeldSyringe } from '../crack-room/held';
import { Person, Smoke, alongDir, envelope, gripAt, type Look, type PoseState, type SmokeSource } from '../crack-room/rig';

/*
 * A shabby flat at night where opioids are injected. Layout (metres; the patient sits in an old armchair at the
 * origin facing -z, eyes at y = 1.2):
 *   - a low coffee table in front (centre z = -0.75, top 0.42 m) on a worn rug;
 *   - a sagging sofa against the back wall (z = -3.6), a floor lamp at its right end, a curtained window at the left;
 *   - a kitchenette along the right wall (counter front at x = 2.0) with a fridge; the TV on a cabinet on the left.
 * Level 0 holds nothing related to drugs. Non-graphic throughout: the syringe is only ever held near an arm, never
 * in the skin, and there is no blood.
 */

const ROOM = { x0: -2.6, x1: 2.6, z0: -3.6, z1: 1.6, h: 2.55 };
const TABLE = { x: 0, z: -0.75, w: 0.92, d: 0.5, h: 0.42 };
const TOP = TABLE.h + 0.001;
const SOFA = { x0: -1.35, x1: 0.95, z0: -3.55, z1: -2.65, seat: 0.44 };
const COUNTER = { x: 2.0, z0: -3.55, z1: -1.75, h: 0.9 };
const CHAIR = { x: 0.8, z: -1.0, yaw: -0.7 };

// ---------------------------------------------------------------------------------------------------------------
// Textures
// ---------------------------------------------------------------------------------------------------------------

/** Faded wallpaper: a stripe-and-medallion pattern, yellowed, with damp stains and scuffs. Tiles horizontally. */
function drawWallpaper(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const rnd = seededRandom(41);
  ctx.fillStyle = '#b8ad8c';
  ctx.fillRect(0, 0, w, h);
  for (let x = 0; x < w; x += 64) {
    ctx.fillStyle = 'rgba(120,100,70,0.22)';
    ctx.fillRect(x, 0, 20, h);
    ctx.fillStyle = 'rgba(255,250,230,0.12)';
    ctx.fillRect(x + 30, 0, 4, h);
  }
  for (let y = 40; y < h; y += 96)
    for (let x = 42; x < w; x += 128) {
      const yy = y + ((x / 128) % 2) * 48;
      ctx.strokeStyle = 'rgba(110,85,55,0.3)';
      ctx.lineWidth = 3;
      ctx.beginPath();
      ctx.ellipse(x, yy, 12, 18, 0, 0, Math.PI * 2);
      ctx.stroke();
      ctx.beginPath();
      ctx.moveTo(x, yy - 26);
      ctx.lineTo(x, yy + 26);
      ctx.stroke();
    }
  // yellowing toward the top (smoke), damp stains, scuffs along the bottom
  const g = ctx.createLinearGradient(0, 0, 0, h);
  g.addColorStop(0, 'rgba(110,80,30,0.25)');
  g.addColorStop(0.5, 'rgba(110,80,30,0)');
  g.addColorStop(1, 'rgba(40,30,20,0.25)');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, w, h);
  for (let i = 0; i < 6; i++) blotch(ctx, rnd() * w, rnd() * h, 30 + rnd() * 90, 'rgba(100,80,40,A)', 0.25);
  for (let i = 0; i < 3; i++) {
    // a seam coming unstuck: a pale strip with a shadow beside it
    const x = Math.round(rnd() * 16) * 64;
    ctx.fillStyle = 'rgba(235,228,205,0.35)';
    ctx.fillRect(x, 0, 6, 60 + rnd() * 160);
    ctx.fillStyle = 'rgba(40,30,20,0.2)';
    ctx.fillRect(x + 6, 0, 3, 60 + rnd() * 120);
  }
  grain(ctx, 0, 0, w, h, 42, 0.05);
}

function drawRug(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const rnd = seededRandom(9);
  ctx.fillStyle = '#6a2f2a';
  ctx.fillRect(0, 0, w, h);
  ctx.strokeStyle = '#c9a66a';
  ctx.lineWidth = 10;
  ctx.strokeRect(20, 20, w - 40, h - 40);
  ctx.strokeStyle = '#2d3a52';
  ctx.lineWidth = 16;
  ctx.strokeRect(44, 44, w - 88, h - 88);
  ctx.fillStyle = '#2d3a52';
  ctx.beginPath();
  ctx.moveTo(w / 2, h * 0.25);
  ctx.lineTo(w * 0.75, h / 2);
  ctx.lineTo(w / 2, h * 0.75);
  ctx.lineTo(w * 0.25, h / 2);
  ctx.closePath();
  ctx.fill();
  ctx.fillStyle = '#c9a66a';
  ctx.beginPath();
  ctx.arc(w / 2, h / 2, 30, 0, Math.PI * 2);
  ctx.fill();
  // wear and stains
  for (let i = 0; i < 14; i++) blotch(ctx, rnd() * w, rnd() * h, 20 + rnd() * 70, rnd() < 0.5 ? 'rgba(20,10,8,A)' : 'rgba(200,170,130,A)', 0.2);
  grain(ctx, 0, 0, w, h, 10, 0.12);
}

const PROPS_W = 1024;
const RECTS = {
  night: [0, 0, 256, 256] as Rect,
  tv: [256, 0, 256, 160] as Rect,
  photo: [512, 0, 192, 128] as Rect,
  calendar: [704, 0, 160, 224] as Rect,
  pizza: [0, 256, 256, 256] as Rect,
  clock: [256, 256, 256, 256] as Rect,
  magazine: [512, 256, 192, 256] as Rect,
};

function drawFlatProps(ctx: CanvasRenderingContext2D) {
  const rnd = seededRandom(13);
  {
    const [x, y, w, h] = RECTS.night;
    const g = ctx.createLinearGradient(0, y, 0, y + h);
    g.addColorStop(0, '#0a1224');
    g.addColorStop(1, '#1d2438');
    ctx.fillStyle = g;
    ctx.fillRect(x, y, w, h);
    for (let b = 0; b < 4; b++) {
      const bx = x + b * 64;
      const bh = 80 + rnd() * 110;
      ctx.fillStyle = '#0d111b';
      ctx.fillRect(bx, y + h - bh, 60, bh);
      for (let i = 0; i < 8; i++) if (rnd() < 0.4) {
        ctx.fillStyle = rnd() < 0.6 ? '#e8b460' : '#9fb4d6';
        ctx.fillRect(bx + 6 + (i % 3) * 18, y + h - bh + 10 + Math.floor(i / 3) * 24, 10, 12);
      }
    }
  }
  {
    // TV screen, off: dark with a faint reflection
    const [x, y, w, h] = RECTS.tv;
    const g = ctx.createLinearGradient(x, y, x + w, y + h);
    g.addColorStop(0, '#15181c');
    g.addColorStop(0.45, '#262b31');
    g.addColorStop(0.55, '#15181c');
    g.addColorStop(1, '#0c0e10');
    ctx.fillStyle = g;
    ctx.fillRect(x, y, w, h);
  }
  {
    const [x, y, w, h] = RECTS.photo;
    ctx.fillStyle = '#efe9dc';
    ctx.fillRect(x, y, w, h);
    const g = ctx.createLinearGradient(0, y + 8, 0, y + h - 8);
    g.addColorStop(0, '#9cc3e0');
    g.addColorStop(1, '#e2d2a6');
    ctx.fillStyle = g;
    ctx.fillRect(x + 8, y + 8, w - 16, h - 16);
    ctx.fillStyle = '#5a7a4a';
    ctx.fillRect(x + 8, y + h - 40, w - 16, 32);
    ctx.fillStyle = '#6a3a2a';
    for (const px of [60, 100, 130]) {
      ctx.beginPath();
      ctx.arc(x + px, y + 50, 10, 0, Math.PI * 2);
      ctx.fill();
      ctx.fillRect(x + px - 8, y + 60, 16, 34);
    }
  }
  {
    const [x, y, w, h] = RECTS.calendar;
    ctx.fillStyle = '#f4f2ea';
    ctx.fillRect(x, y, w, h);
    ctx.fillStyle = '#4a7ab0';
    ctx.fillRect(x, y, w, 80);
    ctx.fillStyle = '#fff';
    ctx.font = 'bold 26px sans-serif';
    ctx.fillText('MARS', x + 40, y + 50);
    ctx.strokeStyle = '#999';
    ctx.lineWidth = 1;
    for (let r = 0; r < 5; r++)
      for (let c = 0; c < 7; c++) ctx.strokeRect(x + 6 + c * 21, y + 90 + r * 26, 21, 26);
  }
  {
    const [x, y, w, h] = RECTS.pizza;
    ctx.fillStyle = '#c9a06a';
    ctx.fillRect(x, y, w, h);
    ctx.fillStyle = '#b3262e';
    ctx.beginPath();
    ctx.arc(x + w / 2, y + h / 2, 70, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = '#fff';
    ctx.font = 'bold 34px sans-serif';
    ctx.textAlign = 'center';
    ctx.fillText('PIZZA', x + w / 2, y + h / 2 + 12);
    ctx.textAlign = 'left';
    for (let i = 0; i < 5; i++) blotch(ctx, x + rnd() * w, y + rnd() * h, 20 + rnd() * 30, 'rgba(120,70,20,A)', 0.35);
  }
  {
    const [x, y, w, h] = RECTS.clock;
    ctx.fillStyle = '#f4efe2';
    ctx.beginPath();
    ctx.arc(x + w / 2, y + h / 2, w / 2 - 4, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = '#222';
    for (let i = 0; i < 12; i++) {
      const a = (i / 12) * Math.PI * 2;
      ctx.fillRect(x + w / 2 + Math.cos(a) * 100 - 4, y + h / 2 + Math.sin(a) * 100 - 4, 8, 8);
    }
    ctx.strokeStyle = '#222';
    ctx.lineWidth = 8;
    ctx.beginPath();
    ctx.moveTo(x + w / 2, y + h / 2);
    ctx.lineTo(x + w / 2 - 50, y + h / 2 - 30);
    ctx.moveTo(x + w / 2, y + h / 2);
    ctx.lineTo(x + w / 2 + 10, y + h / 2 - 85);
    ctx.stroke();
  }
  {
    const [x, y, w, h] = RECTS.magazine;
    ctx.fillStyle = '#d7443a';
    ctx.fillRect(x, y, w, h);
    ctx.fillStyle = '#fff';
    ctx.font = 'bold 40px sans-serif';
    ctx.fillText('TÉLÉ', x + 16, y + 50);
    ctx.fillStyle = '#f2d15a';
    ctx.fillRect(x + 16, y + 80, w - 32, h - 110);
  }
}

const wallpaperTex = canvasTexture(1024, 1024, drawWallpaper, true);
const rugTex = canvasTexture(512, 512, drawRug);
const flatPropsTex = canvasTexture(PROPS_W, 512, drawFlatProps);

const wallMat = new MeshStandardMaterial({ map: wallpaperTex, roughness: 0.92, metalness: 0, vertexColors: true });
const floorMat = floorLight.clone();
floorMat.color.set('#8f7a62');
floorMat.map = tiledTexture(floorLight.map, 1, 1);
const rugMat = new MeshStandardMaterial({ map: rugTex, roughness: 0.95, metalness: 0 });
const propsMat = new MeshStandardMaterial({ map: flatPropsTex, roughness: 0.7, metalness: 0 });
const nightMat = new MeshBasicMaterial({ map: flatPropsTex });
const lampHalo = glowHalo.clone();
lampHalo.color.set('#ffc27a');
lampHalo.opacity = 0.4;
const PUV = (r: Rect) => uvOf(r, PROPS_W, 512);

// ---------------------------------------------------------------------------------------------------------------
// Room (level 0)
// ---------------------------------------------------------------------------------------------------------------

interface Buckets {
  wall: Part[];
  floor: Part[];
  rug: Part[];
  wood: Part[];
  matte: Part[];
  satin: Part[];
  metal: Part[];
  glow: Part[];
  props: Part[];
  night: Part[];
  leaf: Part[];
  clear: Part[];
  shadow: Part[];
  halo: Part[];
}

const THROW = crumpledCloth(0.7, 0.55, 11, 0.06);
const CURTAIN = hangingCloth(0.55, 1.9, 3, 0.03);
const LUMP = lumpGeometry(4, 0.3);
const SHADE = new CylinderGeometry(0.13, 0.2, 0.26, 16, 1, true);
const FABRIC = { sofa: '#5b6a52', sofaDark: '#46523f', chair: '#7a5a3a', chairDark: '#5e442b' };

function armchair(b: Buckets, x: number, z: number, yaw: number) {
  const at = placer(x, 0, z, yaw);
  const add = (lx: number, y: number, lz: number, sx: number, sy: number, sz: number, col: string) =>
    b.matte.push({ geometry: BOX, position: at(lx, y, lz), rotation: [0, yaw, 0], scale: [sx, sy, sz], color: col });
  add(0, 0.22, 0.02, 0.7, 0.3, 0.66, FABRIC.chairDark);
  add(0, 0.41, 0.0, 0.56, 0.1, 0.58, FABRIC.chair);
  add(0, 0.62, -0.3, 0.62, 0.46, 0.14, FABRIC.chair);
  for (const s of [-1, 1]) add(s * 0.3, 0.5, 0.02, 0.12, 0.24, 0.66, FABRIC.chair);
  shadowAt(b.shadow, x, z, 1.0, 1.0, 0.005, yaw);
}

function buildRoom(): Buckets {
  const b: Buckets = { wall: [], floor: [], rug: [], wood: [], matte: [], satin: [], metal: [], glow: [], props: [], night: [], leaf: [], clear: [], shadow: [], halo: [] };
  const { x0, x1, z0, z1, h } = ROOM;
  const W = x1 - x0;
  const D = z1 - z0;

  // Shell: floor, ceiling with a stain, wallpapered walls, skirting
  b.floor.push({ geometry: FLOOR_PLANE, position: [(x0 + x1) / 2, 0, (z0 + z1) / 2], scale: [W, 1, D] });
  b.matte.push({ geometry: PLANE, position: [(x0 + x1) / 2, h, (z0 + z1) / 2], rotation: [Math.PI / 2, 0, 0], scale: [W, D, 1], color: '#cfc6b0' });
  b.shadow.push({ geometry: PLANE, position: [0.8, h - 0.004, -2.2], rotation: [Math.PI / 2, 0, 0], scale: [1.2, 0.9, 1] });
  const tint = '#d8d0bc';
  b.wall.push({ geometry: PLANE, position: [(x0 + x1) / 2, h / 2, z0], scale: [W, h, 1], color: tint });
  b.wall.push({ geometry: PLANE, position: [x0, h / 2, (z0 + z1) / 2], rotation: [0, Math.PI / 2, 0], scale: [D, h, 1], color: tint });
  b.wall.push({ geometry: PLANE, position: [x1, h / 2, (z0 + z1) / 2], rotation: [0, -Math.PI / 2, 0], scale: [D, h, 1], color: tint });
  b.wall.push({ geometry: PLANE, position: [(x0 + x1) / 2, h / 2, z1], rotation: [0, Math.PI, 0], scale: [W, h, 1], color: tint });
  box(b.wood, x0, 0, z0, x1, 0.08, z0 + 0.015, '#e2dccb');
  box(b.wood, x0, 0, z0, x0 + 0.015, 0.08, z1, '#e2dccb');
  box(b.wood, x1 - 0.015, 0, z0, x1, 0.08, z1, '#e2dccb');
  box(b.wood, x0, 0, z1 - 0.015, x1, 0.08, z1, '#e2dccb');

  // Rug, coffee table, the patient's armchair
  b.rug.push({ geometry: FLOOR_PLANE, position: [0.05, 0.004, -1.0], rotation: [0, 0.04, 0], scale: [2.0, 1, 1.5] });
  const T = TABLE;
  box(b.wood, T.x - T.w / 2, T.h - 0.03, T.z - T.d / 2, T.x + T.w / 2, T.h, T.z + T.d / 2, '#4a3526');
  for (const sx of [-1, 1])
    for (const sz of [-1, 1]) box(b.wood, T.x + sx * (T.w / 2 - 0.06), 0, T.z + sz * (T.d / 2 - 0.06), T.x + sx * (T.w / 2 - 0.025), T.h - 0.03, T.z + sz * (T.d / 2 - 0.025), '#3a2a1e');
  box(b.wood, T.x - T.w / 2 + 0.04, 0.1, T.z - T.d / 2 + 0.04, T.x + T.w / 2 - 0.04, 0.12, T.z + T.d / 2 - 0.04, '#3a2a1e');
  b.props.push({ geometry: BOX, position: [-0.15, 0.127, T.z], rotation: [0, 0.2, 0], scale: [0.19, 0.006, 0.25], uvRect: PUV(RECTS.magazine) });
  shadowAt(b.shadow, T.x, T.z, T.w + 0.3, T.d + 0.3, 0.006);
  armchair(b, 0, 0.12, Math.PI);

  // Sofa with a throw and a cushion, floor lamp at its right end
  const S = SOFA;
  box(b.matte, S.x0, 0.06, S.z0, S.x1, 0.3, S.z1, FABRIC.sofaDark);
  box(b.matte, S.x0 + 0.16, 0.3, S.z0 + 0.2, S.x1 - 0.16, S.seat, S.z1 - 0.02, FABRIC.sofa);
  box(b.matte, S.x0 + 0.05, 0.3, S.z0, S.x1 - 0.05, 0.9, S.z0 + 0.22, FABRIC.sofa);
  for (const x of [S.x0 + 0.08, S.x1 - 0.08]) box(b.matte, x - 0.08, 0.06, S.z0, x + 0.08, 0.62, S.z1, FABRIC.sofaDark);
  box(b.matte, (S.x0 + S.x1) / 2 - 0.005, 0.3, S.z0 + 0.2, (S.x0 + S.x1) / 2 + 0.005, S.seat + 0.005, S.z1 - 0.02, '#3a4434');
  for (const x of [S.x0 + 0.05, S.x1 - 0.05]) for (const z of [S.z0 + 0.05, S.z1 - 0.05]) box(b.wood, x - 0.02, 0, z - 0.02, x + 0.02, 0.06, z + 0.02, '#2a1d14');
  b.matte.push({ geometry: THROW, position: [S.x1 - 0.45, S.seat - 0.01, -3.0], rotation: [0, 0.3, 0], color: '#8a7a9a' });
  b.matte.push({ geometry: LUMP, position: [S.x0 + 0.32, S.seat + 0.16, S.z0 + 0.3], rotation: [0.4, 0.3, 0.2], scale: [0.2, 0.18, 0.08], color: '#b58a4a' });
  shadowAt(b.shadow, (S.x0 + S.x1) / 2, (S.z0 + S.z1) / 2, S.x1 - S.x0 + 0.4, 1.2);
  const lx = 1.35;
  const lz = -3.25;
  b.metal.push({ geometry: CYL, position: [lx, 0.015, lz], scale: [0.15, 0.03, 0.15], color: '#2a2a2a' });
  b.metal.push({ geometry: CYL_LO, position: [lx, 0.78, lz], scale: [0.012, 1.5, 0.012], color: '#2a2a2a' });
  b.satin.push({ geometry: SHADE, position: [lx, 1.52, lz], color: '#e6d3a8' });
  b.glow.push({ geometry: SPHERE_LO, position: [lx, 1.46, lz], scale: [0.04, 0.05, 0.04], color: '#fff0d0' });
  b.halo.push({ geometry: PLANE, position: [lx, 1.5, lz + 0.2], scale: [0.8, 0.8, 1] });
  shadowAt(b.shadow, lx, lz, 0.45, 0.45);

  // Window with curtains on the back wall (left), a dead plant on the sill
  const wx0 = -2.35;
  const wx1 = -1.5;
  b.night.push({ geometry: PLANE, position: [(wx0 + wx1) / 2, 1.5, z0 + 0.01], scale: [wx1 - wx0, 1.1, 1], uvRect: PUV(RECTS.night) });
  for (const [a0, a1, c0, c1] of [
    [wx0 - 0.05, wx1 + 0.05, 0.9, 0.95],
    [wx0 - 0.05, wx1 + 0.05, 2.05, 2.1],
    [wx0 - 0.05, wx0, 0.95, 2.05],
    [wx1, wx1 + 0.05, 0.95, 2.05],
    [(wx0 + wx1) / 2 - 0.02, (wx0 + wx1) / 2 + 0.02, 0.95, 2.05],
  ] as const)
    box(b.wood, a0, c0, z0, a1, c1, z0 + 0.05, '#e8e2d2');
  box(b.wood, wx0 - 0.08, 0.88, z0, wx1 + 0.08, 0.92, z0 + 0.18, '#e8e2d2');
  b.metal.push({ geometry: CYL_LO, position: [(wx0 + wx1) / 2, 2.25, z0 + 0.12], rotation: [0, 0, Math.PI / 2], scale: [0.01, 1.3, 0.01], color: '#8a7a5a' });
  b.matte.push({ geometry: CURTAIN, position: [wx0 - 0.1, 2.25 - 0.95, z0 + 0.12], color: '#6a4a5a' });
  b.matte.push({ geometry: CURTAIN, position: [wx1 + 0.12, 2.25 - 0.95, z0 + 0.12], color: '#6a4a5a' });
  b.satin.push({ geometry: CYL, position: [-1.75, 0.98, z0 + 0.1], scale: [0.06, 0.11, 0.06], color: '#9a5a3a' });
  for (let i = 0; i < 6; i++) b.leaf.push({ geometry: SPHERE_LO, position: [-1.75 + Math.cos(i) * 0.04, 1.1 + i * 0.01, z0 + 0.1 + Math.sin(i) * 0.04], rotation: [0.8, i, 0.6], scale: [0.015, 0.004, 0.07], color: '#7a6a3a' });

  // TV cabinet and TV on the left wall
  box(b.wood, x0 + 0.02, 0, -1.95, x0 + 0.45, 0.5, -0.75, '#3a3028');
  box(b.matte, x0 + 0.18, 0.5, -1.62, x0 + 0.26, 0.53, -1.08, '#1a1a1a');
  box(b.matte, x0 + 0.2, 0.53, -1.38, x0 + 0.24, 0.6, -1.32, '#1a1a1a');
  box(b.satin, x0 + 0.19, 0.6, -1.72, x0 + 0.25, 1.18, -0.98, '#141414');
  b.props.push({ geometry: PLANE, position: [x0 + 0.252, 0.89, -1.35], rotation: [0, Math.PI / 2, 0], scale: [0.7, 0.54, 1], uvRect: PUV(RECTS.tv) });
  b.glow.push({ geometry: BOX, position: [x0 + 0.253, 0.63, -1.05], scale: [0.004, 0.008, 0.008], color: '#ff2a2a' });
  shadowAt(b.shadow, x0 + 0.24, -1.35, 0.7, 1.5);
  // stacked DVDs and mail on the cabinet
  for (let i = 0; i < 5; i++) box(b.satin, x0 + 0.1, 0.5 + i * 0.015, -0.92, x0 + 0.3, 0.514 + i * 0.015, -0.8, ['#2a2a5a', '#5a2a2a', '#222', '#3a5a3a', '#888'][i]!);

  // Kitchenette on the right wall: base units, worktop, sink, hob, wall units, fridge
  const C = COUNTER;
  box(b.wood, C.x, 0.08, C.z0, x1, C.h - 0.04, C.z1, '#d9d2bf');
  box(b.matte, C.x + 0.04, 0, C.z0, x1, 0.08, C.z1, '#2a2622');
  for (let z = C.z0 + 0.02; z < C.z1 - 0.1; z += 0.6) {
    box(b.wood, C.x - 0.01, 0.12, z, C.x, C.h - 0.08, z + 0.56, '#e6e0cf');
    box(b.metal, C.x - 0.03, C.h - 0.16, z + 0.2, C.x - 0.01, C.h - 0.14, z + 0.36, '#9a9a9a');
  }
  box(b.satin, C.x - 0.03, C.h - 0.04, C.z0, x1, C.h, C.z1, '#6a5a4a');
  box(b.metal, C.x + 0.1, C.h - 0.005, -3.2, C.x + 0.5, C.h + 0.002, -2.75, '#b8bcc0');
  box(b.matte, C.x + 0.14, C.h - 0.02, -3.15, C.x + 0.46, C.h + 0.003, -2.8, '#6a6e72');
  b.metal.push({ geometry: CYL_LO, position: [C.x + 0.5, C.h + 0.14, -2.98], scale: [0.012, 0.28, 0.012], color: '#c0c0c0' });
  b.metal.push({ geometry: BOX, position: [C.x + 0.44, C.h + 0.27, -2.98], scale: [0.12, 0.015, 0.015], color: '#c0c0c0' });
  for (const z of [-2.55, -2.33]) b.matte.push({ geometry: CYL, position: [C.x + 0.3, C.h + 0.005, z], scale: [0.09, 0.01, 0.09], color: '#1a1a1a' });
  box(b.wood, C.x + 0.25, 1.5, C.z0, x1, 2.2, C.z1, '#e6e0cf');
  box(b.glow, C.x + 0.26, 1.49, C.z0 + 0.05, C.x + 0.32, 1.5, C.z1 - 0.05, '#fff2d8');
  // dishes piled in the sink, a kettle, a pan on the hob
  for (let i = 0; i < 4; i++) b.satin.push({ geometry: CYL, position: [C.x + 0.3, C.h + 0.0 + i * 0.02, -3.0], rotation: [0.2 * (i - 1.5), 0, 0.1], scale: [0.11, 0.012, 0.11], color: '#eeeae0' });
  b.satin.push({ geometry: CYL, position: [C.x + 0.35, C.h + 0.1, -3.38], scale: [0.07, 0.2, 0.07], color: '#8a8f96' });
  b.metal.push({ geometry: CYL, position: [C.x + 0.3, C.h + 0.05, -2.55], scale: [0.12, 0.08, 0.12], color: '#5a5a5a' });
  // fridge
  box(b.satin, C.x - 0.05, 0, -1.7, x1 - 0.02, 1.75, -1.1, '#e8e6e0');
  box(b.metal, C.x - 0.065, 1.0, -1.2, C.x - 0.05, 1.5, -1.17, '#9a9a9a');
  box(b.matte, C.x - 0.052, 0.96, -1.7, C.x - 0.05, 0.97, -1.1, '#999');
  b.props.push({ geometry: PLANE, position: [C.x - 0.052, 1.35, -1.45], rotation: [0, -Math.PI / 2, 0.05], scale: [0.12, 0.17, 1], uvRect: PUV(RECTS.calendar) });
  shadowAt(b.shadow, C.x + 0.3, -2.4, 0.9, 2.9);

  // Wall decor: clock, photo
  b.props.push({ geometry: CYL, position: [-0.3, 1.95, z0 + 0.015], rotation: [Math.PI / 2, 0, 0], scale: [0.16, 0.02, 0.16], uvRect: PUV(RECTS.clock) });
  b.props.push({ geometry: PLANE, position: [x0 + 0.005, 1.55, -0.3], rotation: [0, Math.PI / 2, 0], scale: [0.3, 0.2, 1], uvRect: PUV(RECTS.photo) });
  box(b.wood, x0, 1.44, -0.47, x0 + 0.01, 1.66, -0.13, '#3a2a1e');

  // Clutter: pizza box, a bin bag, a jacket on the sofa arm, trainers
  b.props.push({ geometry: BOX, position: [-1.35, 0.025, -1.9], rotation: [0, 0.4, 0], scale: [0.34, 0.04, 0.34], uvRect: PUV(RECTS.pizza) });
  shadowAt(b.shadow, -1.35, -1.9, 0.5, 0.5, 0.005, 0.4);
  b.matte.push({ geometry: LUMP, position: [1.75, 0.22, -0.35], scale: [0.24, 0.26, 0.22], color: '#1c1c1e' });
  shadowAt(b.shadow, 1.75, -0.35, 0.7, 0.6);
  b.matte.push({ geometry: LUMP, position: [S.x0 + 0.08, 0.66, -3.0], rotation: [0, 0, 0.3], scale: [0.14, 0.08, 0.3], color: '#3a4a6a' });
  for (const [sx, sz, ry] of [
    [1.1, -2.35, 0.4],
    [1.28, -2.3, 0.2],
  ] as const) {
    const at = placer(sx, 0, sz, ry);
    b.matte.push({ geometry: BOX, position: at(0, 0.012, 0), rotation: [0, ry, 0], scale: [0.095, 0.024, 0.27], color: '#3a3a3a' });
    b.matte.push({ geometry: BOX, position: at(0, 0.05, -0.04), rotation: [0, ry, 0], scale: [0.088, 0.06, 0.17], color: '#5a5f6a' });
    b.matte.push({ geometry: SPHERE_LO, position: at(0, 0.03, 0.06), rotation: [0, ry, 0], scale: [0.045, 0.035, 0.075], color: '#5a5f6a' });
  }
  // A kitchen chair at the right of the table (a seat for the person beside, at level 4)
  const at = placer(CHAIR.x, 0, CHAIR.z, CHAIR.yaw);
  b.wood.push({ geometry: BOX, position: at(0, 0.45, 0), rotation: [0, CHAIR.yaw, 0], scale: [0.42, 0.03, 0.4], color: '#6a5444' });
  for (const lxx of [-0.18, 0.18]) {
    b.wood.push({ geometry: BOX, position: at(lxx, 0.225, 0.17), rotation: [0, CHAIR.yaw, 0], scale: [0.03, 0.45, 0.03], color: '#6a5444' });
    b.wood.push({ geometry: BOX, position: at(lxx, 0.46, -0.18), rotation: [0, CHAIR.yaw, 0], scale: [0.03, 0.92, 0.03], color: '#6a5444' });
  }
  b.wood.push({ geometry: BOX, position: at(0, 0.82, -0.18), rotation: [0, CHAIR.yaw, 0], scale: [0.4, 0.12, 0.025], color: '#6a5444' });
  shadowAt(b.shadow, CHAIR.x, CHAIR.z, 0.65, 0.65, 0.006, CHAIR.yaw);
  return b;
}

function Room() {
  const b = useMemo(buildRoom, []);
  return (
    <group name="cue:room" userData={{ cueId: 'room', minLevel: 0 }}>
      <MergedMesh parts={b.floor} material={floorMat} worldUV={0.625} />
      <MergedMesh parts={b.wall} material={wallMat} worldUV={0.45} />
      <MergedMesh parts={b.rug} material={rugMat} />
      <MergedMesh parts={b.wood} material={woodVC} worldUV={1.1} />
      <MergedMesh parts={b.matte} material={matteVC} />
      <MergedMesh parts={b.satin} material={satinVC} />
      <MergedMesh parts={b.metal} material={metalVC} />
      <MergedMesh parts={b.glow} material={glowVC} />
      <MergedMesh parts={b.leaf} material={leafVC} />
      <MergedMesh parts={b.props} material={propsMat} />
      <MergedMesh parts={b.night} material={nightMat} />
      <MergedMesh parts={b.shadow} material={contactShadow} renderOrder={1} />
      <MergedMesh parts={b.clear} material={plasticClearVC} renderOrder={2} />
      <MergedMesh parts={b.halo} material={lampHalo} renderOrder={4} />
    </group>
  );
}

interface FlameTracker {
  pos: Vector3;
  k: number;
}

function Lights({ flame }: { flame: FlameTracker }) {
  const light = useRef<PointLight>(null);
  useFrame(() => {
    const l = light.current;
    if (!l) return;
    const t = performance.now() / 1000;
    l.position.copy(flame.pos);
    l.intensity = flame.k * (0.9 + 0.1 * Math.sin(t * 29) * Math.sin(t * 13.7)) * 0.8;
  });
  return (
    <>
      <hemisphereLight args={['#c9bea6', '#2a241c', 0.45]} />
      <pointLight position={[1.35, 1.5, -3.0]} color="#ffc27a" intensity={2.6} distance={7} decay={1.4} />
      <pointLight position={[ROOM.x1 - 0.35, 1.45, -2.6]} color="#fff0d6" intensity={1.2} distance={4} decay={1.6} />
      <pointLight ref={light} color="#ff9a3c" intensity={0} distance={2} decay={1.6} />
    </>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Cue props
// ---------------------------------------------------------------------------------------------------------------

const CTOP = COUNTER.h;

function BlisterPack() {
  return (
    <Props
      build={(b) => {
        // printed card back (white and blue) with the foil bubbles pressed out
        const m = parentMatrix([COUNTER.x + 0.14, CTOP + 0.002, -2.18], [0, 0.5, 0]);
        b.satin.push({ geometry: BOX, position: [0, 0, 0], scale: [0.05, 0.002, 0.1], color: '#eef0f2', parent: m });
        b.satin.push({ geometry: BOX, position: [0, 0.0012, 0.043], scale: [0.05, 0.0006, 0.012], color: '#2f6fb8', parent: m });
        for (let i = 0; i < 2; i++)
          for (let j = 0; j < 5; j++) {
            const popped = (i + j) % 3 !== 1;
            b.clear.push({ geometry: SPHERE_LO, position: [-0.012 + i * 0.024, 0.002, -0.036 + j * 0.016], scale: [0.007, popped ? 0.0015 : 0.004, 0.007], color: popped ? '#b8bec4' : '#f4f6f8', parent: m });
          }
      }}
    />
  );
}

function CounterSpoon() {
  return <Props build={(b) => spoonParts(b, [COUNTER.x + 0.2, CTOP + 0.001, -2.0], 1.2, undefined, true)} />;
}

const tableShadow = (list: Part[], x: number, z: number, sx: number, sz = sx) => shadowAt(list, x, z, sx, sz, TOP + 0.0006);

function BurntSpoon() {
  const shadow = useMemo<Part[]>(() => {
    const l: Part[] = [];
    tableShadow(l, -0.02, -0.64, 0.16, 0.08);
    return l;
  }, []);
  return (
    <>
      <MergedMesh parts={shadow} material={contactShadow} renderOrder={1} />
      <Props build={(b) => spoonParts(b, [0.02, TOP, -0.64], -0.3, '#3a2612', true)} />
    </>
  );
}

function TableLighter() {
  return <Props build={(b) => lighterParts(b, '#2b7fd6', [-0.25, TOP, -0.7], 1.1, true)} />;
}

function CappedSyringe() {
  return (
    <Props
      build={(b) => {
        // lying on the table, plunger toward the right
        const m = parentMatrix([0.12, TOP + 0.0055, -0.84], [0, -0.25, -Math.PI / 2]);
        syringeParts(b, true, 0.01, m);
      }}
    />
  );
}

function Tourniquet() {
  return (
    <Props
      build={(b) => {
        strapParts(b.matte, [0.26, TOP, -0.63], 0.5, '#3d6fb0');
        b.satin.push({ geometry: BOX, position: [0.1, TOP + 0.004, -0.6], rotation: [0, 0.5, 0], scale: [0.035, 0.008, 0.03], color: '#1f2a3a' });
      }}
    />
  );
}

function CottonFilter() {
  return (
    <Props
      build={(b) => {
        cottonParts(b.matte, [0.075, TOP, -0.7]);
        cottonParts(b.matte, [0.09, TOP, -0.715]);
      }}
    />
  );
}

function HeroinPacket() {
  return (
    <Props
      build={(b) => {
        // a small folded paper opened on the table with brown powder, and a knotted baggie with more
        b.matte.push({ geometry: BOX, position: [-0.12, TOP + 0.0008, -0.88], rotation: [0, 0.3, 0], scale: [0.06, 0.0016, 0.05], color: '#ece6d6' });
        b.matte.push({ geometry: SPHERE_LO, position: [-0.12, TOP + 0.002, -0.88], scale: [0.016, 0.004, 0.013], color: '#7a5430' });
        baggieParts(b, [-0.2, TOP, -0.8], 0.9, '#d7d7d7', '#6e4a2a');
      }}
    />
  );
}

// ---------------------------------------------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------------------------------------------

const PATIENT_EYES = new Vector3(0, 1.2, 0);
const lerpQ = (a: Quaternion, b: Quaternion, t: number) => a.clone().slerp(b, t);
function toLocal(world: Vector3, at: Vec3, yaw: number): Vector3 {
  return world.clone().sub(new Vector3(...at)).applyAxisAngle(new Vector3(0, 1, 0), -yaw);
}
function toWorld(local: Vector3, at: Vec3, yaw: number): Vector3 {
  return local.clone().applyAxisAngle(new Vector3(0, 1, 0), yaw).add(new Vector3(...at));
}

/** Vertical syringe, needle down. */
const NEEDLE_DOWN = new Quaternion();
/** Syringe lying horizontally across the person's lap (needle to their left). */
const ACROSS = alongDir(new Vector3(-1, 0.1, 0.2));

const SOFA_USER = { position: [-0.3, 0, -3.0] as Vec3, yaw: 0.22 };
const SOFA_LOOK: Look = {
  skin: '#d7a88a',
  shirt: '#8c8f94',
  pants: '#2e3440',
  hair: '#5a4030',
  shoes: '#2a2a2a',
  hairStyle: 'short',
  sleeves: 'short',
  tourniquet: '#2b2b2b',
};

/**
 * The person on the sofa, tourniquet on the left arm. Rest: capped syringe in the right hand on the thigh, left
 * forearm on the knee. 'preparing-shot': uncaps, draws up from the spoon on the seat beside them, taps out the air, holds the
 * syringe a few centimetres above the inside of the left forearm (never touching), then recaps and rests. At
 * level 3 'offer-syringe' has them hold it out toward the patient; 'lighter-click' flicks the lighter in the left.
 */
function SofaUser({ flame }: { flame: FlameTracker }) {
  const level = useSceneLevel();
  const prep = useSegment('preparing-shot');
  const click = useSceneEvent('lighter-click');
  const offer = useSceneEvent('offer-syringe');
  const st = useRef({ capped: true, flame: 0 });
  const spoonOnArm = useMemo(() => new Vector3(-0.44, SOFA.seat + 0.012, 0.16), []);

  const pose = (p: PoseState, time: number) => {
    const s = st.current;
    s.capped = true;
    s.flame = 0;
    p.lean = 0.1 + Math.sin(time * 1.1) * 0.01;
    p.headPitch = 0.35;
    p.headYaw = 0.1;
    p.poleR.set(-1, -0.3, -0.4);
    p.poleL.set(1, -0.3, -0.4);
    // rest: right hand on the thigh with the syringe across, left forearm on the knee, lighter in the fist
    let syrHand = new Vector3(-0.12, 0.64, 0.3);
    let syrQ = ACROSS.clone();
    let leftHand = new Vector3(0.13, 0.6, 0.42);
    let lighterQ = new Quaternion();

    const seg = prep();
    const c = click();
    const o = offer();
    if (seg.active) {
      const u = seg.progress;
      s.capped = !(u > 0.1 && u < 0.9);
      // 1) draw up from the spoon on the seat to their right
      const draw = envelope(u, 0.05, 0.14, 0.36, 0.44);
      const drawHand = spoonOnArm.clone().add(new Vector3(0.01, 0.08, 0));
      if (draw > 0) p.poleR.set(-0.6, 0.2, -1);
      // 2) tap the barrel, needle up, in front of the chest
      const tap = envelope(u, 0.4, 0.46, 0.56, 0.62);
      const tapHand = new Vector3(-0.05, 0.95 + Math.sin(u * 80) * 0.004, 0.3);
      // 3) near the inside of the left forearm, stretched across the lap (no contact)
      const near = envelope(u, 0.6, 0.68, 0.84, 0.9);
      const armHand = new Vector3(0.02, 0.72, 0.42);
      leftHand = leftHand.clone().lerp(new Vector3(0.05, 0.6, 0.5), envelope(u, 0.52, 0.62, 0.88, 0.96));
      syrHand = syrHand.clone().lerp(drawHand, draw).lerp(tapHand, tap).lerp(armHand, near);
      const upQ = alongDir(new Vector3(0, -1, 0.05));
      const armQ = alongDir(new Vector3(-0.5, 0.55, -0.15));
      syrQ = lerpQ(lerpQ(lerpQ(syrQ, NEEDLE_DOWN, draw), upQ, tap), armQ, near);
      p.headPitch = 0.35 + 0.2 * near + 0.1 * draw;
      p.headYaw = 0.1 - 0.4 * draw;
      p.lean = 0.1 + 0.15 * near;
    } else if (o.active && level === 3) {
      const w = envelope(o.progress, 0, 0.15, 0.85, 1);
      const target = toLocal(new Vector3(-0.15, 0.95, -2.35), SOFA_USER.position, SOFA_USER.yaw);
      syrHand = syrHand.clone().lerp(target, w);
      p.lean = 0.1 + 0.25 * w;
      p.headPitch = 0.35 - 0.35 * w;
      p.poleR.set(-1, -0.8, 0);
    } else if (c.active && level === 3) {
      const w = envelope(c.progress, 0, 0.2, 0.8, 1);
      leftHand = leftHand.clone().lerp(new Vector3(0.08, 0.82, 0.32), w);
      lighterQ = new Quaternion();
      s.flame = Math.max(envelope(c.progress, 0.3, 0.32, 0.45, 0.48), envelope(c.progress, 0.58, 0.6, 0.74, 0.76));
      p.headPitch = 0.35 + 0.05 * w;
    }
    // the syringe sits in the fingers: hand a little behind the barrel
    gripAt(p.heldR, syrQ, syrHand, [0, 0.06, 0]);
    p.handR.copy(syrHand).add(new Vector3(-0.01, -0.03, -0.02));
    gripAt(p.heldL, lighterQ, leftHand.clone().add(new Vector3(0, 0.02, 0)), [0, 0.02, 0]);
    p.handL.copy(leftHand).add(new Vector3(0, -0.015, -0.012));
    if (s.flame > 0 && level === 3) {
      flame.pos.copy(toWorld(leftHand.clone().add(new Vector3(0, LIGHTER_TOP + 0.02, 0)), SOFA_USER.position, SOFA_USER.yaw));
      flame.k = s.flame;
    } else if (level === 3) flame.k = 0;
  };

  return (
    <>
      {/* the spoon put down on the seat beside them */}
      <group position={SOFA_USER.position} rotation={[0, SOFA_USER.yaw, 0]}>
        <group position={spoonOnArm.toArray() as Vec3} rotation={[0, 2.6, 0]}>
          <HeldSpoon liquid="#5a3a1c" />
        </group>
      </group>
      <Person
        look={SOFA_LOOK}
        setup={{ seat: SOFA.seat, feetForward: 0.47 }}
        position={SOFA_USER.position}
        yaw={SOFA_USER.yaw}
        pose={pose}
        name="sofa-user"
        heldR={<HeldSyringe capped={() => st.current.capped} />}
        heldL={<HeldLighter color="#e0342b" lit={() => st.current.flame} />}
      />
    </>
  );
}

const NEIGHBOUR = { position: [CHAIR.x, 0, CHAIR.z] as Vec3, yaw: CHAIR.yaw };
const HANDLE_LEFT = new Quaternion().setFromAxisAngle(new Vector3(0, 1, 0), Math.PI);
const NEIGHBOUR_LOOK: Look = {
  skin: '#a87a5a',
  shirt: '#3a4a5a',
  jacket: '#5a4a3a',
  pants: '#2a2a30',
  hair: '#2a2020',
  shoes: '#3a3a3a',
  hairStyle: 'beanie',
  hat: '#6a2a2a',
};

/**
 * The person on the kitchen chair beside the table. 'cooking-spoon': holds the spoon at chest height and heats it
 * from below with the lighter (flame, a little vapour). 'syringe-offered' and 'offer-syringe': turns to the patient
 * and holds out a capped syringe, level, ~0.7 m from the eyes.
 */
function Neighbour({ flame }: { flame: FlameTracker }) {
  const level = useSceneLevel();
  const cook = useSegment('cooking-spoon');
  const offered = useSegment('syringe-offered');
  const offerEvt = useSceneEvent('offer-syringe');
  const click = useSceneEvent('lighter-click');
  const st = useRef({ flame: 0, vapour: 0 });
  const spoonPos = useMemo(() => new Vector3(), []);

  const pose = (p: PoseState, time: number) => {
    const s = st.current;
    s.flame = 0;
    s.vapour = 0;
    p.lean = 0.12 + Math.sin(time * 1.1 + 1) * 0.01;
    p.headPitch = 0.25;
    p.headYaw = -0.2;
    p.poleR.set(-0.6, -1, -0.3);
    p.poleL.set(0.6, -1, -0.3);
    // rest: spoon in the left hand on the knee, lighter in the right on the other knee
    let spoonHand = new Vector3(0.12, 0.62, 0.38);
    let lightHand = new Vector3(-0.12, 0.6, 0.36);
    let rightHolds: 'lighter' | 'syringe' = 'lighter';
    let syrQ = alongDir(new Vector3(0.2, 0.2, 1));
    let syrHand = lightHand.clone();

    const ck = cook();
    const of = offered();
    const ev = offerEvt();
    const cl = click();
    if (ck.active) {
      const u = ck.progress;
      const w = envelope(u, 0, 0.14, 0.86, 1);
      p.lean = 0.12 + 0.22 * w;
      p.headPitch = 0.25 + 0.4 * w;
      p.headYaw = -0.2 * (1 - w);
      const cookSpoon = new Vector3(0.02, 0.82, 0.4);
      spoonHand = spoonHand.clone().lerp(cookSpoon.clone().add(new Vector3(0.11, 0, 0)), w);
      const under = cookSpoon.clone().add(new Vector3(0.005, -LIGHTER_TOP - 0.035, 0.0));
      lightHand = lightHand.clone().lerp(under.clone().add(new Vector3(0, 0.02, 0)), envelope(u, 0.08, 0.2, 0.8, 0.92));
      s.flame = envelope(u, 0.2, 0.23, 0.78, 0.8);
      s.vapour = envelope(u, 0.45, 0.55, 0.8, 0.9);
    }
    const offerPhase = of.active ? of.progress : ev.active && level >= 4 ? ev.progress : -1;
    if (offerPhase >= 0) {
      rightHolds = 'syringe';
      const w = envelope(offerPhase, 0, 0.18, 0.82, 1);
      const bob = Math.sin(time * 2.2) * 0.006;
      const target = toLocal(new Vector3(0.2, 0.98 + bob, -0.55), NEIGHBOUR.position, NEIGHBOUR.yaw);
      p.twist = -0.35 * w;
      p.lean = 0.12 + 0.2 * w;
      const toPatient = toLocal(PATIENT_EYES, NEIGHBOUR.position, NEIGHBOUR.yaw);
      p.headYaw = -0.2 + (Math.atan2(toPatient.x, toPatient.z) - p.twist + 0.2) * w;
      p.headPitch = 0.25 - 0.2 * w;
      syrHand = lightHand.clone().lerp(target, w);
      p.poleR.set(-1, -0.8, 0);
      const across = toLocal(new Vector3(-1, 0.05, -0.35).add(new Vector3(...NEIGHBOUR.position)), NEIGHBOUR.position, NEIGHBOUR.yaw);
      syrQ = lerpQ(syrQ, alongDir(across), w);
    } else if (cl.active && !ck.active) {
      const w = envelope(cl.progress, 0, 0.2, 0.8, 1);
      lightHand = lightHand.clone().lerp(new Vector3(-0.06, 0.85, 0.32), w);
      s.flame = Math.max(envelope(cl.progress, 0.3, 0.32, 0.45, 0.48), envelope(cl.progress, 0.58, 0.6, 0.74, 0.76));
    }
    // spoon turned so its handle points to the left hand; the bowl is 11 cm to the right of the fist
    gripAt(p.heldL, HANDLE_LEFT, spoonHand.clone().add(new Vector3(0, 0.035, 0)), [-0.11, 0, 0]);
    p.handL.copy(spoonHand);
    spoonPos.copy(spoonHand).add(new Vector3(-0.11, 0.035, 0));
    if (rightHolds === 'syringe') {
      gripAt(p.heldR, syrQ, syrHand, [0, 0.06, 0]);
      p.handR.copy(syrHand).add(new Vector3(0, -0.03, 0));
    } else {
      gripAt(p.heldR, new Quaternion(), lightHand.clone().add(new Vector3(0, 0.02, 0)), [0, 0.02, 0]);
      p.handR.copy(lightHand).add(new Vector3(0, -0.015, -0.012));
    }
    if (level >= 4) {
      if (s.flame > 0) {
        flame.pos.copy(toWorld(lightHand.clone().add(new Vector3(0, LIGHTER_TOP + 0.02, 0)), NEIGHBOUR.position, NEIGHBOUR.yaw));
        flame.k = s.flame;
      } else flame.k = 0;
    }
  };

  const vapour: SmokeSource = (pos, vel) => {
    if (st.current.vapour <= 0) return 0;
    pos.copy(spoonPos).add(new Vector3(0, 0.01, 0));
    vel.set(0, 0.12, 0);
    return 5 * st.current.vapour;
  };

  return (
    <Person
      look={NEIGHBOUR_LOOK}
      setup={{ seat: 0.46, feetForward: 0.47 }}
      position={NEIGHBOUR.position}
      yaw={NEIGHBOUR.yaw}
      pose={pose}
      name="neighbour"
      heldL={<HeldSpoon liquid="#5a3a1c" />}
      heldR={<RightHand which={() => (offered().active || (offerEvt().active && level >= 4) ? 'syringe' : 'lighter')} lit={() => st.current.flame} />}
    >
      <Smoke source={vapour} count={16} opacity={0.45} grow={0.12} color="#e4e4e8" />
    </Person>
  );
}

/** The neighbour's right hand holds either the lighter or the offered (capped) syringe. */
function RightHand({ which, lit }: { which: () => 'lighter' | 'syringe'; lit: () => number }) {
  const lighter = useRef<Group>(null);
  const syringe = useRef<Group>(null);
  useFrame(() => {
    const w = which();
    if (lighter.current) lighter.current.visible = w === 'lighter';
    if (syringe.current) syringe.current.visible = w === 'syringe';
  });
  return (
    <>
      <group ref={lighter}>
        <HeldLighter color="#f2c21b" lit={lit} />
      </group>
      <group ref={syringe} visible={false} name="cue:offered-syringe" userData={{ cueId: 'offered-syringe', minLevel: 4 }}>
        <HeldSyringe capped={() => true} />
      </group>
    </>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Scene
// ---------------------------------------------------------------------------------------------------------------

/**
 * Opioid injection, graded 0–4: the shabby living room (0); an empty blister pack and a spoon on the kitchen counter
 * (1); a burnt spoon, lighter, capped syringe, tourniquet, cotton and a packet of brown powder on the table (2);
 * someone on the sofa with a tourniquet preparing a shot, never shown injecting (3); the person beside the patient
 * heating a spoon and holding out a syringe (4).
 */
/** Where the person beside the patient heats the spoon. */
const SPOON: Vec3 = [CHAIR.x - 0.25, 0.82, CHAIR.z + 0.25];

/**
 * Sounds: a quiet flat (room tone, the fridge) at every level; at 4 the lighter and its flame under the spoon
 * while it heats; the clinician's lighter clicks from whoever holds it (the person on the sofa, or beside).
 */
function Sounds() {
  const cook = { segment: 'cooking-spoon' } as const;
  const clicks = [{ event: 'lighter-click', at: 0.3 }, { event: 'lighter-click', at: 0.58 }] as const;
  return (
    <>
      <SpatialSound id="room-tone" sound="room-tone" position={[0, 2, -1.5]} volume={0.14} refDistance={4} />
      <SpatialSound id="fridge" sound="kitchen" position={[COUNTER.x + 0.3, 1.0, -1.4]} volume={0.08} refDistance={2} />
      <SpatialSound id="spoon-lighter" sound="lighter" position={SPOON} minLevel={4} volume={0.45} on={[{ ...cook, at: 0.2 }]} />
      <SpatialSound id="spoon-flame" sound="flame" position={SPOON} minLevel={4} volume={0.2} on={[{ ...cook, at: 0.23, until: 0.78 }]} />
      <SpatialSound id="lighter-click" sound="lighter" position={[SOFA_USER.position[0] + 0.2, 0.95, SOFA_USER.position[2] + 0.3]} volume={[0.45, 0.45, 0.45, 0.45, 0]} on={clicks} />
      <SpatialSound id="lighter-click-near" sound="lighter" position={SPOON} minLevel={4} volume={0.45} on={clicks} />
    </>
  );
}

export function InjectionFlatScene({ personalisation }: SceneProps) {
  const flame = useMemo<FlameTracker>(() => ({ pos: new Vector3(0, -10, 0), k: 0 }), []);
  return (
    <>
      <SceneEnvironment intensity={0.2} background="#060506" />
      <Stressor at={[-0.3, TOP, -0.6]} rotY={0.2} personalisation={personalisation ?? {}} />
      <Lights flame={flame} />
      <Room />
      <Cue id="blister-pack" minLevel={1}>
        <BlisterPack />
      </Cue>
      <Cue id="counter-spoon" minLevel={1}>
        <CounterSpoon />
      </Cue>
      <Cue id="burnt-spoon" minLevel={2}>
        <BurntSpoon />
      </Cue>
      <Cue id="table-lighter" minLevel={2}>
        <TableLighter />
      </Cue>
      <Cue id="capped-syringe" minLevel={2}>
        <CappedSyringe />
      </Cue>
      <Cue id="tourniquet" minLevel={2}>
        <Tourniquet />
      </Cue>
      <Cue id="cotton-filter" minLevel={2}>
        <CottonFilter />
      </Cue>
      <Cue id="heroin-packet" minLevel={2}>
        <HeroinPacket />
      </Cue>
      <Cue id="sofa-user" minLevel={3}>
        <SofaUser flame={flame} />
      </Cue>
      <Cue id="neighbour" minLevel={4}>
        <Neighbour flame={flame} />
      </Cue>
      <Sounds />
    </>
  );
}

