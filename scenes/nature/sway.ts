import { MeshStandardMaterial, type MeshStandardMaterialParameters, type WebGLProgramParametersWithUniforms } from 'three';

/*
 * Gentle vertex motion for merged static geometry, done on the GPU so a whole meadow or kelp bed stays one draw
 * call: `SwayMaterial` bends vertices sideways with height (grass, reeds, kelp, foliage); `FinMaterial` wags the
 * tails of instanced fish. Both read a shared time uniform that `tickMaterials` advances once per frame.
 * Used by the nature and aquarium scenes.
 */

export interface SwayOptions {
  /** Sideways displacement (metres) at `height` above `baseY`. */
  amplitude: number;
  /** Radians per second. */
  frequency: number;
  /** World height where the motion starts. */
  baseY: number;
  /** Height over which the motion grows to `amplitude` (quadratically). */
  height: number;
  /** Phase change per metre along x (a travelling gust). */
  wave: number;
  /**
   * Take the bend weight (0 at the root, 1 at the tip) from a per-vertex `aSway` attribute instead of the
   * height, for blades growing on uneven ground.
   */
  attribute?: boolean;
}

const f = (x: number) => (Number.isInteger(x) ? `${x}.0` : `${x}`);

/** Shared clock for every animated material (seconds, wrapped to keep float precision). */
export const swayTime = { value: 0 };

export class SwayMaterial extends MeshStandardMaterial {
  sway: SwayOptions;

  constructor(params?: MeshStandardMaterialParameters, sway?: SwayOptions) {
    super(params);
    this.sway = sway ?? { amplitude: 0.05, frequency: 1, baseY: 0, height: 1, wave: 0.5 };
  }

  override onBeforeCompile(shader: WebGLProgramParametersWithUniforms) {
    const s = this.sway;
    shader.uniforms.uSwayTime = swayTime;
    const head = s.attribute ? 'uniform float uSwayTime;\nattribute float aSway;\n' : 'uniform float uSwayTime;\n';
    const weight = s.attribute ? 'aSway' : `clamp((sw.y - ${f(s.baseY)}) / ${f(s.height)}, 0.0, 1.0)`;
    shader.vertexShader = `${head}${shader.vertexShader}`.replace(
      '#include <begin_vertex>',
      `#include <begin_vertex>
      {
        vec4 sw = modelMatrix * vec4(transformed, 1.0);
        float k = ${weight};
        k *= k;
        float ph = uSwayTime * ${f(s.frequency)} + sw.x * ${f(s.wave)} + sw.z * ${f(s.wave * 0.7)};
        float gust = 0.75 + 0.25 * sin(uSwayTime * 0.23 + sw.x * 0.05);
        transformed.x += sin(ph) * ${f(s.amplitude)} * k * gust;
        transformed.z += cos(ph * 0.83 + 1.3) * ${f(s.amplitude * 0.6)} * k * gust;
      }`,
    );
  }

  override customProgramCacheKey() {
    const s = this.sway;
    return `sway:${s.amplitude}:${s.frequency}:${s.baseY}:${s.height}:${s.wave}:${s.attribute ? 1 : 0}`;
  }

  override copy(source: SwayMaterial) {
    super.copy(source);
    this.sway = { ...source.sway };
    return this;
  }
}

/** Instanced fish: the body is built along +z (head) from z = -0.5 (tail) to 0.5; the tail half wags. */
export class FinMaterial extends MeshStandardMaterial {
  wag: { amplitude: number; frequency: number };

  constructor(params?: MeshStandardMaterialParameters, wag?: { amplitude: number; frequency: number }) {
    super(params);
    this.wag = wag ?? { amplitude: 0.35, frequency: 9 };
  }

  override onBeforeCompile(shader: WebGLProgramParametersWithUniforms) {
    shader.uniforms.uSwayTime = swayTime;
    shader.vertexShader = `uniform float uSwayTime;\n${shader.vertexShader}`.replace(
      '#include <begin_vertex>',
      `#include <begin_vertex>
      {
        float ph = 0.0;
        #ifdef USE_INSTANCING
          ph = instanceMatrix[3].x * 2.3 + instanceMatrix[3].y * 3.1 + instanceMatrix[3].z * 1.7;
        #endif
        float k = max(0.0, 0.1 - position.z);
        transformed.x += sin(uSwayTime * ${f(this.wag.frequency)} + ph - position.z * 5.0) * ${f(this.wag.amplitude)} * k * k;
      }`,
    );
  }

  override customProgramCacheKey() {
    return `fin:${this.wag.amplitude}:${this.wag.frequency}`;
  }

  override copy(source: FinMaterial) {
    super.copy(source);
    this.wag = { ...source.wag };
    return this;
  }
}

/** Advances the shared clock; call from one `useFrame` per scene. */
export function tickMaterials() {
  swayTime.value = (performance.now() / 1000) % 3600;
}
