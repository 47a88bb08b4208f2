import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo, useRef, type RefObject } from 'react';
import {
  AdditiveBlending,
  BufferAttribute,
  BufferGeometry,
  Color,
  ConeGeometry,
  CylinderGeometry,
  DoubleSide,
  DynamicDrawUsage,
  Euler,
  IcosahedronGeometry,
  InstancedMesh,
  Matrix4,
  MeshBasicMaterial,
  MeshStandardMaterial,
  PlaneGeometry,
  Quaternion,
  ShaderMaterial,
  SphereGeometry,
  Vector3,
  type Mesh,
} from 'three';
import { mergeGeometries, mergeVertices } from 'three/examples/jsm/utils/BufferGeometryUtils.js';
import { SpatialSound } from '../kit/audio/SpatialSound';
import { SceneEnvironment } from '../kit/Environment';
import { canvasTexture, contactShadow, glowVC, matteVC, metalVC, satinVC, seededRandom, woodVC, type Part } from '../kit/materials';
import { FinMaterial, SwayMaterial, swayTime, tickMaterials } from '../nature/sway';
import { blob, box, FLAT_PLANE, MergedMesh, UNIT_BOX, UNIT_PLANE } from '../stress-home/bits';

/*
 * Public aquarium: the neutral control scene. The patient sits on a bench in a dim hall (origin, facing -z) in
 * front of a large lit tank: glass from x -3.4 to 3.4, y 0.45 to 2.9, 2.6 m ahead. Inside: a sand floor with
 * moving caustics, rocks and corals, swaying kelp and sea grass, rising bubbles, light shafts from the surface,
 * and about sixty fish of five kinds swimming slow loops (one school). Jellyfish glow in two round windows on
 * the left wall; an information panel hangs on the right. Nothing relates to any substance; nobody else is there.
 */

const HALL = { x0: -4.2, x1: 4.2, z0: -2.6, z1: 3.2, h: 3.3 };
const WIN = { x0: -3.4, x1: 3.4, y0: 0.45, y1: 2.9 };
const TANK = { x0: -4.6, x1: 4.6, z0: -2.62, z1: -6.6, surface: 3.1 };
/** Swimming volume kept clear of the glass and the back. */
const SWIM = { x0: -3.3, x1: 3.3, y0: 0.7, y1: 2.7, z0: -2.95, z1: -6.0 };

function sandHeight(x: number, z: number) {
  const back = Math.max(0, -z - 2.6) / 4;
  return 0.3 + 0.45 * back * back + 0.05 * Math.sin(x * 1.3 + 0.4) + 0.03 * Math.sin(z * 2.1 + x * 0.7) + 0.02 * Math.sin(x * 3.7 - z * 1.3);
}

// ---------------------------------------------------------------------------------------------------------------
// Textures
// ---------------------------------------------------------------------------------------------------------------

function drawSand(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const rnd = seededRandom(101);
  ctx.fillStyle = '#cdbb94';
  ctx.fillRect(0, 0, w, h);
  for (let i = 0; i < 9000; i++) {
    const v = rnd();
    ctx.fillStyle = v < 0.5 ? `rgba(255,248,225,${0.1 + rnd() * 0.2})` : `rgba(110,90,60,${0.08 + rnd() * 0.15})`;
    ctx.fillRect(rnd() * w, rnd() * h, 1 + rnd() * 2, 1 + rnd() * 2);
  }
  // ripples
  ctx.strokeStyle = 'rgba(120,100,70,0.16)';
  ctx.lineWidth = 3;
  for (let y = 0; y < h; y += 22) {
    ctx.beginPath();
    for (let x = 0; x <= w; x += 8) {
      const yy = y + Math.sin((x / w) * Math.PI * 4 + y * 0.1) * 5;
      if (x === 0) ctx.moveTo(x, yy);
      else ctx.lineTo(x, yy);
    }
    ctx.stroke();
  }
}

/** Network of bright, wobbly cells like light focused by surface waves. Tileable. */
function drawCaustics(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const rnd = seededRandom(103);
  ctx.fillStyle = '#000';
  ctx.fillRect(0, 0, w, h);
  const pts: [number, number][] = [];
  for (let i = 0; i < 22; i++) pts.push([rnd() * w, rnd() * h]);
  const img = ctx.getImageData(0, 0, w, h);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      let d1 = 1e9;
      let d2 = 1e9;
      for (const [px, py] of pts) {
        for (const ox of [-w, 0, w]) {
          for (const oy of [-h, 0, h]) {
            const dx = x - px - ox;
            const dy = y - py - oy;
            const d = dx * dx + dy * dy;
            if (d < d1) {
              d2 = d1;
              d1 = d;
            } else if (d < d2) d2 = d;
          }
        }
      }
      const edge = Math.sqrt(d2) - Math.sqrt(d1);
      const v = Math.max(0, 1 - edge / 4) ** 2 * 255;
      const i = (y * w + x) * 4;
      img.data[i] = v;
      img.data[i + 1] = v;
      img.data[i + 2] = v;
      img.data[i + 3] = 255;
    }
  }
  ctx.putImageData(img, 0, 0);
}

/** The back of the tank: deep water with faint rock silhouettes. */
function drawDeep(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const g = ctx.createLinearGradient(0, 0, 0, h);
  g.addColorStop(0, '#2f8fb0');
  g.addColorStop(0.45, '#1b6a8f');
  g.addColorStop(1, '#0b3350');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, w, h);
  const rnd = seededRandom(107);
  for (let layer = 0; layer < 2; layer++) {
    ctx.fillStyle = layer ? 'rgba(10,50,75,0.55)' : 'rgba(20,75,100,0.45)';
    ctx.beginPath();
    ctx.moveTo(0, h);
    for (let x = 0; x <= w; x += 16) ctx.lineTo(x, h * (0.62 + layer * 0.1) - Math.abs(Math.sin(x * 0.013 + layer * 2)) * h * 0.18 - rnd() * 10);
    ctx.lineTo(w, h);
    ctx.fill();
  }
  // soft light from above
  const l = ctx.createRadialGradient(w * 0.5, -h * 0.2, 0, w * 0.5, -h * 0.2, h * 0.9);
  l.addColorStop(0, 'rgba(190,240,255,0.35)');
  l.addColorStop(1, 'rgba(190,240,255,0)');
  ctx.fillStyle = l;
  ctx.fillRect(0, 0, w, h);
}

