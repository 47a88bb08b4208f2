import { Stressor } from '../stressors/StressorOnTable';
import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import {
  BoxGeometry,
  CircleGeometry,
  CylinderGeometry,
  Euler,
  MeshBasicMaterial,
  MeshStandardMaterial,
  PlaneGeometry,
  Quaternion,
  SphereGeometry,
  TorusGeometry,
  Vector3,
  type BufferGeometry,
  type CanvasTexture,
  type Group,
  type Mesh,
  type PointLight,
} from 'three';
import { Avatar, avatarHold, type AvatarProps } from '../kit/Avatar';
import { SceneEnvironment } from '../kit/Environment';
import { SpatialSound } from '../kit/audio/SpatialSound';
import { useSceneLevel } from '../kit/levelContext';
import {
  alignY,
  beerLiquid,
  bottleClearVC,
  bottleGlassVC,
  canvasTexture,
  contactShadow,
  floorLight,
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
import { resolveDrink, type DrinkKind, type DrinkStyle } from './drinkPersonalisation';
import { BOTTLE_SIZE, DRINK_GEOMETRY, DrinkBottle, DrinkGlass, GLASS_SIZE, canMaterials, canParts, inkFor, whiskyLiquid, wineLiquid } from './drinks';
import { AnchoredCue, FadeOutAbove, MergedMesh, PoseSwitch, clamp01, lerp, lerp3, liftPath, shoulderY, toLocal, useStable } from './rig';

/*
 * Evening at home after work. Layout (metres; the patient sits on the sofa at the origin facing -z, eyes at
 * y = 1.2):
 *   - the sofa under them (x -0.62..1.62), a coffee table in front (near edge 0.58 m away) on a rug;
 *   - the TV on a teal accent wall straight ahead (3.5 m), on a low walnut unit;
 *   - the kitchen corner front-left: fridge in the corner, counter and open shelves along the back wall;
 *   - a dining table on the left, an armchair and a lamp front-right, a window onto the city at dusk.
 * Level 0 holds no alcohol at all: jars and plants on the shelves, a nature programme on TV, the fridge shut.
 */

const ROOM = { x0: -3.05, x1: 3.0, z0: -3.6, z1: 2.4, h: 2.55 };
const COFFEE = { x: 0.4, z: -0.85, w: 1.1, d: 0.55, h: 0.43 };
const TV = { x: 0.65, y: 1.12, z: ROOM.z0 + 0.09, w: 1.21, h: 0.68 };
const KITCHEN = { x0: -2.33, x1: -0.82, front: ROOM.z0 + 0.62, top: 0.9 };
const SHELVES = [1.52, 1.9];
const FRIDGE = { x0: -2.98, x1: -2.35, z0: ROOM.z0, z1: ROOM.z0 + 0.62, h: 1.86 };
const ARMCHAIR = { x: 1.75, z: -2.0, yaw: -0.92 };

// ---------------------------------------------------------------------------------------------------------------
// Template geometries
// ---------------------------------------------------------------------------------------------------------------

const BOX = new BoxGeometry(1, 1, 1);
const CYL = new CylinderGeometry(1, 1, 1, 18, 1);
const CYL_LO = new CylinderGeometry(1, 1, 1, 10, 1);
const CYL_OPEN = new CylinderGeometry(1, 1, 1, 20, 1, true);
const CONE_OPEN = new CylinderGeometry(0.6, 1, 1, 24, 1, true);
const SPHERE = new SphereGeometry(1, 16, 12);
const SPHERE_LO = new SphereGeometry(1, 8, 6);
const PLANE = new PlaneGeometry(1, 1);
const FLOOR_PLANE = new PlaneGeometry(1, 1).rotateX(-Math.PI / 2);
const CIRCLE = new CircleGeometry(0.5, 32);
const TORUS = new TorusGeometry(1, 0.12, 8, 24);
/** Bottle shapes shared with the drinks module (same profiles as the bottles on the table). */
const BOTTLE_GEOS: Record<DrinkKind, BufferGeometry> = {
  beer: DRINK_GEOMETRY.bottle.beer.geo,
  wine: DRINK_GEOMETRY.bottle.wine.geo,
  spirits: DRINK_GEOMETRY.bottle.spirits.geo,
};
const WINE_LATHE = BOTTLE_GEOS.wine;

// ---------------------------------------------------------------------------------------------------------------
// Procedural pictures
// ---------------------------------------------------------------------------------------------------------------

type Rect = [number, number, number, number];
/** Atlas quadrants [u0, v0, u1, v1]. */
const UV_RUG: Rect = [0, 0.5, 0.5, 1];
const UV_ART: Rect = [0.5, 0.5, 1, 1];
const UV_TILES: Rect = [0, 0, 0.5, 0.5];
const UV_PHOTO: Rect = [0.5, 0.25, 0.75, 0.5];
const UV_PRINT: Rect = [0.75, 0.25, 1, 0.5];
const UV_SPINES: Rect = [0.5, 0, 1, 0.25];

function drawDecor(ctx: CanvasRenderingContext2D) {
  const rnd = seededRandom(5);
  // Rug (top-left): warm wool with a soft geometric border
  ctx.save();
  ctx.fillStyle = '#c9b79c';
  ctx.fillRect(0, 0, 512, 512);
  ctx.fillStyle = '#a7533b';
  ctx.fillRect(18, 18, 476, 476);
  ctx.fillStyle = '#d8c7a8';
  ctx.fillRect(40, 40, 432, 432);
  ctx.strokeStyle = '#3f5b63';
  ctx.lineWidth = 10;
  for (let i = 0; i < 6; i++) {
    ctx.beginPath();
    ctx.moveTo(70 + i * 62, 70);
    ctx.lineTo(100 + i * 62, 256);
    ctx.lineTo(70 + i * 62, 442);
    ctx.stroke();
  }
  for (let i = 0; i < 9000; i++) {
    ctx.fillStyle = rnd() < 0.5 ? 'rgba(255,255,255,0.05)' : 'rgba(60,30,10,0.06)';
    ctx.fillRect(rnd() * 512, rnd() * 512, 2, 2);
  }
  ctx.restore();

  // Abstract print (top-right): soft sun over hills
  ctx.save();
  ctx.translate(512, 0);
  const g = ctx.createLinearGradient(0, 0, 0, 512);
  g.addColorStop(0, '#efe2cc');
  g.addColorStop(1, '#e3cfae');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, 512, 512);
  ctx.fillStyle = '#d9804f';
  ctx.beginPath();
  ctx.arc(300, 200, 90, 0, Math.PI * 2);
  ctx.fill();
  const hills = ['#6f8f82', '#4f6f66', '#34514d'];
  hills.forEach((c, i) => {
    ctx.fillStyle = c;
    ctx.beginPath();
    ctx.moveTo(0, 512);
    for (let x = 0; x <= 512; x += 8) ctx.lineTo(x, 300 + i * 60 + Math.sin(x / 80 + i * 2) * 30);
    ctx.lineTo(512, 512);
    ctx.fill();
  });
  ctx.restore();

  // Subway tiles (bottom-left)
  ctx.save();
  ctx.translate(0, 512);
  ctx.fillStyle = '#b9b4aa';
  ctx.fillRect(0, 0, 512, 512);
  const tw = 512 / 10;
  const th = 512 / 8;
  for (let r = 0; r < 8; r++) {
    for (let c = -1; c < 11; c++) {
      const x = c * tw + (r % 2 ? tw / 2 : 0);
      const v = 236 + Math.floor(rnd() * 12);
      ctx.fillStyle = `rgb(${v},${v - 3},${v - 8})`;
      ctx.fillRect(x + 2, r * th + 2, tw - 4, th - 4);
      ctx.fillStyle = 'rgba(255,255,255,0.35)';
      ctx.fillRect(x + 4, r * th + 4, tw - 8, 4);
    }
  }
  ctx.restore();

  // Family photo (frame content)
  ctx.save();
  ctx.translate(512, 512);
  const sky = ctx.createLinearGradient(0, 0, 0, 256);
  sky.addColorStop(0, '#9cc3e0');
  sky.addColorStop(1, '#e9d9b6');
  ctx.fillStyle = sky;
  ctx.fillRect(0, 0, 256, 256);
  ctx.fillStyle = '#3f7fa6';
  ctx.fillRect(0, 150, 256, 40);
  ctx.fillStyle = '#e8d2a0';
  ctx.fillRect(0, 190, 256, 66);
  for (const [x, c] of [
    [90, '#c0392b'],
    [150, '#2e6f9e'],
  ] as const) {
    ctx.fillStyle = c;
    ctx.fillRect(x - 14, 150, 28, 60);
    ctx.fillStyle = '#d9a27f';
    ctx.beginPath();
    ctx.arc(x, 138, 13, 0, Math.PI * 2);
    ctx.fill();
  }
  // A second print: botanical
  ctx.translate(256, 0);
  ctx.fillStyle = '#f1ece2';
  ctx.fillRect(0, 0, 256, 256);
  ctx.strokeStyle = '#4d7a55';
  ctx.lineWidth = 4;
  ctx.beginPath();
  ctx.moveTo(128, 230);
  ctx.quadraticCurveTo(120, 120, 140, 30);
  ctx.stroke();
  for (let i = 0; i < 7; i++) {
    const y = 200 - i * 24;
    for (const s of [-1, 1]) {
      ctx.fillStyle = i % 2 ? '#6d9a6f' : '#4d7a55';
      ctx.beginPath();
      ctx.ellipse(128 + s * 26 - i, y, 26, 9, s * -0.5, 0, Math.PI * 2);
      ctx.fill();
    }
  }
  ctx.restore();

  // Book spines (bottom strip)
  ctx.save();
  ctx.translate(512, 768);
  const cols = ['#7a2e2a', '#2e4a6b', '#3e5a36', '#a07a35', '#5a3e62', '#c9b28a', '#23313f', '#b5523b', '#e0d6c0'];
  let x = 0;
  while (x < 512) {
    const w = 14 + rnd() * 22;
    ctx.fillStyle = cols[Math.floor(rnd() * cols.length)]!;
    ctx.fillRect(x, 0, w, 256);
    ctx.fillStyle = 'rgba(255,255,255,0.25)';
    ctx.fillRect(x + 3, 40 + rnd() * 40, w - 6, 6);
    ctx.fillRect(x + 3, 180 + rnd() * 30, w - 6, 4);
    ctx.fillStyle = 'rgba(0,0,0,0.25)';
    ctx.fillRect(x, 0, 1.5, 256);
    x += w;
  }
  ctx.restore();
}

