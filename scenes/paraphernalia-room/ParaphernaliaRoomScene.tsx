import { Stressor } from '../stressors/StressorOnTable';
import type { SceneProps } from '../components';
import { useFrame } from '@react-three/fiber';
import { useMemo, useRef, type Ref, useImperativeHandle } from 'react';
import {
  AdditiveBlending,
  BoxGeometry,
  CircleGeometry,
  CylinderGeometry,
  Euler,
  type Group,
  LatheGeometry,
  Matrix4,
  MeshBasicMaterial,
  MeshStandardMaterial,
  type Mesh,
  PlaneGeometry,
  Quaternion,
  SphereGeometry,
  type Sprite,
  SpriteMaterial,
  TorusGeometry,
  Vector2,
  Vector3,
} from 'three';
import { SpatialSound, risingEdge, type SoundHandle } from '../kit/audio/SpatialSound';
import { Cue } from '../kit/Cue';
import { SceneEnvironment } from '../kit/Environment';
import { useSceneLevel } from '../kit/levelContext';
import {
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
import { carry, gripFilter, PoseSmoother, toWorldDir } from '../party-patio/choreo';
import { Joint, Lighter, MergedMesh, Smoke, drawLeaf, grinderParts, hold, plume, smooth, track, type LighterHandle, type SmokeHandle } from '../party-patio/fx';
import { LEFT, RIGHT, Rig, makePose, type RigHandle, type RigPose } from '../party-patio/rig';

/*
 * A shared flat's living room at night (students / young adults). Layout (metres; the patient sits on the couch
 * at the origin facing -z, eyes at y 1.2):
 *   - a low coffee table in front (x -0.6…0.6, z -0.5…-1.1, top 0.45) on a shaggy rug;
 *   - the back wall (z -3.6): TV on a sideboard, a wall shelf above it, a window with curtains on the left;
 *   - the roommate's desk along the right wall (monitor, keyboard, lamp); the roommate sits on his gaming chair
 *     beside it, turned toward the patient, on his phone; at level 4 he rolls his chair over to the table;
 *   - the door, a bookshelf and a bean bag on the left.
 * Level 0 shows no cannabis at all: posters are a band, a film and a game.
 */

const TABLE = { x0: -0.6, x1: 0.6, z0: -1.1, z1: -0.5, h: 0.45 };
const TOP = TABLE.h + 0.001;
const ROOM = { x0: -3.0, x1: 3.0, z0: -3.6, z1: 1.6, h: 2.55 };
const DESK = { x0: 2.35, x1: 2.98, z0: -2.95, z1: -1.3, h: 0.745 };
const EYE = new Vector3(0, 1.2, 0);
const UP = new Vector3(0, 1, 0);

const BOX = new BoxGeometry(1, 1, 1);
const CYL = new CylinderGeometry(1, 1, 1, 16, 1);
const CYL_LO = new CylinderGeometry(1, 1, 1, 8, 1);
const SPHERE = new SphereGeometry(1, 14, 10);
const SPHERE_LO = new SphereGeometry(1, 8, 6);
const PLANE = new PlaneGeometry(1, 1);
const FLOOR_PLANE = new PlaneGeometry(1, 1).rotateX(-Math.PI / 2);
const DISC = new CircleGeometry(0.5, 40).rotateX(-Math.PI / 2);
const TORUS = new TorusGeometry(1, 0.1, 6, 24);
const v2 = (pts: [number, number][]) => pts.map(([x, y]) => new Vector2(x, y));

// ---------------------------------------------------------------------------------------------------------------
// Procedural pictures
// ---------------------------------------------------------------------------------------------------------------

const ART_W = 1024;
const ART_H = 1024;
type Rect = [number, number, number, number];
const R_BAND: Rect = [0, 0, 340, 480];
const R_FILM: Rect = [342, 0, 340, 480];
const R_GAME: Rect = [684, 0, 340, 480];
const R_WEED: Rect = [0, 482, 340, 480];
const R_TRAY: Rect = [342, 482, 340, 210];
const R_MONITOR: Rect = [342, 694, 340, 200];
const R_TV: Rect = [684, 482, 340, 200];
const R_CHIPS: Rect = [684, 684, 160, 200];
const R_BOOKS: Rect = [846, 684, 178, 200];
const uvOf = ([x, y, w, h]: Rect): [number, number, number, number] => [x / ART_W, 1 - (y + h) / ART_H, (x + w) / ART_W, 1 - y / ART_H];

function drawArt(ctx: CanvasRenderingContext2D) {
  ctx.fillStyle = '#222';
  ctx.fillRect(0, 0, ART_W, ART_H);
  const within = (r: Rect, f: (w: number, h: number) => void) => {
    const [x, y, w, h] = r;
    ctx.save();
    ctx.beginPath();
    ctx.rect(x, y, w, h);
    ctx.clip();
    ctx.translate(x, y);
    f(w, h);
    ctx.restore();
  };
  // Band poster: sunset, mountains, type
  within(R_BAND, (w, h) => {
    const g = ctx.createLinearGradient(0, 0, 0, h);
    g.addColorStop(0, '#2b1b4a');
    g.addColorStop(0.5, '#d8587a');
    g.addColorStop(0.75, '#f4b15a');
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, w, h);
    ctx.fillStyle = '#fbe3a0';
    ctx.beginPath();
    ctx.arc(w / 2, h * 0.6, w * 0.22, 0, Math.PI * 2);
    ctx.fill();
    for (let i = 0; i < 6; i++) {
      ctx.fillStyle = '#2b1b4a';
      ctx.fillRect(w * 0.25, h * 0.52 + i * 12, w * 0.5, 4 + i);
    }
    ctx.fillStyle = '#1c1230';
    ctx.beginPath();
    ctx.moveTo(0, h);
    ctx.lineTo(0, h * 0.72);
    ctx.lineTo(w * 0.3, h * 0.6);
    ctx.lineTo(w * 0.55, h * 0.75);
    ctx.lineTo(w * 0.8, h * 0.62);
    ctx.lineTo(w, h * 0.7);
    ctx.lineTo(w, h);
    ctx.fill();
    ctx.fillStyle = '#fff1d6';
    ctx.font = 'bold 52px sans-serif';
    ctx.textAlign = 'center';
    ctx.fillText('NEON', w / 2, 80);
    ctx.fillText('TIDES', w / 2, 135);
    ctx.font = '20px sans-serif';
    ctx.fillText('SUMMER TOUR', w / 2, h - 30);
  });
  // Film poster: a planet and a tiny astronaut
  within(R_FILM, (w, h) => {
    ctx.fillStyle = '#0b1020';
    ctx.fillRect(0, 0, w, h);
    const rnd = seededRandom(3);
    for (let i = 0; i < 120; i++) {
      ctx.fillStyle = `rgba(255,255,255,${rnd()})`;
      ctx.fillRect(rnd() * w, rnd() * h, 2, 2);
    }
    const g = ctx.createRadialGradient(w * 0.4, h * 0.45, 10, w * 0.5, h * 0.5, w * 0.45);
    g.addColorStop(0, '#7fd1e8');
    g.addColorStop(1, '#1d3f7a');
    ctx.fillStyle = g;
    ctx.beginPath();
    ctx.arc(w * 0.5, h * 0.5, w * 0.36, 0, Math.PI * 2);
    ctx.fill();
    ctx.strokeStyle = '#e8d6a0';
    ctx.lineWidth = 5;
    ctx.beginPath();
    ctx.ellipse(w * 0.5, h * 0.5, w * 0.48, w * 0.1, -0.3, 0, Math.PI * 2);
    ctx.stroke();
    ctx.fillStyle = '#f2f2f2';
    ctx.font = 'bold 40px serif';
    ctx.textAlign = 'center';
    ctx.fillText('ORBIT', w / 2, h - 60);
    ctx.font = '16px sans-serif';
    ctx.fillText('IN CINEMAS', w / 2, h - 30);
  });
  // Game poster: pixel hero and blocks
  within(R_GAME, (w, h) => {
    ctx.fillStyle = '#ffcf3f';
    ctx.fillRect(0, 0, w, h);
    const px = 20;
    const hero = ['..XXXX..', '.XXXXXX.', '.XOXXOX.', '.XXXXXX.', '..XXXX..', '.XXXXXX.', 'XX.XX.XX', '..X..X..'];
    hero.forEach((row, r) =>
      [...row].forEach((c, k) => {
        if (c === '.') return;
        ctx.fillStyle = c === 'O' ? '#ffffff' : '#e2404a';
        ctx.fillRect(w / 2 - 4 * px + k * px, 150 + r * px, px, px);
      }),
    );
    for (let i = 0; i < 5; i++) {
      ctx.fillStyle = ['#3a7bd5', '#2ebf7a', '#e2404a', '#7a4ad5', '#ff8a1f'][i]!;
      ctx.fillRect(30 + i * 58, h - 110, 50, 50);
    }
    ctx.fillStyle = '#1b1b1b';
    ctx.font = 'bold 44px monospace';
    ctx.textAlign = 'center';
    ctx.fillText('PIXEL', w / 2, 80);
    ctx.fillText('QUEST', w / 2, 125);
  });
  // Cannabis poster (level 1): leaf on deep green, "420"
  within(R_WEED, (w, h) => {
    const g = ctx.createRadialGradient(w / 2, h * 0.45, 10, w / 2, h * 0.45, h * 0.7);
    g.addColorStop(0, '#2e7a3a');
    g.addColorStop(1, '#0c2412');
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, w, h);
    drawLeaf(ctx, w / 2, h * 0.6, h * 0.38, '#8fd14f', '#1d4a1f');
    ctx.fillStyle = '#f7e25a';
    ctx.font = 'bold 84px sans-serif';
    ctx.textAlign = 'center';
    ctx.fillText('420', w / 2, h - 40);
    ctx.strokeStyle = '#f7e25a';
    ctx.lineWidth = 6;
    ctx.strokeRect(10, 10, w - 20, h - 20);
  });
  // Rolling-tray print
  within(R_TRAY, (w, h) => {
    const g = ctx.createLinearGradient(0, 0, w, h);
    g.addColorStop(0, '#3a2a6a');
    g.addColorStop(1, '#1f6a8a');
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, w, h);
    ctx.globalAlpha = 0.35;
    for (let i = 0; i < 8; i++) {
      ctx.fillStyle = ['#ff6ad5', '#7af0ff', '#ffe66a'][i % 3]!;
      ctx.beginPath();
      ctx.arc(w * ((i * 0.37) % 1), h * ((i * 0.61) % 1), 30 + i * 4, 0, Math.PI * 2);
      ctx.fill();
    }
    ctx.globalAlpha = 1;
  });
  // Monitor: a game (hills, sky, HUD)
  within(R_MONITOR, (w, h) => {
    const g = ctx.createLinearGradient(0, 0, 0, h);
    g.addColorStop(0, '#5aa8f0');
    g.addColorStop(1, '#cfe8ff');
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, w, h);
    ctx.fillStyle = '#3f9a4a';
    ctx.beginPath();
    ctx.moveTo(0, h);
    for (let x = 0; x <= w; x += 10) ctx.lineTo(x, h * 0.65 + Math.sin(x / 40) * 14);
    ctx.lineTo(w, h);
    ctx.fill();
    ctx.fillStyle = '#e2404a';
    ctx.fillRect(w * 0.45, h * 0.5, 18, 26);
    ctx.fillStyle = 'rgba(0,0,0,0.55)';
    ctx.fillRect(8, 8, 110, 16);
    ctx.fillStyle = '#ff5a5a';
    ctx.fillRect(10, 10, 80, 12);
  });
  // TV: streaming menu
  within(R_TV, (w, h) => {
    ctx.fillStyle = '#101418';
    ctx.fillRect(0, 0, w, h);
    const cols = ['#c04a3a', '#3a6ac0', '#3ac08a', '#c0a03a', '#8a3ac0', '#3ab0c0'];
    for (let r = 0; r < 2; r++)
      for (let c = 0; c < 4; c++) {
        ctx.fillStyle = cols[(r * 4 + c) % cols.length]!;
        ctx.fillRect(14 + c * 80, 60 + r * 66, 70, 54);
      }
    ctx.fillStyle = '#e8e8e8';
    ctx.font = 'bold 20px sans-serif';
    ctx.fillText('Continue watching', 14, 40);
  });
  // Crisps bag
  within(R_CHIPS, (w, h) => {
    ctx.fillStyle = '#e23a2a';
    ctx.fillRect(0, 0, w, h);
    ctx.fillStyle = '#ffd23a';
    ctx.beginPath();
    ctx.ellipse(w / 2, h * 0.55, w * 0.35, h * 0.22, 0, 0, Math.PI * 2);
    ctx.fill();
    ctx.fillStyle = '#ffffff';
    ctx.font = 'bold 30px sans-serif';
    ctx.textAlign = 'center';
    ctx.fillText('CRISPS', w / 2, 40);
  });
  // Book spines
  within(R_BOOKS, (w, h) => {
    const rnd = seededRandom(12);
    let x = 0;
    while (x < w) {
      const bw = 10 + rnd() * 14;
      ctx.fillStyle = ['#8a3a2a', '#2e4a6b', '#c9a45a', '#3e5a36', '#d8cbb0', '#5a3e62'][Math.floor(rnd() * 6)]!;
      ctx.fillRect(x, 0, bw, h);
      ctx.fillStyle = 'rgba(255,255,255,0.3)';
      ctx.fillRect(x + 2, h * 0.2, bw - 4, 4);
      x += bw + 1;
    }
  });
}

