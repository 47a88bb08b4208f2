import { Biquad, RATE, between, filter, len, pick, rng, type Rand } from './dsp';

/*
 * Voice-like murmur without words: a glottal pulse train (or breath noise, for whispers) through three
 * formant band-passes that glide between vowel targets syllable by syllable, with phrase intonation, a few
 * consonant noises and pauses. Heard across a room it reads as people talking, calm or angry.
 */

export interface VoiceOptions {
  seconds: number;
  seed: number;
  /** Mean pitch, Hz (about 110 for a man, 200 for a woman). */
  pitch: number;
  /** Formants scaled up for a shorter vocal tract. */
  female?: boolean;
  /** 0 calm … 1 shouting: pitch range and height, brightness, syllable rate, loudness swings. */
  effort: number;
  /** Breath noise instead of a voiced source. */
  whisper?: boolean;
  /** Scales the pauses between phrases (1 = conversational). */
  pauses?: number;
  /** Only one phrase of this many syllables (a call, a laugh), then silence. */
  phrase?: number;
  /** Every syllable on this vowel (index into VOWELS; 0 is "a", for laughter). */
  vowel?: number;
}

/** F1–F3 of five vowels and a schwa (adult male averages, Hz). */
const VOWELS: readonly (readonly [number, number, number])[] = [
  [730, 1090, 2440],
  [530, 1840, 2480],
  [270, 2290, 3010],
  [570, 840, 2410],
  [300, 870, 2240],
  [500, 1500, 2500],
];

interface Syllable {
  start: number;
  end: number;
  vowel: readonly [number, number, number];
  pitch: number;
  amp: number;
  onset: 'none' | 'plosive' | 'fricative';
}

function syllables(o: VoiceOptions, r: Rand): Syllable[] {
  const out: Syllable[] = [];
  const rate = 1 + 0.35 * o.effort;
  let t = o.phrase ? 0.03 : between(r, 0, 0.4);
  while (t < o.seconds && !(o.phrase && out.length > 0)) {
    const count = o.phrase ?? 3 + Math.floor(r() * 7);
    const top = o.pitch * (1 + between(r, 0.08, 0.2) + 0.35 * o.effort);
    const stressed = Math.floor(r() * count);
    for (let k = 0; k < count && t < o.seconds; k++) {
      const d = between(r, 0.11, 0.24) / rate;
      // declination: each phrase starts high and falls; one syllable carries the accent
      const fall = 1 - (0.22 * k) / count;
      const accent = k === stressed ? 1 + 0.12 + 0.25 * o.effort : 1;
      out.push({
        start: t,
        end: t + d,
        vowel: o.vowel === undefined ? pick(r, VOWELS) : VOWELS[o.vowel]!,
        pitch: top * fall * accent,
        amp: (k === stressed ? 1 : between(r, 0.55, 0.85)) * (1 - (0.3 * k) / count),
        onset: r() < 0.35 ? 'plosive' : r() < 0.45 ? 'fricative' : 'none',
      });
      t += d + between(r, 0, 0.03);
    }
    t += between(r, 0.25, 0.9) * (o.pauses ?? 1) / rate;
  }
  return out;
}

/** Samples per control block: pitch, formants and loudness move per block, the waveform per sample. */
const BLOCK = 32;

/** One speaker, `seconds` long. */
export function voice(o: VoiceOptions): Float32Array {
  const r = rng(o.seed);
  const n = len(o.seconds);
  const out = new Float32Array(n);
  const syl = syllables(o, r);
  const scale = o.female ? 1.17 : 1;
  const q = [5, 9, 13];
  const f = [500, 1500, 2500];
  const [F1, F2, F3] = f.map((hz, j) => new Biquad('bandpass', hz, q[j]));
  const w3 = 0.25 + 0.45 * o.effort;
  const fricative = new Biquad('bandpass', 4200, 2.5);
  const tilt = new Biquad('lowpass', 1800 + 2600 * o.effort, 0.6);
  const dt = BLOCK / RATE;
  let k = 0;
  let f0 = o.pitch;
  let amp = 0;
  let phase = 0;
  let vibrato = r() * 6;
  for (let b = 0; b < n; b += BLOCK) {
    const t = b / RATE;
    while (k < syl.length - 1 && t >= syl[k]!.end + 0.04) k++;
    const s = syl[k]!;
    const inside = t >= s.start && t < s.end;
    // syllable envelope with soft edges; the smoothing makes syllables coarticulate
    const targetAmp = inside ? s.amp : 0;
    const nextAmp = amp + (targetAmp - amp) * (targetAmp > amp ? 0.12 : 0.077);
    f0 += (s.pitch - f0) * 0.047;
    for (let j = 0; j < 3; j++) f[j]! += (s.vowel[j]! * scale - f[j]!) * 0.062;
    F1!.set('bandpass', f[0]!, q[0]);
    F2!.set('bandpass', f[1]!, q[1]);
    F3!.set('bandpass', f[2]!, q[2]);
    vibrato += 2 * Math.PI * 5.5 * dt;
    const inc = (f0 * (1 + 0.012 * Math.sin(vibrato) + 0.01 * (r() - 0.5))) / RATE;
    // consonant noise in the first moments of a syllable, shaped (an abrupt gate would click across the band)
    const cLen = s.onset === 'plosive' ? 0.02 : 0.07;
    const since = t - s.start;
    const consonant = inside && s.onset !== 'none' && since < cLen ? Math.sin((Math.PI * since) / cLen) : 0;
    const cGain = consonant * (s.onset === 'plosive' ? 0.12 : 0.07) * (o.whisper ? 2 : 1);
    const end = Math.min(n, b + BLOCK);
    for (let i = b; i < end; i++) {
      phase += inc;
      if (phase >= 1) phase -= 1;
      const breath = r() * 2 - 1;
      const source = o.whisper ? breath * 0.7 : tilt.step(1 - 2 * phase) + breath * 0.04;
      let y = F1!.step(source) + 0.7 * F2!.step(source) + w3 * F3!.step(source);
      if (cGain > 0) y += fricative.step(breath) * cGain;
      out[i] = y * (amp + ((nextAmp - amp) * (i - b)) / BLOCK);
    }
    amp = nextAmp;
  }
  return filter(out, 'highpass', 90, 0.7);
}

/** Several speakers mixed, each at its own distance (quieter and duller further away): a crowd or a room. */
export function murmur(o: { seconds: number; seed: number; speakers: number; effort?: number; pauses?: number }): Float32Array {
  const r = rng(o.seed);
  const out = new Float32Array(len(o.seconds));
  for (let k = 0; k < o.speakers; k++) {
    const female = r() < 0.5;
    const v = voice({
      seconds: o.seconds,
      seed: o.seed * 31 + k,
      pitch: female ? between(r, 180, 240) : between(r, 95, 140),
      female,
      effort: (o.effort ?? 0.2) * between(r, 0.6, 1.2),
      pauses: (o.pauses ?? 1.3) * between(r, 0.8, 1.6),
    });
    const far = filter(v, 'lowpass', between(r, 1400, 3200), 0.7);
    const g = between(r, 0.45, 1);
    for (let i = 0; i < out.length; i++) out[i]! += far[i]! * g;
  }
  return out;
}
