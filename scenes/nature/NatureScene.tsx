import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import {
  AdditiveBlending,
  BackSide,
  BufferAttribute,
  BufferGeometry,
  ClampToEdgeWrapping,
  Color,
  ConeGeometry,
  CylinderGeometry,
  DoubleSide,
  Float32BufferAttribute,
  Group,
  IcosahedronGeometry,
  MeshBasicMaterial,
  MeshStandardMaterial,
  PlaneGeometry,
  Points,
  PointsMaterial,
  ShaderMaterial,
  SphereGeometry,
  Vector3,
} from 'three';
import { SpatialSound } from '../kit/audio/SpatialSound';
import { SceneEnvironment } from '../kit/Environment';
import { canvasTexture, contactShadow, matteVC, seededRandom, woodVC, type Part } from '../kit/materials';
import { blob, box, MergedMesh } from '../stress-home/bits';
import { SwayMaterial, swayTime, tickMaterials } from './sway';

/*
 * Relaxation scene: a forest clearing on the shore of a lake at golden hour. The patient sits on a log at the
 * origin facing -z, over the lake toward a low sun. Gentle motion only: grass, flowers and reeds sway in a soft
 * breeze, the water shimmers with a glitter path under the sun, clouds drift, a few motes of light float.
 *
 * Far away things are cheap tricks: the sky is a shader dome (its lower half is the sky's mirror image), the
 * far shore and hills are textured silhouette bands, each mirrored below the water, and the water is a
 * see-through shader whose opacity falls with the Fresnel term so those mirror images read as reflections.
 */

const SUN = new Vector3(0.3, 0.165, -1).normalize();
const WATER_Y = -0.55;

/** Ground height: a gentle clearing that slopes into the lake along a curved shore. */
function shoreZ(x: number) {
  return -4.6 - 0.035 * x * x;
}
function groundHeight(x: number, z: number) {
  const d = z - shoreZ(x); // > 0 on land
  const bumps = 0.05 * Math.sin(x * 0.7 + z * 0.3) + 0.035 * Math.sin(z * 1.1 - x * 0.4);
  if (d >= 0) {
    // the clearing is level around the patient and slopes gently down to the water
    const k = Math.min(1, d / 3.8);
    const slope = WATER_Y + 0.12 + (0.02 - WATER_Y - 0.12) * k * k * (3 - 2 * k);
    const rise = Math.max(0, Math.abs(x) - 6) * 0.08 + Math.max(0, z - 3) * 0.06;
    return slope + rise + bumps * k;
  }
  // Under water the bed shelves off steeply, so lines of sight over the lake meet only the mirrored world.
  return WATER_Y + 0.12 + d * 0.3 - Math.min(30, Math.max(0, -d - 1.2) ** 2 * 0.5);
}

// ---------------------------------------------------------------------------------------------------------------
// Sky and water shaders
// ---------------------------------------------------------------------------------------------------------------

const SKY_GLSL = `
  uniform vec3 uSun;
  uniform vec3 uZenith;
  uniform vec3 uHorizon;
  uniform vec3 uGlow;
  uniform vec3 uMid;
  vec3 skyColour(vec3 d) {
    float h = max(d.y, 0.0);
    vec3 c = mix(uHorizon, uMid, smoothstep(0.0, 0.12, h));
    c = mix(c, uZenith, smoothstep(0.08, 0.7, h));
    float s = max(dot(d, uSun), 0.0);
    c += uGlow * (pow(s, 6.0) * 0.55 + pow(s, 48.0) * 0.9);
    c += vec3(1.6, 1.35, 1.0) * smoothstep(0.99945, 0.9997, s) * 6.0;
    return c;
  }
`;

const skyUniforms = {
  uSun: { value: SUN },
  uZenith: { value: new Color('#6e9bd2') },
  uMid: { value: new Color('#f6cf9c') },
  uHorizon: { value: new Color('#ffb060') },
  uGlow: { value: new Color('#ff9440') },
};

const skyMat = new ShaderMaterial({
  uniforms: skyUniforms,
  vertexShader: `
    varying vec3 vDir;
    void main() {
      vDir = normalize(position);
      vec4 p = projectionMatrix * modelViewMatrix * vec4(position, 1.0);
      gl_Position = p.xyww;
    }`,
  fragmentShader: `
    ${SKY_GLSL}
    varying vec3 vDir;
    void main() {
      vec3 d = normalize(vDir);
      // Below the horizon: the sky's mirror image (seen through the water as its reflection).
      vec3 c = d.y >= 0.0 ? skyColour(d) : skyColour(vec3(d.x, -d.y, d.z)) * vec3(0.72, 0.76, 0.8);
      gl_FragColor = vec4(c, 1.0);
      #include <tonemapping_fragment>
      #include <colorspace_fragment>
    }`,
  side: BackSide,
  depthWrite: false,
});

