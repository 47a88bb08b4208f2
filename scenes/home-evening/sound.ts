/*
 * Synthesised sound cues (nothing is loaded): a can opening, glasses clinking, a lighter. Played once when a
 * clinician fires the matching scene event. Silent where there is no Web Audio (Node, tests) or while the
 * browser has not allowed audio yet.
 */

export type SoundCue = 'can-open' | 'clink' | 'lighter';

let ctx: AudioContext | null = null;

function audio(): AudioContext | null {
  if (typeof window === 'undefined') return null;
  const Ctor = window.AudioContext ?? (window as unknown as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctor) return null;
  try {
    ctx ??= new Ctor();
    if (ctx.state === 'running') return ctx;
    // Not allowed to play yet (no user gesture on the page): try to wake it for next time, stay silent now.
    void ctx.resume().catch(() => undefined);
    return null;
  } catch {
    return null;
  }
}

function noise(ac: AudioContext, seconds: number): AudioBuffer {
  const buf = ac.createBuffer(1, Math.ceil(ac.sampleRate * seconds), ac.sampleRate);
  const d = buf.getChannelData(0);
  let s = 12345;
  for (let i = 0; i < d.length; i++) {
    s = (s * 1103515245 + 12345) >>> 0;
    d[i] = (s / 4294967296) * 2 - 1;
  }
  return buf;
}

function burst(ac: AudioContext, at: number, dur: number, freq: number, q: number, gain: number, type: BiquadFilterType = 'bandpass') {
  const src = ac.createBufferSource();
  src.buffer = noise(ac, dur);
  const f = ac.createBiquadFilter();
  f.type = type;
  f.frequency.value = freq;
  f.Q.value = q;
  const g = ac.createGain();
  g.gain.setValueAtTime(0.0001, at);
  g.gain.exponentialRampToValueAtTime(gain, at + 0.008);
  g.gain.exponentialRampToValueAtTime(0.0001, at + dur);
  src.connect(f).connect(g).connect(ac.destination);
  src.start(at);
  src.stop(at + dur + 0.05);
}

function tone(ac: AudioContext, at: number, freq: number, dur: number, gain: number) {
  const o = ac.createOscillator();
  o.type = 'sine';
  o.frequency.value = freq;
  const g = ac.createGain();
  g.gain.setValueAtTime(0.0001, at);
  g.gain.exponentialRampToValueAtTime(gain, at + 0.003);
  g.gain.exponentialRampToValueAtTime(0.0001, at + dur);
  o.connect(g).connect(ac.destination);
  o.start(at);
  o.stop(at + dur + 0.05);
}

/** Plays a cue now (fire and forget). */
export function playSound(cue: SoundCue) {
  const ac = audio();
  if (!ac) return;
  const t = ac.currentTime + 0.02;
  switch (cue) {
    case 'can-open':
      // the tab's click, then the hiss of gas escaping
      burst(ac, t, 0.03, 2500, 2, 0.5);
      burst(ac, t + 0.03, 0.55, 5200, 0.8, 0.28);
      burst(ac, t + 0.05, 0.35, 1800, 1.2, 0.08);
      break;
    case 'clink':
      for (const [f, d, g] of [
        [2630, 1.2, 0.16],
        [3940, 0.8, 0.09],
        [5710, 0.5, 0.05],
      ] as const) {
        tone(ac, t, f, d, g);
        tone(ac, t + 0.07, f * 1.013, d * 0.8, g * 0.6);
      }
      break;
    case 'lighter':
      // flint wheel, then the soft rush of the flame
      burst(ac, t, 0.05, 3500, 3, 0.45);
      burst(ac, t + 0.06, 0.04, 4500, 3, 0.3);
      burst(ac, t + 0.1, 0.7, 900, 0.7, 0.07, 'lowpass');
      break;
  }
}

/**
 * Calls `onStart` on the frame an event becomes active (rising edge). Use inside useFrame:
 * `edge(phase.active)`.
 */
export function risingEdge(onStart: () => void): (active: boolean) => void {
  let was = false;
  return (active: boolean) => {
    if (active && !was) onStart();
    was = active;
  };
}
