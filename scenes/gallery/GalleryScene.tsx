import { useEffect, useMemo } from 'react';
import {
  BoxGeometry,
  CylinderGeometry,
  Euler,
  MeshBasicMaterial,
  MeshStandardMaterial,
  PlaneGeometry,
  Quaternion,
  SphereGeometry,
  TorusGeometry,
  Vector3,
  type Material,
} from 'three';
import { SpatialSound } from '../kit/audio/SpatialSound';
import { SceneEnvironment } from '../kit/Environment';
import {
  canvasTexture,
  contactShadow,
  floorLight,
  glowVC,
  leafVC,
  matteVC,
  mergeParts,
  metalVC,
  plasterWhite,
  satinVC,
  seededRandom,
  woodVC,
  type Part,
  type Vec3,
} from '../kit/materials';

/*
 * Art gallery: the neutral control scene and the "safe" scene. A bright, quiet white room with pale oak floor,
 * skylights, a window onto a garden, soft abstract paintings (drawn procedurally), a bench, plants and a
 * sculpture. Nothing in it relates to any substance. The patient sits at the origin facing -z.
 */

const ROOM = { x0: -4.6, x1: 4.6, z0: -5.2, z1: 3.6, h: 3.6 };

const BOX = new BoxGeometry(1, 1, 1);
const PLANE = new PlaneGeometry(1, 1);
const FLOOR_PLANE = new PlaneGeometry(1, 1).rotateX(-Math.PI / 2);
const CYL = new CylinderGeometry(1, 1, 1, 16, 1);
const SPHERE = new SphereGeometry(1, 20, 14);
const SPHERE_LO = new SphereGeometry(1, 8, 6);
const TORUS = new TorusGeometry(1, 0.28, 12, 32);

// ---------------------------------------------------------------------------------------------------------------
// Paintings: one 2048×1024 atlas, each work drawn at its own aspect ratio
// ---------------------------------------------------------------------------------------------------------------

type Rect = [number, number, number, number]; // x, y, w, h in atlas pixels
const ATLAS_W = 2048;
const ATLAS_H = 1024;

interface Work {
  rect: Rect;
  draw: (ctx: CanvasRenderingContext2D, w: number, h: number) => void;
}

function canvasGrain(ctx: CanvasRenderingContext2D, w: number, h: number, seed: number) {
  const rnd = seededRandom(seed);
  for (let i = 0; i < (w * h) / 60; i++) {
    ctx.fillStyle = rnd() < 0.5 ? 'rgba(255,255,255,0.05)' : 'rgba(0,0,0,0.04)';
    ctx.fillRect(rnd() * w, rnd() * h, 2, 2);
  }
}

function softRect(ctx: CanvasRenderingContext2D, x: number, y: number, w: number, h: number, color: string, blur: number) {
  ctx.save();
  ctx.filter = `blur(${blur}px)`;
  ctx.fillStyle = color;
  ctx.fillRect(x, y, w, h);
  ctx.restore();
}

