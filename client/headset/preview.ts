import type { HeadsetDirective, PersonalisationValues, Posture, ScenePlacement } from '../../contract';
import { findScene } from '../../scenes/manifests';
import { useHeadset } from './headsetStore';

/**
 * Shows one scene level with no session and no server link (the scene appears at once, no fade).
 * `?preview=bar&level=2&posture=standing&p.preferred-drink=wine` also sets posture and personalisation.
 */
export function startPreview(params: URLSearchParams): void {
  const personalisation = Object.fromEntries([...params].filter(([k]) => k.startsWith('p.')).map(([k, v]) => [k.slice(2), v]));
  const posture: Posture = params.get('posture') === 'standing' ? 'standing' : 'seated';
  useHeadset.setState({ mode: 'paired' });
  previewControls.show(params.get('preview') ?? 'gallery', Number(params.get('level') ?? 0), { posture, personalisation });
  Object.assign(window, { cueroomPreview: previewControls });
}

function direct(patch: Partial<HeadsetDirective> & { scene: ScenePlacement }): HeadsetDirective {
  const before = useHeadset.getState().directive;
  return {
    commandId: null,
    stopped: false,
    prompt: null,
    guidance: null,
    event: null,
    posture: before?.posture ?? 'seated',
    recenter: before?.recenter ?? 0,
    personalisation: before?.personalisation ?? {},
    ...patch,
    revision: (before?.revision ?? 0) + 1,
  };
}

/**
 * The preview's in-page controls (`window.cueroomPreview`): one page goes through every scene and level
 * without reloading, for the scene tests, the contact sheet and the render bench. Nothing is sent anywhere.
 */
const previewControls = {
  /** A scene at a level at once, as it appears behind the dark veil after a scene change. */
  show(sceneId: string, level: number, settings: { posture?: Posture; personalisation?: PersonalisationValues } = {}): void {
    const scene = findScene(sceneId) ? { sceneId, level } : { sceneId: 'gallery', level: 0 };
    useHeadset.setState({ shown: scene, shownAt: performance.now() / 1000, directive: direct({ scene, ...settings }), phase: 'steady', events: [] });
  },
  /** A level change as a clinician makes it in a session: the headset fades the cues. */
  setLevel(level: number): void {
    const { shown } = useHeadset.getState();
    useHeadset.setState({ directive: direct({ scene: { sceneId: shown.sceneId, level } }) });
  },
  /** Moves the level's clock to `seconds` since the level started, e.g. into a timed segment. */
  seek(seconds: number): void {
    useHeadset.setState({ shownAt: performance.now() / 1000 - seconds });
  },
  /** A clinician-fired scene event, e.g. the friend's offer. */
  fire(eventId: string): void {
    const fired = { id: crypto.randomUUID(), eventId, startedAt: performance.now() / 1000 };
    useHeadset.setState((s) => ({ events: [...s.events.slice(-4), fired] }));
  },
};