const waterMat = new ShaderMaterial({
  uniforms: {
    ...skyUniforms,
    uTime: swayTime,
    uDeep: { value: new Color('#1c3440') },
    uShallow: { value: new Color('#2e4436') },
    uSunColour: { value: new Color('#ffd8a0') },
  },
  vertexShader: `
    varying vec3 vWorld;
    void main() {
      vec4 w = modelMatrix * vec4(position, 1.0);
      vWorld = w.xyz;
      gl_Position = projectionMatrix * viewMatrix * w;
    }`,
  fragmentShader: `
    ${SKY_GLSL}
    uniform float uTime;
    uniform vec3 uDeep;
    uniform vec3 uShallow;
    uniform vec3 uSunColour;
    varying vec3 vWorld;
    // Slope of a few travelling wave trains (a calm lake).
    vec2 slope(vec2 p, float t) {
      vec2 g = vec2(0.0);
      g += vec2(0.8, 0.6) * cos(dot(p, vec2(0.8, 0.6)) * 1.9 + t * 1.3) * 0.5;
      g += vec2(-0.5, 0.85) * cos(dot(p, vec2(-0.5, 0.85)) * 2.7 + t * 1.7) * 0.35;
      g += vec2(0.2, -0.98) * cos(dot(p, vec2(0.2, -0.98)) * 4.3 + t * 2.3) * 0.22;
      g += vec2(0.95, -0.3) * cos(dot(p, vec2(0.95, -0.3)) * 7.1 + t * 3.1) * 0.12;
      return g;
    }
    void main() {
      vec3 toEye = cameraPosition - vWorld;
      float dist = length(toEye);
      vec3 V = toEye / dist;
      float strength = 0.11 / (1.0 + dist * 0.05);
      vec2 g = slope(vWorld.xz, uTime) * strength;
      vec3 N = normalize(vec3(-g.x, 1.0, -g.y));
      float cosT = max(dot(V, N), 0.0);
      float fres = 0.02 + 0.98 * pow(1.0 - cosT, 5.0);
      vec3 R = reflect(-V, N);
      R.y = abs(R.y);
      // Glitter: sharp highlights where ripples catch the sun.
      float spec = pow(max(dot(R, uSun), 0.0), 420.0) * 14.0 + pow(max(dot(R, uSun), 0.0), 60.0) * 0.6;
      vec3 body = mix(uShallow, uDeep, smoothstep(2.0, 25.0, dist));
      // A hint of sky shimmer on the ripples, on top of what shows through (the mirrored world).
      vec3 shimmer = skyColour(R) * 0.12 * (1.0 - fres);
      float a = clamp(1.0 - fres * 0.93, 0.0, 1.0);
      vec3 c = body + shimmer + uSunColour * spec / max(a, 0.15);
      gl_FragColor = vec4(c, a);
      #include <tonemapping_fragment>
      #include <colorspace_fragment>
    }`,
  transparent: true,
  depthWrite: false,
});

// ---------------------------------------------------------------------------------------------------------------
// Textures
// ---------------------------------------------------------------------------------------------------------------

/** Tree line silhouettes (alpha), tileable horizontally. */
function drawTreeLine(seed: number, tones: string[], minH: number, maxH: number) {
  return (ctx: CanvasRenderingContext2D, w: number, h: number) => {
    const rnd = seededRandom(seed);
    ctx.clearRect(0, 0, w, h);
    const g = ctx.createLinearGradient(0, 0, 0, h);
    g.addColorStop(0, tones[0]!);
    g.addColorStop(1, tones[1]!);
    ctx.fillStyle = g;
    // rolling canopy of rounded and pointed crowns
    for (let x = -20; x < w + 20; ) {
      const th = h * (minH + rnd() * (maxH - minH));
      const tw = 14 + rnd() * 26;
      const pine = rnd() < 0.45;
      ctx.beginPath();
      if (pine) {
        ctx.moveTo(x - tw * 0.6, h);
        ctx.lineTo(x, h - th);
        ctx.lineTo(x + tw * 0.6, h);
      } else {
        ctx.ellipse(x, h - th * 0.62, tw * 0.85, th * 0.45, 0, 0, Math.PI * 2);
        ctx.rect(x - tw * 0.85, h - th * 0.62, tw * 1.7, th * 0.62);
      }
      ctx.fill();
      x += tw * (0.5 + rnd() * 0.5);
    }
    // wrap the edges so the band tiles
    const edge = ctx.getImageData(0, 0, 24, h);
    ctx.putImageData(edge, w - 24, 0);
  };
}