const WORKS: Record<string, Work> = {
  // Colour field in sage, sand and pale blue
  field: {
    rect: [0, 0, 768, 500],
    draw: (ctx, w, h) => {
      ctx.fillStyle = '#b9ae98';
      ctx.fillRect(0, 0, w, h);
      softRect(ctx, w * 0.07, h * 0.08, w * 0.86, h * 0.4, '#6f9170', 6);
      softRect(ctx, w * 0.07, h * 0.53, w * 0.86, h * 0.14, '#d9bd85', 5);
      softRect(ctx, w * 0.07, h * 0.71, w * 0.86, h * 0.21, '#7f9fba', 6);
      canvasGrain(ctx, w, h, 1);
    },
  },
  // Layered hills under a pale sun
  hills: {
    rect: [768, 0, 512, 366],
    draw: (ctx, w, h) => {
      const g = ctx.createLinearGradient(0, 0, 0, h);
      g.addColorStop(0, '#dbe7ee');
      g.addColorStop(1, '#f4eadb');
      ctx.fillStyle = g;
      ctx.fillRect(0, 0, w, h);
      ctx.fillStyle = '#f3d9a4';
      ctx.beginPath();
      ctx.arc(w * 0.72, h * 0.3, h * 0.12, 0, Math.PI * 2);
      ctx.fill();
      const layers = ['#a9c2b8', '#87a99a', '#6e9384', '#55786c'];
      layers.forEach((c, i) => {
        ctx.fillStyle = c;
        ctx.beginPath();
        ctx.moveTo(0, h);
        const base = h * (0.5 + i * 0.12);
        for (let x = 0; x <= w; x += 8) {
          ctx.lineTo(x, base + Math.sin(x / w * Math.PI * (1.5 + i * 0.4) + i) * h * 0.06);
        }
        ctx.lineTo(w, h);
        ctx.fill();
      });
      canvasGrain(ctx, w, h, 2);
    },
  },
  // Circles and arcs (muted blues and ochre)
  circles: {
    rect: [1280, 0, 384, 490],
    draw: (ctx, w, h) => {
      ctx.fillStyle = '#efe8da';
      ctx.fillRect(0, 0, w, h);
      const circ = (x: number, y: number, r: number, c: string, a = 1) => {
        ctx.globalAlpha = a;
        ctx.fillStyle = c;
        ctx.beginPath();
        ctx.arc(x * w, y * h, r * w, 0, Math.PI * 2);
        ctx.fill();
        ctx.globalAlpha = 1;
      };
      circ(0.5, 0.36, 0.34, '#7d9fb8', 0.9);
      circ(0.58, 0.42, 0.2, '#d9b26a', 0.85);
      circ(0.36, 0.7, 0.16, '#9bb59a', 0.9);
      circ(0.7, 0.76, 0.09, '#c98e72', 0.85);
      ctx.strokeStyle = '#4f6375';
      ctx.lineWidth = 4;
      ctx.beginPath();
      ctx.arc(w * 0.45, h * 0.55, w * 0.38, Math.PI * 1.1, Math.PI * 1.9);
      ctx.stroke();
      canvasGrain(ctx, w, h, 3);
    },
  },
  // Gentle waves
  waves: {
    rect: [1664, 0, 384, 490],
    draw: (ctx, w, h) => {
      const cols = ['#e9eef0', '#cfe0e6', '#a9c8d3', '#86afbf', '#6b97aa', '#547f94', '#46697c'];
      cols.forEach((c, i) => {
        ctx.fillStyle = c;
        ctx.beginPath();
        ctx.moveTo(0, h);
        const base = (h * i) / (cols.length - 0.5);
        for (let x = 0; x <= w; x += 6) ctx.lineTo(x, base + Math.sin((x / w) * Math.PI * 2 + i * 0.9) * h * 0.03);
        ctx.lineTo(w, h);
        ctx.fill();
      });
      canvasGrain(ctx, w, h, 4);
    },
  },
  // Soft grid (muted neo-plastic)
  grid: {
    rect: [0, 512, 480, 480],
    draw: (ctx, w, h) => {
      ctx.fillStyle = '#f1ebdf';
      ctx.fillRect(0, 0, w, h);
      const cells: [number, number, number, number, string][] = [
        [0, 0, 0.62, 0.55, '#f1ebdf'],
        [0.62, 0, 0.38, 0.3, '#9fb7c9'],
        [0.62, 0.3, 0.38, 0.25, '#f1ebdf'],
        [0, 0.55, 0.3, 0.45, '#c9a27e'],
        [0.3, 0.55, 0.45, 0.45, '#f1ebdf'],
        [0.75, 0.55, 0.25, 0.2, '#a9bfa1'],
        [0.75, 0.75, 0.25, 0.25, '#e6cf96'],
      ];
      for (const [x, y, cw, ch, c] of cells) {
        ctx.fillStyle = c;
        ctx.fillRect(x * w, y * h, cw * w, ch * h);
      }
      ctx.strokeStyle = '#6c6a66';
      ctx.lineWidth = 7;
      for (const [x, y, cw, ch] of cells) ctx.strokeRect(x * w, y * h, cw * w, ch * h);
      canvasGrain(ctx, w, h, 5);
    },
  },
  // Leaf cut-outs on cream
  leaves: {
    rect: [480, 512, 480, 480],
    draw: (ctx, w, h) => {
      ctx.fillStyle = '#f2ead9';
      ctx.fillRect(0, 0, w, h);
      const rnd = seededRandom(9);
      const cols = ['#7fa37c', '#9dbb8e', '#5f8a6a', '#c7b37a', '#86a9b6'];
      for (let i = 0; i < 9; i++) {
        ctx.save();
        ctx.translate(w * (0.15 + rnd() * 0.7), h * (0.15 + rnd() * 0.7));
        ctx.rotate(rnd() * Math.PI * 2);
        ctx.fillStyle = cols[i % cols.length]!;
        ctx.beginPath();
        const L = w * (0.12 + rnd() * 0.1);
        ctx.moveTo(0, -L);
        ctx.quadraticCurveTo(L * 0.55, 0, 0, L);
        ctx.quadraticCurveTo(-L * 0.55, 0, 0, -L);
        ctx.fill();
        ctx.restore();
      }
      canvasGrain(ctx, w, h, 6);
    },
  },
  // Horizon: wide, very calm bands (for the back wall)
  horizon: {
    rect: [960, 512, 640, 360],
    draw: (ctx, w, h) => {
      const g = ctx.createLinearGradient(0, 0, 0, h);
      g.addColorStop(0, '#e8d8c3');
      g.addColorStop(0.45, '#f1e4cf');
      g.addColorStop(0.55, '#b9cdd3');
      g.addColorStop(1, '#8fb0bb');
      ctx.fillStyle = g;
      ctx.fillRect(0, 0, w, h);
      softRect(ctx, 0, h * 0.5, w, h * 0.02, '#f7f1e6', 3);
      canvasGrain(ctx, w, h, 7);
    },
  },
};

