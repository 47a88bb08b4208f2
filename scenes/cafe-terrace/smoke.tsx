import { useFrame } from '@react-three/fiber';
import { useEffect, useMemo, useRef } from 'react';
import { BufferAttribute, BufferGeometry, MeshBasicMaterial, Vector3, type Mesh } from 'three';
import { canvasTexture, seededRandom, type Vec3 } from '../kit/materials';

/*
 * Cigarette smoke as a handful of soft, camera-facing puffs in one dynamic mesh (one draw call). Every puff is
 * a pure function of the clock (no simulation state), so smoke is the same on every frame rate, in every
 * screenshot, and ends exactly when the segment that makes it ends.
 *
 * Positions are in the parent's frame, which scenes keep equal to world space (a `Cue` at the origin).
 */

export type Emitter =
  /** Thin smoke rising from a lit tip, for as long as `at()` returns a point. */
  | { kind: 'wisp'; at: () => Vec3 | null; strength?: number }
  /** A breath of smoke from `at` toward `dir`; `age()` is seconds since the exhale began, or null. */
  | { kind: 'exhale'; at: Vec3; dir: Vec3; age: () => number | null };

const WISP_N = 7;
const WISP_LIFE = 2.6;
const EXHALE_N = 12;
const EXHALE_LIFE = 2.3;
/** Where the puffs turn to face (the patient's eyes). */
const EYE = new Vector3(0, 1.2, 0);

function drawPuff(ctx: CanvasRenderingContext2D, w: number, h: number) {
  const rnd = seededRandom(77);
  ctx.clearRect(0, 0, w, h);
  for (let i = 0; i < 14; i++) {
    const x = w / 2 + (rnd() - 0.5) * w * 0.35;
    const y = h / 2 + (rnd() - 0.5) * h * 0.35;
    const r = w * (0.18 + rnd() * 0.18);
    const g = ctx.createRadialGradient(x, y, 0, x, y, r);
    g.addColorStop(0, 'rgba(255,255,255,0.32)');
    g.addColorStop(0.6, 'rgba(255,255,255,0.12)');
    g.addColorStop(1, 'rgba(255,255,255,0)');
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, w, h);
  }
}

const puffTex = canvasTexture(128, 128, drawPuff);
/** Base opacity just under 1 so a parent `Cue` keeps the material transparent. */
const smokeMaterial = new MeshBasicMaterial({
  map: puffTex,
  vertexColors: true,
  transparent: true,
  opacity: 0.99,
  depthWrite: false,
  toneMapped: false,
});

const smooth = (a: number, b: number, x: number) => {
  const t = Math.min(1, Math.max(0, (x - a) / (b - a)));
  return t * t * (3 - 2 * t);
};

const p = new Vector3();
const e = new Vector3();
const right = new Vector3();
const up = new Vector3();
const Y = new Vector3(0, 1, 0);

