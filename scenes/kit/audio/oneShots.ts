import { RATE, between, brown, burst, fadeEdges, filter, len, midiHz, mixIn, pink, rng, room, shape, sweep, sweptFilter, tone, white, type Partial, type Rand } from './dsp';
import { voice } from './voice';

/*
 * Cue sounds that play once: openings, glass, lighters, impacts, rings, a metro train. Each is a pure
 * function of nothing (fixed seeds): the same samples every time, everywhere.
 */

const click = (r: Rand, freq: number, decay = 0.004, q = 3) => burst(r, { seconds: decay * 8, type: 'bandpass', freq, q, attack: 0.0005, decay });
const ring = (freq: number, partials: readonly Partial[], seconds = 1.5) => tone({ seconds, freq, partials, attack: 0.001 });

/** Crown cap prised off a bottle: the click, a short "pssht" of gas, the cap landing on the counter. */
export function bottleCap(): Float32Array {
  const r = rng(11);
  const out = new Float32Array(len(0.9));
  mixIn(out, click(r, 3200), 0);
  mixIn(out, ring(4100, [{ ratio: 1, amp: 1, decay: 0.03 }, { ratio: 1.6, amp: 0.5, decay: 0.02 }]), 0, 0.25);
  mixIn(out, burst(r, { seconds: 0.45, type: 'bandpass', freq: 5200, q: 0.8, attack: 0.004, decay: 0.09 }), 0.008, 0.55);
  mixIn(out, burst(r, { seconds: 0.2, type: 'bandpass', freq: 1700, q: 1, decay: 0.04 }), 0.008, 0.2);
  const cap = ring(2900, [{ ratio: 1, amp: 1, decay: 0.02 }, { ratio: 2.3, amp: 0.5, decay: 0.015 }], 0.15);
  for (const [at, g] of [[0.34, 0.3], [0.43, 0.14], [0.48, 0.06]] as const) mixIn(out, cap, at, g);
  return out;
}

/** A wine cork pulled: a hollow pop. */
export function corkPop(): Float32Array {
  const r = rng(12);
  const out = new Float32Array(len(0.6));
  mixIn(out, burst(r, { seconds: 0.1, type: 'bandpass', freq: 900, q: 0.8, attack: 0.01, decay: 0.02 }), 0, 0.15);
  mixIn(out, tone({ seconds: 0.2, freq: 380, glide: 1.7, glideTime: 0.012, attack: 0.001, partials: [{ ratio: 1, amp: 1, decay: 0.035 }] }), 0.06);
  mixIn(out, burst(r, { seconds: 0.1, type: 'lowpass', freq: 1600, decay: 0.012 }), 0.06, 0.5);
  return out;
}

/** A spirits bottle's screw cap: the seal's ring of small cracks as it turns. */
export function screwCap(): Float32Array {
  const r = rng(13);
  const out = new Float32Array(len(0.7));
  let t = 0.02;
  for (let k = 0; k < 8; k++) {
    mixIn(out, click(r, between(r, 2300, 3600), 0.003, 4), t, between(r, 0.5, 1));
    t += 0.055 - k * 0.004;
  }
  return mixIn(out, burst(r, { seconds: 0.2, type: 'bandpass', freq: 1500, q: 1, attack: 0.01, decay: 0.05 }), t, 0.25);
}

/** A drinks can opened: the tab's click, the hiss of gas, a little fizz. */
export function canOpen(): Float32Array {
  const r = rng(14);
  const out = new Float32Array(len(1));
  mixIn(out, click(r, 2500, 0.006, 2), 0);
  mixIn(out, ring(1800, [{ ratio: 1, amp: 1, decay: 0.02 }]), 0, 0.25);
  mixIn(out, burst(r, { seconds: 0.9, type: 'bandpass', freq: 5200, q: 0.7, attack: 0.01, decay: 0.18 }), 0.02, 0.55);
  mixIn(out, burst(r, { seconds: 0.3, type: 'bandpass', freq: 1700, q: 1, decay: 0.06 }), 0.02, 0.15);
  for (let k = 0; k < 40; k++) mixIn(out, click(r, 6000, 0.001, 1), 0.1 + 0.8 * r() ** 2, 0.04 * r());
  return out;
}