function drawAtlas(ctx: CanvasRenderingContext2D) {
  ctx.fillStyle = '#eeeeee';
  ctx.fillRect(0, 0, ATLAS_W, ATLAS_H);
  for (const work of Object.values(WORKS)) {
    const [x, y, w, h] = work.rect;
    ctx.save();
    ctx.beginPath();
    ctx.rect(x, y, w, h);
    ctx.clip();
    ctx.translate(x, y);
    work.draw(ctx, w, h);
    ctx.restore();
  }
}

function uvOf(rect: Rect): [number, number, number, number] {
  const [x, y, w, h] = rect;
  return [x / ATLAS_W, 1 - (y + h) / ATLAS_H, (x + w) / ATLAS_W, 1 - y / ATLAS_H];
}

/** Garden seen through the window on a soft day. */
function drawGarden(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const rnd = seededRandom(31);
  const sky = ctx.createLinearGradient(0, 0, 0, h * 0.6);
  sky.addColorStop(0, '#a9cbe6');
  sky.addColorStop(1, '#e3eef3');
  ctx.fillStyle = sky;
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = 'rgba(255,255,255,0.7)';
  for (let i = 0; i < 6; i++) {
    const cx = rnd() * w;
    const cy = h * (0.08 + rnd() * 0.2);
    for (let k = 0; k < 5; k++) {
      ctx.beginPath();
      ctx.ellipse(cx + k * 22 - 44, cy + (rnd() - 0.5) * 10, 40, 16, 0, 0, Math.PI * 2);
      ctx.fill();
    }
  }
  ctx.fillStyle = '#9fbf9a';
  ctx.beginPath();
  ctx.moveTo(0, h * 0.62);
  for (let x = 0; x <= w; x += 16) ctx.lineTo(x, h * 0.58 + Math.sin(x / w * 5) * h * 0.03);
  ctx.lineTo(w, h);
  ctx.lineTo(0, h);
  ctx.fill();
  for (let i = 0; i < 14; i++) {
    const tx = rnd() * w;
    const ty = h * (0.55 + rnd() * 0.1);
    const r = 30 + rnd() * 50;
    ctx.fillStyle = ['#5f8f5a', '#6f9e63', '#4f7d4c'][i % 3]!;
    ctx.beginPath();
    ctx.ellipse(tx, ty - r * 0.6, r * 0.8, r, 0, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = '#6b5440';
    ctx.fillRect(tx - 4, ty, 8, r * 0.5);
  }
  const grass = ctx.createLinearGradient(0, h * 0.65, 0, h);
  grass.addColorStop(0, '#8fbf7a');
  grass.addColorStop(1, '#6fa35e');
  ctx.fillStyle = grass;
  ctx.fillRect(0, h * 0.68, w, h * 0.32);
}

const atlasTex = canvasTexture(ATLAS_W, ATLAS_H, drawAtlas);
const gardenTex = canvasTexture(1024, 512, drawGarden);
const paintingMat = new MeshStandardMaterial({
  map: atlasTex,
  roughness: 0.8,
  emissive: '#ffffff',
  emissiveMap: atlasTex,
  emissiveIntensity: 0.1,
});
const gardenMat = new MeshBasicMaterial({ map: gardenTex });

// ---------------------------------------------------------------------------------------------------------------
// Room
// ---------------------------------------------------------------------------------------------------------------

interface Buckets {
  floor: Part[];
  plaster: Part[];
  matte: Part[];
  satin: Part[];
  wood: Part[];
  metal: Part[];
  glow: Part[];
  leaf: Part[];
  art: Part[];
  window: Part[];
  shadow: Part[];
}

const OAK = '#c9a173';
const WALNUT = '#5b3b26';
const BLACK = '#2b2b2e';

function box(list: Part[], x0: number, y0: number, z0: number, x1: number, y1: number, z1: number, color: string) {
  list.push({
    geometry: BOX,
    position: [(x0 + x1) / 2, (y0 + y1) / 2, (z0 + z1) / 2],
    scale: [Math.abs(x1 - x0), Math.abs(y1 - y0), Math.abs(z1 - z0)],
    color,
  });
}

/**
 * A framed painting on a wall. `at` is the centre on the wall surface, `normal` the wall's inward axis
 * ('+x', '-x', '+z', '-z'); `w`×`h` is the visible canvas. Frame, white mount, picture and a small label.
 */
function painting(b: Buckets, work: Work, at: Vec3, normal: '+x' | '-x' | '+z' | '-z', w: number, h: number, frame: string) {
  const rotY = normal === '+x' ? Math.PI / 2 : normal === '-x' ? -Math.PI / 2 : normal === '-z' ? Math.PI : 0;
  const n = new Vector3(normal === '+x' ? 1 : normal === '-x' ? -1 : 0, 0, normal === '+z' ? 1 : normal === '-z' ? -1 : 0);
  const q = new Quaternion().setFromEuler(new Euler(0, rotY, 0));
  const off = (d: number, dx = 0, dy = 0): Vec3 => {
    const v = new Vector3(dx, dy, 0).applyQuaternion(q).addScaledVector(n, d);
    return [at[0] + v.x, at[1] + v.y, at[2] + v.z];
  };
  const mount = 0.08;
  const fw = 0.045;
  const W = w + 2 * mount + 2 * fw;
  const H = h + 2 * mount + 2 * fw;
  // frame as four bars, mount behind the picture
  b.wood.push({ geometry: BOX, position: off(0.03, 0, (H - fw) / 2), quaternion: q, scale: [W, fw, 0.05], color: frame });
  b.wood.push({ geometry: BOX, position: off(0.03, 0, -(H - fw) / 2), quaternion: q, scale: [W, fw, 0.05], color: frame });
  b.wood.push({ geometry: BOX, position: off(0.03, (W - fw) / 2, 0), quaternion: q, scale: [fw, H - 2 * fw, 0.05], color: frame });
  b.wood.push({ geometry: BOX, position: off(0.03, -(W - fw) / 2, 0), quaternion: q, scale: [fw, H - 2 * fw, 0.05], color: frame });
  b.matte.push({ geometry: BOX, position: off(0.012, 0, 0), quaternion: q, scale: [W - 2 * fw, H - 2 * fw, 0.024], color: '#f6f4ef' });
  b.art.push({ geometry: PLANE, position: off(0.026, 0, 0), quaternion: q, scale: [w, h, 1], uvRect: uvOf(work.rect) });
  // wall label
  b.matte.push({ geometry: BOX, position: off(0.004, W / 2 + 0.2, -H / 2 + 0.1), quaternion: q, scale: [0.12, 0.08, 0.008], color: '#fbfaf7' });
  b.matte.push({ geometry: BOX, position: off(0.009, W / 2 + 0.2, -H / 2 + 0.115), quaternion: q, scale: [0.08, 0.008, 0.002], color: '#8d8a84' });
  b.matte.push({ geometry: BOX, position: off(0.009, W / 2 + 0.19, -H / 2 + 0.095), quaternion: q, scale: [0.06, 0.006, 0.002], color: '#b5b2ac' });
}

function plant(b: Buckets, x: number, z: number, size: number, seed: number, pot: string) {
  const rnd = seededRandom(seed);
  const ph = 0.42 * size;
  b.satin.push({ geometry: new CylinderGeometry(0.2 * size, 0.15 * size, ph, 18), position: [x, ph / 2, z], color: pot });
  b.matte.push({ geometry: CYL, position: [x, ph - 0.015, z], scale: [0.185 * size, 0.02, 0.185 * size], color: '#4a3626' });
  // trunk
  b.wood.push({ geometry: CYL, position: [x, ph + 0.45 * size, z], scale: [0.018 * size, 0.9 * size, 0.018 * size], color: '#6b5038' });
  const n = Math.round(26 * size);
  for (let i = 0; i < n; i++) {
    const a = rnd() * Math.PI * 2;
    const tilt = 0.5 + rnd() * 0.8;
    const len = (0.16 + rnd() * 0.1) * size;
    const hgt = ph + (0.35 + rnd() * 0.85) * size;
    const rr = (0.04 + rnd() * 0.12) * size;
    const q = new Quaternion().setFromEuler(new Euler(-(Math.PI / 2 - tilt), Math.PI / 2 - a, 0, 'YXZ'));
    const dir = new Vector3(0, 0, 1).applyQuaternion(q);
    b.leaf.push({
      geometry: SPHERE_LO,
      position: [x + Math.cos(a) * rr + dir.x * len * 0.5, hgt + dir.y * len * 0.5, z + Math.sin(a) * rr + dir.z * len * 0.5],
      quaternion: q,
      scale: [0.07 * size, 0.008, len * 0.5],
      color: ['#3f7a45', '#4f8c4c', '#356b3c', '#5c9a55'][Math.floor(rnd() * 4)]!,
    });
  }
  b.shadow.push({ geometry: FLOOR_PLANE, position: [x, 0.003, z], scale: [0.9 * size, 1, 0.9 * size] });
}

function buildGallery(): Buckets {
  const b: Buckets = { floor: [], plaster: [], matte: [], satin: [], wood: [], metal: [], glow: [], leaf: [], art: [], window: [], shadow: [] };
  const { x0, x1, z0, z1, h } = ROOM;
  const W = x1 - x0;
  const D = z1 - z0;
  const cx = (x0 + x1) / 2;
  const cz = (z0 + z1) / 2;

  b.floor.push({ geometry: FLOOR_PLANE, position: [cx, 0, cz], scale: [W, 1, D] });
  b.plaster.push({ geometry: PLANE, position: [cx, h / 2, z0], scale: [W, h, 1] });
  b.plaster.push({ geometry: PLANE, position: [cx, h / 2, z1], rotation: [0, Math.PI, 0], scale: [W, h, 1] });
  b.plaster.push({ geometry: PLANE, position: [x0, h / 2, cz], rotation: [0, Math.PI / 2, 0], scale: [D, h, 1] });
  // right wall with a wide window opening (z -2.6..0.4, y 0.7..2.8)
  const wz0 = -2.6;
  const wz1 = 0.4;
  const wy0 = 0.7;
  const wy1 = 2.8;
  const rw = (za: number, zb: number, ya: number, yb: number) =>
    b.plaster.push({ geometry: PLANE, position: [x1, (ya + yb) / 2, (za + zb) / 2], rotation: [0, -Math.PI / 2, 0], scale: [zb - za, yb - ya, 1] });
  rw(z0, wz0, 0, h);
  rw(wz1, z1, 0, h);
  rw(wz0, wz1, 0, wy0);
  rw(wz0, wz1, wy1, h);
  b.window.push({ geometry: PLANE, position: [x1 + 0.12, (wy0 + wy1) / 2, (wz0 + wz1) / 2], rotation: [0, -Math.PI / 2, 0], scale: [wz1 - wz0, wy1 - wy0, 1] });
  // reveal (wall thickness) and slim frame
  box(b.matte, x1, wy0 - 0.02, wz0, x1 + 0.14, wy0, wz1, '#e9e6e0');
  box(b.matte, x1, wy1, wz0, x1 + 0.14, wy1 + 0.02, wz1, '#e9e6e0');
  box(b.matte, x1, wy0, wz0 - 0.02, x1 + 0.14, wy1, wz0, '#e9e6e0');
  box(b.matte, x1, wy0, wz1, x1 + 0.14, wy1, wz1 + 0.02, '#e9e6e0');
  box(b.metal, x1 + 0.09, wy0, (wz0 + wz1) / 2 - 0.02, x1 + 0.11, wy1, (wz0 + wz1) / 2 + 0.02, '#3a3c40');
  box(b.metal, x1 + 0.09, 1.9, wz0, x1 + 0.11, 1.93, wz1, '#3a3c40');
  box(b.wood, x1 - 0.06, wy0 - 0.04, wz0 - 0.05, x1 + 0.02, wy0, wz1 + 0.05, OAK);

  // Ceiling with two skylights and track rails
  const sky: [number, number][] = [
    [-1.6, -1.2],
    [1.6, -1.2],
  ];
  const sw = 1.3;
  const sd = 5.2;
  b.matte.push({ geometry: PLANE, position: [cx, h, cz], rotation: [Math.PI / 2, 0, 0], scale: [W, D, 1], color: '#f5f4f1' });
  for (const [sx, sz] of sky) {
    b.glow.push({ geometry: PLANE, position: [sx, h - 0.16, sz], rotation: [Math.PI / 2, 0, 0], scale: [sw, sd, 1], color: '#eef3f7' });
    box(b.matte, sx - sw / 2 - 0.02, h - 0.16, sz - sd / 2, sx - sw / 2, h, sz + sd / 2, '#ecebe7');
    box(b.matte, sx + sw / 2, h - 0.16, sz - sd / 2, sx + sw / 2 + 0.02, h, sz + sd / 2, '#ecebe7');
    box(b.matte, sx - sw / 2, h - 0.16, sz - sd / 2 - 0.02, sx + sw / 2, h, sz - sd / 2, '#ecebe7');
    box(b.matte, sx - sw / 2, h - 0.16, sz + sd / 2, sx + sw / 2, h, sz + sd / 2 + 0.02, '#ecebe7');
  }
  // Track lights aimed at the far and left walls
  box(b.metal, -3.6, h - 0.04, -4.2, 3.6, h - 0.01, -4.15, BLACK);
  box(b.metal, -3.75, h - 0.04, -3.6, -3.7, h - 0.01, 2.6, BLACK);
  const spot = (x: number, z: number, aimX: number, aimZ: number) => {
    const from = new Vector3(x, h - 0.12, z);
    const dir = new Vector3(aimX - x, -1.6, aimZ - z).normalize();
    const q = new Quaternion().setFromUnitVectors(new Vector3(0, -1, 0), dir);
    b.metal.push({ geometry: CYL, position: [from.x, from.y, from.z], quaternion: q, scale: [0.045, 0.16, 0.045], color: BLACK });
    b.metal.push({ geometry: BOX, position: [x, h - 0.06, z], scale: [0.02, 0.06, 0.02], color: BLACK });
  };
  for (const x of [-3, -1.5, 0, 1.5, 3]) spot(x, -4.17, x, z0);
  for (const z of [-2.8, -1, 1, 2.2]) spot(-3.72, z, x0, z);

  // Skirting
  box(b.matte, x0, 0, z0, x1, 0.08, z0 + 0.015, '#e2ded6');
  box(b.matte, x0, 0, z1 - 0.015, x1, 0.08, z1, '#e2ded6');
  box(b.matte, x0, 0, z0, x0 + 0.015, 0.08, z1, '#e2ded6');
  box(b.matte, x1 - 0.015, 0, z0, x1, 0.08, wz0, '#e2ded6');
  box(b.matte, x1 - 0.015, 0, wz1, x1, 0.08, z1, '#e2ded6');

  // Paintings
  const P = WORKS;
  painting(b, P.field!, [0, 1.65, z0], '+z', 2.0, 1.3, '#f2efe8');
  painting(b, P.circles!, [-2.75, 1.6, z0], '+z', 0.9, 1.15, WALNUT);
  painting(b, P.waves!, [2.75, 1.6, z0], '+z', 0.9, 1.15, WALNUT);
  painting(b, P.hills!, [x0, 1.6, -2.6], '+x', 1.4, 1.0, OAK);
  painting(b, P.grid!, [x0, 1.55, -0.2], '+x', 0.8, 0.8, BLACK);
  painting(b, P.leaves!, [x0, 1.6, 1.9], '+x', 1.0, 1.0, OAK);
  painting(b, P.horizon!, [1.2, 1.6, z1], '-z', 1.6, 0.9, '#f2efe8');
  // Door on the back wall
  box(b.wood, -2.6, 0, z1 - 0.04, -1.6, 2.2, z1, OAK);
  box(b.matte, -2.68, 0, z1 - 0.05, -2.6, 2.28, z1, '#e8e5de');
  box(b.matte, -1.6, 0, z1 - 0.05, -1.52, 2.28, z1, '#e8e5de');
  box(b.matte, -2.68, 2.2, z1 - 0.05, -1.52, 2.28, z1, '#e8e5de');
  box(b.metal, -1.78, 1.0, z1 - 0.09, -1.7, 1.03, z1 - 0.04, '#9a9a9a');

  // Bench (oak slats on black steel) in the middle of the room
  const bz = -2.4;
  for (let i = 0; i < 5; i++) box(b.wood, -0.9, 0.43, bz - 0.22 + i * 0.09, 0.9, 0.47, bz - 0.15 + i * 0.09, OAK);
  for (const lx of [-0.75, 0.75]) {
    box(b.metal, lx - 0.02, 0, bz - 0.21, lx + 0.02, 0.43, bz - 0.17, BLACK);
    box(b.metal, lx - 0.02, 0, bz + 0.17, lx + 0.02, 0.43, bz + 0.21, BLACK);
    box(b.metal, lx - 0.02, 0.39, bz - 0.21, lx + 0.02, 0.43, bz + 0.21, BLACK);
  }
  b.shadow.push({ geometry: FLOOR_PLANE, position: [0, 0.003, bz], scale: [2.2, 1, 0.8] });

  // Sculpture on a plinth
  const sx = -2.4;
  const sz = -3.0;
  box(b.matte, sx - 0.25, 0, sz - 0.25, sx + 0.25, 0.95, sz + 0.25, '#f7f6f2');
  b.satin.push({ geometry: TORUS, position: [sx, 1.2, sz], rotation: [0, 0.6, 0], scale: 0.17, color: '#c98e72' });
  b.satin.push({ geometry: SPHERE, position: [sx, 1.06, sz], scale: [0.11, 0.11, 0.11], color: '#7d9fb8' });
  b.shadow.push({ geometry: FLOOR_PLANE, position: [sx, 0.003, sz], scale: [0.9, 1, 0.9] });

  // Plants
  plant(b, x0 + 0.55, z0 + 0.55, 1.5, 1, '#e9e4da');
  plant(b, x1 - 0.55, z0 + 0.55, 1.3, 2, '#6f7f86');
  plant(b, x1 - 0.5, 1.2, 1.2, 3, '#e9e4da');
  plant(b, x0 + 0.5, z1 - 0.6, 1.3, 4, '#6f7f86');
  return b;
}

function MergedMesh({ parts, material, worldUV, renderOrder }: { parts: Part[]; material: Material; worldUV?: number; renderOrder?: number }) {
  const geo = useMemo(() => mergeParts(parts, worldUV ? { worldUV } : {}), [parts, worldUV]);
  useEffect(() => () => geo.dispose(), [geo]);
  if (parts.length === 0) return null;
  return <mesh geometry={geo} material={material} renderOrder={renderOrder ?? 0} />;
}

/** Calm, bright art gallery (level 0 only). */
export function GalleryScene() {
  const b = useMemo(buildGallery, []);
  return (
    <>
      <SceneEnvironment intensity={0.5} background="#dfe7ec" />
      <hemisphereLight args={['#fbfbff', '#cdbba2', 0.85]} />
      <directionalLight position={[6, 5, -1]} intensity={1.4} color="#fff6e8" />
      <pointLight position={[0, 3.1, -3.2]} intensity={2.5} distance={7} decay={1.2} color="#fff8ef" />
      <group name="cue:room" userData={{ cueId: 'room', minLevel: 0 }}>
        <MergedMesh parts={b.floor} material={floorLight} worldUV={0.625} />
        <MergedMesh parts={b.plaster} material={plasterWhite} />
        <MergedMesh parts={b.matte} material={matteVC} />
        <MergedMesh parts={b.satin} material={satinVC} />
        <MergedMesh parts={b.wood} material={woodVC} worldUV={1.1} />
        <MergedMesh parts={b.metal} material={metalVC} />
        <MergedMesh parts={b.glow} material={glowVC} />
        <MergedMesh parts={b.leaf} material={leafVC} />
        <MergedMesh parts={b.window} material={gardenMat} />
        <MergedMesh parts={b.shadow} material={contactShadow} renderOrder={1} />
      </group>
      <group name="cue:paintings" userData={{ cueId: 'paintings', minLevel: 0 }}>
        <MergedMesh parts={b.art} material={paintingMat} />
      </group>
      {/* a hushed room, a garden faintly through the window, now and then someone walking in the next room */}
      <SpatialSound id="room-tone" sound="room-tone" position={[0, 2.4, -1.5]} volume={0.14} refDistance={5} />
      <SpatialSound id="garden-birds" sound="birds" position={[4.7, 1.8, -1.1]} volume={0.05} refDistance={2} />
      <SpatialSound id="footsteps" sound="footsteps" position={[4.2, 0.3, -4.9]} volume={0.12} refDistance={2} on={[{ every: 50, offset: 25 }]} />
    </>
  );
}