function drawRay(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const g = ctx.createLinearGradient(0, 0, 0, h);
  g.addColorStop(0, 'rgba(255,255,255,0.9)');
  g.addColorStop(1, 'rgba(255,255,255,0)');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, w, h);
  const s = ctx.createLinearGradient(0, 0, w, 0);
  s.addColorStop(0, 'rgba(0,0,0,1)');
  s.addColorStop(0.5, 'rgba(0,0,0,0)');
  s.addColorStop(1, 'rgba(0,0,0,1)');
  ctx.globalCompositeOperation = 'destination-out';
  ctx.fillStyle = s;
  ctx.fillRect(0, 0, w, h);
  ctx.globalCompositeOperation = 'source-over';
}

function drawJelly(ctx: CanvasRenderingContext2D, w: number, h: number) {
  ctx.clearRect(0, 0, w, h);
  const bell = ctx.createRadialGradient(w / 2, h * 0.3, 2, w / 2, h * 0.3, w * 0.32);
  bell.addColorStop(0, 'rgba(255,220,255,0.95)');
  bell.addColorStop(0.6, 'rgba(220,160,255,0.55)');
  bell.addColorStop(1, 'rgba(200,140,255,0)');
  ctx.fillStyle = bell;
  ctx.beginPath();
  ctx.ellipse(w / 2, h * 0.3, w * 0.32, h * 0.2, 0, Math.PI, 0);
  ctx.fill();
  ctx.strokeStyle = 'rgba(230,190,255,0.5)';
  ctx.lineWidth = 2;
  for (let i = 0; i < 7; i++) {
    const x = w * (0.26 + i * 0.08);
    ctx.beginPath();
    ctx.moveTo(x, h * 0.3);
    for (let y = h * 0.3; y < h * 0.95; y += 6) ctx.lineTo(x + Math.sin(y * 0.07 + i) * 5, y);
    ctx.stroke();
  }
}

function drawPanel(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const g = ctx.createLinearGradient(0, 0, 0, h);
  g.addColorStop(0, '#0f3550');
  g.addColorStop(1, '#0a2334');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, w, h);
  ctx.fillStyle = '#e8f4fa';
  ctx.font = '700 40px sans-serif';
  ctx.fillText('Récif corallien', 36, 70);
  ctx.fillStyle = '#9fd0e6';
  ctx.font = '28px sans-serif';
  ctx.fillText('Coral reef', 36, 108);
  const fish = (x: number, y: number, s: number, body: string, stripe: string | null) => {
    ctx.fillStyle = body;
    ctx.beginPath();
    ctx.ellipse(x, y, s, s * 0.5, 0, 0, Math.PI * 2);
    ctx.fill();
    ctx.beginPath();
    ctx.moveTo(x - s * 0.9, y);
    ctx.lineTo(x - s * 1.5, y - s * 0.45);
    ctx.lineTo(x - s * 1.5, y + s * 0.45);
    ctx.fill();
    if (stripe) {
      ctx.fillStyle = stripe;
      ctx.fillRect(x - s * 0.1, y - s * 0.48, s * 0.18, s * 0.96);
    }
    ctx.fillStyle = '#0a1a26';
    ctx.beginPath();
    ctx.arc(x + s * 0.6, y - s * 0.1, s * 0.08, 0, Math.PI * 2);
    ctx.fill();
  };
  const rows: [string, string, string, string | null][] = [
    ['Chirurgien bleu', 'Blue tang', '#2f6fd0', null],
    ['Poisson-clown', 'Clownfish', '#f07a1e', '#ffffff'],
    ['Poisson-papillon', 'Butterflyfish', '#f2d23c', '#2a2a2a'],
    ['Mérou', 'Grouper', '#8b7a66', null],
  ];
  rows.forEach(([fr, en, c, st], i) => {
    const y = 180 + i * 92;
    fish(90, y, 36, c, st);
    ctx.fillStyle = '#e8f4fa';
    ctx.font = '600 28px sans-serif';
    ctx.fillText(fr, 160, y - 4);
    ctx.fillStyle = '#9fd0e6';
    ctx.font = '24px sans-serif';
    ctx.fillText(en, 160, y + 26);
  });
}

const sandTex = canvasTexture(512, 512, drawSand, true);
const causticTex = canvasTexture(128, 128, drawCaustics, true);
const deepTex = canvasTexture(512, 256, drawDeep);
const rayTex = canvasTexture(64, 256, drawRay);
const jellyTex = canvasTexture(128, 128, drawJelly);
const panelTex = canvasTexture(512, 576, drawPanel);
if (sandTex) sandTex.repeat.set(3, 3);

// ---------------------------------------------------------------------------------------------------------------
// Materials
// ---------------------------------------------------------------------------------------------------------------

const sandMat = new MeshStandardMaterial({ map: sandTex, roughness: 0.95, metalness: 0, color: '#e6e0d0' });
const deepMat = new MeshBasicMaterial({ map: deepTex, fog: false });
const rayMat = new MeshBasicMaterial({ map: rayTex, color: '#bff0ff', transparent: true, opacity: 0.16, blending: AdditiveBlending, depthWrite: false, side: DoubleSide, toneMapped: false });
const jellyMat = new MeshBasicMaterial({ map: jellyTex, transparent: true, blending: AdditiveBlending, depthWrite: false, toneMapped: false });
const panelMat = new MeshBasicMaterial({ map: panelTex });
const hazeMat = new MeshBasicMaterial({ color: '#1d6c8c', transparent: true, opacity: 0.22, depthWrite: false });
const glassMat = new MeshStandardMaterial({ color: '#cfeff5', roughness: 0.05, metalness: 0.2, transparent: true, opacity: 0.08, depthWrite: false, envMapIntensity: 1.5 });
const surfaceMat = new MeshBasicMaterial({ color: '#6ab4cc', transparent: true, opacity: 0.9, depthWrite: false, side: DoubleSide });
const bubbleMat = new MeshStandardMaterial({ color: '#e8fbff', roughness: 0.05, metalness: 0.3, transparent: true, opacity: 0.55, depthWrite: false, emissive: '#5fb8d8', emissiveIntensity: 0.35 });
const kelpMat = new SwayMaterial({ vertexColors: true, roughness: 0.6, side: DoubleSide }, { amplitude: 0.22, frequency: 0.9, baseY: 0.3, height: 2.2, wave: 0.9 });
const grassMat = new SwayMaterial({ vertexColors: true, roughness: 0.6, side: DoubleSide }, { amplitude: 0.06, frequency: 1.3, baseY: 0.3, height: 0.6, wave: 2.1 });
const anemoneMat = new SwayMaterial({ vertexColors: true, roughness: 0.5, emissive: '#401810', side: DoubleSide }, { amplitude: 0.025, frequency: 1.8, baseY: 0.3, height: 0.25, wave: 6 });
const fishMat = new FinMaterial({ vertexColors: true, roughness: 0.35, metalness: 0.1 }, { amplitude: 0.5, frequency: 8 });
const bigFishMat = new FinMaterial({ vertexColors: true, roughness: 0.55, metalness: 0 }, { amplitude: 0.3, frequency: 3 });