function drawCityNight(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const rnd = seededRandom(19);
  const g = ctx.createLinearGradient(0, 0, 0, h);
  g.addColorStop(0, '#0a1020');
  g.addColorStop(1, '#2a2440');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, w, h);
  for (let x = 0; x < w; ) {
    const bw = 30 + rnd() * 60;
    const bh = h * (0.3 + rnd() * 0.5);
    ctx.fillStyle = '#0f1322';
    ctx.fillRect(x, h - bh, bw, bh);
    for (let wy = h - bh + 8; wy < h - 10; wy += 14)
      for (let wx = x + 5; wx < x + bw - 8; wx += 11) {
        if (rnd() < 0.3) {
          ctx.fillStyle = rnd() < 0.5 ? '#f7c66a' : '#9ec8ff';
          ctx.fillRect(wx, wy, 5, 7);
        }
      }
    x += bw + 3;
  }
}

function drawRug(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const rnd = seededRandom(23);
  ctx.fillStyle = '#5d6f7a';
  ctx.fillRect(0, 0, w, h);
  for (let i = 0; i < 9000; i++) {
    const v = 80 + rnd() * 60;
    ctx.fillStyle = `rgba(${v * 0.8},${v * 0.95},${v},0.35)`;
    ctx.fillRect(rnd() * w, rnd() * h, 2, 3 + rnd() * 3);
  }
}

function drawWall(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const rnd = seededRandom(29);
  ctx.fillStyle = '#d8d4cc';
  ctx.fillRect(0, 0, w, h);
  for (let i = 0; i < 2500; i++) {
    ctx.fillStyle = rnd() < 0.5 ? 'rgba(255,255,255,0.05)' : 'rgba(0,0,0,0.04)';
    ctx.fillRect(rnd() * w, rnd() * h, 3, 3);
  }
}

const artTex = canvasTexture(ART_W, ART_H, drawArt);
const cityTex = canvasTexture(512, 256, drawCityNight);
const rugTex = canvasTexture(512, 512, drawRug, true);
const wallTex = canvasTexture(256, 256, drawWall, true);
const artMat = new MeshStandardMaterial({ map: artTex, roughness: 0.75, emissive: '#ffffff', emissiveMap: artTex, emissiveIntensity: 0.12 });
const screenMat = new MeshBasicMaterial({ map: artTex, toneMapped: true, color: '#d8d8d8' });
const cityMat = new MeshBasicMaterial({ map: cityTex });
const rugMat = new MeshStandardMaterial({ map: rugTex, roughness: 1, metalness: 0 });
const wallMat = new MeshStandardMaterial({ map: wallTex, roughness: 0.95, metalness: 0, vertexColors: true });
const ledHalo = glowHalo.clone();
ledHalo.color.set('#b04aff');
ledHalo.opacity = 0.28;

// ---------------------------------------------------------------------------------------------------------------
// Room
// ---------------------------------------------------------------------------------------------------------------

interface Buckets {
  floor: Part[];
  wall: Part[];
  wood: Part[];
  matte: Part[];
  satin: Part[];
  metal: Part[];
  glow: Part[];
  halo: Part[];
  leaf: Part[];
  art: Part[];
  screen: Part[];
  city: Part[];
  rug: Part[];
  shadow: Part[];
}

function box(list: Part[], x0: number, y0: number, z0: number, x1: number, y1: number, z1: number, color: string, rotation?: Vec3) {
  list.push({ geometry: BOX, position: [(x0 + x1) / 2, (y0 + y1) / 2, (z0 + z1) / 2], scale: [Math.abs(x1 - x0), Math.abs(y1 - y0), Math.abs(z1 - z0)], color, rotation });
}
function blob(b: Buckets, x: number, z: number, sx: number, sz: number, y = 0.004) {
  b.shadow.push({ geometry: FLOOR_PLANE, position: [x, y, z], scale: [sx, 1, sz] });
}

function plant(b: Buckets, x: number, z: number, size: number, seed: number, pot: string) {
  const rnd = seededRandom(seed);
  const ph = 0.36 * size;
  b.matte.push({ geometry: new CylinderGeometry(0.17 * size, 0.13 * size, ph, 16), position: [x, ph / 2, z], color: pot });
  b.matte.push({ geometry: CYL_LO, position: [x, ph - 0.01, z], scale: [0.16 * size, 0.02, 0.16 * size], color: '#2e2218' });
  for (let i = 0; i < Math.round(14 * size); i++) {
    const a = rnd() * Math.PI * 2;
    const tilt = 0.3 + rnd() * 0.8;
    const len = (0.2 + rnd() * 0.12) * size;
    const hgt = ph + (0.15 + rnd() * 0.7) * size;
    const q = new Quaternion().setFromEuler(new Euler(-(Math.PI / 2 - tilt), Math.PI / 2 - a, 0, 'YXZ'));
    const dir = new Vector3(0, 0, 1).applyQuaternion(q);
    b.leaf.push({
      geometry: SPHERE_LO,
      position: [x + Math.cos(a) * 0.08 * size + dir.x * len * 0.5, hgt + dir.y * len * 0.5, z + Math.sin(a) * 0.08 * size + dir.z * len * 0.5],
      quaternion: q,
      scale: [0.1 * size, 0.008, len * 0.5],
      color: ['#2f6b34', '#3d7f3a', '#285c2e'][Math.floor(rnd() * 3)]!,
    });
    b.wood.push({ geometry: CYL_LO, position: [x + Math.cos(a) * 0.04 * size, (ph + hgt) / 2, z + Math.sin(a) * 0.04 * size], scale: [0.005, hgt - ph, 0.005], color: '#4a6a3a' });
  }
  blob(b, x, z, 0.7 * size, 0.7 * size);
}

