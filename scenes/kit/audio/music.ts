import { Biquad, RATE, burst, fadeEdges, filter, len, midiHz, mixIn, rng, tone, type Rand } from './dsp';

/*
 * Background music composed in code: a few bars of chords, bass and soft drums, mixed circularly (a note
 * that rings past the end continues at the start), so each piece loops without a seam. Mellow on purpose:
 * slow attacks, low-passed, no lead sounds that grab attention — it sets the place, it is not the cue.
 */

// ---------------------------------------------------------------------------------------------------------------
// Instruments
// ---------------------------------------------------------------------------------------------------------------

const epiano = (m: number, seconds: number) =>
  tone({
    seconds,
    freq: midiHz(m),
    attack: 0.006,
    release: 0.08,
    partials: [
      { ratio: 1, amp: 1, decay: 1.4 },
      { ratio: 2, amp: 0.3, decay: 0.5 },
      { ratio: 3, amp: 0.08, decay: 0.25 },
      { ratio: 7.1, amp: 0.03, decay: 0.03 },
    ],
  });

const vibes = (m: number) =>
  tone({
    seconds: 2.5,
    freq: midiHz(m),
    attack: 0.004,
    release: 0.3,
    partials: [
      { ratio: 1, amp: 1, decay: 1.1 },
      { ratio: 4, amp: 0.18, decay: 0.25 },
    ],
  });

const pluckBass = (m: number, seconds: number) =>
  tone({
    seconds,
    freq: midiHz(m),
    attack: 0.008,
    release: 0.06,
    partials: [
      { ratio: 1, amp: 1, decay: 0.9 },
      { ratio: 2, amp: 0.35, decay: 0.45 },
      { ratio: 3, amp: 0.1, decay: 0.25 },
    ],
  });

const kick = () => {
  const body = tone({ seconds: 0.5, freq: 48, glide: 2.6, glideTime: 0.035, attack: 0.002, partials: [{ ratio: 1, amp: 1, decay: 0.16 }] });
  return mixIn(body, burst(rng(1), { seconds: 0.02, type: 'lowpass', freq: 2500, decay: 0.003 }), 0, 0.12);
};

const hat = (r: Rand, open: boolean) => burst(r, { seconds: open ? 0.3 : 0.06, type: 'highpass', freq: 7000, decay: open ? 0.09 : 0.018 });

const brush = (r: Rand) => burst(r, { seconds: 0.3, type: 'bandpass', freq: 2600, q: 0.6, attack: 0.01, decay: 0.08 });

const snare = (r: Rand) => {
  const s = burst(r, { seconds: 0.25, type: 'bandpass', freq: 1900, q: 0.7, decay: 0.07 });
  return mixIn(s, tone({ seconds: 0.2, freq: 185, partials: [{ ratio: 1, amp: 0.5, decay: 0.05 }] }), 0);
};

const clap = (r: Rand) => {
  const out = new Float32Array(len(0.3));
  for (const at of [0, 0.011, 0.023]) mixIn(out, burst(r, { seconds: 0.02, type: 'bandpass', freq: 1300, q: 1.2, decay: 0.005 }), at);
  return mixIn(out, burst(r, { seconds: 0.25, type: 'bandpass', freq: 1200, q: 0.9, decay: 0.06 }), 0.03, 0.7);
};

/** A soft sustained chord: two slightly detuned sawtooth-like stacks, slow attack and release, low-passed. */
export function pad(notes: readonly number[], seconds: number, cutoff: number): Float32Array {
  const out = new Float32Array(len(seconds + 0.6));
  for (const m of notes) {
    for (const detune of [-0.004, 0.004]) {
      const partials = [1, 2, 3, 4, 5, 6].map((k) => ({ ratio: k, amp: 1 / k, decay: 60 }));
      mixIn(out, tone({ seconds: seconds + 0.6, freq: midiHz(m) * (1 + detune), partials, attack: 0.35, release: 0.6 }), 0);
    }
  }
  return filter(out, 'lowpass', cutoff, 0.6);
}

/** A sawtooth bass note through a low-pass that closes after the attack (the "pluck" of club bass). */
function synthBass(m: number, seconds: number): Float32Array {
  const n = len(seconds);
  const out = new Float32Array(n);
  const f = midiHz(m);
  const lp = new Biquad('lowpass', 900, 1.4);
  let phase = 0;
  for (let i = 0; i < n; i++) {
    const t = i / RATE;
    if ((i & 31) === 0) lp.set('lowpass', 180 + 700 * Math.exp(-t / 0.06), 1.4);
    phase = (phase + f / RATE) % 1;
    out[i] = lp.step(1 - 2 * phase) * Math.min(1, t / 0.005);
  }
  return fadeEdges(out, 0, 0.02);
}

// ---------------------------------------------------------------------------------------------------------------
// Pieces
// ---------------------------------------------------------------------------------------------------------------

interface Grid {
  beat: number;
  bar: number;
  /** Time of a position in the loop: bar, beat (0–3) and eighth (0|1), swung by `swing` (0.5 straight). */
  at(bar: number, beat: number, eighth?: number): number;
  out: Float32Array;
}

function grid(bpm: number, bars: number, swing = 0.5): Grid {
  const beat = 60 / bpm;
  const bar = beat * 4;
  return { beat, bar, at: (b, q, e = 0) => b * bar + q * beat + e * swing * beat, out: new Float32Array(len(bar * bars)) };
}

