import { Stressor } from '../stressors/StressorOnTable';
import { useEffect, useMemo } from 'react';
import {
  BoxGeometry,
  CircleGeometry,
  CylinderGeometry,
  Euler,
  LatheGeometry,
  MeshBasicMaterial,
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
import { SpatialSound } from '../kit/audio/SpatialSound';
import { Avatar, avatarHold, type AvatarProps } from '../kit/Avatar';
import { Cue } from '../kit/Cue';
import { SceneEnvironment } from '../kit/Environment';
import { useSegment } from '../kit/sceneClock';
import { resolveDrink, type DrinkKind, type DrinkStyle } from '../home-evening/drinkPersonalisation';
import { DrinkBottle, DrinkGlass, GLASS_SIZE } from '../home-evening/drinks';
import { PoseSwitch, clamp01, lerp, liftPath, useStable } from '../home-evening/rig';
import {
  beerFoam,
  beerLiquid,
  bottleClearVC,
  bottleGlassVC,
  brick,
  canvasTexture,
  contactShadow,
  floorDark,
  glassClear,
  glowHalo,
  glowVC,
  leafVC,
  matteVC,
  mergeParts,
  metalVC,
  satinVC,
  seededRandom,
  woodVC,
  type Part,
  type Vec3,
} from '../kit/materials';

/*
 * Bar at night. Layout (metres; the patient sits at the origin facing -z, eyes at y = 1.2):
 *   - their small round table, centre z = -0.82 (near edge ~0.5 m away), an empty chair across it;
 *   - the bar counter 3.2 m ahead (front face z = -3.2), stools in front of it;
 *   - the back bar against the brick wall (z = -5.7): cabinet, three lit shelves, mirror, sign above;
 *   - more tables left and right, windows on the right wall, the door behind.
 * Level 0 (the room) contains no alcohol at all: the shelves hold books, plants and a clock.
 */

const ROOM = { x0: -4.5, x1: 4.5, z0: -5.7, z1: 3.2, h: 3.1 };
const COUNTER = { x0: -3, x1: 3, front: -3.2, back: -3.82, h: 1.08 };
const TABLE = { x: 0, z: -0.82, r: 0.32, h: 0.75 };
const SHELF_Y = [1.28, 1.64, 2.0];
const SHELF_Z = -5.55;
const BAYS: [number, number][] = [
  [-2.66, -0.94],
  [-0.86, 0.86],
  [0.94, 2.66],
];

// ---------------------------------------------------------------------------------------------------------------
// Template geometries (shared, never mutated)
// ---------------------------------------------------------------------------------------------------------------

const BOX = new BoxGeometry(1, 1, 1);
const CYL = new CylinderGeometry(1, 1, 1, 16, 1);
const CYL_LO = new CylinderGeometry(1, 1, 1, 10, 1);
const CYL_OPEN = new CylinderGeometry(1, 1, 1, 12, 1, true);
const DISC = new CylinderGeometry(1, 1, 1, 24, 1);
const SPHERE_LO = new SphereGeometry(1, 8, 6);
const PLANE = new PlaneGeometry(1, 1);
const FLOOR_PLANE = new PlaneGeometry(1, 1).rotateX(-Math.PI / 2);
const CIRCLE = new CircleGeometry(0.5, 32);
const TORUS = new TorusGeometry(1, 0.075, 6, 24);

const v2 = (pts: [number, number][]) => pts.map(([x, y]) => new Vector2(x, y));

/** Pint glass (nonic), liquid and foam; origin at the bottom centre. 15 cm tall. */
const PINT_GLASS = new LatheGeometry(
  v2([
    [0.0, 0.0],
    [0.03, 0.0],
    [0.032, 0.006],
    [0.037, 0.1],
    [0.0425, 0.122],
    [0.0405, 0.15],
  ]),
  16,
);
const PINT_LIQUID = new LatheGeometry(
  v2([
    [0.0, 0.006],
    [0.028, 0.006],
    [0.0345, 0.1],
    [0.0385, 0.118],
    [0.0, 0.118],
  ]),
  16,
);
const PINT_FOAM = new LatheGeometry(
  v2([
    [0.0, 0.117],
    [0.0388, 0.117],
    [0.0398, 0.14],
    [0.034, 0.152],
    [0.018, 0.157],
    [0.0, 0.158],
  ]),
  16,
);

/** Bottle profiles: origin at the bottom centre. */
const BEER_BOTTLE = v2([
  [0, 0],
  [0.03, 0],
  [0.032, 0.006],
  [0.032, 0.13],
  [0.029, 0.152],
  [0.016, 0.18],
  [0.0135, 0.215],
  [0.0155, 0.222],
  [0.0145, 0.23],
  [0, 0.23],
]);
const WINE_BOTTLE = v2([
  [0, 0],
  [0.036, 0],
  [0.037, 0.006],
  [0.037, 0.19],
  [0.033, 0.215],
  [0.016, 0.248],
  [0.0145, 0.288],
  [0.0165, 0.3],
  [0, 0.3],
]);
const SPIRIT_BOTTLE = v2([
  [0, 0],
  [0.044, 0],
  [0.046, 0.008],
  [0.046, 0.175],
  [0.04, 0.2],
  [0.019, 0.212],
  [0.016, 0.25],
  [0.018, 0.268],
  [0, 0.268],
]);
const SQUAT_BOTTLE = v2([
  [0, 0],
  [0.05, 0],
  [0.052, 0.01],
  [0.05, 0.13],
  [0.036, 0.16],
  [0.017, 0.172],
  [0.017, 0.205],
  [0, 0.205],
]);
const BOTTLES = {
  beer: { geo: new LatheGeometry(BEER_BOTTLE, 12), h: 0.23, r: 0.032, label: [0.035, 0.11], neck: 0.0155 },
  wine: { geo: new LatheGeometry(WINE_BOTTLE, 12), h: 0.3, r: 0.037, label: [0.05, 0.15], neck: 0.0165 },
  spirit: { geo: new LatheGeometry(SPIRIT_BOTTLE, 12), h: 0.268, r: 0.046, label: [0.045, 0.14], neck: 0.018 },
  squat: { geo: new LatheGeometry(SQUAT_BOTTLE, 12), h: 0.205, r: 0.052, label: [0.03, 0.1], neck: 0.017 },
} as const;
type BottleKind = keyof typeof BOTTLES;

/** Lamp shade: outer dome and an inward-facing inner surface (drawn glowing, lit by its bulb). */
const SHADE_PROFILE: [number, number][] = [
  [0.035, 0.0],
  [0.06, -0.03],
  [0.13, -0.11],
  [0.175, -0.2],
  [0.18, -0.215],
];
const SHADE_OUTER = new LatheGeometry(v2(SHADE_PROFILE), 20);
const SHADE_INNER = new LatheGeometry(v2([...SHADE_PROFILE].reverse().map(([x, y]) => [x * 0.97, y + 0.004])), 20);

// ---------------------------------------------------------------------------------------------------------------
// Procedural pictures
// ---------------------------------------------------------------------------------------------------------------

/** Decor atlas: dartboard (top-left), clock (top-right), chalkboard (bottom-left), photo (bottom-right). */
function drawDecor(ctx: CanvasRenderingContext2D) {
  // Dartboard
  const cx = 256;
  const cy = 256;
  ctx.fillStyle = '#111';
  ctx.fillRect(0, 0, 512, 512);
  for (let i = 0; i < 20; i++) {
    const a0 = ((i - 0.5) / 20) * Math.PI * 2 - Math.PI / 2;
    const a1 = ((i + 0.5) / 20) * Math.PI * 2 - Math.PI / 2;
    const wedge = (r0: number, r1: number, col: string) => {
      ctx.beginPath();
      ctx.arc(cx, cy, r1, a0, a1);
      ctx.arc(cx, cy, r0, a1, a0, true);
      ctx.closePath();
      ctx.fillStyle = col;
      ctx.fill();
    };
    const dark = i % 2 === 0;
    wedge(22, 200, dark ? '#1b1b1b' : '#efe3c4');
    wedge(185, 200, dark ? '#b52a22' : '#1f7a3a');
    wedge(112, 125, dark ? '#b52a22' : '#1f7a3a');
  }
  ctx.beginPath();
  ctx.arc(cx, cy, 22, 0, Math.PI * 2);
  ctx.fillStyle = '#1f7a3a';
  ctx.fill();
  ctx.beginPath();
  ctx.arc(cx, cy, 10, 0, Math.PI * 2);
  ctx.fillStyle = '#b52a22';
  ctx.fill();
  ctx.fillStyle = '#e8e8e8';
  ctx.font = 'bold 26px sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  const nums = [20, 1, 18, 4, 13, 6, 10, 15, 2, 17, 3, 19, 7, 16, 8, 11, 14, 9, 12, 5];
  nums.forEach((n, i) => {
    const a = (i / 20) * Math.PI * 2 - Math.PI / 2;
    ctx.fillText(String(n), cx + Math.cos(a) * 226, cy + Math.sin(a) * 226);
  });

  // Clock
  ctx.save();
  ctx.translate(768, 256);
  ctx.fillStyle = '#2a2320';
  ctx.beginPath();
  ctx.arc(0, 0, 256, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = '#f1e8d4';
  ctx.beginPath();
  ctx.arc(0, 0, 228, 0, Math.PI * 2);
  ctx.fill();
  ctx.fillStyle = '#2a2320';
  ctx.font = 'bold 44px serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ['XII', 'I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII', 'IX', 'X', 'XI'].forEach((t, i) => {
    const a = (i / 12) * Math.PI * 2 - Math.PI / 2;
    ctx.fillText(t, Math.cos(a) * 180, Math.sin(a) * 180);
  });
  ctx.strokeStyle = '#2a2320';
  ctx.lineCap = 'round';
  const hand = (a: number, len: number, w: number) => {
    ctx.lineWidth = w;
    ctx.beginPath();
    ctx.moveTo(0, 0);
    ctx.lineTo(Math.cos(a - Math.PI / 2) * len, Math.sin(a - Math.PI / 2) * len);
    ctx.stroke();
  };
  hand((9.2 / 12) * Math.PI * 2, 110, 14);
  hand((10 / 60) * Math.PI * 2, 165, 9);
  ctx.restore();

  // Chalkboard (neutral: food and a quiz night)
  ctx.fillStyle = '#5b3a22';
  ctx.fillRect(0, 512, 512, 512);
  ctx.fillStyle = '#1f2623';
  ctx.fillRect(22, 534, 468, 468);
  ctx.fillStyle = 'rgba(255,255,255,0.05)';
  for (let i = 0; i < 40; i++) ctx.fillRect(22 + ((i * 97) % 440), 540 + ((i * 53) % 440), 60, 8);
  ctx.fillStyle = '#f3f0e6';
  ctx.textAlign = 'center';
  ctx.font = 'bold 64px sans-serif';
  ctx.fillText('MENU', 256, 610);
  ctx.font = '34px sans-serif';
  ctx.textAlign = 'left';
  const items = ['Soup of the day', 'Burger & fries', 'Club sandwich', 'Coffee  ·  Tea', 'Lemonade'];
  items.forEach((t, i) => ctx.fillText(t, 60, 690 + i * 52));
  ctx.fillStyle = '#f2c14e';
  ctx.textAlign = 'center';
  ctx.font = 'bold 40px sans-serif';
  ctx.fillText('QUIZ NIGHT  THU', 256, 965);

  // Old photograph (sepia landscape)
  ctx.fillStyle = '#eadfc8';
  ctx.fillRect(512, 512, 512, 512);
  const g = ctx.createLinearGradient(0, 560, 0, 900);
  g.addColorStop(0, '#cdb894');
  g.addColorStop(1, '#8d7455');
  ctx.fillStyle = g;
  ctx.fillRect(552, 552, 432, 432);
  ctx.fillStyle = '#6b5640';
  ctx.beginPath();
  ctx.moveTo(552, 820);
  ctx.lineTo(640, 700);
  ctx.lineTo(720, 770);
  ctx.lineTo(820, 650);
  ctx.lineTo(984, 800);
  ctx.lineTo(984, 984);
  ctx.lineTo(552, 984);
  ctx.fill();
  ctx.fillStyle = '#4e3d2c';
  ctx.fillRect(552, 880, 432, 104);
}