export function Smoke({ emitters, tint = [0.86, 0.88, 0.92] }: { emitters: Emitter[]; tint?: Vec3 }) {
  const mesh = useRef<Mesh>(null);
  const count = emitters.reduce((n, em) => n + (em.kind === 'wisp' ? WISP_N : EXHALE_N), 0);
  const geometry = useMemo(() => {
    const g = new BufferGeometry();
    g.setAttribute('position', new BufferAttribute(new Float32Array(count * 12), 3));
    g.setAttribute('color', new BufferAttribute(new Float32Array(count * 16), 4));
    const uv = new Float32Array(count * 8);
    const index = new Uint16Array(count * 6);
    for (let i = 0; i < count; i++) {
      uv.set([0, 0, 1, 0, 1, 1, 0, 1], i * 8);
      index.set([i * 4, i * 4 + 1, i * 4 + 2, i * 4, i * 4 + 2, i * 4 + 3], i * 6);
    }
    g.setAttribute('uv', new BufferAttribute(uv, 2));
    g.setIndex(new BufferAttribute(index, 1));
    return g;
  }, [count]);
  useEffect(() => () => geometry.dispose(), [geometry]);

  useFrame(() => {
    const m = mesh.current;
    if (!m) return;
    // A parent Cue turns depth writes back on once faded in; smoke must never write depth.
    const mat = m.material as MeshBasicMaterial;
    mat.depthWrite = false;
    const t = performance.now() / 1000;
    const pos = geometry.getAttribute('position') as BufferAttribute;
    const col = geometry.getAttribute('color') as BufferAttribute;
    let k = 0;
    let visible = false;
    const put = (x: number, y: number, z: number, size: number, alpha: number, spin: number) => {
      const a = Math.max(0, alpha);
      if (a > 0.002) visible = true;
      p.set(x, y, z);
      e.copy(EYE).sub(p).normalize();
      right.crossVectors(Y, e).normalize();
      up.crossVectors(e, right);
      const c = Math.cos(spin) * size;
      const s = Math.sin(spin) * size;
      // rotated basis: r' = r c + u s, u' = -r s + u c
      const rx = right.x * c + up.x * s;
      const ry = right.y * c + up.y * s;
      const rz = right.z * c + up.z * s;
      const ux = -right.x * s + up.x * c;
      const uy = -right.y * s + up.y * c;
      const uz = -right.z * s + up.z * c;
      pos.setXYZ(k * 4, x - rx - ux, y - ry - uy, z - rz - uz);
      pos.setXYZ(k * 4 + 1, x + rx - ux, y + ry - uy, z + rz - uz);
      pos.setXYZ(k * 4 + 2, x + rx + ux, y + ry + uy, z + rz + uz);
      pos.setXYZ(k * 4 + 3, x - rx + ux, y - ry + uy, z - rz + uz);
      for (let v = 0; v < 4; v++) col.setXYZW(k * 4 + v, tint[0], tint[1], tint[2], a);
      k++;
    };
    emitters.forEach((em, ei) => {
      if (em.kind === 'wisp') {
        const at = em.at();
        for (let i = 0; i < WISP_N; i++) {
          if (!at) {
            put(0, -10, 0, 0, 0, 0);
            continue;
          }
          const phase = (t / WISP_LIFE + i / WISP_N + ei * 0.137) % 1;
          const age = phase * WISP_LIFE;
          put(
            at[0] + Math.sin(age * 2.1 + i + t * 0.3) * 0.014 * age,
            at[1] + 0.012 + 0.17 * age,
            at[2] + Math.cos(age * 1.7 + i * 2) * 0.012 * age,
            0.01 + 0.045 * age,
            0.34 * (em.strength ?? 1) * smooth(0, 0.12, phase) * Math.pow(1 - phase, 1.3),
            i * 1.9 + age * 0.6,
          );
        }
      } else {
        const age = em.age();
        for (let i = 0; i < EXHALE_N; i++) {
          const a = age === null ? -1 : age - i * 0.085;
          if (a < 0 || a > EXHALE_LIFE) {
            put(0, -10, 0, 0, 0, 0);
            continue;
          }
          const reach = 0.42 * (1 - Math.exp(-1.9 * a));
          const wob = Math.sin(i * 2.3 + a * 1.5) * 0.03 * a;
          put(
            em.at[0] + em.dir[0] * reach + wob,
            em.at[1] + em.dir[1] * reach + 0.05 * a + 0.03 * a * a - 0.01,
            em.at[2] + em.dir[2] * reach - wob * 0.5,
            0.028 + 0.14 * a,
            0.5 * smooth(0, 0.08, a) * Math.pow(1 - a / EXHALE_LIFE, 1.6),
            i * 1.3 + a * 0.4,
          );
        }
      }
    });
    pos.needsUpdate = true;
    col.needsUpdate = true;
    m.visible = visible;
  });

  return <mesh ref={mesh} geometry={geometry} material={smokeMaterial} frustumCulled={false} renderOrder={5} visible={false} />;
}