/** A calm jazzy lounge tune in D (a bar, a quiet party): electric piano, upright-like bass, brushes, vibes. */
export function loungeMusic(): Float32Array {
  const r = rng(92);
  const g = grid(92, 8, 0.62);
  const chords: [number, number[]][] = [
    [43, [59, 62, 66, 69]],
    [42, [57, 61, 64, 68]],
    [40, [55, 59, 62, 66]],
    [45, [55, 59, 61, 66]],
    [38, [54, 57, 61, 64]],
    [47, [57, 61, 62, 66]],
    [40, [55, 59, 62, 66]],
    [45, [55, 59, 61, 66]],
  ];
  chords.forEach(([root, notes], b) => {
    const next = chords[(b + 1) % chords.length]![0];
    for (const m of notes) {
      mixIn(g.out, epiano(m, g.beat * 1.4), g.at(b, 0) + r() * 0.01, 0.16, true);
      mixIn(g.out, epiano(m, g.beat), g.at(b, 1, 1) + r() * 0.01, 0.11, true);
    }
    mixIn(g.out, pluckBass(root, g.beat * 1.5), g.at(b, 0), 0.55, true);
    mixIn(g.out, pluckBass(root + 7, g.beat), g.at(b, 2), 0.45, true);
    mixIn(g.out, pluckBass(next + (next > root ? -1 : 1), g.beat * 0.5), g.at(b, 3, 1), 0.35, true);
    mixIn(g.out, kick(), g.at(b, 0), 0.3, true);
    mixIn(g.out, kick(), g.at(b, 2, 1), 0.18, true);
    for (const q of [1, 3]) mixIn(g.out, brush(r), g.at(b, q), 0.12, true);
    for (let q = 0; q < 4; q++) for (const e of [0, 1]) mixIn(g.out, hat(r, false), g.at(b, q, e), e ? 0.04 : 0.07, true);
    // a sparse vibraphone line on chord tones, mostly in the second half
    if (b >= 4 || b === 1) {
      for (let q = 0; q < 4; q++) if (r() < 0.45) mixIn(g.out, vibes(notes[Math.floor(r() * notes.length)]! + 12), g.at(b, q, r() < 0.3 ? 1 : 0), 0.12, true);
    }
  });
  return filter(g.out, 'lowpass', 5000, 0.7, { loop: true });
}

/** An easy summer-evening groove in A minor from a small Bluetooth speaker (garden party). */
export function partyMusic(): Float32Array {
  const r = rng(100);
  const g = grid(100, 8);
  const chords: [number, number[]][] = [
    [45, [60, 64, 67, 71]],
    [41, [57, 60, 64, 67]],
    [48, [55, 60, 62, 64]],
    [43, [55, 59, 62, 64]],
  ];
  for (let b = 0; b < 8; b++) {
    const [root, notes] = chords[b % 4]!;
    for (const m of notes) {
      mixIn(g.out, epiano(m, g.beat * 0.9), g.at(b, 0), 0.12, true);
      for (const q of [1, 3]) mixIn(g.out, epiano(m, g.beat * 0.4), g.at(b, q, 1), 0.08, true);
    }
    for (const [q, e, len8] of [[0, 0, 3], [1, 1, 1], [2, 1, 2], [3, 0, 1]] as const) {
      mixIn(g.out, pluckBass(root + (q === 2 && b % 2 ? 12 : 0), (g.beat / 2) * len8), g.at(b, q, e), 0.5, true);
    }
    for (const [q, e] of [[0, 0], [1, 1], [2, 0]] as const) mixIn(g.out, kick(), g.at(b, q, e), 0.32, true);
    for (const q of [1, 3]) mixIn(g.out, snare(r), g.at(b, q), 0.16, true);
    for (let q = 0; q < 4; q++) {
      mixIn(g.out, hat(r, false), g.at(b, q), 0.06, true);
      mixIn(g.out, hat(r, q === 3), g.at(b, q, 1), q === 3 ? 0.05 : 0.04, true);
    }
  }
  // a small speaker: no deep bass, no sparkle
  return filter(filter(g.out, 'highpass', 110, 0.7, { loop: true }), 'lowpass', 6000, 0.7, { loop: true });
}

/** Club house music, A minor, at the tempo of the club lights (2.07 beats a second). */
export function clubMusic(): Float32Array {
  const r = rng(124);
  const g = grid(124.2, 8);
  const chords: [number, number[]][] = [
    [33, [57, 60, 64]],
    [29, [57, 60, 65]],
    [36, [55, 60, 64]],
    [31, [55, 59, 62]],
  ];
  for (let b = 0; b < 8; b++) {
    const [root, notes] = chords[b % 4]!;
    mixIn(g.out, pad(notes, g.bar, 1400), g.at(b, 0), 0.05, true);
    for (let q = 0; q < 4; q++) {
      mixIn(g.out, kick(), g.at(b, q), 0.5, true);
      mixIn(g.out, synthBass(root + 12, g.beat * 0.45), g.at(b, q, 1), 0.2, true);
      mixIn(g.out, hat(r, true), g.at(b, q, 1), 0.05, true);
      for (const s of [0, 0.25, 0.5, 0.75]) mixIn(g.out, hat(r, false), g.at(b, q) + s * g.beat, s === 0.5 ? 0 : 0.02, true);
    }
    for (const q of [1, 3]) mixIn(g.out, clap(r), g.at(b, q), 0.16, true);
    // a stab riff in the second half for variety
    if (b >= 4) for (const [q, e] of [[0, 1], [1, 1], [2, 1]] as const) for (const m of notes) mixIn(g.out, epiano(m + 12, g.beat * 0.3), g.at(b, q, e), 0.05, true);
  }
  return filter(g.out, 'lowpass', 7000, 0.7, { loop: true });
}