function drawHills(ctx: CanvasRenderingContext2D, w: number, h: number) {
  ctx.clearRect(0, 0, w, h);
  const layers: [string, number, number][] = [
    ['#b39ab0', 0.35, 1],
    ['#9a8aa6', 0.55, 2],
  ];
  for (const [c, top, seed] of layers) {
    const rnd = seededRandom(seed + 60);
    const k = [rnd() * 6, rnd() * 6];
    ctx.fillStyle = c;
    ctx.beginPath();
    ctx.moveTo(0, h);
    for (let x = 0; x <= w; x += 4) {
      const u = (x / w) * Math.PI * 2;
      const y = h * (top + 0.18 * Math.sin(u * 2 + k[0]!) + 0.1 * Math.sin(u * 5 + k[1]!) + 0.05 * Math.sin(u * 11));
      ctx.lineTo(x, Math.max(0, y));
    }
    ctx.lineTo(w, h);
    ctx.fill();
  }
}

function drawCloud(ctx: CanvasRenderingContext2D, w: number, h: number) {
  ctx.clearRect(0, 0, w, h);
  const rnd = seededRandom(91);
  for (let i = 0; i < 26; i++) {
    const x = w * (0.15 + rnd() * 0.7);
    const y = h * (0.45 + (rnd() - 0.5) * 0.35);
    const r = w * (0.06 + rnd() * 0.12);
    const g = ctx.createRadialGradient(x, y, 0, x, y, r);
    const top = y < h * 0.45;
    g.addColorStop(0, top ? 'rgba(255,244,226,0.8)' : 'rgba(238,178,150,0.75)');
    g.addColorStop(1, 'rgba(255,220,190,0)');
    ctx.fillStyle = g;
    ctx.fillRect(x - r, y - r, r * 2, r * 2);
  }
}

function drawGrassGround(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const rnd = seededRandom(93);
  ctx.fillStyle = '#5e7a34';
  ctx.fillRect(0, 0, w, h);
  for (let i = 0; i < 12000; i++) {
    const v = rnd();
    ctx.fillStyle = v < 0.33 ? 'rgba(140,160,70,0.35)' : v < 0.66 ? 'rgba(60,80,30,0.35)' : 'rgba(170,150,80,0.25)';
    ctx.fillRect(rnd() * w, rnd() * h, 1 + rnd() * 2, 2 + rnd() * 4);
  }
}

function drawMote(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const g = ctx.createRadialGradient(w / 2, h / 2, 0, w / 2, h / 2, w / 2);
  g.addColorStop(0, 'rgba(255,240,200,1)');
  g.addColorStop(0.3, 'rgba(255,210,140,0.45)');
  g.addColorStop(1, 'rgba(255,200,120,0)');
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, w, h);
}

const treeLineTex = canvasTexture(1024, 128, drawTreeLine(71, ['#3c4f32', '#22301f'], 0.45, 0.95), true);
const farTreeTex = canvasTexture(1024, 128, drawTreeLine(73, ['#6f7a5e', '#56634c'], 0.3, 0.8), true);
const hillsTex = canvasTexture(1024, 128, drawHills, true);
const cloudTex = canvasTexture(256, 128, drawCloud);
const groundTex = canvasTexture(512, 512, drawGrassGround, true);
const moteTex = canvasTexture(64, 64, drawMote);

