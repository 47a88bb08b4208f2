import { RATE, between, brown, burst, filter, len, loopable, mixIn, pink, rng, room, sweep, sweptFilter, tone, white, type Rand } from './dsp';
import { pad } from './music';
import { murmur, voice } from './voice';

/*
 * Loops: places (rooms, streets, offices, nature), people (crowds, arguments, whispers) and continuous cues
 * (bubbling, crackling, a flame). Every loop joins end to start without a seam: events are mixed circularly,
 * noise beds are filtered with warmed-up state, modulations complete whole cycles, and speech, which has no
 * period, is crossfaded onto itself.
 */

/** A steady sine with exactly whole cycles in `seconds` (hums loop seamlessly). */
function hum(seconds: number, freq: number, amp: number): Float32Array {
  const n = len(seconds);
  const cycles = Math.round(freq * seconds);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = amp * Math.sin((2 * Math.PI * cycles * i) / n);
  return out;
}

/** A smooth periodic wobble in [0, 1] completing whole cycles over the loop: gusts, swells, flicker. */
const wobble = (T: number, seed: number) => {
  const r = rng(seed);
  const parts = [1, 2, 3, 5].map((k) => ({ k, phase: r() * 6.28, amp: 1 / k }));
  const total = parts.reduce((s, p) => s + p.amp, 0);
  return (t: number) => 0.5 + (0.5 / total) * parts.reduce((s, p) => s + p.amp * Math.sin((2 * Math.PI * p.k * t) / T + p.phase), 0);
};

const ting = (r: Rand, freq: number) =>
  tone({ seconds: 0.6, freq, attack: 0.001, partials: [{ ratio: 1, amp: 1, decay: between(r, 0.05, 0.2) }, { ratio: 2.1, amp: 0.4, decay: 0.05 }, { ratio: 3.9, amp: 0.15, decay: 0.02 }] });

const laugh = (seed: number, pitch: number) => voice({ seconds: 1.4, seed, pitch, female: pitch > 160, effort: 0.6, phrase: 5, vowel: 0 });

/** A quiet room: air and a low rumble of the building. */
export function roomTone(): Float32Array {
  const r = rng(60);
  const T = 8;
  const out = filter(pink(len(T), r, true), 'lowpass', 250, 0.7, { loop: true });
  mixIn(out, filter(brown(len(T), r, true), 'lowpass', 90, 0.7, { loop: true }), 0, 0.5);
  return mixIn(out, filter(pink(len(T), r, true), 'highpass', 3500, 0.7, { loop: true }), 0, 0.06);
}

/** A kitchen in the evening: room tone, the fridge's hum and a wall clock ticking. */
export function kitchen(): Float32Array {
  const r = rng(61);
  const T = 8;
  const out = roomTone();
  mixIn(out, hum(T, 50, 0.02), 0);
  mixIn(out, hum(T, 100, 0.035), 0);
  mixIn(out, hum(T, 150, 0.01), 0);
  for (let s = 0; s < T; s++) {
    mixIn(out, tone({ seconds: 0.05, freq: s % 2 ? 2600 : 3200, attack: 0.0005, partials: [{ ratio: 1, amp: 1, decay: 0.006 }] }), s, 0.08, true);
    mixIn(out, burst(r, { seconds: 0.02, type: 'bandpass', freq: 5000, q: 2, decay: 0.002 }), s, 0.05, true);
  }
  return out;
}

/** A bar's crowd: many conversations, laughs now and then, glasses set down. */
export function crowd(): Float32Array {
  const r = rng(40);
  const T = 12;
  const out = loopable(murmur({ seconds: T + 1.5, seed: 40, speakers: 6, effort: 0.35, pauses: 0.9 }), 1.5);
  mixIn(out, filter(laugh(41, 210), 'lowpass', 2500, 0.7), 2.5, 0.5, true);
  mixIn(out, filter(laugh(42, 130), 'lowpass', 2200, 0.7), 8.2, 0.4, true);
  for (let k = 0; k < 5; k++) mixIn(out, ting(r, between(r, 2600, 3800)), between(r, 0, T), 0.05, true);
  return out;
}

