import { Stressor } from '../stressors/StressorOnTable';
import type { SceneProps } from '../components';
import { useFrame } from '@react-three/fiber';
import { useMemo, useRef } from 'react';
import { MeshBasicMaterial, MeshStandardMaterial, Quaternion, Vector3, type PointLight } from 'three';
import { SpatialSound } from '../kit/audio/SpatialSound';
import { Cue } from '../kit/Cue';
import { SceneEnvironment } from '../kit/Environment';
import { useSceneLevel } from '../kit/levelContext';
import {
  canvasTexture,
  contactShadow,
  glowHalo,
  glowVC,
  matteVC,
  metalVC,
  satinVC,
  seededRandom,
  woodVC,
  type Part,
  type Vec3,
} from '../kit/materials';
import { useSceneEvent, useSegment } from '../kit/sceneClock';
import { blotch, grain, tag } from './canvasArt';
import { HeldLighter, HeldPipe, PushRod } from './held';
import {
  BOX,
  CIRCLE,
  CYL,
  CYL_LO,
  CYL_OPEN,
  FLOOR_PLANE,
  LIGHTER_TOP,
  MergedMesh,
  PIPE_LENGTH,
  PLANE,
  Props,
  SMALL_BOTTLE,
  SPHERE,
  SPHERE_LO,
  TORUS,
  baggieParts,
  box,
  foilParts,
  lighterParts,
  pipeParts,
  placer,
  plasticClearVC,
  rocksParts,
  crumpledCloth,
  hangingCloth,
  lumpGeometry,
  shadowAt,
  spoonParts,
  steelWoolParts,
  uvOf,
  type Rect,
} from './common';
import {
  MOUTH,
  Person,
  Smoke,
  alongDir,
  envelope,
  gripAt,
  headForward,
  headPoint,
  type Look,
  type PoseState,
  type SmokeSource,
} from './rig';

/*
 * A squat room at night where crack is smoked. Layout (metres; the patient sits at the origin facing -z, eyes at
 * y = 1.2, on an old wooden chair):
 *   - a low coffee table in front of them (centre z = -0.72, top 0.42 m), a plastic crate at its left end;
 *   - a bare mattress on the floor against the back wall (z = -3.7) with a blanket, boxes in the corner;
 *   - a plank shelf on the right wall (x = 2.2) at eye height, a boarded-up window further back on that wall;
 *   - the door on the left wall, one bare bulb hanging from the ceiling.
 * Level 0 has no drug item at all: the shelf holds a radio, a mug, a candle and a toothbrush.
 */

const ROOM = { x0: -2.2, x1: 2.2, z0: -3.7, z1: 1.5, h: 2.5 };
const TABLE = { x: 0, z: -0.74, w: 0.92, d: 0.5, h: 0.42 };
const TOP = TABLE.h + 0.001;
const MATTRESS = { x0: -1.85, x1: 0.1, z0: -3.66, z1: -2.76, h: 0.19 };
const SHELF = { z: ROOM.z0 + 0.11, y: 1.22, x0: 0.3, x1: 1.45 };
const BULB: Vec3 = [0.15, 2.08, -1.55];
const CRATE = { x: 0.8, z: -1.02, h: 0.36 };

// ---------------------------------------------------------------------------------------------------------------
// Procedural textures
// ---------------------------------------------------------------------------------------------------------------

/** Dirty painted plaster with water stains, cracks, peeled patches and scuffs along the floor. */
function drawWall(ctx: CanvasRenderingContext2D, x0: number, y0: number, w: number, h: number, base: string, seed: number, decorate?: (c: CanvasRenderingContext2D) => void) {
  const rnd = seededRandom(seed);
  ctx.save();
  ctx.beginPath();
  ctx.rect(x0, y0, w, h);
  ctx.clip();
  ctx.fillStyle = base;
  ctx.fillRect(x0, y0, w, h);
  // uneven paint
  for (let i = 0; i < 60; i++) blotch(ctx, x0 + rnd() * w, y0 + rnd() * h, 30 + rnd() * 120, rnd() < 0.5 ? 'rgba(255,250,235,A)' : 'rgba(70,60,40,A)', 0.08);
  // water stains running down from the ceiling
  for (let i = 0; i < 5; i++) {
    const sx = x0 + rnd() * w;
    const sw = 40 + rnd() * 90;
    const sh = 80 + rnd() * 220;
    const g = ctx.createLinearGradient(0, y0, 0, y0 + sh);
    g.addColorStop(0, 'rgba(110,80,40,0.28)');
    g.addColorStop(1, 'rgba(110,80,40,0)');
    ctx.fillStyle = g;
    ctx.filter = 'blur(6px)';
    ctx.beginPath();
    ctx.ellipse(sx, y0, sw, sh, 0, 0, Math.PI);
    ctx.fill();
    ctx.filter = 'none';
  }
  // peeled patches showing grey render and brick
  for (let i = 0; i < 7; i++) {
    const px = x0 + rnd() * w;
    const py = y0 + h * 0.15 + rnd() * h * 0.75;
    const r = 10 + rnd() * 28;
    ctx.beginPath();
    for (let a = 0; a < 12; a++) {
      const ang = (a / 12) * Math.PI * 2;
      const rr = r * (0.55 + rnd() * 0.7);
      const xx = px + Math.cos(ang) * rr * 1.5;
      const yy = py + Math.sin(ang) * rr;
      if (a === 0) ctx.moveTo(xx, yy);
      else ctx.lineTo(xx, yy);
    }
    ctx.closePath();
    ctx.fillStyle = rnd() < 0.2 ? '#7d5a4a' : rnd() < 0.5 ? '#8f897d' : '#a39d8e';
    ctx.fill();
    ctx.strokeStyle = 'rgba(255,252,240,0.3)';
    ctx.lineWidth = 1.5;
    ctx.stroke();
  }
  // cracks
  ctx.strokeStyle = 'rgba(40,32,24,0.55)';
  for (let i = 0; i < 6; i++) {
    let cx = x0 + rnd() * w;
    let cy = y0 + rnd() * h;
    ctx.lineWidth = 1 + rnd();
    ctx.beginPath();
    ctx.moveTo(cx, cy);
    for (let k = 0; k < 14; k++) {
      cx += (rnd() - 0.5) * 26;
      cy += 6 + rnd() * 12;
      ctx.lineTo(cx, cy);
    }
    ctx.stroke();
  }
  // grime at the bottom and scuffs
  const gg = ctx.createLinearGradient(0, y0 + h * 0.7, 0, y0 + h);
  gg.addColorStop(0, 'rgba(40,30,20,0)');
  gg.addColorStop(1, 'rgba(40,30,20,0.5)');
  ctx.fillStyle = gg;
  ctx.fillRect(x0, y0 + h * 0.7, w, h * 0.3);
  for (let i = 0; i < 40; i++) {
    ctx.strokeStyle = `rgba(30,25,20,${0.08 + rnd() * 0.15})`;
    ctx.lineWidth = 1 + rnd() * 3;
    const sx = x0 + rnd() * w;
    const sy = y0 + h * (0.6 + rnd() * 0.35);
    ctx.beginPath();
    ctx.moveTo(sx, sy);
    ctx.lineTo(sx + (rnd() - 0.5) * 60, sy + (rnd() - 0.5) * 8);
    ctx.stroke();
  }
  decorate?.(ctx);
  grain(ctx, x0, y0, w, h, seed + 1, 0.05);
  ctx.restore();
}

const WALL_W = 2048;
const WALL_H = 1024;
const WALL_RECTS = {
  back: [0, 0, 1024, 512] as Rect,
  left: [1024, 0, 1024, 512] as Rect,
  right: [0, 512, 1024, 512] as Rect,
  front: [1024, 512, 1024, 512] as Rect,
};

