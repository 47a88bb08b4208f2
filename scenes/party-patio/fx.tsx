import { useEffect, useImperativeHandle, useMemo, useRef, type Ref } from 'react';
import {
  AdditiveBlending,
  BoxGeometry,
  CylinderGeometry,
  DoubleSide,
  InstancedBufferAttribute,
  LatheGeometry,
  Matrix4,
  MeshBasicMaterial,
  PlaneGeometry,
  Quaternion,
  SphereGeometry,
  TorusGeometry,
  SpriteMaterial,
  Vector2,
  Vector3,
  type Camera,
  type ColorRepresentation,
  type InstancedMesh,
  type Material,
  type Mesh,
  type Sprite,
  type WebGLProgramParametersWithUniforms,
} from 'three';
import { canvasTexture, glowHalo, glowVC, matteVC, mergeParts, metalVC, satinVC, seededRandom, type Part } from '../kit/materials';

/*
 * Shared effects and small props for the CueRoom substance scenes (party patio, paraphernalia room, nightclub):
 * merged-mesh helper, keyframe easing, an instanced smoke system (one draw call), a joint and a lighter.
 */

// ---------------------------------------------------------------------------------------------------------------
// Merging
// ---------------------------------------------------------------------------------------------------------------

export function MergedMesh({
  parts,
  material,
  worldUV,
  renderOrder,
}: {
  parts: Part[];
  material: Material;
  worldUV?: number;
  renderOrder?: number;
}) {
  const geo = useMemo(() => mergeParts(parts, worldUV ? { worldUV } : {}), [parts, worldUV]);
  useEffect(() => () => geo.dispose(), [geo]);
  if (parts.length === 0) return null;
  return <mesh geometry={geo} material={material} renderOrder={renderOrder ?? 0} />;
}

// ---------------------------------------------------------------------------------------------------------------
// Keyframes
// ---------------------------------------------------------------------------------------------------------------

export const clamp01 = (x: number) => (x < 0 ? 0 : x > 1 ? 1 : x);
export const smooth = (x: number) => {
  const c = clamp01(x);
  return c * c * (3 - 2 * c);
};

/** Piecewise value through `keys` ([time, value], ascending), eased between keys, held outside. */
export function track(t: number, keys: readonly (readonly [number, number])[]): number {
  const first = keys[0];
  if (!first) return 0;
  if (t <= first[0]) return first[1];
  for (let i = 1; i < keys.length; i++) {
    const b = keys[i]!;
    if (t < b[0]) {
      const a = keys[i - 1]!;
      return a[1] + (b[1] - a[1]) * smooth((t - a[0]) / (b[0] - a[0]));
    }
  }
  return keys[keys.length - 1]![1];
}

/** 0→1 ease between t0 and t1, back 1→0 between t2 and t3 (a "hold" window). */
export function hold(t: number, t0: number, t1: number, t2: number, t3: number): number {
  if (t <= t0 || t >= t3) return 0;
  if (t < t1) return smooth((t - t0) / (t1 - t0));
  if (t <= t2) return 1;
  return 1 - smooth((t - t2) / (t3 - t2));
}

// ---------------------------------------------------------------------------------------------------------------
// Smoke: soft camera-facing puffs, one instanced draw call, alpha per puff
// ---------------------------------------------------------------------------------------------------------------

function drawPuff(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const rnd = seededRandom(77);
  ctx.clearRect(0, 0, w, h);
  for (let i = 0; i < 9; i++) {
    const r = w * (0.16 + rnd() * 0.16);
    const x = w / 2 + (rnd() - 0.5) * w * 0.3;
    const y = h / 2 + (rnd() - 0.5) * h * 0.3;
    const g = ctx.createRadialGradient(x, y, 0, x, y, r);
    g.addColorStop(0, 'rgba(255,255,255,0.3)');
    g.addColorStop(0.5, 'rgba(255,255,255,0.12)');
    g.addColorStop(1, 'rgba(255,255,255,0)');
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, w, h);
  }
}
const puffTex = canvasTexture(128, 128, drawPuff);