function drawNight(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const rnd = seededRandom(21);
  const g = ctx.createLinearGradient(0, 0, 0, h);
  g.addColorStop(0, '#0b1530');
  g.addColorStop(0.7, '#1c2a4f');
  g.addColorStop(1, '#2b2a3a');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, w, h);
  // Buildings across the street with a few lit windows
  for (let x = 0; x < w; ) {
    const bw = 50 + rnd() * 70;
    const bh = h * (0.35 + rnd() * 0.35);
    ctx.fillStyle = '#121726';
    ctx.fillRect(x, h - bh, bw, bh);
    for (let wy = h - bh + 12; wy < h - 30; wy += 22) {
      for (let wx = x + 8; wx < x + bw - 12; wx += 18) {
        if (rnd() < 0.3) {
          ctx.fillStyle = rnd() < 0.5 ? '#f7c66a' : '#e9a84c';
          ctx.fillRect(wx, wy, 9, 12);
        }
      }
    }
    x += bw + 4;
  }
  // Street lamp glow
  const lg = ctx.createRadialGradient(w * 0.7, h * 0.55, 0, w * 0.7, h * 0.55, w * 0.25);
  lg.addColorStop(0, 'rgba(255,200,120,0.9)');
  lg.addColorStop(1, 'rgba(255,200,120,0)');
  ctx.fillStyle = lg;
  ctx.fillRect(0, 0, w, h);
}

/** "BEER" neon on a black board with a beer-mug pictogram. Opaque, so it needs no alpha blending. */
function drawBeerSign(ctx: CanvasRenderingContext2D, w: number, h: number) {
  ctx.fillStyle = '#0b0807';
  ctx.fillRect(0, 0, w, h);
  const neon = (draw: () => void, color: string, width: number) => {
    ctx.strokeStyle = color;
    ctx.lineCap = 'round';
    ctx.lineJoin = 'round';
    ctx.shadowColor = color;
    for (const [blur, lw, alpha] of [
      [40, width * 2.6, 0.35],
      [18, width * 1.6, 0.6],
      [0, width, 1],
    ] as const) {
      ctx.shadowBlur = blur;
      ctx.lineWidth = lw;
      ctx.globalAlpha = alpha;
      draw();
    }
    ctx.globalAlpha = 1;
    ctx.shadowBlur = 0;
    ctx.strokeStyle = '#fff7d6';
    ctx.lineWidth = width * 0.35;
    draw();
  };
  // Frame
  neon(() => {
    ctx.beginPath();
    ctx.roundRect(18, 18, w - 36, h - 36, 30);
    ctx.stroke();
  }, '#ff5a2a', 7);
  // Mug
  const mx = 70;
  const my = 80;
  neon(() => {
    ctx.beginPath();
    ctx.moveTo(mx, my + 40);
    ctx.lineTo(mx + 10, my + 220);
    ctx.lineTo(mx + 150, my + 220);
    ctx.lineTo(mx + 160, my + 40);
    ctx.moveTo(mx + 158, my + 80);
    ctx.quadraticCurveTo(mx + 230, my + 80, mx + 222, my + 130);
    ctx.quadraticCurveTo(mx + 215, my + 180, mx + 152, my + 180);
    ctx.moveTo(mx + 50, my + 90);
    ctx.lineTo(mx + 55, my + 185);
    ctx.moveTo(mx + 105, my + 90);
    ctx.lineTo(mx + 102, my + 185);
    ctx.stroke();
  }, '#ffb21e', 9);
  // Foam
  neon(() => {
    ctx.beginPath();
    ctx.moveTo(mx - 8, my + 40);
    ctx.arc(mx + 22, my + 30, 30, Math.PI, Math.PI * 1.9);
    ctx.arc(mx + 80, my + 18, 34, Math.PI * 1.1, Math.PI * 1.9);
    ctx.arc(mx + 138, my + 30, 30, Math.PI * 1.1, 0);
    ctx.stroke();
  }, '#fff3c9', 8);
  // Text
  ctx.font = 'bold 190px sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  const tx = 640;
  const ty = h / 2 + 8;
  ctx.shadowColor = '#ffb21e';
  for (const [blur, alpha] of [
    [50, 0.5],
    [24, 0.8],
    [8, 1],
  ] as const) {
    ctx.shadowBlur = blur;
    ctx.globalAlpha = alpha;
    ctx.fillStyle = '#ffb21e';
    ctx.fillText('BEER', tx, ty);
  }
  ctx.globalAlpha = 1;
  ctx.shadowBlur = 0;
  ctx.lineWidth = 5;
  ctx.strokeStyle = '#fff4cf';
  ctx.strokeText('BEER', tx, ty);
}

