import { useFrame } from '@react-three/fiber';
import { useMemo, useRef } from 'react';
import { MeshBasicMaterial, MeshStandardMaterial, Quaternion, Vector3, type Group } from 'three';
import { SpatialSound } from '../kit/audio/SpatialSound';
import { Cue } from '../kit/Cue';
import { SceneEnvironment } from '../kit/Environment';
import { useSceneLevel } from '../kit/levelContext';
import { canvasTexture, contactShadow, glowHalo, glowVC, matteVC, metalVC, satinVC, seededRandom, woodVC, type Part, type Vec3 } from '../kit/materials';
import { useSceneEvent, useSegment } from '../kit/sceneClock';
import { blotch, grain, tag } from '../crack-room/canvasArt';
import {
  BOX,
  CIRCLE,
  CYL,
  CYL_LO,
  FLOOR_PLANE,
  LIGHTER_TOP,
  MergedMesh,
  PIPE_LENGTH,
  PLANE,
  Props,
  SPHERE_LO,
  TORUS,
  baggieParts,
  box,
  foilParts,
  lighterParts,
  lumpGeometry,
  rocksParts,
  shadowAt,
  syringeCapParts,
  uvOf,
  type Rect,
} from '../crack-room/common';
import { HeldLighter, HeldPipe, PushRod } from '../crack-room/held';
import {
  MOUTH,
  Person,
  Smoke,
  alongDir,
  envelope,
  gripAt,
  headForward,
  headPoint,
  smooth,
  walkPose,
  type Look,
  type PoseState,
  type SmokeSource,
} from '../crack-room/rig';

/*
 * An open drug scene at night, Paris "Stalingrad" style. Layout (metres; the patient sits on a street bench at the
 * origin facing -z, eyes at y = 1.2):
 *   - a wide pavement; 4 m ahead the elevated metro viaduct runs left-right (deck z -4…-8, underside 4.6 m) on
 *     stone piers (x -9.5, -2.6, 4.3, 11.2); its station is off to the right, reached by a stair that starts at
 *     x = 5 beside the yellow "M" totem;
 *   - a graffiti-covered hoarding on the patient's left (x = -1.9), street lamps, the road beyond the viaduct and
 *     Haussmann facades across it (z = -17.5) and behind (z = +7).
 * Level 0 is an ordinary street with passers-by. Distant litter (1), a user packing a pipe against the hoarding
 * (2), a group smoking crack under the viaduct and a dealer waiting (3), the dealer walking up and offering (4).
 */

const PIERS_X = [-9.5, -2.6, 4.3, 11.2];
const DECK = { z0: -4.0, z1: -8.0, y0: 4.6, y1: 5.4 };
const WALL = { x: -1.6, z0: -2.3, z1: 0.7, h: 2.3 };
const STAIR = { x0: 5.2, x1: 13.2, z0: -3.85, z1: -2.35, top: DECK.y1 };

// ---------------------------------------------------------------------------------------------------------------
// Textures
// ---------------------------------------------------------------------------------------------------------------

function drawPavement(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const rnd = seededRandom(3);
  const n = 4;
  const s = w / n;
  for (let i = 0; i < n; i++)
    for (let j = 0; j < n; j++) {
      const v = 88 + rnd() * 16;
      ctx.fillStyle = `rgb(${v},${v - 2},${v - 6})`;
      ctx.fillRect(i * s, j * s, s, s);
    }
  for (let i = 0; i < 160; i++) blotch(ctx, rnd() * w, rnd() * h, 10 + rnd() * 70, rnd() < 0.7 ? 'rgba(30,28,26,A)' : 'rgba(160,150,140,A)', 0.14);
  // chewing-gum spots
  for (let i = 0; i < 120; i++) {
    ctx.fillStyle = `rgba(${40 + rnd() * 30},${40 + rnd() * 30},${40 + rnd() * 30},0.6)`;
    ctx.beginPath();
    ctx.arc(rnd() * w, rnd() * h, 2 + rnd() * 4, 0, Math.PI * 2);
    ctx.fill();
  }
  ctx.strokeStyle = 'rgba(20,20,20,0.7)';
  ctx.lineWidth = 4;
  for (let i = 0; i <= n; i++) {
    ctx.beginPath();
    ctx.moveTo(i * s, 0);
    ctx.lineTo(i * s, h);
    ctx.moveTo(0, i * s);
    ctx.lineTo(w, i * s);
    ctx.stroke();
  }
  grain(ctx, 0, 0, w, h, 4, 0.08);
}

function drawAsphalt(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const rnd = seededRandom(8);
  ctx.fillStyle = '#3a3a3d';
  ctx.fillRect(0, 0, w, h);
  for (let i = 0; i < 90; i++) blotch(ctx, rnd() * w, rnd() * h, 20 + rnd() * 90, rnd() < 0.6 ? 'rgba(15,15,18,A)' : 'rgba(90,90,95,A)', 0.15);
  for (let i = 0; i < 6000; i++) {
    const v = rnd() < 0.5 ? 20 : 120;
    ctx.fillStyle = `rgba(${v},${v},${v + 5},0.35)`;
    ctx.fillRect(rnd() * w, rnd() * h, 2, 2);
  }
  ctx.strokeStyle = 'rgba(10,10,10,0.6)';
  for (let i = 0; i < 6; i++) {
    let x = rnd() * w;
    let y = rnd() * h;
    ctx.lineWidth = 1.5;
    ctx.beginPath();
    ctx.moveTo(x, y);
    for (let k = 0; k < 20; k++) {
      x += (rnd() - 0.5) * 30;
      y += 8 + rnd() * 10;
      ctx.lineTo(x, y);
    }
    ctx.stroke();
  }
}

/** The hoarding: layers of graffiti pieces, tags and torn posters. */
function drawGraffiti(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const rnd = seededRandom(12);
  ctx.fillStyle = '#6f6a62';
  ctx.fillRect(0, 0, w, h);
  // vertical boards
  for (let x = 0; x < w; x += 64) {
    ctx.fillStyle = `rgba(0,0,0,${0.05 + rnd() * 0.08})`;
    ctx.fillRect(x, 0, 64, h);
    ctx.fillStyle = 'rgba(0,0,0,0.35)';
    ctx.fillRect(x, 0, 2, h);
  }
  // big colourful pieces
  const pieces: [string, number, number, number, string, string][] = [
    ['SOLEIL', 190, 200, 120, '#f2a33a', '#1b1b3a'],
    ['ZOO', 560, 190, 150, '#45b0e6', '#0d1a2e'],
    ['NORD', 880, 260, 110, '#e84a6a', '#1a0d12'],
  ];
  for (const [t, x, y, s, f, o] of pieces) {
    ctx.save();
    ctx.shadowColor = 'rgba(0,0,0,0.5)';
    ctx.shadowBlur = 10;
    tag(ctx, t, x, y, s, f, o, (rnd() - 0.5) * 0.15);
    ctx.restore();
  }
  // throw-ups and tags
  const tags = ['KZ', 'RATP?', 'LOVE', 'ANTI', '75019', 'MOZ', 'DÉTER', 'OK'];
  tags.forEach((t, i) => tag(ctx, t, 60 + rnd() * (w - 120), 330 + rnd() * 150, 30 + rnd() * 26, ['#f5f5f5', '#1a1a1a', '#d8e04a', '#ff6a2a'][i % 4]!, '#111', (rnd() - 0.5) * 0.3));
  // torn posters
  for (let i = 0; i < 3; i++) {
    const px = 80 + i * 340 + rnd() * 60;
    const py = 40 + rnd() * 30;
    ctx.fillStyle = ['#e8e1cf', '#d9503a', '#2f5d9a'][i]!;
    ctx.fillRect(px, py, 120, 90);
    ctx.fillStyle = 'rgba(30,30,30,0.8)';
    ctx.font = 'bold 22px sans-serif';
    ctx.fillText(['CONCERT', 'GRÈVE', 'EXPO'][i]!, px + 10, py + 40);
    ctx.fillStyle = '#6f6a62';
    ctx.beginPath();
    ctx.moveTo(px + 120, py + 90);
    ctx.lineTo(px + 60, py + 90);
    ctx.lineTo(px + 120, py + 40);
    ctx.fill();
  }
  // grime at the bottom
  const g = ctx.createLinearGradient(0, h * 0.75, 0, h);
  g.addColorStop(0, 'rgba(20,18,16,0)');
  g.addColorStop(1, 'rgba(20,18,16,0.6)');
  ctx.fillStyle = g;
  ctx.fillRect(0, h * 0.75, w, h * 0.25);
  grain(ctx, 0, 0, w, h, 13, 0.06);
}

