import {
  AdditiveBlending,
  BufferAttribute,
  BufferGeometry,
  CanvasTexture,
  Color,
  DoubleSide,
  Euler,
  Matrix4,
  MeshBasicMaterial,
  MeshStandardMaterial,
  Quaternion,
  RepeatWrapping,
  SRGBColorSpace,
  Vector3,
  type ColorRepresentation,
  type Texture,
} from 'three';
import { seededRandom } from './seededRandom';
import { mergeGeometries } from 'three/examples/jsm/utils/BufferGeometryUtils.js';

/*
 * Shared materials and geometry helpers for the scene kit.
 *
 * Materials are module-level singletons so every mesh that uses one shares its shader program and uniforms.
 * Most of them read per-vertex colours: a scene merges its static parts into one geometry per material
 * (see `mergeParts`), each part carrying its own colour, so a whole room costs a handful of draw calls.
 * Textures are procedural (drawn on a canvas at start-up); nothing is ever loaded from a file or a URL.
 */

const canDraw = typeof document !== 'undefined';

// ---------------------------------------------------------------------------------------------------------------
// Procedural textures
// ---------------------------------------------------------------------------------------------------------------

/** Draws a canvas and wraps it in an sRGB texture; `null` where there is no DOM (unit tests, server). */
export function canvasTexture(
  width: number,
  height: number,
  draw: (ctx: CanvasRenderingContext2D, w: number, h: number) => void,
  repeat = false,
): CanvasTexture | null {
  if (!canDraw) return null;
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  if (!ctx) return null;
  draw(ctx, width, height);
  const tex = new CanvasTexture(canvas);
  tex.colorSpace = SRGBColorSpace;
  tex.anisotropy = 4;
  if (repeat) {
    tex.wrapS = RepeatWrapping;
    tex.wrapT = RepeatWrapping;
  }
  return tex;
}

/** Procedural art is identical on every headset and in every screenshot. */
export { seededRandom };

/** Light greyish wood grain meant to be tinted by vertex colours (so one texture serves every wood). */
function drawWoodGrain(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const rnd = seededRandom(7);
  ctx.fillStyle = '#d9d2c8';
  ctx.fillRect(0, 0, w, h);
  for (let i = 0; i < 90; i++) {
    const y0 = rnd() * h;
    const amp = 2 + rnd() * 6;
    const freq = 0.5 + rnd() * 2;
    const phase = rnd() * 6.28;
    const shade = rnd() < 0.5 ? 'rgba(120,100,80,' : 'rgba(255,250,240,';
    ctx.strokeStyle = `${shade}${0.08 + rnd() * 0.18})`;
    ctx.lineWidth = 1 + rnd() * 3;
    ctx.beginPath();
    for (let x = 0; x <= w; x += 8) {
      const y = y0 + Math.sin((x / w) * 6.28 * freq + phase) * amp;
      if (x === 0) ctx.moveTo(x, y);
      else ctx.lineTo(x, y);
    }
    ctx.stroke();
  }
}

/** Floor planks: `tones` are plank colours; joints are darker lines, staggered. One tile = 10 planks across. */
function drawPlanks(tones: string[], seed: number) {
  return (ctx: CanvasRenderingContext2D, w: number, h: number) => {
    const rnd = seededRandom(seed);
    const rows = 10;
    const ph = h / rows;
    for (let r = 0; r < rows; r++) {
      let x = -rnd() * w * 0.8;
      while (x < w) {
        const len = w * (0.55 + rnd() * 0.6);
        ctx.fillStyle = tones[Math.floor(rnd() * tones.length)] ?? '#888';
        ctx.fillRect(x, r * ph, len, ph);
        // grain
        for (let g = 0; g < 9; g++) {
          ctx.strokeStyle = `rgba(50,32,16,${0.04 + rnd() * 0.07})`;
          ctx.lineWidth = 1 + rnd() * 2;
          const gy = r * ph + 3 + rnd() * (ph - 6);
          ctx.beginPath();
          ctx.moveTo(x, gy);
          ctx.bezierCurveTo(x + len * 0.3, gy + (rnd() - 0.5) * 8, x + len * 0.6, gy + (rnd() - 0.5) * 8, x + len, gy);
          ctx.stroke();
        }
        ctx.fillStyle = 'rgba(25,15,8,0.4)';
        ctx.fillRect(x, r * ph, 2, ph);
        x += len;
      }
      ctx.fillStyle = 'rgba(25,15,8,0.4)';
      ctx.fillRect(0, r * ph, w, 2);
    }
  };
}