const decorTex = canvasTexture(1024, 1024, drawDecor);
const nightTex = canvasTexture(512, 512, drawNight);
const signTex = canvasTexture(1024, 384, drawBeerSign);

const decorMat = new MeshStandardMaterial({ map: decorTex, roughness: 0.7, emissive: '#ffffff', emissiveMap: decorTex, emissiveIntensity: 0.08 });
const windowMat = new MeshBasicMaterial({ map: nightTex });
const signMat = new MeshBasicMaterial({ map: signTex, toneMapped: false });
const signHalo = glowHalo.clone();
signHalo.color.set('#ff9a2a');
signHalo.opacity = 0.45;

// Atlas rectangles [u0, v0, u1, v1]
const UV_DART: [number, number, number, number] = [0, 0.5, 0.5, 1];
const UV_CLOCK: [number, number, number, number] = [0.5, 0.5, 1, 1];
const UV_CHALK: [number, number, number, number] = [0, 0, 0.5, 0.5];
const UV_PHOTO: [number, number, number, number] = [0.5, 0, 1, 0.5];

// ---------------------------------------------------------------------------------------------------------------
// Room builders (level 0)
// ---------------------------------------------------------------------------------------------------------------

const WOOD = { dark: '#4a2c1a', mid: '#6b4128', warm: '#8a5632', top: '#3b2215', panel: '#5a361f', pale: '#9b6a42' };
const IRON = '#26262a';
const BRASS = '#c8a050';

interface Buckets {
  wood: Part[];
  matte: Part[];
  satin: Part[];
  metal: Part[];
  glow: Part[];
  leaf: Part[];
  decor: Part[];
  window: Part[];
  shadow: Part[];
  floor: Part[];
  brick: Part[];
}

function box(list: Part[], x0: number, y0: number, z0: number, x1: number, y1: number, z1: number, color: string, rotation?: Vec3) {
  list.push({
    geometry: BOX,
    position: [(x0 + x1) / 2, (y0 + y1) / 2, (z0 + z1) / 2],
    scale: [Math.abs(x1 - x0), Math.abs(y1 - y0), Math.abs(z1 - z0)],
    color,
    rotation,
  });
}

function blob(b: Buckets, x: number, z: number, sx: number, sz: number, y = 0.004) {
  b.shadow.push({ geometry: FLOOR_PLANE, position: [x, y, z], scale: [sx, 1, sz] });
}

/** Chair facing `yaw` (0 = facing +z), wooden bistro style. */
function chair(b: Buckets, x: number, z: number, yaw: number, color = WOOD.mid) {
  const c = Math.cos(yaw);
  const s = Math.sin(yaw);
  const at = (lx: number, y: number, lz: number): Vec3 => [x + lx * c + lz * s, y, z - lx * s + lz * c];
  const add = (list: Part[], lx: number, y: number, lz: number, sx: number, sy: number, sz: number, col: string) =>
    list.push({ geometry: BOX, position: at(lx, y, lz), rotation: [0, yaw, 0], scale: [sx, sy, sz], color: col });
  add(b.wood, 0, 0.45, 0, 0.42, 0.035, 0.4, color);
  for (const lx of [-0.18, 0.18]) {
    add(b.wood, lx, 0.225, 0.17, 0.035, 0.45, 0.035, color);
    add(b.wood, lx, 0.43, -0.18, 0.035, 0.86, 0.035, color);
  }
  add(b.wood, 0, 0.63, -0.185, 0.36, 0.06, 0.022, color);
  add(b.wood, 0, 0.79, -0.185, 0.36, 0.08, 0.022, color);
  add(b.wood, 0, 0.15, 0, 0.34, 0.025, 0.025, color);
  blob(b, x, z, 0.65, 0.65);
}

function table(b: Buckets, x: number, z: number, r: number) {
  b.wood.push({ geometry: DISC, position: [x, TABLE.h - 0.018, z], scale: [r, 0.036, r], color: WOOD.top });
  b.wood.push({ geometry: DISC, position: [x, TABLE.h - 0.045, z], scale: [r * 0.92, 0.02, r * 0.92], color: WOOD.dark });
  b.metal.push({ geometry: CYL_LO, position: [x, 0.37, z], scale: [0.035, 0.72, 0.035], color: IRON });
  b.metal.push({ geometry: CYL, position: [x, 0.015, z], scale: [0.24, 0.03, 0.24], color: IRON });
  blob(b, x, z, r * 2.6, r * 2.6);
}

function stool(b: Buckets, x: number, z: number) {
  b.satin.push({ geometry: new CylinderGeometry(0.19, 0.17, 0.07, 16), position: [x, 0.765, z], color: '#6e1f1c' });
  b.metal.push({ geometry: CYL_LO, position: [x, 0.37, z], scale: [0.028, 0.74, 0.028], color: IRON });
  b.metal.push({ geometry: CYL, position: [x, 0.012, z], scale: [0.2, 0.024, 0.2], color: IRON });
  b.metal.push({ geometry: TORUS, position: [x, 0.3, z], rotation: [Math.PI / 2, 0, 0], scale: [0.16, 0.16, 0.16], color: BRASS });
  for (let i = 0; i < 3; i++) {
    const a = (i / 3) * Math.PI * 2;
    b.metal.push({
      geometry: BOX,
      position: [x + Math.cos(a) * 0.08, 0.3, z + Math.sin(a) * 0.08],
      rotation: [0, -a, 0],
      scale: [0.16, 0.012, 0.012],
      color: BRASS,
    });
  }
  blob(b, x, z, 0.6, 0.6);
}

function pendant(b: Buckets, x: number, z: number, bottom: number, shade: string) {
  const top = bottom + 0.215;
  b.metal.push({ geometry: CYL_LO, position: [x, (top + ROOM.h) / 2, z], scale: [0.005, ROOM.h - top, 0.005], color: IRON });
  b.metal.push({ geometry: CYL_LO, position: [x, ROOM.h - 0.01, z], scale: [0.05, 0.02, 0.05], color: IRON });
  b.satin.push({ geometry: SHADE_OUTER, position: [x, top, z], color: shade });
  b.glow.push({ geometry: SHADE_INNER, position: [x, top, z], color: '#f3c98a' });
  b.glow.push({ geometry: SPHERE_LO, position: [x, bottom + 0.05, z], scale: [0.045, 0.055, 0.045], color: '#fff0d0' });
}