const GLASS = (freq: number, amp = 1) => ring(freq, [
  { ratio: 1, amp, decay: 0.9 },
  { ratio: 1.5, amp: 0.55 * amp, decay: 0.6 },
  { ratio: 2.17, amp: 0.3 * amp, decay: 0.35 },
], 1.6);

/** Two glasses touching: two bodies ringing a little apart in pitch, so they beat. */
export function glassClink(): Float32Array {
  const r = rng(15);
  const out = new Float32Array(len(1.6));
  mixIn(out, GLASS(2630), 0, 0.5);
  mixIn(out, GLASS(2740, 0.7), 0.002, 0.5);
  return mixIn(out, click(r, 5000, 0.002, 1), 0, 0.2);
}

/** A toast: three clinks around a table. */
export function glassesToast(): Float32Array {
  const r = rng(16);
  const out = new Float32Array(len(2.2));
  for (const [at, f, g] of [[0, 2450, 0.5], [0.17, 2820, 0.4], [0.33, 2210, 0.35]] as const) {
    mixIn(out, GLASS(f), at, g);
    mixIn(out, GLASS(f * 1.04, 0.7), at + 0.002, g);
    mixIn(out, click(r, 5000, 0.002, 1), at, g * 0.4);
  }
  return out;
}

/** Liquid poured into a glass: a gurgling stream whose pitch rises as the glass fills. */
export function pour(): Float32Array {
  const r = rng(17);
  const seconds = 3;
  const n = len(seconds);
  const stream = sweptFilter(white(n, r), 'bandpass', (t) => 450 + 900 * (t / seconds) ** 1.3 + 120 * Math.sin(t * 41), 4);
  // glugs: a slowly wandering amplitude
  const out = new Float32Array(n);
  let glug = 0.6;
  let target = 0.6;
  for (let i = 0; i < n; i++) {
    if (i % 1600 === 0) target = between(r, 0.35, 1);
    glug += (target - glug) * 0.003;
    out[i] = stream[i]! * glug;
  }
  mixIn(out, filter(white(n, r), 'highpass', 3000, 0.7), 0, 0.05);
  for (let k = 0; k < 30; k++) mixIn(out, tone({ seconds: 0.05, freq: between(r, 700, 1600), glide: 0.6, glideTime: 0.02, partials: [{ ratio: 1, amp: 1, decay: 0.015 }] }), between(r, 0.2, 2.8), 0.12);
  return fadeEdges(out, 0.12, 0.35);
}

/** A flint lighter: the wheel's gritty strike, the gas catching, a short steady flame. */
export function lighter(): Float32Array {
  const r = rng(18);
  const out = new Float32Array(len(1.7));
  mixIn(out, burst(r, { seconds: 0.05, type: 'highpass', freq: 3500, q: 0.7, decay: 0.01 }), 0, 0.6);
  for (let k = 0; k < 6; k++) mixIn(out, click(r, between(r, 3500, 6500), 0.0015, 2), between(r, 0, 0.03), between(r, 0.2, 0.5));
  mixIn(out, ring(3000, [{ ratio: 1, amp: 1, decay: 0.01 }]), 0.002, 0.15);
  mixIn(out, burst(r, { seconds: 0.3, type: 'lowpass', freq: 1200, attack: 0.015, decay: 0.07 }), 0.035, 0.45);
  return mixIn(out, flameNoise(r, 1.4), 0.05, 0.35);
}

