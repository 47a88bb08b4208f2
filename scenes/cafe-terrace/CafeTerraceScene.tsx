import { Stressor } from '../stressors/StressorOnTable';
import { useFrame } from '@react-three/fiber';
import { useContext, useMemo, useRef, type ReactNode, type RefObject } from 'react';
import {
  BackSide,
  BoxGeometry,
  CylinderGeometry,
  DoubleSide,
  Euler,
  IcosahedronGeometry,
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
  type Group,
} from 'three';
import { SpatialSound, risingEdge, type SoundHandle } from '../kit/audio/SpatialSound';
import { Avatar, avatarHold, type ArmPose, type AvatarProps } from '../kit/Avatar';
import type { SceneProps } from '../components';
import { SceneEnvironment } from '../kit/Environment';
import { type TimeOfDay, timeOfDayOf } from '../timeOfDay';
import {
  canvasTexture,
  contactShadow,
  glowHalo,
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
import { SceneClockContext, useSceneEvent, useSegment } from '../kit/sceneClock';
import { AnchoredCue, MergedMesh, PoseSwitch, clamp01, lerp3, liftPath, mouthY, toLocal, toWorld, useStable } from '../home-evening/rig';
import { cafeTerraceManifest } from './manifest';
import { Smoke, type Emitter } from './smoke';

/*
 * A Paris café terrace in the sun, after lunch. Layout (metres; the patient sits at the origin facing -z, eyes
 * at y = 1.2, toward the street):
 *   - their small marble bistro table, centre z = -0.55 (near edge 0.25 m ahead, 0.53 m from the eyes), an
 *     empty plate and an espresso; the café's front and awning behind them;
 *   - more tables left and right; the kerb at z = -3.5 with bollards and plane trees;
 *   - the street, parked cars, and a row of stone buildings across it (z = -14.5) with shops on the ground
 *     floor: the bookshop there becomes a tobacconist ("TABAC" carrot sign) at level 1.
 * Level 0 holds nothing to do with tobacco.
 */

const TABLE = { x: 0, z: -0.55, r: 0.3, h: 0.73 };
const TOP = TABLE.h + 0.001;
const KERB = -3.5;
const ROAD = { z0: KERB - 0.12, z1: -11.4, y: -0.12 };
const FACADE_Z = -14.5;
const CAFE_Z = 2.6;
const TABAC_X = -2.4;

// ---------------------------------------------------------------------------------------------------------------
// Templates
// ---------------------------------------------------------------------------------------------------------------

const BOX = new BoxGeometry(1, 1, 1);
const CYL = new CylinderGeometry(1, 1, 1, 16, 1);
const CYL_LO = new CylinderGeometry(1, 1, 1, 8, 1);
const SPHERE_LO = new SphereGeometry(1, 8, 6);
const ICO = new IcosahedronGeometry(1, 1);
const PLANE = new PlaneGeometry(1, 1);
const FLOOR_PLANE = new PlaneGeometry(1, 1).rotateX(-Math.PI / 2);
const DISC = new CylinderGeometry(1, 1, 1, 28, 1);
const CHAIR_BACK = new CylinderGeometry(1, 1, 1, 16, 1, true, Math.PI - 1.2, 2.4);
const CHAIR_RAIL = new TorusGeometry(1, 0.06, 6, 16, 2.4).rotateX(Math.PI / 2).rotateY(Math.PI / 2 + 1.2);
const RING = new TorusGeometry(1, 0.04, 6, 28).rotateX(Math.PI / 2);
const v2 = (pts: [number, number][]) => pts.map(([x, y]) => new Vector2(x, y));
const ASHTRAY = new LatheGeometry(
  v2([
    [0, 0],
    [0.05, 0],
    [0.055, 0.006],
    [0.056, 0.024],
    [0.05, 0.026],
    [0.042, 0.012],
    [0, 0.012],
  ]),
  20,
);

// ---------------------------------------------------------------------------------------------------------------
// Pictures
// ---------------------------------------------------------------------------------------------------------------

function drawSky(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const g = ctx.createLinearGradient(0, 0, 0, h);
  g.addColorStop(0, '#3f7fc9');
  g.addColorStop(0.42, '#8fbbe6');
  g.addColorStop(0.5, '#d9e8f2');
  g.addColorStop(1, '#d9e8f2');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, w, h);
  clouds(ctx, w, h, 'rgba(255,255,255,0.55)');
}

/** Dusk after dinner: deep blue overhead to a warm glow at the horizon, a few lit clouds. */
function drawEveningSky(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const g = ctx.createLinearGradient(0, 0, 0, h);
  g.addColorStop(0, '#16203f');
  g.addColorStop(0.3, '#3a3f6e');
  g.addColorStop(0.44, '#c0708a');
  g.addColorStop(0.5, '#f0a868');
  g.addColorStop(1, '#f0a868');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, w, h);
  clouds(ctx, w, h, 'rgba(240,160,150,0.35)');
}

function clouds(ctx: CanvasRenderingContext2D, w: number, h: number, colour: string) {
  const rnd = seededRandom(3);
  ctx.fillStyle = colour;
  for (let i = 0; i < 7; i++) {
    const cx = rnd() * w;
    const cy = h * (0.25 + rnd() * 0.15);
    for (let k = 0; k < 6; k++) {
      ctx.beginPath();
      ctx.ellipse(cx + (k - 3) * 14, cy + (rnd() - 0.5) * 8, 22, 8, 0, 0, Math.PI * 2);
      ctx.fill();
    }
  }
}

function drawPaving(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const rnd = seededRandom(8);
  ctx.fillStyle = '#8f8a82';
  ctx.fillRect(0, 0, w, h);
  const n = 4;
  const s = w / n;
  for (let r = 0; r < n * 2; r++) {
    for (let c = 0; c < n; c++) {
      const v = 168 + Math.floor(rnd() * 22);
      ctx.fillStyle = `rgb(${v},${v - 4},${v - 10})`;
      const off = r % 2 ? s / 2 : 0;
      ctx.fillRect(c * s + off + 2, (r * s) / 2 + 2, s - 4, s / 2 - 4);
      ctx.fillRect(c * s + off + 2 - w, (r * s) / 2 + 2, s - 4, s / 2 - 4);
    }
  }
  for (let i = 0; i < 5000; i++) {
    ctx.fillStyle = rnd() < 0.5 ? 'rgba(0,0,0,0.05)' : 'rgba(255,255,255,0.06)';
    ctx.fillRect(rnd() * w, rnd() * h, 2, 2);
  }
}

function drawAsphalt(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const rnd = seededRandom(9);
  ctx.fillStyle = '#55565a';
  ctx.fillRect(0, 0, w, h);
  for (let i = 0; i < 16000; i++) {
    const v = 60 + Math.floor(rnd() * 60);
    ctx.fillStyle = `rgba(${v},${v},${v + 4},0.5)`;
    ctx.fillRect(rnd() * w, rnd() * h, 2, 2);
  }
}