/** City at dusk through the window. */
function drawDusk(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const rnd = seededRandom(17);
  const g = ctx.createLinearGradient(0, 0, 0, h);
  g.addColorStop(0, '#23305e');
  g.addColorStop(0.45, '#6a5a8c');
  g.addColorStop(0.7, '#e08a6a');
  g.addColorStop(0.85, '#f4b77a');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, w, h);
  for (let x = 0; x < w; ) {
    const bw = 40 + rnd() * 80;
    const bh = h * (0.2 + rnd() * 0.4);
    ctx.fillStyle = '#1d1b2e';
    ctx.fillRect(x, h - bh, bw, bh);
    for (let wy = h - bh + 10; wy < h - 8; wy += 18) {
      for (let wx = x + 6; wx < x + bw - 10; wx += 14) {
        if (rnd() < 0.32) {
          ctx.fillStyle = rnd() < 0.6 ? '#ffd488' : '#f2b661';
          ctx.fillRect(wx, wy, 7, 9);
        }
      }
    }
    x += bw + 3;
  }
}

/** Nature documentary on TV: an alpine lake at sunrise. */
function drawProgramme(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const rnd = seededRandom(23);
  const sky = ctx.createLinearGradient(0, 0, 0, h * 0.55);
  sky.addColorStop(0, '#5d8fc9');
  sky.addColorStop(1, '#f5d3a6');
  ctx.fillStyle = sky;
  ctx.fillRect(0, 0, w, h);
  const ridge = (base: number, amp: number, col: string, seed: number) => {
    const r = seededRandom(seed);
    ctx.fillStyle = col;
    ctx.beginPath();
    ctx.moveTo(0, h);
    let y = base;
    for (let x = 0; x <= w; x += 12) {
      y = Math.max(base - amp, Math.min(base + amp * 0.3, y + (r() - 0.5) * amp * 0.5));
      ctx.lineTo(x, y);
    }
    ctx.lineTo(w, h);
    ctx.fill();
  };
  ridge(h * 0.38, h * 0.22, '#8fa2c0', 3);
  // snow caps
  ctx.fillStyle = 'rgba(255,255,255,0.55)';
  ctx.fillRect(0, h * 0.16, w, h * 0.03);
  ridge(h * 0.48, h * 0.12, '#50697d', 4);
  // lake
  const lake = ctx.createLinearGradient(0, h * 0.55, 0, h);
  lake.addColorStop(0, '#8fb5d6');
  lake.addColorStop(1, '#2f5a73');
  ctx.fillStyle = lake;
  ctx.fillRect(0, h * 0.56, w, h * 0.44);
  ctx.fillStyle = 'rgba(255,255,255,0.35)';
  for (let i = 0; i < 40; i++) ctx.fillRect(rnd() * w, h * 0.6 + rnd() * h * 0.38, 20 + rnd() * 40, 1.5);
  // pines on the left shore
  for (let i = 0; i < 16; i++) {
    const x = i * 14 + rnd() * 8;
    const th = 40 + rnd() * 50;
    ctx.fillStyle = '#1f3a2c';
    ctx.beginPath();
    ctx.moveTo(x, h * 0.6 - th);
    ctx.lineTo(x - 9, h * 0.6);
    ctx.lineTo(x + 9, h * 0.6);
    ctx.fill();
  }
  // channel logo
  ctx.fillStyle = 'rgba(255,255,255,0.75)';
  ctx.font = 'bold 18px sans-serif';
  ctx.textAlign = 'right';
  ctx.fillText('NATURE HD', w - 16, 30);
}

/** Drink advert on TV, in the patient's label colour and name. */
function drawAdvert(style: DrinkStyle) {
  return (ctx: CanvasRenderingContext2D, w: number, h: number) => {
    const bg = ctx.createRadialGradient(w * 0.3, h * 0.5, 10, w * 0.3, h * 0.5, w * 0.7);
    bg.addColorStop(0, style.colour);
    bg.addColorStop(1, '#0c0a0a');
    ctx.fillStyle = bg;
    ctx.fillRect(0, 0, w, h);
    // light rays
    ctx.save();
    ctx.globalAlpha = 0.12;
    ctx.fillStyle = '#ffffff';
    for (let i = 0; i < 9; i++) {
      ctx.beginPath();
      ctx.moveTo(w * 0.3, h * 0.5);
      const a = (i / 9) * Math.PI * 2;
      ctx.lineTo(w * 0.3 + Math.cos(a) * w, h * 0.5 + Math.sin(a) * w);
      ctx.lineTo(w * 0.3 + Math.cos(a + 0.15) * w, h * 0.5 + Math.sin(a + 0.15) * w);
      ctx.fill();
    }
    ctx.restore();
    const cx = w * 0.2;
    const base = h * 0.86;
    // the drink
    if (style.kind === 'beer') {
      const gg = ctx.createLinearGradient(cx - 40, 0, cx + 40, 0);
      gg.addColorStop(0, '#c9740f');
      gg.addColorStop(0.5, '#ffc23a');
      gg.addColorStop(1, '#b8620c');
      ctx.fillStyle = gg;
      ctx.beginPath();
      ctx.moveTo(cx - 36, base);
      ctx.lineTo(cx - 46, base - 150);
      ctx.lineTo(cx + 46, base - 150);
      ctx.lineTo(cx + 36, base);
      ctx.fill();
      ctx.fillStyle = '#fff6e0';
      for (let i = -2; i <= 2; i++) {
        ctx.beginPath();
        ctx.arc(cx + i * 20, base - 158, 20, 0, Math.PI * 2);
        ctx.fill();
      }
      ctx.fillStyle = 'rgba(255,255,255,0.7)';
      const r = seededRandom(3);
      for (let i = 0; i < 30; i++) ctx.fillRect(cx - 30 + r() * 60, base - 10 - r() * 130, 2, 2);
    } else if (style.kind === 'wine') {
      ctx.fillStyle = 'rgba(255,255,255,0.85)';
      ctx.fillRect(cx - 2, base - 70, 4, 70);
      ctx.fillRect(cx - 30, base - 4, 60, 4);
      ctx.fillStyle = '#6e0c22';
      ctx.beginPath();
      ctx.ellipse(cx, base - 105, 44, 40, 0, 0, Math.PI);
      ctx.fill();
      ctx.strokeStyle = 'rgba(255,255,255,0.8)';
      ctx.lineWidth = 3;
      ctx.beginPath();
      ctx.moveTo(cx - 44, base - 160);
      ctx.quadraticCurveTo(cx - 50, base - 70, cx, base - 68);
      ctx.quadraticCurveTo(cx + 50, base - 70, cx + 44, base - 160);
      ctx.stroke();
    } else {
      ctx.fillStyle = '#d58a2a';
      ctx.fillRect(cx - 44, base - 60, 88, 60);
      ctx.fillStyle = 'rgba(230,245,255,0.6)';
      ctx.fillRect(cx - 30, base - 80, 28, 28);
      ctx.fillRect(cx + 4, base - 72, 26, 26);
      ctx.strokeStyle = 'rgba(255,255,255,0.85)';
      ctx.lineWidth = 3;
      ctx.strokeRect(cx - 46, base - 100, 92, 100);
    }
    // the bottle beside it
    const bx = cx + 78;
    ctx.fillStyle = style.kind === 'wine' ? '#143a22' : style.kind === 'beer' ? '#4a230b' : '#8a4c14';
    ctx.beginPath();
    ctx.roundRect(bx - 22, base - 150, 44, 150, 8);
    ctx.fill();
    ctx.fillRect(bx - 8, base - 200, 16, 60);
    ctx.fillStyle = style.colour;
    ctx.fillRect(bx - 22, base - 110, 44, 56);
    ctx.fillStyle = inkFor(style.colour);
    ctx.font = 'bold 11px sans-serif';
    ctx.textAlign = 'center';
    ctx.fillText(style.text.slice(0, 7), bx, base - 80);
    // text
    ctx.textAlign = 'left';
    ctx.fillStyle = '#ffffff';
    let px = 56;
    ctx.font = `900 ${px}px sans-serif`;
    while (px > 18 && ctx.measureText(style.text).width > w * 0.44) {
      px -= 2;
      ctx.font = `900 ${px}px sans-serif`;
    }
    ctx.fillText(style.text, w * 0.52, h * 0.42);
    ctx.font = 'italic 24px serif';
    ctx.fillStyle = '#ffe7b8';
    ctx.fillText('Savourez l’instant.', w * 0.52, h * 0.58);
    ctx.font = '11px sans-serif';
    ctx.fillStyle = 'rgba(255,255,255,0.8)';
    ctx.fillText('L’abus d’alcool est dangereux pour la santé.', w * 0.52, h * 0.9);
  };
}

const decorTex = canvasTexture(1024, 1024, drawDecor);
const duskTex = canvasTexture(512, 512, drawDusk);
const programmeTex = canvasTexture(512, 288, drawProgramme);
if (programmeTex) programmeTex.repeat.set(0.86, 0.86);

const decorMat = new MeshStandardMaterial({ map: decorTex, roughness: 0.85 });
const duskMat = new MeshBasicMaterial({ map: duskTex, color: '#d9d4e6' });
const programmeMat = new MeshBasicMaterial({ map: programmeTex, color: '#e6e6e6' });
const lampHalo = glowHalo.clone();
lampHalo.color.set('#ffb868');
lampHalo.opacity = 0.5;
const tvHalo = glowHalo.clone();
tvHalo.color.set('#8fb4ff');
tvHalo.opacity = 0.18;

// ---------------------------------------------------------------------------------------------------------------
// Room (level 0)
// ---------------------------------------------------------------------------------------------------------------

const C = {
  wall: '#d9cfbe',
  wallSide: '#ddd4c4',
  teal: '#46615f',
  white: '#f1eee7',
  oak: '#b48a5e',
  walnut: '#5b3b26',
  sofa: '#5d6b68',
  sofaDark: '#4a5654',
  mustard: '#b8862f',
  sage: '#8a9d8b',
  black: '#222224',
  brass: '#c8a050',
  steel: '#b9bdc1',
  terracotta: '#b5653e',
};

interface Buckets {
  floor: Part[];
  wood: Part[];
  matte: Part[];
  satin: Part[];
  metal: Part[];
  glow: Part[];
  leaf: Part[];
  decor: Part[];
  window: Part[];
  shadow: Part[];
}

function box(list: Part[], x0: number, y0: number, z0: number, x1: number, y1: number, z1: number, color: string) {
  list.push({
    geometry: BOX,
    position: [(x0 + x1) / 2, (y0 + y1) / 2, (z0 + z1) / 2],
    scale: [Math.abs(x1 - x0), Math.abs(y1 - y0), Math.abs(z1 - z0)],
    color,
  });
}

function blob(b: Buckets, x: number, z: number, sx: number, sz: number, y = 0.004) {
  b.shadow.push({ geometry: FLOOR_PLANE, position: [x, y, z], scale: [sx, 1, sz] });
}

/** Places parts in a local frame (origin `o`, turned by `yaw`). */
function framed(o: Vec3, yaw: number) {
  const c = Math.cos(yaw);
  const s = Math.sin(yaw);
  const at = (lx: number, y: number, lz: number): Vec3 => [o[0] + lx * c + lz * s, o[1] + y, o[2] - lx * s + lz * c];
  const add = (list: Part[], lx: number, y: number, lz: number, sx: number, sy: number, sz: number, color: string, geometry: BufferGeometry = BOX, rot: Vec3 = [0, 0, 0]) =>
    list.push({ geometry, position: at(lx, y, lz), quaternion: new Quaternion().setFromEuler(new Euler(rot[0], yaw + rot[1], rot[2], 'YXZ')), scale: [sx, sy, sz], color });
  return { at, add };
}