/** A gas flame's soft rush with a little flicker, `seconds` long with soft ends. */
function flameNoise(r: Rand, seconds: number): Float32Array {
  const x = filter(pink(len(seconds), r), 'bandpass', 650, 0.55);
  let flicker = 1;
  for (let i = 0; i < x.length; i++) {
    if (i % 240 === 0) flicker = 0.75 + 0.5 * r();
    x[i]! *= flicker;
  }
  return fadeEdges(filter(x, 'lowpass', 2500, 0.7), 0.05, 0.25);
}

/** A match struck on its box: the rasp, the flare, the first moments of burning. */
export function match(): Float32Array {
  const r = rng(19);
  const out = new Float32Array(len(1.8));
  const rasp = filter(white(len(0.18), r), 'bandpass', 2200, 1.2);
  for (let i = 0, g = 1; i < rasp.length; i++) {
    if (i % 72 === 0) g = 0.3 + r();
    rasp[i]! *= g;
  }
  mixIn(out, fadeEdges(rasp, 0.02, 0.03), 0, 0.6);
  mixIn(out, burst(r, { seconds: 0.8, type: 'bandpass', freq: 1100, q: 0.5, attack: 0.02, decay: 0.22 }), 0.17, 0.7);
  for (let k = 0; k < 12; k++) mixIn(out, click(r, between(r, 2000, 5000), 0.002, 2), between(r, 0.18, 0.6), between(r, 0.1, 0.3));
  return mixIn(out, flameNoise(r, 1.3), 0.35, 0.2);
}

/** Three knocks on a wooden door, in the room. */
export function knock(): Float32Array {
  const r = rng(20);
  const out = new Float32Array(len(0.8));
  [0, 0.22, 0.44].forEach((at, k) => {
    const g = 1 - k * 0.12;
    mixIn(out, tone({ seconds: 0.3, freq: 150 - k * 5, glide: 1.3, glideTime: 0.01, attack: 0.001, partials: [{ ratio: 1, amp: 1, decay: 0.06 }, { ratio: 2.7, amp: 0.3, decay: 0.03 }] }), at, g);
    mixIn(out, burst(r, { seconds: 0.2, type: 'bandpass', freq: 450, q: 2, decay: 0.04 }), at, 0.6 * g);
    mixIn(out, click(r, 2000, 0.003, 1), at, 0.2 * g);
  });
  return room(out, { mix: 0.25, rt60: 0.5 });
}

/** A door slammed shut: the thud of the leaf, the latch, a rattle, the room answering. Attack kept soft. */
export function doorSlam(): Float32Array {
  const r = rng(21);
  const out = new Float32Array(len(1.2));
  mixIn(out, tone({ seconds: 0.8, freq: 62, glide: 1.5, glideTime: 0.02, attack: 0.004, partials: [{ ratio: 1, amp: 1, decay: 0.18 }] }), 0);
  mixIn(out, burst(r, { seconds: 0.8, type: 'bandpass', freq: 180, q: 1.2, attack: 0.004, decay: 0.2 }), 0, 0.9);
  mixIn(out, burst(r, { seconds: 0.15, type: 'bandpass', freq: 1200, q: 0.8, attack: 0.002, decay: 0.02 }), 0, 0.4);
  mixIn(out, ring(2400, [{ ratio: 1, amp: 1, decay: 0.015 }, { ratio: 1.6, amp: 0.5, decay: 0.01 }], 0.1), 0.012, 0.25);
  for (const [at, g] of [[0.09, 0.12], [0.16, 0.08], [0.26, 0.05]] as const) mixIn(out, burst(r, { seconds: 0.06, type: 'bandpass', freq: 600, q: 2, decay: 0.012 }), at, g);
  return filter(room(out, { mix: 0.3, rt60: 0.7 }), 'lowpass', 3000, 0.7);
}

