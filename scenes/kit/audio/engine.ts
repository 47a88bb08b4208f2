import { createContext, useContext, useSyncExternalStore } from 'react';
import { AudioListener } from 'three';
import { RATE } from './dsp';
import { renderSound, type SoundId } from './library';

/*
 * The Web Audio side of the kit: one AudioListener (on the camera, so in XR it follows the head), created
 * on the first user gesture as browsers require (Enter VR is one), with a limiter before the speakers; and
 * sound buffers generated once per AudioContext, in a worker. Where there is no Web Audio everything stays
 * silent and nothing throws.
 */

/**
 * Overall gain into the limiter. The Web Audio compressor adds its own make-up gain (about +5 dB with the
 * settings below), so this sits lower than it looks; the output stays below about -4 dBFS, bar a few ms
 * of attack.
 */
const MASTER_VOLUME = 0.5;

let listener: AudioListener | null = null;
const subscribers = new Set<() => void>();
let gesturesWatched = false;

function hasWebAudio(): boolean {
  return typeof window !== 'undefined' && typeof (window.AudioContext ?? (window as { webkitAudioContext?: unknown }).webkitAudioContext) === 'function';
}

function start(): void {
  if (listener || !hasWebAudio()) return;
  try {
    const l = new AudioListener();
    // A soft limiter: overlapping sounds never add up to a sudden loud peak.
    const limiter = l.context.createDynamicsCompressor();
    limiter.threshold.value = -10;
    limiter.knee.value = 4;
    limiter.ratio.value = 12;
    limiter.attack.value = 0.003;
    limiter.release.value = 0.25;
    l.setFilter(limiter);
    l.gain.gain.value = MASTER_VOLUME;
    // if the system suspends audio later (headset taken off, tab hidden), the next gesture resumes it
    l.context.addEventListener('statechange', () => l.context.state === 'suspended' && watchGestures());
    listener = l;
  } catch {
    return;
  }
  subscribers.forEach((notify) => notify());
}

const GESTURES = ['pointerdown', 'keydown', 'touchend', 'click'] as const;

function onGesture(): void {
  start();
  const ctx = listener?.context;
  if (!ctx) return;
  if (ctx.state === 'running') return unwatchGestures();
  void ctx.resume().then(
    () => ctx.state === 'running' && unwatchGestures(),
    () => undefined,
  );
}

function unwatchGestures(): void {
  GESTURES.forEach((g) => window.removeEventListener(g, onGesture, true));
  gesturesWatched = false;
}

function watchGestures(): void {
  if (gesturesWatched || !hasWebAudio()) return;
  gesturesWatched = true;
  GESTURES.forEach((g) => window.addEventListener(g, onGesture, true));
  // Audio may already be allowed (a gesture happened before the first scene mounted).
  if ((navigator as Navigator & { userActivation?: { hasBeenActive: boolean } }).userActivation?.hasBeenActive) onGesture();
}

function subscribe(notify: () => void): () => void {
  subscribers.add(notify);
  watchGestures();
  return () => subscribers.delete(notify);
}

/** False where a scene is shown silently (the console's mirror of the patient's view). */
export const SceneAudioEnabled = createContext(true);
const silent = () => () => undefined;

/** The scene's AudioListener once audio may play, else null (before the first gesture, no Web Audio, or silenced). */
export function useAudioListener(): AudioListener | null {
  const enabled = useContext(SceneAudioEnabled);
  const l = useSyncExternalStore(enabled ? subscribe : silent, () => listener, () => null);
  return enabled ? l : null;
}

// ---------------------------------------------------------------------------------------------------------------
// Buffers
// ---------------------------------------------------------------------------------------------------------------

let worker: Worker | null | undefined;
let requests = 0;
const pending = new Map<number, { id: SoundId; resolve: (pcm: Float32Array) => void }>();

/** The synthesiser worker, or null where workers are unavailable (then sounds are generated in place). */
function synthWorker(): Worker | null {
  if (worker !== undefined) return worker;
  try {
    worker = new Worker(new URL('./synth.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (e: MessageEvent<{ request: number; pcm: Float32Array }>) => {
      pending.get(e.data.request)?.resolve(e.data.pcm);
      pending.delete(e.data.request);
    };
    worker.onerror = () => {
      // fall back to the main thread for anything still waiting
      worker = null;
      pending.forEach(({ id, resolve }) => resolve(renderSound(id)));
      pending.clear();
    };
  } catch {
    worker = null;
  }
  return worker;
}

function generate(id: SoundId): Promise<Float32Array> {
  const w = synthWorker();
  if (!w) return new Promise((resolve) => setTimeout(() => resolve(renderSound(id)), 0));
  return new Promise((resolve) => {
    const request = ++requests;
    pending.set(request, { id, resolve });
    w.postMessage({ request, id });
  });
}

const buffers = new WeakMap<BaseAudioContext, Map<SoundId, Promise<AudioBuffer>>>();

/** A sound as an AudioBuffer of `ctx`, generated on first use and kept for the context's life. */
export function soundBuffer(ctx: BaseAudioContext, id: SoundId): Promise<AudioBuffer> {
  let byId = buffers.get(ctx);
  if (!byId) buffers.set(ctx, (byId = new Map()));
  let buffer = byId.get(id);
  if (!buffer) {
    buffer = generate(id).then((pcm) => {
      const b = ctx.createBuffer(1, pcm.length, RATE);
      b.getChannelData(0).set(pcm);
      return b;
    });
    byId.set(id, buffer);
  }
  return buffer;
}