function drawBricks(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const rnd = seededRandom(11);
  ctx.fillStyle = '#5b4a40';
  ctx.fillRect(0, 0, w, h);
  const rows = 16;
  const bh = h / rows;
  const bw = w / 4;
  for (let r = 0; r < rows; r++) {
    const off = r % 2 ? bw / 2 : 0;
    for (let c = -1; c < 5; c++) {
      const v = rnd();
      const rr = Math.round(120 + v * 50);
      const gg = Math.round(55 + v * 25);
      const bb = Math.round(40 + v * 18);
      ctx.fillStyle = `rgb(${rr},${gg},${bb})`;
      ctx.fillRect(c * bw + off + 3, r * bh + 3, bw - 6, bh - 6);
      ctx.fillStyle = `rgba(0,0,0,${rnd() * 0.15})`;
      ctx.fillRect(c * bw + off + 3, r * bh + bh * 0.55, bw - 6, bh * 0.45 - 3);
    }
  }
}

function drawBlob(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const g = ctx.createRadialGradient(w / 2, h / 2, 0, w / 2, h / 2, w / 2);
  g.addColorStop(0, 'rgba(255,255,255,0.9)');
  g.addColorStop(0.45, 'rgba(255,255,255,0.55)');
  g.addColorStop(1, 'rgba(255,255,255,0)');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, w, h);
}

function drawGlow(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const g = ctx.createRadialGradient(w / 2, h / 2, 0, w / 2, h / 2, w / 2);
  g.addColorStop(0, 'rgba(255,255,255,1)');
  g.addColorStop(0.3, 'rgba(255,255,255,0.35)');
  g.addColorStop(1, 'rgba(255,255,255,0)');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, w, h);
}

const woodGrainTex = canvasTexture(512, 512, drawWoodGrain, true);
const darkPlankTex = canvasTexture(1024, 1024, drawPlanks(['#5a3a22', '#54361f', '#5e3d26', '#573822', '#513420'], 3), true);
const lightPlankTex = canvasTexture(
  1024,
  1024,
  drawPlanks(['#cba982', '#c6a37a', '#cfae88', '#c29f76', '#d0b08c'], 5),
  true,
);
const brickTex = canvasTexture(512, 512, drawBricks, true);
const blobTex = canvasTexture(128, 128, drawBlob);
const glowTex = canvasTexture(128, 128, drawGlow);

// ---------------------------------------------------------------------------------------------------------------
// Materials (singletons)
// ---------------------------------------------------------------------------------------------------------------

/** Matte painted / fabric / skin surfaces; colour per vertex (avatars, books, pots, plaster, paintwork). */
export const matteVC = new MeshStandardMaterial({ vertexColors: true, roughness: 0.85, metalness: 0 });
/** Satin surfaces (leather, lacquer, ceramic); colour per vertex. */
export const satinVC = new MeshStandardMaterial({ vertexColors: true, roughness: 0.42, metalness: 0 });
/** Any wood; the grain texture is tinted by the vertex colour. Use `mergeParts(..., { worldUV: 1.2 })`. */
export const woodVC = new MeshStandardMaterial({ vertexColors: true, roughness: 0.62, metalness: 0, map: woodGrainTex });
/** Plant leaves (double sided, slightly glossy); colour per vertex. */
export const leafVC = new MeshStandardMaterial({ vertexColors: true, roughness: 0.55, side: DoubleSide });
/** Metals, tinted per vertex (brass, steel, black iron). */
export const metalVC = new MeshStandardMaterial({ vertexColors: true, roughness: 0.32, metalness: 1 });
/** Self-lit surfaces (bulbs, LED strips, skylights); the vertex colour is the emitted colour. */
export const glowVC = new MeshBasicMaterial({ vertexColors: true, toneMapped: false });