/** A café: quieter talk, cups on saucers, a spoon stirring. */
export function cafe(): Float32Array {
  const r = rng(43);
  const T = 12;
  const out = loopable(murmur({ seconds: T + 1.5, seed: 43, speakers: 5, effort: 0.15, pauses: 1.6 }), 1.5);
  for (let k = 0; k < 7; k++) mixIn(out, ting(r, between(r, 1900, 2600)), between(r, 0, T), between(r, 0.06, 0.14), true);
  const stir = between(r, 0, T);
  for (let k = 0; k < 10; k++) mixIn(out, ting(r, 3800 + 200 * (k % 2)), stir + k * 0.16, 0.03, true);
  return out;
}

/** A city street: the rumble of traffic, cars passing both ways, a scooter. */
export function traffic(): Float32Array {
  const r = rng(44);
  const T = 12;
  const out = filter(brown(len(T), r, true), 'lowpass', 300, 0.7, { loop: true });
  for (let k = 0; k < 6; k++) {
    const w = between(r, 1.1, 2.2);
    const car = filter(white(len(6 * w), r), 'bandpass', between(r, 380, 560), 0.6);
    mixIn(car, filter(white(car.length, r), 'highpass', 2500, 0.7), 0, 0.25);
    for (let i = 0; i < car.length; i++) car[i]! *= Math.exp(-(((i / RATE - 3 * w) / w) ** 2));
    mixIn(out, car, between(r, 0, T), between(r, 0.4, 1), true);
  }
  // a scooter passing: a buzzing two-stroke, its pitch falling as it goes by (Doppler)
  const n = len(6);
  const scooter = new Float32Array(n);
  let phase = 0;
  for (let i = 0; i < n; i++) {
    const t = i / RATE;
    phase += (2 * Math.PI * (100 - 14 * Math.tanh((t - 3) * 1.5))) / RATE;
    let s = 0;
    for (let h = 1; h <= 8; h++) s += Math.sin(h * phase) / h;
    scooter[i] = s * Math.exp(-(((t - 3) / 1.3) ** 2));
  }
  return mixIn(out, filter(scooter, 'lowpass', 1400, 0.7), 5, 0.25, true);
}

/** An open-plan office: ventilation, keyboards, a mouse, colleagues talking low far away. */
export function office(): Float32Array {
  const r = rng(45);
  const T = 12;
  const out = filter(pink(len(T), r, true), 'lowpass', 350, 0.7, { loop: true });
  mixIn(out, hum(T, 100, 0.01), 0);
  for (let typist = 0; typist < 3; typist++) {
    let t = between(r, 0, T);
    const g = between(r, 0.12, 0.3);
    for (let k = 0, keys = 10 + Math.floor(r() * 15); k < keys; k++) {
      mixIn(out, burst(r, { seconds: 0.03, type: 'bandpass', freq: between(r, 3000, 4500), q: 2, decay: 0.004 }), t, g, true);
      mixIn(out, burst(r, { seconds: 0.05, type: 'bandpass', freq: 800, q: 1.5, decay: 0.012 }), t, g * 0.6, true);
      t += between(r, 0.09, 0.2);
    }
  }
  for (let k = 0; k < 3; k++) {
    const t = between(r, 0, T);
    for (const dt of [0, 0.09]) mixIn(out, burst(r, { seconds: 0.02, type: 'bandpass', freq: 5000, q: 3, decay: 0.002 }), t + dt, 0.15, true);
  }
  return mixIn(out, filter(loopable(murmur({ seconds: T + 1, seed: 45, speakers: 2, effort: 0.1, pauses: 1.5 }), 1), 'lowpass', 1000, 0.7), 0, 0.35, true);
}

/** A television across the room: a calm narrator over soft music, through a small speaker. */
export function tv(): Float32Array {
  const T = 12;
  const out = loopable(voice({ seconds: T + 1, seed: 50, pitch: 105, effort: 0.12, pauses: 0.7 }), 1);
  mixIn(out, pad([57, 60, 64], 6, 1200), 0, 0.02, true);
  mixIn(out, pad([55, 59, 62], 6, 1200), 6, 0.02, true);
  return filter(filter(out, 'highpass', 220, 0.7, { loop: true }), 'lowpass', 4500, 0.7, { loop: true });
}

/** Friends chatting on a patio, close by: three voices and a laugh. */
export function chatter(): Float32Array {
  const T = 10;
  const out = loopable(murmur({ seconds: T + 1, seed: 46, speakers: 3, effort: 0.3, pauses: 1.1 }), 1);
  return mixIn(out, laugh(47, 190), 6.3, 0.45, true);
}