function plant(b: Buckets, x: number, y: number, z: number, size: number, seed: number, pot: string, spread = 1) {
  const rnd = seededRandom(seed);
  const ph = 0.3 * size;
  b.satin.push({ geometry: new CylinderGeometry(0.15 * size, 0.11 * size, ph, 14), position: [x, y + ph / 2, z], color: pot });
  b.matte.push({ geometry: CYL_LO, position: [x, y + ph - 0.01, z], scale: [0.14 * size, 0.02, 0.14 * size], color: '#3a2a1e' });
  const n = Math.round(14 + size * 10);
  for (let i = 0; i < n; i++) {
    const a = rnd() * Math.PI * 2;
    const tilt = 0.3 + rnd() * 0.9;
    const len = (0.2 + rnd() * 0.16) * size;
    const h = y + ph + (0.05 + rnd() * 0.5) * size;
    const rr = Math.sin(tilt) * len * 0.6 * spread;
    const q = new Quaternion().setFromEuler(new Euler(-(Math.PI / 2 - tilt), Math.PI / 2 - a, 0, 'YXZ'));
    const dir = new Vector3(0, 0, 1).applyQuaternion(q);
    b.leaf.push({
      geometry: SPHERE_LO,
      position: [x + Math.cos(a) * rr + dir.x * len * 0.5, h + dir.y * len * 0.5, z + Math.sin(a) * rr + dir.z * len * 0.5],
      quaternion: q,
      scale: [0.06 * size, 0.007, len * 0.5],
      color: ['#2f6b34', '#3d7f3a', '#285c2e', '#4a8c44'][Math.floor(rnd() * 4)]!,
    });
  }
  blob(b, x, z, 0.55 * size, 0.55 * size, y + 0.004);
}

/** A soft sofa under the patient; the right seat is where the flatmate sits at level 4. */
function sofa(b: Buckets) {
  const x0 = -0.62;
  const x1 = 1.62;
  box(b.matte, x0, 0.1, -0.42, x1, 0.3, 0.5, C.sofaDark);
  // seat cushions with rounded fronts
  for (const [a, c] of [
    [-0.44, 0.58],
    [0.6, 1.44],
  ] as const) {
    box(b.matte, a, 0.3, -0.36, c, 0.45, 0.3, C.sofa);
    b.matte.push({ geometry: CYL, position: [(a + c) / 2, 0.375, -0.36], rotation: [0, 0, Math.PI / 2], scale: [0.075, c - a, 0.075], color: C.sofa });
  }
  // arms
  for (const [a, c] of [
    [x0, -0.44],
    [1.44, x1],
  ] as const) {
    box(b.matte, a, 0.1, -0.42, c, 0.58, 0.5, C.sofa);
    b.matte.push({ geometry: CYL, position: [(a + c) / 2, 0.58, 0.04], rotation: [Math.PI / 2, 0, 0], scale: [(c - a) / 2, 0.92, 0.06], color: C.sofa });
  }
  // back (kept 0.45 m from the patient's head)
  box(b.matte, -0.44, 0.3, 0.38, 1.44, 0.86, 0.5, C.sofaDark);
  box(b.matte, -0.44, 0.45, 0.27, 0.48, 0.8, 0.4, C.sofa);
  box(b.matte, 0.52, 0.45, 0.27, 1.44, 0.8, 0.4, C.sofa);
  // throw cushions at the ends
  b.matte.push({ geometry: SPHERE, position: [-0.32, 0.62, 0.22], rotation: [0.3, 0.5, 0.2], scale: [0.2, 0.19, 0.07], color: '#c98b5a' });
  b.matte.push({ geometry: SPHERE, position: [1.33, 0.62, 0.22], rotation: [0.3, -0.5, -0.2], scale: [0.2, 0.19, 0.07], color: '#d9c7a0' });
  // a folded throw over the right arm
  box(b.matte, 1.43, 0.4, -0.1, 1.64, 0.6, 0.25, '#9a5b48');
  for (const lx of [x0 + 0.06, x1 - 0.06]) for (const lz of [-0.36, 0.44]) b.wood.push({ geometry: CYL_LO, position: [lx, 0.05, lz], scale: [0.025, 0.1, 0.025], color: C.walnut });
  blob(b, 0.5, 0.05, 2.8, 1.4);
}

function coffeeTable(b: Buckets) {
  const { x, z, w, d, h } = COFFEE;
  box(b.wood, x - w / 2, h - 0.035, z - d / 2, x + w / 2, h, z + d / 2, C.oak);
  box(b.wood, x - w / 2 + 0.05, 0.1, z - d / 2 + 0.05, x + w / 2 - 0.05, 0.12, z + d / 2 - 0.05, C.oak);
  for (const sx of [-1, 1]) for (const sz of [-1, 1]) box(b.metal, x + sx * (w / 2 - 0.05) - 0.015, 0, z + sz * (d / 2 - 0.05) - 0.015, x + sx * (w / 2 - 0.05) + 0.015, h - 0.035, z + sz * (d / 2 - 0.05) + 0.015, C.black);
  // level-0 things: magazines on the shelf, a candle, a remote, a bowl of clementines
  box(b.matte, x - 0.35, 0.12, z - 0.1, x - 0.05, 0.135, z + 0.12, '#d7d2c6');
  box(b.matte, x - 0.33, 0.135, z - 0.08, x - 0.04, 0.145, z + 0.13, '#2e4a6b');
  box(b.matte, x + 0.1, 0.12, z - 0.15, x + 0.38, 0.16, z + 0.08, '#7a2e2a');
  b.satin.push({ geometry: CYL, position: [x + 0.38, h + 0.04, z - 0.1], scale: [0.035, 0.08, 0.035], color: '#efe8da' });
  b.glow.push({ geometry: SPHERE_LO, position: [x + 0.38, h + 0.095, z - 0.1], scale: [0.006, 0.014, 0.006], color: '#ffc266' });
  box(b.satin, x + 0.2, h, z + 0.12, x + 0.25, h + 0.018, z + 0.27, C.black);
  b.satin.push({ geometry: SPHERE, position: [x + 0.15, h + 0.03, z - 0.13], scale: [0.11, 0.05, 0.11], color: '#e9e3d6' });
  for (let i = 0; i < 5; i++) {
    const a = i * 1.3;
    b.matte.push({ geometry: SPHERE_LO, position: [x + 0.15 + Math.cos(a) * 0.045, h + 0.068, z - 0.13 + Math.sin(a) * 0.045], scale: 0.027, color: '#e8822a' });
  }
  blob(b, x, z, w + 0.35, d + 0.35);
}

function kitchen(b: Buckets) {
  const { x0, x1, front, top } = KITCHEN;
  const z0 = ROOM.z0;
  box(b.matte, x0, 0, z0, x1, 0.1, front - 0.05, '#2f2f30');
  box(b.matte, x0, 0.1, z0, x1, top - 0.04, front - 0.02, C.sage);
  const doors = 3;
  const dw = (x1 - x0) / doors;
  for (let i = 0; i < doors; i++) {
    const a = x0 + i * dw + 0.006;
    const c = a + dw - 0.012;
    box(b.satin, a, 0.11, front - 0.02, c, top - 0.05, front, C.sage);
    box(b.metal, (a + c) / 2 - 0.08, top - 0.12, front, (a + c) / 2 + 0.08, top - 0.108, front + 0.02, C.brass);
  }
  box(b.satin, x0 - 0.01, top - 0.04, z0, x1 + 0.01, top, front + 0.02, '#e8e4dc');
  // sink and tap
  box(b.metal, x0 + 0.22, top - 0.002, z0 + 0.12, x0 + 0.68, top + 0.002, z0 + 0.5, '#8e9398');
  box(b.metal, x0 + 0.26, top + 0.001, z0 + 0.16, x0 + 0.64, top + 0.003, z0 + 0.46, '#6f7378');
  b.metal.push({ geometry: CYL_LO, position: [x0 + 0.45, top + 0.15, z0 + 0.07], scale: [0.014, 0.3, 0.014], color: C.steel });
  b.metal.push({ geometry: CYL_LO, position: [x0 + 0.45, top + 0.3, z0 + 0.15], rotation: [Math.PI / 2, 0, 0], scale: [0.012, 0.17, 0.012], color: C.steel });
  // induction hob
  box(b.satin, x1 - 0.62, top, z0 + 0.1, x1 - 0.1, top + 0.006, z0 + 0.52, '#151517');
  for (const [hx, hz] of [
    [x1 - 0.5, z0 + 0.22],
    [x1 - 0.22, z0 + 0.22],
    [x1 - 0.5, z0 + 0.4],
    [x1 - 0.22, z0 + 0.4],
  ] as const)
    b.matte.push({ geometry: TORUS, position: [hx, top + 0.007, hz], rotation: [Math.PI / 2, 0, 0], scale: [0.08, 0.08, 0.02], color: '#4a4a4e' });
  // backsplash tiles
  b.decor.push({ geometry: PLANE, position: [(x0 + x1) / 2, 1.2, z0 + 0.006], scale: [x1 - x0, 0.6, 1], uvRect: UV_TILES });
  // open shelves with brackets
  for (const y of SHELVES) {
    box(b.wood, x0, y - 0.035, z0, x1, y, z0 + 0.26, C.oak);
    for (const bx of [x0 + 0.15, x1 - 0.15]) box(b.metal, bx - 0.01, y - 0.12, z0, bx + 0.01, y - 0.035, z0 + 0.2, C.black);
  }
  // worktop things (level 0): kettle, fruit bowl, chopping board, utensil pot
  b.satin.push({ geometry: CYL, position: [x1 - 0.38, top + 0.09, z0 + 0.45], scale: [0.075, 0.18, 0.075], color: '#e9e4da' });
  b.metal.push({ geometry: CYL_LO, position: [x1 - 0.38, top + 0.185, z0 + 0.45], scale: [0.03, 0.02, 0.03], color: C.steel });
  box(b.wood, x0 + 0.75, top, z0 + 0.05, x0 + 1.05, top + 0.35, z0 + 0.07, '#c9a273');
  b.satin.push({ geometry: CYL, position: [x0 + 0.1, top + 0.07, z0 + 0.2], scale: [0.05, 0.14, 0.05], color: '#37505a' });
  for (let i = 0; i < 3; i++) b.wood.push({ geometry: CYL_LO, position: [x0 + 0.09 + i * 0.012, top + 0.2, z0 + 0.2], rotation: [0, 0, (i - 1) * 0.15], scale: [0.008, 0.18, 0.008], color: '#b08a5a' });
  b.satin.push({ geometry: SPHERE, position: [x0 + 0.95, top + 0.03, z0 + 0.4], scale: [0.13, 0.06, 0.13], color: '#d9c7a0' });
  for (let i = 0; i < 5; i++)
    b.matte.push({ geometry: SPHERE_LO, position: [x0 + 0.95 + Math.cos(i * 1.25) * 0.055, top + 0.08, z0 + 0.4 + Math.sin(i * 1.25) * 0.055], scale: 0.035, color: i % 2 ? '#c23b22' : '#e3b23c' });
  // shelf contents (level 0): jars, mugs, bowls, cookbooks, plants. Gaps are kept for level-1 bottles.
  const s0 = SHELVES[0]!;
  const s1 = SHELVES[1]!;
  const jar = (x: number, y: number, h: number, r: number, col: string) => {
    b.satin.push({ geometry: CYL, position: [x, y + h / 2, z0 + 0.13], scale: [r, h, r], color: col });
    b.wood.push({ geometry: CYL, position: [x, y + h + 0.012, z0 + 0.13], scale: [r * 0.95, 0.024, r * 0.95], color: '#c9a273' });
  };
  jar(x0 + 0.1, s0, 0.16, 0.05, '#e3d7bf');
  jar(x0 + 0.22, s0, 0.13, 0.045, '#b9c8c0');
  jar(x0 + 0.33, s0, 0.19, 0.05, '#e8e2d4');
  for (let i = 0; i < 3; i++) {
    b.satin.push({ geometry: CYL, position: [x0 + 0.5 + i * 0.1, s0 + 0.05, z0 + 0.12], scale: [0.04, 0.1, 0.04], color: ['#c85a3c', '#2f5d7c', '#e6e0d4'][i]! });
    b.satin.push({ geometry: TORUS, position: [x0 + 0.54 + i * 0.1, s0 + 0.05, z0 + 0.12], rotation: [0, 0, Math.PI / 2], scale: [0.025, 0.025, 0.06], color: ['#c85a3c', '#2f5d7c', '#e6e0d4'][i]! });
  }
  plant(b, x0 + 0.95, s0, z0 + 0.13, 0.45, 14, C.terracotta, 1.2);
  for (let i = 0; i < 3; i++) b.satin.push({ geometry: CYL, position: [x1 - 0.2, s1 + 0.02 + i * 0.035, z0 + 0.13], scale: [0.11 - i * 0.015, 0.03, 0.11 - i * 0.015], color: '#ece7dc' });
  b.decor.push({ geometry: BOX, position: [x0 + 0.7, s1 + 0.12, z0 + 0.13], scale: [0.28, 0.24, 0.18], uvRect: UV_SPINES });
  plant(b, x1 - 0.55, s1, z0 + 0.13, 0.5, 15, '#e8e2d4', 1.4);
}

