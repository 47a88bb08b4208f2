// Synthetic patients for the protocol simulator: craving (VAS 0–100) as a pure function of where the
// patient is in the session. No state: the simulator passes the moment (time in the shown block, level,
// active use on screen, the craving carried over from the previous block) and gets the craving back.
// Ratings add small noise from a seeded PRNG keyed by time, so a run is reproducible.
import { seededRandom } from '../../scenes/kit/seededRandom';

/** Everything a profile may depend on, at one moment of virtual time. Times in milliseconds. */
export interface PatientMoment {
  /** Since the session started. */
  sessionMs: number;
  /** Since the current protocol step started (0 outside a step). */
  stepMs: number;
  /** Since the shown scene level appeared on the headset: one exposure block. */
  blockMs: number;
  /** The level shown (0–4). */
  level: number;
  /** Whether the shown scene is a cue scene (neutral and relaxation scenes evoke no cue reactivity). */
  cue: boolean;
  /** How long the active use now showing has been showing, or null when none shows. */
  activeUseMs: number | null;
  /** Since the last active use in this block ended, or null when none has ended yet. */
  sinceActiveUseMs: number | null;
  /** The (noise-free) craving when this block started: what carries over from the previous block. */
  entry: number;
  /** How long this same scene level was shown earlier in the session (habituation carried between blocks). */
  priorLevelMs: number;
}

export interface PatientProfile {
  name: string;
  description: string;
  /** Resting craving, on 0–100. */
  baseline: number;
  /** Noise-free craving at this moment, on 0–100 (not rounded). */
  craving(m: PatientMoment): number;
  /** Amplitude of the rating noise, in VAS points (the rating is within ± this of the craving). */
  noise: number;
}


/** A deterministic value in [-1, 1] for (seed, key), triangular (two uniforms): small errors are likelier. */
export function noiseAt(seed: number, key: number): number {
  const mixed = Math.imul(seed ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(Math.floor(key) | 0, 0xc2b2ae35) ^ Math.floor(key / 4294967296);
  const next = seededRandom(mixed);
  next();
  return next() + next() - 1;
}

/** The rating the patient gives at this moment: the craving plus seeded noise, as an integer on 0–100. */
export function rateCraving(profile: PatientProfile, m: PatientMoment, seed: number): number {
  const v = profile.craving(m) + profile.noise * noiseAt(seed, Math.round(m.sessionMs));
  return clamp(Math.round(v), 0, 100);
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

interface Params {
  name: string;
  description: string;
  baseline: number;
  /** Cue response above baseline at its peak, per level 0–4. */
  amplitude: readonly [number, number, number, number, number];
  /** Seconds into the block at which the response peaks. */
  peakSeconds: number;
  /** Time constant of the decay after the peak, in seconds. */
  decaySeconds: number;
  /** Fraction of the peak response left once habituated, per level 0–4 (1 = no habituation). */
  residual: readonly [number, number, number, number, number];
  /** Time constant with which the previous block's craving fades, in seconds. */
  carrySeconds: number;
  /** Extra craving while active use shows (scaled by the level's reactivity), in VAS points. */
  activeUseBump: number;
  /** How fast that extra fades once the active use ended, in seconds. */
  activeUseFadeSeconds: number;
  /** Whether the active-use response habituates within the block like the cue response does. */
  activeUseHabituates: boolean;
  /** Between-block memory: the response shrinks toward this fraction with time already spent at the level. */
  retained: number;
  /** Time constant of that between-block habituation, in seconds (Infinity: none). */
  retainSeconds: number;
  noise: number;
}

/** Rises smoothly to 1 at the peak, then decays exponentially toward `residual`. */
function blockShape(t: number, peak: number, decay: number, residual: number): number {
  if (t <= 0) return 0;
  if (t < peak) {
    const x = t / peak;
    return x * Math.exp(1 - x);
  }
  return residual + (1 - residual) * Math.exp(-(t - peak) / decay);
}

function profile(p: Params): PatientProfile {
  return {
    name: p.name,
    description: p.description,
    baseline: p.baseline,
    noise: p.noise,
    craving(m) {
      const level = clamp(Math.round(m.level), 0, 4);
      const t = m.blockMs / 1000;
      const carry = (m.entry - p.baseline) * Math.exp(-t / p.carrySeconds);
      const residual = p.residual[level]!;
      const memory = p.retained + (1 - p.retained) * Math.exp(-m.priorLevelMs / 1000 / p.retainSeconds);
      const cue = m.cue ? memory * p.amplitude[level]! * blockShape(t, p.peakSeconds, p.decaySeconds, residual) : 0;
      let bump = 0;
      if (m.cue) {
        const habituation = p.activeUseHabituates ? residual + (1 - residual) * Math.exp(-t / (p.peakSeconds + 2 * p.decaySeconds)) : 1;
        const size = p.activeUseBump * (0.5 + level / 8) * habituation;
        if (m.activeUseMs !== null) bump = size * (1 - Math.exp(-m.activeUseMs / 1500));
        else if (m.sinceActiveUseMs !== null) bump = size * Math.exp(-m.sinceActiveUseMs / 1000 / p.activeUseFadeSeconds);
      }
      // The previous block's craving and this block's cue response overlap rather than add up: combined
      // like independent probabilities on the room left above baseline, so it stays smooth and ≤ 100.
      const room = 100 - p.baseline;
      const a = Math.max(0, carry);
      const excess = a + cue * (1 - Math.min(1, a / room));
      return clamp(p.baseline + excess + Math.min(carry, 0) + bump, 0, 100);
    },
  };
}

export const PROFILES: Record<string, PatientProfile> = {
  habituating: profile({
    name: 'habituating',
    description: 'craving rises with the level, peaks early in each exposure block, then decays (extinction)',
    baseline: 12,
    amplitude: [4, 20, 34, 48, 60],
    peakSeconds: 40,
    decaySeconds: 50,
    residual: [0.05, 0.08, 0.08, 0.1, 0.12],
    carrySeconds: 40,
    activeUseBump: 10,
    activeUseFadeSeconds: 8,
    activeUseHabituates: true,
    retained: 0.35,
    retainSeconds: 120,
    noise: 3,
  }),
  'non-habituating': profile({
    name: 'non-habituating',
    description: 'habituates at low levels but stays high at levels 2–4 for as long as the cues show',
    baseline: 15,
    amplitude: [8, 28, 45, 62, 75],
    peakSeconds: 35,
    decaySeconds: 60,
    residual: [0.2, 0.2, 0.85, 0.95, 1],
    carrySeconds: 90,
    activeUseBump: 12,
    activeUseFadeSeconds: 15,
    activeUseHabituates: false,
    retained: 1,
    retainSeconds: Infinity,
    noise: 3,
  }),
  'high-reactive-late-peak': profile({
    name: 'high-reactive-late-peak',
    description: 'strong reactivity whose peak comes late in each block (≈2.5 min), then a slow decay',
    baseline: 18,
    amplitude: [12, 40, 56, 70, 80],
    peakSeconds: 150,
    decaySeconds: 150,
    residual: [0.1, 0.15, 0.2, 0.25, 0.3],
    carrySeconds: 150,
    activeUseBump: 15,
    activeUseFadeSeconds: 20,
    activeUseHabituates: true,
    retained: 0.7,
    retainSeconds: 300,
    noise: 4,
  }),
};

export const PROFILE_NAMES = Object.keys(PROFILES);
