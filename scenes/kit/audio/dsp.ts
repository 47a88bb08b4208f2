/*
 * Pure sample-level building blocks for the cue sounds: seeded randomness, RBJ biquad filters, envelopes,
 * noise, tones and mixing. Everything works on mono Float32Array PCM at one fixed rate, with no Web Audio,
 * so every sound is identical on every headset and can be tested in Node.
 */

import { seededRandom } from '../seededRandom';

/**
 * Samples per second of every generated sound. 24 kHz keeps generation cheap and buffers small; Web Audio
 * resamples to the device rate, and nothing here needs energy above 12 kHz.
 */
export const RATE = 24_000;

/** Sample count of `seconds`. */
export const len = (seconds: number): number => Math.max(1, Math.round(seconds * RATE));

export type Rand = () => number;

/** The kit's seeded PRNG, so a sound is the same on every headset. */
export const rng: (seed: number) => Rand = seededRandom;

export const between = (r: Rand, a: number, b: number): number => a + (b - a) * r();
export const pick = <T>(r: Rand, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;
export const midiHz = (m: number): number => 440 * 2 ** ((m - 69) / 12);

// ---------------------------------------------------------------------------------------------------------------
// Filters
// ---------------------------------------------------------------------------------------------------------------

export type FilterType = 'lowpass' | 'highpass' | 'bandpass' | 'peaking';

/** An RBJ-cookbook biquad (direct form I). `bandpass` has 0 dB gain at its centre. */
export class Biquad {
  private b0 = 1;
  private b1 = 0;
  private b2 = 0;
  private a1 = 0;
  private a2 = 0;
  private x1 = 0;
  private x2 = 0;
  private y1 = 0;
  private y2 = 0;

  constructor(type: FilterType, freq: number, q = Math.SQRT1_2, gainDb = 0) {
    this.set(type, freq, q, gainDb);
  }

  /** New coefficients, keeping the state (for filters swept while they run). */
  set(type: FilterType, freq: number, q = Math.SQRT1_2, gainDb = 0): this {
    const w = (2 * Math.PI * Math.min(Math.max(freq, 10), RATE * 0.48)) / RATE;
    const cos = Math.cos(w);
    const alpha = Math.sin(w) / (2 * q);
    let b0: number, b1: number, b2: number, a0: number, a1: number, a2: number;
    switch (type) {
      case 'lowpass':
        [b0, b1, b2] = [(1 - cos) / 2, 1 - cos, (1 - cos) / 2];
        [a0, a1, a2] = [1 + alpha, -2 * cos, 1 - alpha];
        break;
      case 'highpass':
        [b0, b1, b2] = [(1 + cos) / 2, -(1 + cos), (1 + cos) / 2];
        [a0, a1, a2] = [1 + alpha, -2 * cos, 1 - alpha];
        break;
      case 'bandpass':
        [b0, b1, b2] = [alpha, 0, -alpha];
        [a0, a1, a2] = [1 + alpha, -2 * cos, 1 - alpha];
        break;
      case 'peaking': {
        const A = 10 ** (gainDb / 40);
        [b0, b1, b2] = [1 + alpha * A, -2 * cos, 1 - alpha * A];
        [a0, a1, a2] = [1 + alpha / A, -2 * cos, 1 - alpha / A];
        break;
      }
    }
    this.b0 = b0 / a0;
    this.b1 = b1 / a0;
    this.b2 = b2 / a0;
    this.a1 = a1 / a0;
    this.a2 = a2 / a0;
    return this;
  }

  step(x: number): number {
    const y = this.b0 * x + this.b1 * this.x1 + this.b2 * this.x2 - this.a1 * this.y1 - this.a2 * this.y2;
    this.x2 = this.x1;
    this.x1 = x;
    this.y2 = this.y1;
    this.y1 = y;
    return y;
  }
}

/**
 * Filters `x` into a new array. With `loop`, runs over the buffer twice and keeps the second pass, so the
 * filter's state at the start is its state at the end: a periodic input stays seamlessly loopable.
 */
export function filter(x: Float32Array, type: FilterType, freq: number, q?: number, opts: { loop?: boolean; gainDb?: number } = {}): Float32Array {
  const f = new Biquad(type, freq, q, opts.gainDb);
  const out = new Float32Array(x.length);
  if (opts.loop) for (let i = 0; i < x.length; i++) f.step(x[i]!);
  for (let i = 0; i < x.length; i++) out[i] = f.step(x[i]!);
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Sources and envelopes
// ---------------------------------------------------------------------------------------------------------------

export function white(n: number, r: Rand): Float32Array {
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = r() * 2 - 1;
  return out;
}

/**
 * Pink-ish noise (Paul Kellet's economy filter): softer than white, the colour of air, rain and rooms. With
 * `loop`, the filter runs over the same white noise twice so the end joins the start seamlessly.
 */
export function pink(n: number, r: Rand, loop = false): Float32Array {
  const w = white(n, r);
  const out = new Float32Array(n);
  let b0 = 0;
  let b1 = 0;
  let b2 = 0;
  for (let pass = loop ? 0 : 1; pass < 2; pass++) {
    for (let i = 0; i < n; i++) {
      b0 = 0.99765 * b0 + w[i]! * 0.099046;
      b1 = 0.963 * b1 + w[i]! * 0.2965164;
      b2 = 0.57 * b2 + w[i]! * 1.0526913;
      out[i] = (b0 + b1 + b2 + w[i]! * 0.1848) * 0.2;
    }
  }
  return out;
}

/** Brown noise (leaky integrated white): rumble, traffic, distant machinery. `loop` as for `pink`. */
export function brown(n: number, r: Rand, loop = false): Float32Array {
  const w = white(n, r);
  const out = new Float32Array(n);
  let y = 0;
  for (let pass = loop ? 0 : 1; pass < 2; pass++) {
    for (let i = 0; i < n; i++) {
      y = y * 0.995 + w[i]! * 0.06;
      out[i] = y;
    }
  }
  return out;
}

/** Gain `t` seconds after a strike: a linear attack (so nothing clicks), then an exponential decay. */
export function strike(t: number, attack: number, decay: number): number {
  if (t < 0) return 0;
  if (t < attack) return t / attack;
  return Math.exp(-(t - attack) / decay);
}

/** Raised-cosine fade-in and fade-out over the first and last `fadeIn` / `fadeOut` seconds, in place. */
export function fadeEdges(x: Float32Array, fadeIn: number, fadeOut = fadeIn): Float32Array {
  const a = Math.min(len(fadeIn), x.length >> 1);
  const b = Math.min(len(fadeOut), x.length >> 1);
  for (let i = 0; i < a; i++) x[i]! *= 0.5 - 0.5 * Math.cos((Math.PI * i) / a);
  for (let i = 0; i < b; i++) x[x.length - 1 - i]! *= 0.5 - 0.5 * Math.cos((Math.PI * i) / b);
  return x;
}

/** Multiplies `x` in place by `gain(t)` (t in seconds). */
export function shape(x: Float32Array, gain: (t: number) => number): Float32Array {
  for (let i = 0; i < x.length; i++) x[i]! *= gain(i / RATE);
  return x;
}

/** Filtered white noise with a strike envelope: clicks, taps, hisses, thumps. */
export function burst(r: Rand, o: { seconds: number; type: FilterType; freq: number; q?: number; attack?: number; decay: number }): Float32Array {
  const x = filter(white(len(o.seconds), r), o.type, o.freq, o.q);
  const attack = o.attack ?? 0.002;
  return shape(x, (t) => strike(t, attack, o.decay));
}

export interface Partial {
  /** Frequency as a multiple of the fundamental. */
  ratio: number;
  amp: number;
  /** Seconds to fall by 1/e. */
  decay: number;
}

/**
 * A struck or plucked tone: a sum of decaying sine partials (glass, bells, ceramic, electric piano, plucked
 * bass). `glide` bends the pitch from `glide`× down to 1× over `glideTime` seconds (a kick drum's drop).
 * Stops early once every partial has decayed below -60 dB.
 */
export function tone(o: { seconds: number; freq: number; partials: readonly Partial[]; attack?: number; glide?: number; glideTime?: number; release?: number }): Float32Array {
  const longest = Math.max(...o.partials.map((p) => p.decay));
  const n = len(Math.min(o.seconds, (o.attack ?? 0.003) + longest * 7));
  const out = new Float32Array(n);
  const attack = len(o.attack ?? 0.003);
  for (const p of o.partials) {
    const f = o.freq * p.ratio;
    if (f * (o.glide ?? 1) >= RATE * 0.45) continue;
    const fall = Math.exp(-1 / (p.decay * RATE));
    let env = p.amp;
    if (o.glide) {
      // the pitch moves: integrate the phase sample by sample
      let phase = 0;
      const settle = Math.exp(-1 / ((o.glideTime ?? 0.05) * RATE));
      let bend = o.glide - 1;
      for (let i = 0; i < n; i++) {
        phase += (2 * Math.PI * f * (1 + bend)) / RATE;
        bend *= settle;
        out[i]! += Math.sin(phase) * env * (i < attack ? i / attack : 1);
        if (i >= attack) env *= fall;
      }
    } else {
      // a steady pitch: rotate a phasor (cheaper than a sine per sample)
      const c = Math.cos((2 * Math.PI * f) / RATE);
      const s = Math.sin((2 * Math.PI * f) / RATE);
      let x = 1;
      let y = 0;
      for (let i = 0; i < n; i++) {
        const nx = x * c - y * s;
        y = x * s + y * c;
        x = nx;
        out[i]! += y * env * (i < attack ? i / attack : 1);
        if (i >= attack) env *= fall;
      }
    }
  }
  return fadeEdges(out, 0, o.release ?? 0.01);
}

// ---------------------------------------------------------------------------------------------------------------
// Mixing
// ---------------------------------------------------------------------------------------------------------------

/** Adds `src × gain` into `dst` from `atSeconds`; with `wrap`, what runs past the end continues at the start (loops). */
export function mixIn(dst: Float32Array, src: Float32Array, atSeconds: number, gain = 1, wrap = false): Float32Array {
  const n = dst.length;
  let j = Math.round(atSeconds * RATE);
  if (wrap) j = ((j % n) + n) % n;
  for (let i = 0; i < src.length; i++, j++) {
    if (j >= n) {
      if (!wrap) break;
      j -= n;
    }
    if (j >= 0) dst[j]! += src[i]! * gain;
  }
  return dst;
}

export function peak(x: Float32Array): number {
  let m = 0;
  for (let i = 0; i < x.length; i++) m = Math.max(m, Math.abs(x[i]!));
  return m;
}

export function rms(x: Float32Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! * x[i]!;
  return Math.sqrt(s / Math.max(1, x.length));
}

/** Scales `x` in place so its peak is `target` (headroom against clipping once sounds overlap). */
export function normalize(x: Float32Array, target: number): Float32Array {
  const p = peak(x);
  if (p > 0) for (let i = 0; i < x.length; i++) x[i]! *= target / p;
  return x;
}

/** Removes the DC offset (an offset clicks when a sound starts or loops). */
export function removeDc(x: Float32Array): Float32Array {
  let m = 0;
  for (let i = 0; i < x.length; i++) m += x[i]!;
  m /= Math.max(1, x.length);
  for (let i = 0; i < x.length; i++) x[i]! -= m;
  return x;
}

/**
 * Makes a texture loopable: `x` holds `fade` seconds more than the loop; its tail is crossfaded (equal power,
 * for uncorrelated textures) into its head, so the end flows into the start without a seam.
 */
export function loopable(x: Float32Array, fade: number): Float32Array {
  const f = len(fade);
  const n = x.length - f;
  const out = x.slice(0, n);
  for (let i = 0; i < f; i++) {
    const a = (Math.PI / 2) * (i / f);
    out[i] = x[i]! * Math.sin(a) + x[n + i]! * Math.cos(a);
  }
  return out;
}

/**
 * A small room (Schroeder: four damped combs, then two all-passes) added under `x`, with `tail` seconds of
 * decay appended: indoor impacts sound as if they happen somewhere rather than in the patient's ear.
 */
export function room(x: Float32Array, o: { mix: number; rt60: number; size?: number; tail?: number }): Float32Array {
  const size = o.size ?? 1;
  const out = new Float32Array(x.length + len(o.tail ?? o.rt60));
  out.set(x);
  const wet = new Float32Array(out.length);
  for (const d of [1116, 1188, 1277, 1356]) {
    const delay = Math.round((d * RATE * size) / 44100);
    const g = 10 ** ((-3 * delay) / (o.rt60 * RATE));
    const line = new Float32Array(delay);
    let damp = 0;
    for (let i = 0, p = 0; i < out.length; i++) {
      const y = line[p]!;
      damp = y * 0.6 + damp * 0.4;
      line[p] = (i < x.length ? x[i]! : 0) + damp * g;
      wet[i]! += y * 0.25;
      if (++p === delay) p = 0;
    }
  }
  for (const d of [556, 441]) {
    const delay = Math.round((d * RATE) / 44100);
    const line = new Float32Array(delay);
    for (let i = 0, p = 0; i < out.length; i++) {
      const b = line[p]!;
      const v = wet[i]! + b * 0.5;
      line[p] = v;
      wet[i] = b - v * 0.5;
      if (++p === delay) p = 0;
    }
  }
  for (let i = 0; i < out.length; i++) out[i]! += wet[i]! * o.mix;
  return out;
}

/**
 * A sine whose frequency follows straight segments between `[seconds, Hz]` points, with `env` as its gain:
 * whistles, bird song, the glide of a bubble.
 */
export function sweep(points: readonly (readonly [number, number])[], env: (t: number) => number): Float32Array {
  const end = points[points.length - 1]![0];
  const out = new Float32Array(len(end));
  let phase = 0;
  let k = 0;
  for (let i = 0; i < out.length; i++) {
    const t = i / RATE;
    while (k < points.length - 2 && t >= points[k + 1]![0]) k++;
    const [t0, f0] = points[k]!;
    const [t1, f1] = points[k + 1]!;
    const f = f0 + ((f1 - f0) * (t - t0)) / Math.max(1e-6, t1 - t0);
    phase += (2 * Math.PI * f) / RATE;
    out[i] = Math.sin(phase) * env(t);
  }
  return out;
}

/**
 * Filters `x` through a biquad whose frequency follows `freqAt(t)` (coefficients updated every 32 samples).
 * `loop` as for `filter`: for a periodic `freqAt` over a loopable `x`, the result loops seamlessly.
 */
export function sweptFilter(x: Float32Array, type: FilterType, freqAt: (t: number) => number, q: number, opts: { loop?: boolean } = {}): Float32Array {
  const f = new Biquad(type, freqAt(0), q);
  const out = new Float32Array(x.length);
  for (let pass = opts.loop ? 0 : 1; pass < 2; pass++) {
    for (let i = 0; i < x.length; i++) {
      if ((i & 31) === 0) f.set(type, freqAt(i / RATE), q);
      out[i] = f.step(x[i]!);
    }
  }
  return out;
}