/** One person arguing, with pauses where the other would answer; `effort` from tense (0.5) to shouting (1). */
function arguing(seed: number, pitch: number, female: boolean, effort: number, pauses: number): Float32Array {
  const T = 10;
  return loopable(room(voice({ seconds: T + 1, seed, pitch, female, effort, pauses }), { mix: 0.18, rt60: 0.45, tail: 0 }), 1);
}

/** The partner at home, tense and reproachful. */
export const partnerTense = () => arguing(51, 205, true, 0.55, 1.6);
/** The partner at home, shouting. */
export const partnerShouting = () => arguing(52, 240, true, 0.95, 0.9);
/** A manager berating someone, in an office. */
export const managerShouting = () => arguing(53, 125, false, 0.85, 1.0);
/** A man talking low and close (a dealer's offer). */
export const lowVoice = () => arguing(54, 92, false, 0.2, 1.6);

/** Two colleagues whispering. */
export function whispers(): Float32Array {
  const T = 8;
  const out = new Float32Array(len(T));
  for (const seed of [55, 56]) mixIn(out, loopable(voice({ seconds: T + 1, seed, pitch: 150, effort: 0.3, whisper: true, pauses: 1.2 }), 1), 0);
  return filter(out, 'highpass', 300, 0.7, { loop: true });
}

/** Water bubbling through a bong: fast rising blips over a low gurgle. */
export function bong(): Float32Array {
  const r = rng(57);
  const T = 2.4;
  const out = new Float32Array(len(T));
  for (let t = 0; t < T; t += between(r, 0.03, 0.08)) {
    mixIn(out, tone({ seconds: 0.08, freq: between(r, 170, 420), glide: 0.45, glideTime: 0.02, attack: 0.002, partials: [{ ratio: 1, amp: 1, decay: 0.025 }] }), t, between(r, 0.3, 1), true);
  }
  const gurgle = filter(white(len(T), r), 'lowpass', 300, 1, { loop: true });
  for (let i = 0; i < gurgle.length; i++) gurgle[i]! *= Math.abs(Math.sin((2 * Math.PI * 30 * i) / gurgle.length));
  return mixIn(out, gurgle, 0, 0.8);
}

/** The crackle of a heated crack pipe (the drug's name): sharp ticks in bursts over a faint sizzle. */
export function crackle(): Float32Array {
  const r = rng(58);
  const T = 3;
  const out = filter(pink(len(T), r, true), 'highpass', 3000, 0.7, { loop: true });
  for (let i = 0; i < out.length; i++) out[i]! *= 0.05;
  for (let t = 0; t < T; ) {
    const density = 25 + 20 * Math.sin((2 * Math.PI * t) / 1.5);
    mixIn(out, burst(r, { seconds: 0.012, type: 'bandpass', freq: between(r, 1500, 5000), q: 1.5, attack: 0.0003, decay: 0.0015 }), t, r() ** 3, true);
    t += -Math.log(1 - r()) / density;
  }
  return out;
}

/** A lighter or torch flame held on: a soft, flickering rush. */
export function flame(): Float32Array {
  const r = rng(59);
  const T = 3;
  const x = filter(pink(len(T), r, true), 'bandpass', 650, 0.55, { loop: true });
  const flicker = wobble(T, 59);
  for (let i = 0; i < x.length; i++) x[i]! *= 0.7 + 0.6 * flicker(i / RATE);
  return filter(x, 'lowpass', 2500, 0.7, { loop: true });
}

/** An aquarium: the filter pump's hum, water trickling, small bubbles rising. */
export function aquarium(): Float32Array {
  const r = rng(62);
  const T = 10;
  const swell = wobble(T, 62);
  const out = sweptFilter(pink(len(T), r, true), 'bandpass', (t) => 900 + 500 * swell(t), 0.7, { loop: true });
  mixIn(out, hum(T, 100, 0.02), 0);
  mixIn(out, hum(T, 200, 0.008), 0);
  for (let k = 0; k < 160; k++) {
    mixIn(out, tone({ seconds: 0.04, freq: between(r, 600, 1500), glide: 0.6, glideTime: 0.01, attack: 0.001, partials: [{ ratio: 1, amp: 1, decay: 0.008 }] }), between(r, 0, T), between(r, 0.05, 0.25), true);
  }
  return mixIn(out, filter(brown(len(T), r, true), 'lowpass', 120, 0.7, { loop: true }), 0, 0.4);
}