const groundMat = new MeshStandardMaterial({ map: groundTex, roughness: 0.95, metalness: 0, color: '#d8e0c0' });
const grassMat = new SwayMaterial({ vertexColors: true, roughness: 0.8, side: DoubleSide }, { amplitude: 0.07, frequency: 1.6, baseY: 0, height: 1, wave: 0.45, attribute: true });
const reedMat = new SwayMaterial({ vertexColors: true, roughness: 0.75, side: DoubleSide }, { amplitude: 0.12, frequency: 1.1, baseY: 0, height: 1, wave: 0.35, attribute: true });
const foliageMat = new SwayMaterial({ vertexColors: true, roughness: 0.8 }, { amplitude: 0.05, frequency: 0.7, baseY: 2.0, height: 8, wave: 0.12 });
const cloudMat = new MeshBasicMaterial({ map: cloudTex, transparent: true, depthWrite: false, fog: false, color: '#ffffff' });
/** The dock's mirror image (unlit, a little darker; both faces, since it is seen from below). */
const mirroredWood = new MeshBasicMaterial({ vertexColors: true, color: '#8a7a66', side: DoubleSide });
const moteMat = new PointsMaterial({ map: moteTex, size: 0.05, transparent: true, depthWrite: false, blending: AdditiveBlending, color: '#e8b060', toneMapped: false, sizeAttenuation: true });

function bandMaterial(map: typeof treeLineTex, colour: string) {
  if (map) map.wrapT = ClampToEdgeWrapping;
  return new MeshBasicMaterial({ map, color: colour, alphaTest: 0.5, side: DoubleSide });
}
const treeLineMat = bandMaterial(treeLineTex, '#ffffff');
const farTreeMat = bandMaterial(farTreeTex, '#ffffff');
const hillsMat = bandMaterial(hillsTex, '#ffffff');

// ---------------------------------------------------------------------------------------------------------------
// Far scenery: silhouette bands and their mirror images
// ---------------------------------------------------------------------------------------------------------------

/** An open cylinder band (inside faces) of `radius`, from `y0` to `y1`, over the front arc, with `repeat` tiles. */
function bandGeometry(radius: number, y0: number, y1: number, arc: number, repeat: number) {
  const g = new CylinderGeometry(radius, radius, y1 - y0, 96, 1, true, Math.PI - arc / 2, arc);
  g.translate(0, (y0 + y1) / 2, 0);
  const uv = g.getAttribute('uv');
  for (let i = 0; i < uv.count; i++) uv.setX(i, uv.getX(i) * repeat);
  return g;
}

function Band({ radius, y0, y1, arc, repeat, material }: { radius: number; y0: number; y1: number; arc: number; repeat: number; material: MeshBasicMaterial }) {
  const geo = useMemo(() => bandGeometry(radius, y0, y1, arc, repeat), [radius, y0, y1, arc, repeat]);
  useEffect(() => () => geo.dispose(), [geo]);
  return (
    <>
      <mesh geometry={geo} material={material} />
      {/* mirror image under the water */}
      <mesh geometry={geo} material={material} scale={[1, -1, 1]} position={[0, 2 * WATER_Y, 0]} />
    </>
  );
}

function Clouds() {
  const g = useRef<Group>(null);
  const parts = useMemo<Part[]>(() => {
    const rnd = seededRandom(97);
    const out: Part[] = [];
    const plane = new PlaneGeometry(1, 1);
    for (let i = 0; i < 14; i++) {
      const az = (rnd() - 0.5) * Math.PI * 1.6 + Math.PI;
      const el = 0.06 + rnd() * 0.3;
      const r = 150;
      const x = Math.sin(az) * Math.cos(el) * r;
      const z = Math.cos(az) * Math.cos(el) * r;
      const y = Math.sin(el) * r;
      const w = 40 + rnd() * 50;
      out.push({ geometry: plane, position: [x, y, z], rotation: [0, az + Math.PI, 0], scale: [w, w * (0.3 + rnd() * 0.15), 1] });
    }
    return out;
  }, []);
  useFrame(() => {
    if (g.current) g.current.rotation.y = ((performance.now() / 1000) * 0.0025) % (Math.PI * 2);
  });
  return (
    <group ref={g}>
      <MergedMesh parts={parts} material={cloudMat} renderOrder={-1} />
    </group>
  );
}

// ---------------------------------------------------------------------------------------------------------------
// Near scenery: ground, grass and reeds, trees, the dock and the log
// ---------------------------------------------------------------------------------------------------------------

function groundGeometry() {
  const g = new PlaneGeometry(170, 110, 85, 55);
  g.rotateX(-Math.PI / 2);
  g.translate(0, 0, 15);
  const p = g.getAttribute('position');
  const uv = g.getAttribute('uv');
  for (let i = 0; i < p.count; i++) {
    const x = p.getX(i);
    const z = p.getZ(i);
    p.setY(i, groundHeight(x, z));
    uv.setXY(i, x * 0.35, z * 0.35);
  }
  g.computeVertexNormals();
  return g;
}