/** Caustic light on the sand: two drifting samples of one pattern, multiplied, added onto the sand. */
const causticMat = new ShaderMaterial({
  uniforms: { uMap: { value: causticTex }, uTime: swayTime, uColor: { value: new Color('#bdf2ff') } },
  vertexShader: `
    varying vec2 vP;
    void main() {
      vec4 w = modelMatrix * vec4(position, 1.0);
      vP = w.xz;
      gl_Position = projectionMatrix * viewMatrix * w;
    }`,
  fragmentShader: `
    uniform sampler2D uMap;
    uniform float uTime;
    uniform vec3 uColor;
    varying vec2 vP;
    void main() {
      float a = texture2D(uMap, vP * 0.55 + vec2(uTime * 0.021, uTime * 0.013)).r;
      float b = texture2D(uMap, vP * 0.43 + vec2(-uTime * 0.017, uTime * 0.019) + 0.37).r;
      float c = min(a, b) * 1.6 + a * b * 0.6;
      gl_FragColor = vec4(uColor * c * 0.55, 1.0);
    }`,
  transparent: true,
  blending: AdditiveBlending,
  depthWrite: false,
});

const surfaceCaustic = causticMat.clone();
surfaceCaustic.uniforms = { uMap: { value: causticTex }, uTime: swayTime, uColor: { value: new Color('#e8fbff') } };
surfaceCaustic.side = DoubleSide;

// ---------------------------------------------------------------------------------------------------------------
// Geometry helpers
// ---------------------------------------------------------------------------------------------------------------

/** Gives a geometry a per-vertex colour from its (already transformed) position; drops the uv. */
function paint(g: BufferGeometry, colour: (x: number, y: number, z: number) => Color): BufferGeometry {
  const geo = g.index ? g.toNonIndexed() : g.clone();
  geo.deleteAttribute('uv');
  const pos = geo.getAttribute('position');
  const col = new Float32Array(pos.count * 3);
  for (let i = 0; i < pos.count; i++) {
    const c = colour(pos.getX(i), pos.getY(i), pos.getZ(i));
    col[i * 3] = c.r;
    col[i * 3 + 1] = c.g;
    col[i * 3 + 2] = c.b;
  }
  geo.setAttribute('color', new BufferAttribute(col, 3));
  if (!geo.getAttribute('normal')) geo.computeVertexNormals();
  return geo;
}

const C = (hex: string) => new Color(hex);

interface FishShape {
  /** Body half-sizes relative to a length of 1 (x: thickness, y: height). */
  thick: number;
  tall: number;
  body: (x: number, y: number, z: number) => Color;
  fin: string;
  tail: string;
  /** Tall dorsal fin (butterflyfish, tang). */
  dorsal?: number;
}

/** A fish of length 1 along +z (head), built from an ellipsoid body, a forked tail and fins. */
function fishGeometry(s: FishShape): BufferGeometry {
  const body = new SphereGeometry(0.5, 16, 10);
  body.scale(s.thick * 2, s.tall * 2, 1);
  // blunt the head a little and taper the tail end
  const p = body.getAttribute('position');
  for (let i = 0; i < p.count; i++) {
    const z = p.getZ(i);
    const taper = z < 0 ? 1 - 0.45 * (-z / 0.5) ** 1.5 : 1;
    p.setXY(i, p.getX(i) * taper, p.getY(i) * taper);
  }
  body.computeVertexNormals();
  const parts: BufferGeometry[] = [paint(body, s.body)];
  const fin = (pts: number[], colour: string) => {
    const g = new BufferGeometry();
    g.setAttribute('position', new BufferAttribute(new Float32Array(pts), 3));
    g.computeVertexNormals();
    parts.push(paint(g, () => C(colour)));
    // back face
    const back = new BufferGeometry();
    const rev: number[] = [];
    for (let i = pts.length - 3; i >= 0; i -= 3) rev.push(pts[i]!, pts[i + 1]!, pts[i + 2]!);
    back.setAttribute('position', new BufferAttribute(new Float32Array(rev), 3));
    back.computeVertexNormals();
    parts.push(paint(back, () => C(colour)));
  };
  const ty = s.tall;
  // tail (two lobes)
  fin([0, 0, -0.4, 0, ty * 0.95, -0.62, 0, 0.02, -0.5, 0, 0, -0.4, 0, -0.02, -0.5, 0, -ty * 0.95, -0.62], s.tail);
  // dorsal and anal fins
  const d = s.dorsal ?? 0.5;
  fin([0, ty * 0.8, 0.15, 0, ty * (0.8 + d), -0.12, 0, ty * 0.7, -0.3], s.fin);
  fin([0, -ty * 0.75, 0.0, 0, -ty * (0.75 + d * 0.6), -0.2, 0, -ty * 0.6, -0.3], s.fin);
  // eyes
  for (const side of [-1, 1]) {
    const eye = new SphereGeometry(0.045, 8, 6);
    eye.translate(side * s.thick * 0.78, ty * 0.25, 0.33);
    parts.push(paint(eye, () => C('#0d0d10')));
  }
  const merged = mergeGeometries(parts, false);
  parts.forEach((g) => g.dispose());
  body.dispose();
  return merged ?? new BufferGeometry();
}

const SPECIES = {
  tang: fishGeometry({
    thick: 0.12,
    tall: 0.34,
    body: (_x, y) => (y > 0.12 ? C('#1a3f9a') : C('#2f6fd0')),
    fin: '#163580',
    tail: '#f2c81c',
    dorsal: 0.25,
  }),
  clown: fishGeometry({
    thick: 0.16,
    tall: 0.27,
    body: (_x, _y, z) => (Math.abs(z - 0.22) < 0.05 || Math.abs(z + 0.05) < 0.06 || Math.abs(z + 0.33) < 0.04 ? C('#f4f4ef') : C('#f07a1e')),
    fin: '#e8661a',
    tail: '#f07a1e',
    dorsal: 0.2,
  }),
  butterfly: fishGeometry({
    thick: 0.08,
    tall: 0.42,
    body: (_x, y, z) => (z > 0.22 && z < 0.3 ? C('#2a2a2a') : y > 0.25 ? C('#f7e27a') : C('#f2d23c')),
    fin: '#e8c21e',
    tail: '#f2d23c',
    dorsal: 0.3,
  }),
  silver: fishGeometry({
    thick: 0.1,
    tall: 0.17,
    body: (_x, y) => (y > 0.02 ? C('#5f88a8') : C('#dfe9ef')),
    fin: '#9fb8c8',
    tail: '#9fb8c8',
    dorsal: 0.4,
  }),
  grouper: fishGeometry({
    thick: 0.17,
    tall: 0.24,
    body: (x, y, z) => {
      const spot = Math.sin(z * 40) * Math.sin(y * 50 + x * 30) > 0.55;
      return spot ? C('#5a4a3a') : y > 0 ? C('#8b7a66') : C('#b8a890');
    },
    fin: '#6e5e4c',
    tail: '#6e5e4c',
    dorsal: 0.25,
  }),
};