function fridgeBody(b: Buckets) {
  const { x0, x1, z0, z1, h } = FRIDGE;
  const t = 0.035;
  const shell = '#e9ebec';
  box(b.satin, x0, 0.02, z0, x0 + t, h, z1, shell);
  box(b.satin, x1 - t, 0.02, z0, x1, h, z1, shell);
  box(b.satin, x0, h - t, z0, x1, h, z1, shell);
  box(b.satin, x0, 0.02, z0, x1, 0.12, z1, shell);
  box(b.matte, x0, 0, z0 + 0.05, x1, 0.02, z1 - 0.05, '#2a2a2a');
  // interior walls and shelves
  box(b.matte, x0 + t, 0.12, z0, x1 - t, h - t, z0 + 0.03, '#f4f6f7');
  const inner = { x0: x0 + t, x1: x1 - t };
  for (const y of [0.48, 0.86, 1.24]) box(b.satin, inner.x0, y - 0.008, z0 + 0.03, inner.x1, y, z1 - 0.12, '#d6e3e6');
  box(b.satin, inner.x0 + 0.01, 0.13, z0 + 0.05, inner.x1 - 0.01, 0.4, z1 - 0.13, '#dfe9ea');
  // food (level 0): milk, jars, eggs, butter, vegetables
  box(b.matte, inner.x0 + 0.04, 0.86, z0 + 0.2, inner.x0 + 0.12, 1.1, z0 + 0.28, '#f1f1ee');
  box(b.matte, inner.x0 + 0.04, 1.0, z0 + 0.2, inner.x0 + 0.12, 1.05, z0 + 0.281, '#3a76b8');
  b.satin.push({ geometry: CYL, position: [inner.x0 + 0.22, 0.93, z0 + 0.25], scale: [0.04, 0.13, 0.04], color: '#c0392b' });
  box(b.matte, inner.x0 + 0.3, 1.24, z0 + 0.15, inner.x0 + 0.52, 1.3, z0 + 0.35, '#d9c9a6');
  box(b.matte, inner.x0 + 0.05, 1.24, z0 + 0.2, inner.x0 + 0.2, 1.29, z0 + 0.3, '#f2d15c');
  for (let i = 0; i < 4; i++) b.matte.push({ geometry: SPHERE_LO, position: [inner.x0 + 0.1 + i * 0.1, 0.2, z0 + 0.3], scale: [0.045, 0.04, 0.045], color: i % 2 ? '#5c9a3c' : '#d4532e' });
  // interior lamp (a small bright strip under the top)
  box(b.glow, inner.x0 + 0.15, h - t - 0.012, z0 + 0.25, inner.x1 - 0.15, h - t - 0.004, z0 + 0.3, '#fff7e6');
  blob(b, (x0 + x1) / 2, (z0 + z1) / 2 + 0.1, 0.9, 0.9);
}

function armchair(b: Buckets) {
  const { add, at } = framed([ARMCHAIR.x, 0, ARMCHAIR.z], ARMCHAIR.yaw);
  add(b.matte, 0, 0.26, 0, 0.82, 0.18, 0.8, C.mustard);
  add(b.matte, 0, 0.4, 0.03, 0.6, 0.1, 0.66, C.mustard);
  add(b.matte, 0, 0.66, -0.32, 0.82, 0.7, 0.16, C.mustard, BOX, [-0.12, 0, 0]);
  for (const s of [-1, 1]) add(b.matte, s * 0.35, 0.45, 0, 0.12, 0.34, 0.8, C.mustard);
  for (const sx of [-1, 1]) for (const sz of [-1, 1]) add(b.wood, sx * 0.34, 0.085, sz * 0.32, 0.035, 0.17, 0.035, C.walnut, CYL_LO, [sz * 0.15, 0, sx * 0.15]);
  const p = at(0, 0, 0);
  blob(b, p[0], p[2], 1.2, 1.2);
  // side table with a lamp, on the room side of the chair
  const t = at(0.62, 0, 0.22);
  b.wood.push({ geometry: CYL, position: [t[0], 0.55, t[2]], scale: [0.22, 0.03, 0.22], color: C.walnut });
  b.metal.push({ geometry: CYL_LO, position: [t[0], 0.27, t[2]], scale: [0.02, 0.54, 0.02], color: C.black });
  b.metal.push({ geometry: CYL, position: [t[0], 0.01, t[2]], scale: [0.15, 0.02, 0.15], color: C.black });
  b.satin.push({ geometry: SPHERE, position: [t[0] + 0.05, 0.65, t[2] - 0.05], scale: [0.07, 0.09, 0.07], color: '#2f5d7c' });
  b.metal.push({ geometry: CYL_LO, position: [t[0] + 0.05, 0.8, t[2] - 0.05], scale: [0.008, 0.2, 0.008], color: C.brass });
  b.satin.push({ geometry: CONE_OPEN, position: [t[0] + 0.05, 0.95, t[2] - 0.05], scale: [0.13, 0.17, 0.13], color: '#efe4cf' });
  b.glow.push({ geometry: CIRCLE, position: [t[0] + 0.05, 0.866, t[2] - 0.05], rotation: [Math.PI / 2, 0, 0], scale: [0.24, 0.24, 1], color: '#ffd8a0' });
  box(b.matte, t[0] - 0.1, 0.565, t[2] + 0.02, t[0] + 0.05, 0.59, t[2] + 0.12, '#6b4a8a');
  blob(b, t[0], t[2], 0.6, 0.6);
}

function diningCorner(b: Buckets) {
  const x = -2.4;
  const z = -1.15;
  box(b.wood, x - 0.4, 0.72, z - 0.6, x + 0.4, 0.75, z + 0.6, C.oak);
  for (const sx of [-1, 1]) for (const sz of [-1, 1]) box(b.wood, x + sx * 0.34 - 0.025, 0, z + sz * 0.54 - 0.025, x + sx * 0.34 + 0.025, 0.72, z + sz * 0.54 + 0.025, C.oak);
  blob(b, x, z, 1.4, 1.8);
  for (const [cx, cz, yaw] of [
    [x, z - 0.78, 0],
    [x - 0.5, z + 0.25, Math.PI / 2],
    [x - 0.5, z - 0.3, Math.PI / 2],
  ] as const) {
    const { add } = framed([cx, 0, cz], yaw);
    add(b.wood, 0, 0.45, 0, 0.42, 0.03, 0.4, C.walnut);
    for (const lx of [-0.18, 0.18]) {
      add(b.wood, lx, 0.225, 0.17, 0.03, 0.45, 0.03, C.walnut);
      add(b.wood, lx, 0.42, -0.18, 0.03, 0.84, 0.03, C.walnut);
    }
    add(b.wood, 0, 0.76, -0.185, 0.36, 0.12, 0.02, C.walnut);
    blob(b, cx, cz, 0.6, 0.6);
  }
  // vase with flowers
  b.satin.push({ geometry: CYL, position: [x, 0.84, z + 0.1], scale: [0.05, 0.18, 0.05], color: '#e6dfd1' });
  for (let i = 0; i < 6; i++) b.leaf.push({ geometry: SPHERE_LO, position: [x + Math.cos(i) * 0.06, 1.0 + (i % 3) * 0.03, z + 0.1 + Math.sin(i) * 0.06], scale: 0.035, color: i % 2 ? '#e7a33e' : '#f1ead8' });
  // pendant over the table
  b.metal.push({ geometry: CYL_LO, position: [x, 2.1, z], scale: [0.004, 0.9, 0.004], color: C.black });
  b.satin.push({ geometry: CONE_OPEN, position: [x, 1.56, z], scale: [0.2, 0.18, 0.2], color: '#2f3a3a' });
  b.glow.push({ geometry: CIRCLE, position: [x, 1.472, z], rotation: [Math.PI / 2, 0, 0], scale: [0.38, 0.38, 1], color: '#ffd9a3' });
}