/** Blades as single bent triangles pairs, coloured dark at the root and golden at the tip; flowers and reeds. */
function buildGrass() {
  const rnd = seededRandom(131);
  const grass = { pos: [] as number[], col: [] as number[], nor: [] as number[], bend: [] as number[] };
  const reeds = { pos: [] as number[], col: [] as number[], nor: [] as number[], bend: [] as number[] };
  const base = new Color();
  const tip = new Color();
  /** `k`: how far up its blade the vertex is (0 root … 1 tip), weights the sway. */
  const push = (t: typeof grass, x: number, y: number, z: number, c: Color, k = 1) => {
    t.pos.push(x, y, z);
    t.col.push(c.r, c.g, c.b);
    t.nor.push(0, 1, 0);
    t.bend.push(k * scaleOf(t));
  };
  const scaleOf = (t: typeof grass) => (t === reeds ? 1 : 0.6);
  const blade = (t: typeof grass, x: number, z: number, h: number, w: number, c0: string, c1: string) => {
    const y = groundHeight(x, z) - 0.02;
    const a = rnd() * Math.PI;
    const dx = Math.cos(a) * w;
    const dz = Math.sin(a) * w;
    const lean = (rnd() - 0.5) * h * 0.35;
    const lx = Math.cos(a + 1.57) * lean;
    const lz = Math.sin(a + 1.57) * lean;
    base.set(c0);
    tip.set(c1);
    const mid = base.clone().lerp(tip, 0.55);
    // lower quad (two triangles) and a tip triangle
    const my = y + h * 0.55;
    const hk = Math.min(1, h / 0.6);
    push(t, x - dx, y, z - dz, base, 0);
    push(t, x + dx, y, z + dz, base, 0);
    push(t, x + dx * 0.6 + lx * 0.4, my, z + dz * 0.6 + lz * 0.4, mid, 0.55 * hk);
    push(t, x - dx, y, z - dz, base, 0);
    push(t, x + dx * 0.6 + lx * 0.4, my, z + dz * 0.6 + lz * 0.4, mid, 0.55 * hk);
    push(t, x - dx * 0.6 + lx * 0.4, my, z - dz * 0.6 + lz * 0.4, mid, 0.55 * hk);
    push(t, x - dx * 0.6 + lx * 0.4, my, z - dz * 0.6 + lz * 0.4, mid, 0.55 * hk);
    push(t, x + dx * 0.6 + lx * 0.4, my, z + dz * 0.6 + lz * 0.4, mid, 0.55 * hk);
    push(t, x + lx, y + h, z + lz, tip, hk);
  };
  const flower = (x: number, z: number, h: number, colour: string) => {
    blade(grass, x, z, h, 0.004, '#3f5a22', '#5f7a30');
    const y = groundHeight(x, z) - 0.02 + h;
    const c = new Color(colour);
    const r = 0.022;
    for (let k = 0; k < 5; k++) {
      const a0 = (k / 5) * Math.PI * 2;
      const a1 = a0 + 0.9;
      const hk = Math.min(1, h / 0.6);
      push(grass, x, y + 0.004, z, c, hk);
      push(grass, x + Math.cos(a0) * r, y, z + Math.sin(a0) * r, c, hk);
      push(grass, x + Math.cos(a1) * r, y, z + Math.sin(a1) * r, c, hk);
    }
  };
  // Meadow in the clearing (denser near the patient, thinning out)
  for (let i = 0; i < 7500; i++) {
    const r = rnd() ** 0.7 * 11;
    const a = rnd() * Math.PI * 2;
    const x = Math.cos(a) * r * 1.3;
    const z = Math.sin(a) * r * 0.9 - 0.5;
    if (z < shoreZ(x) + 0.3) continue;
    if (Math.hypot(x, z) < 0.55) continue; // keep the patient's feet and log clear
    // short near the patient (a sitting spot), taller toward the edges of the clearing
    const h = 0.07 + rnd() * 0.1 + Math.min(1, r / 7) * (0.08 + rnd() * 0.22);
    const warm = rnd();
    blade(grass, x, z, h, 0.012 + rnd() * 0.008, warm < 0.5 ? '#3e5a22' : '#4a6426', warm < 0.3 ? '#c8b260' : warm < 0.7 ? '#9ab04a' : '#b8c060');
  }
  for (let i = 0; i < 260; i++) {
    const x = (rnd() - 0.5) * 14;
    const z = -0.5 + (rnd() - 0.6) * 7;
    if (z < shoreZ(x) + 0.6 || Math.hypot(x, z) < 0.8) continue;
    flower(x, z, 0.2 + rnd() * 0.2, ['#f6f2e6', '#f2d24a', '#b08ad8', '#f0f0ff', '#e88a6a'][Math.floor(rnd() * 5)]!);
  }
  // Reeds and cattails along the shore, leaving the view over the water open in the middle
  for (let i = 0; i < 900; i++) {
    const x = (rnd() - 0.5) * 24;
    if (Math.abs(x) < 1.6 && rnd() < 0.85) continue;
    const z = shoreZ(x) + (rnd() - 0.65) * 1.1;
    const h = 0.6 + rnd() * 0.9;
    blade(reeds, x, z, h, 0.01, '#4a5a2a', rnd() < 0.5 ? '#b8a860' : '#8a9a4a');
    if (rnd() < 0.12) {
      // cattail head
      const y = groundHeight(x, z) + h * 0.85;
      const c = new Color('#5a3a22');
      for (let k = 0; k < 6; k++) {
        const a0 = (k / 6) * Math.PI * 2;
        const a1 = ((k + 1) / 6) * Math.PI * 2;
        const r = 0.015;
        push(reeds, x + Math.cos(a0) * r, y, z + Math.sin(a0) * r, c);
        push(reeds, x + Math.cos(a1) * r, y, z + Math.sin(a1) * r, c);
        push(reeds, x + Math.cos(a1) * r, y + 0.12, z + Math.sin(a1) * r, c);
        push(reeds, x + Math.cos(a0) * r, y, z + Math.sin(a0) * r, c);
        push(reeds, x + Math.cos(a1) * r, y + 0.12, z + Math.sin(a1) * r, c);
        push(reeds, x + Math.cos(a0) * r, y + 0.12, z + Math.sin(a0) * r, c);
      }
    }
  }
  const make = (t: typeof grass) => {
    const g = new BufferGeometry();
    g.setAttribute('position', new Float32BufferAttribute(t.pos, 3));
    g.setAttribute('normal', new Float32BufferAttribute(t.nor, 3));
    g.setAttribute('color', new Float32BufferAttribute(t.col, 3));
    g.setAttribute('aSway', new Float32BufferAttribute(t.bend, 1));
    g.computeBoundingSphere();
    return g;
  };
  return { grass: make(grass), reeds: make(reeds) };
}