// ---------------------------------------------------------------------------------------------------------------
// Swimming
// ---------------------------------------------------------------------------------------------------------------

interface Swimmer {
  cx: number;
  cy: number;
  cz: number;
  rx: number;
  rz: number;
  /** Radians per second along the loop (sign = direction). */
  w: number;
  phase: number;
  bob: number;
  bobW: number;
  size: number;
}

function makeSwimmers(n: number, seed: number, size: [number, number], speed: [number, number], yRange: [number, number]): Swimmer[] {
  const rnd = seededRandom(seed);
  const out: Swimmer[] = [];
  for (let i = 0; i < n; i++) {
    const rx = 0.8 + rnd() * 2.2;
    const rz = 0.3 + rnd() * 1.1;
    const cx = (rnd() - 0.5) * (SWIM.x1 - SWIM.x0 - 2 * rx) * 0.9;
    const cz = (SWIM.z0 + SWIM.z1) / 2 + (rnd() - 0.5) * Math.max(0, SWIM.z0 - SWIM.z1 - 2 * rz);
    const v = speed[0] + rnd() * (speed[1] - speed[0]);
    out.push({
      cx,
      cy: yRange[0] + rnd() * (yRange[1] - yRange[0]),
      cz,
      rx,
      rz,
      w: (v / ((rx + rz) / 2)) * (rnd() < 0.5 ? -1 : 1),
      phase: rnd() * Math.PI * 2,
      bob: 0.05 + rnd() * 0.12,
      bobW: 0.2 + rnd() * 0.3,
      size: size[0] + rnd() * (size[1] - size[0]),
    });
  }
  return out;
}

const tmpM = new Matrix4();
const tmpQ = new Quaternion();
const tmpP = new Vector3();
const tmpD = new Vector3();
const tmpS = new Vector3();
const tmpE = new Euler();

/** Writes the matrix of a fish at `pos` swimming along `dir`, banking a little into turns. */
function fishMatrix(out: Matrix4, pos: Vector3, dir: Vector3, size: number, bank: number) {
  const yaw = Math.atan2(dir.x, dir.z);
  const pitch = -Math.atan2(dir.y, Math.hypot(dir.x, dir.z));
  tmpQ.setFromEuler(tmpE.set(pitch, yaw, bank, 'YXZ'));
  tmpS.setScalar(size);
  return out.compose(pos, tmpQ, tmpS);
}

function loopAt(s: Swimmer, t: number, pos: Vector3, dir: Vector3) {
  const a = s.phase + s.w * t;
  pos.set(s.cx + s.rx * Math.cos(a), s.cy + s.bob * Math.sin(t * s.bobW + s.phase), s.cz + s.rz * Math.sin(a));
  dir.set(-s.rx * Math.sin(a) * s.w, s.bob * s.bobW * Math.cos(t * s.bobW + s.phase), s.rz * Math.cos(a) * s.w);
  if (dir.lengthSq() < 1e-8) dir.set(0, 0, 1);
  dir.normalize();
}

function FishGroup({ geometry, material, swimmers }: { geometry: BufferGeometry; material: FinMaterial; swimmers: Swimmer[] }) {
  const mesh = useRef<InstancedMesh>(null);
  useEffect(() => {
    mesh.current?.instanceMatrix.setUsage(DynamicDrawUsage);
  }, []);
  useFrame(() => {
    const m = mesh.current;
    if (!m) return;
    const t = performance.now() / 1000;
    swimmers.forEach((s, i) => {
      loopAt(s, t, tmpP, tmpD);
      m.setMatrixAt(i, fishMatrix(tmpM, tmpP, tmpD, s.size, -0.25 * Math.sign(s.w)));
    });
    m.instanceMatrix.needsUpdate = true;
  });
  return <instancedMesh ref={mesh} args={[geometry, material, swimmers.length]} frustumCulled={false} />;
}

/** A school: members keep their place around a leader that follows a wide loop, each with its own wobble. */
function School({ count, seed }: { count: number; seed: number }) {
  const mesh = useRef<InstancedMesh>(null);
  const members = useMemo(() => {
    const rnd = seededRandom(seed);
    return Array.from({ length: count }, () => ({
      off: new Vector3((rnd() - 0.5) * 0.9, (rnd() - 0.5) * 0.45, (rnd() - 0.5) * 1.1),
      ph: rnd() * Math.PI * 2,
      size: 0.075 + rnd() * 0.03,
    }));
  }, [count, seed]);
  const leader: Swimmer = useMemo(() => ({ cx: 0.2, cy: 1.75, cz: -4.3, rx: 2.5, rz: 1.05, w: 0.11, phase: 0, bob: 0.25, bobW: 0.13, size: 1 }), []);
  const q = useMemo(() => new Quaternion(), []);
  const lp = useMemo(() => new Vector3(), []);
  const ld = useMemo(() => new Vector3(), []);
  useFrame(() => {
    const m = mesh.current;
    if (!m) return;
    const t = performance.now() / 1000;
    loopAt(leader, t, lp, ld);
    q.setFromUnitVectors(new Vector3(0, 0, 1), tmpD.set(ld.x, 0, ld.z).normalize());
    members.forEach((mb, i) => {
      tmpP.copy(mb.off).applyQuaternion(q).add(lp);
      tmpP.x += Math.sin(t * 0.9 + mb.ph) * 0.05;
      tmpP.y += Math.sin(t * 0.7 + mb.ph * 1.3) * 0.04;
      tmpD.copy(ld);
      tmpD.x += Math.cos(t * 0.9 + mb.ph) * 0.12;
      m.setMatrixAt(i, fishMatrix(tmpM, tmpP, tmpD.normalize(), mb.size, 0));
    });
    m.instanceMatrix.needsUpdate = true;
  });
  useEffect(() => {
    mesh.current?.instanceMatrix.setUsage(DynamicDrawUsage);
  }, []);
  return <instancedMesh ref={mesh} args={[SPECIES.silver, fishMat, count]} frustumCulled={false} />;
}