/** Potted plant: pot in `matte`, leaves in `leaf`. */
function plant(b: Buckets, x: number, y: number, z: number, size: number, seed: number, pot = '#b5653e') {
  const rnd = seededRandom(seed);
  const ph = 0.32 * size;
  b.matte.push({ geometry: new CylinderGeometry(0.16 * size, 0.12 * size, ph, 14), position: [x, y + ph / 2, z], color: pot });
  b.matte.push({ geometry: CYL_LO, position: [x, y + ph - 0.01, z], scale: [0.15 * size, 0.02, 0.15 * size], color: '#3a2a1e' });
  const n = Math.round(16 + size * 8);
  for (let i = 0; i < n; i++) {
    const a = rnd() * Math.PI * 2;
    const tilt = 0.25 + rnd() * 0.9;
    const len = (0.18 + rnd() * 0.16) * size;
    const h = y + ph + (0.05 + rnd() * 0.45) * size;
    const rr = Math.sin(tilt) * len * 0.6;
    const green = ['#2f6b34', '#3d7f3a', '#285c2e', '#4a8c44'][Math.floor(rnd() * 4)]!;
    // Leaf: an ellipsoid from its stem point outward and upward (yaw toward `a`, pitched up by 90° - tilt).
    const q = new Quaternion().setFromEuler(new Euler(-(Math.PI / 2 - tilt), Math.PI / 2 - a, 0, 'YXZ'));
    const dir = new Vector3(0, 0, 1).applyQuaternion(q);
    b.leaf.push({
      geometry: SPHERE_LO,
      position: [x + Math.cos(a) * rr + dir.x * len * 0.5, h + dir.y * len * 0.5, z + Math.sin(a) * rr + dir.z * len * 0.5],
      quaternion: q,
      scale: [0.045 * size, 0.006, len * 0.5],
      color: green,
    });
  }
  blob(b, x, z, 0.6 * size, 0.6 * size, y + 0.004);
}

function books(b: Buckets, x0: number, y: number, z: number, count: number, seed: number) {
  const rnd = seededRandom(seed);
  const cols = ['#7a2e2a', '#2e4a6b', '#3e5a36', '#a07a35', '#5a3e62', '#c9b28a', '#23313f'];
  let x = x0;
  for (let i = 0; i < count; i++) {
    const w = 0.025 + rnd() * 0.02;
    const h = 0.19 + rnd() * 0.08;
    b.matte.push({
      geometry: BOX,
      position: [x + w / 2, y + h / 2, z + (rnd() - 0.5) * 0.02],
      scale: [w, h, 0.17 + rnd() * 0.04],
      color: cols[Math.floor(rnd() * cols.length)]!,
    });
    x += w + 0.002;
  }
  return x;
}