/** Dark wooden floor planks (bar); world UV factor 0.625 gives one 1.6 m tile = 10 planks of 16 cm. */
export const floorDark = new MeshStandardMaterial({ map: darkPlankTex, roughness: 0.5, metalness: 0, color: '#ffffff' });
/** Pale oak planks (gallery). */
export const floorLight = new MeshStandardMaterial({ map: lightPlankTex, roughness: 0.4, metalness: 0, color: '#e8dccb' });
/** Exposed brick. */
export const brick = new MeshStandardMaterial({ map: brickTex, roughness: 0.9, metalness: 0 });
/** Gallery white plaster. */
export const plasterWhite = new MeshStandardMaterial({ color: '#f2efe9', roughness: 0.95, metalness: 0 });

/** Clear glassware (pint glass, tumbler). Transparent, reflective through the scene environment. */
export const glassClear = new MeshStandardMaterial({
  color: '#eaf3f5',
  roughness: 0.04,
  metalness: 0.1,
  transparent: true,
  opacity: 0.28,
  depthWrite: false,
  envMapIntensity: 2.5,
});
/** Coloured bottle glass (green, brown, amber): opaque, glossy, colour per vertex. */
export const bottleGlassVC = new MeshStandardMaterial({
  vertexColors: true,
  roughness: 0.08,
  metalness: 0.15,
  envMapIntensity: 2,
});
/** Clear bottle glass (spirits): see-through. */
export const bottleClearVC = new MeshStandardMaterial({
  vertexColors: true,
  roughness: 0.05,
  metalness: 0.1,
  transparent: true,
  opacity: 0.42,
  depthWrite: false,
  envMapIntensity: 2.5,
});
/** Beer: warm amber, slightly self-lit so it reads as liquid with light going through it. */
export const beerLiquid = new MeshStandardMaterial({
  color: '#e8991c',
  emissive: '#8a4a00',
  emissiveIntensity: 0.55,
  roughness: 0.15,
  metalness: 0,
});
/** Beer foam. */
export const beerFoam = new MeshStandardMaterial({ color: '#fbf5e6', roughness: 0.95, metalness: 0, emissive: '#3a342a' });

/** Soft contact shadow under objects (a radial gradient quad). */
export const contactShadow = new MeshBasicMaterial({
  color: '#000000',
  map: blobTex,
  transparent: true,
  opacity: 0.55,
  depthWrite: false,
});
/** Additive halo (neon glow, lamp glow); tint with a per-use clone or with `color`. */
export const glowHalo = new MeshBasicMaterial({
  map: glowTex,
  transparent: true,
  opacity: 0.5,
  depthWrite: false,
  blending: AdditiveBlending,
  toneMapped: false,
});

/** Tiles a repeating texture of a material (e.g. a floor) without touching the shared texture's other users. */
export function tiledTexture(tex: Texture | null, repeatX: number, repeatY: number): Texture | null {
  if (!tex) return null;
  const t = tex.clone();
  t.wrapS = RepeatWrapping;
  t.wrapT = RepeatWrapping;
  t.repeat.set(repeatX, repeatY);
  t.needsUpdate = true;
  return t;
}

// ---------------------------------------------------------------------------------------------------------------
// Geometry merging
// ---------------------------------------------------------------------------------------------------------------

export type Vec3 = [number, number, number];

/** One piece of a merged mesh: a template geometry (never mutated), placed, scaled and coloured. */
export interface Part {
  geometry: BufferGeometry;
  position?: Vec3;
  /** Euler XYZ, radians. */
  rotation?: Vec3;
  quaternion?: Quaternion;
  scale?: Vec3 | number;
  /** Vertex colour (sRGB hex or name). White if omitted. */
  color?: ColorRepresentation;
  /** Remaps the part's 0..1 UVs into this atlas rectangle [u0, v0, u1, v1]. */
  uvRect?: [number, number, number, number];
  /** Extra transform applied after position/rotation/scale (e.g. a parent group's matrix). */
  parent?: Matrix4;
}