const BUBBLE = new SphereGeometry(1, 10, 8);

function Bubbles() {
  const mesh = useRef<InstancedMesh>(null);
  const bubbles = useMemo(() => {
    const rnd = seededRandom(211);
    const sources = [
      [-2.35, -5.2],
      [2.55, -4.55],
      [0.9, -5.7],
    ] as const;
    return Array.from({ length: 54 }, (_, i) => {
      const [sx, sz] = sources[i % sources.length]!;
      return { sx, sz, y0: sandHeight(sx, sz) + 0.05, speed: 0.22 + rnd() * 0.2, off: rnd() * 10, r: 0.006 + rnd() * 0.012, ph: rnd() * 6 };
    });
  }, []);
  useFrame(() => {
    const m = mesh.current;
    if (!m) return;
    const t = performance.now() / 1000;
    bubbles.forEach((b, i) => {
      const span = TANK.surface - 0.05 - b.y0;
      const y = b.y0 + (((t + b.off) * b.speed) % span);
      tmpP.set(b.sx + Math.sin(t * 3 + b.ph + y * 2) * 0.03, y, b.sz + Math.cos(t * 2.6 + b.ph) * 0.03);
      tmpS.setScalar(b.r * (1 + (y - b.y0) * 0.12));
      m.setMatrixAt(i, tmpM.compose(tmpP, tmpQ.identity(), tmpS));
    });
    m.instanceMatrix.needsUpdate = true;
  });
  useEffect(() => {
    mesh.current?.instanceMatrix.setUsage(DynamicDrawUsage);
  }, []);
  return <instancedMesh ref={mesh} args={[BUBBLE, bubbleMat, bubbles.length]} frustumCulled={false} renderOrder={3} />;
}

// ---------------------------------------------------------------------------------------------------------------
// Tank contents (static, merged)
// ---------------------------------------------------------------------------------------------------------------

const ROCK = new IcosahedronGeometry(1, 2);
const CORAL_BRANCH = new CylinderGeometry(0.6, 1, 1, 6, 1);
const CONE = new ConeGeometry(1, 1, 7, 1);
const SPHERE = new SphereGeometry(1, 14, 10);

function rockGeometry(seed: number) {
  const rnd = seededRandom(seed);
  const src = ROCK.clone();
  src.deleteAttribute('normal');
  src.deleteAttribute('uv');
  const g = mergeVertices(src);
  src.dispose();
  const p = g.getAttribute('position');
  const k = [rnd() * 6, rnd() * 6, rnd() * 6];
  for (let i = 0; i < p.count; i++) {
    const x = p.getX(i);
    const y = p.getY(i);
    const z = p.getZ(i);
    const n = 1 + 0.18 * Math.sin(x * 3.1 + k[0]!) * Math.sin(y * 2.7 + k[1]!) + 0.12 * Math.sin(z * 4.3 + k[2]!);
    p.setXYZ(i, x * n, y * n, z * n);
  }
  g.computeVertexNormals();
  return g;
}