const ICO = new IcosahedronGeometry(1, 1);
const CONE = new ConeGeometry(1, 1, 9, 1);
const CYL = new CylinderGeometry(1, 1, 1, 8, 1);

function buildTrees() {
  const rnd = seededRandom(151);
  const trunks: Part[] = [];
  const foliage: Part[] = [];
  const shadow: Part[] = [];
  const pine = (x: number, z: number, s: number) => {
    const y = groundHeight(x, z);
    trunks.push({ geometry: CYL, position: [x, y + 1.2 * s, z], scale: [0.16 * s, 2.4 * s, 0.16 * s], color: '#4a3526' });
    const tones = ['#2f4a2c', '#385a32', '#2a4228'];
    for (let k = 0; k < 4; k++) {
      const h = (2.6 - k * 0.45) * s;
      const r = (1.5 - k * 0.3) * s;
      foliage.push({ geometry: CONE, position: [x, y + (1.3 + k * 1.35) * s + h / 2, z], rotation: [0, rnd() * 3, 0], scale: [r, h, r], color: tones[k % 3]! });
    }
    blob(shadow, x, z, 3 * s, 3 * s, y + 0.02);
  };
  const broadleaf = (x: number, z: number, s: number) => {
    const y = groundHeight(x, z);
    trunks.push({ geometry: CYL, position: [x, y + 1.5 * s, z], rotation: [(rnd() - 0.5) * 0.1, 0, (rnd() - 0.5) * 0.1], scale: [0.2 * s, 3 * s, 0.2 * s], color: '#5a4634' });
    const tones = ['#5a7a32', '#6a8a3a', '#4a6a2a', '#7a8a3a'];
    for (let k = 0; k < 7; k++) {
      const r = (0.9 + rnd() * 0.8) * s;
      foliage.push({
        geometry: ICO,
        position: [x + (rnd() - 0.5) * 2.2 * s, y + (3.2 + rnd() * 2.2) * s, z + (rnd() - 0.5) * 2.2 * s],
        rotation: [rnd() * 3, rnd() * 3, 0],
        scale: [r, r * 0.85, r],
        color: tones[k % 4]!,
      });
    }
    blob(shadow, x, z, 4 * s, 4 * s, y + 0.02);
  };
  const plant = (x: number, z: number) => {
    if (z < shoreZ(x) + 1.2) return;
    if (Math.hypot(x * 0.8, z + 1) < 5.2) return; // the clearing
    const s = 0.8 + rnd() * 0.6;
    if (rnd() < 0.5) pine(x, z, s);
    else broadleaf(x, z, s);
  };
  // Framing groves on both sides along the shore, and the wood behind the patient
  for (let i = 0; i < 70; i++) {
    const side = rnd() < 0.5 ? -1 : 1;
    plant(side * (5 + rnd() * 20), -10 + rnd() * 13);
  }
  for (let i = 0; i < 80; i++) plant((rnd() - 0.5) * 50, 4 + rnd() * 22);
  // Two trees placed by hand to frame the view
  broadleaf(-4.6, -2.6, 1.1);
  pine(6.6, -3.9, 1.15);
  return { trunks, foliage, shadow };
}