export interface MergeOptions {
  /**
   * Replace UVs by box-projected world coordinates times this factor (texels per metre = factor × texture
   * size), so a grain or plank texture has the same density on every part. Parts with `uvRect` keep theirs.
   */
  worldUV?: number;
}

const tmpM = new Matrix4();
const tmpQ = new Quaternion();
const tmpE = new Euler();
const tmpV = new Vector3();
const tmpS = new Vector3();
const tmpC = new Color();

/** Bakes parts into one geometry with a `color` attribute: one draw call for any number of static pieces. */
export function mergeParts(parts: Part[], opts: MergeOptions = {}): BufferGeometry {
  const prepared: BufferGeometry[] = [];
  const anyNonIndexed = parts.some((p) => p.geometry.index === null);
  for (const p of parts) {
    let g = p.geometry.clone();
    if (anyNonIndexed && g.index) g = g.toNonIndexed();
    for (const name of Object.keys(g.attributes)) {
      if (name !== 'position' && name !== 'normal' && name !== 'uv') g.deleteAttribute(name);
    }
    if (!g.getAttribute('normal')) g.computeVertexNormals();
    if (!g.getAttribute('uv')) g.setAttribute('uv', new BufferAttribute(new Float32Array(g.getAttribute('position').count * 2), 2));
    if (p.quaternion) tmpQ.copy(p.quaternion);
    else tmpQ.setFromEuler(tmpE.set(...(p.rotation ?? [0, 0, 0])));
    tmpV.set(...(p.position ?? [0, 0, 0]));
    if (typeof p.scale === 'number') tmpS.setScalar(p.scale);
    else tmpS.set(...(p.scale ?? [1, 1, 1]));
    tmpM.compose(tmpV, tmpQ, tmpS);
    if (p.parent) tmpM.premultiply(p.parent);
    g.applyMatrix4(tmpM);

    const pos = g.getAttribute('position');
    const nor = g.getAttribute('normal');
    const uv = g.getAttribute('uv');
    const n = pos.count;
    if (p.uvRect) {
      const [u0, v0, u1, v1] = p.uvRect;
      for (let i = 0; i < n; i++) uv.setXY(i, u0 + uv.getX(i) * (u1 - u0), v0 + uv.getY(i) * (v1 - v0));
    } else if (opts.worldUV) {
      const k = opts.worldUV;
      for (let i = 0; i < n; i++) {
        const ax = Math.abs(nor.getX(i));
        const ay = Math.abs(nor.getY(i));
        const az = Math.abs(nor.getZ(i));
        if (ay >= ax && ay >= az) uv.setXY(i, pos.getX(i) * k, pos.getZ(i) * k);
        else if (ax >= az) uv.setXY(i, pos.getZ(i) * k, pos.getY(i) * k);
        else uv.setXY(i, pos.getX(i) * k, pos.getY(i) * k);
      }
    }
    tmpC.set(p.color ?? '#ffffff');
    const colors = new Float32Array(n * 3);
    for (let i = 0; i < n; i++) {
      colors[i * 3] = tmpC.r;
      colors[i * 3 + 1] = tmpC.g;
      colors[i * 3 + 2] = tmpC.b;
    }
    g.setAttribute('color', new BufferAttribute(colors, 3));
    prepared.push(g);
  }
  if (prepared.length === 0) return new BufferGeometry();
  const merged = mergeGeometries(prepared, false);
  prepared.forEach((g) => g.dispose());
  if (!merged) throw new Error('mergeParts: incompatible geometries');
  merged.computeBoundingSphere();
  return merged;
}

/** Quaternion turning +Y onto the direction from `a` to `b` (for capsules and rods between two points). */
export function alignY(a: Vector3, b: Vector3): Quaternion {
  return new Quaternion().setFromUnitVectors(new Vector3(0, 1, 0), b.clone().sub(a).normalize());
}