/** MeshBasicMaterial reading a per-instance `aAlpha`; a class so the Cue's clone keeps the shader patch. */
export class SmokeMaterial extends MeshBasicMaterial {
  override onBeforeCompile(shader: WebGLProgramParametersWithUniforms) {
    shader.vertexShader = shader.vertexShader
      .replace('#include <common>', '#include <common>\nattribute float aAlpha;\nvarying float vAlpha;')
      .replace('#include <begin_vertex>', '#include <begin_vertex>\nvAlpha = aAlpha;');
    shader.fragmentShader = shader.fragmentShader
      .replace('#include <common>', '#include <common>\nvarying float vAlpha;')
      .replace('#include <map_fragment>', '#include <map_fragment>\ndiffuseColor.a *= vAlpha;');
  }
  override customProgramCacheKey(): string {
    return 'cueroom-smoke';
  }
}

export interface SmokeSink {
  /** Adds one puff at a scene position, `size` metres across, `alpha` 0..1. */
  puff(pos: Vector3, size: number, alpha: number, spin?: number): void;
}

export interface SmokeHandle extends SmokeSink {
  begin(): void;
  end(camera: Camera): void;
}

const sm = new Matrix4();
const sq = new Quaternion();
const sz = new Quaternion();
const ss = new Vector3();
const Z = new Vector3(0, 0, 1);
const PUFF_PLANE = new PlaneGeometry(1, 1);

/** Up to `max` puffs filled every frame by the scene's director (`begin`, `puff`…, `end`). */
export function Smoke({ max = 96, color = '#d7d4cf', opacity = 0.55, ref }: { max?: number; color?: ColorRepresentation; opacity?: number; ref?: Ref<SmokeHandle | null> }) {
  const mesh = useRef<InstancedMesh>(null);
  const geometry = useMemo(() => {
    const g = PUFF_PLANE.clone();
    g.setAttribute('aAlpha', new InstancedBufferAttribute(new Float32Array(max), 1));
    return g;
  }, [max]);
  const material = useMemo(
    () => new SmokeMaterial({ map: puffTex, color, transparent: true, opacity, depthWrite: false, side: DoubleSide }),
    [color, opacity],
  );
  useEffect(() => () => geometry.dispose(), [geometry]);
  useEffect(() => () => material.dispose(), [material]);

  const state = useRef({ n: 0, pos: new Float32Array(max * 3), size: new Float32Array(max), spin: new Float32Array(max) });

  const handle = useMemo<SmokeHandle>(
    () => ({
      begin() {
        state.current.n = 0;
      },
      puff(pos, size, alpha, spin = 0) {
        const s = state.current;
        const m = mesh.current;
        if (!m || s.n >= max || alpha <= 0.003 || size <= 0) return;
        s.pos[s.n * 3] = pos.x;
        s.pos[s.n * 3 + 1] = pos.y;
        s.pos[s.n * 3 + 2] = pos.z;
        s.size[s.n] = size;
        s.spin[s.n] = spin;
        (geometry.getAttribute('aAlpha') as InstancedBufferAttribute).setX(s.n, Math.min(1, alpha));
        s.n++;
      },
      end(camera) {
        const m = mesh.current;
        if (!m) return;
        const s = state.current;
        camera.getWorldQuaternion(sq);
        for (let i = 0; i < s.n; i++) {
          sz.setFromAxisAngle(Z, s.spin[i]!).premultiply(sq);
          ss.set(s.pos[i * 3]!, s.pos[i * 3 + 1]!, s.pos[i * 3 + 2]!);
          const k = s.size[i]!;
          sm.compose(ss, sz, tmpScale.set(k, k, k));
          m.setMatrixAt(i, sm);
        }
        m.count = s.n;
        m.visible = s.n > 0;
        m.instanceMatrix.needsUpdate = true;
        geometry.getAttribute('aAlpha').needsUpdate = true;
        // The Cue may turn depth writing on once faded in; smoke must never write depth.
        (m.material as Material).depthWrite = false;
      },
    }),
    [geometry, max],
  );
  useImperativeHandle(ref, () => handle, [handle]);

  return <instancedMesh ref={mesh} args={[geometry, material, max]} frustumCulled={false} renderOrder={5} />;
}
const tmpScale = new Vector3();