function buildProps() {
  const wood: Part[] = [];
  const dock: Part[] = [];
  const stone: Part[] = [];
  const shadow: Part[] = [];
  // The log the patient sits on
  wood.push({ geometry: new CylinderGeometry(0.2, 0.22, 2.2, 14), position: [0, 0.24, 0.08], rotation: [0, 0.05, Math.PI / 2], color: '#7a5a3e' });
  wood.push({ geometry: new CylinderGeometry(0.05, 0.07, 0.3, 8), position: [0.7, 0.14, 0.3], rotation: [0.9, 0, 0.2], color: '#6a4a30' });
  wood.push({ geometry: new CylinderGeometry(0.19, 0.19, 0.01, 14), position: [1.1, 0.24, 0.13], rotation: [0, 0.05, Math.PI / 2], color: '#c8a57a' });
  wood.push({ geometry: new CylinderGeometry(0.19, 0.19, 0.01, 14), position: [-1.1, 0.24, 0.03], rotation: [0, 0.05, Math.PI / 2], color: '#c8a57a' });
  blob(shadow, 0, 0.1, 2.8, 0.9, groundHeight(0, 0.1) + 0.01);
  // A small wooden dock going out into the lake on the right
  const dx = 2.6;
  const z0 = shoreZ(dx) + 1.6;
  const z1 = z0 - 7;
  for (let z = z0; z > z1; z -= 0.16) box(dock, dx - 0.6, WATER_Y + 0.36, z - 0.14, dx + 0.6, WATER_Y + 0.4, z, Math.round(z / 0.16) % 2 ? '#8a6a4a' : '#7d5e42');
  for (let z = z0 - 0.1; z > z1; z -= 1.5) {
    for (const sx of [-0.55, 0.55]) dock.push({ geometry: CYL, position: [dx + sx, WATER_Y + 0.17, z], scale: [0.07, 0.4, 0.07], color: '#5a4030' });
  }
  // Stones by the water
  const rnd = seededRandom(171);
  for (let i = 0; i < 14; i++) {
    const x = (rnd() - 0.5) * 9;
    const z = shoreZ(x) + (rnd() - 0.5) * 0.9;
    const s = 0.12 + rnd() * 0.3;
    stone.push({ geometry: ICO, position: [x, groundHeight(x, z) + s * 0.2, z], rotation: [rnd() * 3, rnd() * 3, 0], scale: [s * 1.3, s * 0.6, s], color: ['#6e6a60', '#7a7468', '#625e56'][i % 3]! });
  }
  return { wood, dock, stone, shadow };
}

function Motes() {
  const ref = useRef<Points>(null);
  const data = useMemo(() => {
    const rnd = seededRandom(191);
    const n = 34;
    const seeds = Array.from({ length: n }, () => ({ x: (rnd() - 0.5) * 8, y: 0.35 + rnd() * 1.4, z: -1.2 - rnd() * 3.5, ph: rnd() * 6, r: 0.2 + rnd() * 0.4 }));
    const geo = new BufferGeometry();
    geo.setAttribute('position', new BufferAttribute(new Float32Array(n * 3), 3));
    return { seeds, geo };
  }, []);
  useEffect(() => () => data.geo.dispose(), [data]);
  useFrame(() => {
    const t = performance.now() / 1000;
    const p = data.geo.getAttribute('position') as BufferAttribute;
    data.seeds.forEach((s, i) => {
      p.setXYZ(i, s.x + Math.sin(t * 0.13 + s.ph) * s.r, s.y + Math.sin(t * 0.21 + s.ph * 2) * 0.25, s.z + Math.cos(t * 0.11 + s.ph) * s.r);
    });
    p.needsUpdate = true;
  });
  return <points ref={ref} geometry={data.geo} material={moteMat} frustumCulled={false} renderOrder={5} />;
}