function buildTank() {
  const rnd = seededRandom(307);
  const rocks: Part[] = [];
  const coral: Part[] = [];
  const kelp: Part[] = [];
  const grass: Part[] = [];
  const anemone: Part[] = [];
  const rockGeos = [rockGeometry(1), rockGeometry(2), rockGeometry(3), rockGeometry(4)];
  const rock = (x: number, z: number, sx: number, sy: number, sz: number, rot: number, colour: string) => {
    rocks.push({ geometry: rockGeos[Math.floor(rnd() * rockGeos.length)]!, position: [x, sandHeight(x, z) + sy * 0.35, z], rotation: [0, rot, 0], scale: [sx, sy, sz], color: colour });
  };
  // Rock work: a big arch on the left, a ridge at the back right, scattered stones
  rock(-2.6, -5.5, 0.95, 1.05, 0.7, 0.3, '#8a7a68');
  rock(-1.7, -6.0, 0.75, 1.4, 0.6, 1.1, '#7a6e60');
  rock(-3.7, -4.7, 0.8, 0.95, 0.9, 0.7, '#927f6a');
  rock(2.2, -5.9, 1.1, 0.85, 0.6, 2.0, '#85786a');
  rock(3.4, -5.2, 0.8, 1.25, 0.8, 0.4, '#7b6f62');
  rock(0.4, -6.2, 1.4, 0.6, 0.45, 0.1, '#8c7f70');
  for (let i = 0; i < 16; i++) {
    const x = (rnd() - 0.5) * 8;
    const z = -3.2 - rnd() * 3;
    const s = 0.08 + rnd() * 0.2;
    rock(x, z, s * 1.3, s, s, rnd() * 6, ['#8d8377', '#766e64', '#9a9184'][i % 3]!);
  }
  // Corals: branching (staghorn), brain corals, fan corals
  const branching = (x: number, z: number, colour: string, n: number) => {
    const base = sandHeight(x, z);
    for (let i = 0; i < n; i++) {
      const a = rnd() * Math.PI * 2;
      const tilt = 0.2 + rnd() * 0.6;
      const len = 0.15 + rnd() * 0.25;
      const q = new Quaternion().setFromEuler(new Euler(Math.cos(a) * tilt, 0, Math.sin(a) * tilt));
      const dir = new Vector3(0, 1, 0).applyQuaternion(q);
      coral.push({ geometry: CORAL_BRANCH, position: [x + dir.x * len * 0.5, base + dir.y * len * 0.5, z + dir.z * len * 0.5], quaternion: q, scale: [0.025, len, 0.025], color: colour });
      coral.push({ geometry: SPHERE, position: [x + dir.x * len, base + dir.y * len, z + dir.z * len], scale: 0.018, color: colour });
    }
  };
  branching(-0.9, -3.6, '#e2795f', 14);
  branching(1.4, -4.1, '#c95f9a', 12);
  branching(-2.2, -4.4, '#e0a04a', 10);
  branching(2.8, -3.5, '#e2795f', 9);
  for (const [x, z, r, c] of [
    [0.2, -3.4, 0.18, '#b7a24a'],
    [-1.5, -3.3, 0.14, '#9f8fc9'],
    [2.2, -3.3, 0.16, '#c9a24a'],
    [-0.4, -4.9, 0.22, '#8fb07a'],
  ] as const) {
    coral.push({ geometry: SPHERE, position: [x, sandHeight(x, z) + r * 0.4, z], scale: [r, r * 0.7, r], color: c });
  }
  // Tube sponges in small clusters
  for (const [x, z, c] of [
    [-3.0, -4.9, '#9a4aa0'],
    [3.0, -4.5, '#d06a3a'],
    [0.9, -5.5, '#b0456a'],
    [-1.2, -4.2, '#d9a23a'],
  ] as const) {
    const base = sandHeight(x, z);
    for (let i = 0; i < 5; i++) {
      const h = 0.18 + rnd() * 0.3;
      const ox = (rnd() - 0.5) * 0.22;
      const oz = (rnd() - 0.5) * 0.22;
      coral.push({ geometry: CORAL_BRANCH, position: [x + ox, base + h / 2, z + oz], rotation: [(rnd() - 0.5) * 0.3, 0, (rnd() - 0.5) * 0.3], scale: [0.045, h, 0.045], color: c });
    }
  }
  branching(0.3, -5.2, '#f08a6a', 10);
  branching(-3.2, -3.4, '#c95f9a', 8);
  // Kelp: tall ribbons along the back and sides
  const blade = new PlaneGeometry(1, 1, 1, 10);
  const kelpAt = (x: number, z: number, h: number, colour: string) => {
    const base = sandHeight(x, z) - 0.02;
    kelp.push({ geometry: blade, position: [x, base + h / 2, z], rotation: [0, rnd() * Math.PI, (rnd() - 0.5) * 0.15], scale: [0.12 + rnd() * 0.08, h, 1], color: colour });
  };
  for (let i = 0; i < 34; i++) {
    const side = i % 3;
    const x = side === 0 ? -4.2 + rnd() * 1.6 : side === 1 ? 2.6 + rnd() * 1.6 : -1.5 + rnd() * 3.5;
    const z = side === 2 ? -6.1 - rnd() * 0.35 : -3.6 - rnd() * 2.6;
    kelpAt(x, z, 1.2 + rnd() * 1.4, ['#5f8a3a', '#6f9a3f', '#4f7a34', '#8a9a3a'][i % 4]!);
  }
  // Sea grass tufts on the sand
  const tuft = new PlaneGeometry(1, 1, 1, 3);
  for (let i = 0; i < 240; i++) {
    const cx = (rnd() - 0.5) * 8.4;
    const cz = -2.9 - rnd() * 3.4;
    if (Math.abs(cx) < 1.2 && cz > -3.6) continue;
    const h = 0.12 + rnd() * 0.3;
    grass.push({ geometry: tuft, position: [cx, sandHeight(cx, cz) + h / 2 - 0.01, cz], rotation: [0, rnd() * Math.PI, (rnd() - 0.5) * 0.4], scale: [0.025, h, 1], color: ['#6a9a4a', '#7aa650', '#5a8a40'][i % 3]! });
  }
  // Anemones with the clownfish's home
  for (const [x, z] of [
    [-0.7, -3.35],
    [1.0, -3.55],
  ] as const) {
    const base = sandHeight(x, z);
    anemone.push({ geometry: SPHERE, position: [x, base + 0.03, z], scale: [0.12, 0.05, 0.12], color: '#c86a4a' });
    for (let i = 0; i < 40; i++) {
      const a = rnd() * Math.PI * 2;
      const r = rnd() * 0.11;
      const h = 0.1 + rnd() * 0.08;
      anemone.push({ geometry: CONE, position: [x + Math.cos(a) * r, base + 0.05 + h / 2, z + Math.sin(a) * r], rotation: [Math.sin(a) * 0.4 * (r / 0.11), 0, -Math.cos(a) * 0.4 * (r / 0.11)], scale: [0.012, h, 0.012], color: ['#f2b0a0', '#e89a86', '#f7c6b6'][i % 3]! });
    }
  }
  return { rocks, coral, kelp, grass, anemone };
}

function sandGeometry() {
  const w = TANK.x1 - TANK.x0;
  const d = TANK.z0 - TANK.z1;
  const g = new PlaneGeometry(w, d, 46, 24);
  g.rotateX(-Math.PI / 2);
  g.translate((TANK.x0 + TANK.x1) / 2, 0, (TANK.z0 + TANK.z1) / 2);
  const p = g.getAttribute('position');
  for (let i = 0; i < p.count; i++) p.setY(i, sandHeight(p.getX(i), p.getZ(i)));
  g.computeVertexNormals();
  return g;
}

function Tank() {
  const b = useMemo(buildTank, []);
  const sand = useMemo(sandGeometry, []);
  const caustic = useMemo(() => {
    const g = sand.clone();
    g.translate(0, 0.006, 0);
    return g;
  }, [sand]);
  useEffect(
    () => () => {
      sand.dispose();
      caustic.dispose();
    },
    [sand, caustic],
  );
  const rays = useRef<Mesh>(null);
  const rayParts = useMemo<Part[]>(() => {
    const rnd = seededRandom(401);
    return Array.from({ length: 7 }, () => {
      const x = -3 + rnd() * 6;
      const z = -3.4 - rnd() * 2.4;
      return { geometry: UNIT_PLANE, position: [x + 0.35, 1.75, z] as [number, number, number], rotation: [0, (rnd() - 0.5) * 0.6, -0.22] as [number, number, number], scale: [0.35 + rnd() * 0.5, 2.8, 1] as [number, number, number] };
    });
  }, []);
  const back = useMemo<Part[]>(
    () => [
      { geometry: UNIT_PLANE, position: [0, 1.6, TANK.z1], scale: [TANK.x1 - TANK.x0, 3.4, 1] },
      { geometry: UNIT_PLANE, position: [TANK.x0, 1.6, (TANK.z0 + TANK.z1) / 2], rotation: [0, Math.PI / 2, 0], scale: [TANK.z0 - TANK.z1, 3.4, 1] },
      { geometry: UNIT_PLANE, position: [TANK.x1, 1.6, (TANK.z0 + TANK.z1) / 2], rotation: [0, -Math.PI / 2, 0], scale: [TANK.z0 - TANK.z1, 3.4, 1] },
    ],
    [],
  );
  const haze = useMemo<Part[]>(
    () => [
      { geometry: UNIT_PLANE, position: [0, 1.5, -4.6], scale: [TANK.x1 - TANK.x0, 3.2, 1] },
      { geometry: UNIT_PLANE, position: [0, 1.5, -5.6], scale: [TANK.x1 - TANK.x0, 3.2, 1] },
    ],
    [],
  );
  const surface = useMemo<Part[]>(() => [{ geometry: FLAT_PLANE, position: [0, TANK.surface, (TANK.z0 + TANK.z1) / 2], scale: [TANK.x1 - TANK.x0, 1, TANK.z0 - TANK.z1] }], []);
  useFrame(() => {
    const t = performance.now() / 1000;
    if (rays.current) (rays.current.material as MeshBasicMaterial).opacity = 0.13 + 0.05 * Math.sin(t * 0.35);
  });
  return (
    <>
      <MergedMesh parts={back} material={deepMat} />
      <mesh geometry={sand} material={sandMat} />
      <mesh geometry={caustic} material={causticMat} renderOrder={1} />
      <MergedMesh parts={b.rocks} material={matteVC} />
      <MergedMesh parts={b.coral} material={satinVC} />
      <MergedMesh parts={b.anemone} material={anemoneMat} />
      <MergedMesh parts={b.kelp} material={kelpMat} />
      <MergedMesh parts={b.grass} material={grassMat} />
      <MergedMesh parts={haze} material={hazeMat} renderOrder={2} />
      <MergedMesh parts={surface} material={surfaceMat} renderOrder={2} />
      <MergedMesh parts={surface} material={surfaceCaustic} renderOrder={2} />
      <group>
        <RayMesh parts={rayParts} meshRef={rays} />
      </group>
    </>
  );
}