function buildRoom(): Buckets {
  const b: Buckets = { wood: [], matte: [], satin: [], metal: [], glow: [], leaf: [], decor: [], window: [], shadow: [], floor: [], brick: [] };
  const { x0, x1, z0, z1, h } = ROOM;
  const W = x1 - x0;
  const D = z1 - z0;

  // Floor, ceiling, walls
  b.floor.push({ geometry: FLOOR_PLANE, position: [(x0 + x1) / 2, 0, (z0 + z1) / 2], scale: [W, 1, D] });
  b.matte.push({ geometry: PLANE, position: [(x0 + x1) / 2, h, (z0 + z1) / 2], rotation: [Math.PI / 2, 0, 0], scale: [W, D, 1], color: '#2a1f1a' });
  b.brick.push({ geometry: PLANE, position: [(x0 + x1) / 2, h / 2, z0], scale: [W, h, 1] });
  const green = '#2e4a3c';
  const wallUpper = (pos: Vec3, rotY: number, len: number) =>
    b.matte.push({ geometry: PLANE, position: [pos[0], (1.08 + h) / 2, pos[2]], rotation: [0, rotY, 0], scale: [len, h - 1.08, 1], color: green });
  wallUpper([x0, 0, (z0 + z1) / 2], Math.PI / 2, D);
  wallUpper([x1, 0, (z0 + z1) / 2], -Math.PI / 2, D);
  wallUpper([(x0 + x1) / 2, 0, z1], Math.PI, W);
  // Wainscot: panels and cap rail along the side and front walls
  const wain = (ax: number, az: number, bx: number, bz: number, nx: number, nz: number) => {
    const len = Math.hypot(bx - ax, bz - az);
    const rot: Vec3 = [0, Math.atan2(bx - ax, bz - az) + Math.PI / 2, 0];
    const mid: Vec3 = [(ax + bx) / 2, 0, (az + bz) / 2];
    b.wood.push({ geometry: BOX, position: [mid[0] + nx * 0.01, 0.54, mid[2] + nz * 0.01], rotation: rot, scale: [len, 1.08, 0.02], color: WOOD.dark });
    b.wood.push({ geometry: BOX, position: [mid[0] + nx * 0.03, 1.08, mid[2] + nz * 0.03], rotation: rot, scale: [len, 0.05, 0.05], color: WOOD.mid });
    b.wood.push({ geometry: BOX, position: [mid[0] + nx * 0.025, 0.06, mid[2] + nz * 0.025], rotation: rot, scale: [len, 0.12, 0.03], color: WOOD.top });
    const n = Math.floor(len / 0.9);
    for (let i = 0; i < n; i++) {
      const t = (i + 0.5) / n;
      b.wood.push({
        geometry: BOX,
        position: [ax + (bx - ax) * t + nx * 0.025, 0.6, az + (bz - az) * t + nz * 0.025],
        rotation: rot,
        scale: [len / n - 0.16, 0.7, 0.015],
        color: WOOD.panel,
      });
    }
  };
  wain(x0, z0, x0, z1, 1, 0);
  wain(x1, z0, x1, z1, -1, 0);
  wain(x0, z1, x1, z1, 0, -1);
  // Ceiling beams
  for (let z = z0 + 0.9; z < z1; z += 1.6) box(b.wood, x0, h - 0.18, z - 0.09, x1, h, z + 0.09, WOOD.dark);

  // Bar counter
  const C = COUNTER;
  box(b.wood, C.x0, 0.1, C.back, C.x1, 1.03, C.front, WOOD.dark);
  box(b.wood, C.x0 - 0.08, 1.03, C.back - 0.02, C.x1 + 0.08, C.h, C.front + 0.1, WOOD.top);
  box(b.wood, C.x0 - 0.06, 0.98, C.front, C.x1 + 0.06, 1.03, C.front + 0.06, WOOD.mid);
  box(b.matte, C.x0 + 0.05, 0, C.back + 0.05, C.x1 - 0.05, 0.1, C.front - 0.05, '#151210');
  const panels = 6;
  for (let i = 0; i < panels; i++) {
    const pw = (C.x1 - C.x0) / panels;
    const px = C.x0 + pw * (i + 0.5);
    box(b.wood, px - pw / 2 + 0.09, 0.22, C.front, px + pw / 2 - 0.09, 0.9, C.front + 0.02, WOOD.warm);
    box(b.wood, px - pw / 2 + 0.15, 0.28, C.front + 0.02, px + pw / 2 - 0.15, 0.84, C.front + 0.03, WOOD.panel);
  }
  for (const ex of [C.x0, C.x1]) box(b.wood, ex - 0.03, 0.1, C.back, ex + 0.03, 1.03, C.front + 0.04, WOOD.mid);
  // Brass foot rail with brackets
  b.metal.push({ geometry: CYL_LO, position: [0, 0.2, C.front + 0.16], rotation: [0, 0, Math.PI / 2], scale: [0.022, C.x1 - C.x0 - 0.2, 0.022], color: BRASS });
  for (let x = C.x0 + 0.3; x <= C.x1 - 0.3; x += 1.08) {
    box(b.metal, x - 0.012, 0.19, C.front, x + 0.012, 0.215, C.front + 0.16, BRASS);
  }
  blob(b, 0, C.front + 0.1, C.x1 - C.x0 + 0.6, 0.7);

  // Back bar: cabinet, shelves, mirror, cornice
  box(b.wood, -3, 0, z0, 3, 0.95, z0 + 0.5, WOOD.dark);
  box(b.wood, -3.04, 0.95, z0, 3.04, 0.99, z0 + 0.54, WOOD.top);
  for (let i = 0; i < 6; i++) {
    const dx = -3 + i + 0.5;
    box(b.wood, dx - 0.42, 0.14, z0 + 0.5, dx + 0.42, 0.86, z0 + 0.52, WOOD.panel);
    box(b.metal, dx - 0.02, 0.62, z0 + 0.52, dx + 0.02, 0.64, z0 + 0.55, BRASS);
  }
  for (const vx of [-2.7, -0.9, 0.9, 2.7]) box(b.wood, vx - 0.04, 0.99, z0, vx + 0.04, 2.36, z0 + 0.32, WOOD.mid);
  for (const y of SHELF_Y) {
    box(b.wood, -2.7, y - 0.0175, z0, 2.7, y + 0.0175, z0 + 0.32, WOOD.warm);
    box(b.glow, -2.66, y - 0.03, z0 + 0.29, 2.66, y - 0.02, z0 + 0.305, '#ffb870');
  }
  box(b.wood, -2.82, 2.36, z0, 2.82, 2.46, z0 + 0.38, WOOD.mid);
  box(b.wood, -2.86, 2.46, z0, 2.86, 2.5, z0 + 0.42, WOOD.top);
  b.metal.push({ geometry: PLANE, position: [0, 1.675, z0 + 0.005], scale: [5.4, 1.37, 1], color: '#5b5148' });

  // Level-0 shelf contents: books, plants, a clock; nothing to drink.
  books(b, BAYS[0]![0] + 0.04, SHELF_Y[2]! + 0.0175, SHELF_Z, 12, 3);
  books(b, BAYS[2]![1] - 0.4, SHELF_Y[0]! + 0.0175, SHELF_Z, 11, 4);
  plant(b, BAYS[2]![1] - 0.16, SHELF_Y[2]! + 0.0175, SHELF_Z, 0.55, 8, '#d9d2c4');
  plant(b, BAYS[0]![0] + 0.18, SHELF_Y[0]! + 0.0175, SHELF_Z, 0.5, 9, '#2f4f5f');
  plant(b, BAYS[1]![0] + 0.86, SHELF_Y[1]! + 0.0175, SHELF_Z, 0.45, 10, '#b5653e');
  // Banker's lamps at the counter ends
  for (const lx of [-2.7, 2.7]) {
    b.metal.push({ geometry: CYL, position: [lx, C.h + 0.01, C.back + 0.3], scale: [0.07, 0.02, 0.07], color: BRASS });
    b.metal.push({ geometry: CYL_LO, position: [lx, C.h + 0.12, C.back + 0.3], scale: [0.01, 0.22, 0.01], color: BRASS });
    b.satin.push({
      geometry: new CylinderGeometry(0.05, 0.1, 0.09, 14, 1),
      position: [lx, C.h + 0.26, C.back + 0.3],
      color: '#1f5a3a',
    });
    b.glow.push({ geometry: CIRCLE, position: [lx, C.h + 0.214, C.back + 0.3], rotation: [Math.PI / 2, 0, 0], scale: [0.18, 0.18, 1], color: '#ffd9a0' });
  }

  // Patient's table and the empty chair across it; the patient's own chair (low back, away from the head).
  table(b, TABLE.x, TABLE.z, TABLE.r);
  chair(b, TABLE.x, -1.5, 0);
  chair(b, 0, 0.12, Math.PI, WOOD.mid);
  // Other tables
  const others: [number, number][] = [
    [-2.7, -1.1],
    [2.75, -1.25],
    [-2.6, 1.7],
    [2.5, 1.6],
  ];
  for (const [tx, tz] of others) {
    table(b, tx, tz, 0.34);
    chair(b, tx - 0.62, tz, Math.PI / 2);
    chair(b, tx + 0.62, tz, -Math.PI / 2);
  }
  // Stools along the counter
  for (const sx of [-2.6, -0.35, 0.45, 1.75, 2.6]) stool(b, sx, C.front + 0.42);

  // Pendant lamps
  pendant(b, TABLE.x, TABLE.z - 0.1, 2.2, '#1f4a36');
  for (const px of [-1.5, 1.5]) pendant(b, px, -3.5, 2.05, '#7a5a2a');
  pendant(b, -2.7, -1.1, 1.95, '#1f4a36');
  pendant(b, 2.75, -1.25, 1.95, '#1f4a36');
  pendant(b, -2.6, 1.7, 1.95, '#1f4a36');
  pendant(b, 2.5, 1.6, 1.95, '#1f4a36');

  // Windows (right wall) and door (front wall)
  for (const wz of [-1.3, 1.5]) {
    b.window.push({ geometry: PLANE, position: [x1 - 0.005, 1.75, wz], rotation: [0, -Math.PI / 2, 0], scale: [1.2, 1.3, 1] });
    box(b.wood, x1 - 0.06, 1.06, wz - 0.66, x1, 1.12, wz + 0.66, WOOD.mid);
    box(b.wood, x1 - 0.05, 2.4, wz - 0.66, x1, 2.46, wz + 0.66, WOOD.mid);
    for (const dz of [-0.63, 0, 0.63]) box(b.wood, x1 - 0.05, 1.1, wz + dz - 0.03, x1, 2.4, wz + dz + 0.03, WOOD.mid);
    box(b.wood, x1 - 0.05, 1.72, wz - 0.63, x1, 1.77, wz + 0.63, WOOD.mid);
  }
  const dx = -2.4;
  box(b.wood, dx - 0.5, 0, z1 - 0.05, dx + 0.5, 2.15, z1 - 0.01, WOOD.warm);
  b.window.push({ geometry: PLANE, position: [dx, 1.55, z1 - 0.055], rotation: [0, Math.PI, 0], scale: [0.6, 0.8, 1] });
  box(b.metal, dx + 0.36, 1.0, z1 - 0.1, dx + 0.39, 1.2, z1 - 0.06, BRASS);
  box(b.wood, dx - 0.58, 0, z1 - 0.07, dx - 0.5, 2.22, z1, WOOD.dark);
  box(b.wood, dx + 0.5, 0, z1 - 0.07, dx + 0.58, 2.22, z1, WOOD.dark);
  box(b.wood, dx - 0.58, 2.15, z1 - 0.07, dx + 0.58, 2.23, z1, WOOD.dark);
  b.window.push({ geometry: PLANE, position: [1.6, 1.75, z1 - 0.005], rotation: [0, Math.PI, 0], scale: [1.4, 1.2, 1] });
  box(b.wood, 0.86, 1.1, z1 - 0.06, 2.34, 1.16, z1, WOOD.mid);
  box(b.wood, 0.86, 2.34, z1 - 0.06, 2.34, 2.4, z1, WOOD.mid);
  box(b.wood, 1.57, 1.1, z1 - 0.05, 1.63, 2.36, z1, WOOD.mid);

  // Wall decor: dartboard and chalkboard (left), photos and clock (right / back)
  const dart: Vec3 = [x0 + 0.03, 1.73, -2.2];
  b.decor.push({ geometry: CIRCLE, position: dart, rotation: [0, Math.PI / 2, 0], scale: [0.46, 0.46, 1], uvRect: UV_DART });
  b.wood.push({ geometry: BOX, position: [x0 + 0.015, 1.73, -2.2], scale: [0.02, 0.7, 0.7], color: WOOD.dark });
  b.decor.push({ geometry: PLANE, position: [x0 + 0.03, 1.75, 0.6], rotation: [0, Math.PI / 2, 0], scale: [0.85, 0.85, 1], uvRect: UV_CHALK });
  b.decor.push({ geometry: CIRCLE, position: [x1 - 0.03, 2.55, 0.1], rotation: [0, -Math.PI / 2, 0], scale: [0.42, 0.42, 1], uvRect: UV_CLOCK });
  for (const [pz, py] of [
    [-3.3, 1.75],
    [2.65, 1.9],
  ] as const) {
    b.wood.push({ geometry: BOX, position: [x1 - 0.015, py, pz], scale: [0.02, 0.5, 0.5], color: WOOD.top });
    b.decor.push({ geometry: PLANE, position: [x1 - 0.03, py, pz], rotation: [0, -Math.PI / 2, 0], scale: [0.42, 0.42, 1], uvRect: UV_PHOTO });
  }

  // Corner plants
  plant(b, x0 + 0.45, 0, -4.9, 1.5, 1, '#3b3a38');
  plant(b, x1 - 0.45, 0, -4.9, 1.5, 2, '#3b3a38');
  plant(b, x1 - 0.4, 0, 0.15, 1.2, 3);
  return b;
}