function tvWall(b: Buckets) {
  const z0 = ROOM.z0;
  box(b.matte, -0.35, 0, z0, 1.65, ROOM.h, z0 + 0.012, C.teal);
  // walnut unit
  box(b.wood, -0.2, 0.08, z0 + 0.02, 1.5, 0.5, z0 + 0.44, C.walnut);
  for (let i = 0; i < 3; i++) box(b.wood, -0.18 + i * 0.56, 0.11, z0 + 0.44, -0.18 + i * 0.56 + 0.54, 0.47, z0 + 0.45, '#6a4630');
  for (let i = 0; i < 3; i++) box(b.metal, -0.18 + i * 0.56 + 0.2, 0.42, z0 + 0.45, -0.18 + i * 0.56 + 0.34, 0.43, z0 + 0.465, C.brass);
  for (const lx of [-0.12, 1.42]) box(b.metal, lx - 0.015, 0, z0 + 0.2, lx + 0.015, 0.08, z0 + 0.26, C.black);
  // TV bezel and sound bar
  box(b.satin, TV.x - TV.w / 2 - 0.012, TV.y - TV.h / 2 - 0.012, z0 + 0.05, TV.x + TV.w / 2 + 0.012, TV.y + TV.h / 2 + 0.012, TV.z - 0.001, '#111113');
  box(b.satin, TV.x - 0.45, 0.5, z0 + 0.15, TV.x + 0.45, 0.57, z0 + 0.25, '#1b1b1d');
  // decor on the unit
  plant(b, 1.32, 0.5, z0 + 0.25, 0.55, 21, '#e8e2d4');
  box(b.matte, -0.12, 0.5, z0 + 0.12, 0.1, 0.53, z0 + 0.3, '#b5523b');
  box(b.matte, -0.1, 0.53, z0 + 0.13, 0.08, 0.555, z0 + 0.29, '#e0d6c0');
  b.satin.push({ geometry: SPHERE, position: [0.0, 0.62, z0 + 0.21], scale: [0.05, 0.065, 0.05], color: '#c9a273' });
  // framed photos on the wall beside the TV
  for (const [px, py, s, uv] of [
    [-0.05, 1.45, 0.26, UV_PHOTO],
    [1.42, 1.3, 0.3, UV_PRINT],
  ] as const) {
    box(b.wood, px - s / 2 - 0.02, py - s / 2 - 0.02, z0 + 0.012, px + s / 2 + 0.02, py + s / 2 + 0.02, z0 + 0.03, '#e9e3d6');
    b.decor.push({ geometry: PLANE, position: [px, py, z0 + 0.032], scale: [s, s, 1], uvRect: uv });
  }
  blob(b, 0.65, z0 + 0.3, 2.1, 0.8);
}

function windowWall(b: Buckets) {
  const x = ROOM.x1;
  const wz0 = -2.9;
  const wz1 = -1.5;
  const wy0 = 0.85;
  const wy1 = 2.15;
  b.window.push({ geometry: PLANE, position: [x - 0.02, (wy0 + wy1) / 2, (wz0 + wz1) / 2], rotation: [0, -Math.PI / 2, 0], scale: [wz1 - wz0, wy1 - wy0, 1] });
  box(b.wood, x - 0.08, wy0 - 0.05, wz0 - 0.05, x, wy0, wz1 + 0.05, C.white);
  box(b.wood, x - 0.05, wy1, wz0 - 0.05, x, wy1 + 0.05, wz1 + 0.05, C.white);
  for (const z of [wz0 - 0.025, (wz0 + wz1) / 2, wz1 + 0.025]) box(b.wood, x - 0.05, wy0, z - 0.025, x, wy1, z + 0.025, C.white);
  // curtains gathered at both sides
  b.metal.push({ geometry: CYL_LO, position: [x - 0.1, 2.3, (wz0 + wz1) / 2], rotation: [Math.PI / 2, 0, 0], scale: [0.012, 2.2, 0.012], color: C.black });
  for (const zc of [wz0 - 0.3, wz1 + 0.3]) {
    for (let i = 0; i < 5; i++) {
      b.matte.push({ geometry: CYL_LO, position: [x - 0.13 + (i % 2) * 0.03, 1.17, zc - 0.16 + i * 0.08], scale: [0.04, 2.3, 0.045], color: i % 2 ? '#c7b596' : '#d3c3a5' });
    }
  }
  plant(b, x - 0.4, 0, -3.25, 1.5, 31, '#3b3a38', 1.1);
}

function buildRoom(): Buckets {
  const b: Buckets = { floor: [], wood: [], matte: [], satin: [], metal: [], glow: [], leaf: [], decor: [], window: [], shadow: [] };
  const { x0, x1, z0, z1, h } = ROOM;
  const W = x1 - x0;
  const D = z1 - z0;
  const cx = (x0 + x1) / 2;
  const cz = (z0 + z1) / 2;
  b.floor.push({ geometry: FLOOR_PLANE, position: [cx, 0, cz], scale: [W, 1, D] });
  b.matte.push({ geometry: PLANE, position: [cx, h, cz], rotation: [Math.PI / 2, 0, 0], scale: [W, D, 1], color: '#ece6dc' });
  b.matte.push({ geometry: PLANE, position: [cx, h / 2, z0], scale: [W, h, 1], color: C.wall });
  b.matte.push({ geometry: PLANE, position: [cx, h / 2, z1], rotation: [0, Math.PI, 0], scale: [W, h, 1], color: C.wallSide });
  b.matte.push({ geometry: PLANE, position: [x0, h / 2, cz], rotation: [0, Math.PI / 2, 0], scale: [D, h, 1], color: C.wallSide });
  // right wall around the window opening (z -2.9..-1.5, y 0.85..2.15)
  const rw = (za: number, zb: number, ya: number, yb: number) =>
    b.matte.push({ geometry: PLANE, position: [x1, (ya + yb) / 2, (za + zb) / 2], rotation: [0, -Math.PI / 2, 0], scale: [zb - za, yb - ya, 1], color: C.wallSide });
  rw(z0, -2.9, 0, h);
  rw(-1.5, z1, 0, h);
  rw(-2.9, -1.5, 0, 0.85);
  rw(-2.9, -1.5, 2.15, h);
  // skirting
  box(b.wood, x0, 0, z0, x1, 0.07, z0 + 0.015, C.white);
  box(b.wood, x0, 0, z0, x0 + 0.015, 0.07, z1, C.white);
  box(b.wood, x1 - 0.015, 0, z0, x1, 0.07, z1, C.white);
  box(b.wood, x0, 0, z1 - 0.015, x1, 0.07, z1, C.white);
  // rug
  b.decor.push({ geometry: FLOOR_PLANE, position: [0.45, 0.004, -1.05], scale: [2.5, 1, 1.8], uvRect: UV_RUG });
  // ceiling light (off) and a big print on the left wall
  b.satin.push({ geometry: CYL, position: [0.4, h - 0.03, -1.1], scale: [0.22, 0.06, 0.22], color: '#f4f1ea' });
  box(b.wood, x0 + 0.005, 1.05, -1.2, x0 + 0.03, 1.95, -0.2, '#2a2a2a');
  b.decor.push({ geometry: PLANE, position: [x0 + 0.032, 1.5, -0.7], rotation: [0, Math.PI / 2, 0], scale: [0.94, 0.84, 1], uvRect: UV_ART });
  // behind the patient: a low bookcase and the door
  box(b.wood, -1.6, 0, z1 - 0.35, 0.2, 0.85, z1, C.white);
  b.decor.push({ geometry: PLANE, position: [-0.7, 0.62, z1 - 0.351], rotation: [0, Math.PI, 0], scale: [1.7, 0.36, 1], uvRect: UV_SPINES });
  b.decor.push({ geometry: PLANE, position: [-0.7, 0.22, z1 - 0.351], rotation: [0, Math.PI, 0], scale: [1.7, 0.36, 1], uvRect: UV_SPINES });
  box(b.wood, 1.2, 0, z1 - 0.04, 2.1, 2.1, z1, '#e7e2d8');
  b.metal.push({ geometry: CYL_LO, position: [1.3, 1.0, z1 - 0.07], rotation: [0, 0, Math.PI / 2], scale: [0.01, 0.12, 0.01], color: C.brass });
  // floor lamp to the left of the sofa
  const fl: Vec3 = [-0.95, 0, -0.05];
  b.metal.push({ geometry: CYL, position: [fl[0], 0.015, fl[2]], scale: [0.16, 0.03, 0.16], color: C.black });
  b.metal.push({ geometry: CYL_LO, position: [fl[0], 0.75, fl[2]], scale: [0.012, 1.5, 0.012], color: C.black });
  b.satin.push({ geometry: CONE_OPEN, position: [fl[0], 1.6, fl[2]], scale: [0.2, 0.26, 0.2], color: '#efe4cf' });
  b.glow.push({ geometry: CIRCLE, position: [fl[0], 1.472, fl[2]], rotation: [Math.PI / 2, 0, 0], scale: [0.38, 0.38, 1], color: '#ffe0b0' });
  blob(b, fl[0], fl[2], 0.5, 0.5);

  sofa(b);
  coffeeTable(b);
  kitchen(b);
  fridgeBody(b);
  armchair(b);
  diningCorner(b);
  tvWall(b);
  windowWall(b);
  return b;
}

function Room() {
  const b = useMemo(buildRoom, []);
  return (
    <group name="cue:living-room" userData={{ cueId: 'living-room', minLevel: 0 }}>
      <MergedMesh parts={b.floor} material={floorLight} worldUV={0.625} />
      <MergedMesh parts={b.wood} material={woodVC} worldUV={1.1} />
      <MergedMesh parts={b.matte} material={matteVC} />
      <MergedMesh parts={b.satin} material={satinVC} />
      <MergedMesh parts={b.metal} material={metalVC} />
      <MergedMesh parts={b.glow} material={glowVC} />
      <MergedMesh parts={b.leaf} material={leafVC} />
      <MergedMesh parts={b.decor} material={decorMat} />
      <MergedMesh parts={b.window} material={duskMat} />
      <MergedMesh parts={b.shadow} material={contactShadow} renderOrder={1} />
      <Halos />
      <TvScreen />
      <FridgeDoor />
    </group>
  );
}

function Halos() {
  const parts = useMemo<Part[]>(
    () => [
      { geometry: PLANE, position: [-0.95, 1.45, -0.05], rotation: [-0.2, 0, 0], scale: [0.9, 0.9, 1] },
      { geometry: PLANE, position: [-2.4, 1.45, -1.15], scale: [0.8, 0.8, 1] },
    ],
    [],
  );
  return <MergedMesh parts={parts} material={lampHalo} renderOrder={3} />;
}

/** The TV shows a slow pan across a nature programme (a screen that is on, not a still). */
function TvScreen() {
  useFrame(({ clock }) => {
    if (!programmeTex) return;
    const t = clock.getElapsedTime();
    programmeTex.offset.set(0.07 + Math.sin(t * 0.05) * 0.07, 0.07 + Math.sin(t * 0.031) * 0.05);
  });
  return (
    <>
      <mesh geometry={PLANE} material={programmeMat} position={[TV.x, TV.y, TV.z]} scale={[TV.w, TV.h, 1]} />
      <mesh geometry={PLANE} material={tvHalo} position={[TV.x, TV.y - 0.05, TV.z + 0.02]} scale={[2.4, 1.6, 1]} renderOrder={3} />
    </>
  );
}