function drawWalls(ctx: CanvasRenderingContext2D) {
  const [bx, by] = WALL_RECTS.back;
  drawWall(ctx, bx, by, 1024, 512, '#b9b39a', 3, (c) => {
    tag(c, 'KAZE', bx + 760, by + 150, 92, '#3a7bd5', '#111', -0.1);
    tag(c, 'ZONE 19', bx + 830, by + 260, 44, '#e9e4d8', '#222', 0.05, 'italic bold');
    tag(c, '♥ N+M', bx + 150, by + 120, 46, '#c2362b', '#2a1010', 0.08);
    // a marker scrawl: dates and a phone number half scratched out
    c.fillStyle = 'rgba(25,25,30,0.8)';
    c.font = 'italic 22px sans-serif';
    c.fillText('12/03  tel 06 ..  ', bx + 420, by + 95);
    c.fillText('ON LÂCHE RIEN', bx + 430, by + 128);
  });
  const [lx, ly] = WALL_RECTS.left;
  drawWall(ctx, lx, ly, 1024, 512, '#a9b2a0', 5, (c) => {
    tag(c, 'RASTA', lx + 300, ly + 170, 80, '#2f9e4f', '#f2d23a', -0.06);
    tag(c, 'SK8', lx + 700, ly + 120, 60, '#f2f2f2', '#1a1a1a', 0.1);
    c.strokeStyle = 'rgba(20,20,20,0.7)';
    c.lineWidth = 3;
    for (let i = 0; i < 4; i++) {
      c.beginPath();
      c.moveTo(lx + 560 + i * 16, ly + 230);
      c.lineTo(lx + 560 + i * 16, ly + 270);
      c.stroke();
    }
    c.beginPath();
    c.moveTo(lx + 552, ly + 262);
    c.lineTo(lx + 622, ly + 238);
    c.stroke();
  });
  const [rx, ry] = WALL_RECTS.right;
  drawWall(ctx, rx, ry, 1024, 512, '#b6ae96', 7, (c) => {
    tag(c, 'PARIS NORD', rx + 600, ry + 110, 44, '#e3762b', '#1b1b1b', -0.04);
    tag(c, 'Ø', rx + 140, ry + 300, 90, '#9a3fb8', '#111', 0.1);
  });
  const [fx, fy] = WALL_RECTS.front;
  drawWall(ctx, fx, fy, 1024, 512, '#b8ad94', 9, (c) => {
    tag(c, 'LIBRE', fx + 620, fy + 160, 86, '#d8c23b', '#202020', -0.05);
  });
}

function drawFloor(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const rnd = seededRandom(31);
  ctx.fillStyle = '#6e675d';
  ctx.fillRect(0, 0, w, h);
  for (let i = 0; i < 140; i++) blotch(ctx, rnd() * w, rnd() * h, 20 + rnd() * 110, rnd() < 0.55 ? 'rgba(40,34,28,A)' : 'rgba(150,140,120,A)', 0.12 + rnd() * 0.1);
  // old lino remnants: a few pale rectangles with torn edges
  for (let i = 0; i < 3; i++) {
    const x = rnd() * w;
    const y = rnd() * h;
    ctx.fillStyle = 'rgba(150,128,96,0.45)';
    ctx.beginPath();
    ctx.moveTo(x, y);
    for (let k = 0; k < 10; k++) ctx.lineTo(x + Math.cos(k * 0.63) * (60 + rnd() * 60), y + Math.sin(k * 0.63) * (40 + rnd() * 40));
    ctx.fill();
  }
  ctx.strokeStyle = 'rgba(25,20,15,0.5)';
  for (let i = 0; i < 8; i++) {
    let x = rnd() * w;
    let y = rnd() * h;
    ctx.lineWidth = 1 + rnd() * 1.5;
    ctx.beginPath();
    ctx.moveTo(x, y);
    for (let k = 0; k < 18; k++) {
      x += 10 + rnd() * 14;
      y += (rnd() - 0.5) * 22;
      ctx.lineTo(x, y);
    }
    ctx.stroke();
  }
  // debris specks
  for (let i = 0; i < 500; i++) {
    ctx.fillStyle = rnd() < 0.5 ? 'rgba(20,16,12,0.5)' : 'rgba(200,190,170,0.35)';
    ctx.fillRect(rnd() * w, rnd() * h, 1 + rnd() * 3, 1 + rnd() * 3);
  }
  grain(ctx, 0, 0, w, h, 32, 0.07);
}

const PROPS_SIZE = 1024;
const PROP_RECTS = {
  mattress: [0, 0, 512, 256] as Rect,
  blanket: [512, 0, 512, 256] as Rect,
  cardboard: [0, 256, 512, 256] as Rect,
  poster: [512, 256, 256, 384] as Rect,
  ammonia: [768, 256, 256, 128] as Rect,
  soda: [768, 384, 256, 128] as Rect,
  newspaper: [0, 512, 512, 256] as Rect,
  night: [768, 512, 256, 256] as Rect,
  photo: [512, 640, 256, 128] as Rect,
};