/** Haussmann facade at night (pre-lit: this is drawn with an unlit material): stone, balconies, lit windows, shops. */
function drawFacade(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const rnd = seededRandom(21);
  const g = ctx.createLinearGradient(0, 0, 0, h);
  g.addColorStop(0, '#1b1c24');
  g.addColorStop(0.75, '#3a352f');
  g.addColorStop(1, '#4e463c');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, w, h);
  const floors = 6;
  const fh = (h * 0.85) / floors;
  const cols = 6;
  const cw = w / cols;
  for (let f = 0; f < floors; f++) {
    const y = h * 0.15 + f * fh - fh * 0.15;
    if (f === floors - 1) continue;
    for (let c = 0; c < cols; c++) {
      const x = c * cw + cw * 0.28;
      const ww = cw * 0.44;
      const wh = fh * 0.62;
      const lit = rnd() < 0.35;
      ctx.fillStyle = lit ? (rnd() < 0.6 ? '#e9b86a' : '#c9d4e6') : '#0e1118';
      ctx.fillRect(x, y, ww, wh);
      if (lit) {
        ctx.fillStyle = 'rgba(120,70,30,0.35)';
        ctx.fillRect(x, y, ww * 0.3, wh);
      }
      ctx.strokeStyle = '#15161b';
      ctx.lineWidth = 3;
      ctx.strokeRect(x, y, ww, wh);
      ctx.beginPath();
      ctx.moveTo(x + ww / 2, y);
      ctx.lineTo(x + ww / 2, y + wh);
      ctx.stroke();
      // balcony rail
      if (f === 1 || f === 4 || rnd() < 0.3) {
        ctx.fillStyle = '#101114';
        ctx.fillRect(x - 6, y + wh * 0.62, ww + 12, 4);
        for (let k = 0; k < 8; k++) ctx.fillRect(x - 4 + k * ((ww + 8) / 7), y + wh * 0.62, 2, wh * 0.38);
      }
    }
    // cornice line
    ctx.fillStyle = 'rgba(0,0,0,0.35)';
    ctx.fillRect(0, y - fh * 0.18, w, 5);
  }
  // ground floor shops with shutters, one lit pharmacy cross and a kebab sign
  const gy = h * 0.86;
  for (let c = 0; c < 3; c++) {
    const x = c * (w / 3) + 16;
    const sw = w / 3 - 32;
    const lit = c === 1;
    ctx.fillStyle = lit ? '#d9c48a' : '#56595e';
    ctx.fillRect(x, gy, sw, h - gy);
    if (!lit) {
      for (let yy = gy; yy < h; yy += 6) {
        ctx.fillStyle = 'rgba(0,0,0,0.25)';
        ctx.fillRect(x, yy, sw, 2);
      }
      tag(ctx, ['RK', 'YES', 'NOMAD'][c]!, x + sw / 2, gy + (h - gy) / 2, 40, ['#e2e2e2', '#ef5a3a', '#58c46a'][c]!, '#111', 0);
    } else {
      ctx.fillStyle = '#8a2a1a';
      ctx.fillRect(x, gy - 30, sw, 28);
      ctx.fillStyle = '#ffe7b0';
      ctx.font = 'bold 24px sans-serif';
      ctx.fillText('KEBAB  ·  GRILL', x + 40, gy - 8);
    }
  }
  blotch(ctx, w * 0.82, gy - 70, 40, 'rgba(60,255,120,A)', 0.5);
  ctx.fillStyle = '#35e07a';
  ctx.fillRect(w * 0.82 - 8, gy - 92, 16, 44);
  ctx.fillRect(w * 0.82 - 22, gy - 78, 44, 16);
  grain(ctx, 0, 0, w, h, 22, 0.05);
}

const SIGN_W = 512;
const SIGN_RECTS = {
  metroM: [0, 0, 256, 256] as Rect,
  station: [256, 0, 256, 96] as Rect,
  metroWord: [256, 96, 256, 96] as Rect,
  plan: [256, 192, 256, 320] as Rect,
  bag: [0, 256, 256, 256] as Rect,
};