const pv = new Vector3();
const UPV = new Vector3(0, 1, 0);

export interface PlumeOptions {
  /** Puffs in the plume. */
  n?: number;
  /** Seconds over which the puffs leave the mouth. */
  spread?: number;
  /** Seconds each puff lives. */
  life?: number;
  /** Initial speed along `dir`, m/s (decays). */
  speed?: number;
  /** Upward drift, m/s. */
  rise?: number;
  size0?: number;
  size1?: number;
  alpha?: number;
  seed?: number;
  /** Multiplies every alpha (e.g. to fade the whole plume out before a segment ends). */
  fade?: number;
}

/** An exhaled breath of smoke: puffs leave `from` along `dir` starting at `t0` (all in seconds of the same clock). */
export function plume(sink: SmokeSink, t: number, t0: number, from: Vector3, dir: Vector3, o: PlumeOptions = {}) {
  const n = o.n ?? 12;
  const spread = o.spread ?? 1.4;
  const life = o.life ?? 3;
  const speed = o.speed ?? 0.55;
  const rise = o.rise ?? 0.09;
  const size0 = o.size0 ?? 0.06;
  const size1 = o.size1 ?? 0.5;
  const alpha = (o.alpha ?? 0.7) * (o.fade ?? 1);
  const seed = o.seed ?? 1;
  for (let i = 0; i < n; i++) {
    const born = t0 + (i / n) * spread;
    const age = t - born;
    if (age < 0 || age > life) continue;
    const j = (Math.sin((i + 1) * 12.9898 + seed * 78.233) * 43758.5453) % 1;
    const travel = (speed * (1 - Math.exp(-2.2 * age))) / 2.2;
    pv.copy(from).addScaledVector(dir, travel * (0.85 + 0.3 * Math.abs(j)));
    pv.addScaledVector(UPV, rise * age + 0.02 * Math.sin(age * 2 + i));
    pv.x += 0.05 * j * age;
    pv.z += 0.04 * Math.sin(i * 1.7 + seed) * age;
    const k = age / life;
    const strength = i < n * 0.2 ? 0.7 + i / (n * 0.2) * 0.3 : 1 - ((i / n) - 0.2) * 0.6;
    const a = alpha * strength * Math.min(1, age / 0.12) * Math.pow(1 - k, 1.4);
    sink.puff(pv, size0 + (size1 - size0) * Math.pow(k, 0.6), a, i * 1.3 + seed);
  }
}