function buildRoom(): Buckets {
  const b: Buckets = { floor: [], wall: [], wood: [], matte: [], satin: [], metal: [], glow: [], halo: [], leaf: [], art: [], screen: [], city: [], rug: [], shadow: [] };
  const { x0, x1, z0, z1, h } = ROOM;
  const W = x1 - x0;
  const D = z1 - z0;
  b.floor.push({ geometry: FLOOR_PLANE, position: [(x0 + x1) / 2, 0, (z0 + z1) / 2], scale: [W, 1, D] });
  b.matte.push({ geometry: PLANE, position: [(x0 + x1) / 2, h, (z0 + z1) / 2], rotation: [Math.PI / 2, 0, 0], scale: [W, D, 1], color: '#e9e6e0' });
  const BACK = '#46566a';
  const SIDE = '#cfc8bc';
  // back wall with a window opening (x -2.65…-1.65, y 0.95…2.05)
  const wx0 = -2.65;
  const wx1 = -1.65;
  const wy0 = 0.95;
  const wy1 = 2.05;
  const back = (ax: number, bx: number, ay: number, by: number) => b.wall.push({ geometry: PLANE, position: [(ax + bx) / 2, (ay + by) / 2, z0], scale: [bx - ax, by - ay, 1], color: BACK });
  back(x0, wx0, 0, h);
  back(wx1, x1, 0, h);
  back(wx0, wx1, 0, wy0);
  back(wx0, wx1, wy1, h);
  b.city.push({ geometry: PLANE, position: [(wx0 + wx1) / 2, (wy0 + wy1) / 2, z0 - 0.1], scale: [wx1 - wx0, wy1 - wy0, 1] });
  box(b.matte, wx0 - 0.04, wy0 - 0.05, z0, wx1 + 0.04, wy0, z0 + 0.12, '#f0ede8');
  box(b.matte, wx0 - 0.04, wy1, z0, wx1 + 0.04, wy1 + 0.04, z0 + 0.04, '#f0ede8');
  box(b.matte, wx0 - 0.04, wy0, z0, wx0, wy1, z0 + 0.04, '#f0ede8');
  box(b.matte, wx1, wy0, z0, wx1 + 0.04, wy1, z0 + 0.04, '#f0ede8');
  box(b.matte, (wx0 + wx1) / 2 - 0.015, wy0, z0 - 0.02, (wx0 + wx1) / 2 + 0.015, wy1, z0 + 0.02, '#f0ede8');
  // curtains (folded)
  for (const [cx, dir] of [
    [wx0 - 0.12, 1],
    [wx1 + 0.12, -1],
  ] as const) {
    for (let i = 0; i < 5; i++) b.matte.push({ geometry: CYL_LO, position: [cx + dir * i * 0.035, 1.2, z0 + 0.08], scale: [0.035, 2.3, 0.035], color: i % 2 ? '#8a5a3a' : '#7a4e32' });
  }
  box(b.metal, wx0 - 0.35, 2.33, z0 + 0.06, wx1 + 0.35, 2.35, z0 + 0.1, '#2a2a2a');
  // side walls
  b.wall.push({ geometry: PLANE, position: [x0, h / 2, (z0 + z1) / 2], rotation: [0, Math.PI / 2, 0], scale: [D, h, 1], color: SIDE });
  b.wall.push({ geometry: PLANE, position: [x1, h / 2, (z0 + z1) / 2], rotation: [0, -Math.PI / 2, 0], scale: [D, h, 1], color: SIDE });
  b.wall.push({ geometry: PLANE, position: [(x0 + x1) / 2, h / 2, z1], rotation: [0, Math.PI, 0], scale: [W, h, 1], color: SIDE });
  // skirting
  box(b.matte, x0, 0, z0, x1, 0.07, z0 + 0.012, '#ece9e4');
  box(b.matte, x0, 0, z0, x0 + 0.012, 0.07, z1, '#ece9e4');
  box(b.matte, x1 - 0.012, 0, z0, x1, 0.07, z1, '#ece9e4');
  // purple LED strip along the top of the back wall
  box(b.glow, x0, h - 0.06, z0 + 0.01, x1, h - 0.045, z0 + 0.03, '#c070ff');
  b.halo.push({ geometry: PLANE, position: [0, h - 0.12, z0 + 0.04], scale: [W * 1.05, 0.6, 1] });

  // Door on the left wall (its leaf is separate, it rattles on a knock)
  box(b.matte, x0, 0, DOOR.z0 - 0.06, x0 + 0.05, 2.12, DOOR.z0, '#efece6');
  box(b.matte, x0, 0, DOOR.z1, x0 + 0.05, 2.12, DOOR.z1 + 0.06, '#efece6');
  box(b.matte, x0, 2.06, DOOR.z0 - 0.06, x0 + 0.05, 2.12, DOOR.z1 + 0.06, '#efece6');

  // TV sideboard, TV and the wall shelf above
  box(b.wood, -1.0, 0.06, z0 + 0.02, 1.0, 0.5, z0 + 0.44, '#3a2c24');
  box(b.wood, -1.02, 0.5, z0, 1.02, 0.53, z0 + 0.46, '#4a382c');
  for (const x of [-0.5, 0.5]) box(b.matte, x - 0.005, 0.1, z0 + 0.441, x + 0.005, 0.46, z0 + 0.445, '#241a14');
  box(b.metal, -0.03, 0.53, z0 + 0.15, 0.03, 0.62, z0 + 0.2, '#1a1a1a');
  box(b.metal, -0.2, 0.53, z0 + 0.1, 0.2, 0.545, z0 + 0.26, '#1a1a1a');
  box(b.satin, -0.64, 0.62, z0 + 0.14, 0.64, 1.36, z0 + 0.2, '#0c0c0e');
  b.screen.push({ geometry: PLANE, position: [0, 0.99, z0 + 0.201], scale: [1.2, 0.68, 1], uvRect: uvOf(R_TV) });
  box(b.satin, 0.55, 0.53, z0 + 0.2, 0.85, 0.6, z0 + 0.36, '#f2f2f2'); // games console
  box(b.wood, -0.95, 1.72, z0, 0.95, 1.75, z0 + 0.26, '#4a382c');
  b.art.push({ geometry: BOX, position: [-0.55, 1.85, z0 + 0.13], scale: [0.5, 0.2, 0.17], uvRect: uvOf(R_BOOKS) });
  box(b.satin, -0.15, 1.75, z0 + 0.05, 0.05, 1.95, z0 + 0.21, '#1c1c1e'); // speaker
  b.metal.push({ geometry: CYL, position: [-0.05, 1.85, z0 + 0.215], rotation: [Math.PI / 2, 0, 0], scale: [0.055, 0.01, 0.055], color: '#444' });
  plant(b, 0.25, z0 + 0.14, 0.45, 5, '#e8e4da');
  blob(b, 0, z0 + 0.25, 2.4, 0.8);

  // Posters (level 0): band (left wall), film (left wall), game (right wall above the desk)
  const poster = (pos: Vec3, rotY: number, r: Rect, w: number, hh: number) => {
    const q = new Quaternion().setFromEuler(new Euler(0, rotY, 0));
    b.art.push({ geometry: PLANE, position: pos, quaternion: q, scale: [w, hh, 1], uvRect: uvOf(r) });
  };
  poster([x0 + 0.01, 1.55, -0.2], Math.PI / 2, R_BAND, 0.55, 0.78);
  poster([x0 + 0.01, 1.5, -0.95], Math.PI / 2, R_FILM, 0.5, 0.7);
  poster([x1 - 0.01, 1.65, -2.15], -Math.PI / 2, R_GAME, 0.55, 0.78);

  // Bookshelf (left wall, between door and back corner) and a guitar
  {
    const bx = x0;
    box(b.wood, bx, 0, -3.45, bx + 0.32, 1.9, -2.85, '#e8e2d8');
    for (let i = 0; i < 5; i++) {
      const y = 0.05 + i * 0.44;
      box(b.wood, bx + 0.01, y, -3.43, bx + 0.31, y + 0.025, -2.87, '#d8d2c8');
      if (i < 4) b.art.push({ geometry: BOX, position: [bx + 0.17, y + 0.13, -3.15], rotation: [0, Math.PI / 2, 0], scale: [0.5, 0.22, 0.22], uvRect: uvOf(R_BOOKS) });
    }
    blob(b, bx + 0.16, -3.15, 0.6, 0.8);
    // guitar leaning on the wall
    const gq = new Quaternion().setFromEuler(new Euler(0, 0, -0.18));
    b.wood.push({ geometry: new CylinderGeometry(0.17, 0.19, 0.09, 20).rotateX(Math.PI / 2).rotateY(Math.PI / 2), position: [x0 + 0.1, 0.3, 0.6], quaternion: gq, scale: [1, 1.15, 1], color: '#b8743a' });
    b.wood.push({ geometry: new CylinderGeometry(0.13, 0.15, 0.09, 20).rotateX(Math.PI / 2).rotateY(Math.PI / 2), position: [x0 + 0.08, 0.56, 0.63], quaternion: gq, color: '#b8743a' });
    b.matte.push({ geometry: CYL_LO, position: [x0 + 0.03, 0.95, 0.72], rotation: [0, 0, -0.18], scale: [0.022, 0.6, 0.022], color: '#3a2418' });
    b.matte.push({ geometry: CYL_LO, position: [x0 + 0.18, 0.33, 0.58], rotation: [Math.PI / 2, 0, 0], scale: [0.045, 0.1, 0.045], color: '#1a1210' });
  }
  // Bean bag in the back-left corner
  b.matte.push({ geometry: SPHERE, position: [-2.3, 0.28, -2.75], scale: [0.5, 0.3, 0.5], color: '#c4683a' });
  b.matte.push({ geometry: SPHERE, position: [-2.42, 0.45, -2.9], scale: [0.38, 0.28, 0.3], color: '#b85e32' });
  blob(b, -2.3, -2.75, 1.3, 1.3);
  plant(b, 2.55, -3.25, 1.1, 7, '#3a3a3a');

  // The roommate's desk (right wall): monitor, keyboard, lamp, PC tower
  {
    const { x0: dx0, x1: dx1, z0: dz0, z1: dz1, h: dh } = DESK;
    box(b.wood, dx0, dh - 0.03, dz0, dx1, dh, dz1, '#2a2a2e');
    for (const lz of [dz0 + 0.03, dz1 - 0.03]) box(b.metal, dx0 + 0.03, 0, lz - 0.02, dx1 - 0.03, 0.03, lz + 0.02, '#1a1a1a');
    for (const lz of [dz0 + 0.03, dz1 - 0.03]) box(b.metal, (dx0 + dx1) / 2 - 0.02, 0, lz - 0.02, (dx0 + dx1) / 2 + 0.02, dh - 0.03, lz + 0.02, '#1a1a1a');
    // monitor facing -x
    box(b.satin, 2.78, dh + 0.12, -2.75, 2.82, dh + 0.5, -1.95, '#0d0d10');
    b.screen.push({ geometry: PLANE, position: [2.775, dh + 0.31, -2.35], rotation: [0, -Math.PI / 2, 0], scale: [0.76, 0.36, 1], uvRect: uvOf(R_MONITOR) });
    box(b.metal, 2.82, dh, -2.4, 2.86, dh + 0.14, -2.3, '#1a1a1a');
    box(b.metal, 2.74, dh, -2.45, 2.92, dh + 0.012, -2.25, '#1a1a1a');
    box(b.satin, 2.45, dh, -2.6, 2.62, dh + 0.02, -2.1, '#1c1c20');
    box(b.glow, 2.455, dh + 0.02, -2.59, 2.615, dh + 0.022, -2.11, '#5a7aff');
    box(b.satin, 2.5, dh, -1.95, 2.62, dh + 0.02, -1.85, '#1c1c20');
    // lamp
    b.metal.push({ geometry: CYL, position: [2.8, dh + 0.01, -1.5], scale: [0.07, 0.02, 0.07], color: '#1a1a1a' });
    b.metal.push({ geometry: CYL_LO, position: [2.76, dh + 0.22, -1.5], rotation: [0, 0, 0.35], scale: [0.01, 0.42, 0.01], color: '#1a1a1a' });
    b.metal.push({ geometry: new CylinderGeometry(0.03, 0.07, 0.1, 14, 1, true), position: [2.66, dh + 0.4, -1.5], rotation: [0, 0, 0.5], color: '#1a1a1a' });
    b.glow.push({ geometry: SPHERE_LO, position: [2.65, dh + 0.37, -1.5], scale: 0.025, color: '#fff0d0' });
    // PC tower with RGB
    box(b.satin, 2.5, 0, -2.95, 2.9, 0.45, -2.75, '#141418');
    box(b.glow, 2.495, 0.05, -2.93, 2.5, 0.4, -2.77, '#40e0d0');
    blob(b, 2.66, -2.12, 0.9, 1.9);
  }

  // The patient's couch (behind them), fabric, with a throw
  {
    box(b.matte, -1.15, 0.08, 0.0, 1.15, 0.45, 0.85, '#5a5e66');
    box(b.matte, -1.35, 0.08, 0.0, -1.15, 0.66, 0.85, '#55585f');
    box(b.matte, 1.15, 0.08, 0.0, 1.35, 0.66, 0.85, '#55585f');
    box(b.matte, -1.15, 0.45, 0.62, 1.15, 0.95, 0.85, '#55585f');
    for (const x of [-0.55, 0.55]) b.matte.push({ geometry: BOX, position: [x, 0.62, 0.55], rotation: [-0.2, 0, 0], scale: [1.08, 0.4, 0.14], color: '#60646c' });
    b.matte.push({ geometry: BOX, position: [-0.95, 0.6, 0.35], rotation: [0.1, 0.4, 0.25], scale: [0.36, 0.34, 0.1], color: '#c9a23a' });
    box(b.matte, 0.7, 0.455, 0.05, 1.12, 0.47, 0.6, '#8a3a3a');
    blob(b, 0, 0.42, 3, 1.3);
  }

  // Coffee table (low, light wood) on a shaggy rug
  b.rug.push({ geometry: DISC, position: [0, 0.006, -0.85], scale: [2.6, 1, 2.0] });
  {
    const { x0: tx0, x1: tx1, z0: tz0, z1: tz1, h: th } = TABLE;
    box(b.wood, tx0, th - 0.035, tz0, tx1, th, tz1, '#c9a47a');
    for (const lx of [tx0 + 0.04, tx1 - 0.04]) for (const lz of [tz0 + 0.04, tz1 - 0.04]) b.wood.push({ geometry: CYL_LO, position: [lx, (th - 0.035) / 2, lz], scale: [0.022, th - 0.035, 0.022], color: '#b8936a' });
    box(b.wood, tx0 + 0.05, 0.12, tz0 + 0.05, tx1 - 0.05, 0.14, tz1 - 0.05, '#b8936a');
    blob(b, 0, -0.8, 1.6, 0.9, 0.009);
    // a few magazines on the lower shelf
    box(b.matte, -0.35, 0.14, -0.95, 0.0, 0.16, -0.7, '#e8e2d0');
    box(b.matte, -0.3, 0.16, -0.93, 0.02, 0.17, -0.72, '#3a6ac0');
  }
  // ceiling: paper lantern
  b.matte.push({ geometry: CYL_LO, position: [0, h - 0.2, -1.2], scale: [0.004, 0.4, 0.004], color: '#222' });
  b.glow.push({ geometry: SPHERE, position: [0, h - 0.55, -1.2], scale: [0.24, 0.22, 0.24], color: '#ffe2b0' });
  return b;
}