/** A hand slammed on a kitchen table; the mug and spoon on it jump. */
export function tableSlam(): Float32Array {
  const r = rng(22);
  const out = new Float32Array(len(1));
  mixIn(out, burst(r, { seconds: 0.15, type: 'bandpass', freq: 1100, q: 0.7, attack: 0.002, decay: 0.03 }), 0);
  mixIn(out, tone({ seconds: 0.5, freq: 110, glide: 1.4, glideTime: 0.015, attack: 0.003, partials: [{ ratio: 1, amp: 1, decay: 0.09 }] }), 0, 0.8);
  const mug = ring(1900, [{ ratio: 1, amp: 1, decay: 0.04 }, { ratio: 2.4, amp: 0.4, decay: 0.02 }], 0.25);
  for (const [at, g] of [[0.07, 0.18], [0.16, 0.1], [0.21, 0.05]] as const) mixIn(out, mug, at, g);
  mixIn(out, ring(3400, [{ ratio: 1, amp: 1, decay: 0.1 }], 0.6), 0.09, 0.06);
  return filter(room(out, { mix: 0.22, rt60: 0.5 }), 'lowpass', 4000, 0.7);
}

/** One cycle of a mobile phone's marimba ringtone: a six-note figure twice, then a pause (loops). */
export function mobileRing(): Float32Array {
  const out = new Float32Array(len(3));
  const marimba = (m: number) => ring(midiHz(m), [{ ratio: 1, amp: 1, decay: 0.3 }, { ratio: 4, amp: 0.2, decay: 0.05 }, { ratio: 10, amp: 0.04, decay: 0.015 }], 0.6);
  for (const start of [0, 0.85]) [76, 83, 80, 83, 88, 83].forEach((m, k) => mixIn(out, marimba(m), start + k * 0.11, 0.5, true));
  return filter(filter(out, 'highpass', 500, 0.7, { loop: true }), 'lowpass', 6000, 0.7, { loop: true });
}

/** An office desk phone's electronic trill, two rings. */
export function deskPhone(): Float32Array {
  const out = new Float32Array(len(4.2));
  for (const start of [0, 2.4]) {
    for (let k = 0; k < 2; k++) {
      const t0 = start + k * 0.6;
      const n = len(0.4);
      const burstOut = new Float32Array(n);
      for (let i = 0; i < n; i++) {
        const t = i / RATE;
        const f = Math.floor(t * 20) % 2 ? 1250 : 1000;
        burstOut[i] = (Math.sin(2 * Math.PI * f * t) + 0.2 * Math.sin(6 * Math.PI * f * t)) * 0.5;
      }
      mixIn(out, fadeEdges(burstOut, 0.01), t0);
    }
  }
  return filter(out, 'lowpass', 3500, 0.7);
}

/** A soft two-note e-mail notification. */
export function emailPing(): Float32Array {
  const out = new Float32Array(len(1.4));
  const bell = (m: number) => ring(midiHz(m), [{ ratio: 1, amp: 1, decay: 0.4 }, { ratio: 2.76, amp: 0.2, decay: 0.1 }, { ratio: 5.4, amp: 0.05, decay: 0.04 }], 1.2);
  mixIn(out, bell(83), 0, 0.5);
  return mixIn(out, bell(88), 0.13, 0.45);
}

/** A man calling out a two-syllable name across the office, sharply. */
export function nameCall(): Float32Array {
  return room(voice({ seconds: 1, seed: 23, pitch: 150, effort: 0.9, phrase: 2 }), { mix: 0.25, rt60: 0.6 });
}

/** A hard sniff through the nose, then a short second one. */
export function sniff(): Float32Array {
  const r = rng(24);
  const out = new Float32Array(len(0.95));
  const snort = (seconds: number) => {
    const x = filter(white(len(seconds), r), 'bandpass', 2600, 1.3);
    mixIn(x, filter(white(len(seconds), r), 'highpass', 5000, 0.7), 0, 0.3);
    return shape(x, (t) => Math.min(1, t / 0.04) * (0.7 + 0.3 * (t / seconds)) * Math.min(1, (seconds - t) / 0.02));
  };
  mixIn(out, snort(0.38), 0);
  return mixIn(out, snort(0.14), 0.6, 0.6);
}

