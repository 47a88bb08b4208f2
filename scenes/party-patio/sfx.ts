/*
 * Tiny procedural sound effects for clinician-fired scene events (a lighter click, a knock, a bong bubbling, a
 * bass drop). Synthesised with Web Audio: nothing is loaded. Everything is a no-op where there is no
 * AudioContext (Node, tests) or while the browser keeps audio suspended (no user gesture yet); the visual side
 * of each event never depends on it.
 */

type Ctx = AudioContext;
let ctx: Ctx | null = null;
let failed = false;

function audio(): Ctx | null {
  if (failed) return null;
  if (!ctx) {
    // Never try before the user has interacted with the page (the browser would refuse and warn).
    const ua = typeof navigator !== 'undefined' ? (navigator as Navigator & { userActivation?: { hasBeenActive: boolean } }).userActivation : undefined;
    if (!ua?.hasBeenActive) return null;
    const AC = typeof window !== 'undefined' ? (window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext) : undefined;
    if (!AC) {
      failed = true;
      return null;
    }
    try {
      ctx = new AC();
    } catch {
      failed = true;
      return null;
    }
  }
  if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
  return ctx.state === 'running' ? ctx : null;
}

function noiseBuffer(a: Ctx, seconds: number): AudioBuffer {
  const buf = a.createBuffer(1, Math.max(1, Math.floor(a.sampleRate * seconds)), a.sampleRate);
  const d = buf.getChannelData(0);
  let s = 12345;
  for (let i = 0; i < d.length; i++) {
    s = (s * 1103515245 + 12345) & 0x7fffffff;
    d[i] = (s / 0x7fffffff) * 2 - 1;
  }
  return buf;
}

function out(a: Ctx, gain: number): GainNode {
  const g = a.createGain();
  g.gain.value = gain;
  g.connect(a.destination);
  return g;
}

function burst(a: Ctx, at: number, dur: number, type: BiquadFilterType, freq: number, gain: number, q = 1) {
  const src = a.createBufferSource();
  src.buffer = noiseBuffer(a, dur);
  const f = a.createBiquadFilter();
  f.type = type;
  f.frequency.value = freq;
  f.Q.value = q;
  const g = a.createGain();
  g.gain.setValueAtTime(gain, at);
  g.gain.exponentialRampToValueAtTime(0.0001, at + dur);
  src.connect(f).connect(g).connect(out(a, 1));
  src.start(at);
  src.stop(at + dur + 0.02);
}

/** Two clicks of a flint wheel and a short gas whoosh. */
export function lighterClick(delay = 0) {
  const a = audio();
  if (!a) return;
  const t = a.currentTime + delay;
  burst(a, t, 0.018, 'highpass', 3500, 0.5);
  burst(a, t + 0.05, 0.012, 'highpass', 4200, 0.35);
  burst(a, t + 0.06, 0.35, 'bandpass', 900, 0.08, 0.7);
}

/** Three knocks on a wooden door. */
export function knock() {
  const a = audio();
  if (!a) return;
  const t0 = a.currentTime;
  [0, 0.22, 0.44].forEach((dt, i) => {
    const t = t0 + dt;
    const o = a.createOscillator();
    o.type = 'sine';
    o.frequency.setValueAtTime(140 - i * 6, t);
    o.frequency.exponentialRampToValueAtTime(70, t + 0.12);
    const g = a.createGain();
    g.gain.setValueAtTime(0.6, t);
    g.gain.exponentialRampToValueAtTime(0.0001, t + 0.16);
    o.connect(g).connect(out(a, 1));
    o.start(t);
    o.stop(t + 0.2);
    burst(a, t, 0.05, 'lowpass', 1200, 0.35);
  });
}

/** Water bubbling through a bong for `seconds`. */
export function bubbling(seconds = 3) {
  const a = audio();
  if (!a) return;
  const t0 = a.currentTime;
  let s = 7;
  const rnd = () => {
    s = (s * 16807) % 2147483647;
    return s / 2147483647;
  };
  const g = out(a, 0.25);
  for (let t = 0; t < seconds; t += 0.035 + rnd() * 0.05) {
    const o = a.createOscillator();
    o.type = 'sine';
    const f0 = 180 + rnd() * 260;
    o.frequency.setValueAtTime(f0, t0 + t);
    o.frequency.exponentialRampToValueAtTime(f0 * 2.2, t0 + t + 0.04);
    const e = a.createGain();
    e.gain.setValueAtTime(0.0001, t0 + t);
    e.gain.exponentialRampToValueAtTime(0.5, t0 + t + 0.006);
    e.gain.exponentialRampToValueAtTime(0.0001, t0 + t + 0.05);
    o.connect(e).connect(g);
    o.start(t0 + t);
    o.stop(t0 + t + 0.06);
  }
}

/** A club bass drop: a riser, then a falling sub-bass hit. */
export function bassDrop() {
  const a = audio();
  if (!a) return;
  const t0 = a.currentTime;
  const n = a.createBufferSource();
  n.buffer = noiseBuffer(a, 1.2);
  const f = a.createBiquadFilter();
  f.type = 'bandpass';
  f.frequency.setValueAtTime(300, t0);
  f.frequency.exponentialRampToValueAtTime(6000, t0 + 1.1);
  const ng = a.createGain();
  ng.gain.setValueAtTime(0.02, t0);
  ng.gain.linearRampToValueAtTime(0.18, t0 + 1.1);
  ng.gain.linearRampToValueAtTime(0, t0 + 1.2);
  n.connect(f).connect(ng).connect(out(a, 1));
  n.start(t0);
  const o = a.createOscillator();
  o.type = 'sine';
  o.frequency.setValueAtTime(110, t0 + 1.2);
  o.frequency.exponentialRampToValueAtTime(38, t0 + 2.4);
  const g = a.createGain();
  g.gain.setValueAtTime(0.0001, t0 + 1.19);
  g.gain.exponentialRampToValueAtTime(0.9, t0 + 1.22);
  g.gain.exponentialRampToValueAtTime(0.0001, t0 + 3.4);
  o.connect(g).connect(out(a, 1));
  o.start(t0 + 1.19);
  o.stop(t0 + 3.5);
}

/** Calls `fire` once each time an event starts (rising edge of `active`). */
export class EdgeTrigger {
  private was = false;
  step(active: boolean, fire: () => void) {
    if (active && !this.was) fire();
    this.was = active;
  }
}