const DOOR = { z0: -2.25, z1: -1.4 };

function RoomSet({ door }: { door: Ref<Group | null> }) {
  const b = useMemo(buildRoom, []);
  const leaf = useMemo<Part[]>(
    () => [
      { geometry: BOX, position: [0.02, 1.03, (DOOR.z1 - DOOR.z0) / 2], scale: [0.04, 2.05, DOOR.z1 - DOOR.z0 - 0.01], color: '#f4f1eb' },
      { geometry: BOX, position: [0.045, 1.03, (DOOR.z1 - DOOR.z0) / 2], scale: [0.01, 1.7, DOOR.z1 - DOOR.z0 - 0.2], color: '#e8e4dc' },
      { geometry: CYL_LO, position: [0.07, 1.0, DOOR.z1 - DOOR.z0 - 0.08], rotation: [0, 0, Math.PI / 2], scale: [0.012, 0.06, 0.012], color: '#b8b8b8' },
      { geometry: BOX, position: [0.1, 1.0, DOOR.z1 - DOOR.z0 - 0.12], scale: [0.015, 0.015, 0.1], color: '#b8b8b8' },
    ],
    [],
  );
  return (
    <group name="cue:room" userData={{ cueId: 'room', minLevel: 0 }}>
      <MergedMesh parts={b.floor} material={floorLight} worldUV={0.625} />
      <MergedMesh parts={b.wall} material={wallMat} worldUV={0.6} />
      <MergedMesh parts={b.rug} material={rugMat} />
      <MergedMesh parts={b.wood} material={woodVC} worldUV={1.1} />
      <MergedMesh parts={b.matte} material={matteVC} />
      <MergedMesh parts={b.satin} material={satinVC} />
      <MergedMesh parts={b.metal} material={metalVC} />
      <MergedMesh parts={b.glow} material={glowVC} />
      <MergedMesh parts={b.leaf} material={leafVC} />
      <MergedMesh parts={b.art} material={artMat} />
      <MergedMesh parts={b.screen} material={screenMat} />
      <MergedMesh parts={b.city} material={cityMat} />
      <MergedMesh parts={b.shadow} material={contactShadow} renderOrder={1} />
      <MergedMesh parts={b.halo} material={ledHalo} renderOrder={3} />
      <group ref={door} position={[ROOM.x0, 0, DOOR.z0]}>
        <MergedMesh parts={leaf} material={satinVC} />
      </group>
      <TableSnacks />
    </group>
  );
}

function RoomLights() {
  return (
    <>
      <hemisphereLight args={['#8a90b8', '#3a2e2a', 0.55]} />
      <pointLight position={[0, 1.95, -1.2]} color="#ffd9a0" intensity={3.0} distance={7} decay={1.4} />
      <pointLight position={[2.35, 1.15, -2.3]} color="#8fb0ff" intensity={1.2} distance={3.2} decay={1.5} />
      <pointLight position={[0, 2.3, -3.2]} color="#b060ff" intensity={1.4} distance={4.5} decay={1.5} />
    </>
  );
}