type Rect = [number, number, number, number];
const FACADE_W = 512;
/** Façade atlas: four building fronts side by side, 512 × 1024 each (12 m × 24 m). */
function drawFacades(ctx: CanvasRenderingContext2D, _w: number, H: number) {
  const rnd = seededRandom(12);
  const stones = ['#e6dcc8', '#ddd0b8', '#e9e0cf', '#d9ccb2'];
  const shops: [string, string, string][] = [
    ['BOULANGERIE', '#7a2e2a', '#f3e3b8'],
    ['LIBRAIRIE', '#24405e', '#f1e8d4'],
    ['PHARMACIE', '#1f6b45', '#ffffff'],
    ['FLEURISTE', '#4e6b3a', '#f6efe0'],
  ];
  for (let b = 0; b < 4; b++) {
    const x0 = b * FACADE_W;
    const px = FACADE_W / 12; // px per metre
    ctx.fillStyle = stones[b]!;
    ctx.fillRect(x0, 0, FACADE_W, H);
    // stone courses
    ctx.strokeStyle = 'rgba(120,100,70,0.18)';
    ctx.lineWidth = 1;
    for (let y = 0; y < H; y += px * 0.45) {
      ctx.beginPath();
      ctx.moveTo(x0, y);
      ctx.lineTo(x0 + FACADE_W, y);
      ctx.stroke();
    }
    const floorH = 3 * px;
    const ground = H - 4.2 * px;
    // windows on 5 upper floors, 4 bays
    for (let f = 0; f < 5; f++) {
      const top = ground - (f + 1) * floorH + px * 0.55;
      const wh = floorH * (f === 4 ? 0.6 : 0.7);
      for (let k = 0; k < 4; k++) {
        const wx = x0 + px * (1.2 + k * 2.75);
        const ww = px * 1.25;
        ctx.fillStyle = 'rgba(70,60,45,0.35)';
        ctx.fillRect(wx - 4, top - 4, ww + 8, wh + 8);
        const wg = ctx.createLinearGradient(0, top, 0, top + wh);
        wg.addColorStop(0, '#3b4656');
        wg.addColorStop(1, '#6f7f92');
        ctx.fillStyle = wg;
        ctx.fillRect(wx, top, ww, wh);
        // shutters / curtains
        ctx.fillStyle = rnd() < 0.4 ? 'rgba(240,235,225,0.8)' : 'rgba(0,0,0,0)';
        ctx.fillRect(wx + 2, top + 2, ww * 0.3, wh - 4);
        ctx.strokeStyle = '#f4efe6';
        ctx.lineWidth = 3;
        ctx.strokeRect(wx, top, ww, wh);
        ctx.beginPath();
        ctx.moveTo(wx + ww / 2, top);
        ctx.lineTo(wx + ww / 2, top + wh);
        ctx.stroke();
        // wrought-iron railing on every window (continuous balcony on 2nd and 5th floors below)
        if (f !== 1 && f !== 4) {
          ctx.fillStyle = '#1f1f22';
          ctx.fillRect(wx - 2, top + wh * 0.62, ww + 4, 3);
          for (let r = 0; r < 8; r++) ctx.fillRect(wx + (r * ww) / 8, top + wh * 0.62, 2, wh * 0.38);
        }
      }
      if (f === 1 || f === 4) {
        const by = top + wh * 0.6;
        ctx.fillStyle = 'rgba(90,75,55,0.35)';
        ctx.fillRect(x0, by + wh * 0.4, FACADE_W, 8);
        ctx.fillStyle = '#1f1f22';
        ctx.fillRect(x0 + 6, by, FACADE_W - 12, 3);
        for (let r = 0; r < 64; r++) {
          ctx.fillRect(x0 + 6 + r * ((FACADE_W - 12) / 64), by, 2, wh * 0.4);
          if (r % 4 === 0) {
            ctx.beginPath();
            ctx.arc(x0 + 6 + r * ((FACADE_W - 12) / 64) + 8, by + wh * 0.2, 5, 0, Math.PI * 2);
            ctx.strokeStyle = '#1f1f22';
            ctx.lineWidth = 2;
            ctx.stroke();
          }
        }
      }
      // cornice between floors
      ctx.fillStyle = 'rgba(255,255,255,0.35)';
      ctx.fillRect(x0, ground - (f + 1) * floorH + floorH - 6, FACADE_W, 4);
    }
    // ground floor: shop
    const [name, col, ink] = shops[b]!;
    ctx.fillStyle = '#cfc2a8';
    ctx.fillRect(x0, ground, FACADE_W, H - ground);
    ctx.fillStyle = col;
    ctx.fillRect(x0 + px * 0.8, ground + px * 0.3, FACADE_W - px * 1.6, px * 0.9);
    ctx.fillStyle = ink;
    ctx.font = `bold ${Math.round(px * 0.62)}px serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText(name, x0 + FACADE_W / 2, ground + px * 0.75);
    ctx.fillStyle = col;
    ctx.fillRect(x0 + px * 0.8, ground + px * 1.2, FACADE_W - px * 1.6, H - ground - px * 1.2);
    const sg = ctx.createLinearGradient(0, ground + px * 1.3, 0, H);
    sg.addColorStop(0, '#2b3440');
    sg.addColorStop(1, '#56606c');
    ctx.fillStyle = sg;
    ctx.fillRect(x0 + px * 1.0, ground + px * 1.35, px * 6.2, H - ground - px * 1.6);
    ctx.fillRect(x0 + px * 7.6, ground + px * 1.35, px * 1.6, H - ground - px * 1.35);
    ctx.fillRect(x0 + px * 9.5, ground + px * 1.35, px * 1.5, H - ground - px * 1.6);
    // shop window contents
    for (let i = 0; i < 16; i++) {
      ctx.fillStyle = ['#e8c37a', '#c9704a', '#e9e2d0', '#7fa37c', '#d98d9e'][i % 5]!;
      ctx.fillRect(x0 + px * (1.2 + (i % 8) * 0.72), ground + px * (2.4 + Math.floor(i / 8) * 0.7), px * 0.5, px * 0.35);
    }
    if (name === 'PHARMACIE') {
      ctx.fillStyle = '#2ecc71';
      ctx.fillRect(x0 + FACADE_W - px * 1.3, ground - px * 1.2, px * 0.3, px * 0.9);
      ctx.fillRect(x0 + FACADE_W - px * 1.6, ground - px * 0.9, px * 0.9, px * 0.3);
    }
  }
}

function drawCafe(ctx: CanvasRenderingContext2D, w: number, h: number) {
  // top half: awning stripes (w × h/2); bottom-left: valance text; bottom-right: chalkboard menu
  const stripes = 24;
  for (let i = 0; i < stripes; i++) {
    ctx.fillStyle = i % 2 ? '#f1e7d3' : '#a3262b';
    ctx.fillRect((i * w) / stripes, 0, w / stripes + 1, h / 2);
  }
  // valance: scallops (transparent below) with the café's name
  ctx.clearRect(0, h / 2, w / 2, h / 4);
  ctx.fillStyle = '#a3262b';
  ctx.fillRect(0, h / 2, w / 2, h / 8);
  for (let i = 0; i < 16; i++) {
    ctx.beginPath();
    ctx.arc(((i + 0.5) * w) / 32, h / 2 + h / 8, w / 64, 0, Math.PI);
    ctx.fill();
  }
  ctx.fillStyle = '#f6ecd6';
  ctx.font = `bold ${Math.round(h / 14)}px serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText('CAFÉ DES PLATANES', w / 4, h / 2 + h / 16);
  // chalkboard
  const cx = w / 2;
  const cy = h / 2;
  ctx.fillStyle = '#5b3a22';
  ctx.fillRect(cx, cy, w / 4, h / 2);
  ctx.fillStyle = '#23292a';
  ctx.fillRect(cx + 10, cy + 10, w / 4 - 20, h / 2 - 20);
  ctx.fillStyle = '#f3f0e6';
  ctx.textAlign = 'center';
  ctx.font = 'bold 30px sans-serif';
  ctx.fillText('Plat du jour', cx + w / 8, cy + 50);
  ctx.font = '22px sans-serif';
  const items = ['Salade niçoise', 'Croque-monsieur', 'Tarte aux pommes', 'Café  1,80 €', 'Thé  3,00 €', 'Citronnade  4,00 €'];
  items.forEach((t, i) => ctx.fillText(t, cx + w / 8, cy + 100 + i * 34));
  // shopfront (bottom-right quarter): dark green wood, glass, gold letters
  const sx = (w * 3) / 4;
  ctx.fillStyle = '#1f3b2e';
  ctx.fillRect(sx, cy, w / 4, h / 2);
  const gl = ctx.createLinearGradient(0, cy, 0, h);
  gl.addColorStop(0, '#4b5a64');
  gl.addColorStop(1, '#2a2f33');
  ctx.fillStyle = gl;
  ctx.fillRect(sx + 16, cy + 60, w / 4 - 32, h / 2 - 76);
  ctx.fillStyle = 'rgba(255,210,140,0.35)';
  for (let i = 0; i < 6; i++) ctx.fillRect(sx + 30 + i * 36, cy + 150 + (i % 2) * 20, 20, 40);
  ctx.fillStyle = '#d9b45a';
  ctx.font = 'bold 26px serif';
  ctx.fillText('CAFÉ · BRASSERIE', sx + w / 8, cy + 32);
}
const CAFE_UV = {
  awning: [0, 0.5, 1, 1] as Rect,
  valance: [0, 0.25, 0.5, 0.5] as Rect,
  menu: [0.5, 0, 0.75, 0.5] as Rect,
  shop: [0.75, 0, 1, 0.5] as Rect,
};

function drawWoven(ctx: CanvasRenderingContext2D, w: number) {
  const n = 16;
  const s = w / n;
  for (let r = 0; r < n; r++) {
    for (let c = 0; c < n; c++) {
      const diag = Math.floor((r + c) / 2) % 3 === 0;
      ctx.fillStyle = diag ? '#2e6b50' : (r + c) % 2 ? '#efe6cf' : '#e2d7bb';
      ctx.fillRect(c * s, r * s, s, s);
      ctx.fillStyle = 'rgba(0,0,0,0.12)';
      ctx.fillRect(c * s, r * s + s - 2, s, 2);
    }
  }
}

function drawBark(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const rnd = seededRandom(41);
  ctx.fillStyle = '#b9b08f';
  ctx.fillRect(0, 0, w, h);
  const cols = ['#8d8a6a', '#d6cfae', '#a7a27c', '#e3dcc0', '#7d7a5c', '#c5c39c'];
  for (let i = 0; i < 160; i++) {
    ctx.fillStyle = cols[Math.floor(rnd() * cols.length)]!;
    ctx.beginPath();
    const x = rnd() * w;
    const y = rnd() * h;
    ctx.ellipse(x, y, 6 + rnd() * 20, 8 + rnd() * 26, rnd() * 3, 0, Math.PI * 2);
    ctx.fill();
  }
}

/** Tobacconist: fascia "TABAC · PRESSE · LOTO" (top half) and the red carrot's lettering (bottom half). */
function drawTabac(ctx: CanvasRenderingContext2D, w: number, h: number) {
  ctx.fillStyle = '#b3121f';
  ctx.fillRect(0, 0, w, h / 2);
  ctx.fillStyle = '#ffffff';
  let px = Math.round(h / 7);
  ctx.font = `bold ${px}px sans-serif`;
  while (ctx.measureText('TABAC · PRESSE').width > w * 0.86) {
    px -= 2;
    ctx.font = `bold ${px}px sans-serif`;
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText('TABAC · PRESSE', w / 2, h / 4);
  // carrot: red with vertical white letters, written twice (front and back of the lathe)
  ctx.fillStyle = '#c8141f';
  ctx.fillRect(0, h / 2, w, h / 2);
  ctx.fillStyle = '#ffffff';
  ctx.font = `bold ${Math.round(h / 18)}px sans-serif`;
  const letters = 'TABAC';
  for (const cx of [0, w / 2, w]) {
    letters.split('').forEach((l, i) => ctx.fillText(l, cx, h / 2 + h * 0.09 + i * (h / 15)));
  }
}

/** French plain pack: drab brown, a big "FUMER TUE" warning, the brand in small plain type. */
function drawPack(ctx: CanvasRenderingContext2D, w: number, h: number) {
  ctx.fillStyle = '#4d4130';
  ctx.fillRect(0, 0, w, h);
  // front (left half)
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(8, 10, w / 2 - 16, h * 0.52);
  ctx.fillStyle = '#111111';
  ctx.fillRect(12, 14, w / 2 - 24, h * 0.52 - 8);
  ctx.fillStyle = '#ffffff';
  ctx.font = 'bold 30px sans-serif';
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  ctx.fillText('FUMER', w / 4, h * 0.2);
  ctx.fillText('TUE', w / 4, h * 0.36);
  ctx.fillStyle = '#d8d2c4';
  ctx.font = '16px sans-serif';
  ctx.fillText('Blondes', w / 4, h * 0.7);
  ctx.font = '11px sans-serif';
  ctx.fillText('20 cigarettes', w / 4, h * 0.8);
  // right half: plain sides
  ctx.fillStyle = '#52452f';
  ctx.fillRect(w / 2, 0, w / 2, h);
}

const skyTex = canvasTexture(128, 512, drawSky);
const eveningSkyTex = canvasTexture(128, 512, drawEveningSky);
const pavingTex = canvasTexture(512, 512, drawPaving, true);
const asphaltTex = canvasTexture(512, 512, drawAsphalt, true);
const facadeTex = canvasTexture(FACADE_W * 4, 1024, drawFacades);
const cafeTex = canvasTexture(1024, 1024, drawCafe);
const wovenTex = canvasTexture(256, 256, drawWoven);
const barkTex = canvasTexture(256, 256, drawBark, true);
const tabacTex = canvasTexture(512, 512, drawTabac);
const packTex = canvasTexture(256, 256, drawPack);

const skyMat: Record<TimeOfDay, MeshBasicMaterial> = {
  day: new MeshBasicMaterial({ map: skyTex, side: BackSide, depthWrite: false, fog: false }),
  evening: new MeshBasicMaterial({ map: eveningSkyTex, side: BackSide, depthWrite: false, fog: false }),
};
const pavingMat = new MeshStandardMaterial({ map: pavingTex, roughness: 0.85 });
const asphaltMat = new MeshStandardMaterial({ map: asphaltTex, roughness: 0.9 });
const facadeMat = new MeshStandardMaterial({ map: facadeTex, roughness: 0.9 });
const cafeMat = new MeshStandardMaterial({ map: cafeTex, roughness: 0.8, side: DoubleSide, alphaTest: 0.5 });
const wovenMat = new MeshStandardMaterial({ map: wovenTex, roughness: 0.75, side: DoubleSide });
const barkMat = new MeshStandardMaterial({ map: barkTex, roughness: 0.9 });
const tabacMat = new MeshStandardMaterial({ map: tabacTex, roughness: 0.5, emissive: '#ffffff', emissiveMap: tabacTex, emissiveIntensity: 0.25 });
const packMat = new MeshStandardMaterial({ map: packTex, roughness: 0.55 });
const treeShade = contactShadow.clone();
treeShade.opacity = 0.32;
const emberMat = new MeshBasicMaterial({ color: '#ff6a1a', toneMapped: false });
const flameMat = new MeshBasicMaterial({ color: '#ffd27a', toneMapped: false, transparent: true, opacity: 0.92, depthWrite: false });
const flameHalo = glowHalo.clone();
flameHalo.color.set('#ffae40');
flameHalo.opacity = 0.6;

// ---------------------------------------------------------------------------------------------------------------
// The street and the terrace (level 0)
// ---------------------------------------------------------------------------------------------------------------

const RATTAN = '#b8864b';
const IRON = '#232326';
const BOLLARD = '#3b3a2c';

interface Buckets {
  paving: Part[];
  asphalt: Part[];
  facade: Part[];
  cafe: Part[];
  woven: Part[];
  bark: Part[];
  wood: Part[];
  matte: Part[];
  satin: Part[];
  metal: Part[];
  leaf: Part[];
  shadow: Part[];
  shade: Part[];
}

function box(list: Part[], x0: number, y0: number, z0: number, x1: number, y1: number, z1: number, color: string) {
  list.push({
    geometry: BOX,
    position: [(x0 + x1) / 2, (y0 + y1) / 2, (z0 + z1) / 2],
    scale: [Math.abs(x1 - x0), Math.abs(y1 - y0), Math.abs(z1 - z0)],
    color,
  });
}

function framed(o: Vec3, yaw: number) {
  const c = Math.cos(yaw);
  const s = Math.sin(yaw);
  const at = (lx: number, y: number, lz: number): Vec3 => [o[0] + lx * c + lz * s, o[1] + y, o[2] - lx * s + lz * c];
  const add = (list: Part[], geometry: BufferGeometry, lx: number, y: number, lz: number, scale: Vec3, color: string, rot: Vec3 = [0, 0, 0]) =>
    list.push({ geometry, position: at(lx, y, lz), quaternion: new Quaternion().setFromEuler(new Euler(rot[0], yaw + rot[1], rot[2], 'YXZ')), scale, color });
  return { at, add };
}

/** A Parisian rattan bistro chair with a woven seat and back; yaw 0 faces +z. */
function chair(b: Buckets, x: number, z: number, yaw: number) {
  const { add } = framed([x, 0, z], yaw);
  add(b.woven, BOX, 0, 0.455, 0, [0.4, 0.025, 0.38], '#ffffff');
  add(b.wood, RING, 0, 0.44, 0, [0.215, 0.5, 0.2], RATTAN);
  for (const sx of [-1, 1])
    for (const sz of [-1, 1]) add(b.wood, CYL_LO, sx * 0.17, 0.22, sz * 0.16, [0.013, 0.45, 0.013], RATTAN, [sz * -0.08, 0, sx * 0.08]);
  add(b.wood, RING, 0, 0.14, 0, [0.18, 0.5, 0.17], RATTAN);
  add(b.woven, CHAIR_BACK, 0, 0.72, 0.02, [0.21, 0.3, 0.2], '#ffffff');
  add(b.wood, CHAIR_RAIL, 0, 0.88, 0.02, [0.21, 0.21, 0.2], RATTAN);
  for (const sx of [-1, 1]) add(b.wood, CYL_LO, sx * 0.19, 0.66, -0.07, [0.012, 0.44, 0.012], RATTAN);
  b.shadow.push({ geometry: FLOOR_PLANE, position: [x, 0.004, z], scale: [0.6, 1, 0.6] });
}

function bistroTable(b: Buckets, x: number, z: number, r = 0.3) {
  b.satin.push({ geometry: DISC, position: [x, TABLE.h - 0.012, z], scale: [r, 0.024, r], color: '#d3cdc2' });
  b.metal.push({ geometry: RING, position: [x, TABLE.h - 0.012, z], scale: [r + 0.004, 0.4, r + 0.004], color: '#b9a070' });
  b.metal.push({ geometry: CYL_LO, position: [x, 0.36, z], scale: [0.028, 0.72, 0.028], color: IRON });
  for (let i = 0; i < 3; i++) {
    const a = (i / 3) * Math.PI * 2 + 0.3;
    b.metal.push({ geometry: BOX, position: [x + Math.cos(a) * 0.13, 0.025, z + Math.sin(a) * 0.13], rotation: [0, -a, 0], scale: [0.27, 0.03, 0.04], color: IRON });
  }
  b.shadow.push({ geometry: FLOOR_PLANE, position: [x, 0.005, z], scale: [r * 2.8, 1, r * 2.8] });
}

/** Small things that sit on every terrace table (level 0): a sugar bowl and a little menu stand. */
function tableSet(b: Buckets, x: number, z: number, rot: number) {
  b.satin.push({ geometry: CYL, position: [x + Math.cos(rot) * 0.1, TOP + 0.025, z + Math.sin(rot) * 0.1], scale: [0.03, 0.05, 0.03], color: '#f4f1ea' });
  b.metal.push({ geometry: BOX, position: [x - Math.cos(rot) * 0.08, TOP + 0.05, z - Math.sin(rot) * 0.08], rotation: [0, -rot, 0], scale: [0.07, 0.1, 0.005], color: '#2a2a2a' });
}

function planeTree(b: Buckets, x: number, z: number, scale: number, seed: number, y = 0) {
  const rnd = seededRandom(seed);
  const trunkH = 4.2 * scale;
  b.bark.push({ geometry: CYL, position: [x, y + trunkH / 2, z], scale: [0.2 * scale, trunkH, 0.2 * scale] });
  // main branches
  for (let i = 0; i < 4; i++) {
    const a = (i / 4) * Math.PI * 2 + rnd();
    const from = new Vector3(x, y + trunkH - 0.2, z);
    const to = new Vector3(x + Math.cos(a) * 1.4 * scale, y + trunkH + 1.8 * scale, z + Math.sin(a) * 1.4 * scale);
    const mid = from.clone().add(to).multiplyScalar(0.5);
    b.bark.push({ geometry: CYL_LO, position: [mid.x, mid.y, mid.z], quaternion: new Quaternion().setFromUnitVectors(new Vector3(0, 1, 0), to.clone().sub(from).normalize()), scale: [0.09 * scale, from.distanceTo(to), 0.09 * scale] });
  }
  // canopy: many small clumps in a broad dome
  const greens = ['#5d8a3c', '#4f7d35', '#6b9a44', '#44722f', '#78a64e', '#58843a'];
  for (let i = 0; i < 34; i++) {
    const a = rnd() * Math.PI * 2;
    const rr = Math.sqrt(rnd()) * 2.5 * scale;
    const h = y + trunkH + 0.9 * scale + rnd() * 2.8 * scale - (rr / (2.5 * scale)) ** 2 * 1.2 * scale;
    const s = (0.55 + rnd() * 0.5) * scale;
    b.leaf.push({ geometry: ICO, position: [x + Math.cos(a) * rr, h, z + Math.sin(a) * rr], rotation: [rnd(), rnd(), rnd()], scale: [s * 1.15, s * 0.85, s * 1.15], color: greens[Math.floor(rnd() * greens.length)]! });
  }
  // grille at the foot, dappled shade around it
  if (y === 0) box(b.metal, x - 0.6, 0.001, z - 0.6, x + 0.6, 0.012, z + 0.6, '#4a4a44');
  b.shade.push({ geometry: FLOOR_PLANE, position: [x, y + 0.006, z], scale: [5.5 * scale, 1, 5.5 * scale] });
  for (let i = 0; i < 4; i++) {
    const a = rnd() * Math.PI * 2;
    b.shade.push({ geometry: FLOOR_PLANE, position: [x + Math.cos(a) * 2 * scale, y + 0.007, z + Math.sin(a) * 2 * scale], scale: [2 * scale, 1, 2 * scale] });
  }
}

function car(b: Buckets, x: number, z: number, color: string, flip = false) {
  const d = flip ? -1 : 1;
  const y = ROAD.y;
  box(b.satin, x - 2.1, y + 0.32, z - 0.86, x + 2.1, y + 0.95, z + 0.86, color);
  box(b.satin, x - 2.15, y + 0.35, z - 0.8, x + 2.15, y + 0.7, z + 0.8, color);
  box(b.satin, x - 1.05 * d - 0.05, y + 0.95, z - 0.78, x + 0.9 * d, y + 1.42, z + 0.78, color);
  // glazing band
  box(b.satin, x - 1.0 * d, y + 1.0, z - 0.79, x + 0.85 * d, y + 1.36, z + 0.79, '#1e2630');
  box(b.metal, x - 2.16, y + 0.4, z - 0.75, x - 2.12, y + 0.5, z + 0.75, '#c9ced4');
  box(b.metal, x + 2.12, y + 0.4, z - 0.75, x + 2.16, y + 0.5, z + 0.75, '#c9ced4');
  for (const wx of [-1.35, 1.35])
    for (const wz of [-0.8, 0.8]) b.matte.push({ geometry: CYL, position: [x + wx, y + 0.31, z + wz], rotation: [Math.PI / 2, 0, 0], scale: [0.31, 0.2, 0.31], color: '#151515' });
  b.shadow.push({ geometry: FLOOR_PLANE, position: [x, y + 0.004, z], scale: [5, 1, 2.3] });
}

function building(b: Buckets, x0: number, x1: number, variant: number, height: number) {
  const w = x1 - x0;
  // front face with the façade picture (12 m × 24 m per atlas cell, cropped to the building's height)
  const u0 = variant / 4;
  const frac = Math.min(1, height / 24);
  b.facade.push({ geometry: PLANE, position: [(x0 + x1) / 2, height / 2, FACADE_Z], scale: [w, height, 1], uvRect: [u0, 0, u0 + 0.25 * Math.min(1, w / 12), frac] });
  // mansard roof and chimneys
  b.satin.push({ geometry: BOX, position: [(x0 + x1) / 2, height + 1.2, FACADE_Z - 2], rotation: [-0.35, 0, 0], scale: [w, 2.6, 4], color: '#7d8790' });
  for (let i = 0; i < Math.floor(w / 3.2); i++) {
    const dx = x0 + 1.6 + i * 3.2;
    box(b.satin, dx - 0.5, height + 0.5, FACADE_Z - 0.6, dx + 0.5, height + 1.9, FACADE_Z - 0.2, '#e6dcc8');
    box(b.satin, dx - 0.35, height + 0.7, FACADE_Z - 0.19, dx + 0.35, height + 1.6, FACADE_Z - 0.18, '#3b4656');
  }
  box(b.matte, x0 + 0.8, height + 2.1, FACADE_Z - 3, x0 + 1.4, height + 3.3, FACADE_Z - 2.4, '#b5653e');
  // stone cornice and balcony slabs for relief
  box(b.satin, x0, height - 0.25, FACADE_Z, x1, height, FACADE_Z + 0.35, '#d8ccb4');
  for (const fy of [4.2 + 3 * 1 + 1.95, 4.2 + 3 * 4 + 1.75]) if (fy < height) box(b.satin, x0, fy, FACADE_Z, x1, fy + 0.12, FACADE_Z + 0.45, '#d6c9ae');
  box(b.satin, x0, 4.05, FACADE_Z, x1, 4.25, FACADE_Z + 0.25, '#d3c5a9');
}

function buildStreet(): Buckets {
  const b: Buckets = { paving: [], asphalt: [], facade: [], cafe: [], woven: [], bark: [], wood: [], matte: [], satin: [], metal: [], leaf: [], shadow: [], shade: [] };
  const X0 = -34;
  const X1 = 34;
  // ground: near pavement (terrace), road, far pavement
  b.paving.push({ geometry: FLOOR_PLANE, position: [0, 0, (CAFE_Z + KERB) / 2], scale: [X1 - X0, 1, CAFE_Z - KERB] });
  b.asphalt.push({ geometry: FLOOR_PLANE, position: [0, ROAD.y, (ROAD.z0 + ROAD.z1) / 2], scale: [X1 - X0, 1, ROAD.z0 - ROAD.z1] });
  b.paving.push({ geometry: FLOOR_PLANE, position: [0, 0, (ROAD.z1 - 0.12 + FACADE_Z) / 2], scale: [X1 - X0, 1, ROAD.z1 - 0.12 - FACADE_Z] });
  // kerbs (granite)
  box(b.satin, X0, ROAD.y, KERB - 0.12, X1, 0.005, KERB, '#b4b0a6');
  box(b.satin, X0, ROAD.y, ROAD.z1 - 0.12, X1, 0.005, ROAD.z1, '#b4b0a6');
  // road markings: centre dashes, a zebra crossing to the right, gutters
  for (let x = X0; x < X1; x += 6) box(b.matte, x, ROAD.y + 0.003, -7.55, x + 3, ROAD.y + 0.006, -7.43, '#e9e7e0');
  for (let i = 0; i < 8; i++) box(b.matte, 7.4 + i * 0.0, ROAD.y + 0.003, ROAD.z0 - 0.3 - i * 0.95, 11.4, ROAD.y + 0.006, ROAD.z0 - 0.8 - i * 0.95, '#efede6');
  box(b.matte, X0, ROAD.y + 0.002, KERB - 0.42, X1, ROAD.y + 0.004, KERB - 0.12, '#6a6a68');
  // buildings across the street
  const spans: [number, number, number, number][] = [
    [-28, -16, 3, 19.5],
    [-16, -8.4, 0, 19],
    [-8.4, 3.6, 1, 20],
    [3.6, 15.6, 2, 19.2],
    [15.6, 28, 3, 20.5],
  ];
  for (const [a, c, v, h] of spans) building(b, a, c, v, h);
  // the rest of the near side of the street, either side of the café
  for (const [a, c, v] of [
    [-30, -18, 2],
    [-18, -6, 0],
    [6, 18, 3],
    [18, 30, 1],
  ] as const)
    b.facade.push({ geometry: PLANE, position: [(a + c) / 2, 10, CAFE_Z + 0.2], rotation: [0, Math.PI, 0], scale: [c - a, 20, 1], uvRect: [v / 4, 0, v / 4 + 0.25, 20 / 24] });
  // the café behind the patient: shopfront, upper floors, awning with a scalloped valance
  b.cafe.push({ geometry: PLANE, position: [0, 1.9, CAFE_Z], rotation: [0, Math.PI, 0], scale: [12, 3.8, 1], uvRect: CAFE_UV.shop });
  b.facade.push({ geometry: PLANE, position: [0, 11.9, CAFE_Z], rotation: [0, Math.PI, 0], scale: [12, 16.2, 1], uvRect: [0.5, 0.0, 0.75, 0.65] });
  const aw = { x0: -5.5, x1: 5.5, y0: 3.05, y1: 2.45, z0: CAFE_Z, z1: -1.3 };
  const len = Math.hypot(aw.z0 - aw.z1, aw.y0 - aw.y1);
  b.cafe.push({
    geometry: PLANE,
    position: [0, (aw.y0 + aw.y1) / 2, (aw.z0 + aw.z1) / 2],
    rotation: [-Math.PI / 2 + Math.atan2(aw.y0 - aw.y1, aw.z0 - aw.z1), 0, 0],
    scale: [aw.x1 - aw.x0, len, 1],
    uvRect: CAFE_UV.awning,
  });
  b.cafe.push({ geometry: PLANE, position: [0, aw.y1 - 0.2, aw.z1], scale: [aw.x1 - aw.x0, 0.4, 1], uvRect: CAFE_UV.valance });
  for (const sx of [aw.x0, aw.x1]) b.cafe.push({ geometry: PLANE, position: [sx, aw.y1 - 0.2, (aw.z0 + aw.z1) / 2], rotation: [0, Math.PI / 2, 0], scale: [aw.z0 - aw.z1, 0.4, 1], uvRect: CAFE_UV.valance });
  // chalkboard menu on an easel, angled toward the patient
  const { add } = framed([2.7, 0, -0.6], -1.0);
  add(b.cafe, PLANE, 0, 0.95, 0.01, [0.6, 0.9, 1], '#ffffff');
  for (const sx of [-1, 1]) add(b.wood, BOX, sx * 0.28, 0.7, 0, [0.04, 1.4, 0.03], '#5b3a22', [0.08, 0, 0]);
  add(b.wood, BOX, 0, 0.65, -0.25, [0.03, 1.3, 0.03], '#5b3a22', [-0.25, 0, 0]);
  b.shadow.push({ geometry: FLOOR_PLANE, position: [2.7, 0.004, -0.65], scale: [0.8, 1, 0.6] });
  // plane trees, bollards, a street lamp
  planeTree(b, -5.3, KERB + 0.45, 1, 1);
  planeTree(b, 4.8, KERB + 0.45, 1.05, 2);
  planeTree(b, 14.5, KERB + 0.45, 1, 3);
  planeTree(b, -15.5, KERB + 0.45, 1, 4);
  planeTree(b, -9.5, ROAD.z1 - 0.9, 0.95, 5);
  planeTree(b, 7.2, ROAD.z1 - 0.9, 0.9, 6);
  planeTree(b, 16, ROAD.z1 - 0.9, 0.95, 7);
  for (let x = -12; x <= 12; x += 1.6) {
    if (Math.abs(x + 5.3) < 1 || Math.abs(x - 4.8) < 1) continue;
    b.metal.push({ geometry: CYL_LO, position: [x, 0.45, KERB + 0.22], scale: [0.045, 0.9, 0.045], color: BOLLARD });
    b.metal.push({ geometry: SPHERE_LO, position: [x, 0.9, KERB + 0.22], scale: 0.05, color: BOLLARD });
    b.metal.push({ geometry: CYL_LO, position: [x, 0.72, KERB + 0.22], scale: [0.055, 0.04, 0.055], color: '#8a7a4a' });
  }
  b.metal.push({ geometry: CYL_LO, position: [-8.6, 2.1, KERB + 0.3], scale: [0.07, 4.2, 0.07], color: '#1f2a24' });
  b.metal.push({ geometry: BOX, position: [-8.6, 4.45, KERB + 0.3], scale: [0.35, 0.5, 0.35], color: '#1f2a24' });
  b.satin.push({ geometry: BOX, position: [-8.6, 4.42, KERB + 0.3], scale: [0.28, 0.36, 0.28], color: '#f3ead2' });
  // parked cars on the far side
  car(b, -10.5, ROAD.z1 + 1.05, '#3f5e7a');
  car(b, 4.2, ROAD.z1 + 1.05, '#e7e5df', true);
  car(b, 9.6, ROAD.z1 + 1.05, '#8c2b2b');
  car(b, -19, ROAD.z1 + 1.05, '#5a5f55', true);
  // terrace tables and chairs (the patient's own, then the others)
  bistroTable(b, TABLE.x, TABLE.z, TABLE.r);
  // the patient's own chair, set back so its rail stays 0.45 m from their head
  chair(b, 0, 0.27, Math.PI);
  chair(b, 0, -1.18, 0);
  const others: [number, number, [number, number, number][]][] = [
    [-1.8, -1.7, [[-1.8, -2.17, 0], [-2.33, -1.62, Math.PI / 2]]],
    [2.0, -2.2, [[2.05, -2.67, -0.5], [1.45, -2.05, Math.PI / 2]]],
    [3.3, -2.85, [[3.3, -2.35, Math.PI]]],
    [-3.6, -2.85, [[-3.6, -2.35, Math.PI], [-3.05, -2.85, -Math.PI / 2]]],
    [-2.4, 0.7, [[-2.4, 1.2, Math.PI], [-1.9, 0.7, -Math.PI / 2]]],
    [2.4, 0.9, [[2.4, 1.4, Math.PI], [1.85, 0.9, Math.PI / 2]]],
    [-4.6, -0.9, [[-4.6, -0.4, Math.PI]]],
    [4.6, -1.0, [[4.6, -0.5, Math.PI]]],
  ];
  others.forEach(([tx, tz, chairs], i) => {
    bistroTable(b, tx, tz);
    tableSet(b, tx, tz, i * 1.3);
    for (const [cx, cz, yaw] of chairs) chair(b, cx, cz, yaw);
  });
  // the patient's table after lunch: empty plate with cutlery and a napkin, an espresso
  b.satin.push({ geometry: CYL, position: [-0.05, TOP + 0.006, -0.47], scale: [0.12, 0.012, 0.12], color: '#f7f5f0' });
  b.satin.push({ geometry: CYL, position: [-0.05, TOP + 0.013, -0.47], scale: [0.085, 0.002, 0.085], color: '#efe9de' });
  b.metal.push({ geometry: BOX, position: [-0.03, TOP + 0.016, -0.47], rotation: [0, 0.5, 0], scale: [0.17, 0.003, 0.012], color: '#d7dadd' });
  b.metal.push({ geometry: BOX, position: [-0.06, TOP + 0.017, -0.44], rotation: [0, 0.62, 0], scale: [0.18, 0.003, 0.014], color: '#d7dadd' });
  b.matte.push({ geometry: SPHERE_LO, position: [-0.15, TOP + 0.02, -0.41], rotation: [0.3, 0.6, 0.2], scale: [0.045, 0.02, 0.035], color: '#f4f1ea' });
  b.satin.push({ geometry: CYL, position: [0.16, TOP + 0.004, -0.5], scale: [0.06, 0.008, 0.06], color: '#f7f5f0' });
  b.satin.push({ geometry: new CylinderGeometry(0.031, 0.024, 0.055, 18), position: [0.16, TOP + 0.035, -0.5], color: '#f7f5f0' });
  b.matte.push({ geometry: CYL, position: [0.16, TOP + 0.058, -0.5], scale: [0.027, 0.002, 0.027], color: '#3b2416' });
  b.satin.push({ geometry: new TorusGeometry(0.012, 0.004, 6, 12), position: [0.195, TOP + 0.037, -0.5], rotation: [0, 0, 0], color: '#f7f5f0' });
  b.metal.push({ geometry: BOX, position: [0.15, TOP + 0.01, -0.44], rotation: [0, 0.2, 0], scale: [0.08, 0.002, 0.008], color: '#d7dadd' });
  b.matte.push({ geometry: BOX, position: [0.09, TOP + 0.003, -0.58], rotation: [0, -0.4, 0], scale: [0.06, 0.004, 0.018], color: '#e9d9a8' });
  b.shadow.push({ geometry: FLOOR_PLANE, position: [-0.05, TOP + 0.0006, -0.47], scale: [0.34, 1, 0.34] });
  b.shadow.push({ geometry: FLOOR_PLANE, position: [0.16, TOP + 0.0006, -0.5], scale: [0.17, 1, 0.17] });
  return b;
}

function Street({ time }: { time: TimeOfDay }) {
  const b = useMemo(buildStreet, []);
  return (
    <group name="cue:terrace" userData={{ cueId: 'terrace', minLevel: 0 }}>
      <mesh geometry={SKY} material={skyMat[time]} renderOrder={-1} />
      <MergedMesh parts={b.paving} material={pavingMat} worldUV={0.6} />
      <MergedMesh parts={b.asphalt} material={asphaltMat} worldUV={0.25} />
      <MergedMesh parts={b.facade} material={facadeMat} />
      <MergedMesh parts={b.cafe} material={cafeMat} />
      <MergedMesh parts={b.woven} material={wovenMat} />
      <MergedMesh parts={b.bark} material={barkMat} worldUV={1.2} />
      <MergedMesh parts={b.wood} material={woodVC} worldUV={1.1} />
      <MergedMesh parts={b.matte} material={matteVC} />
      <MergedMesh parts={b.satin} material={satinVC} />
      <MergedMesh parts={b.metal} material={metalVC} />
      <MergedMesh parts={b.leaf} material={leafVC} />
      <MergedMesh parts={b.shade} material={treeShade} renderOrder={1} />
      <MergedMesh parts={b.shadow} material={contactShadow} renderOrder={1} />
    </group>
  );
}

const SKY = new SphereGeometry(80, 24, 12, 0, Math.PI * 2, 0, Math.PI / 2 + 0.2);

function Lights({ time }: { time: TimeOfDay }) {
  if (time === 'evening') {
    // Low warm sun behind the houses, the blue hour overhead, and the café's awning lights on the terrace.
    return (
      <>
        <hemisphereLight args={['#7d88c0', '#3a3028', 0.5]} />
        <directionalLight position={[-14, 3, 6]} color="#ffb070" intensity={0.8} />
        <pointLight position={[0, 2.6, -2.6]} color="#ffd08a" intensity={6} distance={9} decay={2} />
      </>
    );
  }
  return (
    <>
      <hemisphereLight args={['#d8e8ff', '#a08a6a', 0.72]} />
      <directionalLight position={[-6, 12, 7]} color="#ffefd2" intensity={1.75} />
      <directionalLight position={[5, 4, -8]} color="#cfe0ff" intensity={0.3} />
    </>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Tobacco props
// ---------------------------------------------------------------------------------------------------------------

const CIG_LEN = 0.085;
const CIG_R = 0.0042;
const PAPER = new CylinderGeometry(CIG_R, CIG_R, CIG_LEN - 0.026, 10).translate(0, 0.004 + (CIG_LEN - 0.03) / 2, 0);
const FILTER = new CylinderGeometry(CIG_R, CIG_R, 0.026, 10).translate(0, CIG_LEN - 0.013, 0);
const ASH = new CylinderGeometry(CIG_R * 0.95, CIG_R, 0.006, 10).translate(0, 0.003, 0);
const EMBER = new SphereGeometry(CIG_R * 1.05, 8, 6);
const paperMat = new MeshStandardMaterial({ color: '#f4f2ec', roughness: 0.7 });
const filterMat = new MeshStandardMaterial({ color: '#d49a52', roughness: 0.7 });
const ashMat = new MeshStandardMaterial({ color: '#8a8782', roughness: 1 });

/**
 * A cigarette with its lit end at the origin and the filter up +y (so the kit's `drinking` pose puts the
 * filter at the lips). `lit()` shows the ember and the ash.
 */
function Cigarette({ lit }: { lit?: () => boolean }) {
  const ember = useRef<Group>(null);
  useFrame(() => {
    if (ember.current) ember.current.visible = lit ? lit() : false;
  });
  return (
    <group>
      <mesh geometry={PAPER} material={paperMat} />
      <mesh geometry={FILTER} material={filterMat} />
      <group ref={ember} visible={false}>
        <mesh geometry={ASH} material={ashMat} />
        <mesh geometry={EMBER} material={emberMat} position={[0, 0.0005, 0]} scale={[1, 0.5, 1]} />
      </group>
    </group>
  );
}

const PACK = { w: 0.055, h: 0.088, d: 0.022 };
/** Pack geometry with the front picture on both large faces; origin at the bottom centre. */
const PACK_GEO = mergeParts([
  { geometry: PLANE, position: [0, PACK.h / 2, PACK.d / 2], scale: [PACK.w, PACK.h, 1], uvRect: [0, 0, 0.5, 1] },
  { geometry: PLANE, position: [0, PACK.h / 2, -PACK.d / 2], rotation: [0, Math.PI, 0], scale: [PACK.w, PACK.h, 1], uvRect: [0, 0, 0.5, 1] },
  { geometry: PLANE, position: [PACK.w / 2, PACK.h / 2, 0], rotation: [0, Math.PI / 2, 0], scale: [PACK.d, PACK.h, 1], uvRect: [0.55, 0, 0.95, 1] },
  { geometry: PLANE, position: [-PACK.w / 2, PACK.h / 2, 0], rotation: [0, -Math.PI / 2, 0], scale: [PACK.d, PACK.h, 1], uvRect: [0.55, 0, 0.95, 1] },
  { geometry: PLANE, position: [0, PACK.h, 0], rotation: [-Math.PI / 2, 0, 0], scale: [PACK.w, PACK.d, 1], uvRect: [0.55, 0, 0.95, 0.3] },
  { geometry: PLANE, position: [0, 0, 0], rotation: [Math.PI / 2, 0, 0], scale: [PACK.w, PACK.d, 1], uvRect: [0.55, 0, 0.95, 0.3] },
]);
const PACK_CIGS = mergeParts([
  { geometry: FILTER, position: [-0.012, PACK.h - 0.062, 0], color: '#ffffff' },
  { geometry: FILTER, position: [0.0, PACK.h - 0.066, 0.004], color: '#ffffff' },
  { geometry: FILTER, position: [0.013, PACK.h - 0.064, -0.003], color: '#ffffff' },
]);

/** The pack, upright, opened with three filters showing; `offered` pushes one cigarette out. */
function Pack({ offered = false }: { offered?: boolean }) {
  return (
    <group>
      <mesh geometry={PACK_GEO} material={packMat} />
      <mesh geometry={PACK_CIGS} material={filterMat} />
      {offered ? (
        <group position={[0.004, PACK.h - 0.035, 0]}>
          <mesh geometry={PAPER} material={paperMat} />
          <mesh geometry={FILTER} material={filterMat} />
        </group>
      ) : null}
    </group>
  );
}

const LIGHTER = mergeParts([
  { geometry: BOX, position: [0, 0.032, 0], scale: [0.024, 0.064, 0.012], color: '#2a62b0' },
  { geometry: BOX, position: [0, 0.071, 0], scale: [0.022, 0.014, 0.011], color: '#c9ced4' },
  { geometry: CYL_LO, position: [-0.004, 0.079, 0], rotation: [Math.PI / 2, 0, 0], scale: [0.005, 0.01, 0.005], color: '#6b6f74' },
  { geometry: BOX, position: [0.007, 0.066, 0], scale: [0.008, 0.006, 0.013], color: '#1c1c1c' },
]);
const FLAME = new SphereGeometry(1, 10, 8);

/** A disposable lighter standing at the origin; `flame()` lights it. */
function Lighter({ flame }: { flame?: () => boolean }) {
  const f = useRef<Group>(null);
  useFrame(({ clock }) => {
    const g = f.current;
    if (!g) return;
    const on = flame ? flame() : false;
    g.visible = on;
    if (on) g.scale.set(1, 1 + Math.sin(clock.getElapsedTime() * 23) * 0.12, 1);
  });
  return (
    <group>
      <mesh geometry={LIGHTER} material={satinVC} />
      <group ref={f} visible={false} position={[0.003, 0.084, 0]}>
        <mesh geometry={FLAME} material={flameMat} position={[0, 0.011, 0]} scale={[0.005, 0.013, 0.005]} />
        <mesh geometry={PLANE} material={flameHalo} position={[0, 0.012, 0]} scale={[0.08, 0.08, 1]} renderOrder={6} />
      </group>
    </group>
  );
}

/** Ashtray with a few stubs and some ash; origin at its bottom centre. */
function Ashtray({ stubs = 3, seed = 1, ceramic = false }: { stubs?: number; seed?: number; ceramic?: boolean }) {
  const parts = useMemo(() => {
    const rnd = seededRandom(seed);
    const butts: Part[] = [];
    for (let i = 0; i < stubs; i++) {
      // a stub lies across the bowl, filter resting on the rim, the crushed end in the middle
      const a = rnd() * Math.PI * 2;
      const dir = new Vector3(Math.cos(a), 0.25, Math.sin(a)).normalize();
      const q = new Quaternion().setFromUnitVectors(new Vector3(0, 1, 0), dir);
      const c = new Vector3(0, 0.016, 0).addScaledVector(dir, 0.012);
      const f = new Vector3(0, 0.016, 0).addScaledVector(dir, 0.03);
      butts.push({ geometry: CYL_LO, position: [c.x, c.y, c.z], quaternion: q, scale: [CIG_R, 0.016, CIG_R], color: '#e4dfd4' });
      butts.push({ geometry: CYL_LO, position: [f.x, f.y, f.z], quaternion: q, scale: [CIG_R * 1.02, 0.022, CIG_R * 1.02], color: '#d49a52' });
      butts.push({ geometry: SPHERE_LO, position: [c.x * 0.3, 0.0135, c.z * 0.3], scale: [0.011, 0.002, 0.009], color: '#6d6a66' });
    }
    return butts;
  }, [stubs, seed]);
  return (
    <group>
      <MergedMesh parts={parts} material={matteVC} />
      <mesh geometry={ASHTRAY} material={ceramic ? ashtrayCeramic : ashtrayGlass} renderOrder={ceramic ? 0 : 2} />
    </group>
  );
}
const ashtrayCeramic = new MeshStandardMaterial({ color: '#1d1d20', roughness: 0.35, metalness: 0.2 });
const ashtrayGlass = new MeshStandardMaterial({ color: '#dfe9ea', roughness: 0.08, metalness: 0.1, transparent: true, opacity: 0.55, envMapIntensity: 2 });

// ---------------------------------------------------------------------------------------------------------------
// Level 1: the tobacconist across the street, an ashtray on a far table
// ---------------------------------------------------------------------------------------------------------------

const CARROT = new LatheGeometry(
  v2([
    [0.0, -0.55],
    [0.06, -0.5],
    [0.17, -0.2],
    [0.19, 0.0],
    [0.17, 0.2],
    [0.06, 0.5],
    [0.0, 0.55],
  ]),
  20,
);
{
  // the carrot uses the lower half of the tobacconist picture (its lettering)
  const uv = CARROT.getAttribute('uv');
  for (let i = 0; i < uv.count; i++) uv.setY(i, uv.getY(i) * 0.5);
}

function TabacSign() {
  const shop = useMemo<Part[]>(
    () => [
      // fascia over the shop (covers the bookshop's name)
      { geometry: PLANE, position: [TABAC_X, 3.45, FACADE_Z + 0.03], scale: [10.4, 0.9, 1], uvRect: [0, 0.5, 1, 1] },
    ],
    [],
  );
  const bracket = useMemo<Part[]>(
    () => [
      { geometry: BOX, position: [TABAC_X + 5.0, 4.0, FACADE_Z + 0.5], scale: [0.05, 0.05, 1.0], color: '#1f1f22' },
      { geometry: BOX, position: [TABAC_X + 5.0, 3.55, FACADE_Z + 1.0], scale: [0.03, 0.9, 0.03], color: '#1f1f22' },
    ],
    [],
  );
  return (
    <>
      <MergedMesh parts={shop} material={tabacMat} />
      <MergedMesh parts={bracket} material={metalVC} />
      <mesh geometry={CARROT} material={tabacMat} position={[TABAC_X + 5.0, 3.0, FACADE_Z + 1.0]} scale={[2.2, 1.75, 2.2]} />
    </>
  );
}

function FarAshtray() {
  return (
    <group position={[3.3 - 0.1, TOP, -2.85 + 0.05]}>
      <Ashtray stubs={3} seed={5} ceramic />
      <mesh geometry={FLOOR_PLANE} material={contactShadow} position={[0, 0.0005, 0]} scale={[0.16, 1, 0.16]} renderOrder={1} />
    </group>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Level 2: pack, lighter and ashtray on the patient's table
// ---------------------------------------------------------------------------------------------------------------

const PACK_AT: Vec3 = [0.15, TOP, -0.66];
const LIGHTER_AT: Vec3 = [0.23, TOP, -0.74];
const ASHTRAY_AT: Vec3 = [-0.14, TOP, -0.68];

function Hideable({ hidden, children }: { hidden?: () => boolean; children: ReactNode }) {
  const g = useRef<Group>(null);
  useFrame(() => {
    if (g.current) g.current.visible = !(hidden?.() ?? false);
  });
  return <group ref={g}>{children}</group>;
}

// ---------------------------------------------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------------------------------------------

const SMOKER: Pick<AvatarProps, 'heldHeight' | 'heldRadius' | 'drinkTilt' | 'seated' | 'seatHeight'> = {
  heldHeight: CIG_LEN,
  heldRadius: 0.007,
  drinkTilt: 1.3,
  seated: true,
  seatHeight: 0.46,
};
/** How a cigarette sits in a lowered hand: filter toward the palm, lit end out and forward. */
const HAND_TILT: Vec3 = [-1.25, 0, 0];
const along = (path: number[], t: number) => path[Math.round(clamp01(t) * (path.length - 1))]!;

interface SmokerRig {
  position: Vec3;
  yaw: number;
  keys: AvatarProps[];
  side: 'left' | 'right';
  /** World tip of the cigarette per pose (null when the cigarette is in the ashtray). */
  tips: (Vec3 | null)[];
  mouth: Vec3;
  facing: Vec3;
  ashtray: Vec3;
  restTip: Vec3;
}

/** A seated smoker: pose 0 rests a hand by the ashtray (cigarette in it), 1–3 lift, 4 draws at the lips. */
function smokerRig(position: Vec3, yaw: number, side: 'left' | 'right', ashtray: Vec3, look: AvatarProps): SmokerRig {
  const base: AvatarProps = { ...look, ...SMOKER, position, yaw, armPose: 'rest', leftArmPose: 'rest' };
  const s = side === 'left' ? 1 : -1;
  const localAsh = toLocal(position, yaw, ashtray);
  const rest: Vec3 = [localAsh[0] + s * 0.09, TOP + 0.035, localAsh[2] - 0.02];
  const pick: Vec3 = [localAsh[0] + s * 0.04, TOP + 0.09, localAsh[2]];
  const lift = liftPath(base, side, pick, 2, 0.28);
  const other: AvatarProps =
    side === 'left' ? { armPose: 'table', handTarget: [-0.17, TOP + 0.04, 0.3] } : { leftArmPose: 'table', leftHandTarget: [0.17, TOP + 0.04, 0.3] };
  const hand = (pose: ArmPose, target?: Vec3): AvatarProps =>
    side === 'left' ? { ...base, ...other, leftArmPose: pose, leftHandTarget: target } : { ...base, ...other, armPose: pose, handTarget: target };
  const keys: AvatarProps[] = [hand('table', rest), hand('counter', pick), ...lift.map((t) => hand('counter', t)), hand('drinking')];
  const tips = keys.map((k, i) => {
    if (i === 0) return null;
    const h = avatarHold(k, side);
    return h ? toWorld(position, yaw, [h.position.x, h.position.y, h.position.z]) : null;
  });
  const mouth = toWorld(position, yaw, [0, mouthY(base) + 0.005, 0.13]);
  // people blow smoke up and aside, not into the face of whoever they talk to
  const aside = yaw + (side === 'left' ? 0.9 : -0.9);
  const f: Vec3 = [Math.sin(aside) * 0.8, 0.6, Math.cos(aside) * 0.8];
  const restTip: Vec3 = [ashtray[0] + 0.045, ashtray[1] + 0.022, ashtray[2] + 0.01];
  return { position, yaw, keys, side, tips, mouth, facing: f, ashtray, restTip };
}

/** Cigarette in the hand for lowered poses (tilted), at the lips for the drinking pose. */
function heldCigarette(k: AvatarProps, side: 'left' | 'right', lit: () => boolean) {
  const pose = side === 'left' ? k.leftArmPose : k.armPose;
  if (pose === 'table' || pose === 'rest' || pose === undefined) return null;
  return pose === 'drinking' ? (
    <Cigarette lit={lit} />
  ) : (
    <group rotation={HAND_TILT}>
      <Cigarette lit={lit} />
    </group>
  );
}

/** The cigarette resting across the ashtray, lit end out. */
function RestingCigarette({ rig, visible, lit }: { rig: SmokerRig; visible: () => boolean; lit: () => boolean }) {
  const g = useRef<Group>(null);
  useFrame(() => {
    if (g.current) g.current.visible = visible();
  });
  const dx = rig.restTip[0] - rig.ashtray[0];
  const dz = rig.restTip[2] - rig.ashtray[2];
  const a = Math.atan2(dx, dz);
  return (
    <group ref={g} position={rig.restTip}>
      {/* lit end at the origin, the filter pointing back into the ashtray, slightly up */}
      <group rotation={new Euler(-Math.PI / 2 + 0.12, a, 0, 'YXZ')}>
        <Cigarette lit={lit} />
      </group>
    </group>
  );
}

const LOOKS: Record<'a' | 'b' | 'c' | 'friend', AvatarProps> = {
  a: { skin: '#e8b894', shirt: '#d9c7a0', pants: '#2f3542', hair: '#7a4a2a', hairStyle: 'long', sleeves: 'short' },
  b: { skin: '#a86f4c', shirt: '#2f5d7c', pants: '#3b3b46', hair: '#1e1712', hairStyle: 'short' },
  c: { skin: '#d9a07f', shirt: '#6b7d4e', pants: '#2c3546', hair: '#9a9a96', hairStyle: 'short', sleeves: 'short' },
  friend: { skin: '#c68e6c', shirt: '#b5523b', pants: '#34435e', hair: '#2b1d14', hairStyle: 'short', sleeves: 'long' },
};

/** Pose index for a neighbour's draw, inside their own part [a, a + 0.5] of the segment. */
function drawIndex(p: number, a: number): number {
  const q = (p - a) / 0.5;
  if (q < 0 || q >= 1) return 0;
  if (q < 0.14) return along([0, 1, 2, 3, 4], q / 0.14);
  if (q < 0.55) return 4;
  if (q < 0.75) return along([4, 3, 2, 1, 0], (q - 0.55) / 0.2);
  return 0;
}
/** Seconds since the exhale began (it starts as the cigarette leaves the lips), or null. */
function exhaleAge(p: number, a: number, duration: number): number | null {
  const start = a + 0.5 * 0.55;
  return p >= start ? (p - start) * duration : null;
}

const NEIGHBOUR_OFFSETS = { a: 0, c: 0.26 };

function Neighbours() {
  const smokes = useStable(useSegment('neighbour-smokes'));
  const lit = () => true;
  const rigs = useMemo(
    () => ({
      a: smokerRig([-1.8, 0, -2.14], 0, 'left', [-1.63, TOP, -1.8], LOOKS.a),
      c: smokerRig([2.05, 0, -2.64], -0.5, 'right', [1.79, TOP, -2.28], LOOKS.c),
    }),
    [],
  );
  const pickFor = (who: 'a' | 'c') => {
    const s = smokes();
    return s.active ? drawIndex(s.progress, NEIGHBOUR_OFFSETS[who]) : 0;
  };
  const posesFor = (rig: SmokerRig) =>
    rig.keys.map((k, i) => {
      const held = heldCigarette(k, rig.side, lit);
      return rig.side === 'left' ? <Avatar key={i} {...k} leftHolding={held} /> : <Avatar key={i} {...k} holding={held} />;
    });
  const poses = useMemo(() => ({ a: posesFor(rigs.a), c: posesFor(rigs.c) }), [rigs]);
  const pickA = useStable(() => pickFor('a'));
  const pickC = useStable(() => pickFor('c'));
  const emitters = useMemo<Emitter[]>(() => {
    const list: Emitter[] = [];
    for (const [who, rig, pick] of [
      ['a', rigs.a, pickA],
      ['c', rigs.c, pickC],
    ] as const) {
      list.push({ kind: 'wisp', at: () => (pick() === 0 ? rig.restTip : rig.tips[pick()] ?? null), strength: 0.8 });
      list.push({
        kind: 'exhale',
        at: rig.mouth,
        dir: rig.facing,
        age: () => {
          const s = smokes();
          return s.active ? exhaleAge(s.progress, NEIGHBOUR_OFFSETS[who], 8) : null;
        },
      });
    }
    return list;
  }, [rigs, smokes, pickA, pickC]);
  // B keeps them company with a coffee; props on their tables
  const props = useMemo(() => {
    const satin: Part[] = [];
    const shadow: Part[] = [];
    for (const [x, z] of [
      [-1.95, -1.62],
      [-1.92, -1.52],
      [2.12, -2.28],
    ] as const) {
      satin.push({ geometry: CYL, position: [x, TOP + 0.004, z], scale: [0.055, 0.008, 0.055], color: '#f7f5f0' });
      satin.push({ geometry: new CylinderGeometry(0.03, 0.023, 0.05, 14), position: [x, TOP + 0.032, z], color: '#f7f5f0' });
    }
    for (const [x, z] of [
      [-1.8, -2.14],
      [-2.3, -1.62],
      [2.05, -2.64],
    ] as const)
      shadow.push({ geometry: FLOOR_PLANE, position: [x, 0.006, z + 0.1], scale: [0.8, 1, 0.9] });
    return { satin, shadow };
  }, []);
  return (
    <>
      <MergedMesh parts={props.shadow} material={contactShadow} renderOrder={1} />
      <MergedMesh parts={props.satin} material={satinVC} />
      <PoseSwitch poses={poses.a} pick={pickA} name="neighbour-a" />
      <PoseSwitch poses={poses.c} pick={pickC} name="neighbour-c" />
      <Avatar position={[-2.3, 0, -1.62]} yaw={Math.PI / 2} {...LOOKS.b} seated seatHeight={0.46} leftArmPose="table" leftHandTarget={[0.1, TOP + 0.04, 0.34]} armPose="rest" />
      {(['a', 'c'] as const).map((who) => (
        <group key={who}>
          <group position={rigs[who].ashtray}>
            <Ashtray stubs={2} seed={who === 'a' ? 7 : 8} />
          </group>
          <RestingCigarette rig={rigs[who]} visible={() => (who === 'a' ? pickA() : pickC()) === 0} lit={lit} />
        </group>
      ))}
      <Smoke emitters={emitters} />
    </>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Level 4: the friend across the table
// ---------------------------------------------------------------------------------------------------------------

const FRIEND_AT: Vec3 = [0, 0, -1.13];
/** Where the pack is held out to the patient (world), about 0.65 m from their eyes. */
const OFFER_PACK_AT: Vec3 = [0.16, 0.98, -0.58];
const LIGHTS = cafeTerraceManifest.levels[4]!.segments!.find((s) => s.id === 'friend-lights-up')!;

interface FriendRig {
  keys: AvatarProps[];
  cigTips: (Vec3 | null)[];
  mouth: Vec3;
}

/*
 * Friend poses (right hand: cigarette, left hand: lighter or pack):
 *   0 rest, hands on the table          1 cigarette and lighter raised       2 cigarette at the lips, lighter at its tip
 *   3 draws, lighter back on the table  4 cigarette lowered                   5 cigarette laid in the ashtray
 *   6 hand on the pack                  7 pack half raised                    8 pack held out to the patient
 */
function friendRig(): FriendRig {
  const base: AvatarProps = { ...LOOKS.friend, ...SMOKER, position: FRIEND_AT, yaw: 0 };
  const r = SMOKER.heldRadius!;
  const loc = (w: Vec3) => toLocal(FRIEND_AT, 0, w);
  const leftFor = (held: Vec3): Vec3 => [held[0] + r + 0.03, held[1] + 0.05, held[2]];
  const rightFor = (held: Vec3): Vec3 => [held[0] - r - 0.03, held[1] + 0.05, held[2]];
  const rRest: Vec3 = [-0.16, TOP + 0.035, 0.3];
  const lRest: Vec3 = [0.16, TOP + 0.035, 0.3];
  const drinking: AvatarProps = { ...base, armPose: 'drinking' };
  const tipAtLips = avatarHold(drinking, 'right')!.position;
  const lighterAtTip = leftFor([tipAtLips.x + 0.004, tipAtLips.y - 0.1, tipAtLips.z]);
  const rChest: Vec3 = [-0.12, 0.95, 0.32];
  const lChest: Vec3 = [0.12, 0.92, 0.32];
  const ash = loc(ASHTRAY_AT);
  const rAsh = rightFor([ash[0] + 0.02, ash[1] + 0.04, ash[2]]);
  const lPack = leftFor(loc(PACK_AT));
  const lOffer = leftFor(loc(OFFER_PACK_AT));
  const keys: AvatarProps[] = [
    { ...base, armPose: 'table', handTarget: rRest, leftArmPose: 'table', leftHandTarget: lRest },
    { ...base, armPose: 'counter', handTarget: rChest, leftArmPose: 'counter', leftHandTarget: lChest },
    { ...base, armPose: 'drinking', leftArmPose: 'counter', leftHandTarget: lighterAtTip },
    { ...base, armPose: 'drinking', leftArmPose: 'table', leftHandTarget: lRest },
    { ...base, armPose: 'counter', handTarget: rChest, leftArmPose: 'table', leftHandTarget: lRest },
    { ...base, armPose: 'counter', handTarget: rAsh, leftArmPose: 'table', leftHandTarget: lRest },
    { ...base, armPose: 'table', handTarget: rRest, leftArmPose: 'table', leftHandTarget: lPack },
    { ...base, armPose: 'table', handTarget: rRest, leftArmPose: 'counter', leftHandTarget: lerp3(lPack, lOffer, 0.5) },
    { ...base, armPose: 'table', handTarget: rRest, leftArmPose: 'counter', leftHandTarget: lOffer },
  ];
  const cigTips = keys.map((k, i) => {
    if (i < 1 || i > 5) return null;
    const h = avatarHold(k, 'right');
    if (!h) return null;
    const p = h.position.clone();
    return toWorld(FRIEND_AT, 0, [p.x, p.y, p.z]);
  });
  const mouth = toWorld(FRIEND_AT, 0, [0, mouthY(base) + 0.005, 0.13]);
  return { keys, cigTips, mouth };
}

function lightsIndex(p: number): number {
  if (p < 0.06) return along([0, 1], p / 0.06);
  if (p < 0.12) return along([1, 2], (p - 0.06) / 0.06);
  if (p < 0.38) return 2;
  if (p < 0.56) return 3;
  if (p < 0.64) return 4;
  if (p < 0.86) return 5;
  return 0;
}
const FLAME_WINDOW = [0.15, 0.36];
const LIT_FROM = 0.3;
const EXHALE_FROM = 0.56;

function offerIndex(p: number): number {
  if (p < 0.06) return along([0, 6], p / 0.06);
  if (p < 0.14) return along([6, 7, 8], (p - 0.06) / 0.08);
  if (p < 0.86) return 8;
  if (p < 0.94) return along([8, 7, 6], (p - 0.86) / 0.08);
  return 0;
}

/** The friend's timeline, shared by the friend and by the table props they pick up. */
function useFriendTimeline() {
  const clockNow = useContext(SceneClockContext);
  const clockRef = useRef(clockNow);
  clockRef.current = clockNow;
  const lights = useStable(useSegment('friend-lights-up'));
  const offers = useStable(useSegment('friend-offers-cigarette'));
  const event = useStable(useSceneEvent('offer-cigarette'));
  return useMemo(() => {
    const pick = () => {
      const e = event();
      if (e.active) return offerIndex(e.progress);
      const o = offers();
      if (o.active) return offerIndex(o.progress);
      const l = lights();
      return l.active ? lightsIndex(l.progress) : 0;
    };
    /** Has the friend lit a cigarette since this level began (so one smoulders in the ashtray)? */
    const litOnce = () => {
      const clock = clockRef.current;
      return clock.level === 4 && performance.now() / 1000 - clock.levelStartedAt >= LIGHTS.start + LIT_FROM * LIGHTS.duration;
    };
    return {
      pick,
      lights,
      litOnce,
      /** The cigarette in the friend's hand is burning. */
      handLit: () => {
        const l = lights();
        return l.active && l.progress >= LIT_FROM;
      },
      flame: () => {
        const l = lights();
        return l.active && l.progress >= FLAME_WINDOW[0]! && l.progress < FLAME_WINDOW[1]!;
      },
      /** One rests in the ashtray once lit, except while the friend is smoking the new one. */
      restingShown: () => {
        const l = lights();
        return litOnce() && !(l.active && l.progress < 0.86);
      },
      packInHand: () => {
        const i = pick();
        return i >= 6 && i <= 8;
      },
      lighterInHand: () => {
        const i = pick();
        return i >= 1 && i <= 2;
      },
      exhale: () => {
        const l = lights();
        return l.active && l.progress >= EXHALE_FROM ? (l.progress - EXHALE_FROM) * LIGHTS.duration : null;
      },
    };
  }, [lights, offers, event]);
}
type FriendTimeline = ReturnType<typeof useFriendTimeline>;

function Friend({ t, lighter }: { t: FriendTimeline; lighter: RefObject<SoundHandle | null> }) {
  const rig = useMemo(friendRig, []);
  const poses = useMemo(
    () =>
      rig.keys.map((k, i) => (
        <Avatar
          key={i}
          {...k}
          holding={i >= 1 && i <= 5 ? heldCigarette(k, 'right', t.handLit) : null}
          leftHolding={
            i === 1 || i === 2 ? (
              <Lighter flame={t.flame} />
            ) : i >= 6 ? (
              <group rotation={[i === 8 ? 0.45 : 0, 0, 0]}>
                <Pack offered={i === 8} />
              </group>
            ) : null
          }
        />
      )),
    [rig, t],
  );
  const restRig = useMemo(
    () => ({ ashtray: [ASHTRAY_AT[0], TOP, ASHTRAY_AT[2]] as Vec3, restTip: [ASHTRAY_AT[0] + 0.045, TOP + 0.022, ASHTRAY_AT[2] - 0.02] as Vec3 }) as SmokerRig,
    [],
  );
  const emitters = useMemo<Emitter[]>(
    () => [
      { kind: 'wisp', at: () => (t.restingShown() ? restRig.restTip : null), strength: 0.8 },
      { kind: 'wisp', at: () => (t.handLit() ? rig.cigTips[t.pick()] ?? null : null) },
      { kind: 'exhale', at: rig.mouth, dir: [-0.55, 0.62, 0.5], age: t.exhale },
    ],
    [rig, t, restRig],
  );
  const shadow = useMemo<Part[]>(() => [{ geometry: FLOOR_PLANE, position: [FRIEND_AT[0], 0.006, FRIEND_AT[2] + 0.1], scale: [0.8, 1, 0.9] }], []);
  const lighterSound = useMemo(() => risingEdge(() => lighter.current?.play()), [lighter]);
  useFrame(() => lighterSound(t.flame()));
  return (
    <>
      <MergedMesh parts={shadow} material={contactShadow} renderOrder={1} />
      <PoseSwitch poses={poses} pick={t.pick} name="friend" />
      <RestingCigarette rig={restRig} visible={t.restingShown} lit={() => true} />
      <Smoke emitters={emitters} />
    </>
  );
}

/** Everything on the patient's table from level 2; the friend picks some of it up at level 4. */
function TableTobacco({ t }: { t: FriendTimeline }) {
  return (
    <>
      <AnchoredCue id="cigarette-pack" minLevel={2} at={PACK_AT}>
        <Hideable hidden={t.packInHand}>
          <group position={PACK_AT} rotation={[-Math.PI / 2, 0, 0.5]}>
            <group position={[0, 0, PACK.d / 2]}>
              <Pack />
            </group>
          </group>
          <mesh geometry={FLOOR_PLANE} material={contactShadow} position={[PACK_AT[0], TOP + 0.0006, PACK_AT[2] - 0.04]} scale={[0.14, 1, 0.16]} renderOrder={1} />
        </Hideable>
      </AnchoredCue>
      <AnchoredCue id="lighter" minLevel={2} at={LIGHTER_AT}>
        <Hideable hidden={t.lighterInHand}>
          <group position={[LIGHTER_AT[0], TOP + 0.006, LIGHTER_AT[2]]} rotation={[-Math.PI / 2, 0, -0.7]}>
            <group position={[0, -0.04, 0]}>
              <Lighter />
            </group>
          </group>
        </Hideable>
      </AnchoredCue>
      <AnchoredCue id="ashtray-stubs" minLevel={2} at={ASHTRAY_AT}>
        <group position={ASHTRAY_AT}>
          <Ashtray stubs={4} seed={3} />
        </group>
        <mesh geometry={FLOOR_PLANE} material={contactShadow} position={[ASHTRAY_AT[0], TOP + 0.0006, ASHTRAY_AT[2]]} scale={[0.18, 1, 0.18]} renderOrder={1} />
      </AnchoredCue>
    </>
  );
}

/**
 * Sounds: the café behind the patient and the street ahead at every level; from 3, someone behind the patient
 * lighting a cigarette as the neighbours smoke (heard, not seen); at 4, the friend's lighter as its flame shows;
 * a lighter at the next table when the clinician fires it.
 */
function Sounds({ friendLighter }: { friendLighter: RefObject<SoundHandle | null> }) {
  return (
    <>
      <SpatialSound id="cafe" sound="cafe" position={[0.5, 1.4, 2.2]} volume={0.3} refDistance={3} />
      <SpatialSound id="traffic" sound="traffic" position={[0, 0.8, -7.5]} volume={0.35} refDistance={5} />
      <SpatialSound id="lighter-behind" sound="lighter" position={[-1.2, 1.0, 1.3]} minLevel={3} volume={0.45} refDistance={1.2} on={[{ segment: 'neighbour-smokes' }]} />
      <SpatialSound id="friend-lighter" sound="lighter" position={[FRIEND_AT[0] + 0.2, 0.95, FRIEND_AT[2] + 0.3]} minLevel={4} volume={0.5} ref={friendLighter} />
      <SpatialSound id="lighter-click" sound="lighter" position={[0.9, 0.85, -0.9]} volume={0.5} on={[{ event: 'lighter-click' }]} />
    </>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Scene
// ---------------------------------------------------------------------------------------------------------------

/**
 * A café terrace after lunch, graded 0–4: the sunny terrace and street (0); a tobacconist's red carrot across
 * the street and an ashtray on a far table (1); a pack, a lighter and an ashtray with stubs beside the patient's
 * coffee (2); people at the next tables smoking (3); a friend across the table lighting up and holding out the
 * pack (4).
 */
export function CafeTerraceScene({ personalisation }: SceneProps) {
  const t = useFriendTimeline();
  const friendLighter = useRef<SoundHandle>(null);
  const time = timeOfDayOf(personalisation);
  return (
    <>
      <SceneEnvironment intensity={time === 'day' ? 0.4 : 0.22} background={time === 'day' ? '#9fc3ea' : '#2a2f4a'} />
      <Stressor at={[-0.17, TOP, -0.43]} rotY={0.9} scale={0.7} personalisation={personalisation ?? {}} />
      <Lights time={time} />
      <Street time={time} />
      <Sounds friendLighter={friendLighter} />
      <AnchoredCue id="tabac-sign" minLevel={1} at={[TABAC_X, 3.5, FACADE_Z]}>
        <TabacSign />
      </AnchoredCue>
      <AnchoredCue id="far-ashtray" minLevel={1} at={[3.2, TOP, -2.8]}>
        <FarAshtray />
      </AnchoredCue>
      <TableTobacco t={t} />
      <AnchoredCue id="smoking-neighbours" minLevel={3} at={[0.1, 0.8, -2.1]}>
        <Neighbours />
      </AnchoredCue>
      <AnchoredCue id="friend" minLevel={4} at={[FRIEND_AT[0], 0.8, FRIEND_AT[2]]}>
        <Friend t={t} lighter={friendLighter} />
      </AnchoredCue>
    </>
  );
}