function drawProps(ctx: CanvasRenderingContext2D) {
  const rnd = seededRandom(17);
  // Mattress ticking with stains
  {
    const [x, y, w, h] = PROP_RECTS.mattress;
    ctx.fillStyle = '#d8d1bd';
    ctx.fillRect(x, y, w, h);
    for (let i = 0; i < w; i += 22) {
      ctx.fillStyle = 'rgba(70,90,120,0.22)';
      ctx.fillRect(x + i, y, 6, h);
      ctx.fillStyle = 'rgba(70,90,120,0.12)';
      ctx.fillRect(x + i + 10, y, 2, h);
    }
    for (let i = 0; i < 9; i++) blotch(ctx, x + rnd() * w, y + rnd() * h, 20 + rnd() * 60, 'rgba(140,100,40,A)', 0.3);
    for (let i = 0; i < 4; i++) blotch(ctx, x + rnd() * w, y + rnd() * h, 10 + rnd() * 30, 'rgba(60,50,40,A)', 0.3);
    grain(ctx, x, y, w, h, 4, 0.06);
  }
  // Blanket: faded plaid
  {
    const [x, y, w, h] = PROP_RECTS.blanket;
    ctx.fillStyle = '#5d3b36';
    ctx.fillRect(x, y, w, h);
    for (let i = 0; i < w; i += 64) {
      ctx.fillStyle = 'rgba(40,70,60,0.55)';
      ctx.fillRect(x + i, y, 26, h);
      ctx.fillStyle = 'rgba(220,190,120,0.3)';
      ctx.fillRect(x + i + 40, y, 4, h);
    }
    for (let j = 0; j < h; j += 64) {
      ctx.fillStyle = 'rgba(40,70,60,0.45)';
      ctx.fillRect(x, y + j, w, 26);
      ctx.fillStyle = 'rgba(220,190,120,0.25)';
      ctx.fillRect(x, y + j + 40, w, 4);
    }
    grain(ctx, x, y, w, h, 6, 0.08);
  }
  // Cardboard
  {
    const [x, y, w, h] = PROP_RECTS.cardboard;
    ctx.fillStyle = '#a67b4f';
    ctx.fillRect(x, y, w, h);
    for (let i = 0; i < w; i += 7) {
      ctx.fillStyle = 'rgba(80,50,25,0.12)';
      ctx.fillRect(x + i, y, 2, h);
    }
    ctx.fillStyle = 'rgba(200,170,120,0.8)';
    ctx.fillRect(x, y + h / 2 - 18, w, 36);
    ctx.fillStyle = 'rgba(40,30,20,0.75)';
    ctx.font = 'bold 44px sans-serif';
    ctx.fillText('FRAGILE', x + 40, y + 70);
    ctx.font = 'bold 30px sans-serif';
    ctx.fillText('↑ ↑  HAUT', x + 300, y + 220);
    for (let i = 0; i < 6; i++) blotch(ctx, x + rnd() * w, y + rnd() * h, 20 + rnd() * 50, 'rgba(70,45,20,A)', 0.3);
    grain(ctx, x, y, w, h, 8, 0.05);
  }
  // Poster: a faded concert bill
  {
    const [x, y, w, h] = PROP_RECTS.poster;
    ctx.fillStyle = '#e6d8b8';
    ctx.fillRect(x, y, w, h);
    ctx.fillStyle = '#2f4b6e';
    ctx.fillRect(x + 18, y + 18, w - 36, h * 0.55);
    ctx.fillStyle = '#e0a33a';
    ctx.beginPath();
    ctx.arc(x + w / 2, y + 130, 62, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = '#1b1b1b';
    ctx.fillRect(x + w / 2 - 6, y + 70, 12, 130);
    ctx.fillStyle = '#b23a2a';
    ctx.font = 'bold 44px sans-serif';
    ctx.textAlign = 'center';
    ctx.fillText('CONCERT', x + w / 2, y + h * 0.67);
    ctx.fillStyle = '#2b2b2b';
    ctx.font = '24px sans-serif';
    ctx.fillText('SAMEDI 21H', x + w / 2, y + h * 0.76);
    ctx.fillText('entrée libre', x + w / 2, y + h * 0.84);
    ctx.textAlign = 'left';
    // torn corner and fading
    ctx.fillStyle = 'rgba(255,250,235,0.25)';
    ctx.fillRect(x, y, w, h);
    ctx.fillStyle = '#b3ab93';
    ctx.beginPath();
    ctx.moveTo(x + w, y + h);
    ctx.lineTo(x + w - 70, y + h);
    ctx.lineTo(x + w, y + h - 90);
    ctx.fill();
    grain(ctx, x, y, w, h, 9, 0.06);
  }
  // Ammonia label (white, blue text, hazard diamond)
  {
    const [x, y, w, h] = PROP_RECTS.ammonia;
    ctx.fillStyle = '#f4f4f2';
    ctx.fillRect(x, y, w, h);
    ctx.fillStyle = '#1f4e9a';
    ctx.fillRect(x, y, w, 26);
    ctx.font = 'bold 30px sans-serif';
    ctx.fillText('AMMONIAQUE', x + 14, y + 68);
    ctx.font = '18px sans-serif';
    ctx.fillText('solution 20%', x + 14, y + 96);
    ctx.save();
    ctx.translate(x + 215, y + 85);
    ctx.rotate(Math.PI / 4);
    ctx.fillStyle = '#ffffff';
    ctx.strokeStyle = '#c62020';
    ctx.lineWidth = 5;
    ctx.fillRect(-22, -22, 44, 44);
    ctx.strokeRect(-22, -22, 44, 44);
    ctx.restore();
  }
  // Baking soda label
  {
    const [x, y, w, h] = PROP_RECTS.soda;
    ctx.fillStyle = '#f2d23c';
    ctx.fillRect(x, y, w, h);
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(x + 10, y + 30, w - 20, 70);
    ctx.fillStyle = '#1d5aa6';
    ctx.font = 'bold 30px sans-serif';
    ctx.fillText('BICARBONATE', x + 18, y + 64);
    ctx.font = 'bold 20px sans-serif';
    ctx.fillText('DE SOUDE', x + 70, y + 92);
  }
  // Newspaper
  {
    const [x, y, w, h] = PROP_RECTS.newspaper;
    ctx.fillStyle = '#dcd8cc';
    ctx.fillRect(x, y, w, h);
    ctx.fillStyle = '#222';
    ctx.font = 'bold 40px serif';
    ctx.fillText('LE QUOTIDIEN', x + 20, y + 46);
    ctx.fillRect(x + 20, y + 58, w - 40, 3);
    ctx.font = 'bold 24px serif';
    ctx.fillText('Météo : pluie sur Paris', x + 20, y + 92);
    for (let c = 0; c < 3; c++) {
      for (let l = 0; l < 12; l++) {
        ctx.fillStyle = 'rgba(40,40,40,0.55)';
        ctx.fillRect(x + 20 + c * 160, y + 110 + l * 11, 140 - (l % 4 === 3 ? 50 : 0), 5);
      }
    }
    grain(ctx, x, y, w, h, 12, 0.05);
  }
  // Night seen through the gap in the window: dark sky, a lit window across the courtyard
  {
    const [x, y, w, h] = PROP_RECTS.night;
    const g = ctx.createLinearGradient(0, y, 0, y + h);
    g.addColorStop(0, '#0b1426');
    g.addColorStop(1, '#1c2438');
    ctx.fillStyle = g;
    ctx.fillRect(x, y, w, h);
    ctx.fillStyle = '#101520';
    ctx.fillRect(x, y + h * 0.35, w, h * 0.65);
    for (let i = 0; i < 10; i++) {
      ctx.fillStyle = rnd() < 0.6 ? '#e8b460' : '#8fa6c8';
      ctx.fillRect(x + 12 + rnd() * (w - 40), y + h * 0.4 + rnd() * h * 0.5, 14, 18);
    }
    blotch(ctx, x + w * 0.8, y + h * 0.3, 60, 'rgba(255,190,110,A)', 0.5);
  }
  // A photo tucked on the wall
  {
    const [x, y, w, h] = PROP_RECTS.photo;
    ctx.fillStyle = '#f2efe6';
    ctx.fillRect(x, y, w, h);
    const g = ctx.createLinearGradient(0, y + 10, 0, y + h - 10);
    g.addColorStop(0, '#8bb3d6');
    g.addColorStop(1, '#d9c79a');
    ctx.fillStyle = g;
    ctx.fillRect(x + 10, y + 10, w - 20, h - 20);
    ctx.fillStyle = '#4b6f4a';
    ctx.fillRect(x + 10, y + h - 45, w - 20, 35);
    ctx.fillStyle = '#7a4a3a';
    ctx.beginPath();
    ctx.arc(x + 90, y + 58, 14, 0, Math.PI * 2);
    ctx.arc(x + 140, y + 62, 12, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillRect(x + 80, y + 70, 20, 40);
    ctx.fillRect(x + 132, y + 72, 16, 36);
  }
}

const wallTex = canvasTexture(WALL_W, WALL_H, drawWalls);
const floorTex = canvasTexture(1024, 1024, drawFloor, true);
const propsTex = canvasTexture(PROPS_SIZE, PROPS_SIZE, drawProps);

const wallMat = new MeshStandardMaterial({ map: wallTex, roughness: 0.95, metalness: 0 });
const floorMat = new MeshStandardMaterial({ map: floorTex, roughness: 0.88, metalness: 0 });
const propsMat = new MeshStandardMaterial({ map: propsTex, roughness: 0.85, metalness: 0, vertexColors: true });
const nightMat = new MeshBasicMaterial({ map: propsTex });
const bulbHalo = glowHalo.clone();
bulbHalo.color.set('#ffcf8a');
bulbHalo.opacity = 0.5;
const UV = (r: Rect) => uvOf(r, PROPS_SIZE, PROPS_SIZE);
const BLANKET = crumpledCloth(1.25, 0.8, 4, 0.09);
const LUMP_A = lumpGeometry(1);
const LUMP_B = lumpGeometry(2, 0.4);
const LUMP_C = lumpGeometry(3, 0.35);
const CURTAIN = hangingCloth(0.5, 1.25, 3.5, 0.025);
const WUV = (r: Rect) => uvOf(r, WALL_W, WALL_H);

// ---------------------------------------------------------------------------------------------------------------
// Room (level 0)
// ---------------------------------------------------------------------------------------------------------------

interface Buckets {
  wall: Part[];
  floor: Part[];
  wood: Part[];
  matte: Part[];
  satin: Part[];
  metal: Part[];
  glow: Part[];
  props: Part[];
  night: Part[];
  clear: Part[];
  shadow: Part[];
  halo: Part[];
}

const WOOD = { old: '#6b4a30', dark: '#3e2a1c', pale: '#9a7a56', door: '#7d7466' };

function chair(b: Buckets, x: number, z: number, yaw: number) {
  const at = placer(x, 0, z, yaw);
  const add = (lx: number, y: number, lz: number, sx: number, sy: number, sz: number, col = WOOD.old) =>
    b.wood.push({ geometry: BOX, position: at(lx, y, lz), rotation: [0, yaw, 0], scale: [sx, sy, sz], color: col });
  add(0, 0.45, 0, 0.42, 0.03, 0.4);
  for (const lx of [-0.18, 0.18]) {
    add(lx, 0.225, 0.17, 0.035, 0.45, 0.035);
    add(lx, 0.39, -0.18, 0.035, 0.78, 0.035);
  }
  add(0, 0.72, -0.18, 0.4, 0.08, 0.025);
  add(0, 0.15, 0, 0.34, 0.025, 0.025);
  shadowAt(b.shadow, x, z, 0.65, 0.65);
}

function crate(b: Buckets, x: number, z: number, yaw: number, color: string) {
  const at = placer(x, 0, z, yaw);
  const H = CRATE.h;
  const add = (lx: number, y: number, lz: number, sx: number, sy: number, sz: number) =>
    b.satin.push({ geometry: BOX, position: at(lx, y, lz), rotation: [0, yaw, 0], scale: [sx, sy, sz], color });
  // upturned crate: closed top, slatted sides
  add(0, H - 0.015, 0, 0.4, 0.03, 0.3);
  add(0, 0.015, 0, 0.41, 0.03, 0.31);
  for (const s of [-1, 1]) {
    add(s * 0.19, H / 2, 0, 0.02, H, 0.3);
    add(0, H / 2, s * 0.14, 0.4, H, 0.02);
  }
  for (let i = 0; i < 3; i++) {
    const y = 0.06 + i * 0.1;
    b.matte.push({ geometry: BOX, position: at(0, y + 0.03, 0.151), rotation: [0, yaw, 0], scale: [0.3, 0.025, 0.004], color: '#16263a' });
    b.matte.push({ geometry: BOX, position: at(0, y + 0.03, -0.151), rotation: [0, yaw, 0], scale: [0.3, 0.025, 0.004], color: '#16263a' });
    b.matte.push({ geometry: BOX, position: at(0.201, y + 0.03, 0), rotation: [0, yaw, 0], scale: [0.004, 0.025, 0.22], color: '#16263a' });
    b.matte.push({ geometry: BOX, position: at(-0.201, y + 0.03, 0), rotation: [0, yaw, 0], scale: [0.004, 0.025, 0.22], color: '#16263a' });
  }
  shadowAt(b.shadow, x, z, 0.6, 0.5, 0.004, yaw);
}

function bottle(b: Buckets, x: number, z: number, y = 0, lying = false, seed = 1) {
  const rnd = seededRandom(seed);
  if (lying) {
    b.clear.push({ geometry: CYL, position: [x, y + 0.035, z], rotation: [Math.PI / 2, rnd() * 3, 0], scale: [0.035, 0.26, 0.035], color: '#cfe3ee' });
    return;
  }
  b.clear.push({ geometry: CYL, position: [x, y + 0.13, z], scale: [0.035, 0.26, 0.035], color: '#cfe3ee' });
  b.satin.push({ geometry: CYL_LO, position: [x, y + 0.27, z], scale: [0.014, 0.02, 0.014], color: '#2d66c4' });
  b.satin.push({ geometry: CYL_OPEN, position: [x, y + 0.13, z], scale: [0.0355, 0.07, 0.0355], color: '#3d8ed6' });
}

function buildRoom(): Buckets {
  const b: Buckets = { wall: [], floor: [], wood: [], matte: [], satin: [], metal: [], glow: [], props: [], night: [], clear: [], shadow: [], halo: [] };
  const { x0, x1, z0, z1, h } = ROOM;
  const W = x1 - x0;
  const D = z1 - z0;
  const rnd = seededRandom(101);

  // Shell
  b.floor.push({ geometry: FLOOR_PLANE, position: [(x0 + x1) / 2, 0, (z0 + z1) / 2], scale: [W, 1, D] });
  b.matte.push({ geometry: PLANE, position: [(x0 + x1) / 2, h, (z0 + z1) / 2], rotation: [Math.PI / 2, 0, 0], scale: [W, D, 1], color: '#8c8676' });
  b.wall.push({ geometry: PLANE, position: [(x0 + x1) / 2, h / 2, z0], scale: [W, h, 1], uvRect: WUV(WALL_RECTS.back) });
  b.wall.push({ geometry: PLANE, position: [x0, h / 2, (z0 + z1) / 2], rotation: [0, Math.PI / 2, 0], scale: [D, h, 1], uvRect: WUV(WALL_RECTS.left) });
  b.wall.push({ geometry: PLANE, position: [x1, h / 2, (z0 + z1) / 2], rotation: [0, -Math.PI / 2, 0], scale: [D, h, 1], uvRect: WUV(WALL_RECTS.right) });
  b.wall.push({ geometry: PLANE, position: [(x0 + x1) / 2, h / 2, z1], rotation: [0, Math.PI, 0], scale: [W, h, 1], uvRect: WUV(WALL_RECTS.front) });
  // Skirting boards, chipped
  box(b.wood, x0, 0, z0, x1, 0.09, z0 + 0.015, '#8a8270');
  box(b.wood, x0, 0, z0, x0 + 0.015, 0.09, z1, '#8a8270');
  box(b.wood, x1 - 0.015, 0, z0, x1, 0.09, z1, '#8a8270');
  box(b.wood, x0, 0, z1 - 0.015, x1, 0.09, z1, '#8a8270');
  // Ceiling stain
  b.shadow.push({ geometry: PLANE, position: [-0.9, h - 0.004, -2.6], rotation: [Math.PI / 2, 0, 0], scale: [1.4, 1.1, 1] });

  // Door on the left wall (closed, scuffed), with a bolt
  const dz = 0.55;
  box(b.wood, x0, 0, dz - 0.48, x0 + 0.045, 2.05, dz + 0.48, '#4f4a42');
  box(b.wood, x0 + 0.02, 0, dz - 0.42, x0 + 0.055, 2.0, dz + 0.42, WOOD.door);
  for (const py of [0.45, 1.3]) box(b.wood, x0 + 0.055, py, dz - 0.34, x0 + 0.065, py + 0.55, dz + 0.34, '#8a8172');
  b.metal.push({ geometry: CYL_LO, position: [x0 + 0.08, 1.0, dz - 0.33], rotation: [0, 0, Math.PI / 2], scale: [0.012, 0.05, 0.012], color: '#b0a890' });
  box(b.metal, x0 + 0.06, 1.35, dz - 0.38, x0 + 0.075, 1.39, dz - 0.2, '#6d6a62');

  // Window on the right wall: frame, a gap showing the night, the rest boarded with cardboard, a sheet as curtain
  const wz0 = -3.15;
  const wz1 = -2.15;
  const wy0 = 1.0;
  const wy1 = 2.0;
  b.night.push({ geometry: PLANE, position: [x1 - 0.02, (wy0 + wy1) / 2, (wz0 + wz1) / 2], rotation: [0, -Math.PI / 2, 0], scale: [wz1 - wz0, wy1 - wy0, 1], uvRect: UV(PROP_RECTS.night) });
  for (const [a0, a1, c0, c1] of [
    [wz0 - 0.06, wz1 + 0.06, wy0 - 0.06, wy0],
    [wz0 - 0.06, wz1 + 0.06, wy1, wy1 + 0.06],
    [wz0 - 0.06, wz0, wy0, wy1],
    [wz1, wz1 + 0.06, wy0, wy1],
    [(wz0 + wz1) / 2 - 0.025, (wz0 + wz1) / 2 + 0.025, wy0, wy1],
  ] as const) {
    box(b.wood, x1 - 0.07, c0, a0, x1 - 0.005, c1, a1, '#d8d2c2');
  }
  box(b.wood, x1 - 0.16, wy0 - 0.09, wz0 - 0.1, x1, wy0 - 0.06, wz1 + 0.1, '#cfc8b6');
  // cardboard over most of the panes (a gap at the top of the left one)
  b.props.push({ geometry: BOX, position: [x1 - 0.075, 1.42, -2.9], rotation: [0, -Math.PI / 2, 0.03], scale: [0.46, 0.78, 0.006], uvRect: UV(PROP_RECTS.cardboard) });
  b.props.push({ geometry: BOX, position: [x1 - 0.075, 1.5, -2.4], rotation: [0, -Math.PI / 2, -0.02], scale: [0.45, 0.98, 0.006], uvRect: UV(PROP_RECTS.cardboard) });
  box(b.matte, x1 - 0.08, 1.83, -3.12, x1 - 0.076, 1.88, -2.68, '#c9b28a');
  // a sheet hung as a curtain from a string, pushed aside
  b.metal.push({ geometry: CYL_LO, position: [x1 - 0.1, 2.1, (wz0 + wz1) / 2], rotation: [Math.PI / 2, 0, 0], scale: [0.004, 1.3, 0.004], color: '#555' });
  b.matte.push({ geometry: CURTAIN, position: [x1 - 0.13, 2.1 - 0.625, wz1 + 0.12], rotation: [0, -Math.PI / 2, 0], color: '#7d8a96' });
  // radiator under the window
  for (let i = 0; i < 12; i++) box(b.metal, x1 - 0.14, 0.18, -3.05 + i * 0.075, x1 - 0.06, 0.78, -3.05 + i * 0.075 + 0.05, '#b9b2a2');
  box(b.metal, x1 - 0.13, 0.72, -3.06, x1 - 0.07, 0.75, -2.17, '#b9b2a2');
  box(b.metal, x1 - 0.13, 0.2, -3.06, x1 - 0.07, 0.23, -2.17, '#b9b2a2');

  // Electric cable along the ceiling to the bulb, the bulb and its socket
  const [bx, by, bz] = BULB;
  b.matte.push({ geometry: CYL_LO, position: [bx, (by + h) / 2 + 0.05, bz], scale: [0.004, h - by - 0.1, 0.004], color: '#1c1c1c' });
  box(b.matte, bx - 0.004, h - 0.01, bz, bx + 0.004, h - 0.002, z0, '#1c1c1c');
  b.matte.push({ geometry: CYL, position: [bx, by + 0.07, bz], scale: [0.018, 0.05, 0.018], color: '#2a2a2a' });
  b.glow.push({ geometry: SPHERE, position: [bx, by, bz], scale: [0.03, 0.04, 0.03], color: '#fff1d2' });
  b.halo.push({ geometry: PLANE, position: [bx, by, bz + 0.04], scale: [0.5, 0.5, 1] });
  // a light switch and a socket with a charger
  box(b.satin, x0 + 0.001, 1.1, dz + 0.6, x0 + 0.02, 1.18, dz + 0.68, '#e8e2d2');
  box(b.satin, x0 + 0.001, 0.25, -1.5, x0 + 0.02, 0.32, -1.43, '#e8e2d2');

  // Mattress, blanket, pillow
  const M = MATTRESS;
  b.props.push({ geometry: BOX, position: [(M.x0 + M.x1) / 2, (M.h - 0.01) / 2, (M.z0 + M.z1) / 2], scale: [M.x1 - M.x0, M.h - 0.01, M.z1 - M.z0], uvRect: UV(PROP_RECTS.mattress), color: '#a79f8a' });
  b.props.push({ geometry: FLOOR_PLANE, position: [(M.x0 + M.x1) / 2, M.h, (M.z0 + M.z1) / 2], scale: [M.x1 - M.x0, 1, M.z1 - M.z0], uvRect: UV(PROP_RECTS.mattress), color: '#bdb4a0' });
  b.props.push({ geometry: BLANKET, position: [-1.1, M.h - 0.004, -3.22], rotation: [0, 0.12, 0], uvRect: UV(PROP_RECTS.blanket) });
  b.matte.push({ geometry: LUMP_A, position: [-1.62, M.h + 0.03, -3.45], rotation: [0, 0.2, 0], scale: [0.25, 0.09, 0.15], color: '#c8c0ad' });
  shadowAt(b.shadow, (M.x0 + M.x1) / 2, (M.z0 + M.z1) / 2, M.x1 - M.x0 + 0.3, M.z1 - M.z0 + 0.3);

  // Patient's chair, the coffee table, the crate at its end
  chair(b, 0, 0.06, Math.PI);
  const T = TABLE;
  box(b.wood, T.x - T.w / 2, T.h - 0.03, T.z - T.d / 2, T.x + T.w / 2, T.h, T.z + T.d / 2, WOOD.dark);
  box(b.wood, T.x - T.w / 2 + 0.02, T.h - 0.08, T.z - T.d / 2 + 0.02, T.x + T.w / 2 - 0.02, T.h - 0.03, T.z + T.d / 2 - 0.02, WOOD.old);
  for (const sx of [-1, 1])
    for (const sz of [-1, 1]) box(b.wood, T.x + sx * (T.w / 2 - 0.06), 0, T.z + sz * (T.d / 2 - 0.06), T.x + sx * (T.w / 2 - 0.02), T.h - 0.03, T.z + sz * (T.d / 2 - 0.02), WOOD.old);
  box(b.wood, T.x - T.w / 2 + 0.04, 0.1, T.z - T.d / 2 + 0.04, T.x + T.w / 2 - 0.04, 0.12, T.z + T.d / 2 - 0.04, WOOD.old);
  // a newspaper and a mug on the lower shelf
  b.props.push({ geometry: BOX, position: [0.15, 0.125, T.z], rotation: [0, 0.12, 0], scale: [0.42, 0.004, 0.3], uvRect: UV(PROP_RECTS.newspaper) });
  shadowAt(b.shadow, T.x, T.z, T.w + 0.35, T.d + 0.35);
  crate(b, CRATE.x, CRATE.z, -0.7, '#2f5f9a');

  // Shelf on the back wall, right of the mattress, with its level-0 objects
  const S = SHELF;
  const sz = S.z;
  box(b.wood, S.x0, S.y - 0.025, sz - 0.11, S.x1, S.y, sz + 0.11, WOOD.pale);
  for (const x of [S.x0 + 0.1, S.x1 - 0.1]) {
    box(b.metal, x - 0.012, S.y - 0.16, ROOM.z0, x + 0.012, S.y - 0.025, ROOM.z0 + 0.02, '#3a3a3a');
    b.metal.push({ geometry: BOX, position: [x, S.y - 0.085, ROOM.z0 + 0.09], rotation: [0.75, 0, 0], scale: [0.02, 0.02, 0.2], color: '#3a3a3a' });
  }
  // radio
  box(b.satin, 0.36, S.y, sz - 0.07, 0.62, S.y + 0.13, sz + 0.06, '#3b3b3b');
  b.metal.push({ geometry: CIRCLE, position: [0.54, S.y + 0.065, sz + 0.062], scale: [0.09, 0.09, 1], color: '#777' });
  box(b.glow, 0.4, S.y + 0.09, sz + 0.06, 0.46, S.y + 0.11, sz + 0.062, '#8fd0a0');
  b.metal.push({ geometry: CYL_LO, position: [0.4, S.y + 0.26, sz], rotation: [0, 0, 0.3], scale: [0.003, 0.26, 0.003], color: '#bbb' });
  // mug, toothbrush cup, candle jar, folded T-shirts
  b.satin.push({ geometry: CYL, position: [0.7, S.y + 0.05, sz + 0.02], scale: [0.04, 0.1, 0.04], color: '#d35a3a' });
  b.satin.push({ geometry: TORUS, position: [0.745, S.y + 0.05, sz + 0.02], rotation: [Math.PI / 2, 0, 0], scale: [0.025, 0.025, 0.08], color: '#d35a3a' });
  b.clear.push({ geometry: CYL, position: [0.82, S.y + 0.05, sz], scale: [0.032, 0.1, 0.032], color: '#e8f0f0' });
  b.satin.push({ geometry: CYL_LO, position: [0.825, S.y + 0.1, sz], rotation: [0.1, 0, 0.15], scale: [0.005, 0.17, 0.005], color: '#3aa0d8' });
  b.clear.push({ geometry: CYL, position: [0.92, S.y + 0.045, sz], scale: [0.035, 0.09, 0.035], color: '#d9c28a' });
  b.matte.push({ geometry: CYL, position: [0.92, S.y + 0.03, sz], scale: [0.03, 0.055, 0.03], color: '#efe6d0' });
  box(b.matte, 1.02, S.y, sz - 0.09, 1.2, S.y + 0.06, sz + 0.08, '#3f5e78');
  box(b.matte, 1.03, S.y + 0.06, sz - 0.085, 1.19, S.y + 0.1, sz + 0.075, '#9a3a3a');
  // poster and photo on the right wall, between shelf and window
  b.props.push({ geometry: PLANE, position: [ROOM.x1 - 0.004, 1.5, -1.3], rotation: [0, -Math.PI / 2, 0.02], scale: [0.4, 0.6, 1], uvRect: UV(PROP_RECTS.poster) });
  b.props.push({ geometry: PLANE, position: [ROOM.x1 - 0.004, 1.58, -0.45], rotation: [0, -Math.PI / 2, -0.05], scale: [0.18, 0.09, 1], uvRect: UV(PROP_RECTS.photo) });

  // Boxes stacked in the back-right corner
  for (const [cx, cy, cz, sx, sy, sz, ry] of [
    [1.75, 0.2, -3.35, 0.55, 0.4, 0.45, 0.05],
    [1.72, 0.58, -3.38, 0.48, 0.36, 0.4, -0.08],
    [1.2, 0.16, -3.45, 0.45, 0.32, 0.35, 0.2],
  ] as const) {
    b.props.push({ geometry: BOX, position: [cx, cy, cz], rotation: [0, ry, 0], scale: [sx, sy, sz], uvRect: UV(PROP_RECTS.cardboard) });
    shadowAt(b.shadow, cx, cz, sx + 0.25, sz + 0.25);
  }
  // A sports bag, a pile of clothes, trainers, bottles, a plastic bag, an unlit candle near the mattress
  b.matte.push({ geometry: LUMP_C, position: [-1.8, 0.12, -1.9], rotation: [0, 0.4, 0], scale: [0.3, 0.15, 0.16], color: '#1f2a3a' });
  b.matte.push({ geometry: TORUS, position: [-1.8, 0.2, -1.9], rotation: [0, 0.4, 0], scale: [0.1, 0.1, 0.3], color: '#111' });
  shadowAt(b.shadow, -1.8, -1.9, 0.8, 0.5, 0.004, 0.4);
  for (let i = 0; i < 10; i++) {
    const cols = ['#5b2a2a', '#3a4a5a', '#77776e', '#2a2a2a', '#4a5a3a', '#6d5a44'];
    const r = Math.sqrt(rnd()) * 0.22;
    const a = rnd() * 6.28;
    b.matte.push({ geometry: [LUMP_A, LUMP_B, LUMP_C][i % 3]!, position: [-1.65 + Math.cos(a) * r, 0.04 + (0.22 - r) * 0.35, -0.95 + Math.sin(a) * r], rotation: [rnd() * 0.5, rnd() * 3, rnd() * 0.4], scale: [0.1 + rnd() * 0.06, 0.05 + rnd() * 0.03, 0.08 + rnd() * 0.05], color: cols[i % cols.length]! });
  }
  shadowAt(b.shadow, -1.55, -0.95, 0.8, 0.7);
  for (const [sx, sz, ry] of [
    [0.55, -2.55, 0.3],
    [0.72, -2.5, 0.1],
  ] as const) {
    const at = placer(sx, 0, sz, ry);
    b.matte.push({ geometry: BOX, position: at(0, 0.012, 0), rotation: [0, ry, 0], scale: [0.095, 0.024, 0.27], color: '#3a3a3a' });
    b.matte.push({ geometry: BOX, position: at(0, 0.05, -0.04), rotation: [0, ry, 0], scale: [0.088, 0.06, 0.17], color: '#e4e4df' });
    b.matte.push({ geometry: SPHERE_LO, position: at(0, 0.03, 0.06), rotation: [0, ry, 0], scale: [0.045, 0.035, 0.075], color: '#e4e4df' });
    b.matte.push({ geometry: BOX, position: at(0, 0.081, -0.06), rotation: [0, ry, 0], scale: [0.06, 0.004, 0.09], color: '#2a2a2a' });
  }
  bottle(b, 0.35, -3.4, 0, false, 1);
  bottle(b, 0.48, -3.35, 0, false, 2);
  bottle(b, 0.62, -3.05, 0, true, 3);
  b.clear.push({ geometry: CYL, position: [0.25, 0.05, -3.3], scale: [0.04, 0.1, 0.04], color: '#d9c28a' });
  b.matte.push({ geometry: CYL, position: [0.25, 0.035, -3.3], scale: [0.034, 0.06, 0.034], color: '#efe6d0' });
  // Pizza box on the floor by the mattress
  b.props.push({ geometry: BOX, position: [0.55, 0.025, -2.95], rotation: [0, 0.5, 0], scale: [0.33, 0.04, 0.33], uvRect: UV(PROP_RECTS.cardboard) });
  shadowAt(b.shadow, 0.55, -2.95, 0.45, 0.45, 0.004, 0.5);
  return b;
}

function Room() {
  const b = useMemo(buildRoom, []);
  return (
    <group name="cue:room" userData={{ cueId: 'room', minLevel: 0 }}>
      <MergedMesh parts={b.floor} material={floorMat} worldUV={0.42} />
      <MergedMesh parts={b.wall} material={wallMat} />
      <MergedMesh parts={b.wood} material={woodVC} worldUV={1.1} />
      <MergedMesh parts={b.matte} material={matteVC} />
      <MergedMesh parts={b.satin} material={satinVC} />
      <MergedMesh parts={b.metal} material={metalVC} />
      <MergedMesh parts={b.glow} material={glowVC} />
      <MergedMesh parts={b.props} material={propsMat} />
      <MergedMesh parts={b.night} material={nightMat} />
      <MergedMesh parts={b.shadow} material={contactShadow} renderOrder={1} />
      <MergedMesh parts={b.clear} material={plasticClearVC} renderOrder={2} />
      <MergedMesh parts={b.halo} material={bulbHalo} renderOrder={4} />
    </group>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Lights: one dim bare bulb, a little cold light from the window, and the lighter flame when it burns
// ---------------------------------------------------------------------------------------------------------------

/** World position and brightness of the lighter flame currently burning, written by the people's poses. */
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
    l.intensity = flame.k * (0.9 + 0.1 * Math.sin(t * 29) * Math.sin(t * 13.7)) * 0.9;
  });
  return (
    <>
      <hemisphereLight args={['#b5a68c', '#1e1812', 0.32]} />
      <pointLight position={BULB} color="#ffc27a" intensity={3.4} distance={8} decay={1.5} />
      <pointLight position={[ROOM.x1 - 0.4, 1.8, -2.7]} color="#7f9cc9" intensity={0.45} distance={4} decay={1.5} />
      <pointLight ref={light} color="#ff9a3c" intensity={0} distance={2.2} decay={1.6} />
    </>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Cue props
// ---------------------------------------------------------------------------------------------------------------

function ShelfLighter() {
  // one on the shelf, spent ones dropped by the mattress and on the crate: seen from the seat at once
  return (
    <>
      <group position={[1.32, SHELF.y, SHELF.z + 0.03]}>
        <Props build={(b) => lighterParts(b, '#e0342b', [0, 0, 0], 0.4)} />
      </group>
      <Props
        build={(b) => {
          lighterParts(b, '#f2c21b', [0.35, 0, -2.55], 1.1, true);
          lighterParts(b, '#2f7fd0', [-0.25, 0, -2.4], 2.6, true);
          lighterParts(b, '#e0342b', [CRATE.x - 0.08, CRATE.h, CRATE.z + 0.05], 0.9, true);
        }}
      />
    </>
  );
}

function EmptyBaggie() {
  // leaning against the wall behind the lighter, and torn ones on the floor
  return (
    <>
      <group position={[1.24, SHELF.y + 0.025, SHELF.z - 0.088]} rotation={[-1.25, 0, 0.15]}>
        <Props build={(b) => baggieParts(b, [0, 0, 0], 0, '#2d8f4a')} />
      </group>
      <Props
        build={(b) => {
          baggieParts(b, [-0.55, 0, -1.45], 0.7, '#c03a3a');
          baggieParts(b, [0.4, 0, -1.75], 2.2, '#2d8f4a');
          baggieParts(b, [0.05, 0, -2.35], 1.4, '#c03a3a');
        }}
      />
    </>
  );
}

const tableShadow = (list: Part[], x: number, z: number, s: number) => shadowAt(list, x, z, s, s, TOP + 0.0005);

function TablePipe() {
  const shadow = useMemo<Part[]>(() => {
    const l: Part[] = [];
    tableShadow(l, -0.02, -0.6, 0.14);
    return l;
  }, []);
  return (
    <>
      <MergedMesh parts={shadow} material={contactShadow} renderOrder={1} />
      {/* lying across the table, tipped up on a lighter-width wedge of paper */}
      <group position={[-0.07, TOP + 0.005, -0.6]} rotation={[0, 0, -Math.PI / 2 - 0.04]}>
        <group rotation={[0, 0.35, 0]}>
          <Props build={(b) => pipeParts(b)} />
        </group>
      </group>
    </>
  );
}

function SteelWool() {
  return (
    <Props
      build={(b) => {
        steelWoolParts(b.metal, [0.18, TOP, -0.6], 4);
        tableShadow(b.matte, 0.18, -0.6, 0);
      }}
    />
  );
}

function TableLighter() {
  const shadow = useMemo<Part[]>(() => {
    const l: Part[] = [];
    tableShadow(l, -0.22, -0.66, 0.12);
    return l;
  }, []);
  return (
    <>
      <MergedMesh parts={shadow} material={contactShadow} renderOrder={1} />
      <Props build={(b) => lighterParts(b, '#f2c21b', [-0.22, TOP, -0.66], 0.9, true)} />
    </>
  );
}

function CrackRocks() {
  return (
    <Props
      build={(b) => {
        foilParts(b.metal, [0.02, TOP, -0.8], 0.4, 0.09, '#d5d8db');
        rocksParts(b.matte, [0.02, TOP + 0.0016, -0.8], 6, 9, 0.018, 0.0065);
        // an opened baggie beside, a few crumbs left in it
        baggieParts(b, [0.1, TOP, -0.86], -0.3, '#c03a3a', '#ebe2cc');
      }}
    />
  );
}

function BasingKit() {
  const label = useMemo<Part[]>(
    () => [
      { geometry: CYL_OPEN, position: [0.3, TOP + 0.05, -0.92], rotation: [0, -0.6, 0], scale: [0.0275, 0.055, 0.0275], uvRect: UV(PROP_RECTS.ammonia) },
      { geometry: BOX, position: [0.39, TOP + 0.05, -0.8], rotation: [0, -0.3, 0], scale: [0.07, 0.1, 0.035], uvRect: UV(PROP_RECTS.soda) },
    ],
    [],
  );
  const shadow = useMemo<Part[]>(() => {
    const l: Part[] = [];
    tableShadow(l, 0.3, -0.92, 0.11);
    tableShadow(l, 0.39, -0.8, 0.13);
    tableShadow(l, 0.24, -0.72, 0.12);
    return l;
  }, []);
  return (
    <>
      <MergedMesh parts={shadow} material={contactShadow} renderOrder={1} />
      <MergedMesh parts={label} material={propsMat} />
      <Props
        build={(b) => {
          b.satin.push({ geometry: SMALL_BOTTLE, position: [0.3, TOP, -0.92], color: '#f4f4f2' });
          b.satin.push({ geometry: CYL_LO, position: [0.3, TOP + 0.125, -0.92], scale: [0.0125, 0.016, 0.0125], color: '#1f4e9a' });
          // the spoon with a cooked white residue, used to "base" the powder
          spoonParts(b, [0.22, TOP, -0.7], 2.6, '#f1ead6', true);
        }}
      />
    </>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// People
// ---------------------------------------------------------------------------------------------------------------

const SMOKER = { position: [-0.78, 0, -3.0] as Vec3, yaw: 0.6 };
const SMOKER_LOOK: Look = {
  skin: '#c99474',
  shirt: '#6a7078',
  pants: '#2f3a4a',
  hair: '#2b1d14',
  shoes: '#d6d6d2',
  hairStyle: 'hood',
  hat: '#5d636b',
  beard: true,
};
const NEIGHBOUR = { position: [CRATE.x, 0, CRATE.z] as Vec3, yaw: -0.7 };
const NEIGHBOUR_LOOK: Look = {
  skin: '#8a5a3c',
  shirt: '#8b3a34',
  jacket: '#35452f',
  pants: '#3a3530',
  hair: '#1a1410',
  shoes: '#2e2e2e',
  hairStyle: 'cap',
  hat: '#222426',
};
const PATIENT_EYES = new Vector3(0, 1.2, 0);

/** World → a person's local frame. */
function toLocal(world: Vector3, at: Vec3, yaw: number): Vector3 {
  return world.clone().sub(new Vector3(...at)).applyAxisAngle(new Vector3(0, 1, 0), -yaw);
}
function toWorld(local: Vector3, at: Vec3, yaw: number): Vector3 {
  return local.clone().applyAxisAngle(new Vector3(0, 1, 0), yaw).add(new Vector3(...at));
}

const lerpQ = (a: Quaternion, b: Quaternion, t: number) => a.clone().slerp(b, t);

interface SmokerState {
  flame: number;
  ember: number;
  tipSmoke: number;
  exhale: number;
}

/**
 * The person on the mattress. Idle: elbows on the knees, pipe in the right hand, lighter in the left. During
 * 'person-smokes-pipe' they raise the pipe to the lips, hold the flame to the far end (ember glows, a wisp
 * rises), lower it and breathe the smoke out. The 'lighter-flick' event flicks the lighter twice; at level 3
 * the 'offer-pipe' event has them hold the pipe out toward the patient.
 */
function Smoker({ flame }: { flame: FlameTracker }) {
  const level = useSceneLevel();
  const smoking = useSegment('person-smokes-pipe');
  const flick = useSceneEvent('lighter-flick');
  const offer = useSceneEvent('offer-pipe');
  const st = useRef<SmokerState>({ flame: 0, ember: 0, tipSmoke: 0, exhale: 0 });
  const pipeTip = useMemo(() => new Vector3(), []);
  const mouth = useMemo(() => new Vector3(), []);
  const fwd = useMemo(() => new Vector3(), []);

  const pose = (p: PoseState, time: number) => {
    const s = st.current;
    s.flame = 0;
    s.ember = 0;
    s.tipSmoke = 0;
    s.exhale = 0;
    const breath = Math.sin(time * 1.3) * 0.012;
    p.lean = 0.2 + breath;
    p.headPitch = 0.28;
    p.headYaw = 0.1;
    p.handR.set(-0.1, 0.53, 0.52);
    p.handL.set(0.11, 0.53, 0.5);
    p.poleR.set(-1, -0.3, -0.3);
    p.poleL.set(1, -0.3, -0.3);

    // Rest: forearms on the knees, the pipe held in the right fingers pointing forward, lighter in the left fist.
    const restPipeQ = alongDir(new Vector3(0.9, 0.22, 0.35));
    const restPipePos = p.handR.clone().add(new Vector3(0.0, 0.035, 0.01));
    const restLightQ = new Quaternion();
    const restLightPos = p.handL.clone().add(new Vector3(0, -0.03, 0.01));

    const seg = smoking();
    const fl = flick();
    const of = offer();
    let pipeQ = restPipeQ;
    let pipePos = restPipePos;
    let lightQ = restLightQ;
    let lightPos = restLightPos;

    if (seg.active) {
      const u = seg.progress;
      const raise = envelope(u, 0, 0.12, 0.74, 0.86);
      const lightW = envelope(u, 0.08, 0.2, 0.6, 0.72);
      const exhaleW = envelope(u, 0.8, 0.86, 0.95, 1);
      p.lean = 0.2 - 0.12 * raise - 0.1 * exhaleW;
      p.headPitch = 0.28 - 0.2 * raise - 0.35 * exhaleW;
      headPoint(p, MOUTH, mouth);
      headForward(p, fwd);
      // stem angled down and to the person's left, so it shows in profile to the patient
      const dir = fwd.clone().multiplyScalar(0.75).add(new Vector3(0.62, -0.3, 0)).normalize();
      const actQ = alongDir(dir);
      const actPos = mouth.clone().addScaledVector(fwd, 0.004);
      pipeQ = lerpQ(restPipeQ, actQ, raise);
      pipePos = restPipePos.clone().lerp(actPos, raise);
      // lighter under the far end of the pipe
      const far = actPos.clone().addScaledVector(dir, PIPE_LENGTH - 0.006);
      const litPos = far.clone().add(new Vector3(0.003, -LIGHTER_TOP - 0.014, 0));
      const litQ = new Quaternion().setFromAxisAngle(new Vector3(0, 0, 1), 0.1);
      lightQ = lerpQ(restLightQ, litQ, lightW);
      lightPos = restLightPos.clone().lerp(litPos, lightW);
      s.flame = envelope(u, 0.18, 0.21, 0.57, 0.6);
      s.ember = envelope(u, 0.22, 0.32, 0.6, 0.8);
      s.tipSmoke = envelope(u, 0.25, 0.3, 0.62, 0.7);
      s.exhale = envelope(u, 0.8, 0.83, 0.94, 0.97);
      p.headYaw = 0.1 * (1 - raise);
      p.poleR.set(-1, -0.3 - 0.9 * raise, -0.3 + 0.2 * raise);
      p.poleL.set(1, -0.3 - 0.9 * lightW, -0.3 + 0.2 * lightW);
    } else if (of.active && level === 3) {
      const w = envelope(of.progress, 0, 0.15, 0.85, 1);
      const target = toLocal(PATIENT_EYES.clone().add(new Vector3(0, -0.3, 0)), SMOKER.position, SMOKER.yaw);
      const sh = new Vector3(-0.19, p.hipY + 0.445, 0.1);
      const dir = target.clone().sub(sh).normalize();
      const hand = sh.clone().addScaledVector(dir, 0.56);
      p.lean = 0.2 + 0.1 * w;
      p.headPitch = 0.28 - 0.3 * w;
      p.headYaw = 0.1 - 0.5 * w;
      p.handR.lerp(hand, w);
      const offerQ = alongDir(new Vector3(dir.x, 0.1, dir.z).negate().normalize());
      pipeQ = lerpQ(restPipeQ, offerQ, w);
      pipePos = p.handR.clone().sub(new Vector3(0, 0.05, 0).applyQuaternion(pipeQ));
    } else if (fl.active) {
      const w = envelope(fl.progress, 0, 0.2, 0.85, 1);
      const up = new Vector3(0.06, 0.74, 0.33);
      lightPos = restLightPos.clone().lerp(up, w);
      p.headPitch = 0.28 + 0.1 * w;
      s.flame = Math.max(envelope(fl.progress, 0.25, 0.27, 0.42, 0.45), envelope(fl.progress, 0.58, 0.6, 0.78, 0.8));
    }

    // Hands follow their objects.
    // The stem rests between thumb and fingers: the palm is under it, near the mouth end.
    const gripR = pipePos.clone().add(new Vector3(0, 0.02, 0).applyQuaternion(pipeQ));
    gripAt(p.heldR, pipeQ, gripR, [0, 0.02, 0]);
    p.handR.copy(gripR).add(new Vector3(0, -0.04, -0.01));
    // The fist closes on the bottom of the lighter; the top, the thumb wheel and the flame stay clear.
    const gripL = lightPos.clone().add(new Vector3(0, 0.02, 0).applyQuaternion(lightQ));
    gripAt(p.heldL, lightQ, gripL, [0, 0.02, 0]);
    p.handL.copy(gripL).add(new Vector3(0, -0.035, -0.012));

    // Where smoke comes from, and the flame for the room light.
    pipeTip.set(0, PIPE_LENGTH, 0).applyQuaternion(pipeQ).add(pipePos);
    if (s.flame > 0 && level >= 3) {
      flame.pos.copy(toWorld(lightPos.clone().add(new Vector3(0, LIGHTER_TOP + 0.02, 0)), SMOKER.position, SMOKER.yaw));
      flame.k = s.flame;
    } else flame.k = 0;
  };

  const smoke: SmokeSource = (pos, vel) => {
    const s = st.current;
    if (s.exhale > 0) {
      pos.copy(mouth).addScaledVector(fwd, 0.05);
      vel.copy(fwd).multiplyScalar(0.55).add(new Vector3(0, 0.22, 0));
      return 36 * s.exhale;
    }
    if (s.tipSmoke > 0) {
      pos.copy(pipeTip);
      vel.set(0, 0.09, 0);
      return 6 * s.tipSmoke;
    }
    return 0;
  };

  return (
    <Person
      look={SMOKER_LOOK}
      setup={{ seat: MATTRESS.h, feetForward: 0.45, feetApart: 0.15 }}
      position={SMOKER.position}
      yaw={SMOKER.yaw}
      pose={pose}
      name="smoker"
      heldR={<HeldPipe ember={() => st.current.ember} />}
      heldL={<HeldLighter color="#2b7fd6" lit={() => st.current.flame} />}
    >
      <group name="cue:smoke" userData={{ cueId: 'smoke', minLevel: 3 }}>
        <Smoke source={smoke} />
      </group>
    </Person>
  );
}

/**
 * The person on the crate at the end of the table. Idle: pipe in the right hand on the knee, push rod in the left.
 * 'prepares-pipe': leans over the table and packs the steel wool into the pipe with the rod. 'pipe-offered' (and
 * the 'offer-pipe' event): turns to the patient and holds the pipe out, mouth end first, about 55 cm from the eyes.
 */
function Neighbour() {
  const prepare = useSegment('prepares-pipe');
  const offered = useSegment('pipe-offered');
  const offerEvt = useSceneEvent('offer-pipe');

  const pose = (p: PoseState, time: number) => {
    const breath = Math.sin(time * 1.1 + 1) * 0.01;
    p.lean = 0.12 + breath;
    p.headPitch = 0.25;
    p.headYaw = -0.2;
    p.handR.set(-0.12, 0.6, 0.36);
    p.handL.set(0.12, 0.6, 0.36);
    p.poleR.set(-0.6, -1, -0.3);
    p.poleL.set(0.6, -1, -0.3);

    const restPipeQ = alongDir(new Vector3(0.8, 0.1, 0.5));
    let pipeQ = restPipeQ;
    let pipeHand = p.handR.clone();
    const restRodQ = alongDir(new Vector3(0.4, 0.3, -0.8));
    let rodQ = restRodQ;
    let rodHand = p.handL.clone();

    const pr = prepare();
    const of = offered();
    const ev = offerEvt();
    if (pr.active) {
      const u = pr.progress;
      const w = envelope(u, 0, 0.14, 0.86, 1);
      p.lean = 0.12 + 0.3 * w;
      p.headPitch = 0.25 + 0.45 * w;
      p.headYaw = -0.2 * (1 - w);
      // pipe held level in front of the chest, far end to the left; rod pushed in from that end
      const dir = new Vector3(1, 0.12, 0.1).normalize();
      const prepQ = alongDir(dir);
      const prepHand = new Vector3(-0.06, 0.8, 0.38);
      pipeQ = lerpQ(restPipeQ, prepQ, w);
      pipeHand = p.handR.clone().lerp(prepHand, w);
      const mouthEnd = prepHand.clone().addScaledVector(dir, -0.03);
      const far = mouthEnd.clone().addScaledVector(dir, PIPE_LENGTH);
      const pushing = envelope(u, 0.16, 0.2, 0.8, 0.84);
      const depth = 0.012 + 0.03 * pushing * (0.5 + 0.5 * Math.sin(u * 8 * Math.PI * 2));
      const tip = far.clone().addScaledVector(dir, -depth);
      const prepRodQ = alongDir(dir);
      rodQ = lerpQ(restRodQ, prepRodQ, w);
      const rodHandAct = tip.clone().addScaledVector(dir, 0.13);
      rodHand = p.handL.clone().lerp(rodHandAct, w);
    }
    const offerPhase = of.active ? of.progress : ev.active ? ev.progress : -1;
    if (offerPhase >= 0) {
      const w = envelope(offerPhase, 0, 0.18, 0.82, 1);
      const bob = Math.sin(time * 2.2) * 0.008;
      // The pipe held out level across the patient's view, ~0.7 m from the eyes, a little below them.
      const targetWorld = new Vector3(0.2, 0.97 + bob, -0.55);
      const target = toLocal(targetWorld, NEIGHBOUR.position, NEIGHBOUR.yaw);
      p.twist = -0.35 * w;
      p.lean = 0.12 + 0.2 * w;
      const toPatient = toLocal(PATIENT_EYES, NEIGHBOUR.position, NEIGHBOUR.yaw);
      p.headYaw = -0.2 + (Math.atan2(toPatient.x, toPatient.z) - p.twist + 0.2) * w;
      p.headPitch = 0.25 - 0.2 * w;
      pipeHand = pipeHand.clone().lerp(target, w);
      p.poleR.set(-1, -0.8, 0);
      const across = toLocal(new Vector3(1, 0.12, 0.4).add(new Vector3(...NEIGHBOUR.position)), NEIGHBOUR.position, NEIGHBOUR.yaw);
      pipeQ = lerpQ(pipeQ, alongDir(across), w);
    }
    // palm under the stem, near the mouth end
    gripAt(p.heldR, pipeQ, pipeHand, [0, 0.025, 0]);
    p.handR.copy(pipeHand).add(new Vector3(0, -0.038, 0));
    p.handL.copy(rodHand);
    gripAt(p.heldL, rodQ, rodHand, [0, 0.13, 0]);
  };

  return (
    <Person
      look={NEIGHBOUR_LOOK}
      setup={{ seat: CRATE.h, feetForward: 0.46, feetApart: 0.14 }}
      position={NEIGHBOUR.position}
      yaw={NEIGHBOUR.yaw}
      pose={pose}
      name="neighbour"
      heldR={
        <group name="cue:offered-pipe" userData={{ cueId: 'offered-pipe', minLevel: 4 }}>
          <HeldPipe />
        </group>
      }
      heldL={<PushRod />}
    />
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Scene
// ---------------------------------------------------------------------------------------------------------------

/**
 * Crack, graded 0–4: the bare squat room (0); a lighter and an empty baggie on the far shelf (1); a straight glass
 * pipe, steel wool, a lighter, rocks and a basing kit (spoon, ammonia, baking soda) on the low table (2); someone
 * on the mattress lighting and smoking a pipe (3); the person beside the patient preparing a pipe and holding it
 * out (4).
 */
/** Where the smoker on the mattress holds pipe and flame. */
const SMOKER_PIPE: Vec3 = [SMOKER.position[0] + 0.2, 0.95, SMOKER.position[2] + 0.2];

/**
 * Sounds: the squat's stillness and a far street through the boarded window at every level; from 3, the
 * smoker's lighter, flame and the crackle of the pipe, as the segment shows them; the clinician's lighter flicks.
 */
function Sounds() {
  const smoke = { segment: 'person-smokes-pipe' } as const;
  return (
    <>
      <SpatialSound id="room-tone" sound="room-tone" position={[0, 2, -1.5]} volume={0.16} refDistance={4} />
      <SpatialSound id="street" sound="traffic" position={[ROOM.x1, 1.5, -2.8]} volume={0.05} />
      <SpatialSound id="smoker-lighter" sound="lighter" position={SMOKER_PIPE} minLevel={3} volume={0.45} on={[{ ...smoke, at: 0.18 }]} />
      <SpatialSound id="smoker-flame" sound="flame" position={SMOKER_PIPE} minLevel={3} volume={0.2} on={[{ ...smoke, at: 0.2, until: 0.6 }]} />
      <SpatialSound id="pipe-crackle" sound="crackle" position={SMOKER_PIPE} minLevel={3} volume={0.35} on={[{ ...smoke, at: 0.22, until: 0.62 }]} />
      <SpatialSound id="lighter-flick" sound="lighter" position={SMOKER_PIPE} volume={0.45} on={[{ event: 'lighter-flick', at: 0.25 }, { event: 'lighter-flick', at: 0.58 }]} />
    </>
  );
}

export function CrackRoomScene({ personalisation }: SceneProps) {
  const flame = useMemo<FlameTracker>(() => ({ pos: new Vector3(0, -10, 0), k: 0 }), []);
  return (
    <>
      <SceneEnvironment intensity={0.18} background="#050506" />
      <Stressor at={[-0.27, TOP, -0.67]} rotY={0.2} personalisation={personalisation ?? {}} />
      <Lights flame={flame} />
      <Room />
      <Cue id="shelf-lighter" minLevel={1}>
        <ShelfLighter />
      </Cue>
      <Cue id="empty-baggie" minLevel={1}>
        <EmptyBaggie />
      </Cue>
      <Cue id="crack-pipe" minLevel={2}>
        <TablePipe />
      </Cue>
      <Cue id="steel-wool" minLevel={2}>
        <SteelWool />
      </Cue>
      <Cue id="table-lighter" minLevel={2}>
        <TableLighter />
      </Cue>
      <Cue id="crack-rocks" minLevel={2}>
        <CrackRocks />
      </Cue>
      <Cue id="basing-kit" minLevel={2}>
        <BasingKit />
      </Cue>
      <Cue id="smoker" minLevel={3}>
        <Smoker flame={flame} />
      </Cue>
      <Cue id="neighbour" minLevel={4}>
        <Neighbour />
      </Cue>
      <Sounds />
    </>
  );
}