/** Level 0 things on the coffee table: a games controller, a cola bottle, crisps, the remote, a mug. */
function TableSnacks() {
  const parts = useMemo(() => {
    const satin: Part[] = [];
    const art: Part[] = [];
    const shadow: Part[] = [];
    // controller
    satin.push({ geometry: BOX, position: [0.12, TOP + 0.018, -0.98], rotation: [0, 0.3, 0], scale: [0.1, 0.03, 0.06], color: '#1e1e22' });
    for (const s of [-1, 1]) satin.push({ geometry: SPHERE_LO, position: [0.12 + s * 0.055 * Math.cos(0.3), TOP + 0.02, -0.98 + s * -0.055 * Math.sin(0.3) + 0.02], scale: [0.03, 0.02, 0.045], color: '#1e1e22' });
    // remote
    satin.push({ geometry: BOX, position: [-0.45, TOP + 0.01, -0.98], rotation: [0, -0.2, 0], scale: [0.04, 0.02, 0.18], color: '#2a2a2e' });
    // cola bottle (PET)
    satin.push({ geometry: new LatheGeometry(v2([[0, 0], [0.032, 0], [0.034, 0.02], [0.033, 0.16], [0.016, 0.21], [0.012, 0.23], [0, 0.23]]), 14), position: [-0.4, TOP, -0.82], color: '#3a1a10' });
    satin.push({ geometry: CYL, position: [-0.4, TOP + 0.09, -0.82], scale: [0.0345, 0.06, 0.0345], color: '#c4202a' });
    satin.push({ geometry: CYL, position: [-0.4, TOP + 0.235, -0.82], scale: [0.013, 0.014, 0.013], color: '#c4202a' });
    // mug
    satin.push({ geometry: CYL, position: [0.42, TOP + 0.045, -0.95], scale: [0.04, 0.09, 0.04], color: '#e8e4da' });
    satin.push({ geometry: TORUS, position: [0.465, TOP + 0.05, -0.95], rotation: [0, 0, 0], scale: [0.025, 0.025, 0.04], color: '#e8e4da' });
    // crisps bag, a bit crumpled
    art.push({ geometry: BOX, position: [-0.12, TOP + 0.03, -0.98], rotation: [-1.25, 0.2, 0], scale: [0.16, 0.2, 0.05], uvRect: uvOf(R_CHIPS) });
    for (const [x, z, s] of [
      [-0.4, -0.82, 0.12],
      [0.42, -0.95, 0.12],
      [-0.12, -0.98, 0.24],
      [0.12, -0.98, 0.16],
    ] as const)
      shadow.push({ geometry: FLOOR_PLANE, position: [x, TOP + 0.0005, z], scale: [s, 1, s] });
    return { satin, art, shadow };
  }, []);
  return (
    <>
      <MergedMesh parts={parts.shadow} material={contactShadow} renderOrder={1} />
      <MergedMesh parts={parts.satin} material={satinVC} />
      <MergedMesh parts={parts.art} material={artMat} />
    </>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Cannabis props
// ---------------------------------------------------------------------------------------------------------------

function budCluster(list: Part[], x: number, y: number, z: number, s: number, seed: number) {
  const rnd = seededRandom(seed);
  const greens = ['#6d8a3a', '#7d9a45', '#5f7a32', '#8aa650', '#708c3c'];
  for (let i = 0; i < 8; i++) {
    list.push({
      geometry: SPHERE_LO,
      position: [x + (rnd() - 0.5) * 0.022 * s, y + rnd() * 0.016 * s, z + (rnd() - 0.5) * 0.03 * s],
      rotation: [rnd(), rnd(), rnd()],
      scale: [0.011 * s, 0.01 * s, 0.016 * s],
      color: greens[Math.floor(rnd() * greens.length)]!,
    });
  }
  for (let i = 0; i < 5; i++) list.push({ geometry: SPHERE_LO, position: [x + (rnd() - 0.5) * 0.022 * s, y + 0.012 * s, z + (rnd() - 0.5) * 0.03 * s], scale: 0.0028 * s, color: '#c0783a' });
}

/** Poster on the back wall, right of the TV (level 1). */
function LeafPoster() {
  const parts = useMemo<Part[]>(() => [{ geometry: PLANE, position: [1.55, 1.5, ROOM.z0 + 0.012], scale: [0.62, 0.88, 1], uvRect: uvOf(R_WEED) }], []);
  const tape = useMemo<Part[]>(
    () => [
      [1.26, 1.92],
      [1.84, 1.92],
      [1.26, 1.08],
      [1.84, 1.08],
    ].map(([x, y]) => ({ geometry: BOX, position: [x!, y!, ROOM.z0 + 0.016] as Vec3, rotation: [0, 0, 0.6] as Vec3, scale: [0.06, 0.02, 0.002] as Vec3, color: '#e8e0c8' })),
    [],
  );
  return (
    <>
      <MergedMesh parts={parts} material={artMat} />
      <MergedMesh parts={tape} material={matteVC} />
    </>
  );
}

const jarGlass = new MeshStandardMaterial({ color: '#eef6f4', roughness: 0.05, metalness: 0.1, transparent: true, opacity: 0.3, depthWrite: false, envMapIntensity: 2.5 });

/** A glass jar of buds on the wall shelf (level 1). */
function BudJar() {
  const parts = useMemo(() => {
    const x = 0.62;
    const y = 1.75;
    const z = ROOM.z0 + 0.13;
    const buds: Part[] = [];
    const rnd = seededRandom(4);
    for (let i = 0; i < 12; i++) budCluster(buds, x + (rnd() - 0.5) * 0.06, y + 0.02 + rnd() * 0.09, z + (rnd() - 0.5) * 0.05, 1.3, 40 + i);
    const lid: Part[] = [{ geometry: CYL, position: [x, y + 0.17, z], scale: [0.05, 0.025, 0.05], color: '#1e1e1e' }];
    const glass: Part[] = [{ geometry: new LatheGeometry(v2([[0, 0], [0.055, 0], [0.058, 0.01], [0.058, 0.14], [0.05, 0.155], [0.049, 0.16]]), 18), position: [x, y, z] }];
    return { buds, lid, glass };
  }, []);
  return (
    <>
      <MergedMesh parts={parts.buds} material={matteVC} />
      <MergedMesh parts={parts.lid} material={satinVC} />
      <MergedMesh parts={parts.glass} material={jarGlass} renderOrder={3} />
    </>
  );
}

const trayPrintMat = new MeshStandardMaterial({ map: artTex, roughness: 0.35, metalness: 0.4 });

/** A printed metal rolling tray with buds, ground herb and a pulled paper; origin at its centre. */
function trayParts(seed: number) {
  const print: Part[] = [{ geometry: BOX, position: [0, 0.003, 0], scale: [0.27, 0.006, 0.17], uvRect: uvOf(R_TRAY) }];
  const metal: Part[] = [
    { geometry: BOX, position: [0, 0.01, -0.085], scale: [0.27, 0.014, 0.004], color: '#6a4ab0' },
    { geometry: BOX, position: [0, 0.01, 0.085], scale: [0.27, 0.014, 0.004], color: '#6a4ab0' },
    { geometry: BOX, position: [-0.135, 0.01, 0], scale: [0.004, 0.014, 0.17], color: '#6a4ab0' },
    { geometry: BOX, position: [0.135, 0.01, 0], scale: [0.004, 0.014, 0.17], color: '#6a4ab0' },
  ];
  const herb: Part[] = [];
  const rnd = seededRandom(seed);
  for (let i = 0; i < 5; i++) budCluster(herb, -0.08 + rnd() * 0.07, 0.007, -0.04 + rnd() * 0.06, 1.25, seed * 10 + i);
  // a little heap of ground herb and a paper with a line of it
  for (let i = 0; i < 40; i++) {
    const a = rnd() * Math.PI * 2;
    const r = Math.sqrt(rnd()) * 0.03;
    herb.push({ geometry: SPHERE_LO, position: [0.06 + Math.cos(a) * r, 0.008 + (0.03 - r) * 0.25, 0.02 + Math.sin(a) * r * 0.8], scale: [0.005, 0.003, 0.005], color: rnd() < 0.5 ? '#5f7a35' : '#718c42' });
  }
  const paper: Part[] = [{ geometry: BOX, position: [0.04, 0.0075, -0.045], rotation: [0, 0.1, 0], scale: [0.105, 0.001, 0.044], color: '#f7f4ee' }];
  for (let i = 0; i < 10; i++) herb.push({ geometry: SPHERE_LO, position: [0.0 + i * 0.008, 0.009, -0.045 + i * 0.0008], scale: [0.005, 0.002, 0.004], color: '#5f7a35' });
  return { print, metal, herb, paper };
}

function Tray({ seed, position, rotation }: { seed: number; position?: Vec3; rotation?: Vec3 }) {
  const p = useMemo(() => trayParts(seed), [seed]);
  return (
    <group position={position} rotation={rotation}>
      <MergedMesh parts={p.print} material={trayPrintMat} />
      <MergedMesh parts={[...p.metal, ...p.paper]} material={satinVC} />
      <MergedMesh parts={p.herb} material={matteVC} />
    </group>
  );
}

function Papers({ position, rotationY = 0 }: { position: Vec3; rotationY?: number }) {
  const parts = useMemo<Part[]>(
    () => [
      { geometry: BOX, position: [0, 0.004, 0], scale: [0.11, 0.008, 0.045], color: '#c9762a' },
      { geometry: BOX, position: [0, 0.0085, 0], scale: [0.095, 0.001, 0.032], color: '#f6ead2' },
      { geometry: BOX, position: [0.008, 0.009, 0], scale: [0.05, 0.001, 0.01], color: '#c9762a' },
    ],
    [],
  );
  return (
    <group position={position} rotation={[0, rotationY, 0]}>
      <MergedMesh parts={parts} material={matteVC} />
    </group>
  );
}

function GrinderAt({ at, colour }: { at: Vec3; colour: string }) {
  const g = useMemo(() => grinderParts(at[0], at[1], at[2], colour), [at, colour]);
  return (
    <>
      <MergedMesh parts={g.metal} material={metalVC} />
      <MergedMesh parts={g.herb} material={matteVC} />
    </>
  );
}

// ------------------------------------------------------------------------------------------------------------
// Bong
// ------------------------------------------------------------------------------------------------------------

const BONG_H = 0.326;
const BONG_OUTER = new LatheGeometry(
  v2([
    [0, 0.002],
    [0.056, 0.002],
    [0.06, 0.01],
    [0.058, 0.05],
    [0.046, 0.085],
    [0.027, 0.115],
    [0.022, 0.13],
    [0.022, 0.31],
    [0.027, 0.322],
    [0.026, BONG_H],
  ]),
  20,
);
const BONG_WATER = new LatheGeometry(
  v2([
    [0, 0.008],
    [0.053, 0.008],
    [0.055, 0.045],
    [0, 0.045],
  ]),
  18,
);
const BONG_SMOKE = new LatheGeometry(
  v2([
    [0, 0],
    [0.05, 0],
    [0.052, 0.04],
    [0.04, 0.075],
    [0.02, 0.1],
    [0.018, 0.27],
    [0, 0.27],
  ]),
  14,
).translate(0, 0.045, 0);
/** Where the bowl sits on the bong's +x side (local), and the bong's neck (where a hand holds it). */
const BOWL_AT = new Vector3(0.07, 0.118, 0);
const NECK_AT = new Vector3(-0.03, 0.2, 0);

export interface BongHandle {
  /** fill 0..1 (milky smoke in the chamber), bubbles 0..1, glow 0..1 (the bowl), time for the bubbles. */
  set(fill: number, bubbles: number, glow: number, time: number): void;
}

function Bong({ tint, accent, ref }: { tint: string; accent: string; ref?: Ref<BongHandle | null> }) {
  const mats = useMemo(
    () => ({
      glass: new MeshStandardMaterial({ color: tint, roughness: 0.04, metalness: 0.15, transparent: true, opacity: 0.5, depthWrite: false, envMapIntensity: 2.5 }),
      water: new MeshStandardMaterial({ color: '#5fb3aa', roughness: 0.1, transparent: true, opacity: 0.55, depthWrite: false, emissive: '#0c2a28' }),
      smoke: new MeshBasicMaterial({ color: '#e9e6e0', transparent: true, opacity: 0, depthWrite: false }),
      halo: new SpriteMaterial({ map: glowHalo.map, color: '#ff7a2a', transparent: true, opacity: 0.9, depthWrite: false, blending: AdditiveBlending, toneMapped: false }),
    }),
    [tint],
  );
  const parts = useMemo(() => {
    const satin: Part[] = [
      { geometry: TORUS, position: [0, 0.004, 0], rotation: [Math.PI / 2, 0, 0], scale: [0.058, 0.058, 0.06], color: accent },
      { geometry: TORUS, position: [0, 0.13, 0], rotation: [Math.PI / 2, 0, 0], scale: [0.023, 0.023, 0.05], color: accent },
      { geometry: TORUS, position: [0, 0.318, 0], rotation: [Math.PI / 2, 0, 0], scale: [0.027, 0.027, 0.05], color: accent },
      // downstem from the side of the beaker into the water
      { geometry: CYL_LO, position: [0.04, 0.072, 0], rotation: [0, 0, 0.85], scale: [0.006, 0.09, 0.006], color: '#c9d8da' },
      // bowl
      { geometry: new LatheGeometry(v2([[0.004, 0], [0.008, 0.004], [0.016, 0.02], [0.017, 0.024]]), 12), position: [0.066, 0.098, 0], rotation: [0, 0, -0.5], color: accent },
    ];
    const herb: Part[] = [{ geometry: CYL, position: [0.072, 0.118, 0], rotation: [0, 0, -0.5], scale: [0.013, 0.004, 0.013], color: '#6d8a3a' }];
    return { satin, herb };
  }, [accent]);
  const smoke = useRef<Mesh>(null);
  const bubbles = useRef<Group>(null);
  const halo = useRef<Sprite>(null);
  const ember = useRef<Mesh>(null);
  useImperativeHandle(
    ref,
    () => ({
      set(fill, bub, glow, time) {
        const s = smoke.current;
        if (s) {
          s.visible = fill > 0.01;
          s.scale.set(1, Math.max(0.02, fill), 1);
          (s.material as MeshBasicMaterial).opacity = 0.75 * Math.min(1, fill * 1.5);
        }
        const bg = bubbles.current;
        if (bg) {
          bg.visible = bub > 0.01;
          bg.children.forEach((c, i) => {
            const k = (time * (2.5 + (i % 3) * 0.6) + i * 0.37) % 1;
            c.position.set(Math.cos(i * 2.1) * 0.02 + 0.01, 0.012 + k * 0.03, Math.sin(i * 2.1) * 0.02);
            c.scale.setScalar(0.003 + 0.003 * (1 - k));
          });
        }
        if (halo.current) {
          halo.current.visible = glow > 0.01;
          const k = 0.03 + 0.05 * glow;
          halo.current.scale.set(k, k, k);
        }
        if (ember.current) ember.current.visible = glow > 0.01;
      },
    }),
    [],
  );
  return (
    <>
      <MergedMesh parts={parts.satin} material={satinVC} />
      <MergedMesh parts={parts.herb} material={matteVC} />
      <mesh ref={ember} position={[0.073, 0.121, 0]} rotation={[0, 0, -0.5]} scale={[0.011, 0.002, 0.011]} material={glowVC} visible={false}>
        <cylinderGeometry args={[1, 1, 1, 10]} />
      </mesh>
      <sprite ref={halo} material={mats.halo} position={[0.074, 0.125, 0]} visible={false} renderOrder={8} />
      <group ref={bubbles} visible={false}>
        {[0, 1, 2, 3, 4, 5].map((i) => (
          <mesh key={i} geometry={SPHERE_LO} material={mats.water} />
        ))}
      </group>
      <mesh geometry={BONG_WATER} material={mats.water} renderOrder={2} />
      <mesh ref={smoke} geometry={BONG_SMOKE} material={mats.smoke} renderOrder={3} visible={false} />
      <mesh geometry={BONG_OUTER} material={mats.glass} renderOrder={4} />
    </>
  );
}

// ------------------------------------------------------------------------------------------------------------
// The roommate and his choreography
// ------------------------------------------------------------------------------------------------------------

const LOOK_R = { seated: true, seatHeight: 0.48, skin: '#a8764f', shirt: '#5e6f5c', pants: '#2a2f3a', hair: '#241a12', hairStyle: 'curly' as const, shoes: '#e8e8e8' };
/** At his desk (levels 0–3), his chair turned toward the patient. */
const DESK_SPOT = { x: 1.75, z: -2.0, yaw: -0.72 };
/** Rolled over to the coffee table (level 4), facing the patient. */
const NEAR_SPOT = { x: 1.05, z: -0.72, yaw: -0.9 };
const DESK_BONG = new Vector3(2.45, DESK.h, -1.72);
const DESK_LIGHTER = new Vector3(2.5, DESK.h, -1.55);
const TABLE_BONG = new Vector3(0.28, TOP, -0.82);
const TABLE_LIGHTER = new Vector3(0.46, TOP, -0.64);
/** Where the roommate's hand holds the bong out to the patient (its neck), ~0.65 m from their eyes. */
const OFFER_NECK = new Vector3(0.36, 0.9, -0.5);

const scratchArm = { hand: new Vector3(), pole: new Vector3() };
const tv = new Vector3();
const bm = new Matrix4();
const bx = new Vector3();
const by = new Vector3();
const bz = new Vector3();

/** A bong's pose in the scene: origin (bottom centre), up axis, and the side its bowl faces. */
interface BongPose {
  origin: Vector3;
  up: Vector3;
  bowl: Vector3;
}
function placeBong(g: Group, p: BongPose) {
  by.copy(p.up).normalize();
  bx.copy(p.bowl).addScaledVector(by, -p.bowl.dot(by)).normalize();
  bz.crossVectors(bx, by);
  bm.makeBasis(bx, by, bz).setPosition(p.origin);
  g.matrix.copy(bm);
  g.matrixWorldNeedsUpdate = true;
}
function bongPoint(p: BongPose, local: Vector3, out: Vector3): Vector3 {
  by.copy(p.up).normalize();
  bx.copy(p.bowl).addScaledVector(by, -p.bowl.dot(by)).normalize();
  bz.crossVectors(bx, by);
  return out.copy(p.origin).addScaledVector(bx, local.x).addScaledVector(by, local.y).addScaledVector(bz, local.z);
}
function lerpBong(keys: [number, BongPose][], t: number): BongPose {
  const first = keys[0]!;
  if (t <= first[0]) return { origin: first[1].origin.clone(), up: first[1].up.clone(), bowl: first[1].bowl.clone() };
  for (let i = 1; i < keys.length; i++) {
    const [tb, b] = keys[i]!;
    if (t < tb) {
      const [ta, a] = keys[i - 1]!;
      const k = smooth((t - ta) / (tb - ta));
      return { origin: a.origin.clone().lerp(b.origin, k), up: a.up.clone().lerp(b.up, k).normalize(), bowl: a.bowl.clone().lerp(b.bowl, k).normalize() };
    }
  }
  const last = keys[keys.length - 1]![1];
  return { origin: last.origin.clone(), up: last.up.clone(), bowl: last.bowl.clone() };
}
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

interface HitResult {
  bong: BongPose;
  lighterInHand: boolean;
  flame: number;
  fill: number;
  bubbles: number;
  glow: number;
  exhaleAt: number;
}

/**
 * A bong hit in `dur` = 8 s (scaled for shorter events): reach, lift the mouthpiece to the lips, light the bowl
 * and draw (the chamber fills, the water bubbles), clear it, put it down, exhale away from the patient.
 * `bongSide` is the hand on the neck; the other hand works the lighter.
 */
function bongHit(R: RigHandle, pose: RigPose, t: number, bongSide: number, rest: BongPose, lighterRest: Vector3, reachLean: number): HitResult {
  const lightSide = -bongSide;
  pose.lean = 0.06 + reachLean * (hold(t, 0, 0.9, 1.0, 1.9) + hold(t, 4.6, 5.3, 5.5, 6.2)) + 0.18 * hold(t, 1.6, 2.0, 4.3, 4.7);
  pose.headPitch = 0.3 * (hold(t, 0.1, 0.8, 1.0, 1.7) + hold(t, 4.7, 5.3, 5.4, 6.0)) + 0.12 * hold(t, 2.0, 2.3, 4.2, 4.4) - 0.18 * hold(t, 4.4, 4.7, 5.0, 5.3) - 0.2 * hold(t, 5.3, 5.6, 7.0, 7.6);
  pose.headYaw = -bongSide * 0.0 + 0.55 * bongSide * -1 * hold(t, 5.4, 5.8, 7.0, 7.6);
  pose.twist = 0.15 * bongSide * hold(t, 0, 0.9, 1.0, 1.9);
  const mouth = R.toParent(R.frame.mouth(pose, tv), new Vector3());
  const fwd = toWorldDir(R, new Vector3(0, 0, 1), new Vector3());
  const up = new Vector3(0, 1, 0).multiplyScalar(Math.cos(0.42)).addScaledVector(fwd, -Math.sin(0.42)).normalize();
  const bowlSide = toWorldDir(R, new Vector3(lightSide, 0, 0.5).normalize(), new Vector3());
  const atMouth: BongPose = { origin: mouth.clone().addScaledVector(fwd, 0.012).addScaledVector(up, -BONG_H + 0.004), up, bowl: bowlSide };
  const bong = lerpBong(
    [
      [1.0, rest],
      [2.0, atMouth],
      [4.5, atMouth],
      [5.4, rest],
    ],
    t,
  );
  const neck = bongPoint(bong, NECK_AT, new Vector3());
  const neckRest = bongPoint(rest, NECK_AT, new Vector3());
  const restB = R.toParent(R.frame.rest(bongSide, scratchArm).hand, new Vector3());
  const restL = R.toParent(R.frame.rest(lightSide, scratchArm).hand, new Vector3());
  const bongHandW = t < 1.0 ? pathV(t, [[0, restB], [1.0, neckRest]]) : t < 5.4 ? neck : pathV(t, [[5.4, neckRest], [6.2, restB]]);
  const bowl = bongPoint(bong, BOWL_AT, new Vector3());
  const lighterGrip = lighterRest.clone().addScaledVector(UP, 0.045);
  const underBowl = bowl.clone().addScaledVector(UP, -0.11).addScaledVector(bowlSide, 0.01);
  const lightHandW = pathV(t, [
    [0, restL],
    [1.0, lighterGrip],
    [1.1, lighterGrip],
    [2.0, underBowl],
    [4.1, underBowl],
    [5.1, lighterGrip],
    [5.2, lighterGrip],
    [6.0, restL],
  ]);
  const arm = (side: number) => (side === RIGHT ? pose.right : pose.left);
  R.toLocal(bongHandW, arm(bongSide).hand);
  arm(bongSide).pole.set(bongSide * 0.5, -1, 0.1);
  R.toLocal(lightHandW, arm(lightSide).hand);
  arm(lightSide).pole.set(lightSide * 0.5, -1, 0.1);
  return {
    bong,
    lighterInHand: t > 1.05 && t < 5.15,
    flame: hold(t, 2.05, 2.15, 3.9, 4.0),
    fill: track(t, [
      [2.15, 0],
      [4.1, 1],
      [4.35, 1],
      [4.65, 0],
    ]),
    bubbles: hold(t, 2.2, 2.3, 4.1, 4.2) + hold(t, 4.3, 4.35, 4.5, 4.6),
    glow: hold(t, 2.2, 2.6, 4.0, 4.6),
    exhaleAt: 5.5,
  };
}

const LAP = new Vector3(0, 0.62, 0.3);

function Roommate() {
  const level = useSceneLevel();
  const rig = useRef<RigHandle>(null);
  const follow = useRef<Group>(null);
  const phone = useRef<Group>(null);
  const smoke = useRef<SmokeHandle>(null);
  const deskBong = useRef<Group>(null);
  const deskBongH = useRef<BongHandle>(null);
  const tableBong = useRef<Group>(null);
  const tableBongH = useRef<BongHandle>(null);
  const deskLighter = useRef<Group>(null);
  const deskLighterH = useRef<LighterHandle>(null);
  const tableLighter = useRef<Group>(null);
  const tableLighterH = useRef<LighterHandle>(null);
  const rolling = useRef<Group>(null);
  const lapJoint = useRef<Group>(null);
  const door = useRef<Group>(null);

  const rolls = useSegment('roommate-rolls');
  const hit = useSegment('roommate-bong');
  const offered = useSegment('bong-offered');
  const bubbleEv = useSceneEvent('bong-bubbling');
  const knockEv = useSceneEvent('knock-on-door');
  const sound = {
    deskBong: useRef<SoundHandle>(null),
    tableBong: useRef<SoundHandle>(null),
    deskLighter: useRef<SoundHandle>(null),
    tableLighter: useRef<SoundHandle>(null),
  };

  const st = useMemo(
    () => ({
      pose: makePose(),
      sm: new PoseSmoother(),
      glide: level >= 4 ? 1 : 0,
      phoneShow: 1,
      rolledOnce: false,
      // the lighter clicks on the frame its flame appears, at the bong in use
      click: risingEdge(() => (st.glide > 0.5 ? sound.tableLighter : sound.deskLighter).current?.play()),
    }),
    [],
  );

  useFrame((state, dt) => {
    const R = rig.current;
    const S = smoke.current;
    if (!R || !S) return;
    const time = state.clock.elapsedTime;
    S.begin();

    // Level 4: the roommate rolls his chair over to the coffee table (and back when the level drops).
    st.glide = Math.max(0, Math.min(1, st.glide + (level >= 4 ? 1 : -1) * Math.min(dt, 0.1) / 2.6));
    const g = smooth(st.glide);
    const root = R.root;
    if (root) {
      root.position.set(DESK_SPOT.x + (NEAR_SPOT.x - DESK_SPOT.x) * g, 0, DESK_SPOT.z + (NEAR_SPOT.z - DESK_SPOT.z) * g);
      root.rotation.y = DESK_SPOT.yaw + (NEAR_SPOT.yaw - DESK_SPOT.yaw) * g + 0.25 * Math.sin(Math.PI * g);
      root.updateMatrix();
      if (follow.current) {
        follow.current.matrix.copy(root.matrix);
        follow.current.matrixWorldNeedsUpdate = true;
      }
    }

    const p = R.frame.restPose(st.pose);
    // idle: on his phone, glancing up at the patient now and then
    const glance = hold(time % 12, 4, 4.5, 6.5, 7.0);
    p.headPitch = 0.42 * (1 - glance);
    p.lean = 0.08 + 0.01 * Math.sin(time * 1.3);
    const phoneAt = R.toParent(tv.set(0, 0.86, 0.3), new Vector3());
    R.toLocal(phoneAt.clone().add(toWorldDir(R, new Vector3(-0.045, -0.01, -0.01), new Vector3())), p.right.hand);
    R.toLocal(phoneAt.clone().add(toWorldDir(R, new Vector3(0.045, -0.01, -0.01), new Vector3())), p.left.hand);
    p.right.pole.set(-0.6, -1, -0.2);
    p.left.pole.set(0.6, -1, -0.2);
    let phoneTarget = 1;

    const near = st.glide > 0.5;
    const restDesk: BongPose = { origin: DESK_BONG, up: UP, bowl: new Vector3(-0.6, 0, 0.8).normalize() };
    const restTable: BongPose = { origin: TABLE_BONG, up: UP, bowl: new Vector3(0.3, 0, 0.95).normalize() };
    let deskState: BongPose = restDesk;
    let tableState: BongPose = restTable;
    let deskFx = { fill: 0, bubbles: 0, glow: 0 };
    let tableFx = { fill: 0, bubbles: 0, glow: 0 };
    let deskLighterHand = false;
    let tableLighterHand = false;
    let flame = 0;
    let exhale: { t: number; at: number; fade: number } | null = null;
    let rollK = -1;

    const rp = rolls();
    const hp = hit();
    const op = offered();
    const be = bubbleEv();
    const ke = knockEv();
    // a bong hit: the scheduled segment, or the clinician's event (compressed to its 5 s) when nothing else runs
    const hitT = hp.active ? hp.progress * 8 : be.active && !op.active && !rp.active && level >= 3 ? be.progress * 8 : -1;
    const hitDur = hp.active ? 8 : 5;

    if (hitT >= 0) {
      phoneTarget = 0;
      const atTable = near;
      // at the desk the bong is on his left; at the table on his right
      const r = bongHit(R, p, hitT, atTable ? RIGHT : LEFT, atTable ? restTable : restDesk, atTable ? TABLE_LIGHTER : DESK_LIGHTER, atTable ? 0.45 : 0.1);
      if (atTable) {
        tableState = r.bong;
        tableFx = r;
        tableLighterHand = r.lighterInHand;
      } else {
        deskState = r.bong;
        deskFx = r;
        deskLighterHand = r.lighterInHand;
      }
      flame = r.flame;
      exhale = { t: hitT, at: r.exhaleAt, fade: Math.min(1, ((8 - hitT) * hitDur) / 8 / 0.7) };
    } else if (op.active) {
      // holds the bong out to the patient, then puts it back
      phoneTarget = 0;
      const t = op.progress * 8;
      const lean = 0.06 + 0.4 * hold(t, 0, 0.9, 1.1, 2.0) + 0.25 * hold(t, 1.6, 2.4, 5.8, 6.6) + 0.4 * hold(t, 6.0, 6.8, 7.0, 7.8);
      p.lean = lean;
      p.headPitch = 0.25 * hold(t, 0.1, 0.8, 1.1, 1.8) + 0.25 * hold(t, 6.0, 6.7, 7.0, 7.6);
      p.headYaw = 0.1 * hold(t, 2, 2.5, 5.5, 6);
      const fwdToPatient = EYE.clone().sub(OFFER_NECK).setY(0).normalize();
      const offerPose: BongPose = { origin: OFFER_NECK.clone().addScaledVector(UP, -NECK_AT.y).addScaledVector(fwdToPatient, -0.01), up: UP.clone().addScaledVector(fwdToPatient, 0.12).normalize(), bowl: new Vector3(-0.7, 0, -0.7).normalize() };
      tableState = lerpBong(
        [
          [1.1, restTable],
          [2.4, offerPose],
          [5.8, offerPose],
          [7.0, restTable],
        ],
        t,
      );
      const neck = bongPoint(tableState, NECK_AT, new Vector3());
      const neckRest = bongPoint(restTable, NECK_AT, new Vector3());
      const restR = R.toParent(R.frame.rest(RIGHT, scratchArm).hand, new Vector3());
      const restLft = R.toParent(R.frame.rest(LEFT, scratchArm).hand, new Vector3());
      const handR = t < 1.1 ? pathV(t, [[0, restR], [1.1, neckRest]]) : t < 7.0 ? neck : pathV(t, [[7.0, neckRest], [7.8, restR]]);
      const base = tableState.origin.clone().addScaledVector(UP, -0.03);
      const handL = pathV(t, [
        [0, restLft],
        [1.4, restLft],
        [2.4, base],
        [5.8, base],
        [6.6, restLft],
      ]);
      R.toLocal(handR, p.right.hand);
      R.toLocal(handL, p.left.hand);
      p.right.pole.set(-0.5, -1, 0);
      p.left.pole.set(0.5, -1, 0);
      tableFx = { fill: 0, bubbles: 0, glow: 0.15 * hold(t, 0, 0.5, 6, 7) };
    } else if (rp.active) {
      // rolls a joint on the lap tray: a paper, a pinch of herb, rolling, licking the edge, a twist
      phoneTarget = 0;
      const t = rp.progress * 10;
      rollK = t;
      const tray = R.toParent(LAP, new Vector3());
      const side = toWorldDir(R, new Vector3(1, 0, 0), new Vector3());
      const fwd = toWorldDir(R, new Vector3(0, 0, 1), new Vector3());
      const mouth = R.toParent(R.frame.mouth(p, tv), new Vector3());
      const centre = tray.clone().addScaledVector(UP, 0.06).addScaledVector(fwd, 0.02);
      const rollUp = pathV(t, [
        [0, centre],
        [5.5, centre],
        [6.2, mouth.clone().addScaledVector(fwd, 0.05).addScaledVector(UP, -0.03)],
        [6.8, mouth.clone().addScaledVector(fwd, 0.05).addScaledVector(UP, -0.03)],
        [7.4, centre.clone().addScaledVector(UP, 0.12)],
        [8.6, centre.clone().addScaledVector(UP, 0.12)],
        [9.3, tray.clone().addScaledVector(UP, 0.04)],
      ]);
      const wiggle = 0.012 * Math.sin(t * 11) * hold(t, 2.0, 2.3, 5.2, 5.5);
      const pinch = 0.015 * Math.sin(t * 7) * hold(t, 0.8, 1.0, 1.8, 2.0);
      const hr = rollUp.clone().addScaledVector(side, -0.05).addScaledVector(UP, wiggle + pinch);
      const hl = rollUp.clone().addScaledVector(side, 0.05).addScaledVector(UP, -wiggle);
      R.toLocal(hr, p.right.hand);
      R.toLocal(hl, p.left.hand);
      p.right.pole.set(-0.7, -1, -0.3);
      p.left.pole.set(0.7, -1, -0.3);
      p.headPitch = 0.5 * (1 - hold(t, 5.6, 6.0, 6.7, 7.0)) + 0.1 * hold(t, 5.6, 6.0, 6.7, 7.0);
      p.lean = 0.14;
      if (t > 9.3) st.rolledOnce = true;
    } else if (ke.active) {
      // a knock: he looks toward the door
      const t = ke.progress * 3;
      p.headYaw = 0.9 * hold(t, 0.3, 0.8, 2.4, 3);
      p.headPitch *= 1 - hold(t, 0.3, 0.8, 2.4, 3);
    }
    R.apply(st.sm.step(p, dt));

    // phone in both hands when idle
    st.phoneShow += Math.sign(phoneTarget - st.phoneShow) * Math.min(Math.abs(phoneTarget - st.phoneShow), Math.min(dt, 0.1) / 0.35);
    const ph = phone.current;
    if (ph) {
      ph.visible = st.phoneShow > 0.01;
      const mid = R.toParent(R.hand(RIGHT), new Vector3()).add(R.toParent(R.hand(LEFT), new Vector3())).multiplyScalar(0.5);
      const toFace = R.toParent(R.frame.headPoint(st.sm.pose, 0, 0.12, 0.1, tv), new Vector3()).sub(mid).normalize();
      ph.matrix.compose(mid.addScaledVector(UP, 0.015), new Quaternion().setFromUnitVectors(new Vector3(0, 0, 1), toFace), new Vector3().setScalar(st.phoneShow));
      ph.matrixWorldNeedsUpdate = true;
    }

    // bongs and lighters
    if (deskBong.current) placeBong(deskBong.current, deskState);
    deskBongH.current?.set(deskFx.fill, deskFx.bubbles, deskFx.glow, time);
    if (tableBong.current) placeBong(tableBong.current, tableState);
    tableBongH.current?.set(tableFx.fill, tableFx.bubbles, tableFx.glow, time);
    const lighterFrom = (side: number) => R.toParent(R.hand(side), new Vector3()).addScaledVector(UP, -0.045);
    if (deskLighter.current) deskLighter.current.position.copy(deskLighterHand ? lighterFrom(RIGHT) : DESK_LIGHTER);
    deskLighterH.current?.setFlame(deskLighterHand ? flame : 0, time);
    if (tableLighter.current) tableLighter.current.position.copy(tableLighterHand ? lighterFrom(LEFT) : TABLE_LIGHTER);
    tableLighterH.current?.setFlame(tableLighterHand ? flame : 0, time);
    st.click(flame > 0.02);
    sound.deskBong.current?.hold(deskFx.bubbles > 0);
    sound.tableBong.current?.hold(tableFx.bubbles > 0);

    // the joint being rolled, and the finished one on the lap tray
    const rj = rolling.current;
    if (rj) {
      rj.visible = rollK > 0.9 && rollK < 9.3;
      if (rj.visible) {
        const dir = toWorldDir(R, new Vector3(1, 0, 0.15).normalize(), new Vector3());
        const mid = R.toParent(R.hand(RIGHT), new Vector3()).add(R.toParent(R.hand(LEFT), new Vector3())).multiplyScalar(0.5);
        const grow = 0.55 + 0.45 * smooth((rollK - 1.5) / 4);
        carry(rj, mid.addScaledVector(dir, -0.055 * 1.3).addScaledVector(UP, 0.02), dir, 1.3 * grow);
      }
    }
    if (lapJoint.current) lapJoint.current.visible = st.rolledOnce;

    // smoke: exhaled away from the patient after the hit; a wisp from the bowl while it burns
    if (exhale) {
      const mouth = R.toParent(R.frame.mouth(st.sm.pose, tv), new Vector3());
      const side = hitT >= 0 && near ? 1 : -1;
      plume(S, exhale.t, exhale.at, mouth, toWorldDir(R, new Vector3(0.65 * side, 0.45, 0.55).normalize(), new Vector3()), { fade: exhale.fade, seed: 7, n: 22, spread: 2.0, life: 3.0, speed: 1.1, rise: 0.12, size0: 0.06, size1: 0.7, alpha: 0.62 });
    }
    S.end(state.camera);

    // the door rattles with the knocks
    const d = door.current;
    if (d) {
      const k = ke.active ? ke.progress * 3 : -1;
      const rattle = k >= 0 ? [0, 0.22, 0.44].reduce((acc, t0) => acc + Math.max(0, 1 - Math.abs(k - t0) / 0.08), 0) : 0;
      d.rotation.y = -0.006 * rattle;
      d.position.x = ROOM.x0 + 0.004 * rattle;
    }
  });

  const chair = useMemo<Part[]>(() => {
    const c: Part[] = [];
    const red = '#b8242c';
    const black = '#1b1b1f';
    c.push({ geometry: BOX, position: [0, 0.44, 0.06], scale: [0.5, 0.08, 0.48], color: black });
    c.push({ geometry: BOX, position: [0, 0.481, 0.06], scale: [0.3, 0.004, 0.44], color: red });
    c.push({ geometry: BOX, position: [0, 0.86, -0.2], rotation: [-0.12, 0, 0], scale: [0.5, 0.74, 0.08], color: black });
    c.push({ geometry: BOX, position: [0, 0.86, -0.155], rotation: [-0.12, 0, 0], scale: [0.22, 0.7, 0.01], color: red });
    c.push({ geometry: BOX, position: [0, 1.19, -0.16], rotation: [-0.12, 0, 0], scale: [0.28, 0.1, 0.06], color: black });
    for (const s of [-1, 1]) {
      c.push({ geometry: BOX, position: [s * 0.27, 0.62, 0.08], scale: [0.05, 0.03, 0.3], color: black });
      c.push({ geometry: BOX, position: [s * 0.27, 0.54, 0.08], scale: [0.03, 0.16, 0.03], color: black });
    }
    c.push({ geometry: CYL_LO, position: [0, 0.24, 0.06], scale: [0.025, 0.36, 0.025], color: '#333' });
    for (let i = 0; i < 5; i++) {
      const a = (i / 5) * Math.PI * 2;
      c.push({ geometry: BOX, position: [Math.cos(a) * 0.15, 0.07, 0.06 + Math.sin(a) * 0.15], rotation: [0, -a, 0], scale: [0.3, 0.03, 0.04], color: black });
      c.push({ geometry: SPHERE_LO, position: [Math.cos(a) * 0.29, 0.03, 0.06 + Math.sin(a) * 0.29], scale: 0.03, color: '#111' });
    }
    return c;
  }, []);
  const shadow = useMemo<Part[]>(() => [{ geometry: FLOOR_PLANE, position: [0, 0.006, 0.1], scale: [0.9, 1, 0.9] }], []);
  const phoneParts = useMemo<Part[]>(() => [{ geometry: BOX, position: [0, 0, -0.005], scale: [0.075, 0.155, 0.009], color: '#141416' }], []);
  const phoneScreen = useMemo<Part[]>(() => [{ geometry: PLANE, position: [0, 0, 0.0002], scale: [0.068, 0.145, 1], color: '#6a9cff' }], []);

  return (
    <>
      <RoomSet door={door} />
      <SpatialSound id="bong-bubbles" sound="bong" position={[DESK_BONG.x, DESK_BONG.y + 0.2, DESK_BONG.z]} minLevel={3} volume={0.45} held ref={sound.deskBong} />
      <SpatialSound id="bong-bubbles-near" sound="bong" position={[TABLE_BONG.x, TABLE_BONG.y + 0.2, TABLE_BONG.z]} minLevel={4} volume={0.45} held ref={sound.tableBong} />
      <SpatialSound id="roommate-lighter" sound="lighter" position={[DESK_LIGHTER.x - 0.4, 1.0, DESK_LIGHTER.z]} minLevel={3} volume={0.45} ref={sound.deskLighter} />
      <SpatialSound id="roommate-lighter-near" sound="lighter" position={[TABLE_LIGHTER.x + 0.2, 0.8, TABLE_LIGHTER.z]} minLevel={4} volume={0.45} ref={sound.tableLighter} />
      <SpatialSound id="grinder" sound="grinder" position={[DESK_SPOT.x - 0.2, 0.8, DESK_SPOT.z + 0.3]} minLevel={3} volume={0.35} on={[{ segment: 'roommate-rolls', at: 0.05 }]} />
      <Rig ref={rig} look={LOOK_R} position={[DESK_SPOT.x, 0, DESK_SPOT.z]} yaw={DESK_SPOT.yaw} name="roommate" />
      <group ref={follow} matrixAutoUpdate={false}>
        <MergedMesh parts={chair} material={satinVC} />
        <MergedMesh parts={shadow} material={contactShadow} renderOrder={1} />
        <Cue id="roommate-stash" minLevel={3}>
          <group position={[LAP.x, LAP.y - 0.005, LAP.z]} rotation={[0.05, 0, 0]}>
            <Tray seed={9} />
            <Papers position={[-0.09, 0.0, 0.045]} rotationY={0.3} />
            <group ref={lapJoint} position={[0.02, 0.013, 0.05]} rotation={[0, 0.2, -Math.PI / 2]} scale={1.3} visible={false}>
              <Joint />
            </group>
          </group>
        </Cue>
      </group>
      <group ref={phone} matrixAutoUpdate={false}>
        <MergedMesh parts={phoneParts} material={satinVC} />
        <MergedMesh parts={phoneScreen} material={glowVC} />
      </group>
      <group ref={rolling} matrixAutoUpdate={false} visible={false}>
        <Joint />
      </group>
      <Smoke ref={smoke} max={120} color="#c9c6c2" opacity={0.75} />

      <Cue id="desk-bong" minLevel={3}>
        <group ref={deskBong} matrixAutoUpdate={false}>
          <Bong tint="#a8e0c0" accent="#2fa36a" ref={deskBongH} />
        </group>
        <group ref={deskLighter} position={[DESK_LIGHTER.x, DESK_LIGHTER.y, DESK_LIGHTER.z]}>
          <Lighter color="#e0a020" ref={deskLighterH} />
        </group>
        <GrinderAt at={[2.62, DESK.h, -1.62]} colour="#6a4ab0" />
      </Cue>
      <Cue id="bong" minLevel={2}>
        <group ref={tableBong} matrixAutoUpdate={false}>
          <Bong tint="#a9cde8" accent="#3a6ad0" ref={tableBongH} />
        </group>
      </Cue>
      <Cue id="bong-lighter" minLevel={4}>
        <group ref={tableLighter} position={[TABLE_LIGHTER.x, TABLE_LIGHTER.y, TABLE_LIGHTER.z]}>
          <Lighter color="#d23a2c" ref={tableLighterH} />
        </group>
      </Cue>
    </>
  );
}

function TableStash() {
  return (
    <>
      <Cue id="bud-tray" minLevel={2}>
        <Tray seed={3} position={[-0.12, TOP, -0.66]} rotation={[0, 0.12, 0]} />
      </Cue>
      <Cue id="grinder" minLevel={2}>
        <GrinderAt at={[0.12, TOP, -0.6]} colour="#c9ccd1" />
      </Cue>
      <Cue id="rolling-papers" minLevel={2}>
        <Papers position={[-0.42, TOP, -0.6]} rotationY={-0.35} />
      </Cue>
      <Cue id="rolled-joint" minLevel={4}>
        <group position={[0.22, TOP + 0.0066, -0.55]} rotation={[0, -0.4, -Math.PI / 2]}>
          <Joint />
        </group>
      </Cue>
    </>
  );
}

// ------------------------------------------------------------------------------------------------------------
// Scene
// ------------------------------------------------------------------------------------------------------------

/**
 * Shared flat at night, graded 0–4: the room, the roommate on his phone (0); a cannabis poster and a jar of
 * buds on the shelf (1); grinder, papers, a tray of buds and a bong on the coffee table (2); the roommate rolls
 * a joint on his lap tray and smokes his desk bong (3); he rolls his chair over, smokes the table bong and
 * holds it out to the patient (4).
 */
export function ParaphernaliaRoomScene({ personalisation }: SceneProps) {
  return (
    <>
      <SceneEnvironment intensity={0.3} background="#07080c" />
      <Stressor at={[-0.42, TOP, -0.62]} rotY={0.2} personalisation={personalisation ?? {}} />
      <RoomLights />
      <Cue id="leaf-poster" minLevel={1}>
        <LeafPoster />
      </Cue>
      <Cue id="bud-jar" minLevel={1}>
        <BudJar />
      </Cue>
      <TableStash />
      <Roommate />
      <SpatialSound id="room-tone" sound="room-tone" position={[0, 2, -1.5]} volume={0.18} refDistance={4} />
      {/* below level 3 nobody is at a bong to show it: the clinician's event is heard from the table */}
      <SpatialSound id="bong-bubbling" sound="bong" position={[TABLE_BONG.x, TABLE_BONG.y + 0.2, TABLE_BONG.z]} volume={[0.45, 0.45, 0.45, 0]} on={[{ event: 'bong-bubbling' }]} />
      <SpatialSound id="knock-on-door" sound="knock" position={[ROOM.x0 + 0.05, 1.3, (DOOR.z0 + DOOR.z1) / 2]} volume={0.6} refDistance={1.5} on={[{ event: 'knock-on-door' }]} />
    </>
  );
}