function drawSigns(ctx: CanvasRenderingContext2D) {
  // Metro "M" disc
  {
    const [x, y, w, h] = SIGN_RECTS.metroM;
    ctx.fillStyle = '#111';
    ctx.fillRect(x, y, w, h);
    ctx.fillStyle = '#f7c531';
    ctx.beginPath();
    ctx.arc(x + w / 2, y + h / 2, w * 0.46, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = '#1a1a1a';
    ctx.font = `bold ${w * 0.62}px sans-serif`;
    ctx.textAlign = 'center';
    ctx.textBaseline = 'middle';
    ctx.fillText('M', x + w / 2, y + h / 2 + 8);
  }
  // Station name plaque (blue enamel, white letters)
  {
    const [x, y, w, h] = SIGN_RECTS.station;
    ctx.fillStyle = '#1f3f8a';
    ctx.fillRect(x, y, w, h);
    ctx.strokeStyle = '#f2f2f2';
    ctx.lineWidth = 4;
    ctx.strokeRect(x + 6, y + 6, w - 12, h - 12);
    ctx.fillStyle = '#f2f2f2';
    ctx.font = 'bold 40px sans-serif';
    ctx.fillText('Stalingrad', x + w / 2, y + h / 2 + 2);
  }
  {
    const [x, y, w, h] = SIGN_RECTS.metroWord;
    ctx.fillStyle = '#153a2a';
    ctx.fillRect(x, y, w, h);
    ctx.fillStyle = '#f7c531';
    ctx.font = 'bold 56px serif';
    ctx.fillText('MÉTRO', x + w / 2, y + h / 2 + 4);
  }
  // Network map panel
  {
    const [x, y, w, h] = SIGN_RECTS.plan;
    ctx.fillStyle = '#eef0f2';
    ctx.fillRect(x, y, w, h);
    const rnd = seededRandom(2);
    const colours = ['#f2c12e', '#1f5fa8', '#8a5aa8', '#d9482b', '#3d9a4a', '#f08a2a', '#6ec5e9'];
    for (let i = 0; i < 9; i++) {
      ctx.strokeStyle = colours[i % colours.length]!;
      ctx.lineWidth = 5;
      ctx.beginPath();
      let px = x + 20 + rnd() * (w - 40);
      let py = y + 20;
      ctx.moveTo(px, py);
      for (let k = 0; k < 5; k++) {
        px = Math.min(x + w - 10, Math.max(x + 10, px + (rnd() - 0.5) * 120));
        py += (h - 40) / 5;
        ctx.lineTo(px, py);
      }
      ctx.stroke();
    }
  }
  // Vigipirate bin bag (translucent green-grey)
  {
    const [x, y, w, h] = SIGN_RECTS.bag;
    ctx.fillStyle = '#9aa69c';
    ctx.fillRect(x, y, w, h);
    grain(ctx, x, y, w, h, 3, 0.1);
  }
  ctx.textAlign = 'left';
  ctx.textBaseline = 'alphabetic';
}

const paveTex = canvasTexture(1024, 1024, drawPavement, true);
const asphaltTex = canvasTexture(1024, 1024, drawAsphalt, true);
const graffitiTex = canvasTexture(1024, 512, drawGraffiti);
const facadeTex = canvasTexture(1024, 1024, drawFacade);
const signTex = canvasTexture(SIGN_W, SIGN_W, drawSigns);

const paveMat = new MeshStandardMaterial({ map: paveTex, roughness: 0.85, metalness: 0 });
const asphaltMat = new MeshStandardMaterial({ map: asphaltTex, roughness: 0.9, metalness: 0 });
const graffitiMat = new MeshStandardMaterial({ map: graffitiTex, roughness: 0.9, metalness: 0 });
const facadeMat = new MeshBasicMaterial({ map: facadeTex });
const signMat = new MeshStandardMaterial({ map: signTex, roughness: 0.5, emissive: '#ffffff', emissiveMap: signTex, emissiveIntensity: 0.35 });
const lampHalo = glowHalo.clone();
lampHalo.color.set('#ffb45a');
lampHalo.opacity = 0.55;
const SUV = (r: Rect) => uvOf(r, SIGN_W, SIGN_W);

// ---------------------------------------------------------------------------------------------------------------
// Static street (level 0)
// ---------------------------------------------------------------------------------------------------------------

interface Buckets {
  pave: Part[];
  asphalt: Part[];
  graffiti: Part[];
  facade: Part[];
  sign: Part[];
  stone: Part[];
  iron: Part[];
  matte: Part[];
  satin: Part[];
  wood: Part[];
  glow: Part[];
  halo: Part[];
  shadow: Part[];
  clear: Part[];
}

const IRON = '#2c4236';
const STONE = '#8d877a';
const BAG = lumpGeometry(7, 0.3);

function lampPost(b: Buckets, x: number, z: number, h = 4.3) {
  b.iron.push({ geometry: CYL, position: [x, 0.3, z], scale: [0.12, 0.6, 0.12], color: '#1f2a24' });
  b.iron.push({ geometry: CYL_LO, position: [x, h / 2, z], scale: [0.06, h, 0.06], color: '#1f2a24' });
  b.iron.push({ geometry: BOX, position: [x, h + 0.02, z], scale: [0.3, 0.04, 0.3], color: '#1f2a24' });
  b.iron.push({ geometry: CYL_LO, position: [x, h + 0.3, z], scale: [0.2, 0.05, 0.2], color: '#1f2a24' });
  b.glow.push({ geometry: CYL_LO, position: [x, h + 0.16, z], scale: [0.14, 0.26, 0.14], color: '#ffc070' });
  b.halo.push({ geometry: PLANE, position: [x, h + 0.16, z], scale: [1.6, 1.6, 1] });
}

function bench(b: Buckets, x: number, z: number, yaw: number) {
  const c = Math.cos(yaw);
  const s = Math.sin(yaw);
  const at = (lx: number, y: number, lz: number): Vec3 => [x + lx * c + lz * s, y, z - lx * s + lz * c];
  for (let i = 0; i < 4; i++) b.wood.push({ geometry: BOX, position: at(0, 0.44, -0.17 + i * 0.1), rotation: [0, yaw, 0], scale: [1.6, 0.035, 0.075], color: '#5a7a4a' });
  for (let i = 0; i < 2; i++) b.wood.push({ geometry: BOX, position: at(0, 0.6 + i * 0.13, 0.27 + i * 0.02), rotation: [0.18 - yaw * 0, yaw, 0], scale: [1.6, 0.08, 0.03], color: '#5a7a4a' });
  for (const lx of [-0.7, 0.7]) {
    b.iron.push({ geometry: BOX, position: at(lx, 0.21, -0.12), rotation: [0, yaw, 0], scale: [0.05, 0.42, 0.05], color: '#1d2a22' });
    b.iron.push({ geometry: BOX, position: at(lx, 0.4, 0.26), rotation: [0, yaw, 0], scale: [0.05, 0.8, 0.05], color: '#1d2a22' });
    b.iron.push({ geometry: BOX, position: at(lx, 0.42, 0.06), rotation: [0, yaw, 0], scale: [0.05, 0.04, 0.44], color: '#1d2a22' });
  }
  shadowAt(b.shadow, x, z + 0.05, 2.0, 0.9, 0.006, yaw);
}

function pier(b: Buckets, x: number, z: number) {
  box(b.stone, x - 0.6, 0, z - 0.6, x + 0.6, 0.5, z + 0.6, '#7e786c');
  box(b.stone, x - 0.65, 0.5, z - 0.65, x + 0.65, 0.56, z + 0.65, '#958f82');
  box(b.stone, x - 0.45, 0.56, z - 0.45, x + 0.45, DECK.y0 - 0.35, z + 0.45, STONE);
  box(b.stone, x - 0.55, DECK.y0 - 0.35, z - 0.55, x + 0.55, DECK.y0, z + 0.55, '#a09a8c');
  // stone courses
  for (let y = 1.0; y < DECK.y0 - 0.4; y += 0.45) box(b.stone, x - 0.455, y, z - 0.455, x + 0.455, y + 0.03, z + 0.455, '#6f695d');
  shadowAt(b.shadow, x, z, 2.2, 2.2);
}

function buildStreet(): Buckets {
  const b: Buckets = { pave: [], asphalt: [], graffiti: [], facade: [], sign: [], stone: [], iron: [], matte: [], satin: [], wood: [], glow: [], halo: [], shadow: [], clear: [] };
  // Ground: pavement from the back facade to the road beyond the viaduct; road; far pavement
  b.pave.push({ geometry: FLOOR_PLANE, position: [0, 0, -1.5], scale: [70, 1, 17] });
  b.asphalt.push({ geometry: FLOOR_PLANE, position: [0, 0, -12.5], scale: [70, 1, 5.6] });
  b.pave.push({ geometry: FLOOR_PLANE, position: [0, 0, -16.5], scale: [70, 1, 2.4] });
  b.asphalt.push({ geometry: FLOOR_PLANE, position: [0, -0.001, 4.2], scale: [70, 1, 5] });
  // kerbs
  for (const z of [-9.7, -15.3, 1.7, 6.7]) box(b.stone, -35, 0, z - 0.1, 35, 0.12, z + 0.1, '#8c887f');
  // road markings: dashes and a zebra crossing
  for (let x = -34; x < 34; x += 4) box(b.satin, x, 0.002, -12.55, x + 2, 0.004, -12.45, '#d8d8d0');
  for (let i = 0; i < 8; i++) box(b.satin, -1.8 + i * 0.5, 0.002, -15.1, -1.5 + i * 0.5, 0.004, -9.9, '#d8d8d0');

  // Facades across the road and behind
  for (let i = -3; i <= 2; i++) {
    b.facade.push({ geometry: PLANE, position: [i * 12 + 6, 9, -17.7], scale: [12, 18, 1] });
    b.facade.push({ geometry: PLANE, position: [i * 12 + 6, 9, 7.2], rotation: [0, Math.PI, 0], scale: [12, 18, 1] });
  }

  // Viaduct: piers, deck with riveted iron fascia, arched girders between piers, parapet
  for (const x of PIERS_X) {
    pier(b, x, -4.5);
    pier(b, x, -7.5);
  }
  box(b.iron, -40, DECK.y0, DECK.z1, 40, DECK.y1, DECK.z0, IRON);
  box(b.iron, -40, DECK.y0 - 0.05, DECK.z0 - 0.02, 40, DECK.y0 + 0.08, DECK.z0 + 0.06, '#22362b');
  for (const ez of [DECK.z0 + 0.04, DECK.z1 - 0.04]) {
    for (let i = 0; i < PIERS_X.length - 1 + 2; i++) {
      const xa = -16.4 + i * 6.9;
      const xb = xa + 6.9;
      const segs = 14;
      for (let k = 0; k < segs; k++) {
        const t0 = k / segs;
        const t1 = (k + 1) / segs;
        const ya = DECK.y0 - (1 - Math.sin(Math.PI * t0)) * 1.0;
        const yb = DECK.y0 - (1 - Math.sin(Math.PI * t1)) * 1.0;
        const x0 = xa + (xb - xa) * t0;
        const x1 = xa + (xb - xa) * t1;
        const len = Math.hypot(x1 - x0, yb - ya);
        b.iron.push({ geometry: BOX, position: [(x0 + x1) / 2, (ya + yb) / 2 - 0.08, ez], rotation: [0, 0, Math.atan2(yb - ya, x1 - x0)], scale: [len + 0.02, 0.2, 0.12], color: IRON });
      }
      // vertical struts between arch and deck
      for (let k = 1; k < 7; k++) {
        const t = k / 7;
        const y = DECK.y0 - (1 - Math.sin(Math.PI * t)) * 1.0;
        if (DECK.y0 - y > 0.12) box(b.iron, xa + 6.9 * t - 0.03, y, ez - 0.04, xa + 6.9 * t + 0.03, DECK.y0, ez + 0.04, '#243a2e');
      }
    }
    // rivet band
    box(b.iron, -40, DECK.y1 - 0.12, ez - 0.05, 40, DECK.y1 - 0.08, ez + 0.05, '#3a5545');
  }
  // parapet rails on top of the deck
  for (const ez of [DECK.z0 + 0.1, DECK.z1 - 0.1]) {
    box(b.iron, -40, DECK.y1 + 1.0, ez - 0.03, 40, DECK.y1 + 1.05, ez + 0.03, '#1f2a24');
    for (let x = -40; x <= 40; x += 1.2) box(b.iron, x - 0.02, DECK.y1, ez - 0.02, x + 0.02, DECK.y1 + 1.0, ez + 0.02, '#1f2a24');
  }
  // strip lights under the deck
  for (const x of [-6, -1.2, 3.6]) {
    box(b.matte, x - 0.7, DECK.y0 - 0.08, -5.55, x + 0.7, DECK.y0, -5.45, '#2b2b2b');
    box(b.glow, x - 0.65, DECK.y0 - 0.1, -5.54, x + 0.65, DECK.y0 - 0.08, -5.46, '#d7f0ff');
  }

  // Metro stair up to the station on the viaduct (right), with side walls and a rail
  const S = STAIR;
  const steps = 30;
  for (let i = 0; i < steps; i++) {
    const x0 = S.x0 + ((S.x1 - S.x0) * i) / steps;
    const x1 = S.x0 + ((S.x1 - S.x0) * (i + 1)) / steps;
    box(b.stone, x0, 0, S.z0, x1, (S.top * (i + 1)) / steps, S.z1, i % 2 ? '#7d776b' : '#847e72');
  }
  for (const z of [S.z0 - 0.12, S.z1]) {
    for (let i = 0; i < 8; i++) {
      const x0 = S.x0 - 0.3 + ((S.x1 - S.x0 + 0.3) * i) / 8;
      const x1 = x0 + (S.x1 - S.x0 + 0.3) / 8;
      box(b.stone, x0, 0, z, x1, (S.top * (i + 1)) / 8 + 0.9, z + 0.12, '#716b60');
    }
  }
  // Station canopy and platform at deck level on the right
  box(b.iron, 12, DECK.y1 + 3.4, DECK.z1 - 0.4, 34, DECK.y1 + 3.55, DECK.z0 + 0.4, '#3a4a40');
  for (let x = 12.5; x < 34; x += 4) for (const z of [DECK.z0 + 0.3, DECK.z1 - 0.3]) box(b.iron, x - 0.06, DECK.y1, z - 0.06, x + 0.06, DECK.y1 + 3.4, z + 0.06, '#2a3a30');
  box(b.glow, 12.5, DECK.y1 + 3.3, -6.1, 33.5, DECK.y1 + 3.35, -5.9, '#e7f2ff');

  // The "M" totem, a station plaque and a map panel
  const mx = 4.4;
  const mz = -2.1;
  b.iron.push({ geometry: CYL_LO, position: [mx, 1.55, mz], scale: [0.05, 3.1, 0.05], color: '#1f2a24' });
  b.sign.push({ geometry: CIRCLE, position: [mx, 3.3, mz + 0.03], scale: [0.7, 0.7, 1], uvRect: SUV(SIGN_RECTS.metroM) });
  b.sign.push({ geometry: CIRCLE, position: [mx, 3.3, mz - 0.03], rotation: [0, Math.PI, 0], scale: [0.7, 0.7, 1], uvRect: SUV(SIGN_RECTS.metroM) });
  b.iron.push({ geometry: CYL_LO, position: [mx, 3.3, mz], rotation: [Math.PI / 2, 0, 0], scale: [0.37, 0.05, 0.37], color: '#1f2a24' });
  b.sign.push({ geometry: BOX, position: [mx, 2.55, mz], scale: [0.9, 0.3, 0.04], uvRect: SUV(SIGN_RECTS.metroWord) });
  b.sign.push({ geometry: BOX, position: [S.x0 + 0.2, 2.9, S.z1 + 0.14], scale: [1.4, 0.5, 0.03], uvRect: SUV(SIGN_RECTS.station) });
  b.sign.push({ geometry: BOX, position: [3.2, 1.3, -2.25], scale: [0.8, 1.0, 0.06], uvRect: SUV(SIGN_RECTS.plan) });
  b.iron.push({ geometry: BOX, position: [3.2, 0.4, -2.25], scale: [0.1, 0.8, 0.08], color: '#1f2a24' });

  // Hoarding on the left with graffiti on its street side
  const W = WALL;
  box(b.matte, W.x - 0.2, 0, W.z0, W.x, W.h, W.z1, '#4e4a44');
  b.graffiti.push({ geometry: PLANE, position: [W.x + 0.002, W.h / 2, (W.z0 + W.z1) / 2], rotation: [0, Math.PI / 2, 0], scale: [W.z1 - W.z0, W.h, 1] });
  box(b.matte, W.x - 0.22, W.h, W.z0, W.x + 0.02, W.h + 0.06, W.z1, '#3a3733');
  shadowAt(b.shadow, W.x + 0.3, (W.z0 + W.z1) / 2, 0.9, W.z1 - W.z0);

  // Two concrete blocks left under the viaduct (one is a seat for the group at level 3)
  box(b.stone, -1.25, 0, -4.55, -0.45, 0.42, -4.15, '#9a968c');
  box(b.stone, 0.9, 0, -5.6, 1.9, 0.42, -5.15, '#8f8b81');
  shadowAt(b.shadow, -0.85, -4.35, 1.2, 0.8);
  shadowAt(b.shadow, 1.4, -5.37, 1.4, 0.9);

  // Street furniture: the patient's bench, lamp posts, a Vigipirate bin, bollards
  bench(b, 0, 0.05, 0);
  lampPost(b, 2.9, -1.5);
  lampPost(b, -4.6, -2.3);
  lampPost(b, 8.6, -1.8);
  lampPost(b, -12, -2.3);
  for (const [bx, bz] of [
    [2.6, -2.0],
    [-4.0, 2.5],
  ] as const) {
    b.iron.push({ geometry: CYL_LO, position: [bx, 0.45, bz], scale: [0.03, 0.9, 0.03], color: '#1f2a24' });
    b.iron.push({ geometry: TORUS, position: [bx, 0.9, bz + 0.2], rotation: [Math.PI / 2, 0, 0], scale: [0.2, 0.2, 0.3], color: '#1f2a24' });
    b.sign.push({ geometry: BAG, position: [bx, 0.65, bz + 0.2], scale: [0.2, 0.28, 0.2], uvRect: SUV(SIGN_RECTS.bag) });
  }
  for (let x = -8; x <= 8; x += 2) if (Math.abs(x) > 1) b.iron.push({ geometry: CYL_LO, position: [x + 0.3, 0.4, -9.4], scale: [0.05, 0.8, 0.05], color: '#2a2a2a' });

  // Two parked cars on the far side of the road
  for (const [cx, col] of [
    [-5.5, '#3f4a5a'],
    [3.8, '#7a1f1f'],
  ] as const) {
    box(b.satin, cx - 2.0, 0.25, -14.7, cx + 2.0, 0.85, -13.0, col);
    box(b.satin, cx - 1.1, 0.85, -14.6, cx + 0.9, 1.35, -13.1, col);
    box(b.glow, cx - 1.05, 0.9, -13.095, cx + 0.85, 1.3, -13.09, '#1b2230');
    for (const wx of [cx - 1.3, cx + 1.3]) for (const wz of [-14.7, -13.0]) b.matte.push({ geometry: CYL, position: [wx, 0.3, wz], rotation: [Math.PI / 2, 0, 0], scale: [0.3, 0.2, 0.3], color: '#111' });
    shadowAt(b.shadow, cx, -13.85, 4.6, 2.2);
  }
  return b;
}

function Street() {
  const b = useMemo(buildStreet, []);
  return (
    <group name="cue:street" userData={{ cueId: 'street', minLevel: 0 }}>
      <MergedMesh parts={b.pave} material={paveMat} worldUV={0.42} />
      <MergedMesh parts={b.asphalt} material={asphaltMat} worldUV={0.25} />
      <MergedMesh parts={b.graffiti} material={graffitiMat} />
      <MergedMesh parts={b.facade} material={facadeMat} />
      <MergedMesh parts={b.sign} material={signMat} />
      <MergedMesh parts={b.stone} material={matteVC} />
      <MergedMesh parts={b.iron} material={metalVC} />
      <MergedMesh parts={b.matte} material={matteVC} />
      <MergedMesh parts={b.satin} material={satinVC} />
      <MergedMesh parts={b.wood} material={woodVC} worldUV={1.2} />
      <MergedMesh parts={b.glow} material={glowVC} />
      <MergedMesh parts={b.shadow} material={contactShadow} renderOrder={1} />
      <LampHalos parts={b.halo} />
    </group>
  );
}

/** Lamp halos face the viewer. */
function LampHalos({ parts }: { parts: Part[] }) {
  const refs = useRef<Group>(null);
  useFrame((state) => {
    const g = refs.current;
    if (!g) return;
    g.children.forEach((c) => c.quaternion.copy(state.camera.quaternion));
  });
  return (
    <group ref={refs}>
      {parts.map((p, i) => (
        <mesh key={i} geometry={PLANE} material={lampHalo} position={p.position} scale={p.scale as Vec3} renderOrder={4} />
      ))}
    </group>
  );
}

function Lights() {
  return (
    <>
      <hemisphereLight args={['#3b4a6e', '#141210', 0.55]} />
      <pointLight position={[2.9, 4.4, -1.5]} color="#ffb060" intensity={9} distance={16} decay={1.6} />
      <pointLight position={[-4.6, 4.4, -2.3]} color="#ffb060" intensity={7} distance={14} decay={1.6} />
      <pointLight position={[-1.2, 4.3, -5.5]} color="#cfe6ff" intensity={3.5} distance={9} decay={1.5} />
    </>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Metro train (event)
// ---------------------------------------------------------------------------------------------------------------

const TRAIN_LEN = 75;
const TRAIN_STOP_X = 22;

function Train() {
  const evt = useSceneEvent('metro-arrives');
  const g = useRef<Group>(null);
  const parts = useMemo(() => {
    const body: Part[] = [];
    const glow: Part[] = [];
    const dark: Part[] = [];
    const z = -6.0;
    const y0 = DECK.y1 + 0.35;
    for (let c = 0; c < 5; c++) {
      const x0 = -TRAIN_LEN / 2 + c * 15 + 0.3;
      const x1 = x0 + 14.4;
      box(body, x0, y0, z - 1.2, x1, y0 + 2.9, z + 1.2, '#d9dde0');
      box(body, x0, y0 + 0.9, z + 1.19, x1, y0 + 1.0, z + 1.22, '#1f5fa8');
      for (let w = 0; w < 6; w++) box(glow, x0 + 0.8 + w * 2.3, y0 + 1.25, z + 1.205, x0 + 2.5 + w * 2.3, y0 + 2.2, z + 1.215, '#f4f0dc');
      box(dark, x0 + 0.1, y0 - 0.3, z - 1.0, x1 - 0.1, y0, z + 1.0, '#222');
    }
    // headlights
    box(glow, TRAIN_LEN / 2 + 0.28, y0 + 0.6, z - 0.9, TRAIN_LEN / 2 + 0.31, y0 + 0.8, z - 0.5, '#fffbe0');
    box(glow, TRAIN_LEN / 2 + 0.28, y0 + 0.6, z + 0.5, TRAIN_LEN / 2 + 0.31, y0 + 0.8, z + 0.9, '#fffbe0');
    return { body, glow, dark };
  }, []);
  useFrame(() => {
    const grp = g.current;
    if (!grp) return;
    const e = evt();
    grp.visible = e.active;
    if (!e.active) return;
    const u = e.progress;
    let x: number;
    if (u < 0.38) x = TRAIN_STOP_X - 120 * (1 - u / 0.38) ** 2;
    else if (u < 0.62) x = TRAIN_STOP_X;
    else x = TRAIN_STOP_X + 140 * ((u - 0.62) / 0.38) ** 2;
    grp.position.x = x;
  });
  return (
    <group ref={g} visible={false} name="metro-train">
      <MergedMesh parts={parts.body} material={satinVC} />
      <MergedMesh parts={parts.glow} material={glowVC} />
      <MergedMesh parts={parts.dark} material={matteVC} />
    </group>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Level 1: litter
// ---------------------------------------------------------------------------------------------------------------

function LitterLighters() {
  return (
    <Props
      build={(b) => {
        lighterParts(b, '#e0342b', [-0.9, 0, -3.1], 0.4, true);
        lighterParts(b, '#2b7fd6', [1.4, 0, -3.6], 2.0, true);
        lighterParts(b, '#f2c21b', [-2.1, 0, -4.0], 1.1, true);
        lighterParts(b, '#3aa04a', [0.4, 0, -4.6], -0.7, true);
        lighterParts(b, '#e07a1b', [-0.3, 0, -2.7], 2.6, true);
        lighterParts(b, '#c2c2c2', [1.9, 0, -4.9], 0.2, true);
        foilParts(b.metal, [-1.3, 0, -3.4], 0.6, 0.07);
        foilParts(b.metal, [0.9, 0, -2.9], 1.6, 0.05);
        foilParts(b.metal, [-0.6, 0, -4.9], 0.2, 0.06);
        // a closer cluster where the hoarding ends
        lighterParts(b, '#e0342b', [-0.95, 0, -2.35], 1.9, true);
        lighterParts(b, '#f2c21b', [-0.55, 0, -2.15], 0.3, true);
        foilParts(b.metal, [-0.75, 0, -2.45], 1.1, 0.08);
      }}
    />
  );
}

function LitterBaggies() {
  return (
    <Props
      build={(b) => {
        baggieParts(b, [-0.5, 0, -3.4], 0.3, '#c03a3a');
        baggieParts(b, [1.0, 0, -4.1], 1.2, '#2d8f4a');
        baggieParts(b, [-1.7, 0, -3.0], 2.2, '#c03a3a');
        baggieParts(b, [2.0, 0, -3.3], -0.4, '#2d6fc0');
        baggieParts(b, [-2.3, 0, -4.6], 0.9, '#c03a3a');
        baggieParts(b, [0.2, 0, -2.6], 2.9, '#2d8f4a');
        baggieParts(b, [-1.0, 0, -2.8], 1.7, '#c03a3a');
        baggieParts(b, [1.3, 0, -5.0], 0.6, '#c03a3a');
        baggieParts(b, [-0.7, 0, -2.05], 2.4, '#c03a3a');
        baggieParts(b, [-1.15, 0, -2.2], 0.4, '#2d8f4a');
        baggieParts(b, [0.45, 0, -2.25], 1.4, '#c03a3a');
      }}
    />
  );
}

function SyringeCaps() {
  return (
    <Props
      build={(b) => {
        const rnd = seededRandom(4);
        const spots: Vec3[] = [
          [-1.9, 0, -3.6],
          [-2.0, 0, -2.6],
          [-0.2, 0, -3.9],
          [1.6, 0, -4.3],
          [-1.4, 0, -4.4],
          [0.6, 0, -3.3],
          [-2.2, 0, -1.7],
          [-1.3, 0, -2.0],
          [-0.85, 0, -1.95],
          [-1.05, 0, -2.6],
          [0.25, 0, -2.05],
        ];
        for (const s of spots) syringeCapParts(b.satin, s, rnd() * 6);
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

/** Arms crossed over the chest. */
function armsCrossed(p: PoseState) {
  p.handR.set(0.12, p.hipY + 0.5, 0.19);
  p.handL.set(-0.12, p.hipY + 0.47, 0.17);
  p.poleR.set(-1, -0.5, 0.2);
  p.poleL.set(1, -0.5, 0.2);
}
/** Hands in the front pockets. */
function handsInPockets(p: PoseState) {
  p.handR.set(-0.15, p.hipY - 0.04, 0.09);
  p.handL.set(0.15, p.hipY - 0.04, 0.09);
  p.poleR.set(-0.35, 0, -1);
  p.poleL.set(0.35, 0, -1);
}

/** Walk-cycle radians per metre (a step of ~0.64 m per half cycle). */
const STEP = Math.PI / 0.64;

interface Walker {
  look: Look;
  /** Street line (z), walked from x0 to x1 at `speed`; the cycle repeats every `period` s, shifted by `offset`. */
  z: number;
  x0: number;
  x1: number;
  speed: number;
  period: number;
  offset: number;
}

/** Height of the metro stair at (x, z), so passers-by on the stair line climb to the station. */
function stairHeight(x: number, z: number): number {
  if (z < STAIR.z0 || z > STAIR.z1) return 0;
  return Math.min(1, Math.max(0, (x - STAIR.x0) / (STAIR.x1 - STAIR.x0))) * STAIR.top;
}

/** A passer-by walking along the pavement (or up / down the metro stair); hidden between walks. */
function Passerby({ w }: { w: Walker }) {
  const span = Math.abs(w.x1 - w.x0);
  const dir = Math.sign(w.x1 - w.x0);
  const pose = (p: PoseState, time: number) => {
    const t = (time + w.offset) % w.period;
    const d = t * w.speed;
    if (d > span) {
      p.hidden = true;
      return;
    }
    walkPose(p, d * STEP);
    const x = w.x0 + dir * d;
    // the root sits at x = 0 on the line, facing +x (dir 1) or -x (dir -1): local +z is the walking direction
    p.offset.set(0, stairHeight(x, w.z), x * dir);
    p.headYaw = Math.sin(time * 0.4 + w.offset) * 0.2;
  };
  return <Person look={w.look} setup={{ seat: null }} position={[0, 0, w.z]} yaw={(dir * Math.PI) / 2} pose={pose} />;
}

const WALKERS: Walker[] = [
  // walks past in front of the viaduct and up the metro stair
  { look: { skin: '#e0b394', shirt: '#3e5b7a', jacket: '#20252c', pants: '#2b2e36', hair: '#6b4a2a', shoes: '#1c1c1c', hairStyle: 'short' }, z: -2.62, x0: -13, x1: 13, speed: 1.25, period: 34, offset: 3 },
  // comes down the stair and walks off to the left
  { look: { skin: '#a46e4e', shirt: '#b8a27a', pants: '#1f2833', hair: '#141010', shoes: '#ddd', hairStyle: 'long', sleeves: 'long' }, z: -2.95, x0: 13, x1: -13, speed: 1.1, period: 41, offset: 17 },
  // on the far pavement beyond the viaduct
  { look: { skin: '#d19a7c', shirt: '#5b2e3e', jacket: '#1c1c22', pants: '#3a3a40', hair: '#2a2a2a', shoes: '#2a2a2a', hairStyle: 'beanie', hat: '#9a8a6a' }, z: -10.5, x0: -16, x1: 16, speed: 1.3, period: 29, offset: 9 },
];

/** Someone waiting by the metro totem, looking at their phone. */
function Waiting() {
  const pose = (p: PoseState, time: number) => {
    p.handR.set(-0.05, 1.13, 0.26);
    p.handL.set(0.03, 1.1, 0.24);
    p.poleR.set(-1, -1, 0);
    p.poleL.set(1, -1, 0);
    p.headPitch = 0.45 + Math.sin(time * 0.3) * 0.05;
    gripAt(p.heldR, new Quaternion().setFromAxisAngle(new Vector3(1, 0, 0), -0.9), new Vector3(-0.02, 1.16, 0.28), [0, 0, 0]);
  };
  return (
    <Person
      look={{ skin: '#c58c68', shirt: '#2f6a5a', jacket: '#3b3b3b', pants: '#23262e', hair: '#1a1a1a', shoes: '#e0e0e0', hairStyle: 'cap', hat: '#b33a2a' }}
      setup={{ seat: null }}
      position={[4.9, 0, -1.5]}
      yaw={-2.4}
      pose={pose}
      heldR={<Props build={(b) => { b.satin.push({ geometry: BOX, position: [0, 0, 0], scale: [0.07, 0.145, 0.009], color: '#111' }); b.glow.push({ geometry: BOX, position: [0, 0, 0.005], scale: [0.062, 0.13, 0.001], color: '#9cc8ff' }); }} />}
    />
  );
}

/** Smoking a pipe: lighting, inhaling, lowering, exhaling over `u` in [a, b] of a segment. */
interface SmokeAct {
  raise: number;
  lightW: number;
  flame: number;
  ember: number;
  tipSmoke: number;
  exhale: number;
  exhaleW: number;
}
function smokeAct(u: number): SmokeAct {
  return {
    raise: envelope(u, 0, 0.12, 0.74, 0.86),
    lightW: envelope(u, 0.08, 0.2, 0.6, 0.72),
    flame: envelope(u, 0.18, 0.21, 0.57, 0.6),
    ember: envelope(u, 0.22, 0.32, 0.6, 0.8),
    tipSmoke: envelope(u, 0.25, 0.3, 0.62, 0.7),
    exhale: envelope(u, 0.8, 0.83, 0.94, 0.97),
    exhaleW: envelope(u, 0.8, 0.86, 0.95, 1),
  };
}
const idleAct: SmokeAct = { raise: 0, lightW: 0, flame: 0, ember: 0, tipSmoke: 0, exhale: 0, exhaleW: 0 };

interface SmokerRefs {
  act: SmokeAct;
  mouth: Vector3;
  fwd: Vector3;
  tip: Vector3;
}

/**
 * Pose for a person smoking a straight pipe (right hand) lit with a lighter (left hand), blending from a rest
 * pose in which the pipe and lighter are held at `restR` / `restL` (hand targets).
 */
function smokingPose(p: PoseState, a: SmokeAct, refs: SmokerRefs, restR: Vector3, restL: Vector3, side = 0.62) {
  refs.act = a;
  p.handR.copy(restR);
  p.handL.copy(restL);
  p.headPitch += -0.2 * a.raise - 0.35 * a.exhaleW;
  p.lean += -0.1 * a.raise - 0.08 * a.exhaleW;
  const restPipeQ = alongDir(new Vector3(0.85, 0.3, 0.45));
  const restPipePos = restR.clone().add(new Vector3(0, 0.035, 0.01));
  const restLightPos = restL.clone().add(new Vector3(0, -0.03, 0.01));
  headPoint(p, MOUTH, refs.mouth);
  headForward(p, refs.fwd);
  const dir = refs.fwd.clone().multiplyScalar(0.75).add(new Vector3(side, -0.3, 0)).normalize();
  const actQ = alongDir(dir);
  const actPos = refs.mouth.clone().addScaledVector(refs.fwd, 0.004);
  const pipeQ = lerpQ(restPipeQ, actQ, a.raise);
  const pipePos = restPipePos.clone().lerp(actPos, a.raise);
  const far = actPos.clone().addScaledVector(dir, PIPE_LENGTH - 0.006);
  const litPos = far.clone().add(new Vector3(0.003, -LIGHTER_TOP - 0.014, 0));
  const lightPos = restLightPos.clone().lerp(litPos, a.lightW);
  p.poleR.set(-1, -0.3 - 0.9 * a.raise, -0.3 + 0.2 * a.raise);
  p.poleL.set(1, -0.3 - 0.9 * a.lightW, -0.3 + 0.2 * a.lightW);
  const gripR = pipePos.clone().add(new Vector3(0, 0.02, 0).applyQuaternion(pipeQ));
  gripAt(p.heldR, pipeQ, gripR, [0, 0.02, 0]);
  p.handR.copy(gripR).add(new Vector3(0, -0.04, -0.01));
  const lq = new Quaternion();
  const gripL = lightPos.clone().add(new Vector3(0, 0.02, 0));
  gripAt(p.heldL, lq, gripL, [0, 0.02, 0]);
  p.handL.copy(gripL).add(new Vector3(0, -0.035, -0.012));
  refs.tip.set(0, PIPE_LENGTH, 0).applyQuaternion(pipeQ).add(pipePos);
}

function smokeFrom(refs: SmokerRefs): SmokeSource {
  return (pos, vel) => {
    const a = refs.act;
    if (a.exhale > 0) {
      pos.copy(refs.mouth).addScaledVector(refs.fwd, 0.05);
      vel.copy(refs.fwd).multiplyScalar(0.55).add(new Vector3(0, 0.22, 0));
      return 36 * a.exhale;
    }
    if (a.tipSmoke > 0) {
      pos.copy(refs.tip);
      vel.set(0, 0.09, 0);
      return 6 * a.tipSmoke;
    }
    return 0;
  };
}

function useSmokerRefs(): SmokerRefs {
  return useMemo(() => ({ act: idleAct, mouth: new Vector3(), fwd: new Vector3(), tip: new Vector3() }), []);
}

/** Level 2: a man sitting on the ground against the hoarding, pipe and push rod in hand; packs it during the segment. */
const WALL_USER = { position: [WALL.x + 0.3, 0, -1.3] as Vec3, yaw: 0.95 };
function WallUser() {
  const prep = useSegment('user-prepares-pipe');
  const pose = (p: PoseState, time: number) => {
    p.lean = -0.12 + Math.sin(time * 1.2) * 0.01;
    p.headPitch = 0.45;
    p.headYaw = 0.15;
    const restR = new Vector3(-0.1, 0.5, 0.44);
    const restL = new Vector3(0.1, 0.5, 0.44);
    let pipeQ = alongDir(new Vector3(0.8, 0.35, 0.4));
    let pipeHand = restR;
    const restRodQ = alongDir(new Vector3(0.3, 0.5, -0.6));
    let rodQ = restRodQ;
    let rodHand = restL;
    p.poleR.set(-1, -0.3, -0.2);
    p.poleL.set(1, -0.3, -0.2);
    const s = prep();
    if (s.active) {
      const u = s.progress;
      const w = envelope(u, 0, 0.14, 0.86, 1);
      p.lean = -0.12 + 0.3 * w;
      p.headPitch = 0.45 + 0.2 * w;
      const dir = new Vector3(1, 0.15, 0.15).normalize();
      const prepHand = new Vector3(-0.06, 0.72, 0.36);
      pipeQ = lerpQ(pipeQ, alongDir(dir), w);
      pipeHand = restR.clone().lerp(prepHand, w);
      const mouthEnd = prepHand.clone().addScaledVector(dir, -0.03);
      const far = mouthEnd.clone().addScaledVector(dir, PIPE_LENGTH);
      const pushing = envelope(u, 0.16, 0.2, 0.8, 0.84);
      const depth = 0.012 + 0.03 * pushing * (0.5 + 0.5 * Math.sin(u * 7 * Math.PI * 2));
      const tip = far.clone().addScaledVector(dir, -depth);
      rodQ = lerpQ(restRodQ, alongDir(dir), w);
      rodHand = restL.clone().lerp(tip.clone().addScaledVector(dir, 0.13), w);
    }
    gripAt(p.heldR, pipeQ, pipeHand, [0, 0.025, 0]);
    p.handR.copy(pipeHand).add(new Vector3(0, -0.038, 0));
    gripAt(p.heldL, rodQ, rodHand, [0, 0.13, 0]);
    p.handL.copy(rodHand);
  };
  return (
    <Person
      look={{ skin: '#b98463', shirt: '#4a4f3a', jacket: '#2a2f38', pants: '#3a3a3a', hair: '#2a1e16', shoes: '#5a4a3a', hairStyle: 'beanie', hat: '#1f2a3a', beard: true }}
      setup={{ seat: 0.0, feetForward: 0.5, feetApart: 0.16 }}
      position={WALL_USER.position}
      yaw={WALL_USER.yaw}
      pose={pose}
      name="wall-user"
      heldR={
        <group name="cue:user-pipe" userData={{ cueId: 'user-pipe', minLevel: 2 }}>
          <HeldPipe />
        </group>
      }
      heldL={<PushRod />}
    />
  );
}

/** Level 3: three people under the viaduct; two of them smoke in turn during 'group-smokes'. */
function SmokingGroup() {
  const seg = useSegment('group-smokes');
  const r1 = useSmokerRefs();
  const r2 = useSmokerRefs();
  // first smoker: seated on the pier plinth
  const pose1 = (p: PoseState, time: number) => {
    p.lean = 0.15 + Math.sin(time * 1.3) * 0.01;
    p.headPitch = 0.3;
    const s = seg();
    const a = s.active ? smokeAct(Math.min(1, s.progress / 0.55)) : idleAct;
    smokingPose(p, a, r1, new Vector3(-0.1, 0.62, 0.48), new Vector3(0.11, 0.62, 0.46));
  };
  // second smoker: standing, takes his turn in the second half
  const pose2 = (p: PoseState, time: number) => {
    p.headPitch = 0.2;
    p.headYaw = -0.4 + Math.sin(time * 0.5) * 0.1;
    const s = seg();
    const a = s.active && s.progress > 0.42 ? smokeAct((s.progress - 0.42) / 0.58) : idleAct;
    smokingPose(p, a, r2, new Vector3(-0.17, 1.0, 0.22), new Vector3(0.2, 0.9, 0.15), 0.5);
    if (a.raise === 0 && a.lightW === 0) p.headYaw = -0.4 + Math.sin(time * 0.5) * 0.1;
  };
  // third: arms crossed, watching
  const pose3 = (p: PoseState, time: number) => {
    armsCrossed(p);
    p.headYaw = 0.5 + Math.sin(time * 0.35) * 0.25;
    p.headPitch = 0.1;
  };
  return (
    <>
      <Person
        look={{ skin: '#8f5c3f', shirt: '#6b6e70', jacket: '#3a2f26', pants: '#2c3038', hair: '#151010', shoes: '#3a3a3a', hairStyle: 'hood', hat: '#4a4d50' }}
        setup={{ seat: 0.42, feetForward: 0.45 }}
        position={[-0.85, 0, -4.3]}
        yaw={0.45}
        pose={pose1}
        heldR={<HeldPipe ember={() => r1.act.ember} />}
        heldL={<HeldLighter color="#e0342b" lit={() => r1.act.flame} />}
      >
        <Smoke source={smokeFrom(r1)} />
      </Person>
      <Person
        look={{ skin: '#d6a283', shirt: '#7a3b5a', pants: '#34363f', hair: '#8a5a30', shoes: '#ddd', hairStyle: 'long' }}
        setup={{ seat: null }}
        position={[0.15, 0, -3.85]}
        yaw={-1.2}
        pose={pose2}
        heldR={<HeldPipe ember={() => r2.act.ember} />}
        heldL={<HeldLighter color="#f2c21b" lit={() => r2.act.flame} />}
      >
        <Smoke source={smokeFrom(r2)} />
      </Person>
      <Person
        look={{ skin: '#c7936f', shirt: '#2d3e5a', jacket: '#1e2a22', pants: '#2a2a2a', hair: '#3a2a20', shoes: '#222', hairStyle: 'cap', hat: '#1b1b1b' }}
        setup={{ seat: null }}
        position={[-1.65, 0, -3.55]}
        yaw={1.1}
        pose={pose3}
      />
    </>
  );
}

/**
 * The dealer. Level 3: stands by the right pier, hands in pockets, watching the street. 'dealer-whistles': two
 * fingers to the mouth. Level 4: the wrapped rocks out in his palm, looking over at the patient; 'dealer-offers':
 * walks up to ~1.2 m from the patient, holds out the open hand, then walks back.
 */
const DEALER_HOME = new Vector3(2.25, 0, -3.3);
const DEALER_NEAR = new Vector3(0.72, 0, -0.98);
function Dealer() {
  const level = useSceneLevel();
  const offer = useSegment('dealer-offers');
  const whistle = useSceneEvent('dealer-whistles');
  const baseYaw = -0.55;
  const pose = (p: PoseState, time: number) => {
    handsInPockets(p);
    p.headYaw = Math.sin(time * 0.45) * 0.45;
    p.headPitch = 0.05;
    p.heldR.visible = false;
    const o = offer();
    if (o.active && level >= 4) {
      const u = o.progress;
      const path = DEALER_NEAR.clone().sub(DEALER_HOME);
      const dist = path.length();
      const walkYaw = Math.atan2(path.x, path.z);
      // 0–0.3 walk up, 0.3–0.72 offer, 0.72–1 walk back (turned around)
      let along = 0;
      let yaw = baseYaw;
      let walking = false;
      let phase = 0;
      if (u < 0.3) {
        const k = u / 0.3;
        along = smooth(k);
        yaw = baseYaw + (walkYaw - baseYaw) * smooth(Math.min(1, k * 4)) * (1 - smooth((k - 0.75) * 4));
        walking = k < 0.95;
        phase = along * dist * STEP;
      } else if (u < 0.72) {
        along = 1;
        yaw = baseYaw;
      } else {
        const k = (u - 0.72) / 0.28;
        along = 1 - smooth(k);
        const backYaw = walkYaw + Math.PI;
        yaw = baseYaw + (backYaw - baseYaw) * smooth(Math.min(1, k * 4)) * (1 - smooth((k - 0.8) * 5));
        walking = k < 0.97;
        phase = (1 - along) * dist * STEP;
      }
      const worldPos = DEALER_HOME.clone().addScaledVector(path, along);
      const local = worldPos.sub(DEALER_HOME).applyAxisAngle(new Vector3(0, 1, 0), -baseYaw);
      p.offset.copy(local);
      p.turn = yaw - baseYaw;
      if (walking) {
        walkPose(p, phase);
        p.headYaw = 0;
      }
      if (u >= 0.3 && u < 0.72) {
        const w = envelope((u - 0.3) / 0.42, 0, 0.2, 0.82, 1);
        const at: Vec3 = [DEALER_NEAR.x, 0, DEALER_NEAR.z];
        const target = toLocal(new Vector3(0.26, 1.04, -0.62), at, baseYaw);
        const toPatient = toLocal(PATIENT_EYES, at, baseYaw);
        p.headYaw = Math.atan2(toPatient.x, toPatient.z) * w;
        p.headPitch = 0.05 + 0.1 * w;
        p.lean = 0.1 * w;
        p.handR.lerp(target, w);
        p.poleR.set(-1, -1, 0);
        // open palm up with the wrapped rock on it
        gripAt(p.heldR, new Quaternion(), p.handR.clone().add(new Vector3(0.01, 0.035, 0.02)), [0, 0, 0]);
        p.heldR.visible = w > 0.35;
      }
    } else {
      const wh = whistle();
      if (wh.active) {
        const w = envelope(wh.progress, 0, 0.2, 0.8, 1);
        headPoint(p, [0, 0.06, 0.13], p.handR);
        p.handR.lerp(new Vector3(-0.16, p.hipY, 0.1), 1 - w);
        p.poleR.set(-1, -0.6, 0);
        p.headYaw *= 1 - w;
      } else if (level >= 4) {
        // Between offers he keeps the wraps out, palm up at his waist, looking over at the patient.
        p.handR.set(-0.2, p.hipY + 0.12, 0.24);
        p.poleR.set(-1, -1, 0);
        gripAt(p.heldR, new Quaternion(), p.handR.clone().add(new Vector3(0.01, 0.035, 0.02)), [0, 0, 0]);
        p.heldR.visible = true;
        const toPatient = toLocal(PATIENT_EYES, [DEALER_HOME.x, 0, DEALER_HOME.z], baseYaw);
        p.headYaw = Math.atan2(toPatient.x, toPatient.z) * 0.8;
      }
    }
  };
  return (
    <Person
      look={{ skin: '#9a6446', shirt: '#1c1c1c', jacket: '#2a2a30', pants: '#1e1e24', hair: '#0f0c0a', shoes: '#f0f0f0', hairStyle: 'hood', hat: '#26262c' }}
      setup={{ seat: null }}
      position={[DEALER_HOME.x, 0, DEALER_HOME.z]}
      yaw={baseYaw}
      pose={pose}
      name="dealer"
      heldR={
        <Cue id="dealer-offer" minLevel={4}>
          <Props
            build={(b) => {
              // two "galettes" wrapped in cling film, a loose rock beside them
              b.clear.push({ geometry: SPHERE_LO, position: [0, 0.009, 0], scale: [0.016, 0.011, 0.016], color: '#f4f6f8' });
              b.clear.push({ geometry: SPHERE_LO, position: [0.026, 0.007, 0.012], scale: [0.014, 0.01, 0.014], color: '#f4f6f8' });
              rocksParts(b.matte, [0, 0.001, 0], 2, 5, 0.005, 0.008);
              rocksParts(b.matte, [0.026, 0.0, 0.012], 2, 6, 0.004, 0.007);
              rocksParts(b.matte, [-0.02, -0.004, 0.018], 1, 8, 0.001, 0.007);
            }}
          />
        </Cue>
      }
    />
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Scene
// ---------------------------------------------------------------------------------------------------------------

/**
 * Open drug scene, graded 0–4: a night street under the metro with passers-by (0); lighters, baggies and syringe
 * caps on the ground a few metres away (1); a user sitting against the hoarding packing a pipe (2); a group
 * smoking crack under the viaduct and a dealer waiting (3); the dealer walking up and offering (4).
 */
/** Between the two smokers of the group under the viaduct. */
const GROUP: Vec3 = [-0.35, 1.0, -4.1];

/**
 * Sounds: the road beyond the viaduct at every level; from 3 the group's low voices, their lighters and the
 * crackle of their pipes when each lights up; at 4 the dealer's murmured offer beside the patient; the metro
 * (with the station's chime) and the dealer's whistle when the clinician fires them.
 */
function Sounds() {
  const smoke = { segment: 'group-smokes' } as const;
  return (
    <>
      <SpatialSound id="traffic" sound="traffic" position={[0, 0.8, -11]} volume={0.4} refDistance={6} />
      <SpatialSound id="group-voices" sound="chatter" position={GROUP} minLevel={3} volume={0.18} refDistance={2} />
      <SpatialSound id="group-lighters" sound="lighter" position={GROUP} minLevel={3} volume={0.45} refDistance={1.5} on={[{ ...smoke, at: 0.1 }, { ...smoke, at: 0.52 }]} />
      <SpatialSound id="group-crackle" sound="crackle" position={GROUP} minLevel={3} volume={0.3} refDistance={1.5} on={[{ ...smoke, at: 0.12, until: 0.33 }, { ...smoke, at: 0.54, until: 0.77 }]} />
      <SpatialSound id="dealer-voice" sound="low-voice" position={[DEALER_NEAR.x, 1.6, DEALER_NEAR.z]} minLevel={4} volume={0.4} on={[{ segment: 'dealer-offers', at: 0.3, until: 0.72 }]} />
      <SpatialSound id="metro-arrives" sound="metro" position={[3, 5.2, -6]} volume={0.5} refDistance={6} on={[{ event: 'metro-arrives' }]} />
      <SpatialSound id="station-chime" sound="station-chime" position={[STAIR.x0 + 4, 5.8, -3.2]} volume={0.35} refDistance={4} on={[{ event: 'metro-arrives', at: 0.6 }]} />
      <SpatialSound id="dealer-whistles" sound="whistle" position={[DEALER_HOME.x, 1.6, DEALER_HOME.z]} volume={0.4} refDistance={2} on={[{ event: 'dealer-whistles' }]} />
    </>
  );
}

export function OpenDrugScene() {
  return (
    <>
      <SceneEnvironment intensity={0.12} background="#070a12" />
      <fog attach="fog" args={['#0a0e18', 12, 48]} />
      <Lights />
      <Street />
      <Train />
      {WALKERS.map((w, i) => (
        <Passerby key={i} w={w} />
      ))}
      <Waiting />
      <Cue id="litter-lighters" minLevel={1}>
        <LitterLighters />
      </Cue>
      <Cue id="litter-baggies" minLevel={1}>
        <LitterBaggies />
      </Cue>
      <Cue id="syringe-caps" minLevel={1}>
        <SyringeCaps />
      </Cue>
      <Cue id="wall-user" minLevel={2}>
        <WallUser />
      </Cue>
      <Cue id="smoking-group" minLevel={3}>
        <group name="cue:group-smoke" userData={{ cueId: 'group-smoke', minLevel: 3 }}>
          <SmokingGroup />
        </group>
      </Cue>
      <Cue id="dealer" minLevel={3}>
        <Dealer />
      </Cue>
      <Sounds />
    </>
  );
}
