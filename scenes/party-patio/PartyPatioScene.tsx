import { Stressor } from '../stressors/StressorOnTable';
import type { SceneProps } from '../components';
import { useFrame } from '@react-three/fiber';
import { useMemo, useRef } from 'react';
import {
  AdditiveBlending,
  BackSide,
  Matrix4,
  BoxGeometry,
  CircleGeometry,
  CylinderGeometry,
  Euler,
  type Group,
  LatheGeometry,
  MeshBasicMaterial,
  MeshStandardMaterial,
  type Mesh,
  PlaneGeometry,
  Quaternion,
  SphereGeometry,
  SpriteMaterial,
  TorusGeometry,
  Vector2,
  Vector3,
} from 'three';
import { SpatialSound, risingEdge, type SoundHandle } from '../kit/audio/SpatialSound';
import { Avatar } from '../kit/Avatar';
import { Cue } from '../kit/Cue';
import { SceneEnvironment } from '../kit/Environment';
import {
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
  tiledTexture,
  woodVC,
  type Part,
  type Vec3,
} from '../kit/materials';
import { useSceneEvent, useSegment } from '../kit/sceneClock';
import { useSceneLevel } from '../kit/levelContext';
import { Joint, Lighter, MergedMesh, Smoke, drawLeaf, grinderParts, hold, plume, smooth, track, wisp, type JointHandle, type LighterHandle, type SmokeHandle } from './fx';
import { LEFT, RIGHT, Rig, makePose, type RigHandle, type RigPose } from './rig';
import { PoseSmoother, carry, grip, gripFilter, mouthGrip, toWorldDir } from './choreo';

/*
 * Garden patio party on a summer evening. Layout (metres; the patient sits at the origin facing -z, eyes y 1.2):
 *   - the patient's outdoor sofa (seat 0.45) along z ≈ 0, a friend on the same sofa at x = 0.8;
 *   - a low teak coffee table in front (z -0.42 … -1.02, top 0.46) on an outdoor rug;
 *   - a second sofa facing the patient 2.5 m away (two friends), a lounge chair and side table on the left;
 *   - the house wall on the left (lit glass door), a slatted screen at the back of the patio, lawn, hedges,
 *     trees and a dusk sky beyond; festoon string lights on posts overhead; a party speaker on the right.
 * Level 0 has soft drinks only (lemonade, cans, crisps): no cannabis anywhere.
 */

const TABLE = { x0: -0.62, x1: 0.46, z0: -1.05, z1: -0.45, h: 0.46 };
const TOP = TABLE.h + 0.001;
const SOFA_SEAT = 0.45;
const OPP_Z = -2.52;

// ---------------------------------------------------------------------------------------------------------------
// Geometry templates
// ---------------------------------------------------------------------------------------------------------------

const BOX = new BoxGeometry(1, 1, 1);
const CYL = new CylinderGeometry(1, 1, 1, 16, 1);
const CYL_LO = new CylinderGeometry(1, 1, 1, 8, 1);
const CYL_OPEN = new CylinderGeometry(1, 1, 1, 16, 1, true);
const SPHERE = new SphereGeometry(1, 14, 10);
const SPHERE_LO = new SphereGeometry(1, 8, 6);
const PLANE = new PlaneGeometry(1, 1);
const FLOOR_PLANE = new PlaneGeometry(1, 1).rotateX(-Math.PI / 2);
const CIRCLE = new CircleGeometry(0.5, 24).rotateX(-Math.PI / 2);
const TORUS = new TorusGeometry(1, 0.12, 6, 20);
const v2 = (pts: [number, number][]) => pts.map(([x, y]) => new Vector2(x, y));

const JUG = new LatheGeometry(
  v2([
    [0, 0],
    [0.055, 0],
    [0.06, 0.01],
    [0.062, 0.14],
    [0.05, 0.2],
    [0.047, 0.225],
    [0.052, 0.235],
  ]),
  18,
);
const JUG_LIQUID = new LatheGeometry(
  v2([
    [0, 0.006],
    [0.055, 0.006],
    [0.058, 0.14],
    [0.05, 0.17],
    [0, 0.17],
  ]),
  18,
);
const TUMBLER = new LatheGeometry(
  v2([
    [0, 0],
    [0.03, 0],
    [0.034, 0.11],
  ]),
  14,
);
const TUMBLER_LIQUID = new LatheGeometry(
  v2([
    [0, 0.004],
    [0.029, 0.004],
    [0.032, 0.075],
    [0, 0.075],
  ]),
  14,
);
const BOWL = new LatheGeometry(
  v2([
    [0, 0],
    [0.05, 0],
    [0.1, 0.05],
    [0.11, 0.065],
    [0.104, 0.066],
    [0.094, 0.05],
    [0.045, 0.008],
    [0, 0.008],
  ]),
  20,
);
const ASHTRAY = new LatheGeometry(
  v2([
    [0, 0],
    [0.055, 0],
    [0.06, 0.01],
    [0.058, 0.026],
    [0.048, 0.027],
    [0.044, 0.01],
    [0, 0.01],
  ]),
  20,
);

// ---------------------------------------------------------------------------------------------------------------
// Procedural textures
// ---------------------------------------------------------------------------------------------------------------

function drawSky(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const g = ctx.createLinearGradient(0, 0, 0, h);
  g.addColorStop(0, '#050914');
  g.addColorStop(0.22, '#0a1430');
  g.addColorStop(0.4, '#1b2a5c');
  g.addColorStop(0.47, '#3d4a82');
  g.addColorStop(0.5, '#6a5f8a');
  g.addColorStop(0.52, '#141a26');
  g.addColorStop(1, '#0b0e14');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, w, h);
  // the last of the sunset low on one side
  const s = ctx.createRadialGradient(w * 0.42, h * 0.5, 0, w * 0.42, h * 0.5, w * 0.22);
  s.addColorStop(0, 'rgba(240,140,90,0.55)');
  s.addColorStop(0.4, 'rgba(190,100,110,0.25)');
  s.addColorStop(1, 'rgba(120,80,120,0)');
  ctx.save();
  ctx.scale(1, 0.35);
  ctx.fillStyle = s;
  ctx.fillRect(0, 0, w, h / 0.35);
  ctx.restore();
  ctx.fillStyle = '#141a26';
  ctx.fillRect(0, h * 0.515, w, h * 0.485);
  const rnd = seededRandom(5);
  for (let i = 0; i < 420; i++) {
    const y = Math.pow(rnd(), 1.6) * h * 0.44;
    const x = rnd() * w;
    const a = 0.25 + rnd() * 0.75 * (1 - y / (h * 0.5));
    ctx.fillStyle = `rgba(255,255,240,${a})`;
    const r = rnd() < 0.06 ? 1.6 : 0.8;
    ctx.fillRect(x, y, r, r);
  }
  // moon
  ctx.fillStyle = '#f4efd8';
  ctx.beginPath();
  ctx.arc(w * 0.66, h * 0.23, 9, 0, Math.PI * 2);
  ctx.fill();
  const mg = ctx.createRadialGradient(w * 0.66, h * 0.23, 9, w * 0.66, h * 0.23, 40);
  mg.addColorStop(0, 'rgba(240,235,210,0.25)');
  mg.addColorStop(1, 'rgba(240,235,210,0)');
  ctx.fillStyle = mg;
  ctx.fillRect(0, 0, w, h);
}

function drawTreeline(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const rnd = seededRandom(9);
  ctx.clearRect(0, 0, w, h);
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, h * 0.86, w, h * 0.14);
  for (let x = -30; x < w + 30; ) {
    const conifer = rnd() < 0.3;
    const th = h * (0.35 + rnd() * 0.5);
    const tw = 30 + rnd() * 60;
    if (conifer) {
      ctx.beginPath();
      ctx.moveTo(x, h);
      ctx.lineTo(x + tw * 0.35, h - th);
      ctx.lineTo(x + tw * 0.7, h);
      ctx.fill();
    } else {
      for (let k = 0; k < 6; k++) {
        ctx.beginPath();
        ctx.arc(x + tw * (0.2 + rnd() * 0.6), h - th * (0.45 + rnd() * 0.5), tw * (0.25 + rnd() * 0.25), 0, Math.PI * 2);
        ctx.fill();
      }
      ctx.fillRect(x + tw * 0.45, h - th * 0.5, 6, th * 0.5);
    }
    x += tw * (0.45 + rnd() * 0.4);
  }
}

function drawPavers(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const rnd = seededRandom(13);
  ctx.fillStyle = '#4a4640';
  ctx.fillRect(0, 0, w, h);
  const rows = 4;
  const rh = h / rows;
  for (let r = 0; r < rows; r++) {
    let x = r % 2 ? -w / 4 : 0;
    while (x < w) {
      const len = w / 2;
      const v = rnd();
      const base = [Math.round(150 + v * 30), Math.round(140 + v * 26), Math.round(124 + v * 22)];
      ctx.fillStyle = `rgb(${base[0]},${base[1]},${base[2]})`;
      ctx.fillRect(x + 3, r * rh + 3, len - 6, rh - 6);
      for (let i = 0; i < 260; i++) {
        ctx.fillStyle = rnd() < 0.5 ? 'rgba(255,255,255,0.07)' : 'rgba(0,0,0,0.08)';
        ctx.fillRect(x + 3 + rnd() * (len - 6), r * rh + 3 + rnd() * (rh - 6), 2 + rnd() * 3, 2 + rnd() * 3);
      }
      const edge = ctx.createLinearGradient(0, r * rh, 0, r * rh + rh);
      edge.addColorStop(0, 'rgba(255,255,255,0.05)');
      edge.addColorStop(1, 'rgba(0,0,0,0.1)');
      ctx.fillStyle = edge;
      ctx.fillRect(x + 3, r * rh + 3, len - 6, rh - 6);
      x += len;
    }
  }
}

function drawGrass(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const rnd = seededRandom(17);
  ctx.fillStyle = '#2e4a26';
  ctx.fillRect(0, 0, w, h);
  for (let i = 0; i < 3000; i++) {
    const g = 50 + rnd() * 50;
    ctx.fillStyle = `rgba(${g * 0.55},${g + 20},${g * 0.45},0.5)`;
    ctx.fillRect(rnd() * w, rnd() * h, 1.5, 4 + rnd() * 4);
  }
}

function drawRug(ctx: CanvasRenderingContext2D, w: number, h: number) {
  ctx.fillStyle = '#e9e0cc';
  ctx.fillRect(0, 0, w, h);
  ctx.strokeStyle = '#2f6d6a';
  ctx.lineWidth = 14;
  ctx.strokeRect(16, 16, w - 32, h - 32);
  ctx.lineWidth = 4;
  ctx.strokeStyle = '#c46a3c';
  ctx.strokeRect(36, 36, w - 72, h - 72);
  const cell = 48;
  for (let y = 60; y < h - 60; y += cell) {
    for (let x = 60; x < w - 60; x += cell) {
      ctx.fillStyle = (x / cell + y / cell) % 2 < 1 ? '#2f6d6a' : '#d6a04a';
      ctx.beginPath();
      ctx.moveTo(x + cell / 2, y + 8);
      ctx.lineTo(x + cell - 8, y + cell / 2);
      ctx.lineTo(x + cell / 2, y + cell - 8);
      ctx.lineTo(x + 8, y + cell / 2);
      ctx.closePath();
      ctx.fill();
    }
  }
}

