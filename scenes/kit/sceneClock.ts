import { createContext, useContext } from 'react';
import type { SceneLevel } from '../manifestSchema';
import { findScene } from '../manifests';
import { occurrences } from '../timeline';

/** When the shown level started and which clinician-fired events are playing, in seconds of `performance.now()`. */
export interface SceneClock {
  sceneId: string;
  level: number;
  levelStartedAt: number;
  /** Each firing of a clinician event: which manifest event, and when it started. */
  events: { eventId: string; startedAt: number }[];
}

export const SceneClockContext = createContext<SceneClock>({ sceneId: '', level: 0, levelStartedAt: 0, events: [] });

export interface Phase {
  active: boolean;
  /** 0 → 1 through the current occurrence; 0 when inactive. */
  progress: number;
}

/** Seconds on the scene clock's time base. */
export const clockNow = () => performance.now() / 1000;
const idle: Phase = { active: false, progress: 0 };

/** Where a timed segment stands at second `t` of its level. */
export function segmentPhase(segment: SceneLevel['segments'][number], t: number): Phase {
  const w = occurrences(segment, t, t + 1e-9).find((o) => o.start <= t && t < o.end);
  return w ? { active: true, progress: (t - w.start) / (w.end - w.start) } : idle;
}

/** Where the last firing of a clinician event stands at `now` (seconds), given how long the event lasts. */
export function eventPhase(events: SceneClock['events'], eventId: string, duration: number, now: number): Phase {
  const fired = events.filter((e) => e.eventId === eventId).at(-1);
  if (!fired) return idle;
  const p = (now - fired.startedAt) / duration;
  return p >= 0 && p < 1 ? { active: true, progress: p } : idle;
}

/** A timer for a segment of the shown level (from its manifest): its phase at any `now`. */
export function segmentTimer(clock: SceneClock, segmentId: string): (now: number) => Phase {
  const segment = findScene(clock.sceneId)?.levels[clock.level]?.segments.find((s) => s.id === segmentId);
  return (now) => (segment ? segmentPhase(segment, now - clock.levelStartedAt) : idle);
}

/** A timer for the latest firing of a clinician-fired scene event: its phase at any `now`. */
export function eventTimer(clock: SceneClock, eventId: string): (now: number) => Phase {
  const event = findScene(clock.sceneId)?.events.find((e) => e.id === eventId);
  return (now) => (event ? eventPhase(clock.events, eventId, event.duration, now) : idle);
}

/**
 * A getter for a timed segment of the shown level (from its manifest), to call inside useFrame: the
 * avatar drinks, the lighter flames, exactly when the manifest (and so the server's safety gate) says.
 */
export function useSegment(segmentId: string): () => Phase {
  const timer = segmentTimer(useContext(SceneClockContext), segmentId);
  return () => timer(clockNow());
}

/** A getter for a clinician-fired scene event (e.g. "a friend offers a drink"), to call inside useFrame. */
export function useSceneEvent(eventId: string): () => Phase {
  const timer = eventTimer(useContext(SceneClockContext), eventId);
  return () => timer(clockNow());
}