/** A club "drop": a rising swoosh, then a round sub-bass hit. Soft attack: the patient should not jump. */
export function bassDrop(): Float32Array {
  const r = rng(25);
  const out = new Float32Array(len(3.6));
  const rise = shape(sweptFilter(white(len(1.2), r), 'bandpass', (t) => 300 * (5000 / 300) ** (t / 1.2), 1.5), (t) => (t / 1.2) ** 2);
  mixIn(out, fadeEdges(rise, 0.2, 0.03), 0, 0.5);
  mixIn(out, tone({ seconds: 2.4, freq: 46, glide: 2, glideTime: 0.1, attack: 0.025, partials: [{ ratio: 1, amp: 1, decay: 0.7 }, { ratio: 2, amp: 0.25, decay: 0.35 }] }), 1.2);
  return out;
}

/** A two-note call whistle (a lookout's "hey"). */
export function whistle(): Float32Array {
  const r = rng(26);
  const env = (a: number, b: number) => (t: number) => Math.min(1, t / 0.03, (b - t) / 0.05) * (t >= a ? 1 : 0);
  const out = new Float32Array(len(1.2));
  mixIn(out, sweep([[0, 1700], [0.12, 2500], [0.3, 2450]], env(0, 0.3)), 0);
  mixIn(out, sweep([[0, 2300], [0.35, 1750]], env(0, 0.35)), 0.42, 0.9);
  mixIn(out, filter(white(out.length, r), 'bandpass', 2200, 2), 0, 0.02);
  return fadeEdges(out, 0.01, 0.1);
}

/** An elevated metro train arriving, braking, stopping with a hiss of doors, and leaving (16 s). */
export function metro(): Float32Array {
  const r = rng(27);
  const seconds = 16;
  const out = new Float32Array(len(seconds));
  // the running rumble: loud while moving, quiet at the platform
  const speed = (t: number) => (t < 9 ? Math.min(1, t / 5) * (t > 6 ? 1 - (t - 6) / 3.2 : 1) : t < 12 ? 0.04 : Math.min(1, (t - 12) / 3) * (1 - Math.max(0, t - 15)));
  const rumble = filter(brown(out.length, r), 'lowpass', 260, 0.7);
  mixIn(out, shape(rumble, (t) => 0.08 + speed(t)), 0, 0.9);
  mixIn(out, shape(filter(pink(out.length, r), 'bandpass', 900, 0.6), (t) => speed(t) * 0.5), 0, 0.35);
  // wheels over rail joints: pairs of clacks, slowing down
  const clack = () => mixIn(tone({ seconds: 0.15, freq: 95, attack: 0.002, partials: [{ ratio: 1, amp: 1, decay: 0.04 }] }), burst(r, { seconds: 0.08, type: 'bandpass', freq: 650, q: 1.5, decay: 0.015 }), 0, 0.6);
  for (let t = 0.8; t < 8.5; t += 0.5 + 0.6 * Math.max(0, t - 5.5) / 3) {
    for (const dt of [0, 0.11]) mixIn(out, clack(), t + dt, 0.5 * Math.min(1, t / 3));
  }
  for (let t = 12.6; t < 15.5; t += 0.9 - (t - 12.6) * 0.15) for (const dt of [0, 0.11]) mixIn(out, clack(), t + dt, 0.35);
  // a soft brake squeal, then the doors
  const squeal = sweep([[0, 2900], [2.4, 2800]], (t) => Math.min(1, t / 0.6, (2.4 - t) / 0.5) * (0.8 + 0.2 * Math.sin(t * 38)));
  mixIn(out, squeal, 6.6, 0.06);
  mixIn(out, burst(r, { seconds: 0.9, type: 'highpass', freq: 2500, q: 0.7, attack: 0.05, decay: 0.25 }), 9.4, 0.25);
  mixIn(out, burst(r, { seconds: 0.9, type: 'highpass', freq: 2500, q: 0.7, attack: 0.05, decay: 0.25 }), 11.6, 0.2);
  return fadeEdges(filter(out, 'lowpass', 4500, 0.7), 0.5, 1);
}