function RayMesh({ parts, meshRef }: { parts: Part[]; meshRef: RefObject<Mesh | null> }) {
  const geo = useMemo(() => {
    const g = mergeGeometries(
      parts.map((p) => {
        const c = (p.geometry as PlaneGeometry).clone();
        c.applyMatrix4(new Matrix4().compose(new Vector3(...(p.position ?? [0, 0, 0])), new Quaternion().setFromEuler(new Euler(...(p.rotation ?? [0, 0, 0]))), new Vector3(...((p.scale as number[]) ?? [1, 1, 1]))));
        return c;
      }),
      false,
    );
    return g ?? new BufferGeometry();
  }, [parts]);
  useEffect(() => () => geo.dispose(), [geo]);
  return <mesh ref={meshRef} geometry={geo} material={rayMat} renderOrder={4} />;
}

// ---------------------------------------------------------------------------------------------------------------
// Hall (static, merged)
// ---------------------------------------------------------------------------------------------------------------

function buildHall() {
  const matte: Part[] = [];
  const satin: Part[] = [];
  const metal: Part[] = [];
  const glow: Part[] = [];
  const wood: Part[] = [];
  const shadow: Part[] = [];
  const glass: Part[] = [];
  const { x0, x1, z0, z1, h } = HALL;
  const W = x1 - x0;
  const D = z1 - z0;
  // polished dark floor, dark ceiling with a few small downlights
  satin.push({ geometry: FLAT_PLANE, position: [0, 0, (z0 + z1) / 2], scale: [W, 1, D], color: '#20262c' });
  matte.push({ geometry: UNIT_PLANE, position: [0, h, (z0 + z1) / 2], rotation: [Math.PI / 2, 0, 0], scale: [W, D, 1], color: '#0e1319' });
  for (const [x, z] of [
    [-2.4, 0.6],
    [2.4, 0.6],
    [0, 2.2],
    [-2.4, 2.4],
    [2.4, 2.4],
  ] as const) {
    glow.push({ geometry: new CylinderGeometry(0.06, 0.06, 0.01, 16), position: [x, h - 0.005, z], color: '#ffe2b0' });
  }
  // front wall around the window: dark panels with a reveal
  const wall = '#1d2835';
  const front = (ax: number, bx: number, ay: number, by: number) =>
    matte.push({ geometry: UNIT_PLANE, position: [(ax + bx) / 2, (ay + by) / 2, z0], scale: [bx - ax, by - ay, 1], color: wall });
  front(x0, WIN.x0, 0, h);
  front(WIN.x1, x1, 0, h);
  front(WIN.x0, WIN.x1, 0, WIN.y0);
  front(WIN.x0, WIN.x1, WIN.y1, h);
  box(metal, WIN.x0 - 0.06, WIN.y0 - 0.06, z0 - 0.02, WIN.x1 + 0.06, WIN.y0, z0 + 0.03, '#2c3440');
  box(metal, WIN.x0 - 0.06, WIN.y1, z0 - 0.02, WIN.x1 + 0.06, WIN.y1 + 0.06, z0 + 0.03, '#2c3440');
  box(metal, WIN.x0 - 0.06, WIN.y0, z0 - 0.02, WIN.x0, WIN.y1, z0 + 0.03, '#2c3440');
  box(metal, WIN.x1, WIN.y0, z0 - 0.02, WIN.x1 + 0.06, WIN.y1, z0 + 0.03, '#2c3440');
  // a low ledge under the glass, with a soft blue light line
  box(satin, WIN.x0 - 0.2, 0, z0, WIN.x1 + 0.2, 0.4, z0 + 0.32, '#1c2631');
  box(glow, WIN.x0 - 0.2, 0.02, z0 + 0.32, WIN.x1 + 0.2, 0.035, z0 + 0.325, '#4fb8e8');
  glass.push({ geometry: UNIT_PLANE, position: [0, (WIN.y0 + WIN.y1) / 2, z0 - 0.005], scale: [WIN.x1 - WIN.x0, WIN.y1 - WIN.y0, 1] });
  // side and back walls
  matte.push({ geometry: UNIT_PLANE, position: [x0, h / 2, (z0 + z1) / 2], rotation: [0, Math.PI / 2, 0], scale: [D, h, 1], color: '#223040' });
  matte.push({ geometry: UNIT_PLANE, position: [x1, h / 2, (z0 + z1) / 2], rotation: [0, -Math.PI / 2, 0], scale: [D, h, 1], color: '#223040' });
  matte.push({ geometry: UNIT_PLANE, position: [0, h / 2, z1], rotation: [0, Math.PI, 0], scale: [W, h, 1], color: '#223040' });
  // round windows on the left wall (the jellyfish tank): rims
  for (const z of [-0.6, 1.4]) {
    metal.push({ geometry: new CylinderGeometry(0.5, 0.5, 0.06, 32, 1, true), position: [x0 + 0.02, 1.55, z], rotation: [0, 0, Math.PI / 2], color: '#3a4654' });
    glow.push({ geometry: new CylinderGeometry(0.47, 0.47, 0.01, 32), position: [x0 + 0.008, 1.55, z], rotation: [0, 0, Math.PI / 2], color: '#0b2f66' });
  }
  // information panel frame on the right wall
  box(metal, x1 - 0.04, 0.95, -0.95, x1, 2.1, 0.05, '#2c3440');
  // the patient's bench: oak slats on a dark steel frame
  const bz = 0.05;
  for (let i = 0; i < 4; i++) box(wood, -1.1, 0.41, bz - 0.2 + i * 0.1, 1.1, 0.45, bz - 0.12 + i * 0.1, '#a8794a');
  for (const lx of [-0.9, 0.9]) {
    box(metal, lx - 0.025, 0, bz - 0.2, lx + 0.025, 0.41, bz - 0.15, '#1e2329');
    box(metal, lx - 0.025, 0, bz + 0.15, lx + 0.025, 0.41, bz + 0.2, '#1e2329');
    box(metal, lx - 0.025, 0.37, bz - 0.2, lx + 0.025, 0.41, bz + 0.2, '#1e2329');
  }
  blob(shadow, 0, bz, 2.6, 0.8, 0.003);
  // a second bench further back, to the right
  for (let i = 0; i < 4; i++) box(wood, 1.6, 0.41, 1.8 + i * 0.1, 3.4, 0.45, 1.88 + i * 0.1, '#a8794a');
  for (const lx of [1.8, 3.2]) box(metal, lx - 0.025, 0, 1.8, lx + 0.025, 0.41, 2.18, '#1e2329');
  blob(shadow, 2.5, 2.0, 2.2, 0.8, 0.003);
  // a rope barrier post pair (brass) by the glass, well out of reach
  for (const x of [-3.7, 3.7]) {
    metal.push({ geometry: new CylinderGeometry(0.025, 0.025, 0.9, 10), position: [x, 0.45, -1.7], color: '#b8944a' });
    metal.push({ geometry: new CylinderGeometry(0.15, 0.17, 0.03, 16), position: [x, 0.015, -1.7], color: '#b8944a' });
  }
  return { matte, satin, metal, glow, wood, shadow, glass };
}

