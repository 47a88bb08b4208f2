import { createContext, useContext } from 'react';
import { findScene } from '../manifests';
import type { SceneLevel } from '../manifestSchema';
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

const now = () => performance.now() / 1000;
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

/**
 * A getter for a timed segment of the shown level (from its manifest), to call inside useFrame: the
 * avatar drinks, the lighter flames, exactly when the manifest (and so the server's safety gate) says.
 */
export function useSegment(segmentId: string): () => Phase {
  const clock = useContext(SceneClockContext);
  const segment = findScene(clock.sceneId)?.levels[clock.level]?.segments.find((s) => s.id === segmentId);
  return () => (segment ? segmentPhase(segment, now() - clock.levelStartedAt) : idle);
}

/** A getter for a clinician-fired scene event (e.g. "a friend offers a drink"), to call inside useFrame. */
export function useSceneEvent(eventId: string): () => Phase {
  const clock = useContext(SceneClockContext);
  const event = findScene(clock.sceneId)?.events.find((e) => e.id === eventId);
  return () => (event ? eventPhase(clock.events, eventId, event.duration, now()) : idle);
}