/** Fridge door: shut below level 2, swings open (hinge on the wall side) from level 2 up. */
function FridgeDoor() {
  const level = useSceneLevel();
  const pivot = useRef<Group>(null);
  const open = useRef(level >= 2 ? 1 : 0);
  const parts = useMemo(() => {
    const satin: Part[] = [];
    const metal: Part[] = [];
    const matte: Part[] = [];
    const w = FRIDGE.x1 - FRIDGE.x0;
    box(satin, 0, 0.02, 0, w, FRIDGE.h - 0.005, 0.05, '#eceeef');
    box(satin, 0.02, 0.06, -0.012, w - 0.02, FRIDGE.h - 0.05, 0, '#f4f6f7');
    box(metal, w - 0.06, 0.9, 0.05, w - 0.04, 1.5, 0.075, '#9ea3a8');
    // door bins with neutral things (juice, milk, sauces)
    for (const y of [0.55, 1.0, 1.45]) {
      box(matte, 0.05, y, -0.1, w - 0.05, y + 0.012, -0.012, '#dfe8ea');
      box(matte, 0.05, y, -0.1, w - 0.05, y + 0.07, -0.094, '#e3edf0');
    }
    box(matte, 0.08, 0.562, -0.085, 0.16, 0.78, -0.025, '#f3a53a');
    box(matte, 0.2, 0.562, -0.085, 0.28, 0.8, -0.025, '#f6f6f3');
    for (let i = 0; i < 3; i++) matte.push({ geometry: CYL, position: [0.12 + i * 0.09, 1.08, -0.055], scale: [0.025, 0.14, 0.025], color: ['#c0392b', '#e3b23c', '#2e7d32'][i]! });
    return { satin, metal, matte };
  }, []);
  useFrame((_, dt) => {
    open.current = Math.min(1, Math.max(0, open.current + (level >= 2 ? 1 : -1) * Math.min(dt, 0.1) / 1.2));
    const e = open.current * open.current * (3 - 2 * open.current);
    if (pivot.current) pivot.current.rotation.y = -1.62 * e;
  });
  return (
    <group position={[FRIDGE.x0, 0, FRIDGE.z1]}>
      <group ref={pivot} rotation={[0, level >= 2 ? -1.62 : 0, 0]}>
        <MergedMesh parts={parts.satin} material={satinVC} />
        <MergedMesh parts={parts.metal} material={metalVC} />
        <MergedMesh parts={parts.matte} material={matteVC} />
      </group>
    </group>
  );
}

