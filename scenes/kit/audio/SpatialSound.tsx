import { useFrame, useThree } from '@react-three/fiber';
import { useContext, useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import { PositionalAudio, type Group } from 'three';
import { CUE_FADE_SECONDS, stepToward } from '../fade';
import { useSceneLevel } from '../levelContext';
import type { Vec3 } from '../materials';
import { SceneClockContext, clockNow, eventTimer, segmentTimer, type SceneClock } from '../sceneClock';
import { soundBuffer, useAudioListener } from './engine';
import { isLoop, type SoundId } from './library';

/** No sound is ever louder than this (before distance): patients are anxious, nothing may startle them. */
export const MAX_VOLUME = 0.8;
/** Seconds a loop takes to fade in or out with its segment or event (the level fade takes CUE_FADE_SECONDS). */
const GATE_SECONDS = 0.25;
/** Seconds a trigger that came before the sound was generated may still start it. */
const LATE_START = 0.5;

/**
 * When a sound plays. `segment`/`event`: while the manifest segment or clinician-fired event is on, from
 * fraction `at` to `until` of it (a one-shot starts at `at`). `every`: once every so many seconds of the level.
 */
export type SoundTrigger =
  | { segment: string; at?: number; until?: number }
  | { event: string; at?: number; until?: number }
  | { every: number; offset?: number };

/** For sounds timed by a scene's own animation: a one-shot on the frame a flame appears, a loop while it burns. */
export interface SoundHandle {
  play(): void;
  hold(on: boolean): void;
}

interface SpatialSoundProps {
  /** Named `sound:<id>`: the manifest cue id where the manifest declares the sound as a cue. */
  id: string;
  sound: SoundId;
  /** World position of the source (metres). */
  position: Vec3;
  /** Plays from this level up, fading in and out with the level like a visual cue. */
  minLevel?: number;
  /** Gain, or one gain per level from level 0 (the last holds above); capped at MAX_VOLUME. */
  volume?: number | readonly number[];
  /** Without triggers a loop plays all the time (an ambience) and a one-shot only through `ref`. */
  on?: readonly SoundTrigger[];
  /** A loop that plays only while its scene holds it on through `ref` (besides any `on` trigger). */
  held?: boolean;
  /** A loop falls silent while any of these is on (a calm voice giving way to the same person shouting). */
  off?: readonly SoundTrigger[];
  /** Within this distance (m) the sound is at full volume; beyond it falls off as 1/distance. */
  refDistance?: number;
  ref?: Ref<SoundHandle>;
}

function triggerOn(clock: SceneClock, t: SoundTrigger): (now: number) => boolean {
  if ('every' in t) {
    return (now) => {
      const s = now - clock.levelStartedAt - (t.offset ?? 0);
      // on for the first second of each period: wide enough that even a slow frame rate sees it start
      return s >= 0 && s % t.every < Math.min(1, t.every / 2);
    };
  }
  const phase = 'segment' in t ? segmentTimer(clock, t.segment) : eventTimer(clock, t.event);
  return (now) => {
    const p = phase(now);
    return p.active && p.progress >= (t.at ?? 0) && p.progress < (t.until ?? 1);
  };
}

/** Where in a loop to start: spread by id, so two copies of one loop never play in step. */
function loopOffset(id: string, duration: number): number {
  let h = 7;
  for (let i = 0; i < id.length; i++) h = (h * 31 + id.charCodeAt(i)) >>> 0;
  return ((h % 997) / 997) * duration;
}

/**
 * A sound at a point of the scene, heard through the listener on the camera (the head, in XR) with HRTF
 * panning and distance fall-off. An invisible Object3D named `sound:<id>` (for tests and gaze measurement);
 * its PositionalAudio child exists once audio is allowed. Stops and lets go of its audio nodes on unmount.
 */
export function SpatialSound({ id, sound, position, minLevel = 0, volume = 0.5, on, held = false, off, refDistance = 1, ref }: SpatialSoundProps) {
  const listener = useAudioListener();
  const camera = useThree((s) => s.camera);
  const level = useSceneLevel();
  const clock = useContext(SceneClockContext);
  const anchor = useRef<Group>(null);
  const loop = isLoop(sound);
  const triggers = (on ?? []).map((t) => triggerOn(clock, t));
  const silencers = (off ?? []).map((t) => triggerOn(clock, t));
  const st = useRef({ audio: null as PositionalAudio | null, buffer: null as AudioBuffer | null, requested: false, levelFade: 0, gateFade: 0, was: [] as boolean[], wanted: -Infinity, holding: false, gain: 0 });
  const gainNow = Math.min(MAX_VOLUME, typeof volume === 'number' ? volume : (volume[Math.min(level, volume.length - 1)] ?? 0));

  useImperativeHandle(ref, () => ({ play: () => void (st.current.wanted = clockNow()), hold: (on) => void (st.current.holding = on) }), []);

  useEffect(() => {
    if (listener && listener.parent !== camera) camera.add(listener);
  }, [listener, camera]);

  useEffect(() => {
    const a = anchor.current;
    if (!listener || !a) return;
    const audio = new PositionalAudio(listener);
    audio.setRefDistance(refDistance);
    audio.setRolloffFactor(1);
    audio.setDistanceModel('inverse');
    audio.setMaxDistance(60);
    audio.setLoop(loop);
    audio.gain.gain.value = 0;
    a.add(audio);
    const s = st.current;
    s.audio = audio;
    s.gain = 0;
    s.requested = false;
    return () => {
      s.audio = null;
      s.buffer = null;
      a.remove(audio);
      // fade out rather than cut, then let go of the nodes
      audio.gain.gain.setTargetAtTime(0, audio.context.currentTime, 0.06);
      if (audio.isPlaying) audio.stop(0.35);
      setTimeout(() => {
        audio.disconnect();
        audio.panner.disconnect();
        audio.gain.disconnect();
      }, 450);
    };
  }, [listener, sound, loop, refDistance]);

  useFrame((_, rawDt) => {
    const s = st.current;
    const audio = s.audio;
    if (!audio) return;
    const dt = Math.min(rawDt, 0.1);
    const allowed = level >= minLevel;
    if (allowed && !s.requested) {
      // generated the first time its level is shown, not before
      s.requested = true;
      void soundBuffer(audio.context, sound).then((b) => {
        if (s.audio !== audio) return;
        s.buffer = b;
        audio.setBuffer(b);
      });
    }
    s.levelFade = stepToward(s.levelFade, allowed ? 1 : 0, dt, CUE_FADE_SECONDS);
    const now = clockNow();
    const ons = triggers.map((f) => f(now));
    const rising = ons.some((v, i) => v && !s.was[i]);
    s.was = ons;
    const running = audio.context.state === 'running' && s.buffer !== null;
    let target = s.levelFade * gainNow;
    if (loop) {
      const ambient = triggers.length === 0 && !held;
      const open = (ambient || s.holding || ons.some(Boolean)) && !silencers.some((f) => f(now));
      s.gateFade = stepToward(s.gateFade, open ? 1 : 0, dt, GATE_SECONDS);
      target *= s.gateFade;
      if (target > 0 && !audio.isPlaying && running) {
        audio.offset = loopOffset(id, s.buffer!.duration);
        audio.play();
      } else if (target === 0 && audio.isPlaying) audio.stop(0.25);
    } else {
      if (rising) s.wanted = now;
      if (allowed && running && now - s.wanted < LATE_START) {
        if (audio.isPlaying) audio.stop();
        audio.play();
        s.wanted = -Infinity;
      }
    }
    if (Math.abs(target - s.gain) > 0.001) {
      audio.gain.gain.setTargetAtTime(target, audio.context.currentTime, 0.08);
      s.gain = target;
    }
  });

  return <group ref={anchor} name={`sound:${id}`} position={position} userData={{ soundCueId: id, sceneId: clock.sceneId, sound, minLevel }} />;
}

/** Calls `fire` when `active` turns true (a rising edge), for scenes that time a sound by their own animation. */
export function risingEdge(fire: () => void): (active: boolean) => void {
  let was = false;
  return (active) => {
    if (active && !was) fire();
    was = active;
  };
}