function useMerged(parts: Part[], worldUV?: number): BufferGeometry {
  const geo = useMemo(() => mergeParts(parts, worldUV ? { worldUV } : {}), [parts, worldUV]);
  useEffect(() => () => geo.dispose(), [geo]);
  return geo;
}

function MergedMesh({ parts, material, worldUV, renderOrder }: { parts: Part[]; material: Material; worldUV?: number; renderOrder?: number }) {
  const geo = useMerged(parts, worldUV);
  if (parts.length === 0) return null;
  return <mesh geometry={geo} material={material} renderOrder={renderOrder ?? 0} />;
}

function BarRoom() {
  const b = useMemo(buildRoom, []);
  return (
    <group name="cue:room" userData={{ cueId: 'room', minLevel: 0 }}>
      <MergedMesh parts={b.floor} material={floorDark} worldUV={0.625} />
      <MergedMesh parts={b.brick} material={brick} worldUV={0.8} />
      <MergedMesh parts={b.wood} material={woodVC} worldUV={1.1} />
      <MergedMesh parts={b.matte} material={matteVC} />
      <MergedMesh parts={b.satin} material={satinVC} />
      <MergedMesh parts={b.metal} material={metalVC} />
      <MergedMesh parts={b.glow} material={glowVC} />
      <MergedMesh parts={b.leaf} material={leafVC} />
      <MergedMesh parts={b.decor} material={decorMat} />
      <MergedMesh parts={b.window} material={windowMat} />
      <MergedMesh parts={b.shadow} material={contactShadow} renderOrder={1} />
    </group>
  );
}