/** A thin ribbon of smoke rising from a burning tip, emitted between `t0` and `t1`. */
export function wisp(sink: SmokeSink, t: number, t0: number, t1: number, from: Vector3, o: { life?: number; every?: number; alpha?: number; fade?: number; seed?: number } = {}) {
  const life = o.life ?? 2.2;
  const every = o.every ?? 0.18;
  const alpha = (o.alpha ?? 0.35) * (o.fade ?? 1);
  const first = Math.max(0, Math.floor((t - life - t0) / every));
  for (let i = first; ; i++) {
    const born = t0 + i * every;
    if (born > t || born > t1) break;
    const age = t - born;
    if (age > life) continue;
    const k = age / life;
    pv.copy(from);
    pv.y += 0.14 * age + 0.02 * age * age;
    pv.x += 0.025 * Math.sin(age * 3.1 + i * 0.7 + (o.seed ?? 0)) * age;
    pv.z += 0.02 * Math.cos(age * 2.3 + i * 0.4) * age;
    sink.puff(pv, 0.02 + 0.14 * k, alpha * Math.min(1, age / 0.2) * (1 - k), i * 0.9);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Joint and lighter
// ---------------------------------------------------------------------------------------------------------------

const v2 = (pts: [number, number][]) => pts.map(([x, y]) => new Vector2(x, y));

/** Cone joint, origin at the mouth (filter) end, +y along it; 9.5 cm with the twisted tip. */
const JOINT_PAPER = new LatheGeometry(
  v2([
    [0, 0.016],
    [0.0039, 0.016],
    [0.0058, 0.066],
    [0.0064, 0.077],
    [0.0046, 0.084],
    [0.0016, 0.091],
    [0.0009, 0.096],
    [0, 0.097],
  ]),
  10,
);
/** Same, burnt down to an ash end (lit). */
const JOINT_PAPER_LIT = new LatheGeometry(
  v2([
    [0, 0.016],
    [0.0039, 0.016],
    [0.0056, 0.062],
    [0, 0.062],
  ]),
  10,
);
const CRUTCH = new CylinderGeometry(0.0041, 0.0039, 0.017, 10, 1).translate(0, 0.0085, 0);
const ASH = new CylinderGeometry(0.0052, 0.0057, 0.008, 10, 1).translate(0, 0.066, 0);
const EMBER = new CylinderGeometry(0.0045, 0.0054, 0.0035, 10, 1).translate(0, 0.0705, 0);

export interface JointHandle {
  /** 0 = cold, 1 = a drag (bright ember, halo). */
  setGlow(g: number): void;
}

/** A rolled cone joint. Origin at the mouth end, +y toward the tip. */
export function Joint({ lit = false, ref }: { lit?: boolean; ref?: Ref<JointHandle | null> }) {
  const parts = useMemo(() => {
    const paper: Part[] = [
      { geometry: lit ? JOINT_PAPER_LIT : JOINT_PAPER, color: '#f3f0e8' },
      { geometry: CRUTCH, color: '#d9c6a4' },
    ];
    if (lit) paper.push({ geometry: ASH, color: '#8d8985' });
    const ember: Part[] = lit ? [{ geometry: EMBER, color: '#ff5a1a' }] : [];
    return { paper, ember };
  }, [lit]);
  const emberGeo = useMemo(() => mergeParts(parts.ember), [parts]);
  useEffect(() => () => emberGeo.dispose(), [emberGeo]);
  const halo = useRef<Sprite>(null);
  const ember = useRef<Mesh>(null);
  const haloMat = useMemo(() => {
    const m = new SpriteMaterial({ map: glowHalo.map, color: '#ff7a2a', transparent: true, opacity: 0.8, depthWrite: false, blending: AdditiveBlending, toneMapped: false });
    return m;
  }, []);
  useImperativeHandle(
    ref,
    () => ({
      setGlow(g) {
        const h = halo.current;
        if (h) {
          const k = 0.018 + 0.035 * g;
          h.scale.set(k, k, k);
        }
        const e = ember.current;
        if (e) e.scale.setScalar(1 + 0.25 * g);
      },
    }),
    [],
  );
  return (
    <>
      <MergedMesh parts={parts.paper} material={matteVC} />
      {lit ? (
        <>
          <mesh ref={ember} geometry={emberGeo} material={glowVC} />
          <sprite ref={halo} material={haloMat} position={[0, 0.071, 0]} scale={[0.02, 0.02, 0.02]} renderOrder={6} />
        </>
      ) : null}
    </>
  );
}

const FLAME = new LatheGeometry(
  v2([
    [0, 0],
    [0.0045, 0.004],
    [0.0055, 0.011],
    [0.0035, 0.022],
    [0.0012, 0.032],
    [0, 0.036],
  ]),
  10,
);
const flameMat = new MeshBasicMaterial({ color: '#ffb24a', transparent: true, opacity: 0.9, blending: AdditiveBlending, depthWrite: false, toneMapped: false });
const flameCore = new MeshBasicMaterial({ color: '#5a8cff', transparent: true, opacity: 0.7, blending: AdditiveBlending, depthWrite: false, toneMapped: false });
const FLAME_CORE = new LatheGeometry(
  v2([
    [0, 0],
    [0.0025, 0.002],
    [0.0028, 0.006],
    [0, 0.01],
  ]),
  8,
);

export interface LighterHandle {
  /** 0 = no flame, 1 = full flame; `flicker` time for a living flame. */
  setFlame(f: number, time: number): void;
}

/** A disposable lighter, origin at the bottom centre, +y up; 8 cm tall. */
export function Lighter({ color = '#d23a2c', ref }: { color?: string; ref?: Ref<LighterHandle | null> }) {
  const parts = useMemo(() => {
    const body: Part[] = [{ geometry: BOX_RND, position: [0, 0.033, 0], scale: [0.024, 0.066, 0.012], color }];
    const metal: Part[] = [
      { geometry: BOX_RND, position: [0, 0.073, 0], scale: [0.022, 0.015, 0.011], color: '#c9ccd1' },
      { geometry: WHEEL, position: [0.004, 0.081, 0], rotation: [0, 0, Math.PI / 2], color: '#6d7075' },
    ];
    return { body, metal };
  }, [color]);
  const flame = useRef<Mesh>(null);
  const core = useRef<Mesh>(null);
  const halo = useRef<Sprite>(null);
  const haloMat = useMemo(
    () => new SpriteMaterial({ map: glowHalo.map, color: '#ffae4a', transparent: true, opacity: 0.85, depthWrite: false, blending: AdditiveBlending, toneMapped: false }),
    [],
  );
  useImperativeHandle(
    ref,
    () => ({
      setFlame(f, time) {
        const on = f > 0.02;
        const flick = 1 + 0.12 * Math.sin(time * 37) + 0.08 * Math.sin(time * 23.7);
        for (const m of [flame.current, core.current]) {
          if (!m) continue;
          m.visible = on;
          m.scale.set(f, f * flick, f);
        }
        const h = halo.current;
        if (h) {
          h.visible = on;
          const k = 0.09 * f * flick;
          h.scale.set(k, k, k);
        }
      },
    }),
    [],
  );
  return (
    <>
      <MergedMesh parts={parts.body} material={satinVC} />
      <MergedMesh parts={parts.metal} material={metalVC} />
      <group position={[-0.004, 0.083, 0]}>
        <mesh ref={core} geometry={FLAME_CORE} material={flameCore} visible={false} renderOrder={6} />
        <mesh ref={flame} geometry={FLAME} material={flameMat} visible={false} renderOrder={7} />
        <sprite ref={halo} material={haloMat} position={[0, 0.015, 0]} visible={false} renderOrder={8} />
      </group>
    </>
  );
}
const BOX_RND = new BoxGeometry(1, 1, 1);
const WHEEL = new CylinderGeometry(0.004, 0.004, 0.008, 10, 1);

// ---------------------------------------------------------------------------------------------------------------
// Paraphernalia shared by the cannabis scenes
// ---------------------------------------------------------------------------------------------------------------

const G_CYL = new CylinderGeometry(1, 1, 1, 16, 1);
const G_TORUS = new TorusGeometry(1, 0.12, 6, 20);
const G_BOX = new BoxGeometry(1, 1, 1);
const G_SPHERE = new SphereGeometry(1, 8, 6);

/** Open metal grinder (lid beside it), ground herb inside and a few crumbs on the table. */
export function grinderParts(x: number, y: number, z: number, colour: string) {
  const metal: Part[] = [];
  const herb: Part[] = [];
  metal.push({ geometry: G_CYL, position: [x, y + 0.02, z], scale: [0.031, 0.04, 0.031], color: colour });
  metal.push({ geometry: G_TORUS, position: [x, y + 0.012, z], rotation: [Math.PI / 2, 0, 0], scale: [0.031, 0.031, 0.025], color: '#9aa0a6' });
  metal.push({ geometry: G_TORUS, position: [x, y + 0.04, z], rotation: [Math.PI / 2, 0, 0], scale: [0.03, 0.03, 0.02], color: colour });
  herb.push({ geometry: G_CYL, position: [x, y + 0.0405, z], scale: [0.027, 0.002, 0.027], color: '#5f7a35' });
  // teeth
  for (let i = 0; i < 8; i++) {
    const a = (i / 8) * Math.PI * 2;
    metal.push({ geometry: G_BOX, position: [x + Math.cos(a) * 0.016, y + 0.044, z + Math.sin(a) * 0.016], scale: [0.004, 0.007, 0.004], color: '#b8bdc2' });
  }
  // lid lying beside it, teeth up
  metal.push({ geometry: G_CYL, position: [x + 0.07, y + 0.008, z + 0.02], scale: [0.031, 0.016, 0.031], color: colour });
  for (let i = 0; i < 6; i++) {
    const a = (i / 6) * Math.PI * 2 + 0.3;
    metal.push({ geometry: G_BOX, position: [x + 0.07 + Math.cos(a) * 0.014, y + 0.019, z + 0.02 + Math.sin(a) * 0.014], scale: [0.004, 0.007, 0.004], color: '#b8bdc2' });
  }
  const rnd = seededRandom(Math.round(x * 100) + 7);
  for (let i = 0; i < 14; i++) {
    herb.push({ geometry: G_SPHERE, position: [x - 0.02 + rnd() * 0.13, y + 0.002, z + 0.03 + rnd() * 0.05], scale: [0.003 + rnd() * 0.003, 0.002, 0.003 + rnd() * 0.003], color: rnd() < 0.5 ? '#5f7a35' : '#718c42' });
  }
  return { metal, herb };
}

// ---------------------------------------------------------------------------------------------------------------
// Canvas art
// ---------------------------------------------------------------------------------------------------------------

/** Cannabis leaf: seven serrated leaflets on a short stem, centred at (cx, cy), `size` = central leaflet length. */
export function drawLeaf(ctx: CanvasRenderingContext2D, cx: number, cy: number, size: number, fill: string, stroke?: string) {
  const leaflets: [number, number][] = [
    [0, 1],
    [-0.42, 0.85],
    [0.42, 0.85],
    [-0.9, 0.62],
    [0.9, 0.62],
    [-1.35, 0.38],
    [1.35, 0.38],
  ];
  const draw = () => {
    for (const [ang, len] of leaflets) {
      ctx.save();
      ctx.translate(cx, cy);
      ctx.rotate(ang);
      const L = size * len;
      const W = L * 0.16;
      ctx.beginPath();
      ctx.moveTo(0, 0);
      const teeth = 11;
      for (let i = 1; i <= teeth; i++) {
        const f = i / teeth;
        const wf = Math.sin(Math.PI * Math.pow(f, 0.8)) * W;
        ctx.lineTo(wf * (i % 2 ? 1.18 : 0.82), -L * f);
      }
      for (let i = teeth; i >= 1; i--) {
        const f = i / teeth;
        const wf = Math.sin(Math.PI * Math.pow(f, 0.8)) * W;
        ctx.lineTo(-wf * (i % 2 ? 1.18 : 0.82), -L * f);
      }
      ctx.closePath();
      ctx.fill();
      if (stroke) ctx.stroke();
      ctx.restore();
    }
    ctx.fillRect(cx - size * 0.02, cy, size * 0.04, size * 0.28);
  };
  ctx.fillStyle = fill;
  if (stroke) {
    ctx.strokeStyle = stroke;
    ctx.lineWidth = size * 0.025;
    ctx.lineJoin = 'round';
  }
  draw();
}