/** The station's three-note chime, then a short announcement through a public-address horn. */
export function stationChime(): Float32Array {
  const out = new Float32Array(len(5.5));
  const bell = (m: number) => ring(midiHz(m), [{ ratio: 1, amp: 1, decay: 1.1 }, { ratio: 2, amp: 0.3, decay: 0.5 }, { ratio: 3, amp: 0.12, decay: 0.3 }, { ratio: 4.2, amp: 0.05, decay: 0.12 }], 2);
  [76, 72, 79].forEach((m, k) => mixIn(out, bell(m), k * 0.45, 0.4));
  const pa = filter(filter(voice({ seconds: 3, seed: 28, pitch: 205, female: true, effort: 0.25, pauses: 0.5 }), 'highpass', 450, 0.7), 'lowpass', 3200, 0.7);
  mixIn(out, fadeEdges(pa, 0.05, 0.3), 2.1, 0.8);
  return room(out, { mix: 0.45, rt60: 1.4, size: 1.4, tail: 0.8 });
}

/** A card chopping powder on a mirror (eight quick taps on glass), then drawn across it to make a line. */
export function chopping(): Float32Array {
  const r = rng(31);
  const out = new Float32Array(len(3.3));
  for (let k = 0; k < 8; k++) {
    const at = k * 0.196 + between(r, -0.01, 0.01);
    mixIn(out, ring(between(r, 2500, 2800), [{ ratio: 1, amp: 1, decay: 0.012 }, { ratio: 2.3, amp: 0.4, decay: 0.008 }], 0.1), at, 0.5);
    mixIn(out, click(r, 3800, 0.003, 1.5), at, 0.6);
  }
  const scrape = filter(white(len(1.2), r), 'bandpass', 3200, 1.5);
  mixIn(out, fadeEdges(scrape, 0.15, 0.2), 2, 0.25);
  return out;
}

/** A herb grinder twisted three times: gritty crunching. */
export function grinder(): Float32Array {
  const r = rng(29);
  const out = new Float32Array(len(1.6));
  for (const at of [0.02, 0.5, 0.98]) {
    const twist = new Float32Array(len(0.4));
    for (let k = 0; k < 70; k++) mixIn(twist, click(r, between(r, 1800, 4200), 0.002, 2), between(r, 0, 0.38), between(r, 0.1, 0.6));
    mixIn(twist, burst(r, { seconds: 0.4, type: 'bandpass', freq: 700, q: 1, attack: 0.05, decay: 0.2 }), 0, 0.2);
    mixIn(out, fadeEdges(twist, 0.03, 0.06), at);
  }
  return out;
}

/** Footsteps on wood crossing a neighbouring room: seven steps swelling and fading. */
export function footsteps(): Float32Array {
  const r = rng(30);
  const out = new Float32Array(len(5));
  for (let k = 0; k < 7; k++) {
    const at = 0.1 + k * 0.62 + between(r, -0.02, 0.02);
    const g = Math.sin((Math.PI * (k + 0.5)) / 7);
    mixIn(out, tone({ seconds: 0.2, freq: 90, attack: 0.003, partials: [{ ratio: 1, amp: 1, decay: 0.04 }] }), at, 0.8 * g);
    mixIn(out, burst(r, { seconds: 0.08, type: 'lowpass', freq: 900, decay: 0.02 }), at, 0.5 * g);
    mixIn(out, click(r, 2200, 0.006, 1.5), at + 0.08, 0.25 * g);
  }
  return room(filter(out, 'lowpass', 3000, 0.7), { mix: 0.5, rt60: 1.6, size: 1.5, tail: 0.5 });
}