function drawFlag(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const cols = ['#1f8a3a', '#f2c31b', '#c8252b'];
  cols.forEach((c, i) => {
    ctx.fillStyle = c;
    ctx.fillRect(0, (i * h) / 3, w, h / 3 + 1);
  });
  drawLeaf(ctx, w / 2, h * 0.63, h * 0.46, '#12331a', '#0a0f0a');
  // fabric folds
  for (let x = 0; x < w; x += 4) {
    const a = 0.09 * Math.sin((x / w) * Math.PI * 7);
    ctx.fillStyle = a > 0 ? `rgba(255,255,255,${a})` : `rgba(0,0,0,${-a * 1.4})`;
    ctx.fillRect(x, 0, 4, h);
  }
}

function drawInterior(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const g = ctx.createLinearGradient(0, 0, 0, h);
  g.addColorStop(0, '#6b4a30');
  g.addColorStop(0.6, '#a87a4e');
  g.addColorStop(1, '#4a3424');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, w, h);
  // floor
  ctx.fillStyle = '#5a3e2a';
  ctx.fillRect(0, h * 0.78, w, h * 0.22);
  // bookshelf
  ctx.fillStyle = '#3a2718';
  ctx.fillRect(w * 0.06, h * 0.22, w * 0.3, h * 0.56);
  const rnd = seededRandom(4);
  for (let s = 0; s < 4; s++) {
    let x = w * 0.08;
    const y = h * (0.26 + s * 0.13);
    while (x < w * 0.34) {
      const bw = 6 + rnd() * 8;
      ctx.fillStyle = ['#8a3a2a', '#2e4a6b', '#c9a45a', '#3e5a36', '#d8cbb0'][Math.floor(rnd() * 5)]!;
      ctx.fillRect(x, y + rnd() * 8, bw, h * 0.1);
      x += bw + 1;
    }
  }
  // sofa and lamp
  ctx.fillStyle = '#2c3a48';
  ctx.fillRect(w * 0.45, h * 0.6, w * 0.45, h * 0.18);
  ctx.fillRect(w * 0.45, h * 0.5, w * 0.45, h * 0.12);
  const lg = ctx.createRadialGradient(w * 0.8, h * 0.35, 0, w * 0.8, h * 0.35, w * 0.35);
  lg.addColorStop(0, 'rgba(255,220,150,0.95)');
  lg.addColorStop(1, 'rgba(255,200,120,0)');
  ctx.fillStyle = lg;
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = '#f5d9a0';
  ctx.beginPath();
  ctx.moveTo(w * 0.76, h * 0.3);
  ctx.lineTo(w * 0.84, h * 0.3);
  ctx.lineTo(w * 0.86, h * 0.4);
  ctx.lineTo(w * 0.74, h * 0.4);
  ctx.fill();
  ctx.fillStyle = '#2a2018';
  ctx.fillRect(w * 0.795, h * 0.4, 4, h * 0.38);
  // a framed picture
  ctx.fillStyle = '#e6dcc8';
  ctx.fillRect(w * 0.52, h * 0.18, w * 0.16, h * 0.14);
  ctx.fillStyle = '#7a9a8c';
  ctx.fillRect(w * 0.535, h * 0.195, w * 0.13, h * 0.11);
}

/** Small printed props: soda can wraps, rolling-papers cover, grinder lid. */
const ATLAS_W = 1024;
const ATLAS_H = 512;
type Rect = [number, number, number, number];
const R_COLA: Rect = [0, 0, 512, 128];
const R_LEMON: Rect = [0, 128, 512, 128];
const R_ORANGE: Rect = [0, 256, 512, 128];
const R_PAPERS: Rect = [512, 0, 256, 112];
const R_PAPERS_IN: Rect = [512, 112, 256, 112];
const R_SILVER: Rect = [776, 8, 64, 64];
const uvOf = ([x, y, w, h]: Rect): [number, number, number, number] => [x / ATLAS_W, 1 - (y + h) / ATLAS_H, (x + w) / ATLAS_W, 1 - y / ATLAS_H];

function drawProps(ctx: CanvasRenderingContext2D) {
  ctx.fillStyle = '#888';
  ctx.fillRect(0, 0, ATLAS_W, ATLAS_H);
  const can = (r: Rect, bg: string, band: string, text: string, ink: string) => {
    const [x, y, w, h] = r;
    ctx.fillStyle = bg;
    ctx.fillRect(x, y, w, h);
    ctx.fillStyle = band;
    ctx.beginPath();
    ctx.moveTo(x, y + h * 0.62);
    for (let i = 0; i <= 20; i++) ctx.lineTo(x + (w * i) / 20, y + h * (0.62 + 0.12 * Math.sin(i * 0.9)));
    ctx.lineTo(x + w, y + h);
    ctx.lineTo(x, y + h);
    ctx.fill();
    ctx.fillStyle = ink;
    ctx.font = `bold ${h * 0.38}px sans-serif`;
    ctx.textBaseline = 'middle';
    ctx.fillText(text, x + 20, y + h * 0.38);
    ctx.fillText(text, x + w / 2 + 20, y + h * 0.38);
    ctx.fillStyle = 'rgba(255,255,255,0.25)';
    ctx.fillRect(x, y + 4, w, 4);
    ctx.fillRect(x, y + h - 8, w, 4);
  };
  can(R_COLA, '#b81d24', '#7a0f14', 'COLA', '#ffffff');
  can(R_LEMON, '#d8e86a', '#3f9a44', 'LIMÓN', '#1d5a24');
  can(R_ORANGE, '#f28a1e', '#ffd04a', 'ORANGE', '#ffffff');
  // rolling papers booklet cover
  {
    const [x, y, w, h] = R_PAPERS;
    ctx.fillStyle = '#c9762a';
    ctx.fillRect(x, y, w, h);
    ctx.fillStyle = '#f6ead2';
    ctx.fillRect(x + 8, y + 8, w - 16, h - 16);
    ctx.fillStyle = '#c9762a';
    ctx.font = 'bold 34px serif';
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText('PAPERS', x + w / 2, y + h * 0.42);
    ctx.font = '15px sans-serif';
    ctx.fillStyle = '#5a3a18';
    ctx.fillText('KING SIZE SLIM', x + w / 2, y + h * 0.75);
    ctx.textAlign = 'left';
  }
  {
    const [x, y, w, h] = R_SILVER;
    const g = ctx.createLinearGradient(x, y, x + w, y + h);
    g.addColorStop(0, '#e4e7ea');
    g.addColorStop(1, '#a9adb2');
    ctx.fillStyle = g;
    ctx.fillRect(x - 8, y - 8, w + 16, h + 16);
  }
  {
    const [x, y, w, h] = R_PAPERS_IN;
    ctx.fillStyle = '#f7f4ee';
    ctx.fillRect(x, y, w, h);
    ctx.strokeStyle = 'rgba(120,100,80,0.25)';
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(x, y + h * 0.15);
    ctx.lineTo(x + w, y + h * 0.15);
    ctx.stroke();
  }
}

const skyTex = canvasTexture(1024, 512, drawSky);
const treeTex = tiledTexture(canvasTexture(1024, 256, drawTreeline), 3, 1);
const paverTex = canvasTexture(512, 512, drawPavers, true);
const grassTex = canvasTexture(256, 256, drawGrass, true);
const rugTex = canvasTexture(512, 384, drawRug);
const flagTex = canvasTexture(512, 320, drawFlag);
const interiorTex = canvasTexture(512, 512, drawInterior);
const propTex = canvasTexture(ATLAS_W, ATLAS_H, drawProps);

const skyMat = new MeshBasicMaterial({ map: skyTex, side: BackSide, fog: false, depthWrite: false });
const treeMat = new MeshBasicMaterial({ map: treeTex, color: '#0b120e', side: BackSide, alphaTest: 0.5, fog: false });
const paverMat = new MeshStandardMaterial({ map: paverTex, roughness: 0.88, metalness: 0 });
const grassMat = new MeshStandardMaterial({ map: grassTex, roughness: 1, metalness: 0, color: '#9fb39a' });
const rugMat = new MeshStandardMaterial({ map: rugTex, roughness: 1, metalness: 0 });
const flagMat = new MeshStandardMaterial({ map: flagTex, roughness: 0.9, side: 2, emissive: '#ffffff', emissiveMap: flagTex, emissiveIntensity: 0.12 });
const interiorMat = new MeshBasicMaterial({ map: interiorTex, color: '#e8d2b0' });
const printMat = new MeshStandardMaterial({ map: propTex, roughness: 0.4, metalness: 0.25 });
const paperPrintMat = new MeshStandardMaterial({ map: propTex, roughness: 0.85, metalness: 0 });
const bulbHalo = glowHalo.clone();
bulbHalo.color.set('#ffb060');
bulbHalo.opacity = 0.32;
const lemonade = new MeshStandardMaterial({ color: '#efd35a', emissive: '#5a4208', emissiveIntensity: 0.25, roughness: 0.2, transparent: true, opacity: 0.85 });
const bagMat = new MeshStandardMaterial({ color: '#f4f6f8', roughness: 0.15, metalness: 0, transparent: true, opacity: 0.32, depthWrite: false, envMapIntensity: 2 });

// ---------------------------------------------------------------------------------------------------------------
// Patio (level 0)
// ---------------------------------------------------------------------------------------------------------------