function BarLights() {
  return (
    <>
      <hemisphereLight args={['#ffd7a8', '#2a1a12', 0.8]} />
      {/* Over the patient's table */}
      <pointLight position={[TABLE.x, 2.1, TABLE.z - 0.1]} color="#ffc27a" intensity={2.2} distance={6} decay={1.6} />
      {/* Over the counter */}
      <pointLight position={[-1.5, 1.95, -3.3]} color="#ffb866" intensity={3.2} distance={7} decay={1.5} />
      <pointLight position={[1.5, 1.95, -3.3]} color="#ffb866" intensity={3.2} distance={7} decay={1.5} />
      {/* Back-bar shelves */}
      <pointLight position={[0, 1.9, -4.7]} color="#ffae5c" intensity={2.6} distance={5} decay={1.5} />
    </>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Cue props
// ---------------------------------------------------------------------------------------------------------------

/** A full pint of beer with a head of foam; origin at the bottom centre. */
function BeerGlass({ scale = 1 }: { scale?: number }) {
  return (
    <group scale={scale}>
      <mesh geometry={PINT_LIQUID} material={beerLiquid} />
      <mesh geometry={PINT_FOAM} material={beerFoam} />
      <mesh geometry={PINT_GLASS} material={glassClear} renderOrder={2} />
    </group>
  );
}

interface BottleSpec {
  kind: BottleKind;
  glass: string;
  clear: boolean;
  label: string;
  cap: string;
  x: number;
  y: number;
  z: number;
  rotY?: number;
}

function bottleParts(s: BottleSpec, glass: Part[], clear: Part[], trim: Part[]) {
  const k = BOTTLES[s.kind];
  (s.clear ? clear : glass).push({ geometry: k.geo, position: [s.x, s.y, s.z], rotation: [0, s.rotY ?? 0, 0], color: s.glass });
  const [ly, lh] = k.label;
  trim.push({
    geometry: CYL_OPEN,
    position: [s.x, s.y + ly + lh / 2, s.z],
    rotation: [0, s.rotY ?? 0, 0],
    scale: [k.r + 0.0015, lh, k.r + 0.0015],
    color: s.label,
  });
  trim.push({ geometry: CYL_LO, position: [s.x, s.y + k.h - 0.008, s.z], scale: [k.neck + 0.002, 0.02, k.neck + 0.002], color: s.cap });
}

const GLASS_COLOURS = {
  green: '#1e5a2a',
  darkGreen: '#123d1f',
  brown: '#4a250e',
  amber: '#b0621a',
  clear: '#e6f2f2',
  blue: '#1d4f8a',
};
const LABELS = ['#efe6cf', '#f7f3ea', '#1c1c1c', '#9c1f1f', '#c9a23a', '#20355a', '#e8d9a8'];
const CAPS = ['#c9a23a', '#8a1c1c', '#1c1c1c', '#d8d8d8', '#2e5a2e'];

function buildShelfBottles() {
  const rnd = seededRandom(42);
  const glass: Part[] = [];
  const clear: Part[] = [];
  const trim: Part[] = [];
  const pick = <T,>(arr: readonly T[]): T => arr[Math.floor(rnd() * arr.length)]!;
  const kindColour = (kind: BottleKind): { glass: string; clear: boolean } => {
    const r = rnd();
    switch (kind) {
      case 'beer':
        return r < 0.55 ? { glass: GLASS_COLOURS.brown, clear: false } : { glass: GLASS_COLOURS.green, clear: false };
      case 'wine':
        return r < 0.7 ? { glass: GLASS_COLOURS.darkGreen, clear: false } : { glass: GLASS_COLOURS.green, clear: false };
      case 'spirit':
        return r < 0.4
          ? { glass: GLASS_COLOURS.amber, clear: false }
          : r < 0.8
            ? { glass: GLASS_COLOURS.clear, clear: true }
            : { glass: GLASS_COLOURS.blue, clear: false };
      default:
        return r < 0.6 ? { glass: GLASS_COLOURS.amber, clear: false } : { glass: GLASS_COLOURS.clear, clear: true };
    }
  };
  // Spans kept free for the level-0 objects (books, plants) on each shelf.
  const reserved: Record<number, [number, number][]> = {
    0: [
      [BAYS[0]![0], BAYS[0]![0] + 0.36],
      [BAYS[2]![1] - 0.42, BAYS[2]![1]],
    ],
    1: [[BAYS[1]![0] + 0.7, BAYS[1]![0] + 1.02]],
    2: [
      [BAYS[0]![0], BAYS[0]![0] + 0.42],
      [BAYS[2]![1] - 0.34, BAYS[2]![1]],
    ],
  };
  const rowKinds: BottleKind[][] = [
    ['spirit', 'squat', 'spirit', 'wine'],
    ['wine', 'spirit', 'wine', 'squat'],
    ['beer', 'wine', 'spirit', 'beer'],
  ];
  SHELF_Y.forEach((y, si) => {
    for (const [bx0, bx1] of BAYS) {
      let x = bx0 + 0.06;
      while (x < bx1 - 0.05) {
        const kind = pick(rowKinds[si]!);
        const k = BOTTLES[kind];
        const cx = x + k.r;
        if (cx + k.r > bx1 - 0.02) break;
        const blocked = (reserved[si] ?? []).some(([a, c]) => cx + k.r > a && cx - k.r < c);
        if (!blocked) {
          const col = kindColour(kind);
          bottleParts({ kind, ...col, label: pick(LABELS), cap: pick(CAPS), x: cx, y: y + 0.0175, z: SHELF_Z + (rnd() - 0.5) * 0.04, rotY: rnd() * 6 }, glass, clear, trim);
        }
        x = cx + k.r + 0.018 + rnd() * 0.02;
      }
    }
  });
  // Speed-rail rows on the back-bar cabinet top
  for (const row of [ROOM.z0 + 0.16, ROOM.z0 + 0.36]) {
    let x = -2.85;
    while (x < 2.85) {
      const kind: BottleKind = row > ROOM.z0 + 0.3 ? pick(['spirit', 'squat', 'spirit'] as const) : pick(['wine', 'spirit', 'beer'] as const);
      const k = BOTTLES[kind];
      const cx = x + k.r;
      bottleParts({ kind, ...kindColour(kind), label: pick(LABELS), cap: pick(CAPS), x: cx, y: 0.99, z: row, rotY: rnd() * 6 }, glass, clear, trim);
      x = cx + k.r + 0.02 + rnd() * 0.05;
    }
  }
  return { glass, clear, trim };
}

function ShelfBottles() {
  const parts = useMemo(buildShelfBottles, []);
  return (
    <>
      <MergedMesh parts={parts.glass} material={bottleGlassVC} />
      <MergedMesh parts={parts.trim} material={matteVC} />
      <MergedMesh parts={parts.clear} material={bottleClearVC} renderOrder={2} />
    </>
  );
}

function BeerSign() {
  const halo = useMemo<Part[]>(() => [{ geometry: PLANE, position: [0, 0, 0.02], scale: [2.3, 1.2, 1] }], []);
  return (
    <group position={[0, 2.79, ROOM.z0 + 0.03]}>
      <mesh geometry={PLANE} material={signMat} scale={[1.44, 0.54, 1]} position={[0, 0, 0.04]} />
      <mesh geometry={BOX} material={metalVC} scale={[1.5, 0.6, 0.04]} position={[0, 0, 0.015]} />
      <MergedMesh parts={halo} material={signHalo} renderOrder={3} />
    </group>
  );
}

const TABLE_TOP = TABLE.h + 0.001;
const GLASS_AT: Vec3 = [0.1, TABLE_TOP, -0.66];
const BOTTLE_AT: Vec3 = [-0.12, TABLE_TOP, -0.8];

/** The patient's preferred drink on their table: a glass on a coaster and its bottle, labelled for them. */
function TableDrink({ style }: { style: DrinkStyle }) {
  const coaster = useMemo<Part[]>(
    () => [
      { geometry: DISC, position: [GLASS_AT[0], TABLE_TOP + 0.002, GLASS_AT[2]], scale: [0.05, 0.004, 0.05], color: '#e9e2d0' },
      { geometry: DISC, position: [GLASS_AT[0], TABLE_TOP + 0.0025, GLASS_AT[2]], scale: [0.04, 0.004, 0.04], color: '#b3262e' },
    ],
    [],
  );
  const shadow = useMemo<Part[]>(
    () => [
      { geometry: FLOOR_PLANE, position: [GLASS_AT[0], TABLE_TOP + 0.0005, GLASS_AT[2]], scale: [0.16, 1, 0.16] },
      { geometry: FLOOR_PLANE, position: [BOTTLE_AT[0], TABLE_TOP + 0.0005, BOTTLE_AT[2]], scale: [0.13, 1, 0.13] },
    ],
    [],
  );
  return (
    <>
      <MergedMesh parts={shadow} material={contactShadow} renderOrder={1} />
      <MergedMesh parts={coaster} material={matteVC} />
      <group position={[GLASS_AT[0], TABLE_TOP + 0.005, GLASS_AT[2]]}>
        <DrinkGlass kind={style.kind} fill={style.kind === 'wine' ? 0.75 : 1} />
      </group>
      <group position={BOTTLE_AT} rotation={[0, 0.35, 0]}>
        <DrinkBottle style={style} open />
      </group>
    </>
  );
}

function BottleOpener() {
  const parts = useMemo(() => {
    const metal: Part[] = [
      { geometry: TORUS, position: [0.045, 0.004, 0], rotation: [Math.PI / 2, 0, 0], scale: [0.019, 0.019, 0.04], color: '#cfd3d8' },
      { geometry: BOX, position: [0.02, 0.004, 0], scale: [0.03, 0.004, 0.018], color: '#cfd3d8' },
      // a bottle cap lying next to it
      { geometry: CYL, position: [0.06, 0.003, 0.05], scale: [0.0145, 0.006, 0.0145], color: '#c9a23a' },
    ];
    const handle: Part[] = [{ geometry: BOX, position: [-0.035, 0.007, 0], scale: [0.085, 0.012, 0.024], color: '#b3262e' }];
    return { metal, handle };
  }, []);
  return (
    <group position={[-0.1, TABLE_TOP, -0.6]} rotation={[0, 0.5, 0]}>
      <MergedMesh parts={parts.metal} material={metalVC} />
      <MergedMesh parts={parts.handle} material={satinVC} />
    </group>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------------------------------------------

/** Index along a path of pose indices for t in 0..1. */
const along = (path: number[], t: number) => path[Math.round(clamp01(t) * (path.length - 1))]!;

/** A patron's sip within their part [a, b] of the 'patron-sips' segment: lift, drink, lower. */
function sipIndex(p: number, a: number, b: number, last: number): number {
  const q = (p - a) / (b - a);
  if (q < 0 || q >= 1) return 0;
  const up = Array.from({ length: last + 1 }, (_, i) => i);
  if (q < 0.15) return along(up, q / 0.15);
  if (q < 0.75) return last;
  if (q < 0.92) return along([...up].reverse(), (q - 0.75) / 0.17);
  return 0;
}

interface Patron {
  props: AvatarProps;
  side: 'right' | 'left';
  /** Where the glass is held between sips (avatar-local hand target). */
  rest: Vec3;
  /** Their part of the segment. */
  window: [number, number];
}

const PATRONS: Patron[] = [
  {
    props: {
      position: [-1.85, 0, -2.78],
      yaw: 1.05,
      shirt: '#a8382b',
      pants: '#2c3546',
      hair: '#2a1c14',
      skin: '#d9a07f',
      leftArmPose: 'counter',
      leftHandTarget: [0.3, 1.1, -0.2],
      heldHeight: 0.165,
    },
    side: 'right',
    rest: [-0.2, 1.0, 0.24],
    window: [0, 0.6],
  },
  {
    props: {
      position: [-1.02, 0, -2.68],
      yaw: -1.05,
      shirt: '#2d7f79',
      pants: '#3b3b46',
      hair: '#c9a064',
      skin: '#f0c6a8',
      hairStyle: 'long',
      sleeves: 'short',
      armPose: 'counter',
      handTarget: [-0.3, 1.1, -0.2],
      heldHeight: 0.165,
    },
    side: 'left',
    rest: [0.2, 1.0, 0.24],
    window: [0.2, 0.8],
  },
  {
    props: {
      position: [1.75, 0, COUNTER.front + 0.42],
      yaw: -1.15,
      seated: true,
      seatHeight: 0.8,
      footHeight: 0.3,
      shirt: '#c49a2c',
      pants: '#22303f',
      hair: '#3a3a3a',
      skin: '#8d5a3b',
      armPose: 'counter',
      handTarget: [-0.32, 1.1, 0.05],
      heldHeight: 0.165,
    },
    side: 'left',
    rest: [0.22, 1.0, 0.26],
    window: [0.4, 1.0],
  },
];

/** Poses for one patron: holding the glass (0), two lifting frames, drinking (3). */
function patronPoses(p: Patron) {
  const lift = liftPath(p.props, p.side, p.rest, 2);
  const hand = (pose: 'counter' | 'drinking', target?: Vec3): AvatarProps =>
    p.side === 'right' ? { ...p.props, armPose: pose, handTarget: target } : { ...p.props, leftArmPose: pose, leftHandTarget: target };
  const keys = [hand('counter', p.rest), ...lift.map((t) => hand('counter', t)), hand('drinking')];
  return keys.map((k, i) =>
    p.side === 'right' ? <Avatar key={i} {...k} holding={<BeerGlass scale={1.1} />} /> : <Avatar key={i} {...k} leftHolding={<BeerGlass scale={1.1} />} />,
  );
}

function Patrons() {
  const sips = useSegment('patron-sips');
  const shadow = useMemo<Part[]>(
    () => [
      { geometry: FLOOR_PLANE, position: [-1.85, 0.005, -2.78], scale: [0.7, 1, 0.7] },
      { geometry: FLOOR_PLANE, position: [-1.05, 0.005, -2.7], scale: [0.7, 1, 0.7] },
    ],
    [],
  );
  const poses = useMemo(() => PATRONS.map(patronPoses), []);
  return (
    <>
      <MergedMesh parts={shadow} material={contactShadow} renderOrder={1} />
      {/* Two friends chatting at the counter and a man on a stool; each holds a pint and sips during 'patron-sips'. */}
      {PATRONS.map((p, i) => (
        <PoseSwitch
          key={i}
          poses={poses[i]!}
          pick={() => {
            const s = sips();
            return s.active ? sipIndex(s.progress, p.window[0], p.window[1], 3) : 0;
          }}
        />
      ))}
    </>
  );
}

const FRIEND_BASE: AvatarProps = {
  position: [TABLE.x, 0, -1.52],
  yaw: 0,
  seated: true,
  shirt: '#3f67a8',
  pants: '#2b2f38',
  hair: '#5a3a22',
  skin: '#e2b393',
  leftArmPose: 'table',
  leftHandTarget: [0.17, TABLE_TOP + 0.05, 0.46],
};

/** The friend's poses: the glass for the patient on the table (0), half raised (1), held out (2). */
function friendKeys(kind: DrinkKind): AvatarProps[] {
  const size = GLASS_SIZE[kind];
  const base: AvatarProps = { ...FRIEND_BASE, heldHeight: size.height, heldRadius: size.radius };
  const onTable: Vec3 = [-0.17, TABLE_TOP + 0.05, 0.44];
  const offering = avatarHold({ ...base, armPose: 'offering' }, 'right')!;
  const held = offering.position;
  const mid: Vec3 = [lerp(onTable[0], held.x - size.radius - 0.03, 0.5), lerp(onTable[1], held.y + 0.05, 0.6), lerp(onTable[2], held.z, 0.5)];
  return [
    { ...base, armPose: 'table', handTarget: onTable },
    { ...base, armPose: 'counter', handTarget: mid },
    { ...base, armPose: 'offering' },
  ];
}

/** 'friend-offers': reach for the glass, hold it out to the patient, put it back. */
function offerIndex(p: number): number {
  if (p < 0.08) return along([0, 1, 2], p / 0.08);
  if (p < 0.9) return 2;
  if (p < 0.97) return along([2, 1, 0], (p - 0.9) / 0.07);
  return 0;
}

function useFriendPick() {
  const offers = useStable(useSegment('friend-offers'));
  return useStable(() => {
    const o = offers();
    return o.active ? offerIndex(o.progress) : 0;
  });
}

function Friend({ kind, pick }: { kind: DrinkKind; pick: () => number }) {
  const poses = useMemo(() => friendKeys(kind).map((k, i) => <Avatar key={i} {...k} leftHolding={<BeerGlass />} />), [kind]);
  return <PoseSwitch poses={poses} pick={pick} name="friend" />;
}

/** The glass the friend holds out (its own cue), following the friend's hand in every pose. */
function OfferedGlass({ kind, pick }: { kind: DrinkKind; pick: () => number }) {
  const poses = useMemo(
    () =>
      friendKeys(kind).map((k, i) => {
        const hold = avatarHold(k, 'right');
        const [fx, fy, fz] = k.position ?? [0, 0, 0];
        return hold ? (
          <group key={i} position={[fx, fy, fz]} rotation={[0, k.yaw ?? 0, 0]}>
            <group position={hold.position} quaternion={hold.quaternion}>
              <DrinkGlass kind={kind} fill={kind === 'wine' ? 0.75 : 1} />
            </group>
          </group>
        ) : null;
      }),
    [kind],
  );
  return <PoseSwitch poses={poses} pick={pick} name="offered-glass" />;
}

// ---------------------------------------------------------------------------------------------------------------
// Sounds
// ---------------------------------------------------------------------------------------------------------------

/** What opening the patient's drink sounds like: a beer's cap, a wine cork, a spirits bottle's screw cap. */
const OPENING = { beer: 'bottle-cap', wine: 'cork-pop', spirits: 'screw-cap' } as const;

/**
 * A quiet room at every level; from 1 the bar's music; from 3 the patrons' talk, and the bartender opening a
 * bottle (the patient's drink) as they drink; a toast at the counter when the clinician fires it.
 */
function BarSounds({ kind }: { kind: DrinkKind }) {
  const counter: Vec3 = [-1.45, 1.4, -3.0];
  return (
    <>
      <SpatialSound id="room-tone" sound="room-tone" position={[0, 2.2, -1.5]} volume={0.15} refDistance={5} />
      <SpatialSound id="bar-music" sound="music-lounge" position={[2.8, 2.5, -5.4]} minLevel={1} volume={[0, 0.4, 0.45, 0.5]} refDistance={3} />
      <SpatialSound id="crowd-murmur" sound="crowd" position={counter} minLevel={3} volume={[0, 0, 0, 0.4, 0.45]} refDistance={2.5} />
      <SpatialSound id="bottle-opening" sound={OPENING[kind]} position={[-0.6, 1.1, -3.55]} minLevel={3} volume={0.55} refDistance={1.5} on={[{ segment: 'patron-sips' }]} />
      <SpatialSound id="glasses-clink" sound="glasses-toast" position={counter} volume={0.45} refDistance={1.5} on={[{ event: 'glasses-clink' }]} />
    </>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Scene
// ---------------------------------------------------------------------------------------------------------------

/**
 * A pub at night, graded 0–4: the empty room (0); bottles on the back bar and a neon beer sign (1); the patient's
 * preferred drink, its bottle and an opener on their table (2); patrons drinking at the counter (3); a friend at
 * the table holding a glass out to the patient (4). `personalisation` picks the drink (beer, wine or spirits) and
 * its label colour and text (see home-evening/drinkPersonalisation.ts).
 */
export function BarScene({ personalisation }: { personalisation?: Record<string, string> } = {}) {
  const key = JSON.stringify(personalisation ?? {});
  const style = useMemo(() => resolveDrink(JSON.parse(key) as Record<string, string>), [key]);
  const pick = useFriendPick();
  return (
    <>
      <SceneEnvironment intensity={0.25} background="#050407" />
      <Stressor at={[-0.19, TABLE_TOP, -0.64]} rotY={0.3} personalisation={personalisation ?? {}} />
      <BarLights />
      <BarRoom />
      <Cue id="shelf-bottles" minLevel={1}>
        <ShelfBottles />
      </Cue>
      <Cue id="beer-sign" minLevel={1}>
        <BeerSign />
      </Cue>
      <Cue id="table-drink" minLevel={2}>
        <TableDrink style={style} />
      </Cue>
      <Cue id="bottle-opener" minLevel={2}>
        <BottleOpener />
      </Cue>
      <Cue id="patrons" minLevel={3}>
        <Patrons />
      </Cue>
      <Cue id="friend" minLevel={4}>
        <Friend kind={style.kind} pick={pick} />
      </Cue>
      <Cue id="offered-glass" minLevel={4}>
        <OfferedGlass kind={style.kind} pick={pick} />
      </Cue>
      <BarSounds kind={style.kind} />
    </>
  );
}