const panelParts: Part[] = [{ geometry: UNIT_PLANE, position: [HALL.x1 - 0.045, 1.525, -0.45], rotation: [0, -Math.PI / 2, 0], scale: [0.96, 1.08, 1] }];

function Jellyfish() {
  const mesh = useRef<InstancedMesh>(null);
  const jellies = useMemo(() => {
    const rnd = seededRandom(503);
    return Array.from({ length: 7 }, (_, i) => ({ z: (i % 2 ? 1.4 : -0.6) + (rnd() - 0.5) * 0.3, y: 1.55 + (rnd() - 0.5) * 0.3, ph: rnd() * 6, s: 0.12 + rnd() * 0.07 }));
  }, []);
  useFrame(() => {
    const m = mesh.current;
    if (!m) return;
    const t = performance.now() / 1000;
    const q = tmpQ.setFromEuler(tmpE.set(0, Math.PI / 2, 0));
    jellies.forEach((j, i) => {
      const pulse = 1 + 0.08 * Math.sin(t * 1.6 + j.ph);
      tmpP.set(HALL.x0 + 0.03, j.y + 0.08 * Math.sin(t * 0.25 + j.ph), j.z + 0.05 * Math.sin(t * 0.17 + j.ph * 2));
      tmpS.set(j.s * pulse, j.s * (2 - pulse), 1);
      m.setMatrixAt(i, tmpM.compose(tmpP, q, tmpS));
    });
    m.instanceMatrix.needsUpdate = true;
  });
  return <instancedMesh ref={mesh} args={[UNIT_PLANE, jellyMat, jellies.length]} frustumCulled={false} renderOrder={3} />;
}

function Hall() {
  const b = useMemo(buildHall, []);
  return (
    <group name="cue:hall" userData={{ cueId: 'hall', minLevel: 0 }}>
      <MergedMesh parts={b.satin} material={satinVC} />
      <MergedMesh parts={b.matte} material={matteVC} />
      <MergedMesh parts={b.metal} material={metalVC} />
      <MergedMesh parts={b.glow} material={glowVC} />
      <MergedMesh parts={b.wood} material={woodVC} worldUV={1.1} />
      <MergedMesh parts={b.shadow} material={contactShadow} renderOrder={1} />
      <MergedMesh parts={panelParts} material={panelMat} />
      <Jellyfish />
      <MergedMesh parts={b.glass} material={glassMat} renderOrder={5} />
    </group>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Scene
// ---------------------------------------------------------------------------------------------------------------

function Clock() {
  useFrame(tickMaterials);
  return null;
}

/** Calm public aquarium hall in front of a large reef tank (level 0 only). */
export function AquariumScene() {
  const swimmers = useMemo(
    () => ({
      tang: makeSwimmers(7, 11, [0.26, 0.32], [0.18, 0.3], [1.2, 2.4]),
      clown: makeSwimmers(5, 12, [0.1, 0.13], [0.1, 0.18], [0.6, 1.1]).map((s) => ({ ...s, cy: s.cy, rx: s.rx * 0.5, rz: s.rz * 0.6 })),
      butterfly: makeSwimmers(8, 13, [0.18, 0.22], [0.12, 0.22], [0.9, 2.2]),
      grouper: makeSwimmers(2, 14, [0.55, 0.65], [0.1, 0.13], [1.0, 1.6]),
    }),
    [],
  );
  return (
    <>
      <SceneEnvironment intensity={0.35} background="#05080c" />
      <hemisphereLight args={['#6fb4d6', '#141c24', 1.0]} />
      {/* Light above the tank, falling on sand and corals */}
      <directionalLight position={[0.6, 8, -3.6]} color="#e6fbff" intensity={1.6} />
      <pointLight position={[0, 2.9, -4.4]} color="#bff0ff" intensity={3.2} distance={9} decay={1.2} />
      {/* The tank's glow on the hall and the bench */}
      <pointLight position={[0, 1.5, -2.2]} color="#5fc0e8" intensity={1.6} distance={7} decay={1.4} />
      <Clock />
      <group name="cue:tank" userData={{ cueId: 'tank', minLevel: 0 }}>
        <Tank />
        <FishGroup geometry={SPECIES.tang} material={fishMat} swimmers={swimmers.tang} />
        <FishGroup geometry={SPECIES.clown} material={fishMat} swimmers={swimmers.clown} />
        <FishGroup geometry={SPECIES.butterfly} material={fishMat} swimmers={swimmers.butterfly} />
        <FishGroup geometry={SPECIES.grouper} material={bigFishMat} swimmers={swimmers.grouper} />
        <School count={36} seed={21} />
        <Bubbles />
      </group>
      <Hall />
      {/* the tank's pump, trickle and bubbles ahead; the hall's hush around */}
      <SpatialSound id="tank" sound="aquarium" position={[0, 1.6, -3.0]} volume={0.3} refDistance={3} />
      <SpatialSound id="hall" sound="room-tone" position={[0, 2.4, 1.5]} volume={0.12} refDistance={4} />
    </>
  );
}