function Clock() {
  useFrame(tickMaterials);
  return null;
}

/** A forest clearing by a lake at golden hour (level 0 only). */
export function NatureScene() {
  const ground = useMemo(groundGeometry, []);
  const grass = useMemo(buildGrass, []);
  const trees = useMemo(buildTrees, []);
  const props = useMemo(buildProps, []);
  const sky = useMemo(() => new SphereGeometry(180, 48, 24), []);
  // Subdivided (not a fan of long thin triangles) so the per-pixel water maths interpolates evenly, and only
  // from just before the shore outward: nothing of it passes under or behind the viewer.
  const water = useMemo(() => new PlaneGeometry(340, 172, 68, 43).rotateX(-Math.PI / 2).translate(0, 0, -3 - 86), []);
  useEffect(
    () => () => {
      for (const g of [ground, grass.grass, grass.reeds, sky, water]) g.dispose();
    },
    [ground, grass, sky, water],
  );
  const shadows = useMemo(() => [...trees.shadow, ...props.shadow], [trees, props]);
  const sunAt = SUN.clone().multiplyScalar(60);
  return (
    <>
      <SceneEnvironment intensity={0.45} background="#f0c79a" />
      <fog attach="fog" args={['#e9bd92', 35, 175]} />
      <hemisphereLight args={['#ffd8b0', '#55603a', 1.0]} />
      <directionalLight position={[sunAt.x, sunAt.y, sunAt.z]} color="#ffb36b" intensity={2.4} />
      <directionalLight position={[-20, 30, 40]} color="#9fb6e0" intensity={0.35} />
      <Clock />
      <group name="cue:lake" userData={{ cueId: 'lake', minLevel: 0 }}>
        <mesh geometry={sky} material={skyMat} renderOrder={-2} frustumCulled={false} />
        <Clouds />
        <Band radius={125} y0={WATER_Y - 1} y1={22} arc={Math.PI * 1.3} repeat={3} material={hillsMat} />
        <Band radius={85} y0={WATER_Y - 0.5} y1={9} arc={Math.PI * 2} repeat={12} material={farTreeMat} />
        <Band radius={62} y0={WATER_Y - 0.5} y1={11} arc={Math.PI * 0.9} repeat={6} material={treeLineMat} />
        <mesh geometry={ground} material={groundMat} />
        <mesh geometry={water} material={waterMat} position={[0, WATER_Y, 0]} renderOrder={1} />
        <mesh geometry={grass.grass} material={grassMat} />
        <mesh geometry={grass.reeds} material={reedMat} />
        <MergedMesh parts={trees.trunks} material={woodVC} worldUV={0.8} />
        <MergedMesh parts={trees.foliage} material={foliageMat} />
        <MergedMesh parts={props.wood} material={woodVC} worldUV={1.2} />
        <MergedMesh parts={props.dock} material={woodVC} worldUV={1.2} />
        <group position={[0, 2 * WATER_Y, 0]} scale={[1, -1, 1]}>
          <MergedMesh parts={props.dock} material={mirroredWood} />
        </group>
        <MergedMesh parts={props.stone} material={matteVC} />
        <MergedMesh parts={shadows} material={contactShadow} renderOrder={2} />
        <Motes />
      </group>
      {/* small waves at the shore ahead, wind in the trees behind, birds on either side */}
      <SpatialSound id="water" sound="water-lapping" position={[0.6, WATER_Y + 0.1, -3.4]} volume={0.3} refDistance={2} />
      <SpatialSound id="wind" sound="wind" position={[0, 4, 4]} volume={0.22} refDistance={5} />
      <SpatialSound id="birds" sound="birds" position={[-7, 5, -2]} volume={0.25} refDistance={4} />
      <SpatialSound id="birds-far" sound="birds" position={[8, 6, 2.5]} volume={0.15} refDistance={4} />
    </>
  );
}