/** Birdsong in the trees: trills, a two-note "tea-cher" call and a blackbird's phrases, with silences. */
export function birds(): Float32Array {
  const r = rng(63);
  const T = 12;
  const out = new Float32Array(len(T));
  const bell = (d: number) => (t: number) => Math.sin((Math.PI * Math.min(t, d)) / d);
  for (let p = 0; p < 3; p++) {
    const at = between(r, 0, T);
    for (let k = 0, n = 5 + Math.floor(r() * 5); k < n; k++) mixIn(out, sweep([[0, 5200], [0.04, 3400]], bell(0.04)), at + k * 0.07, 0.35, true);
  }
  for (let p = 0; p < 2; p++) {
    const at = between(r, 0, T);
    for (let k = 0; k < 4; k++) {
      mixIn(out, sweep([[0, 4800], [0.09, 4600]], bell(0.09)), at + k * 0.26, 0.3, true);
      mixIn(out, sweep([[0, 3700], [0.09, 3500]], bell(0.09)), at + k * 0.26 + 0.12, 0.3, true);
    }
  }
  for (let p = 0; p < 2; p++) {
    let at = between(r, 0, T);
    for (let k = 0, n = 4 + Math.floor(r() * 3); k < n; k++) {
      const d = between(r, 0.12, 0.32);
      const f = between(r, 1700, 2900);
      mixIn(out, sweep([[0, f], [d * 0.5, f * between(r, 0.9, 1.25)], [d, f * between(r, 0.8, 1.1)]], bell(d)), at, 0.45, true);
      at += d + between(r, 0.04, 0.12);
    }
  }
  return filter(out, 'lowpass', 7000, 0.7, { loop: true });
}

/** Wind in the trees: a band of noise that swells and shifts with the gusts, leaves rustling on top. */
export function wind(): Float32Array {
  const r = rng(64);
  const T = 12;
  const gust = wobble(T, 64);
  const out = sweptFilter(pink(len(T), r, true), 'bandpass', (t) => 250 + 500 * gust(t), 0.8, { loop: true });
  const leaves = filter(white(len(T), r), 'highpass', 2500, 0.7, { loop: true });
  for (let i = 0; i < out.length; i++) {
    const g = gust(i / RATE);
    out[i] = out[i]! * (0.4 + 0.8 * g) + leaves[i]! * 0.12 * g ** 3;
  }
  return out;
}

/** Small waves lapping at a lake shore, a bloop now and then. */
export function waterLapping(): Float32Array {
  const r = rng(65);
  const T = 10;
  const out = filter(pink(len(T), r, true), 'lowpass', 400, 0.7, { loop: true });
  for (let i = 0; i < out.length; i++) out[i]! *= 0.3;
  for (const at of [0, 2.6, 5.1, 7.7]) {
    const wave = filter(white(len(3), r), 'lowpass', 700, 0.7);
    for (let i = 0; i < wave.length; i++) {
      const t = i / RATE;
      wave[i]! *= Math.min(1, t / 0.5) * Math.exp(-Math.max(0, t - 0.5) / 1.2);
    }
    mixIn(out, wave, at + between(r, -0.2, 0.2), between(r, 0.6, 1), true);
    mixIn(out, burst(r, { seconds: 0.8, type: 'highpass', freq: 2000, attack: 0.05, decay: 0.25 }), at + 0.5, 0.06, true);
  }
  for (let k = 0; k < 15; k++) {
    mixIn(out, tone({ seconds: 0.1, freq: between(r, 250, 700), glide: 0.7, glideTime: 0.02, attack: 0.002, partials: [{ ratio: 1, amp: 1, decay: 0.03 }] }), between(r, 0, T), 0.15, true);
  }
  return out;
}

/** Two crickets on a summer evening. */
export function crickets(): Float32Array {
  const r = rng(66);
  const T = 6;
  const out = new Float32Array(len(T));
  for (const [freq, every, g] of [[4400, 0.62, 0.5], [4900, 0.75, 0.3]] as const) {
    for (let t = between(r, 0, 0.5); t < T; t += every + between(r, -0.05, 0.05)) {
      for (let p = 0; p < 3; p++) mixIn(out, tone({ seconds: 0.02, freq, attack: 0.003, partials: [{ ratio: 1, amp: 1, decay: 0.006 }] }), t + p * 0.03, g, true);
    }
  }
  return out;
}