interface Buckets {
  pavers: Part[];
  grass: Part[];
  wood: Part[];
  matte: Part[];
  satin: Part[];
  metal: Part[];
  glow: Part[];
  halo: Part[];
  leaf: Part[];
  interior: Part[];
  shadow: Part[];
  print: Part[];
  rug: Part[];
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

const FRAME = '#3a3836';
const CUSHION = '#e4ddcf';
const CUSHION_SHADE = '#d3cab9';

/**
 * Outdoor sofa section: aluminium frame, thick cushions. Built facing +z with its front edge on z = 0, then
 * placed at `at` and turned by `yaw`; `arms` says which ends (local -x, +x) have an arm.
 */
function sofa(b: Buckets, at: Vec3, yaw: number, width: number, seats: number, arms: [boolean, boolean], pillows: string[]) {
  const M = new Matrix4().compose(new Vector3(...at), new Quaternion().setFromEuler(new Euler(0, yaw, 0)), new Vector3(1, 1, 1));
  const d = 0.78;
  const x0 = -width / 2;
  const x1 = width / 2;
  const P = (list: Part[], ax: number, ay: number, az: number, bx: number, by: number, bz: number, color: string) =>
    list.push({ geometry: BOX, position: [(ax + bx) / 2, (ay + by) / 2, (az + bz) / 2], scale: [bx - ax, by - ay, bz - az], color, parent: M });
  P(b.satin, x0, 0.1, -d, x1, 0.32, 0, FRAME);
  if (arms[0]) {
    P(b.satin, x0 - 0.13, 0.1, -d, x0, 0.64, 0, FRAME);
    P(b.satin, x0 - 0.14, 0.62, -d - 0.01, x0 + 0.005, 0.65, 0.01, '#4a4744');
  }
  if (arms[1]) {
    P(b.satin, x1, 0.1, -d, x1 + 0.13, 0.64, 0, FRAME);
    P(b.satin, x1 - 0.005, 0.62, -d - 0.01, x1 + 0.14, 0.65, 0.01, '#4a4744');
  }
  P(b.satin, x0, 0.32, -d, x1, 0.78, -d + 0.12, FRAME);
  for (const lx of [x0 + 0.05, x1 - 0.05]) for (const lz of [-d + 0.05, -0.05]) P(b.metal, lx - 0.02, 0, lz - 0.02, lx + 0.02, 0.1, lz + 0.02, '#222');
  const w = width / seats;
  for (let i = 0; i < seats; i++) {
    const cx0 = x0 + i * w + 0.008;
    const cx1 = x0 + (i + 1) * w - 0.008;
    P(b.matte, cx0, 0.32, -d + 0.12, cx1, SOFA_SEAT, 0, CUSHION);
    b.matte.push({ geometry: CYL_LO, position: [(cx0 + cx1) / 2, SOFA_SEAT - 0.004, 0], rotation: [0, 0, Math.PI / 2], scale: [0.009, cx1 - cx0, 0.009], color: CUSHION_SHADE, parent: M });
    b.matte.push({ geometry: BOX, position: [(cx0 + cx1) / 2, 0.66, -d + 0.2], rotation: [-0.14, 0, 0], scale: [cx1 - cx0, 0.42, 0.16], color: CUSHION, parent: M });
  }
  pillows.forEach((c, i) => {
    const px = i === 0 ? x0 + 0.22 : x1 - 0.22;
    b.matte.push({ geometry: BOX, position: [px, 0.62, -d + 0.3], rotation: [-0.3, i === 0 ? 0.35 : -0.35, 0], scale: [0.4, 0.38, 0.12], color: c, parent: M });
  });
  b.shadow.push({ geometry: FLOOR_PLANE, position: [0, 0.004, -d / 2], scale: [width + 0.7, 1, d + 0.5], parent: M });
}

function plant(b: Buckets, x: number, z: number, size: number, seed: number, pot = '#8a6a52', grassy = false) {
  const rnd = seededRandom(seed);
  const ph = 0.42 * size;
  b.matte.push({ geometry: new CylinderGeometry(0.2 * size, 0.15 * size, ph, 16), position: [x, ph / 2, z], color: pot });
  b.matte.push({ geometry: CYL_LO, position: [x, ph - 0.012, z], scale: [0.19 * size, 0.02, 0.19 * size], color: '#2e2218' });
  const n = Math.round((grassy ? 40 : 26) * size);
  for (let i = 0; i < n; i++) {
    const a = rnd() * Math.PI * 2;
    const tilt = grassy ? 0.05 + rnd() * 0.5 : 0.3 + rnd() * 1.0;
    const len = (grassy ? 0.45 + rnd() * 0.35 : 0.16 + rnd() * 0.14) * size;
    const hgt = ph + (grassy ? 0 : (0.1 + rnd() * 0.7) * size);
    const rr = grassy ? rnd() * 0.08 * size : (0.02 + rnd() * 0.16) * size;
    const q = new Quaternion().setFromEuler(new Euler(-(Math.PI / 2 - tilt), Math.PI / 2 - a, 0, 'YXZ'));
    const dir = new Vector3(0, 0, 1).applyQuaternion(q);
    b.leaf.push({
      geometry: SPHERE_LO,
      position: [x + Math.cos(a) * rr + dir.x * len * 0.5, hgt + dir.y * len * 0.5, z + Math.sin(a) * rr + dir.z * len * 0.5],
      quaternion: q,
      scale: [grassy ? 0.012 * size : 0.06 * size, 0.006, len * 0.5],
      color: grassy ? ['#6f8a4a', '#839a58', '#5e7a3e'][Math.floor(rnd() * 3)]! : ['#2f6b34', '#3d7f3a', '#285c2e', '#4a8c44'][Math.floor(rnd() * 4)]!,
    });
  }
  blob(b, x, z, 0.8 * size, 0.8 * size);
}

/** A dark, bushy hedge from (x0, z0) to (x1, z1). */
function hedge(b: Buckets, x0: number, z0: number, x1: number, z1: number, hgt: number, seed: number) {
  const rnd = seededRandom(seed);
  const len = Math.hypot(x1 - x0, z1 - z0);
  const n = Math.ceil(len / 0.45);
  for (let i = 0; i <= n; i++) {
    const f = i / n;
    const x = x0 + (x1 - x0) * f;
    const z = z0 + (z1 - z0) * f;
    for (let k = 0; k < 2; k++) {
      const r = 0.4 + rnd() * 0.25;
      b.leaf.push({
        geometry: SPHERE_LO,
        position: [x + (rnd() - 0.5) * 0.3, hgt * (0.35 + k * 0.45) + rnd() * 0.15, z + (rnd() - 0.5) * 0.3],
        scale: [r, hgt * 0.42, r],
        color: ['#1d3a1f', '#23452a', '#193420'][Math.floor(rnd() * 3)]!,
      });
    }
  }
}

function tree(b: Buckets, x: number, z: number, s: number, seed: number) {
  const rnd = seededRandom(seed);
  b.wood.push({ geometry: CYL_LO, position: [x, 1.4 * s, z], scale: [0.12 * s, 2.8 * s, 0.12 * s], color: '#3a2c22' });
  for (let i = 0; i < 9; i++) {
    const a = rnd() * Math.PI * 2;
    const r = rnd() * 1.1 * s;
    b.leaf.push({
      geometry: SPHERE_LO,
      position: [x + Math.cos(a) * r, (3 + rnd() * 1.8) * s, z + Math.sin(a) * r],
      scale: (0.9 + rnd() * 0.6) * s,
      color: ['#16301a', '#1b3a20', '#122a16'][Math.floor(rnd() * 3)]!,
    });
  }
}

/** Festoon of globe bulbs hanging between two anchors (catenary-like sag). */
function festoon(b: Buckets, a: Vec3, c: Vec3, sag: number) {
  const A = new Vector3(...a);
  const C = new Vector3(...c);
  const len = A.distanceTo(C);
  const segs = Math.ceil(len / 0.25);
  const pts: Vector3[] = [];
  for (let i = 0; i <= segs; i++) {
    const f = i / segs;
    const p = A.clone().lerp(C, f);
    p.y -= sag * 4 * f * (1 - f);
    pts.push(p);
  }
  for (let i = 0; i < segs; i++) {
    const p = pts[i]!;
    const q = pts[i + 1]!;
    const mid = p.clone().add(q).multiplyScalar(0.5);
    b.metal.push({ geometry: CYL_LO, position: [mid.x, mid.y, mid.z], quaternion: new Quaternion().setFromUnitVectors(new Vector3(0, 1, 0), q.clone().sub(p).normalize()), scale: [0.004, p.distanceTo(q), 0.004], color: '#1a1a1a' });
  }
  const eye = new Vector3(0, 1.2, 0);
  for (let i = 1; i < segs; i += 2) {
    const p = pts[i]!;
    b.metal.push({ geometry: CYL_LO, position: [p.x, p.y - 0.025, p.z], scale: [0.012, 0.04, 0.012], color: '#222' });
    b.glow.push({ geometry: SPHERE_LO, position: [p.x, p.y - 0.075, p.z], scale: [0.032, 0.036, 0.032], color: '#ffd08a' });
    const toEye = eye.clone().sub(p).normalize();
    b.halo.push({ geometry: PLANE, position: [p.x, p.y - 0.075, p.z], quaternion: new Quaternion().setFromUnitVectors(new Vector3(0, 0, 1), toEye), scale: 0.36 });
  }
}

function buildPatio(): Buckets {
  const b: Buckets = { pavers: [], grass: [], wood: [], matte: [], satin: [], metal: [], glow: [], halo: [], leaf: [], interior: [], shadow: [], print: [], rug: [] };

  // Ground: paved patio, lawn beyond, a step down from the patio edge.
  b.pavers.push({ geometry: FLOOR_PLANE, position: [-0.1, 0, -1.0], scale: [8.6, 1, 7.2] });
  box(b.pavers, -4.4, -0.12, -4.6, 4.2, 0, -4.6 + 0.001, '#9a9080');
  b.grass.push({ geometry: FLOOR_PLANE, position: [0, -0.03, -6], scale: [40, 1, 40] });
  // edging stones
  box(b.matte, -4.4, -0.02, -4.66, 4.3, 0.03, -4.56, '#7b736a');
  box(b.matte, 4.2, -0.02, -4.66, 4.3, 0.03, 2.6, '#7b736a');

  // Outdoor rug under the table
  b.rug.push({ geometry: FLOOR_PLANE, position: [0.3, 0.006, -0.95], scale: [2.3, 1, 1.7] });

  // House wall on the left with a lit glass door and a window
  const hx = -4.4;
  const wall = (z0: number, z1: number, y0: number, y1: number) =>
    b.matte.push({ geometry: PLANE, position: [hx, (y0 + y1) / 2, (z0 + z1) / 2], rotation: [0, Math.PI / 2, 0], scale: [z1 - z0, y1 - y0, 1], color: '#cdbfa8' });
  wall(-4.8, -2.8, 0, 3.3);
  wall(-0.6, 3.2, 0, 0.9);
  wall(-0.6, 0.4, 0.9, 3.3);
  wall(1.8, 3.2, 0.9, 3.3);
  wall(0.4, 1.8, 2.1, 3.3);
  wall(-2.8, -0.6, 2.35, 3.3);
  b.interior.push({ geometry: PLANE, position: [hx - 0.08, 1.175, -1.7], rotation: [0, Math.PI / 2, 0], scale: [2.2, 2.35, 1] });
  b.interior.push({ geometry: PLANE, position: [hx - 0.08, 1.5, 1.1], rotation: [0, Math.PI / 2, 0], scale: [1.4, 1.2, 1], uvRect: [0.4, 0.3, 0.95, 0.75] });
  // frames
  const frame = (z0: number, z1: number, y0: number, y1: number, mullion: boolean) => {
    box(b.metal, hx - 0.06, y0, z0 - 0.05, hx + 0.04, y0 + 0.05, z1 + 0.05, '#2a2a2c');
    box(b.metal, hx - 0.06, y1 - 0.05, z0 - 0.05, hx + 0.04, y1, z1 + 0.05, '#2a2a2c');
    box(b.metal, hx - 0.06, y0, z0 - 0.05, hx + 0.04, y1, z0, '#2a2a2c');
    box(b.metal, hx - 0.06, y0, z1, hx + 0.04, y1, z1 + 0.05, '#2a2a2c');
    if (mullion) box(b.metal, hx - 0.06, y0, (z0 + z1) / 2 - 0.03, hx + 0.04, y1, (z0 + z1) / 2 + 0.03, '#2a2a2c');
  };
  frame(-2.8, -0.6, 0, 2.35, true);
  frame(0.4, 1.8, 0.9, 2.1, false);
  box(b.matte, hx, 0, -2.9, hx + 0.35, 0.08, -0.5, '#8e857a');
  // eave and gutter
  box(b.wood, hx - 0.1, 3.2, -4.9, hx + 0.55, 3.32, 3.2, '#3b2c22');
  box(b.metal, hx + 0.5, 3.12, -4.9, hx + 0.6, 3.2, 3.2, '#5a5a5c');
  // wall lamp
  box(b.metal, hx, 2.0, -3.25, hx + 0.06, 2.3, -3.1, '#1e1e1e');
  b.glow.push({ geometry: BOX, position: [hx + 0.09, 2.13, -3.175], scale: [0.06, 0.2, 0.1], color: '#ffd9a0' });
  b.halo.push({ geometry: PLANE, position: [hx + 0.13, 2.13, -3.175], rotation: [0, Math.PI / 2, 0], scale: 0.9 });

  // Slatted screen at the back of the patio with a climbing plant (the level-1 flag hangs on it)
  for (let i = 0; i < 15; i++) {
    const y = 0.12 + i * 0.125;
    box(b.wood, -3.7, y, -4.5, -0.5, y + 0.09, -4.46, '#6b4a32');
  }
  for (const x of [-3.75, -2.1, -0.45]) box(b.wood, x - 0.05, 0, -4.54, x + 0.05, 2.05, -4.44, '#4e3524');
  plant(b, -3.35, -4.15, 1.2, 21, '#6e5a4a');
  plant(b, -0.85, -4.15, 1.0, 22, '#6e5a4a', true);

  // Posts for the string lights
  const posts: Vec3[] = [
    [3.9, 0, -0.6],
    [3.9, 0, -4.3],
    [0.2, 0, -4.45],
    [3.9, 0, 2.2],
  ];
  for (const [x, , z] of posts) {
    box(b.wood, x - 0.05, 0, z - 0.05, x + 0.05, 2.75, z + 0.05, '#4a3424');
    box(b.metal, x - 0.09, 0, z - 0.09, x + 0.09, 0.06, z + 0.09, '#2a2a2a');
    blob(b, x, z, 0.4, 0.4);
  }
  festoon(b, [-4.35, 2.7, 1.6], [3.9, 2.72, -0.6], 0.35);
  festoon(b, [3.9, 2.72, -0.6], [-4.35, 2.7, -2.3], 0.38);
  festoon(b, [-4.35, 2.7, -2.3], [3.9, 2.72, -4.3], 0.38);
  festoon(b, [3.9, 2.72, -4.3], [0.2, 2.7, -4.45], 0.22);
  festoon(b, [0.2, 2.7, -4.45], [-4.35, 2.7, -3.9], 0.3);
  festoon(b, [3.9, 2.72, 2.2], [3.9, 2.72, -0.6], 0.25);

  // Sofas: the patient's (3 seats), the one facing it (2 seats)
  // The patient's L-shaped sectional: a section along x (the patient at x = 0) and a corner section on the
  // right facing -x, where the friend sits turned toward the patient. The sofa across faces the patient.
  sofa(b, [0, 0, -0.15], Math.PI, 1.44, 2, [false, true], ['#2f6d6a']);
  sofa(b, [0.72, 0, -0.31], -Math.PI / 2, 1.88, 2, [true, false], ['#d6a04a']);
  sofa(b, [0.35, 0, -2.15], 0, 1.6, 2, [true, true], ['#c46a3c', '#2f6d6a']);

  // Coffee table: teak slats on a frame
  const { x0, x1, z0, z1, h } = TABLE;
  const slats = 9;
  for (let i = 0; i < slats; i++) {
    const sz0 = z0 + ((z1 - z0) * i) / slats + 0.004;
    const sz1 = z0 + ((z1 - z0) * (i + 1)) / slats - 0.004;
    box(b.wood, x0, h - 0.025, sz0, x1, h, sz1, '#9a6a40');
  }
  box(b.wood, x0, h - 0.07, z0, x1, h - 0.025, z0 + 0.04, '#7d5432');
  box(b.wood, x0, h - 0.07, z1 - 0.04, x1, h - 0.025, z1, '#7d5432');
  box(b.wood, x0, h - 0.07, z0, x0 + 0.04, h - 0.025, z1, '#7d5432');
  box(b.wood, x1 - 0.04, h - 0.07, z0, x1, h - 0.025, z1, '#7d5432');
  for (const lx of [x0 + 0.02, x1 - 0.06])
    for (const lz of [z0 + 0.02, z1 - 0.06]) box(b.wood, lx, 0, lz, lx + 0.045, h - 0.07, lz + 0.045, '#7d5432');
  box(b.wood, x0 + 0.03, 0.12, z0 + 0.03, x1 - 0.03, 0.14, z1 - 0.03, '#8a5e38');
  blob(b, (x0 + x1) / 2, (z0 + z1) / 2, x1 - x0 + 0.5, z1 - z0 + 0.5, 0.008);

  // Lounge chair on the left and the side table next to it (the level-1 bag lies on it)
  {
    const cx = -1.85;
    const cz = -1.25;
    // faces +x (toward the coffee table): back on the -x side, arms front and rear
    box(b.satin, cx - 0.4, 0.1, cz - 0.38, cx + 0.4, 0.32, cz + 0.38, FRAME);
    box(b.matte, cx - 0.28, 0.32, cz - 0.34, cx + 0.38, 0.44, cz + 0.34, CUSHION);
    box(b.satin, cx - 0.4, 0.1, cz - 0.48, cx + 0.4, 0.6, cz - 0.38, FRAME);
    box(b.satin, cx - 0.4, 0.1, cz + 0.38, cx + 0.4, 0.6, cz + 0.48, FRAME);
    box(b.satin, cx - 0.42, 0.32, cz - 0.4, cx - 0.3, 0.8, cz + 0.4, FRAME);
    b.matte.push({ geometry: BOX, position: [cx - 0.22, 0.64, cz], rotation: [0, 0, 0.15], scale: [0.14, 0.4, 0.66], color: CUSHION });
    b.matte.push({ geometry: BOX, position: [cx - 0.1, 0.62, cz + 0.18], rotation: [0.1, 0, 0.35], scale: [0.12, 0.34, 0.34], color: '#c46a3c' });
    b.matte.push({ geometry: BOX, position: [cx + 0.05, 0.455, cz - 0.05], rotation: [0, 0.3, 0.02], scale: [0.42, 0.03, 0.5], color: '#8a4a3a' });
    blob(b, cx, cz, 1.2, 1.2);
    // side table
    const tx = -1.95;
    const tz = -2.55;
    b.wood.push({ geometry: CYL, position: [tx, 0.54, tz], scale: [0.28, 0.03, 0.28], color: '#9a6a40' });
    b.metal.push({ geometry: CYL_LO, position: [tx, 0.27, tz], scale: [0.025, 0.54, 0.025], color: '#2a2a2a' });
    b.metal.push({ geometry: CYL, position: [tx, 0.01, tz], scale: [0.2, 0.02, 0.2], color: '#2a2a2a' });
    blob(b, tx, tz, 0.7, 0.7);
    // a small potted succulent on it
    b.matte.push({ geometry: CYL, position: [tx + 0.14, 0.6, tz - 0.1], scale: [0.05, 0.09, 0.05], color: '#d9d2c4' });
    for (let i = 0; i < 7; i++) {
      const a = (i / 7) * Math.PI * 2;
      b.leaf.push({ geometry: SPHERE_LO, position: [tx + 0.14 + Math.cos(a) * 0.03, 0.66, tz - 0.1 + Math.sin(a) * 0.03], scale: [0.02, 0.035, 0.02], rotation: [Math.sin(a) * 0.6, 0, -Math.cos(a) * 0.6], color: '#6f9a6a' });
    }
  }

  // Party speaker on the right (its light ring is animated separately)
  {
    const sx = 2.75;
    const sz = -3.2;
    box(b.satin, sx - 0.2, 0, sz - 0.17, sx + 0.2, 0.72, sz + 0.17, '#1b1c1f');
    b.matte.push({ geometry: CIRCLE, position: [sx, 0.48, sz + 0.172], rotation: [Math.PI / 2, 0, 0], scale: [0.3, 1, 0.3], color: '#2a2b2f' });
    b.matte.push({ geometry: CIRCLE, position: [sx, 0.18, sz + 0.172], rotation: [Math.PI / 2, 0, 0], scale: [0.18, 1, 0.18], color: '#2a2b2f' });
    b.metal.push({ geometry: CYL, position: [sx, 0.48, sz + 0.18], rotation: [Math.PI / 2, 0, 0], scale: [0.05, 0.02, 0.05], color: '#555' });
    box(b.metal, sx - 0.1, 0.72, sz - 0.03, sx + 0.1, 0.75, sz + 0.03, '#333');
    blob(b, sx, sz, 0.7, 0.6);
    // a cooler box with soft drinks next to it
    box(b.satin, sx - 0.85, 0, sz - 0.2, sx - 0.35, 0.36, sz + 0.12, '#2f6fa8');
    box(b.satin, sx - 0.86, 0.36, sz - 0.21, sx - 0.34, 0.4, sz + 0.13, '#eef0f2');
    blob(b, sx - 0.6, sz, 0.8, 0.6);
  }

  // Plants around the patio
  plant(b, 3.55, -4.05, 1.4, 3, '#5a4a3e');
  plant(b, 3.6, 1.3, 1.2, 4, '#8a6a52', true);
  plant(b, -3.95, -4.2, 1.3, 5, '#5a4a3e');
  plant(b, -3.9, 0.1, 1.0, 6, '#8a6a52', true);
  plant(b, 2.2, -0.3, 0.9, 7, '#b08a6a');
  plant(b, -1.1, 0.6, 0.8, 8, '#b08a6a', true);

  // Garden: hedges, trees, a low fence
  hedge(b, -10, -9, 10, -9, 1.9, 31);
  hedge(b, 7.5, -9, 7.5, 4, 1.7, 32);
  hedge(b, 4.9, -6.2, 4.9, -4.8, 1.0, 33);
  tree(b, 5.8, -10.5, 1.2, 41);
  tree(b, -5.5, -11, 1.4, 42);
  tree(b, 1.5, -12.5, 1.1, 43);
  for (let x = -9; x <= 9; x += 0.16) box(b.wood, x, 0, -8.5, x + 0.12, 1.2, -8.48, '#2e241c');
  box(b.wood, -9, 0.95, -8.52, 9, 1.02, -8.5, '#2a2018');
  box(b.wood, -9, 0.25, -8.52, 9, 0.32, -8.5, '#2a2018');
  // solar garden lights along the lawn path
  for (const [x, z] of [
    [1.2, -5.4],
    [2.0, -6.4],
    [2.7, -7.4],
    [-1.2, -5.5],
    [-2.2, -6.6],
  ] as const) {
    b.metal.push({ geometry: CYL_LO, position: [x, 0.2, z], scale: [0.012, 0.4, 0.012], color: '#222' });
    b.glow.push({ geometry: SPHERE_LO, position: [x, 0.42, z], scale: 0.035, color: '#fff1c8' });
    b.halo.push({ geometry: PLANE, position: [x, 0.42, z + 0.02], scale: 0.35 });
  }
  return b;
}

function PatioSet() {
  const b = useMemo(buildPatio, []);
  return (
    <group name="cue:patio" userData={{ cueId: 'patio', minLevel: 0 }}>
      <mesh material={skyMat} renderOrder={-1}>
        <sphereGeometry args={[60, 32, 16]} />
      </mesh>
      <mesh material={treeMat} position={[0, 4.5, 0]}>
        <cylinderGeometry args={[28, 28, 9, 48, 1, true]} />
      </mesh>
      <MergedMesh parts={b.pavers} material={paverMat} worldUV={0.5} />
      <MergedMesh parts={b.grass} material={grassMat} worldUV={0.35} />
      <MergedMesh parts={b.rug} material={rugMat} />
      <MergedMesh parts={b.wood} material={woodVC} worldUV={1.1} />
      <MergedMesh parts={b.matte} material={matteVC} />
      <MergedMesh parts={b.satin} material={satinVC} />
      <MergedMesh parts={b.metal} material={metalVC} />
      <MergedMesh parts={b.glow} material={glowVC} />
      <MergedMesh parts={b.leaf} material={leafVC} />
      <MergedMesh parts={b.interior} material={interiorMat} />
      <MergedMesh parts={b.shadow} material={contactShadow} renderOrder={1} />
      <MergedMesh parts={b.halo} material={bulbHalo} renderOrder={3} />
      <SoftDrinks />
      <SpeakerRing />
    </group>
  );
}

function PatioLights() {
  return (
    <>
      <hemisphereLight args={['#5b6aa0', '#3a2a1c', 0.75]} />
      {/* The string lights overhead, as one warm source */}
      <pointLight position={[0.2, 2.45, -1.4]} color="#ffb868" intensity={4.2} distance={9} decay={1.3} />
      {/* Light from the house's glass door */}
      <pointLight position={[-3.7, 1.5, -1.7]} color="#ffc98a" intensity={2.4} distance={6} decay={1.5} />
      {/* Candle lantern on the coffee table */}
      <pointLight position={[0.33, 0.75, -0.86]} color="#ff9a48" intensity={0.7} distance={2.6} decay={1.6} />
    </>
  );
}

/** Speaker light ring pulsing to the music. */
function SpeakerRing() {
  const mesh = useRef<Mesh>(null);
  const mat = useMemo(() => new MeshBasicMaterial({ color: '#4ab0ff', toneMapped: false }), []);
  useFrame((state) => {
    const t = state.clock.elapsedTime;
    const beat = Math.pow(Math.max(0, Math.sin(t * Math.PI * 2 * 1.05)), 6);
    mat.color.setHSL((0.55 + t * 0.02) % 1, 0.9, 0.35 + 0.3 * beat);
    if (mesh.current) mesh.current.scale.setScalar(1 + 0.04 * beat);
  });
  return (
    <mesh ref={mesh} material={mat} position={[2.75, 0.48, -3.2 + 0.178]}>
      <torusGeometry args={[0.135, 0.008, 6, 32]} />
    </mesh>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Level 0 props: soft drinks only
// ---------------------------------------------------------------------------------------------------------------

function canParts(list: Part[], _metal: Part[], x: number, y: number, z: number, wrap: Rect, rotY = 0, lying = false) {
  const rot: Vec3 = lying ? [0, rotY, Math.PI / 2] : [0, rotY, 0];
  const c = lying ? new Vector3(x, y + 0.033, z) : new Vector3(x, y + 0.0575, z);
  list.push({ geometry: CYL_OPEN, position: [c.x, c.y, c.z], rotation: rot, scale: [0.033, 0.1, 0.033], uvRect: uvOf(wrap) });
  const q = new Quaternion().setFromEuler(new Euler(...rot));
  const up = new Vector3(0, 1, 0).applyQuaternion(q);
  for (const [d, s] of [
    [0.05, 0.031],
    [-0.05, 0.031],
  ] as const) {
    const p = c.clone().addScaledVector(up, d);
    list.push({ geometry: CYL, position: [p.x, p.y, p.z], rotation: rot, scale: [s, 0.016, s], uvRect: uvOf(R_SILVER) });
  }
}

function SoftDrinks() {
  const parts = useMemo(() => {
    const print: Part[] = [];
    const metal: Part[] = [];
    const glass: Part[] = [];
    const liquid: Part[] = [];
    const matte: Part[] = [];
    const shadow: Part[] = [];
    // cans: one by the friend, one by the patient, two on the far side (the friends across), one on the speaker
    canParts(print, metal, 0.3, TOP, -0.99, R_LEMON, 0.4);
    canParts(print, metal, -0.5, TOP, -0.72, R_COLA, 2.1);
    canParts(print, metal, -0.2, TOP, -0.98, R_ORANGE, 1.1);
    canParts(print, metal, 2.75, 0.75, -3.2, R_COLA, 0.6);
    canParts(print, metal, 1.225, 0.651, -2.72, R_ORANGE, 0.2);
    // jug of lemonade and glasses
    glass.push({ geometry: JUG, position: [-0.42, TOP, -0.93] });
    liquid.push({ geometry: JUG_LIQUID, position: [-0.42, TOP, -0.93] });
    for (const [x, z, full] of [
      [0.06, -0.98, 0.9],
      [0.18, -0.84, 0.6],
      [-0.38, -0.6, 0.75],
    ] as const) {
      glass.push({ geometry: TUMBLER, position: [x, TOP, z] });
      liquid.push({ geometry: TUMBLER_LIQUID, position: [x, TOP, z], scale: [1, full, 1] });
      shadow.push({ geometry: FLOOR_PLANE, position: [x, TOP + 0.0005, z], scale: [0.12, 1, 0.12] });
    }
    // lemon slices floating in the jug
    for (let i = 0; i < 3; i++) matte.push({ geometry: CYL, position: [-0.42 + (i - 1) * 0.022, TOP + 0.165, -0.93 + (i % 2) * 0.015], rotation: [0.3, 0, 0.2 * i], scale: [0.022, 0.004, 0.022], color: '#f5e27a' });
    // bowl of crisps
    matte.push({ geometry: BOWL, position: [-0.15, TOP, -0.8], scale: [0.85, 1, 0.85], color: '#e7e2da' });
    const rnd = seededRandom(3);
    for (let i = 0; i < 22; i++) {
      const a = rnd() * Math.PI * 2;
      const r = rnd() * 0.06;
      matte.push({ geometry: SPHERE_LO, position: [-0.15 + Math.cos(a) * r, TOP + 0.035 + rnd() * 0.02, -0.8 + Math.sin(a) * r], rotation: [rnd() * 3, rnd() * 3, 0], scale: [0.018, 0.004, 0.014], color: '#e8b64c' });
    }
    shadow.push({ geometry: FLOOR_PLANE, position: [-0.15, TOP + 0.0005, -0.8], scale: [0.26, 1, 0.26] });
    shadow.push({ geometry: FLOOR_PLANE, position: [-0.42, TOP + 0.0005, -0.93], scale: [0.2, 1, 0.2] });
    // candle lantern
    const lx = 0.33;
    const lz = -0.86;
    metal.push({ geometry: BOX, position: [lx, TOP + 0.01, lz], scale: [0.12, 0.02, 0.12], color: '#2a2a2a' });
    metal.push({ geometry: BOX, position: [lx, TOP + 0.2, lz], scale: [0.13, 0.02, 0.13], color: '#2a2a2a' });
    metal.push({ geometry: TORUS, position: [lx, TOP + 0.24, lz], rotation: [0, 0, 0], scale: [0.03, 0.03, 0.03], color: '#2a2a2a' });
    for (const dx of [-0.058, 0.058]) for (const dz of [-0.058, 0.058]) metal.push({ geometry: BOX, position: [lx + dx, TOP + 0.105, lz + dz], scale: [0.01, 0.19, 0.01], color: '#2a2a2a' });
    matte.push({ geometry: CYL, position: [lx, TOP + 0.06, lz], scale: [0.03, 0.08, 0.03], color: '#f3ecdc' });
    shadow.push({ geometry: FLOOR_PLANE, position: [lx, TOP + 0.0005, lz], scale: [0.2, 1, 0.2] });
    return { print, metal, glass, liquid, matte, shadow };
  }, []);
  return (
    <>
      <MergedMesh parts={parts.shadow} material={contactShadow} renderOrder={1} />
      <MergedMesh parts={parts.print} material={printMat} />
      <MergedMesh parts={parts.metal} material={metalVC} />
      <MergedMesh parts={parts.matte} material={matteVC} />
      <MergedMesh parts={parts.liquid} material={lemonade} renderOrder={2} />
      <MergedMesh parts={parts.glass} material={glassClear} renderOrder={3} />
      <CandleFlame position={[0.33, TOP + 0.115, -0.86]} />
    </>
  );
}

function CandleFlame({ position }: { position: Vec3 }) {
  const g = useRef<Group>(null);
  const mat = useMemo(
    () => new SpriteMaterial({ map: glowHalo.map, color: '#ffae52', transparent: true, opacity: 0.9, depthWrite: false, blending: AdditiveBlending, toneMapped: false }),
    [],
  );
  useFrame((state) => {
    const t = state.clock.elapsedTime;
    if (g.current) g.current.scale.set(1, 1 + 0.12 * Math.sin(t * 13) + 0.06 * Math.sin(t * 31), 1);
  });
  return (
    <group ref={g} position={position}>
      <mesh material={glowVC} scale={[0.006, 0.016, 0.006]} position={[0, 0.012, 0]}>
        <sphereGeometry args={[1, 8, 6]} />
      </mesh>
      <sprite material={mat} scale={[0.09, 0.09, 0.09]} position={[0, 0.012, 0]} renderOrder={4} />
    </group>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Level 1: flag on the screen, bag of weed on the far side table
// ---------------------------------------------------------------------------------------------------------------

function LeafFlag() {
  const geo = useMemo(() => {
    // a hanging cloth with a gentle wave
    const g = new PlaneGeometry(1.5, 0.95, 24, 1);
    const p = g.getAttribute('position');
    for (let i = 0; i < p.count; i++) p.setZ(i, 0.025 * Math.sin((p.getX(i) / 1.5) * Math.PI * 4));
    g.computeVertexNormals();
    return g;
  }, []);
  const pins = useMemo<Part[]>(
    () => [-0.7, -0.23, 0.23, 0.7].map((x) => ({ geometry: BOX, position: [-2.1 + x, 1.95, -4.4] as Vec3, scale: [0.03, 0.05, 0.02] as Vec3, color: '#c8c8c8' })),
    [],
  );
  return (
    <>
      <mesh geometry={geo} material={flagMat} position={[-2.1, 1.47, -4.42]} />
      <MergedMesh parts={pins} material={metalVC} />
    </>
  );
}

/** A clear zip bag of green buds lying on the side table, a couple of buds beside it. */
function budParts(list: Part[], x: number, y: number, z: number, s: number, seed: number) {
  const rnd = seededRandom(seed);
  const greens = ['#6d8a3a', '#7d9a45', '#5f7a32', '#8aa650'];
  for (let i = 0; i < 7; i++) {
    list.push({
      geometry: SPHERE_LO,
      position: [x + (rnd() - 0.5) * 0.02 * s, y + (rnd() - 0.2) * 0.018 * s, z + (rnd() - 0.5) * 0.03 * s],
      rotation: [rnd(), rnd(), rnd()],
      scale: [0.011 * s, 0.01 * s, 0.016 * s],
      color: greens[Math.floor(rnd() * greens.length)]!,
    });
  }
  for (let i = 0; i < 4; i++) {
    list.push({ geometry: SPHERE_LO, position: [x + (rnd() - 0.5) * 0.02 * s, y + 0.008 * s, z + (rnd() - 0.5) * 0.03 * s], scale: 0.003 * s, color: '#c0783a' });
  }
}

function WeedBag() {
  const parts = useMemo(() => {
    const buds: Part[] = [];
    const bag: Part[] = [];
    const trim: Part[] = [];
    const tx = -1.95;
    const tz = -2.55;
    const y = 0.557;
    const rnd = seededRandom(8);
    for (let i = 0; i < 9; i++) budParts(buds, tx - 0.06 + rnd() * 0.12, y + 0.015, tz - 0.02 + (rnd() - 0.5) * 0.1, 1.3, 10 + i);
    bag.push({ geometry: BOX, position: [tx, y + 0.022, tz - 0.01], rotation: [0, 0.35, 0], scale: [0.2, 0.045, 0.16] });
    trim.push({ geometry: BOX, position: [tx - 0.03, y + 0.03, tz + 0.065], rotation: [0, 0.35, 0], scale: [0.2, 0.006, 0.008], color: '#3a6ad0' });
    budParts(buds, tx + 0.15, y + 0.008, tz + 0.08, 1.4, 30);
    budParts(buds, tx + 0.12, y + 0.008, tz + 0.14, 1.1, 31);
    const shadow: Part[] = [{ geometry: FLOOR_PLANE, position: [tx, y + 0.001, tz], scale: [0.34, 1, 0.3] }];
    return { buds, bag, trim, shadow };
  }, []);
  return (
    <>
      <MergedMesh parts={parts.shadow} material={contactShadow} renderOrder={1} />
      <MergedMesh parts={parts.buds} material={matteVC} />
      <MergedMesh parts={parts.trim} material={matteVC} />
      <MergedMesh parts={parts.bag} material={bagMat} renderOrder={2} />
    </>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Level 2: rolling papers, grinder and a joint on the table in front of the patient
// ---------------------------------------------------------------------------------------------------------------

function RollingPapers() {
  const parts = useMemo(() => {
    const print: Part[] = [
      { geometry: BOX, position: [-0.2, TOP + 0.004, -0.6], rotation: [0, 0.25, 0], scale: [0.11, 0.008, 0.045], uvRect: uvOf(R_PAPERS) },
      // a loose leaf pulled out
      { geometry: BOX, position: [-0.12, TOP + 0.0015, -0.53], rotation: [0, -0.15, 0], scale: [0.105, 0.001, 0.043], uvRect: uvOf(R_PAPERS_IN) },
    ];
    const shadow: Part[] = [{ geometry: FLOOR_PLANE, position: [-0.2, TOP + 0.0005, -0.6], scale: [0.16, 1, 0.09] }];
    return { print, shadow };
  }, []);
  return (
    <>
      <MergedMesh parts={parts.shadow} material={contactShadow} renderOrder={1} />
      <MergedMesh parts={parts.print} material={paperPrintMat} />
    </>
  );
}

function Grinder() {
  const parts = useMemo(() => {
    const g = grinderParts(0.03, TOP, -0.62, '#3a8a5a');
    const shadow: Part[] = [
      { geometry: FLOOR_PLANE, position: [0.03, TOP + 0.0005, -0.62], scale: [0.1, 1, 0.1] },
      { geometry: FLOOR_PLANE, position: [0.1, TOP + 0.0005, -0.6], scale: [0.09, 1, 0.09] },
    ];
    return { ...g, shadow };
  }, []);
  return (
    <>
      <MergedMesh parts={parts.shadow} material={contactShadow} renderOrder={1} />
      <MergedMesh parts={parts.metal} material={metalVC} />
      <MergedMesh parts={parts.herb} material={matteVC} />
    </>
  );
}

function TableJoint() {
  return (
    <group position={[0.22, TOP + 0.0066, -0.54]} rotation={[0, 0, -Math.PI / 2]}>
      <group rotation={[0, 0.5, 0]}>
        <Joint />
      </group>
    </group>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// People and what they do (levels 0–4)
// ---------------------------------------------------------------------------------------------------------------

/** The friend on the patient's sofa (all levels); at level 4 lights a joint and offers it. */
const FRIEND_POS: Vec3 = [1.05, 0, -0.52];
/** Facing the patient from the corner section (local +z points at the patient). */
const FRIEND_YAW = -1.23;
/** The two friends on the sofa across (all levels); at level 3 they pass a joint. */
const A_POS: Vec3 = [0.0, 0, OPP_Z];
const B_POS: Vec3 = [0.7, 0, OPP_Z];
/** Ashtray on the right arm of the sofa across (level 3). */
const TRAY3 = new Vector3(1.225, 0.651, -2.42);
/** Ashtray and lighter on the coffee table by the friend (level 4). */
const TRAY4 = new Vector3(0.36, TOP, -0.56);
const LIGHTER4 = new Vector3(0.36, TOP, -0.74);
const EYE = new Vector3(0, 1.2, 0);

function Ashtray({ at, colour = '#2c2f33' }: { at: Vector3; colour?: string }) {
  const parts = useMemo(
    () => ({
      tray: [
        { geometry: ASHTRAY, position: [at.x, at.y, at.z] as Vec3, color: colour },
        { geometry: CYL, position: [at.x, at.y + 0.011, at.z] as Vec3, scale: [0.04, 0.002, 0.04] as Vec3, color: '#8a8682' },
        { geometry: CYL_LO, position: [at.x + 0.02, at.y + 0.014, at.z - 0.01] as Vec3, rotation: [0, 0, 1.4] as Vec3, scale: [0.004, 0.02, 0.004] as Vec3, color: '#e9e4da' },
      ],
      shadow: [{ geometry: FLOOR_PLANE, position: [at.x, at.y + 0.0005, at.z] as Vec3, scale: [0.16, 1, 0.16] as Vec3 }],
    }),
    [at, colour],
  );
  return (
    <>
      <MergedMesh parts={parts.shadow} material={contactShadow} renderOrder={1} />
      <MergedMesh parts={parts.tray} material={satinVC} />
    </>
  );
}

function StandingGuests() {
  const shadow = useMemo<Part[]>(
    () => [
      { geometry: FLOOR_PLANE, position: [-3.3, 0.005, -3.05], scale: [0.7, 1, 0.7] },
      { geometry: FLOOR_PLANE, position: [-2.7, 0.005, -3.55], scale: [0.7, 1, 0.7] },
      { geometry: FLOOR_PLANE, position: [2.1, 0.005, -3.9], scale: [0.7, 1, 0.7] },
    ],
    [],
  );
  const can = (wrap: Rect) => <CanInHand wrap={wrap} />;
  return (
    <>
      <MergedMesh parts={shadow} material={contactShadow} renderOrder={1} />
      <Avatar position={[-3.3, 0, -3.05]} yaw={0.9} shirt="#8a5a9a" pants="#2f3542" hair="#1f1a16" skin="#b07a58" hairStyle="long" sleeves="short" armPose="table" handTarget={[-0.12, 1.05, 0.3]} holding={can(R_LEMON)} heldHeight={0.115} heldRadius={0.033} />
      <Avatar position={[-2.7, 0, -3.55]} yaw={-0.55} shirt="#d8d2c4" pants="#4a5a3a" hair="#6a4a2a" skin="#e6c0a0" armPose="table" handTarget={[-0.1, 1.05, 0.3]} holding={can(R_COLA)} heldHeight={0.115} heldRadius={0.033} />
      <Avatar position={[2.1, 0, -3.9]} yaw={0.35} shirt="#c44a3a" pants="#22303f" hair="#3a2a1e" skin="#8d5a3b" leftArmPose="table" leftHandTarget={[0.12, 1.05, 0.3]} leftHolding={can(R_ORANGE)} heldHeight={0.115} heldRadius={0.033} hairStyle="bald" />
    </>
  );
}

function CanInHand({ wrap }: { wrap: Rect }) {
  const parts = useMemo(() => {
    const print: Part[] = [];
    const metal: Part[] = [];
    canParts(print, metal, 0, 0, 0, wrap);
    return { print, metal };
  }, [wrap]);
  return (
    <MergedMesh parts={parts.print} material={printMat} />
  );
}

const LOOK_F = { seated: true, seatHeight: SOFA_SEAT, skin: '#e0b090', shirt: '#4f7a5a', pants: '#3a3f4a', hair: '#5a3a22', hairStyle: 'short' as const, sleeves: 'short' as const };
const LOOK_A = { seated: true, seatHeight: SOFA_SEAT, skin: '#c68e68', shirt: '#d9a93a', pants: '#2d3340', hair: '#1c1612', hairStyle: 'curly' as const, beard: true };
const LOOK_B = { seated: true, seatHeight: SOFA_SEAT, skin: '#f0c9ac', shirt: '#2d5f8a', pants: '#5a4a3a', hair: '#a8743a', hairStyle: 'bun' as const, sleeves: 'short' as const };

const tmpA = new Vector3();
const UP = new Vector3(0, 1, 0);

/** Where the friend beside the patient works a lighter. */
const LIGHTER_SOUND: Vec3 = [FRIEND_POS[0] - 0.3, 0.9, FRIEND_POS[2] - 0.1];

/** The party around the patient: the speaker's music, friends talking across the table, crickets in the garden. */
function PatioSounds() {
  return (
    <>
      <SpatialSound id="music" sound="music-party" position={[2.75, 0.5, -3.2]} volume={0.35} refDistance={2} />
      <SpatialSound id="chatter" sound="chatter" position={[0.35, 1.0, OPP_Z]} volume={0.3} refDistance={2} />
      <SpatialSound id="crickets" sound="crickets" position={[-3.5, 0.2, -6]} volume={0.08} refDistance={3} />
    </>
  );
}

function People() {
  const level = useSceneLevel();
  const friend = useRef<RigHandle>(null);
  const a = useRef<RigHandle>(null);
  const bRig = useRef<RigHandle>(null);
  const smoke = useRef<SmokeHandle>(null);
  const joint3 = useRef<Group>(null);
  const joint3h = useRef<JointHandle>(null);
  const joint4 = useRef<Group>(null);
  const joint4h = useRef<JointHandle>(null);
  const lighter4 = useRef<Group>(null);
  const lighter4h = useRef<LighterHandle>(null);
  const click4Sound = useRef<SoundHandle>(null);
  const clickEvSound = useRef<SoundHandle>(null);
  const evJoint = useRef<Group>(null);
  const evLighter = useRef<Group>(null);
  const evLighterH = useRef<LighterHandle>(null);

  const passed = useSegment('joint-passed');
  const lights = useSegment('friend-lights-joint');
  const offered = useSegment('joint-offered');
  const clickEv = useSceneEvent('lighter-click');
  const offerEv = useSceneEvent('offer-joint');

  const st = useMemo(
    () => ({
      poseF: makePose(),
      poseA: makePose(),
      poseB: makePose(),
      smF: new PoseSmoother(),
      smA: new PoseSmoother(),
      smB: new PoseSmoother(),
      click4: risingEdge(() => click4Sound.current?.play()),
      clickEv: risingEdge(() => clickEvSound.current?.play()),
    }),
    [],
  );

  useFrame((state, dt) => {
    const F = friend.current;
    const A = a.current;
    const B = bRig.current;
    const S = smoke.current;
    if (!F || !A || !B || !S) return;
    const time = state.clock.elapsedTime;
    S.begin();

    // ---------------- the two friends across: chatting; at level 3+ passing a joint -------------------------
    const pa = A.frame.restPose(st.poseA);
    const pb = B.frame.restPose(st.poseB);
    const chat = time % 11;
    pa.headYaw = 0.35 * hold(chat, 0.5, 1.2, 5, 5.8) - 0.15 * hold(chat, 7, 7.6, 9.5, 10);
    pb.headYaw = -0.4 * hold(chat, 5.2, 5.9, 9.6, 10.4) + 0.15 * hold(chat, 1, 1.6, 3.5, 4);
    pa.lean = 0.05 + 0.02 * Math.sin(time * 0.9);
    pb.lean = 0.03 + 0.02 * Math.sin(time * 0.8 + 1);
    const gest = hold(chat, 2, 2.6, 4.2, 4.9);
    if (gest > 0) pa.right.hand.lerp(tmpA.set(-0.08, 0.95, 0.36), gest);
    const gestB = hold(chat, 6.2, 6.8, 8.4, 9);
    if (gestB > 0) pb.left.hand.lerp(tmpA.set(0.1, 0.93, 0.36), gestB);

    const pp = passed();
    let owner3: 'tray' | 'A' | 'B' = 'tray';
    let dir3 = TRAY3_DIR;
    let lift3 = 0.03;
    let glow3 = 0.12;
    let t3 = 0;
    if (pp.active) {
      const t = (t3 = pp.progress * 10);
      owner3 = t < 1.0 ? 'tray' : t < 4.1 ? 'B' : t < 7.2 ? 'A' : t < 8.2 ? 'B' : 'tray';
      // B picks it up, smokes, passes it to A, who smokes and hands it back; B puts it down.
      pb.headYaw = 0.45 * hold(t, 0.1, 0.7, 1.0, 1.6) - 0.45 * hold(t, 3.5, 3.9, 4.2, 4.7) - 0.45 * hold(t, 6.6, 7.0, 7.3, 7.7) + 0.45 * hold(t, 7.7, 8.0, 8.3, 8.9) + 0.35 * hold(t, 3.0, 3.2, 3.4, 3.6);
      pb.headPitch = 0.35 * hold(t, 0.1, 0.7, 1.0, 1.6) + 0.3 * hold(t, 7.7, 8.0, 8.3, 8.9) - 0.22 * hold(t, 3.0, 3.25, 3.9, 4.5) + 0.08 * hold(t, 1.9, 2.2, 2.9, 3.1);
      pb.twist = 0.25 * hold(t, 0, 0.8, 1.0, 1.8) + 0.25 * hold(t, 7.4, 8.0, 8.3, 9) - 0.15 * hold(t, 3.4, 3.9, 4.1, 4.6);
      pb.lean = 0.04 + 0.12 * hold(t, 0, 0.8, 1.0, 1.8) + 0.12 * hold(t, 7.4, 8.0, 8.3, 9);
      pa.headYaw = 0.45 * hold(t, 3.3, 3.8, 4.1, 4.6) + 0.45 * hold(t, 6.7, 7.0, 7.3, 7.8) - 0.35 * hold(t, 6.2, 6.4, 6.6, 6.8);
      pa.headPitch = -0.22 * hold(t, 6.2, 6.45, 7.0, 7.5) + 0.08 * hold(t, 4.9, 5.2, 5.9, 6.1);
      pa.twist = 0.2 * hold(t, 3.3, 3.9, 4.1, 4.7) + 0.2 * hold(t, 6.6, 7.0, 7.2, 7.8);

      const mB = mouthGrip(B, pb, LEFT, new Vector3(), new Vector3());
      const mA = mouthGrip(A, pa, LEFT, new Vector3(), new Vector3());
      const trayGrip = grip(TRAY3_FILTER, TRAY3_DIR, new Vector3(), 0.03);
      const hGrip = grip(H3, H3_DIR, new Vector3());
      const restB = B.toParent(B.frame.rest(LEFT, scratchArm).hand, new Vector3());
      const restA = A.toParent(A.frame.rest(LEFT, scratchArm).hand, new Vector3());
      B.toLocal(
        pathV(t, [
          [0, restB],
          [1.0, trayGrip],
          [1.9, mB.hand],
          [3.1, mB.hand],
          [3.8, hGrip],
          [4.1, hGrip],
          [4.9, restB],
          [6.6, restB],
          [7.2, hGrip],
          [8.2, trayGrip],
          [9.0, restB],
        ]),
        pb.left.hand,
      );
      pb.left.pole.set(0.45, -1, 0.25);
      A.toLocal(
        pathV(t, [
          [3.3, restA],
          [4.1, hGrip],
          [4.9, mA.hand],
          [6.2, mA.hand],
          [6.8, hGrip],
          [7.2, hGrip],
          [8.0, restA],
        ]),
        pa.left.hand,
      );
      pa.left.pole.set(0.45, -1, 0.25);
      dir3 = pathV(t, [
        [1.0, TRAY3_DIR],
        [1.9, mB.dir],
        [3.1, mB.dir],
        [3.8, H3_DIR],
        [4.1, H3_DIR],
        [4.9, mA.dir],
        [6.2, mA.dir],
        [6.8, H3_DIR],
        [7.2, H3_DIR],
        [8.2, TRAY3_DIR],
      ]).normalize();
      lift3 = track(t, [
        [1.0, 0.03],
        [1.9, -0.028],
        [7.2, -0.028],
        [8.2, 0.03],
      ]);
      glow3 = 0.3 + 0.7 * (hold(t, 1.9, 2.3, 2.9, 3.3) + hold(t, 4.9, 5.3, 5.9, 6.3));
    }
    A.apply(st.smA.step(pa, dt));
    B.apply(st.smB.step(pb, dt));
    const j3 = joint3.current;
    if (j3) {
      if (owner3 === 'tray') carry(j3, TRAY3_FILTER, TRAY3_DIR, J3_SCALE);
      else {
        const R = owner3 === 'A' ? A : B;
        carry(j3, gripFilter(R.toParent(R.hand(LEFT), new Vector3()), dir3, new Vector3(), lift3), dir3, J3_SCALE);
      }
      joint3h.current?.setGlow(glow3);
      if (pp.active && level >= 3) {
        const fade = Math.min(1, (10 - t3) / 0.8);
        const mouthB = B.toParent(B.frame.mouth(st.smB.pose, new Vector3()), new Vector3());
        const mouthA = A.toParent(A.frame.mouth(st.smA.pose, new Vector3()), new Vector3());
        plume(S, t3, 3.15, mouthB, toWorldDir(B, tmpA.set(0.35, 0.3, 0.9).normalize(), new Vector3()), PLUME(fade, 1));
        plume(S, t3, 6.25, mouthA, toWorldDir(A, tmpA.set(-0.35, 0.3, 0.9).normalize(), new Vector3()), PLUME(fade, 2));
        const tip = new Vector3(0, 0.071, 0).applyMatrix4(j3.matrix);
        wisp(S, t3, 1.0, 8.4, tip, { fade, seed: 3, alpha: 0.45 });
      }
    }

    // ---------------- the friend beside the patient -------------------------------------------------------
    const pf = F.frame.restPose(st.poseF);
    const talk = (time + 4) % 13;
    pf.headYaw = -0.6 * hold(talk, 1, 1.6, 4.5, 5.2) + 0.1 * Math.sin(time * 0.3);
    pf.lean = 0.04 + 0.015 * Math.sin(time * 1.1);
    const lp = lights();
    const op = offered();
    const ev = offerEv();
    const ck = clickEv();
    let jOwner: 'tray' | 'hand' = 'tray';
    let lOwner: 'table' | 'hand' = 'table';
    let dir4 = TRAY4_DIR;
    let lift4 = 0.03;
    let flame = 0;
    let glow4 = 0.1;
    let evJointShow = 0;
    let evLighterShow = 0;
    let evFlame = 0;
    let exhale = -1;
    let wispFrom = -1;
    let wispTo = -1;
    let tF = 0;
    let fadeF = 1;
    // the joint is in his right hand, the lighter in his left
    const restL = F.toParent(F.frame.rest(RIGHT, scratchArm).hand, new Vector3());
    const restR = F.toParent(F.frame.rest(LEFT, scratchArm).hand, new Vector3());
    const chest = F.toParent(tmpA.set(-0.12, 0.84, 0.32), new Vector3());
    const chestDir = toWorldDir(F, tmpA.set(-0.5, 0.3, 0.8).normalize(), new Vector3());
    const chestGrip = grip(chest, chestDir, new Vector3());
    const offerDir = OFFER_DIR;
    const trayGrip4 = grip(TRAY4_FILTER, TRAY4_DIR, new Vector3(), 0.03);
    const lighterGrip = LIGHTER4.clone().add(tmpA.set(0, 0.045, 0));
    pf.right.pole.set(-0.45, -1, 0.25);
    pf.left.pole.set(0.45, -1, 0.25);

    if (lp.active) {
      // picks the joint from the ashtray and the lighter from the table, lights it, draws, exhales away
      const t = (tF = lp.progress * 8);
      fadeF = Math.min(1, (8 - t) / 0.8);
      pf.lean = 0.04 + 0.62 * hold(t, 0, 1.0, 1.2, 2.0);
      pf.headPitch = 0.35 * hold(t, 0.2, 1.0, 1.2, 2.0) + 0.2 * hold(t, 2.0, 2.4, 3.6, 4.1) - 0.2 * hold(t, 4.2, 4.6, 6.5, 7.2);
      pf.headYaw = -0.6 * hold(t, 4.1, 4.6, 6.6, 7.3) + 0.1 * hold(t, 0.2, 1, 1.2, 2);
      const m = mouthGrip(F, pf, RIGHT, new Vector3(), new Vector3());
      F.toLocal(
        pathV(t, [
          [0, restL],
          [1.1, trayGrip4],
          [1.2, trayGrip4],
          [2.2, m.hand],
          [4.0, m.hand],
          [4.8, chestGrip],
        ]),
        pf.right.hand,
      );
      dir4 = pathV(t, [
        [1.2, TRAY4_DIR],
        [2.2, m.dir],
        [4.0, m.dir],
        [4.8, chestDir],
      ]).normalize();
      lift4 = track(t, [
        [1.2, 0.03],
        [2.2, -0.028],
      ]);
      const tip = m.filter.clone().addScaledVector(m.dir, 0.071);
      const lightHand = tip.addScaledVector(UP, -0.078);
      F.toLocal(
        pathV(t, [
          [0, restR],
          [1.1, lighterGrip],
          [1.2, lighterGrip],
          [2.2, lightHand],
          [3.9, lightHand],
          [4.7, restR],
        ]),
        pf.left.hand,
      );
      jOwner = t < 1.2 ? 'tray' : 'hand';
      lOwner = t < 1.2 ? 'table' : 'hand';
      flame = hold(t, 2.3, 2.45, 3.6, 3.75);
      glow4 = 0.15 + 0.85 * hold(t, 2.6, 3.0, 3.8, 4.3) + (t > 4.3 ? 0.2 : 0);
      exhale = 4.3;
      wispFrom = 3.0;
      wispTo = 7.4;
    } else if (op.active) {
      // turns to the patient and holds the lit joint out, then puts it back in the ashtray
      const t = (tF = op.progress * 8);
      fadeF = Math.min(1, (8 - t) / 0.8);
      const out = hold(t, 0, 1.6, 5.8, 6.8);
      pf.twist = -0.15 * out;
      pf.lean = 0.04 + 0.35 * out + 0.62 * hold(t, 6.0, 6.8, 7.0, 7.9);
      pf.headYaw = 0.05 * out;
      pf.headPitch = 0.3 * hold(t, 6.0, 6.8, 7.0, 7.9);
      F.toLocal(
        pathV(t, [
          [0, chestGrip],
          [1.6, OFFER_PT],
          [5.8, OFFER_PT],
          [6.9, trayGrip4],
          [7.0, trayGrip4],
          [8.0, restL],
        ]),
        pf.right.hand,
      );
      pf.right.pole.set(-0.5, -1, 0);
      dir4 = pathV(t, [
        [0, chestDir],
        [1.6, offerDir],
        [5.8, offerDir],
        [6.9, TRAY4_DIR],
      ]).normalize();
      lift4 = track(t, [
        [5.8, -0.028],
        [6.9, 0.03],
      ]);
      F.toLocal(
        pathV(t, [
          [0, restR],
          [6.0, restR],
          [6.9, lighterGrip],
          [7.0, lighterGrip],
          [8.0, restR],
        ]),
        pf.left.hand,
      );
      jOwner = t < 6.95 ? 'hand' : 'tray';
      lOwner = t < 6.95 ? 'hand' : 'table';
      glow4 = 0.3 - 0.2 * smooth((t - 6) / 2);
      wispFrom = 0;
      wispTo = 6.9;
    } else if (ev.active) {
      // clinician event: the friend takes a joint out and holds it out to the patient
      const t = ev.progress * 6;
      const out = hold(t, 0.3, 1.6, 4.4, 5.6);
      pf.twist = -0.15 * out;
      pf.lean = 0.04 + 0.35 * out;
      pf.headYaw = 0.05 * out;
      F.toLocal(
        pathV(t, [
          [0, restL],
          [0.5, chestGrip],
          [1.6, OFFER_PT],
          [4.4, OFFER_PT],
          [5.5, chestGrip],
          [6.0, restL],
        ]),
        pf.right.hand,
      );
      pf.right.pole.set(-0.5, -1, 0);
      dir4 = pathV(t, [
        [0.5, chestDir],
        [1.6, offerDir],
        [4.4, offerDir],
        [5.5, chestDir],
      ]).normalize();
      evJointShow = hold(t, 0.2, 0.5, 5.5, 5.85);
    } else if (ck.active) {
      // clinician event: the friend idly flicks a lighter twice in front of his chest
      const t = ck.progress * 3;
      const up = hold(t, 0, 0.6, 2.4, 3);
      F.toLocal(restR.clone().lerp(F.toParent(tmpA.set(0.08, 0.9, 0.32), new Vector3()), up), pf.left.hand);
      pf.headPitch = 0.3 * up;
      pf.headYaw = -0.2 * up;
      evLighterShow = hold(t, 0.05, 0.35, 2.6, 2.95);
      evFlame = hold(t, 0.8, 0.85, 1.25, 1.3) + hold(t, 1.6, 1.65, 2.1, 2.15);
    }
    F.apply(st.smF.step(pf, dt));

    const j4 = joint4.current;
    if (j4) {
      if (jOwner === 'tray') carry(j4, TRAY4_FILTER, TRAY4_DIR);
      else carry(j4, gripFilter(F.toParent(F.hand(RIGHT), new Vector3()), dir4, new Vector3(), lift4), dir4);
      joint4h.current?.setGlow(glow4);
      if (level >= 4) {
        if (exhale >= 0) {
          const mouth = F.toParent(F.frame.mouth(st.smF.pose, new Vector3()), new Vector3());
          plume(S, tF, exhale, mouth, toWorldDir(F, tmpA.set(-0.7, 0.35, 0.6).normalize(), new Vector3()), PLUME(fadeF, 4));
        }
        if (wispFrom >= 0) wisp(S, tF, wispFrom, wispTo, new Vector3(0, 0.071, 0).applyMatrix4(j4.matrix), { fade: fadeF, seed: 5, alpha: 0.4 });
      }
    }
    const l4 = lighter4.current;
    if (l4) {
      if (lOwner === 'table') l4.position.copy(LIGHTER4);
      else l4.position.copy(F.toParent(F.hand(LEFT), new Vector3())).addScaledVector(UP, -0.045);
      lighter4h.current?.setFlame(flame, time);
      st.click4(flame > 0.02 && level >= 4);
    }
    // event props: not graded cues, they exist only while the clinician's event plays
    const ej = evJoint.current;
    if (ej) {
      ej.visible = evJointShow > 0.01;
      if (ej.visible) carry(ej, gripFilter(F.toParent(F.hand(RIGHT), new Vector3()), dir4, new Vector3()), dir4, evJointShow);
    }
    const el = evLighter.current;
    if (el) {
      el.visible = evLighterShow > 0.01;
      if (el.visible) {
        el.position.copy(F.toParent(F.hand(LEFT), new Vector3())).addScaledVector(UP, -0.045);
        el.scale.setScalar(evLighterShow);
      }
      evLighterH.current?.setFlame(evFlame, time);
      st.clickEv(evFlame > 0.02);
    }
    S.end(state.camera);
  });

  const shadows = useMemo<Part[]>(
    () => [
      { geometry: FLOOR_PLANE, position: [A_POS[0], 0.46, A_POS[2] + 0.15], scale: [0.6, 1, 0.6] },
      { geometry: FLOOR_PLANE, position: [B_POS[0], 0.46, B_POS[2] + 0.15], scale: [0.6, 1, 0.6] },
      { geometry: FLOOR_PLANE, position: [A_POS[0], 0.012, A_POS[2] + 0.48], scale: [0.5, 1, 0.4] },
      { geometry: FLOOR_PLANE, position: [B_POS[0], 0.012, B_POS[2] + 0.48], scale: [0.5, 1, 0.4] },
      { geometry: FLOOR_PLANE, position: [FRIEND_POS[0] - 0.44, 0.012, FRIEND_POS[2] + 0.15], scale: [0.4, 1, 0.5] },
    ],
    [],
  );

  return (
    <>
      <MergedMesh parts={shadows} material={contactShadow} renderOrder={1} />
      <Rig ref={friend} look={LOOK_F} position={FRIEND_POS} yaw={FRIEND_YAW} name="friend" />
      <Rig ref={a} look={LOOK_A} position={A_POS} yaw={0} name="friend-across-a" />
      <Rig ref={bRig} look={LOOK_B} position={B_POS} yaw={0} name="friend-across-b" />
      <StandingGuests />
      <Smoke ref={smoke} max={140} color="#bdb8b2" opacity={0.7} />
      {/* the friend's lighter, clicked on the frame its flame appears */}
      <SpatialSound id="friend-lighter-click" sound="lighter" position={LIGHTER_SOUND} minLevel={4} volume={0.5} ref={click4Sound} />
      <SpatialSound id="lighter-click" sound="lighter" position={LIGHTER_SOUND} volume={0.5} ref={clickEvSound} />

      <Cue id="shared-joint" minLevel={3}>
        <Ashtray at={TRAY3} />
        <group ref={joint3} matrixAutoUpdate={false}>
          <Joint lit ref={joint3h} />
        </group>
      </Cue>
      <Cue id="friend-joint" minLevel={4}>
        <Ashtray at={TRAY4} colour="#b8b2a8" />
        <group ref={joint4} matrixAutoUpdate={false}>
          <Joint lit ref={joint4h} />
        </group>
      </Cue>
      <Cue id="friend-lighter" minLevel={4}>
        <group ref={lighter4} position={[LIGHTER4.x, LIGHTER4.y, LIGHTER4.z]}>
          <Lighter color="#2f7ad0" ref={lighter4h} />
        </group>
      </Cue>
      <group ref={evJoint} matrixAutoUpdate={false} visible={false}>
        <Joint />
      </group>
      <group ref={evLighter} visible={false}>
        <Lighter color="#e0c020" ref={evLighterH} />
      </group>
    </>
  );
}

const scratchArm = { hand: new Vector3(), pole: new Vector3() };
/** Level-3 joint drawn a little larger than life so it reads from the sofa across. */
const J3_SCALE = 1.35;
const TRAY3_FILTER = new Vector3(TRAY3.x, TRAY3.y + 0.02, TRAY3.z + 0.055);
const TRAY3_DIR = new Vector3(0, -0.12, -1).normalize();
const H3 = new Vector3(0.4, 0.86, -2.06);
const H3_DIR = new Vector3(-0.1, 0.35, 1).normalize();
const TRAY4_FILTER = new Vector3(TRAY4.x + 0.05, TRAY4.y + 0.02, TRAY4.z - 0.005);
const TRAY4_DIR = new Vector3(-1, -0.12, 0.05).normalize();
/** Where the friend's hand holds the joint out to the patient (~0.55 m from the eyes). */
const OFFER_PT = new Vector3(0.33, 0.97, -0.42);
const OFFER_LOS = OFFER_PT.clone().sub(EYE).normalize();
/** Held across the line of sight (so the patient sees the whole joint), the mouth end a little toward them. */
const OFFER_DIR = new Vector3().crossVectors(new Vector3(0, 1, 0), OFFER_LOS).normalize().addScaledVector(OFFER_LOS, 0.35).add(new Vector3(0, 0.12, 0)).normalize();
const PLUME = (fade: number, seed: number) => ({ fade, seed, n: 18, spread: 1.5, life: 3.2, speed: 1.0, rise: 0.1, size0: 0.05, size1: 0.62, alpha: 0.62 });

/** Smooth path through keyed points (scene frame); returns a new vector. */
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

// ---------------------------------------------------------------------------------------------------------------
// Scene
// ---------------------------------------------------------------------------------------------------------------

/**
 * Patio party, graded 0–4: friends on outdoor sofas with soft drinks under string lights (0); a cannabis-leaf
 * flag on the screen and a bag of weed on the far side table (1); rolling papers, a grinder and a joint on the
 * table in front (2); the two friends across pass a joint and smoke (3); the friend beside the patient lights a
 * joint and holds it out to them (4).
 */
export function PartyPatioScene({ personalisation }: SceneProps) {
  return (
    <>
      <SceneEnvironment intensity={0.22} background="#070a14" />
      <Stressor at={[-0.4, TOP, -0.6]} rotY={0.2} personalisation={personalisation ?? {}} />
      <PatioLights />
      <PatioSet />
      <Cue id="leaf-flag" minLevel={1}>
        <LeafFlag />
      </Cue>
      <Cue id="weed-bag" minLevel={1}>
        <WeedBag />
      </Cue>
      <Cue id="rolling-papers" minLevel={2}>
        <RollingPapers />
      </Cue>
      <Cue id="grinder" minLevel={2}>
        <Grinder />
      </Cue>
      <Cue id="table-joint" minLevel={2}>
        <TableJoint />
      </Cue>
      <People />
      <PatioSounds />
    </>
  );
}