function Lights() {
  const tv = useRef<PointLight>(null);
  useFrame(({ clock }) => {
    const t = clock.getElapsedTime();
    if (tv.current) tv.current.intensity = 0.9 + Math.sin(t * 1.7) * 0.08 + Math.sin(t * 4.3) * 0.05;
  });
  return (
    <>
      <hemisphereLight args={['#ffe2c2', '#3a2e25', 0.62]} />
      {/* Floor lamp beside the sofa */}
      <pointLight position={[-0.95, 1.3, -0.15]} color="#ffb66e" intensity={1.9} distance={7} decay={1.5} />
      {/* Kitchen ceiling spot */}
      <pointLight position={[-1.6, 2.3, -2.6]} color="#ffd6a6" intensity={2.2} distance={6} decay={1.5} />
      {/* TV glow */}
      <pointLight ref={tv} position={[TV.x, TV.y, TV.z + 0.6]} color="#a9c2ff" intensity={0.9} distance={4.5} decay={1.6} />
    </>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Level 1: wine rack, bottles on the kitchen shelves, an advert on TV
// ---------------------------------------------------------------------------------------------------------------

const FOILS = ['#6e0c22', '#c9a23a', '#1c1c1c', '#7a1f3a', '#e9e2d0', '#2e4a2e'];

function WineRack({ style }: { style: DrinkStyle }) {
  const parts = useMemo(() => {
    const wood: Part[] = [];
    const glass: Part[] = [];
    const trim: Part[] = [];
    const x0 = -0.74;
    const x1 = -0.3;
    const z0 = ROOM.z0 + 0.02;
    const z1 = ROOM.z0 + 0.32;
    const h = 0.96;
    const rnd = seededRandom(4);
    box(wood, x0, 0, z0, x0 + 0.025, h, z1, C.oak);
    box(wood, x1 - 0.025, 0, z0, x1, h, z1, C.oak);
    box(wood, x0, h - 0.025, z0, x1, h, z1, C.oak);
    box(wood, x0, 0.02, z0, x1, 0.045, z1, C.oak);
    const cols = 3;
    const rows = 4;
    const cw = (x1 - x0 - 0.05) / cols;
    const rh = (h - 0.07) / rows;
    for (let r = 0; r <= rows; r++) box(wood, x0, 0.045 + r * rh - 0.008, z0, x1, 0.045 + r * rh + 0.004, z1, C.oak);
    for (let c = 1; c < cols; c++) box(wood, x0 + 0.025 + c * cw - 0.006, 0.045, z0, x0 + 0.025 + c * cw + 0.006, h - 0.025, z1, C.oak);
    const wine = BOTTLE_SIZE.wine;
    for (let r = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++) {
        if (r === 3 && c === 2) continue;
        const bx = x0 + 0.025 + (c + 0.5) * cw;
        const by = 0.045 + r * rh + 0.045;
        const foil = r === 1 && c === 1 ? style.colour : FOILS[Math.floor(rnd() * FOILS.length)]!;
        // lying, neck toward the room
        glass.push({ geometry: WINE_LATHE, position: [bx, by, z0 + 0.01], rotation: [Math.PI / 2, 0, 0], scale: [1, 0.95, 1], color: rnd() < 0.7 ? '#102e1a' : '#3a1a0e' });
        trim.push({ geometry: CYL_LO, position: [bx, by, z0 + 0.01 + wine.height * 0.95 - 0.025], rotation: [Math.PI / 2, 0, 0], scale: [0.0175, 0.05, 0.0175], color: foil });
      }
    }
    // two standing on top
    for (const [bx, col] of [
      [x0 + 0.12, '#102e1a'],
      [x0 + 0.3, '#4a230b'],
    ] as const) {
      glass.push({ geometry: WINE_LATHE, position: [bx, h, (z0 + z1) / 2], color: col });
      trim.push({ geometry: CYL_OPEN, position: [bx, h + 0.1, (z0 + z1) / 2], scale: [0.0385, 0.1, 0.0385], color: '#efe6cf' });
      trim.push({ geometry: CYL_LO, position: [bx, h + 0.275, (z0 + z1) / 2], scale: [0.0175, 0.05, 0.0175], color: FOILS[Math.floor(rnd() * FOILS.length)]! });
    }
    const shadow: Part[] = [{ geometry: FLOOR_PLANE, position: [(x0 + x1) / 2, 0.005, (z0 + z1) / 2 + 0.05], scale: [0.7, 1, 0.55] }];
    return { wood, glass, trim, shadow };
  }, [style]);
  return (
    <>
      <MergedMesh parts={parts.shadow} material={contactShadow} renderOrder={1} />
      <MergedMesh parts={parts.wood} material={woodVC} worldUV={1.1} />
      <MergedMesh parts={parts.glass} material={bottleGlassVC} />
      <MergedMesh parts={parts.trim} material={matteVC} />
    </>
  );
}

function KitchenBottles({ style }: { style: DrinkStyle }) {
  const parts = useMemo(() => {
    const glass: Part[] = [];
    const clear: Part[] = [];
    const trim: Part[] = [];
    const z = ROOM.z0 + 0.13;
    const s0 = SHELVES[0]!;
    const s1 = SHELVES[1]!;
    const put = (kind: DrinkKind, x: number, y: number, col: string, label: string, cap: string, isClear = false) => {
      const size = BOTTLE_SIZE[kind];
      (isClear ? clear : glass).push({ geometry: BOTTLE_GEOS[kind], position: [x, y, z], color: col });
      trim.push({ geometry: CYL_OPEN, position: [x, y + size.height * 0.36, z], scale: [size.radius + 0.0015, size.height * 0.3, size.radius + 0.0015], color: label });
      trim.push({ geometry: CYL_LO, position: [x, y + size.height - 0.01, z], scale: [0.019, 0.03, 0.019], color: cap });
    };
    // lower shelf, right part: spirits and wine; upper shelf, left: the preferred drink and more
    const k = KITCHEN;
    put('spirits', k.x1 - 0.58, s0, '#8a4c14', '#efe6cf', '#1c1c1c');
    put('spirits', k.x1 - 0.46, s0, '#e6f2f2', '#20355a', '#c9a23a', true);
    put('wine', k.x1 - 0.34, s0, '#102e1a', '#e8d9a8', '#6e0c22');
    put(style.kind, k.x1 - 0.2, s0, style.kind === 'beer' ? '#4a230b' : style.kind === 'wine' ? '#102e1a' : '#8a4c14', style.colour, '#c9a23a');
    put('beer', k.x0 + 0.08, s1, '#4a230b', style.colour, '#c9a23a');
    put('beer', k.x0 + 0.16, s1, '#4a230b', style.colour, '#c9a23a');
    put('spirits', k.x0 + 0.28, s1, '#b0621a', '#1c1c1c', '#1c1c1c');
    put('wine', k.x0 + 0.4, s1, '#3a1a0e', '#f7f3ea', '#c9a23a');
    return { glass, clear, trim };
  }, [style]);
  return (
    <>
      <MergedMesh parts={parts.glass} material={bottleGlassVC} />
      <MergedMesh parts={parts.trim} material={matteVC} />
      <MergedMesh parts={parts.clear} material={bottleClearVC} renderOrder={2} />
    </>
  );
}

function TvAdvert({ style }: { style: DrinkStyle }) {
  const tex = useMemo(() => {
    const t = canvasTexture(512, 288, drawAdvert(style));
    t?.repeat.set(0.9, 0.9);
    return t;
  }, [style]);
  const mat = useMemo(() => new MeshBasicMaterial({ map: tex, color: '#ececec' }), [tex]);
  useEffect(
    () => () => {
      tex?.dispose();
      mat.dispose();
    },
    [tex, mat],
  );
  const ref = useRef<Mesh>(null);
  useFrame(({ clock }) => {
    const t = clock.getElapsedTime();
    const m = ref.current?.material as MeshBasicMaterial | undefined;
    const map = m?.map as CanvasTexture | null | undefined;
    // slow push-in, like a commercial
    if (map) {
      const z = 0.9 - ((t * 0.02) % 0.12);
      map.repeat.set(z, z);
      map.offset.set((1 - z) / 2, (1 - z) / 2);
    }
  });
  return <mesh ref={ref} geometry={PLANE} material={mat} position={[TV.x, TV.y, TV.z + 0.002]} scale={[TV.w, TV.h, 1]} />;
}

// ---------------------------------------------------------------------------------------------------------------
// Level 2: the drink on the coffee table, the open fridge full of cans
// ---------------------------------------------------------------------------------------------------------------

const TABLE_TOP = COFFEE.h + 0.001;
const DRINK_AT: Vec3 = [0.0, TABLE_TOP, -0.73];
const BOTTLE_AT: Vec3 = [0.19, TABLE_TOP, -0.85];

function PreferredDrink({ style }: { style: DrinkStyle }) {
  const small = useMemo(() => {
    const matte: Part[] = [];
    const metal: Part[] = [];
    matte.push({ geometry: CYL, position: [DRINK_AT[0], TABLE_TOP + 0.002, DRINK_AT[2]], scale: [0.055, 0.004, 0.055], color: '#d9cdb5' });
    if (style.kind === 'beer') {
      metal.push({ geometry: CYL, position: [BOTTLE_AT[0] + 0.1, TABLE_TOP + 0.003, BOTTLE_AT[2] + 0.07], rotation: [0.1, 0, 0.2], scale: [0.0145, 0.006, 0.0145], color: '#c9a23a' });
    } else if (style.kind === 'wine') {
      matte.push({ geometry: CYL, position: [BOTTLE_AT[0] + 0.1, TABLE_TOP + 0.011, BOTTLE_AT[2] + 0.06], rotation: [0, 0.6, Math.PI / 2], scale: [0.0105, 0.045, 0.0105], color: '#c8a878' });
      metal.push({ geometry: BOX, position: [BOTTLE_AT[0] + 0.13, TABLE_TOP + 0.006, BOTTLE_AT[2] + 0.14], rotation: [0, 0.4, 0], scale: [0.11, 0.012, 0.02], color: '#3a3a3e' });
    } else {
      metal.push({ geometry: CYL, position: [BOTTLE_AT[0] + 0.1, TABLE_TOP + 0.015, BOTTLE_AT[2] + 0.06], scale: [0.02, 0.03, 0.02], color: '#1d1a18' });
    }
    const shadow: Part[] = [
      { geometry: FLOOR_PLANE, position: [DRINK_AT[0], TABLE_TOP + 0.0005, DRINK_AT[2]], scale: [0.17, 1, 0.17] },
      { geometry: FLOOR_PLANE, position: [BOTTLE_AT[0], TABLE_TOP + 0.0005, BOTTLE_AT[2]], scale: [0.15, 1, 0.15] },
    ];
    return { matte, metal, shadow };
  }, [style]);
  return (
    <>
      <MergedMesh parts={small.shadow} material={contactShadow} renderOrder={1} />
      <MergedMesh parts={small.matte} material={matteVC} />
      <MergedMesh parts={small.metal} material={metalVC} />
      <group position={[DRINK_AT[0], DRINK_AT[1] + 0.004, DRINK_AT[2]]}>
        <DrinkGlass kind={style.kind} fill={style.kind === 'wine' ? 0.75 : 0.95} />
      </group>
      <group position={BOTTLE_AT} rotation={[0, 0.5, 0]}>
        <DrinkBottle style={style} open />
      </group>
    </>
  );
}

function FridgeCans({ style }: { style: DrinkStyle }) {
  const mats = useMemo(() => canMaterials(style), [style]);
  const parts = useMemo(() => {
    const body: Part[] = [];
    const metal: Part[] = [];
    const { x0, z0 } = FRIDGE;
    const ix = x0 + 0.035;
    // two rows of cans on the middle shelf, a full shelf below, a six-pack on the crisper lid
    for (let i = 0; i < 7; i++) canParts(ix + 0.045 + i * 0.075, 0.48, z0 + 0.36, i * 0.7, body, metal);
    for (let i = 0; i < 6; i++) canParts(ix + 0.08 + i * 0.075, 0.48, z0 + 0.26, i * 1.3, body, metal);
    for (let i = 0; i < 3; i++) canParts(ix + 0.3 + i * 0.075, 0.86, z0 + 0.36, i * 0.9, body, metal);
    for (let i = 0; i < 3; i++) canParts(ix + 0.3 + i * 0.075, 1.24, z0 + 0.38, i * 0.4, body, metal);
    return { body, metal };
  }, []);
  const glowParts = useMemo<Part[]>(() => [{ geometry: PLANE, position: [(FRIDGE.x0 + FRIDGE.x1) / 2, 1.0, FRIDGE.z0 + 0.032], scale: [0.5, 1.55, 1], color: '#eaf2f8' }], []);
  return (
    <>
      <MergedMesh parts={glowParts} material={glowVC} />
      <MergedMesh parts={parts.body} material={mats.body} />
      <MergedMesh parts={parts.metal} material={mats.metal} />
    </>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------------------------------------------

const FLATMATE_LOOK: AvatarProps = {
  skin: '#c48a66',
  shirt: '#a8553a',
  pants: '#3a4660',
  hair: '#2b1d14',
  shoes: '#d9d4cb',
  hairStyle: 'long',
  sleeves: 'long',
};

const DRINK_TILT: Record<DrinkKind, number> = { beer: 1.05, wine: 0.95, spirits: 1.15 };

/** Index along a path of pose indices for t in 0..1. */
const along = (path: number[], t: number) => path[Math.round(clamp01(t) * (path.length - 1))]!;

/** Pose index for a sip lasting a whole segment or a part of an event. */
function sipIndex(p: number, rest: number, lift: number[], drink: number): number {
  const up = [rest, ...lift, drink];
  if (p < 0.14) return along(up, p / 0.14);
  if (p < 0.78) return drink;
  if (p < 0.94) return along([...up].reverse(), (p - 0.78) / 0.16);
  return rest;
}

/** Level 3: the flatmate in the armchair, glass on the armrest, sipping during 'flatmate-drinks'. */
function FlatmateArmchair({ style }: { style: DrinkStyle }) {
  const drinks = useSegment('flatmate-drinks');
  const cheers = useSceneEvent('cheers');
  const size = GLASS_SIZE[style.kind];
  const poses = useMemo(() => {
    const pos: Vec3 = [ARMCHAIR.x + Math.sin(ARMCHAIR.yaw) * -0.1, 0, ARMCHAIR.z + Math.cos(ARMCHAIR.yaw) * -0.1];
    const base: AvatarProps = {
      ...FLATMATE_LOOK,
      position: pos,
      yaw: ARMCHAIR.yaw,
      seated: true,
      seatHeight: 0.45,
      heldHeight: size.height,
      heldRadius: size.radius,
      drinkTilt: DRINK_TILT[style.kind],
      armPose: 'rest',
    };
    const rest: Vec3 = [0.3, 0.66, 0.2];
    const lift = liftPath(base, 'left', rest, 3);
    const sh = shoulderY(base);
    const toast: Vec3 = [0.2, sh + 0.2, 0.45];
    const keys: AvatarProps[] = [
      { ...base, leftArmPose: 'counter', leftHandTarget: rest },
      ...lift.map((t) => ({ ...base, leftArmPose: 'counter' as const, leftHandTarget: t })),
      { ...base, leftArmPose: 'drinking' },
      { ...base, leftArmPose: 'counter', leftHandTarget: lerp3(rest, toast, 0.5) },
      { ...base, leftArmPose: 'counter', leftHandTarget: toast },
    ];
    return keys.map((k, i) => <Avatar key={i} {...k} leftHolding={<DrinkGlass kind={style.kind} fill={0.7} />} />);
  }, [style, size]);
  const pick = () => {
    const c = cheers();
    if (c.active) {
      const t = c.progress;
      if (t < 0.08) return along([0, 5, 6], t / 0.08);
      if (t < 0.35) return 6;
      if (t < 0.42) return along([6, 3, 4], (t - 0.35) / 0.07);
      if (t < 0.8) return 4;
      if (t < 0.93) return along([4, 3, 2, 1, 0], (t - 0.8) / 0.13);
      return 0;
    }
    const d = drinks();
    return d.active ? sipIndex(d.progress, 0, [1, 2, 3], 4) : 0;
  };
  const bottle = useMemo(() => {
    const t: Vec3 = [ARMCHAIR.x + 0.62 * Math.cos(ARMCHAIR.yaw) + 0.22 * Math.sin(ARMCHAIR.yaw), 0.565, ARMCHAIR.z - 0.62 * Math.sin(ARMCHAIR.yaw) + 0.22 * Math.cos(ARMCHAIR.yaw)];
    return [t[0] + 0.07, t[1], t[2] + 0.08] as Vec3;
  }, []);
  return (
    <>
      <PoseSwitch poses={poses} pick={pick} name="flatmate-armchair" />
      <group position={bottle} rotation={[0, -0.6, 0]}>
        <DrinkBottle style={style} open />
      </group>
    </>
  );
}

/** Level 4: the flatmate beside the patient on the sofa (to their right), bottle and glass in hand. */
const BESIDE: Vec3 = [0.78, 0, -0.14];
const BESIDE_YAW = Math.PI + 0.9;
/** Where the offered glass stands when held out (world), ~0.65 m from the patient's eyes. */
const OFFER_AT: Vec3 = [0.31, 0.92, -0.45];
const TOAST_AT: Vec3 = [0.42, 1.0, -0.4];
const POUR_TILT = 2.0;
const GRIP = 0.08;

interface BesideRig {
  keys: AvatarProps[];
  /** Avatar-local pouring stream from the bottle mouth to the glass. */
  stream: { from: Vector3; to: Vector3 };
}

function besideRig(kind: DrinkKind): BesideRig {
  const size = GLASS_SIZE[kind];
  const r = size.radius;
  const bottleH = BOTTLE_SIZE[kind].height;
  const base: AvatarProps = {
    ...FLATMATE_LOOK,
    position: BESIDE,
    yaw: BESIDE_YAW,
    seated: true,
    seatHeight: 0.45,
    heldHeight: size.height,
    heldRadius: r,
    drinkTilt: DRINK_TILT[kind],
  };
  const hip = 0.45 + 0.07;
  // Hand targets (avatar-local) from where the held object should stand: inverse of the kit's `counter` grip.
  const leftHandFor = (glass: Vec3): Vec3 => [glass[0] + r + 0.03, glass[1] + 0.05, glass[2]];
  const rightHandFor = (held: Vec3): Vec3 => [held[0] - r - 0.03, held[1] + 0.05, held[2]];
  const lRest: Vec3 = [0.17, hip + 0.16, 0.3];
  const rRest: Vec3 = [-0.17, hip + 0.16, 0.3];
  const glassPour: Vec3 = [0.06, 0.72, 0.36];
  const L = bottleH - GRIP;
  const mouthOff: Vec3 = [Math.sin(POUR_TILT) * L, Math.cos(POUR_TILT) * L, 0];
  const rim: Vec3 = [glassPour[0], glassPour[1] + size.height, glassPour[2]];
  const grip: Vec3 = [rim[0] - 0.005 - mouthOff[0], rim[1] + 0.06 - mouthOff[1], rim[2]];
  const bottleHeld: Vec3 = [grip[0], grip[1] - GRIP, grip[2]];
  const offer = toLocal(BESIDE, BESIDE_YAW, OFFER_AT);
  const toast = toLocal(BESIDE, BESIDE_YAW, TOAST_AT);
  const lPour = leftHandFor(glassPour);
  const rPour = rightHandFor(bottleHeld);
  const lOffer = leftHandFor(offer);
  const lToast = leftHandFor(toast);
  const lift = liftPath(base, 'left', lToast, 2, 0.32);
  const both = (l: Vec3, rr: Vec3): AvatarProps => ({ ...base, leftArmPose: 'counter', leftHandTarget: l, armPose: 'counter', handTarget: rr });
  const keys: AvatarProps[] = [
    both(lRest, rRest), // 0 rest
    both(lerp3(lRest, lPour, 0.5), lerp3(rRest, rPour, 0.5)), // 1
    both(lPour, rPour), // 2 pouring
    both(lerp3(lPour, lOffer, 0.5), lerp3(rPour, rRest, 0.6)), // 3
    both(lOffer, rRest), // 4 holding the glass out
    both(lerp3(lRest, lToast, 0.5), rRest), // 5
    both(lToast, rRest), // 6 cheers
    both(lift[0]!, rRest), // 7
    both(lift[1]!, rRest), // 8
    { ...base, leftArmPose: 'drinking', armPose: 'counter', handTarget: rRest }, // 9 sip
  ];
  // The stream, from where the pouring pose actually puts the bottle.
  const held = avatarHold(keys[2]!, 'right');
  const glassHeld = avatarHold(keys[2]!, 'left');
  const from = held ? held.position.clone().add(new Vector3(0, GRIP, 0)).add(new Vector3(...mouthOff)) : new Vector3();
  const to = glassHeld ? glassHeld.position.clone().add(new Vector3(0, size.height * 0.45, 0)) : new Vector3();
  return { keys, stream: { from, to } };
}

function offerIndex(p: number): number {
  if (p < 0.05) return along([0, 1, 2], p / 0.05);
  if (p < 0.4) return 2;
  if (p < 0.47) return along([2, 3, 4], (p - 0.4) / 0.07);
  if (p < 0.9) return 4;
  if (p < 0.96) return along([4, 3, 0], (p - 0.9) / 0.06);
  return 0;
}

function cheersIndex(t: number): number {
  if (t < 0.08) return along([0, 5, 6], t / 0.08);
  if (t < 0.35) return 6;
  if (t < 0.42) return along([6, 7, 8, 9], (t - 0.35) / 0.07);
  if (t < 0.8) return 9;
  if (t < 0.93) return along([9, 8, 7, 5, 0], (t - 0.8) / 0.13);
  return 0;
}

const POUR = { from: 0.08, to: 0.37 };
const EMPTY = 0.12;
const FULL = 0.85;

/** Shared by the flatmate and the glass cue: which pose shows, how full the glass is, whether it pours. */
function useBesideTimeline() {
  const offers = useStable(useSegment('flatmate-offers'));
  const cheers = useStable(useSceneEvent('cheers'));
  const poured = useRef(false);
  return useMemo(
    () => ({
      pick: () => {
        const c = cheers();
        if (c.active) return cheersIndex(c.progress);
        const o = offers();
        return o.active ? offerIndex(o.progress) : 0;
      },
      fill: () => {
        const o = offers();
        if (o.active && o.progress >= POUR.from && o.progress < POUR.to) {
          const f = (o.progress - POUR.from) / (POUR.to - POUR.from);
          return poured.current ? FULL : lerp(EMPTY, FULL, f);
        }
        if (o.active && o.progress >= POUR.to) poured.current = true;
        return poured.current ? FULL : EMPTY;
      },
      pouring: () => {
        const o = offers();
        return o.active && o.progress >= POUR.from && o.progress < POUR.to;
      },
    }),
    [offers, cheers],
  );
}

const LIQUID: Record<DrinkKind, MeshStandardMaterial> = { beer: beerLiquid, wine: wineLiquid, spirits: whiskyLiquid };

function PourStream({ rig, kind, pouring }: { rig: BesideRig; kind: DrinkKind; pouring: () => boolean }) {
  const ref = useRef<Mesh>(null);
  const { from, to } = rig.stream;
  const mid = from.clone().add(to).multiplyScalar(0.5);
  const q = alignY(to, from);
  useFrame(() => {
    if (ref.current) ref.current.visible = pouring();
  });
  return (
    <group position={BESIDE} rotation={[0, BESIDE_YAW, 0]}>
      <mesh
        ref={ref}
        visible={false}
        geometry={CYL_LO}
        material={LIQUID[kind]}
        position={mid}
        quaternion={q}
        scale={[kind === 'beer' ? 0.006 : 0.0045, from.distanceTo(to), kind === 'beer' ? 0.006 : 0.0045]}
      />
    </group>
  );
}

function FlatmateBeside({ style, timeline }: { style: DrinkStyle; timeline: ReturnType<typeof useBesideTimeline> }) {
  const rig = useMemo(() => besideRig(style.kind), [style.kind]);
  const poses = useMemo(
    () =>
      rig.keys.map((k, i) => (
        <Avatar
          key={i}
          {...k}
          holding={
            i === 2 ? (
              <group position={[0, GRIP, 0]} rotation={[0, 0, -POUR_TILT]}>
                <group position={[0, -GRIP, 0]}>
                  <DrinkBottle style={style} open />
                </group>
              </group>
            ) : (
              <DrinkBottle style={style} open />
            )
          }
        />
      )),
    [rig, style],
  );
  return (
    <>
      <PoseSwitch poses={poses} pick={timeline.pick} name="flatmate-beside" />
      <PourStream rig={rig} kind={style.kind} pouring={timeline.pouring} />
    </>
  );
}

/** The glass in the flatmate's left hand, a cue of its own; follows the same poses. */
function PouredGlass({ style, timeline }: { style: DrinkStyle; timeline: ReturnType<typeof useBesideTimeline> }) {
  const rig = useMemo(() => besideRig(style.kind), [style.kind]);
  const poses = useMemo(
    () =>
      rig.keys.map((k, i) => {
        const h = avatarHold(k, 'left');
        return h ? (
          <group key={i} position={BESIDE} rotation={[0, BESIDE_YAW, 0]}>
            <group position={h.position} quaternion={h.quaternion}>
              <DrinkGlass kind={style.kind} fill={timeline.fill} />
            </group>
          </group>
        ) : null;
      }),
    [rig, style.kind, timeline],
  );
  return <PoseSwitch poses={poses} pick={timeline.pick} name="poured-glass" />;
}

function Level4({ style }: { style: DrinkStyle }) {
  const timeline = useBesideTimeline();
  const shadow = useMemo<Part[]>(() => [{ geometry: FLOOR_PLANE, position: [BESIDE[0], 0.006, BESIDE[2] - 0.35], scale: [0.7, 1, 0.8] }], []);
  return (
    <>
      <AnchoredCue id="flatmate-beside" minLevel={4} at={[BESIDE[0], 0.7, BESIDE[2]]}>
        <MergedMesh parts={shadow} material={contactShadow} renderOrder={1} />
        <FlatmateBeside style={style} timeline={timeline} />
      </AnchoredCue>
      <AnchoredCue id="poured-glass" minLevel={4} at={[0.45, 0.85, -0.35]}>
        <PouredGlass style={style} timeline={timeline} />
      </AnchoredCue>
    </>
  );
}

/**
 * Sounds: the TV and the kitchen at every level; the flatmate pouring the patient's drink (level 4); a can
 * opening in the kitchen, and the clink of the toast where the flatmate sits (levels 3 and 4), when fired.
 */
function Sounds() {
  const armchair: Vec3 = [ARMCHAIR.x - 0.25, 1.0, ARMCHAIR.z + 0.25];
  const beside: Vec3 = [BESIDE[0] - 0.3, 0.95, BESIDE[2] - 0.25];
  return (
    <>
      <SpatialSound id="tv" sound="tv" position={[TV.x, TV.y, TV.z + 0.1]} volume={0.3} refDistance={2} />
      <SpatialSound id="fridge" sound="kitchen" position={[-2.66, 1.2, -3.2]} volume={0.1} refDistance={2} />
      <SpatialSound id="pouring" sound="pour" position={beside} minLevel={4} volume={0.5} on={[{ segment: 'flatmate-offers', at: POUR.from }]} />
      <SpatialSound id="can-opens" sound="can-open" position={[KITCHEN.x0 + 0.4, KITCHEN.top + 0.1, KITCHEN.front - 0.2]} volume={0.55} refDistance={1.5} on={[{ event: 'can-opens' }]} />
      <SpatialSound id="cheers-armchair" sound="glass-clink" position={armchair} minLevel={3} volume={[0, 0, 0, 0.5, 0]} on={[{ event: 'cheers', at: 0.16 }]} />
      <SpatialSound id="cheers-beside" sound="glass-clink" position={beside} minLevel={4} volume={0.5} on={[{ event: 'cheers', at: 0.16 }]} />
    </>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Scene
// ---------------------------------------------------------------------------------------------------------------

/**
 * Evening at home, graded 0–4: the living room with the TV on (0); a wine rack, bottles on the kitchen shelves
 * and a drink advert on TV (1); the patient's preferred drink open on the coffee table and the fridge open on
 * rows of cans (2); the flatmate drinking in the armchair (3); the flatmate beside them pouring a glass and
 * holding it out (4). `personalisation` picks the drink and its label (see drinkPersonalisation.ts).
 */
export function HomeEveningScene({ personalisation }: { personalisation?: Record<string, string> } = {}) {
  const key = JSON.stringify(personalisation ?? {});
  const style = useMemo(() => resolveDrink(JSON.parse(key) as Record<string, string>), [key]);
  return (
    <>
      <SceneEnvironment intensity={0.3} background="#0b0d14" />
      <Stressor at={[0.55, TABLE_TOP, -0.72]} rotY={0} personalisation={personalisation ?? {}} />
      <Lights />
      <Room />
      <Sounds />
      <AnchoredCue id="wine-rack" minLevel={1} at={[-0.52, 0.5, -3.45]}>
        <WineRack style={style} />
      </AnchoredCue>
      <AnchoredCue id="kitchen-bottles" minLevel={1} at={[-1.6, 1.7, -3.47]}>
        <KitchenBottles style={style} />
      </AnchoredCue>
      <AnchoredCue id="tv-advert" minLevel={1} at={[TV.x, TV.y, TV.z]}>
        <TvAdvert style={style} />
      </AnchoredCue>
      <AnchoredCue id="preferred-drink" minLevel={2} at={[0.1, 0.5, -0.78]}>
        <PreferredDrink style={style} />
      </AnchoredCue>
      <AnchoredCue id="fridge-open" minLevel={2} at={[-2.66, 0.9, -3.3]}>
        <FridgeCans style={style} />
      </AnchoredCue>
      <AnchoredCue id="flatmate-armchair" minLevel={3} at={[ARMCHAIR.x, 0.6, ARMCHAIR.z]}>
        <FadeOutAbove maxLevel={3}>
          <FlatmateArmchair style={style} />
        </FadeOutAbove>
      </AnchoredCue>
      <Level4 style={style} />
    </>
  );
}
