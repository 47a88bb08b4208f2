import { create } from 'zustand';
import type { HeadsetDirective, ScenePlacement } from '../../contract';
import { SAFE_SCENE } from '../../scenes/manifests';

export type TransitionPhase = 'steady' | 'out' | 'in' | 'settling';

export interface HeadsetState {
  mode: 'connecting' | 'pairing' | 'paired' | 'ended';
  code: string | null;
  directive: HeadsetDirective | null;
  /** The control link has been down longer than the grace period: the headset made itself safe. */
  linkLost: boolean;
  shown: ScenePlacement;
  /** `performance.now()` seconds when `shown` last changed: the clock of the level's timed segments. */
  shownAt: number;
  phase: TransitionPhase;
  /** Revision of the directive the headset last finished showing and reported. */
  appliedRevision: number | null;
  immersive: boolean;
  /** The mark the patient has placed on the scale, not yet confirmed. */
  ratingDraft: { promptId: string; value: number } | null;
  /** Active-use segments the headset is rendering right now (it refuses the rating panel meanwhile). */
  activeUseShowing: string[];
  /** Clinician-fired scene events, with the local time they started. */
  events: { id: string; eventId: string; startedAt: number }[];
}

export const useHeadset = create<HeadsetState>(() => ({
  mode: 'connecting',
  code: null,
  directive: null,
  linkLost: false,
  shown: { ...SAFE_SCENE },
  shownAt: performance.now() / 1000,
  phase: 'steady',
  appliedRevision: null,
  immersive: false,
  ratingDraft: null,
  activeUseShowing: [],
  events: [],
}));

/** Changes what is shown and restarts the level's segment clock. */
export function show(scene: ScenePlacement): void {
  useHeadset.setState({ shown: { ...scene }, shownAt: performance.now() / 1000 });
}

/** What the headset should show now: the server's directive, or the safe scene when the link is lost. */
export function targetOf(s: HeadsetState): { scene: ScenePlacement; revision: number | null; stopped: boolean } {
  if (s.linkLost || !s.directive) return { scene: { ...SAFE_SCENE }, revision: null, stopped: s.linkLost };
  return { scene: s.directive.scene, revision: s.directive.revision, stopped: s.directive.stopped };
}
